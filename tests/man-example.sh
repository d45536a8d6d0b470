#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: the EXAMPLE program of libsipwire(3) compiles with -Wall
# -Wextra -Werror -pedantic against the built library, runs, and prints
# what the page says it prints.
#
# The EXAMPLE section of man/libsipwire.3.in holds three .EX/.EE blocks:
# the program; what it prints on its standard output for the REGISTER
# of RFC 3665 section 2.1 (tests/data/rfc3665/...F1.sip) with its
# Max-Forwards line removed; and what it prints on its standard error,
# exiting 1, when that request's CSeq says "1 INVITE". Each block is
# turned back into plain text by undoing the roff escapes the page uses
# (\e, \-, \&, \(aq, \(dq); any other escape left in the program fails.
# The approach is that of tests/readme-example.sh.
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR, CC,
# CFLAGS.
set -euo pipefail

: "${SIPW_SRCDIR:?set SIPW_SRCDIR to the source tree}"
: "${SIPW_BUILDDIR:?set SIPW_BUILDDIR to the build tree}"
CC=${CC:-cc}
CFLAGS=${CFLAGS-}

page=$SIPW_SRCDIR/man/libsipwire.3.in
input=$SIPW_SRCDIR/tests/data/rfc3665/2.1-successful-new-registration-F1.sip
for f in "$page" "$input"; do
    [ -f "$f" ] || { echo "FAIL: $f not found"; exit 1; }
done

# The static library: the installed-style libsipwire.a, else the
# convenience library every build has.
lib=
for f in "$SIPW_BUILDDIR/.libs/libsipwire.a" "$SIPW_BUILDDIR/.libs/libsipwire-core.a"; do
    if [ -f "$f" ]; then lib=$f; break; fi
done
[ -n "$lib" ] || { echo "FAIL: no libsipwire.a or libsipwire-core.a in $SIPW_BUILDDIR/.libs"; exit 1; }

# A private directory under the build tree (several tests may share
# tests/tmp and remove it when empty, hence the retries).
base=$SIPW_BUILDDIR/tests/tmp
tmp=
for _ in 1 2 3; do
    mkdir -p "$base" && tmp=$(mktemp -d "$base/manex.XXXXXX" 2>/dev/null) && break
done
[ -n "$tmp" ] || { echo "FAIL: cannot make a directory under $base"; exit 1; }
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$tmp"; rmdir "$base" 2>/dev/null || true; }
trap cleanup EXIT

# block N: the Nth .EX/.EE block of the EXAMPLE section, as plain text.
block() {
    awk -v want="$1" '
        /^\.SH / { in_ex = ($0 ~ /^\.SH EXAMPLE/) }
        in_ex && /^\.EX/ { n++; if (n == want) { on = 1; next } }
        on && /^\.EE/ { exit }
        on { print }
    ' "$page" | sed -e 's/\\-/-/g' -e 's/\\&//g' -e "s/\\\\(aq/'/g" \
        -e 's/\\(dq/"/g' -e 's/\\e/\\/g'
}
block 1 >"$tmp/example.c"
block 2 >"$tmp/want.out"
block 3 >"$tmp/want.err"
for f in example.c want.out want.err; do
    if [ ! -s "$tmp/$f" ]; then
        echo "FAIL: the EXAMPLE section of $page lacks a block ($f)"
        exit 1
    fi
done
echo "extracted $(wc -l <"$tmp/example.c") lines of C from $page"
# A roff escape the sed above does not undo would reach the compiler as
# a backslash; in the program only C's own escapes may remain.
if grep -n '\\[^nrt0\\"'"'"']' "$tmp/example.c"; then
    printf '%s\n' 'FAIL: the program keeps a roff escape (above): use only \e, \-, \&, \(aq, \(dq'
    exit 1
fi

# shellcheck disable=SC2086 # CFLAGS is a list of flags
if ! $CC -std=c99 -Wall -Wextra -pedantic -Werror $CFLAGS \
    -I"$SIPW_SRCDIR/include" -I"$SIPW_BUILDDIR/include" \
    -o "$tmp/example" "$tmp/example.c" "$lib" 2>"$tmp/cc.err"; then
    echo "FAIL: the example of libsipwire(3) does not compile with $CC -Wall -Wextra -pedantic -Werror $CFLAGS against $lib:"
    cat "$tmp/cc.err"
    exit 1
fi
echo "ok - the example compiles and links against $lib"

status=0
# run NAME WANT_RC WANT_OUT WANT_ERR: runs the example on $tmp/NAME.sip
# (standard input) and compares exit status, output and error output.
run() {
    local name=$1 want_rc=$2 rc=0
    timeout 30 "$tmp/example" <"$tmp/$name.sip" >"$tmp/$name.out" \
        2>"$tmp/$name.err" || rc=$?
    if [ "$rc" -ne "$want_rc" ]; then
        echo "FAIL: on $name the example exited $rc, not $want_rc"
        status=1
    fi
    if cmp -s "$3" "$tmp/$name.out" && cmp -s "$4" "$tmp/$name.err"; then
        echo "ok - on $name it exits $rc and prints what the page shows"
    else
        echo "FAIL: on $name the output differs from the page (- page, + program):"
        diff "$3" "$tmp/$name.out" | sed -n 's/^</  -/p; s/^>/  +/p' || true
        diff "$4" "$tmp/$name.err" | sed -n 's/^</  - (stderr)/p; s/^>/  + (stderr)/p' || true
        status=1
    fi
}
: >"$tmp/empty"
grep -v '^Max-Forwards:' "$input" >"$tmp/good.sip"
sed 's/^CSeq: 1 REGISTER/CSeq: 1 INVITE/' "$input" >"$tmp/bad.sip"
cmp -s "$input" "$tmp/bad.sip" && { echo "FAIL: $input has no 'CSeq: 1 REGISTER' line"; exit 1; }
run good 0 "$tmp/want.out" "$tmp/empty"
run bad 1 "$tmp/empty" "$tmp/want.err"

# With the file named on the command line, the error names it.
rc=0
timeout 30 "$tmp/example" "$tmp/bad.sip" >/dev/null 2>"$tmp/named.err" || rc=$?
if [ "$rc" -eq 1 ] && grep -q "^$tmp/bad.sip:7:9: error: " "$tmp/named.err"; then
    echo "ok - given a file name, the error starts with FILE:7:9"
else
    echo "FAIL: given $tmp/bad.sip the example exited $rc and printed:"
    sed 's/^/  /' "$tmp/named.err"
    status=1
fi
exit "$status"
