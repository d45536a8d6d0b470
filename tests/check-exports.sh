#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: three lists of the library's interface must be the same set:
#
#   declared  every SIPW_API declaration of include/sipwire/*.h
#   listed    the names of the linker version script src/libsipwire.sym
#             (explicit names, sorted: a pattern there is an error)
#   exported  the dynamic symbols the built .libs/libsipwire.so defines
#
# Fails on any name that is in one list and not in another. Without a
# shared library (configure --disable-shared) the headers and the version
# script are still compared; when they agree the test is skipped (exit
# 77), saying so, since the third list cannot be had.
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR.
set -euo pipefail

: "${SIPW_SRCDIR:?set SIPW_SRCDIR to the source tree}"
: "${SIPW_BUILDDIR:?set SIPW_BUILDDIR to the build tree}"
NM=${NM:-nm}
export LC_ALL=C # one sort order for the comparisons and the .sym

sym=$SIPW_SRCDIR/src/libsipwire.sym
so=$SIPW_BUILDDIR/.libs/libsipwire.so

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Prints the names SIPW_API declares: each declaration that starts with
# SIPW_API, joined up to its ';' or '{', is named by the identifier before
# its first '(' (a function), else by its last identifier (data).
declared_names() {
    awk '
        !collecting && /^[ \t]*SIPW_API[ \t]/ { decl = ""; collecting = 1 }
        collecting {
            decl = decl " " $0
            if (decl ~ /[;{]/) {
                collecting = 0
                if (match(decl, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
                    name = substr(decl, RSTART, RLENGTH)
                    sub(/[ \t]*\($/, "", name)
                } else {
                    d = decl
                    sub(/[ \t]*(\[[^]]*\])?[ \t]*;.*$/, "", d)
                    match(d, /[A-Za-z_][A-Za-z0-9_]*$/)
                    name = substr(d, RSTART, RLENGTH)
                }
                print name
                decl = ""
            }
        }
    ' "$SIPW_SRCDIR"/include/sipwire/*.h
}

# Prints the names of the global: part of the version script, in file
# order, comments removed. A name that is not a plain identifier (a glob
# such as sipw_*) is printed as it is, for the check below to refuse.
listed_names() {
    awk '
        {
            line = $0; out = ""
            while (line != "") {
                if (comment) {
                    i = index(line, "*/")
                    if (!i) break
                    line = substr(line, i + 2); comment = 0
                } else {
                    i = index(line, "/*")
                    if (!i) { out = out line; break }
                    out = out substr(line, 1, i - 1) " "
                    line = substr(line, i + 2); comment = 1
                }
            }
            n = split(out, tok, /[ \t;{}]+/)
            for (k = 1; k <= n; k++) {
                if (tok[k] == "global:") global = 1
                else if (tok[k] == "local:") global = 0
                else if (global && tok[k] != "") print tok[k]
            }
        }
    ' "$sym"
}

fail() {
    echo "FAIL: $1"
    sed 's/^/  /' "$2"
    status=1
}

# Reports the names of list $1 missing from list $2 (sorted files);
# $3 and $4 describe the two lists.
compare() {
    comm -23 "$1" "$2" >"$tmp/diff"
    [ ! -s "$tmp/diff" ] || fail "$3 but not $4:" "$tmp/diff"
}

declared_names | sort -u >"$tmp/declared"
listed_names >"$tmp/listed.raw"
sort -u "$tmp/listed.raw" >"$tmp/listed"

if [ ! -s "$tmp/declared" ]; then
    echo "FAIL: found no SIPW_API declarations in $SIPW_SRCDIR/include/sipwire/*.h"
    exit 1
fi
grep -v '^[A-Za-z_][A-Za-z0-9_]*$' "$tmp/listed.raw" >"$tmp/patterns" || true
[ ! -s "$tmp/patterns" ] ||
    fail "$sym: not a symbol name (list each name, no pattern):" "$tmp/patterns"
if ! sort -c "$tmp/listed.raw" 2>/dev/null || ! cmp -s "$tmp/listed.raw" "$tmp/listed"; then
    echo "FAIL: $sym: the names are not sorted (LC_ALL=C sort) or one is listed twice"
    status=1
fi
compare "$tmp/declared" "$tmp/listed" "declared SIPW_API in include/sipwire/*.h" "listed in $sym"
compare "$tmp/listed" "$tmp/declared" "listed in $sym" "declared SIPW_API in include/sipwire/*.h"

if [ ! -e "$so" ]; then
    if [ -x "$SIPW_BUILDDIR/libtool" ] &&
        "$SIPW_BUILDDIR/libtool" --config | grep -qx 'build_libtool_libs=no'; then
        if [ "$status" -eq 0 ]; then
            echo "SKIP: shared libraries are disabled in this build (--disable-shared):"
            echo "  the headers and $sym agree, but there is no $so to compare with them"
            exit 77
        fi
        exit "$status"
    fi
    echo "FAIL: $so is missing, yet this build is configured to make shared libraries"
    exit 1
fi

# The dynamic symbols the library defines, without the version suffix,
# and without the version node itself (type A).
"$NM" -D --defined-only --format=posix "$so" |
    awk '$2 != "A" { sub(/@.*/, "", $1); print $1 }' | sort -u >"$tmp/exported"
compare "$tmp/listed" "$tmp/exported" "listed in $sym" "exported by $so"
compare "$tmp/exported" "$tmp/listed" "exported by $so" "listed in $sym"

n=$(wc -l <"$tmp/declared")
if [ "$status" -eq 0 ]; then
    echo "ok - the $n SIPW_API declarations, $sym and $so name the same symbols"
fi
exit "$status"
