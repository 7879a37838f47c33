#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-with-keyring.sh [--no-keyring] COMMAND [ARGS...]
#
# Runs COMMAND with HOME and every XDG base directory in a fresh temporary directory (exported as
# CIMDIAG_TEST_HOME, so the test can scan every file written there; removed afterwards), and
#   by default:    under its own D-Bus session bus with an unlocked gnome-keyring Secret Service,
#                  CIMDIAG_TEST_KEYRING=available (toolchain.md: QtKeychain needs both);
#   --no-keyring:  with DBUS_SESSION_BUS_ADDRESS pointing at a socket that does not exist, so no
#                  keychain answers, CIMDIAG_TEST_KEYRING=absent.
# The user's own session bus, keyring and settings are never touched. Exits 77 (a ctest skip) when
# dbus-run-session or gnome-keyring-daemon is not installed.
set -eu

mode=available
if [ "${1-}" = --no-keyring ]; then
    mode=absent
    shift
fi
if [ "$mode" = available ]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        command -v "$tool" >/dev/null 2>&1 || { echo "run-with-keyring.sh: $tool is not installed" >&2; exit 77; }
    done
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/cimdiag-keyring.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir -p "$dir/home" "$dir/config" "$dir/data" "$dir/cache" "$dir/state" "$dir/runtime"
chmod 700 "$dir" "$dir/runtime"
export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache" \
    XDG_STATE_HOME="$dir/state" XDG_RUNTIME_DIR="$dir/runtime" CIMDIAG_TEST_HOME="$dir" CIMDIAG_TEST_KEYRING="$mode"
# Nothing may lead QtKeychain to another backend or the caller's keyring.
unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK XDG_CURRENT_DESKTOP KDE_SESSION_VERSION KDE_FULL_SESSION DESKTOP_SESSION \
    XDG_SESSION_DESKTOP DISPLAY WAYLAND_DISPLAY 2>/dev/null || true

status=0
if [ "$mode" = absent ]; then
    DBUS_SESSION_BUS_ADDRESS="unix:path=$dir/no-such-bus" "$@" || status=$?
else
    # --unlock reads the login keyring's password from stdin (it must not be empty) and creates
    # that keyring in $XDG_DATA_HOME/keyrings, encrypted with it. The daemon leaves with the bus.
    dbus-run-session -- sh -c 'printf %s cimdiag-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
        sh "$@" || status=$?
fi
exit "$status"
