#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Set-up for a fresh Debian 12 machine: installs the Debian packages cimdiag needs (only those missing,
# so running it again changes nothing), configures, builds, then runs the main job or the tests.
#   ./bootstrap.sh run    build (release preset) and run the main job
#   ./bootstrap.sh test   build (ci preset) and run the whole test suite through ctest, then the
#                         robustness runs: every fuzz target for 30 s and the ASan+UBSan subset
set -euo pipefail
cd "$(dirname "$0")"

packages=(
    qt6-base-dev qt6-tools-dev qt6-l10n-tools libssl-dev libxml2-dev cmake ninja-build g++ dpkg-dev file
    libxml2-utils # xmllint validates what the CIM-XML writer produces against the DMTF DTD
    sblim-wbemcli # a foreign CIM client the SimWbemcli ctest runs against cimdiag-sim
    qt6-qpa-plugins # the xcb platform for the desktop app, offscreen for the widget tests
    fonts-dejavu-core # without a font every glyph in an offscreen rendering is a box
    python3-jsonschema # TestDiagnosticReport validates the report JSON against docs/report.schema.json
    poppler-utils # pdftotext reads the exported PDF report back in TestReportExport
    chromium # TestReportExport opens the HTML report in headless Chromium (screenshot, console errors)
    librsvg2-bin # rsvg-convert renders the PNG icon sizes from packaging/icons/*.svg at build time
    desktop-file-utils appstream groff-base # the Packaging* ctests lint the desktop file, metainfo, man pages
    qtkeychain-qt6-dev # saved connection profiles keep passwords only in the system keychain (core/profile)
    gnome-keyring dbus-daemon # TestConnectionProfiles runs under its own D-Bus session with an unlocked keyring
    clang libclang-rt-14-dev # the libFuzzer targets under tests/fuzz (clang++, libFuzzer and its sanitizer runtimes)
    qt6-translations-l10n # Qt's own strings (qtbase_de.qm, ...) next to cimdiag's translations (core/i18n/AppTranslator)
)

install_missing_packages() {
    local missing=() pkg
    for pkg in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    echo "bootstrap: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends "${missing[@]}"
}

build() {
    cmake --preset "$1" >/dev/null
    cmake --build --preset "$1" --parallel "$(nproc)"
}

# Issue #10 (docs/fuzzing.md, docs/ci.md): one clang tree (build/sanitize, ASan + UBSan) builds the
# libFuzzer targets and the ASan+UBSan subset of the suite; each target then fuzzes for 30 s and the
# subset (label asan-ci) runs. (Called after `||`, where set -e is off: statuses are chained by hand.)
robustness_tests() {
    local status=0
    build sanitize || return
    ctest --preset fuzz --parallel "$(nproc)" || status=$?
    ctest --preset asan-ci --parallel "$(nproc)" || status=$?
    return "$status"
}

# Without a display, the main job is the same diagnosis through the CLI: the simulator on loopback,
# once healthy, once with a self-signed certificate (the most common failure in the field).
cli_demo() {
    local sim=build/release/app/sim/cimdiag-sim cli=build/release/app/cli/cimdiag-cli
    local dir scenario port status=0 pid
    dir=$(mktemp -d)
    for scenario in healthy cert-self-signed; do
        "$sim" --scenario "$scenario" --ca-file "$dir/ca.pem" >"$dir/sim.out" 2>&1 &
        pid=$!
        for _ in $(seq 100); do grep -q '^ready' "$dir/sim.out" && break; sleep 0.1; done
        port=$(sed -n 's|^https: https://127.0.0.1:\([0-9]*\).*|\1|p' "$dir/sim.out")
        echo "== cimdiag-cli check against cimdiag-sim --scenario $scenario"
        CIMDIAG_DEMO_PASSWORD=cimpass "$cli" check "https://127.0.0.1:$port" --ca "$dir/ca.pem" \
            --user cimuser --password-env CIMDIAG_DEMO_PASSWORD || status=$?
        kill "$pid"; wait "$pid" 2>/dev/null || true
        echo
        # 0 passed, 1 warnings, 2 failures: all are diagnoses; anything else is a broken demo.
        ((status <= 2)) || break
    done
    rm -rf "$dir"
    ((status <= 2))
}

# The main job: the desktop app in demo mode (the embedded simulator, the wizard pointed at it).
demo() {
    if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
        exec build/release/app/gui/cimdiag --demo
    fi
    echo "bootstrap: no display (DISPLAY and WAYLAND_DISPLAY are unset): running the same diagnosis with cimdiag-cli"
    echo
    cli_demo
}

case "${1:-}" in
run)
    install_missing_packages
    build release
    demo
    ;;
test)
    install_missing_packages
    build ci
    status=0
    ctest --preset ci --parallel "$(nproc)" || status=$?
    robustness_tests || status=$?
    exit "$status"
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 64
    ;;
esac
