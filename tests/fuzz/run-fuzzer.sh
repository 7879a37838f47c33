#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a bounded time, as the "fuzz" ctests do:
#   run-fuzzer.sh <fuzzer> <seconds> <work-dir> <dictionary or -> <seed-dir>...
# New inputs go to <work-dir>/corpus (libFuzzer writes only into its first corpus directory), crash
# inputs to <work-dir>/artifacts/; the seed directories, in the source tree, are only read.
set -euo pipefail
fuzzer=$1 seconds=$2 work=$3 dict=$4
shift 4
mkdir -p "$work/corpus" "$work/artifacts"
args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
    -artifact_prefix="$work/artifacts/")
[[ $dict == - ]] || args+=(-dict="$dict")
# A failure must name the artefact; libFuzzer prints "Test unit written to <path>" before it exits.
exec "$fuzzer" "${args[@]}" "$work/corpus" "$@"
