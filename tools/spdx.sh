#!/bin/sh
# SPDX-License-Identifier: MIT
# sipwire: adds the line "SPDX-License-Identifier: MIT" to every source
# file git tracks that lacks it, as the first comment its syntax allows
# (after a shebang, or after a man page's preprocessor line). With --check
# it changes nothing, prints the files that lack it and exits 1 if there
# is one. Run it from the top of the tree.
#
#   tools/spdx.sh [--check]
#
# Source is what syntax() names; test data (tests/data, tests/regress,
# corpora) and one-line man link pages (".so ...") are not source.
set -eu
tag="SPDX-License-Identifier: MIT"

# The comment syntax of a tracked file ("c", "dnl", "man", "hash"), or
# nothing for a file that is not source.
syntax() {
    case $1 in
    tests/data/* | tests/regress/* | *corpus*) ;;
    *.c | *.h | *.re | src/libsipwire.sym) echo c ;;
    configure.ac) echo dnl ;;
    man/*.[0-9] | man/*.[0-9].in) echo man ;;
    *.sh | *.py | *.dict | *.options | Makefile.am | */Makefile.am | *.pc.in | \
        .ci/run | fuzz/oss-fuzz/Dockerfile | fuzz/oss-fuzz/project.yaml | \
        tests/kamailio/kamailio.cfg) echo hash ;;
    esac
}

# Writes $1 with the tag line inserted in the syntax $2.
insert() {
    awk -v kind="$2" -v tag="$tag" '
        function put() {
            if (kind == "c") print "/* " tag " */"
            else if (kind == "dnl") print "dnl " tag
            else if (kind == "man") print ".\\\" " tag
            else print "# " tag
        }
        NR == 1 && (/^#!/ || (kind == "man" && /^'"'"'\\"/)) { print; put(); done = 1; next }
        NR == 1 { put(); done = 1 }
        { print }' "$1" >"$1.spdx" && cat "$1.spdx" >"$1" && rm -f "$1.spdx"
}

check=no
[ "${1:-}" = --check ] && check=yes
lacking=0
for f in $(git ls-files); do
    kind=$(syntax "$f")
    [ -n "$kind" ] && [ -f "$f" ] || continue
    grep -q "$tag" "$f" && continue
    [ "$kind" = man ] && head -n 1 "$f" | grep -q '^\.so ' && continue
    echo "$f"
    lacking=1
    [ $check = yes ] || insert "$f" "$kind"
done
[ $check = no ] || [ $lacking = 0 ]
