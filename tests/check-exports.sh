#!/usr/bin/env bash
# sipwire: the shared library exports exactly the functions declared
# SIPW_API in include/sipwire/*.h: nothing missing, nothing extra.
#
# Skipped (exit 77) only when the build makes no shared library
# (configure --disable-shared).
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR.
set -euo pipefail

: "${SIPW_SRCDIR:?set SIPW_SRCDIR to the source tree}"
: "${SIPW_BUILDDIR:?set SIPW_BUILDDIR to the build tree}"
NM=${NM:-nm}

so=$SIPW_BUILDDIR/.libs/libsipwire.so
if [ ! -e "$so" ]; then
    if [ -x "$SIPW_BUILDDIR/libtool" ] &&
        "$SIPW_BUILDDIR/libtool" --config | grep -qx 'build_libtool_libs=no'; then
        echo "SKIP: shared libraries are disabled in this build (--disable-shared): no $so to check"
        exit 77
    fi
    echo "FAIL: $so is missing, yet this build is configured to make shared libraries"
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Declared: every declaration that starts with SIPW_API, joined up to its
# ';' or '{', named by the identifier before its first '('.
for h in "$SIPW_SRCDIR"/include/sipwire/*.h; do
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
                    # a data object: the last identifier before the ";"
                    d = decl
                    sub(/[ \t]*(\[[^]]*\])?[ \t]*;.*$/, "", d)
                    match(d, /[A-Za-z_][A-Za-z0-9_]*$/)
                    name = substr(d, RSTART, RLENGTH)
                }
                print name
                decl = ""
            }
        }
    ' "$h"
done | sort -u >"$tmp/declared"

# Exported: the dynamic symbols the library defines, without the version
# suffix, and without the version node itself (type A).
"$NM" -D --defined-only --format=posix "$so" |
    awk '$2 != "A" { sub(/@.*/, "", $1); print $1 }' | sort -u >"$tmp/exported"

ndecl=$(wc -l <"$tmp/declared")
nexp=$(wc -l <"$tmp/exported")
if [ "$ndecl" -eq 0 ]; then
    echo "FAIL: found no SIPW_API declarations in $SIPW_SRCDIR/include/sipwire/*.h"
    exit 1
fi

comm -23 "$tmp/declared" "$tmp/exported" >"$tmp/missing"
comm -13 "$tmp/declared" "$tmp/exported" >"$tmp/extra"
status=0
if [ -s "$tmp/missing" ]; then
    echo "FAIL: declared SIPW_API in include/sipwire/*.h but not exported by $so:"
    sed 's/^/  /' "$tmp/missing"
    status=1
fi
if [ -s "$tmp/extra" ]; then
    echo "FAIL: exported by $so but not declared SIPW_API in include/sipwire/*.h:"
    sed 's/^/  /' "$tmp/extra"
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "ok - $so exports exactly the $ndecl SIPW_API functions"
else
    echo "($ndecl declared, $nexp exported)"
fi
exit "$status"
