#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb and the .tar.gz from an already built tree (cpack only installs and packs; it does not
# compile), unpacks the .deb into a temporary root with dpkg -x and checks it as a user would get it:
# the programs start from there, every desktop-integration file is in its standard place, AppStream
# accepts the tree, and the control fields are right.
#   deb-package.sh BUILD_DIR VERSION APP_ID
set -euo pipefail
build_dir=$1 version=$2 app_id=$3

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# -B keeps cpack's staging (_CPack_Packages) out of the build tree, so parallel runs do not collide.
cpack --config "$build_dir/CPackConfig.cmake" -G "DEB;TGZ" -B "$work/out" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    exit 1
}
debs=("$work"/out/*.deb)
tarballs=("$work"/out/*.tar.gz)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || { echo "FAIL: cpack made no single .deb" >&2; ls -l "$work/out" >&2; exit 1; }
[[ ${#tarballs[@]} -eq 1 && -f ${tarballs[0]} ]] || { echo "FAIL: cpack made no single .tar.gz" >&2; exit 1; }
deb=${debs[0]}
echo "built $(basename "$deb") and $(basename "${tarballs[0]}")"

# The control fields.
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == cimdiag ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version"-* ]] || fail "Version '$(field Version)' is not $version-<release>"
[[ $(field Section) == net ]] || fail "Section is '$(field Section)', not net"
[[ $(field Maintainer) =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fail "Maintainer '$(field Maintainer)' is not 'Name <address>'"
depends=$(field Depends)
echo "Depends: $depends"
# Split on commas: each entry is "name [(version)]".
mapfile -t dependencies < <(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ *(.*$//')
for needed in qt6-qpa-plugins libqt6core6 libqt6network6 libqt6widgets6 libssl3 libxml2; do
    printf '%s\n' "${dependencies[@]}" | grep -qx "$needed" || fail "Depends lacks $needed"
done
description=$(field Description)
[[ $(head -n1 <<<"$description") == "CIM/WBEM connection diagnostics" ]] || fail "the synopsis is '$(head -n1 <<<"$description")'"
(($(wc -l <<<"$description") > 3)) || fail "no extended description"
if awk 'length > 80 { exit 1 }' <<<"$description"; then :; else fail "a Description line is longer than 80 columns"; fi

# The files, where the freedesktop.org specifications and Debian look for them.
root=$work/root
dpkg -x "$deb" "$root"
expected=(
    usr/bin/cimdiag usr/bin/cimdiag-cli usr/bin/cimdiag-sim
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    usr/share/man/man1/cimdiag.1.gz usr/share/man/man1/cimdiag-cli.1.gz usr/share/man/man1/cimdiag-sim.1.gz
    usr/share/doc/cimdiag/copyright usr/share/doc/cimdiag/LICENSE
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for file in "${expected[@]}"; do
    [[ -s $root/$file ]] || fail "the package lacks /$file"
done
for program in cimdiag cimdiag-cli cimdiag-sim; do
    [[ -x $root/usr/bin/$program ]] || fail "/usr/bin/$program is not executable"
done
for size in 16 48 512; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    [[ -f $png ]] && { file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x$size PNG: $(file -b "$png")"; }
done
for page in cimdiag cimdiag-cli cimdiag-sim; do
    gz=$root/usr/share/man/man1/$page.1.gz
    [[ -f $gz ]] && { zcat "$gz" | grep -q "^\.TH ${page^^} 1" || fail "$page.1.gz has no .TH ${page^^} 1 line"; }
done
grep -q "^Exec=cimdiag" "$root/usr/share/applications/$app_id.desktop" || fail "the desktop file does not run cimdiag"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "the metainfo has no release entry for $version"
# The metainfo with its desktop file and icon, as the software centres read the installed tree.
appstreamcli validate-tree --no-net "$root" >"$work/tree.log" 2>&1 || { cat "$work/tree.log" >&2; fail "appstreamcli validate-tree"; }
# Nothing outside /usr (no /usr/local, no build paths).
unexpected=$(dpkg-deb --contents "$deb" | awk '{ print $6 }' | grep -v '^\./usr/' || true)
[[ -z $unexpected ]] || fail "files outside /usr: $unexpected"

# The programs run from the unpacked tree, without a display (the desktop app's --version must not
# need one), and report the package's version.
for program in cimdiag-cli cimdiag-sim cimdiag; do
    output=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/$program" --version 2>&1) \
        || fail "$program --version exited with $?: $output"
    [[ $output == "$program $version" ]] || fail "$program --version printed '$output', not '$program $version'"
done
help=$("$root/usr/bin/cimdiag-cli" check --help) || fail "cimdiag-cli check --help failed"
grep -q -- "--password-stdin" <<<"$help" || fail "cimdiag-cli check --help from the package lists no --password-stdin"

# The tarball holds the same files (relative to its top folder).
tar -tzf "${tarballs[0]}" | sed 's|^[^/]*/||' >"$work/tgz.list"
for file in "${expected[@]}"; do
    grep -qx "${file#usr/}" "$work/tgz.list" || fail "the tarball lacks ${file#usr/}"
done

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "the package is complete and its programs run"
