#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every benchmark under tests/bench one after the other and prints ONE markdown table of their
# headline figures (each benchmark writes them with --summary FILE, see BenchSummary.h), under a header
# naming the machine, its load before and after, the build and the commit. See README.md here.
#
#   tests/bench/run-all.sh [--no-build] [BUILD_DIR]
#
# BUILD_DIR defaults to build/release (the release preset, configured here when it does not exist
# yet: the figures of record are an optimised build's). Unless --no-build is given, the benchmarks are
# built first (`cmake --build BUILD_DIR --target benchmarks`). Each benchmark's own output goes to
# BUILD_DIR/bench-results/<name>.log, its rows to <name>.tsv, the table to summary.md (and stdout).
# Exit status: 0 when every benchmark ran (a missed goal is a row of the table, not an error), 1 when
# one failed to build, to run or to reach its expected results, 2 on a usage error.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
benchmarks=(bench_decode bench_operations bench_diagnosis bench_log_view bench_gui_stall)

build=1
build_dir=
for argument in "$@"; do
    case $argument in
    --no-build) build=0 ;;
    -h | --help)
        sed -n '3,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
        exit 0
        ;;
    -*)
        echo "run-all.sh: unknown option $argument" >&2
        exit 2
        ;;
    *)
        if [[ -n $build_dir ]]; then
            echo "run-all.sh: one build directory only" >&2
            exit 2
        fi
        build_dir=$argument
        ;;
    esac
done

if [[ -z $build_dir ]]; then
    build_dir=$source_dir/build/release
    if [[ ! -f $build_dir/CMakeCache.txt ]]; then
        echo "run-all.sh: configuring $build_dir (cmake --preset release)" >&2
        (cd "$source_dir" && cmake --preset release) >&2
    fi
fi
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
    echo "run-all.sh: $build_dir is not a configured build directory (cmake --preset release)" >&2
    exit 2
fi
build_dir=$(cd "$build_dir" && pwd)

if ((build)); then
    echo "run-all.sh: building the benchmarks in $build_dir" >&2
    if ! cmake --build "$build_dir" --target benchmarks >&2; then
        echo "run-all.sh: the benchmarks did not build" >&2
        exit 1
    fi
fi

results=$build_dir/bench-results
mkdir -p "$results"
for name in "${benchmarks[@]}"; do
    rm -f "$results/$name.tsv" "$results/$name.log"
done

cache_value() { # the value of a CMakeCache.txt entry
    sed -n "s/^$1:[A-Z]*=//p" "$build_dir/CMakeCache.txt" | head -n 1
}
loadavg() {
    cut -d ' ' -f 1-3 /proc/loadavg
}

# The machine, before anything runs.
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(loadavg)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cpu_count=$(nproc)
ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
kernel="$(uname -sr) $(uname -m)"
# shellcheck source=/dev/null
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")
build_type=$(cache_value CMAKE_BUILD_TYPE)
compiler=$(cache_value CMAKE_CXX_COMPILER)
compiler_version=$("$compiler" --version 2>/dev/null | head -n 1 || true)
qt_version=$(cat "$(cache_value Qt6Core_DIR)"/Qt6CoreConfigVersion*.cmake 2>/dev/null |
    sed -n 's/^[[:space:]]*set(PACKAGE_VERSION "\([0-9.]*\)")$/\1/p' | head -n 1 || true)
preset=
if [[ $build_dir == "$source_dir/build/"* ]]; then
    preset=" (preset ${build_dir#"$source_dir/build/"})"
fi
commit=$(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
branch=$(git -C "$source_dir" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?')
if [[ $commit != unknown && -n $(git -C "$source_dir" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    commit="$commit (with uncommitted changes)"
fi

# The benchmarks, one at a time (they would disturb each other's figures).
declare -A status seconds
failed=0
for name in "${benchmarks[@]}"; do
    binary=$build_dir/tests/bench/$name
    if [[ ! -x $binary ]]; then
        status[$name]="not built"
        seconds[$name]=0
        failed=1
        echo "run-all.sh: $name: not built ($binary)" >&2
        continue
    fi
    echo "run-all.sh: running $name (output: $results/$name.log)" >&2
    begin=$(date +%s.%N)
    rc=0
    "$binary" --summary "$results/$name.tsv" >"$results/$name.log" 2>&1 || rc=$?
    seconds[$name]=$(echo "$(date +%s.%N) $begin" | awk '{ printf "%.1f", $1 - $2 }')
    if ((rc != 0)); then
        status[$name]="FAILED (exit $rc)"
        failed=1
    elif [[ ! -s $results/$name.tsv ]]; then
        status[$name]="FAILED (no summary written)"
        failed=1
    else
        status[$name]=ok
    fi
    echo "run-all.sh: $name: ${status[$name]}, ${seconds[$name]} s" >&2
done
load_after=$(loadavg)

# The table. Every TSV row: benchmark figure value unit baseline baseline_value ratio goal met.
{
    echo "## All benchmarks, $started"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| commit | $commit, branch $branch |"
    echo "| build | $build_dir$preset, CMAKE_BUILD_TYPE=$build_type, ${compiler_version:-$compiler}, Qt ${qt_version:-?} |"
    echo "| CPU | $cpu_model, $cpu_count cores |"
    echo "| RAM | $ram |"
    echo "| system | $os, $kernel |"
    echo "| load average (1, 5, 15 min) | before $load_before; after $load_after |"
    echo "| GUI benchmarks | QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} |"
    echo
    echo "| benchmark | figure | value | baseline | ratio | goal | result |"
    echo "|---|---|---|---|---|---|---|"
    for name in "${benchmarks[@]}"; do
        first=$name
        if [[ ${status[$name]} != ok ]]; then
            where="see $results/$name.log"
            [[ ${status[$name]} == "not built" ]] && where="no $build_dir/tests/bench/$name"
            echo "| $name | **${status[$name]}**: $where | | | | | |"
            first=
        fi
        if [[ -s $results/$name.tsv ]]; then
            awk -F '\t' -v first="$first" '
                function cell(text) { gsub(/\|/, "\\|", text); return text }
                NR == 1 { next } # the header line
                {
                    unit = $4 == "" ? "" : ($4 == "x" ? "x" : " " $4)
                    value = $3 == "n/a" ? "n/a" : $3 unit
                    baseline = $6 == "" ? "" : $6 unit " (" $5 ")"
                    ratio = $7 == "" ? "" : $7 "x"
                    result = $9 == "MISSED" ? "**MISSED**" : $9
                    printf "| %s | %s | %s | %s | %s | %s | %s |\n", (NR == 2 ? first : ""), cell($2), cell(value),
                        cell(baseline), ratio, cell($8), result
                }' "$results/$name.tsv"
        fi
    done
    echo
    printf 'Run times:'
    separator=' '
    for name in "${benchmarks[@]}"; do
        printf '%s%s %s s (%s)' "$separator" "$name" "${seconds[$name]}" "${status[$name]}"
        separator='; '
    done
    echo '.'
    missed=$(cat "$results"/bench_*.tsv 2>/dev/null | awk -F '\t' '$9 == "MISSED"' | wc -l || true)
    echo "Goals missed: $missed. Each benchmark's full output: $results/<name>.log."
} >"$results/summary.md"

cat "$results/summary.md"
exit $failed
