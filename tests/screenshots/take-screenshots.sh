#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Retakes docs/screenshots/*.png (README.md, the AppStream metainfo) under Xvfb: builds
# cimdiag-screenshots in BUILD_DIR, runs it on a virtual 1280x800 screen with the DejaVu fonts and
# shrinks the PNGs with optipng when it is installed. See docs/screenshots/README.md.
#   tests/screenshots/take-screenshots.sh [BUILD_DIR] [cimdiag-screenshots options...]
set -eu
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$source_dir/build/ci}
[ $# -gt 0 ] && shift
out_dir=$source_dir/docs/screenshots

for tool in xvfb-run xauth fc-match; do
    command -v "$tool" >/dev/null || { echo "take-screenshots: $tool is missing (apt-get install xvfb xauth fontconfig)" >&2; exit 1; }
done
fc-list | grep -q DejaVuSans || { echo "take-screenshots: install fonts-dejavu-core" >&2; exit 1; }

ninja -C "$build_dir" cimdiag-screenshots cimdiag-sim

# A fixed look whatever the desktop says: C locale, Fusion, 96 dpi, no scaling, DejaVu Sans.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=xcb QT_STYLE_OVERRIDE=Fusion QT_SCALE_FACTOR=1 \
    QT_AUTO_SCREEN_SCALE_FACTOR=0 QT_ENABLE_HIGHDPI_SCALING=0 QT_QPA_PLATFORMTHEME=
unset QT_SCREEN_SCALE_FACTORS
xvfb-run -a -s "-screen 0 1600x1000x24 -dpi 96" \
    "$build_dir/tests/screenshots/cimdiag-screenshots" --out "$out_dir" "$@"

if command -v optipng >/dev/null; then
    optipng -quiet -o2 -strip all "$out_dir"/*.png
else
    echo "take-screenshots: optipng is not installed; the PNGs are not optimised" >&2
fi
ls -l "$out_dir"/*.png
