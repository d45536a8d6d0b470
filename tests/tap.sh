# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# sipwire: the TAP helpers of the shell tests of the sipwire tool. Source
# it from bash after setting NAME (the test's name); it checks the tool is
# built, moves into a private scratch directory and defines:
#
#   ok DESC / not_ok DESC [DETAIL...]   one TAP line (plus diagnostics)
#   run ARGS...      runs sipwire with stdin from $STDIN or /dev/null;
#                    sets $rc, leaves stdout in ./out and stderr in ./err
#   verdict DESC     ok when the command just before succeeded, else not ok
#   expect_rc N DESC ok when $rc is N
#   crlf LINE...     prints each argument as one line ending in CRLF
#   tap_finish       prints the plan and exits 1 if anything failed
#
# Environment (exported by make check): SIPW_BUILDDIR.

: "${SIPW_BUILDDIR:?set SIPW_BUILDDIR to the build tree}"
: "${NAME:?set NAME before sourcing tests/tap.sh}"
SIPWIRE=$SIPW_BUILDDIR/sipwire
if [ ! -x "$SIPWIRE" ]; then
    echo "not ok 1 - $SIPWIRE is not built"
    echo "1..1"
    exit 1
fi
# In a shared build ./sipwire is libtool's wrapper script, which starts a
# shell on every call: five times the cost of the program on a corpus
# loop. Run the program it wraps, with the uninstalled library first on
# the search path, as the wrapper would.
if [ -x "$SIPW_BUILDDIR/.libs/sipwire" ] &&
    [ -e "$SIPW_BUILDDIR/.libs/libsipwire.so" ]; then
    SIPWIRE=$SIPW_BUILDDIR/.libs/sipwire
    LD_LIBRARY_PATH=$SIPW_BUILDDIR/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi

# A private directory under the build tree (several tests may share
# tests/tmp and remove it when empty, hence the retries).
base=$SIPW_BUILDDIR/tests/tmp
tmp=
for _ in 1 2 3; do
    mkdir -p "$base" && tmp=$(mktemp -d "$base/$NAME.XXXXXX" 2>/dev/null) && break
done
if [ -z "$tmp" ]; then
    echo "not ok 1 - cannot make a directory under $base"
    echo "1..1"
    exit 1
fi
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$tmp"; rmdir "$base" 2>/dev/null || true; }
trap cleanup EXIT
cd "$tmp" || exit 1

n=0
rc=0
failed=0
ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    shift
    # details, indented like TAP diagnostics (long outputs cut short)
    [ $# -gt 0 ] && printf '#   %s\n' "$@"
    if [ -s out ]; then echo "#   stdout:"; head -c 3000 out | sed 's/^/#     /'; echo; fi
    if [ -s err ]; then echo "#   stderr:"; head -n 20 err | sed 's/^/#     /'; fi
    return 0
}

run() {
    rc=0
    "$SIPWIRE" "$@" <"${STDIN:-/dev/null}" >out 2>err || rc=$?
}

verdict() {
    local status=$?
    if [ "$status" -eq 0 ]; then ok "$1"; else not_ok "$1" "exit status $rc"; fi
}

expect_rc() {
    if [ "$rc" -eq "$1" ]; then ok "$2"; else not_ok "$2" "exit status $rc, expected $1"; fi
}

crlf() { printf '%s\r\n' "$@"; }

tap_finish() {
    echo "1..$n"
    if [ "$failed" -gt 0 ]; then
        echo "# $failed of $n failed"
        exit 1
    fi
    echo "# all $n passed"
    exit 0
}
