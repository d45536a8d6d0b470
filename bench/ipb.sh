#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/ipb.sh PROGRAM [OPTION...] FILE...: instructions per byte, with
# callgrind. PROGRAM is sipwire-bench or compare, with the options that pick
# ONE mode or library (--mode full, --lib osip2...). Runs it for 1 and for
# N+1 passes (N = $IPB_PASSES, default 100); the difference is the cost of
# N passes without loading, set-up and exit, so
#
#   instructions per byte = (Ir(N+1) - Ir(1)) / (N * bytes)
#
# where bytes is the corpus size the program reports. Prints one line:
#   MODE: I instructions/byte, M instructions/msg
set -eu

[ $# -ge 2 ] || { echo "usage: bench/ipb.sh PROGRAM [OPTION...] FILE..." >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 || { echo "bench/ipb.sh: valgrind not found" >&2; exit 2; }
n=${IPB_PASSES:-100}
prog=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for k in 1 $((n + 1)); do
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$k" \
        "$prog" "$@" --iterations "$k" >"$tmp/out.$k" 2>"$tmp/err.$k" || {
        cat "$tmp/err.$k" >&2
        exit 1
    }
done
ir() { sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$1"; }
ir1=$(ir "$tmp/cg.1")
irn=$(ir "$tmp/cg.$((n + 1))")
# "PROG: 12 messages, 7930 bytes" on stderr
read -r msgs bytes <<EOF
$(sed -n 's/^[^:]*: \([0-9]*\) messages, \([0-9]*\) bytes$/\1 \2/p' "$tmp/err.1")
EOF
mode=$(sed -n 's/^\([^:]*\): [0-9]* msg\/s.*/\1/p' "$tmp/out.1" | head -n 1)
[ "$(sed -n 's/^\([^:]*\): [0-9]* msg\/s.*/\1/p' "$tmp/out.1" | wc -l)" -eq 1 ] || {
    echo "bench/ipb.sh: pick one mode or library (--mode X or --lib X)" >&2
    exit 2
}
awk -v a="$ir1" -v b="$irn" -v n="$n" -v by="$bytes" -v m="$msgs" -v mode="$mode" \
    'BEGIN { d = b - a; printf "%s: %.2f instructions/byte, %.0f instructions/msg\n", mode, d / (n * by), d / (n * m) }'
