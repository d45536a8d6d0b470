#!/usr/bin/env bash
# sipwire: every man page renders without a single warning.
#
# Lints each page that exists, so that a page added later is covered
# without touching this script:
#   - the sources, $SIPW_SRCDIR/man/*.[0-9] and man/*.[0-9].in (their
#     @placeholders@ are plain text to groff);
#   - the pages make generated from the .in files, $SIPW_BUILDDIR/man/*.[0-9]:
#     none may be missing, none may keep an @placeholder@, and each must
#     name the configured docdir when its source names @docdir@.
# For each page, `groff -ww -z -man` (all warnings, PostScript and UTF-8
# devices) and `man --warnings -l` (man-db, as a reader sees the page, 80
# and 60 columns) must print nothing.
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR. By
# hand: SIPW_SRCDIR=. SIPW_BUILDDIR=build tests/man-pages.sh
set -euo pipefail

SIPW_SRCDIR=${SIPW_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SIPW_BUILDDIR=${SIPW_BUILDDIR:-$SIPW_SRCDIR/build}

for tool in groff man; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "FAIL: $tool not found (Debian: apt-get install groff-base man-db)"
        exit 1
    fi
done

# Bounded: a page that sends groff into a loop fails instead of hanging.
limit() { timeout 60 "$@"; }

status=0
npages=0
# lint PAGE: prints FAIL lines and sets status when PAGE warns.
lint() {
    local page=$1 out dev width
    npages=$((npages + 1))
    for dev in ps utf8; do
        if ! out=$(limit groff -ww -z -man -T"$dev" "$page" 2>&1) || [ -n "$out" ]; then
            echo "FAIL: groff -ww -z -man -T$dev $page:"
            printf '%s\n' "${out:-(exit status not 0)}" | sed 's/^/  /'
            status=1
            return
        fi
    done
    for width in 80 60; do
        if ! out=$(LC_ALL=C.UTF-8 MANWIDTH=$width \
            limit man --warnings -l "$page" 2>&1 >/dev/null) || [ -n "$out" ]; then
            echo "FAIL: MANWIDTH=$width man --warnings -l $page:"
            printf '%s\n' "${out:-(exit status not 0)}" | sed 's/^/  /'
            status=1
            return
        fi
    done
    echo "ok - $page renders without warnings"
}

shopt -s nullglob
sources=("$SIPW_SRCDIR"/man/*.[0-9] "$SIPW_SRCDIR"/man/*.[0-9].in)
if [ "${#sources[@]}" -eq 0 ]; then
    echo "FAIL: no man pages in $SIPW_SRCDIR/man"
    exit 1
fi
for page in "${sources[@]}"; do
    lint "$page"
done

# The generated pages, and that make did its substitutions.
docdir=
if [ -f "$SIPW_BUILDDIR/Makefile" ]; then
    # The configured docdir, fully expanded, as make sees it.
    # shellcheck disable=SC2016 # $(docdir) is make's, not the shell's
    docdir=$(printf 'sipw-print-docdir:\n\t@echo $(docdir)\n' |
        env -u MAKEFLAGS -u MFLAGS "${MAKE:-make}" -s --no-print-directory \
            -C "$SIPW_BUILDDIR" -f Makefile -f - sipw-print-docdir)
fi
for src in "$SIPW_SRCDIR"/man/*.[0-9].in; do
    built=$SIPW_BUILDDIR/man/$(basename "$src" .in)
    if [ ! -f "$built" ]; then
        echo "FAIL: $built, made from $src, is missing (run make)"
        status=1
        continue
    fi
    lint "$built"
    if grep -n '@[A-Za-z_]*@' "$built"; then
        echo "FAIL: $built keeps an @placeholder@ (above)"
        status=1
    fi
    if grep -q '@docdir@' "$src"; then
        # In the page, '-' is written '\-'.
        want=${docdir//-/\\-}
        if [ -z "$docdir" ]; then
            echo "FAIL: cannot learn the configured docdir from $SIPW_BUILDDIR/Makefile"
            status=1
        elif ! grep -qF -- "$want" "$built"; then
            echo "FAIL: $built does not name the configured docdir $docdir"
            status=1
        else
            echo "ok - $built names the installed docs, $docdir"
        fi
    fi
done
echo "$npages pages linted"
exit "$status"
