#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/tsan.sh [DIR]: parsing is reentrant, with no global mutable state.
# Builds the library and bench/sipwire-bench with ThreadSanitizer (gcc) in
# DIR (default build-tsan/, reused when configured the same way), then runs
# every benchmark mode on two threads over bench/corpus; any ThreadSanitizer
# report fails. test.sh runs it; it takes about half a minute on 2 cores.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/deps.sh
. "$top/tools/deps.sh"
dir=${1:-build-tsan}

flags="-O1 -g -fsanitize=thread -fno-omit-frame-pointer"
CC=gcc CFLAGS="$flags" LDFLAGS="-fsanitize=thread" \
    sipw_configure "$dir" --enable-werror --disable-shared
sipw_make "$dir" -j2 bench/sipwire-bench
case $dir in /*) ;; *) dir=$top/$dir ;; esac

log=$dir/tsan.log
rc=0
# halt_on_error: the first race ends the run with exitcode; the kernel's
# address-space randomisation can defeat gcc 12's TSan mappings, so the
# run goes without it when setarch can say so.
run=()
if command -v setarch >/dev/null 2>&1 && setarch "$(uname -m)" -R true 2>/dev/null; then
    run=(setarch "$(uname -m)" -R)
fi
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" \
    "${run[@]}" "$dir/bench/sipwire-bench" --mode all --threads 2 \
    --iterations 20 "$top"/bench/corpus/*.sip >"$log" 2>&1 || rc=$?
cat "$log"
if [ "$rc" -ne 0 ] || grep -q 'ThreadSanitizer' "$log"; then
    echo "tsan: FAILED (exit $rc; see $log)" >&2
    exit 1
fi
# Every mode must have run: a line each, and the arena lines.
for mode in frame lazy full write; do
    grep -Eq "^$mode: [0-9]+ msg/s, [0-9]+ MB/s, [0-9]+ ns/msg\$" "$log" || {
        echo "tsan: no result line for mode $mode" >&2
        exit 1
    }
done
echo "tsan: two threads, every mode, no report"
