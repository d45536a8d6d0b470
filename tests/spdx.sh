#!/usr/bin/env bash
# sipwire: every source file carries the line "SPDX-License-Identifier: MIT"
# (the licence of LICENSE), so that a file copied out of the tree still says
# what it is under.
#
# Source files are the ones git tracks (a release tarball also holds files
# the build generated, so there it skips): C, headers, grammar, scripts, the
# build files, man pages, dictionaries and the OSS-Fuzz kit. Test data
# (tests/data, tests/regress, corpora) and one-line link pages (".so ...")
# are not source. tools/spdx.sh adds the line to the files that lack it.
set -u
src=${SIPW_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null) || top=
if [ -z "$top" ] || [ "$(cd "$top" && pwd -P)" != "$(cd "$src" && pwd -P)" ]; then
    echo "spdx: $src is not the top of a git checkout (a release tarball?):"
    echo "spdx: which files are source is not known, skipped"
    exit 77
fi
missing=$(cd "$src" && sh tools/spdx.sh --check) || {
    echo "spdx: these source files lack \"SPDX-License-Identifier: MIT\" (run tools/spdx.sh):"
    echo "$missing"
    exit 1
}
echo "spdx: every source file names its licence"
