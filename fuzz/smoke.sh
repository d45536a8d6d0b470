#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: runs the libFuzzer targets that fuzz/build.sh built, each for a
# short time, and fails if any of them finds a crash, a leak, a timeout or
# runs out of memory.
#
#   fuzz/smoke.sh [SECONDS [TARGET...]]
#
# SECONDS per target (default 20); TARGET names such as fuzz_uri (default
# all of $OUT). Runs SIPW_FUZZ_JOBS targets at once (default 2). OUT and
# WORK as for fuzz/build.sh (default build-fuzz/out, build-fuzz/work). Each
# target grows its corpus in $WORK/corpus/TARGET, starting from the seeds
# build.sh cut in $WORK/seeds/TARGET; its log is $WORK/logs/TARGET.log and
# a crashing input lands in $WORK/artifacts/. Writes one line per target to
# $WORK/smoke.tsv: target, ok or FAILED, executions, executions per second,
# coverage (edges), features.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
secs=${1:-20}
[ $# -gt 0 ] && shift
OUT=${OUT:-$top/build-fuzz/out}
WORK=${WORK:-$top/build-fuzz/work}
jobs=${SIPW_FUZZ_JOBS:-2}

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    for f in "$OUT"/fuzz_*; do
        case $f in *.dict | *.zip) continue ;; esac
        [ -x "$f" ] && targets+=("$(basename "$f")")
    done
fi
if [ "${#targets[@]}" -eq 0 ]; then
    echo "smoke: no targets in $OUT (run fuzz/build.sh first)" >&2
    exit 2
fi
mkdir -p "$WORK/logs" "$WORK/artifacts"

run_one() {
    local t=$1 seeds=$WORK/seeds/$1 corpus=$WORK/corpus/$1 dict=()
    mkdir -p "$corpus"
    if [ ! -d "$seeds" ] && [ -f "$OUT/${t}_seed_corpus.zip" ]; then
        mkdir -p "$seeds" && (cd "$seeds" && unzip -qo "$OUT/${t}_seed_corpus.zip")
    fi
    [ -f "$OUT/$t.dict" ] && dict=(-dict="$OUT/$t.dict")
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$OUT/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$t-" \
        "${dict[@]}" "$corpus" "$seeds" >"$WORK/logs/$t.log" 2>&1
    echo $? >"$WORK/logs/$t.rc"
}

echo "smoke: ${targets[*]}: ${secs}s each, $jobs at a time (logs in $WORK/logs)"
running=0
for t in "${targets[@]}"; do
    if [ ! -x "$OUT/$t" ]; then
        echo "smoke: no $OUT/$t" >&2
        exit 2
    fi
    rm -f "$WORK/logs/$t.rc" "$WORK/artifacts/$t"-*
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=0
: >"$WORK/smoke.tsv"
printf '%-16s %-7s %12s %9s %7s %8s\n' target result execs exec/s edges features
for t in "${targets[@]}"; do
    log=$WORK/logs/$t.log
    rc=$(cat "$WORK/logs/$t.rc" 2>/dev/null || echo 99)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
    edges=$(awk '{print $2}' <<<"$cov")
    ft=$(awk '{print $4}' <<<"$cov")
    result=ok
    if [ "$rc" -ne 0 ]; then
        result=FAILED
        failed=$((failed + 1))
    fi
    printf '%-16s %-7s %12s %9s %7s %8s\n' "$t" "$result" "${execs:--}" \
        "${rate:--}" "${edges:--}" "${ft:--}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$result" "${execs:--}" \
        "${rate:--}" "${edges:--}" "${ft:--}" >>"$WORK/smoke.tsv"
done
for t in "${targets[@]}"; do
    rc=$(cat "$WORK/logs/$t.rc" 2>/dev/null || echo 99)
    [ "$rc" -eq 0 ] && continue
    log=$WORK/logs/$t.log
    printf '\n----- %s (exit %s): end of %s -----\n' "$t" "$rc" "$log"
    # The report: from the first sanitizer, invariant or libFuzzer error
    # line on (or the end of the log when there is none).
    awk '/^==[0-9]+==ERROR|runtime error|invariant broken|ALARM|out-of-memory|libFuzzer: / && !n {n = 1}
        n && n++ <= 40' "$log" | grep . || tail -n 40 "$log"
    printf -- '----- end -----\n'
    for a in "$WORK/artifacts/$t"-*; do
        [ -f "$a" ] || continue
        echo "input: $a"
        echo "  minimise: $OUT/$t -minimize_crash=1 -runs=100000 -exact_artifact_path=$a.min $a"
        echo "  then keep it: cp $a.min $top/tests/regress/$t/NAME"
    done
done
[ "$failed" -eq 0 ]
