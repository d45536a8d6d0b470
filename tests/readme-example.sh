#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: the first ```c block of README.md compiles with -Wall -Wextra
# -Werror against the built library, runs, and prints what the README
# says it prints.
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR, CC,
# CFLAGS.
set -euo pipefail

: "${SIPW_SRCDIR:?set SIPW_SRCDIR to the source tree}"
: "${SIPW_BUILDDIR:?set SIPW_BUILDDIR to the build tree}"
CC=${CC:-cc}
CFLAGS=${CFLAGS-}

readme=$SIPW_SRCDIR/README.md
[ -f "$readme" ] || { echo "FAIL: $readme not found"; exit 1; }

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
    mkdir -p "$base" && tmp=$(mktemp -d "$base/readme.XXXXXX" 2>/dev/null) && break
done
[ -n "$tmp" ] || { echo "FAIL: cannot make a directory under $base"; exit 1; }
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$tmp"; rmdir "$base" 2>/dev/null || true; }
trap cleanup EXIT

# The first fenced block that opens with ```c, up to its closing fence.
awk '
    !inblock && /^```c[ \t]*$/ { inblock = 1; next }
    inblock && /^```[ \t]*$/   { exit }
    inblock                    { print }
' "$readme" >"$tmp/example.c"
if [ ! -s "$tmp/example.c" ]; then
    echo "FAIL: no \`\`\`c block in $readme"
    exit 1
fi
echo "extracted $(wc -l <"$tmp/example.c") lines of C from $readme"

# shellcheck disable=SC2086 # CFLAGS is a list of flags
if ! $CC -std=c99 -Wall -Wextra -Werror $CFLAGS \
    -I"$SIPW_SRCDIR/include" -I"$SIPW_BUILDDIR/include" \
    -o "$tmp/example" "$tmp/example.c" "$lib" 2>"$tmp/cc.err"; then
    echo "FAIL: the README example does not compile with $CC -Wall -Wextra -Werror $CFLAGS against $lib:"
    cat "$tmp/cc.err"
    exit 1
fi

rc=0
"$tmp/example" >"$tmp/out" 2>"$tmp/err" || rc=$?
echo "--- output of the README example (exit $rc) ---"
cat "$tmp/out" "$tmp/err"
echo "---"
if [ "$rc" -ne 0 ]; then
    echo "FAIL: the README example exited $rc"
    exit 1
fi

# The expected output is the indented block after "It prints:" in the
# README, so the README cannot promise what the code does not do.
awk '
    /^It prints:/                  { found = 1; next }
    found && /^    /               { sub(/^    /, ""); print; started = 1; next }
    found && started               { exit }
' "$readme" >"$tmp/want"
status=0
if [ ! -s "$tmp/want" ]; then
    echo "FAIL: no indented block after 'It prints:' in $readme"
    exit 1
fi
while IFS= read -r want; do
    if grep -qxF -- "$want" "$tmp/out"; then
        echo "ok - prints '$want'"
    else
        echo "FAIL: the output lacks the line '$want'"
        status=1
    fi
done <"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/out"; then
    echo "FAIL: the output differs from the README's block:"
    diff "$tmp/want" "$tmp/out" || true
    status=1
fi
if [ -s "$tmp/err" ]; then
    echo "FAIL: the README example wrote to standard error"
    status=1
fi
exit "$status"
