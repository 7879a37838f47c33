#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs Debian's sblim-wbemcli against cimdiag-sim (scenario healthy) over http and https: enumerate
# class names, instance names, instances, and get one instance. Proves that a CIM client we did not
# write understands the simulator. Usage: wbemcli-against-sim.sh PATH/TO/cimdiag-sim
set -euo pipefail

sim=${1:?usage: $0 PATH/TO/cimdiag-sim}
if ! command -v wbemcli >/dev/null; then
    echo "wbemcli not installed (apt-get install sblim-wbemcli): skipping"
    exit 77
fi

work=$(mktemp -d)
sim_pid=
cleanup() {
    if [[ -n $sim_pid ]]; then
        kill -TERM "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$sim" --scenario healthy --ca-file "$work/ca.pem" >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do
    grep -q '^ready$' "$work/sim.out" && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.out"; exit 1; }
    sleep 0.1
done
grep -q '^ready$' "$work/sim.out" || { echo "cimdiag-sim did not start"; cat "$work/sim.out"; exit 1; }
http_port=$(sed -n 's|^http: http://127.0.0.1:||p' "$work/sim.out")
https_port=$(sed -n 's|^https: https://127.0.0.1:||p' "$work/sim.out")
echo "cimdiag-sim: http $http_port, https $https_port"

failures=0
check() { # check DESCRIPTION EXPECTED-REGEX wbemcli-args...
    local description=$1 expected=$2
    shift 2
    local output
    if ! output=$(timeout 30 wbemcli "$@" 2>&1); then
        echo "FAIL $description: wbemcli exited with an error"
        echo "$output" | head -20
        failures=$((failures + 1))
        return
    fi
    if grep -Eq "$expected" <<<"$output"; then
        echo "PASS $description"
    else
        echo "FAIL $description: output does not match /$expected/"
        echo "$output" | head -20
        failures=$((failures + 1))
    fi
}

for scheme in http https; do
    if [[ $scheme == http ]]; then
        base="http://cimuser:cimpass@127.0.0.1:$http_port/root/cimv2"
        tls=()
    else
        # The leaf's SAN has DNS:localhost and IP:127.0.0.1; wbemcli verifies against the written CA.
        base="https://cimuser:cimpass@localhost:$https_port/root/cimv2"
        tls=(-cacert "$work/ca.pem")
    fi
    check "$scheme ecn" ':CIMDIAG_Fan$' "${tls[@]}" ecn "$base"
    check "$scheme ecn names CIM_ManagedElement" ':CIM_ManagedElement$' "${tls[@]}" ecn "$base"
    check "$scheme ein CIMDIAG_Fan" 'CIMDIAG_Fan\..*DeviceID="FAN1"' "${tls[@]}" ein "$base:CIMDIAG_Fan"
    check "$scheme ei CIMDIAG_Fan" 'DeviceID="FAN1".*' "${tls[@]}" ei "$base:CIMDIAG_Fan"
    # Capture the whole output first: "| head -1" under pipefail fails when wbemcli gets SIGPIPE.
    names=$(timeout 30 wbemcli "${tls[@]}" ein "$base:CIMDIAG_Fan")
    path=${names%%$'\n'*}
    path=${path#*:*/root/cimv2:} # drop host:port/namespace: wbemcli wants it from the URL
    check "$scheme gi $path" 'DeviceID="FAN1"' "${tls[@]}" gi "$base:$path"
done

# Wrong password: wbemcli reports the 401.
check_fails() {
    local description=$1
    shift
    if timeout 30 wbemcli "$@" >"$work/fail.out" 2>&1; then
        echo "FAIL $description: wbemcli succeeded"
        failures=$((failures + 1))
    else
        echo "PASS $description ($(head -1 "$work/fail.out"))"
    fi
}
check_fails "http wrong password" ecn "http://cimuser:wrong@127.0.0.1:$http_port/root/cimv2"
check_fails "https untrusted CA" ecn "https://cimuser:cimpass@localhost:$https_port/root/cimv2"

# The simulator must stop cleanly on SIGTERM.
kill -TERM "$sim_pid"
status=0
wait "$sim_pid" || status=$?
sim_pid=
if [[ $status -ne 0 ]]; then
    echo "FAIL cimdiag-sim exited with $status on SIGTERM"
    failures=$((failures + 1))
else
    echo "PASS cimdiag-sim stopped on SIGTERM"
fi

((failures == 0)) || { echo "$failures check(s) failed"; exit 1; }
echo "all wbemcli checks passed"
