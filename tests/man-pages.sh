#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: every man page renders without a single warning.
#
# Lints each page that exists, so that a page added later is covered
# without touching this script:
#   - the sources, $SIPW_SRCDIR/man/*.[0-9] and man/*.[0-9].in (their
#     @placeholders@ are plain text to groff);
#   - the pages make generated from the .in files, $SIPW_BUILDDIR/man/*.[0-9]:
#     none may be missing, none may keep an @placeholder@, and each must
#     name the configured docdir, as the reader sees it, when its source
#     names @docdir@;
#   - each .in page made again, by the Makefile's own SIPW_MAN_SUBST, with
#     a docdir and an includedir of over 100 characters: a deep prefix (as
#     make distcheck's is) must not push a path past the line;
#   - the link pages, whose one line is `.so manN/PAGE.N` (one for each
#     function of a group but the one its page is named after): linted
#     from a tree laid out as man(1) installs it (manN/, the sources and
#     the pages made from .in), so the .so must find its page, and PAGE's
#     NAME section must name the function.
# For each page, `groff -ww -z -man` (all warnings, PostScript and UTF-8
# devices) and `man --warnings -l` (man-db, as a reader sees the page, 80
# and 60 columns) must print nothing.
#
# The library's pages (section 3) must also agree with the headers:
#   - every prototype between .nf and .fi of a SYNOPSIS is in
#     include/sipwire/*.h, word for word (white space aside, SIPW_API left
#     out), so a renamed or changed function fails here until its page
#     follows;
#   - every function that frame.h, msg.h, write.h, build.h and digest.h
#     declare has a page of its name (its group's, or a link to it) whose
#     SYNOPSIS has its prototype.
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR, MAKE.
# By hand: SIPW_SRCDIR=. SIPW_BUILDDIR=build tests/man-pages.sh
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
# make on its own, not a part of the make check that may be running us.
submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL timeout 120 "${MAKE:-make}" "$@"; }
# The page as plain text on one very long line per paragraph, where a
# path reads as it is written (no roff escapes, no line breaks).
render() { LC_ALL=C limit groff -man -Tascii -P-c -P-b -P-u -P-o -rLL=4000n "$1"; }

# A private directory under the build tree (tests/tmp is shared with the
# other tests, which remove it when empty: hence the retries).
base=$SIPW_BUILDDIR/tests/tmp
tmp=
for _ in 1 2 3; do
    mkdir -p "$base" && tmp=$(mktemp -d "$base/man.XXXXXX" 2>/dev/null) && break
done
[ -n "$tmp" ] || { echo "FAIL: cannot make a directory under $base"; exit 1; }
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$tmp"; rmdir "$base" 2>/dev/null || true; }
trap cleanup EXIT

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
# is_link PAGE: true when PAGE is a link page (one .so line, comments aside).
is_link() { [ "$(grep -cv '^\.\\"' "$1")" -eq 1 ] && grep -q '^\.so ' "$1"; }
links=()
for page in "${sources[@]}"; do
    if is_link "$page"; then
        links+=("$page")
    else
        lint "$page"
    fi
done

# The generated pages, and that make did its substitutions.
docdir=
if [ -f "$SIPW_BUILDDIR/Makefile" ]; then
    # The configured docdir, fully expanded, as make sees it.
    # shellcheck disable=SC2016 # $(docdir) is make's, not the shell's
    printf 'sipw-print-docdir:\n\t@echo $(docdir)\n' >"$tmp/docdir.mk"
    docdir=$(submake -s --no-print-directory -C "$SIPW_BUILDDIR" \
        -f Makefile -f "$tmp/docdir.mk" sipw-print-docdir)
fi
# A docdir and an includedir deeper than any real one, with a '-' to
# escape; no component is longer than a third of a 60-column line.
long=/opt/sipwire-build-area/with-a-rather-deep/prefix-for-packaging/of-release-0.1.0/usr
# shellcheck disable=SC2016 # $(SIPW_MAN_SUBST) is make's
printf 'sipw-man-again:\n\t@$(SIPW_MAN_SUBST) $(SIPW_MAN_IN) >$(SIPW_MAN_OUT)\n' >"$tmp/again.mk"
for src in "$SIPW_SRCDIR"/man/*.[0-9].in; do
    name=$(basename "$src" .in)
    built=$SIPW_BUILDDIR/man/$name
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
        if [ -z "$docdir" ]; then
            echo "FAIL: cannot learn the configured docdir from $SIPW_BUILDDIR/Makefile"
            status=1
        elif ! render "$built" | grep -F -- "$docdir/" >/dev/null; then
            echo "FAIL: $built, as rendered, does not name the configured docdir $docdir"
            status=1
        else
            echo "ok - $built names the installed docs, $docdir"
        fi
    fi
    # The same page for a deep prefix.
    again=$tmp/$name
    if ! submake -s --no-print-directory -C "$SIPW_BUILDDIR" -f Makefile \
        -f "$tmp/again.mk" sipw-man-again SIPW_MAN_IN="$src" \
        SIPW_MAN_OUT="$again" docdir="$long/share/doc/sipwire" \
        includedir="$long/include" >"$tmp/again.log" 2>&1; then
        echo "FAIL: could not make $name again with a deep prefix (SIPW_MAN_SUBST in Makefile.am):"
        sed 's/^/  /' "$tmp/again.log"
        status=1
        continue
    fi
    if grep -q '@docdir@' "$src" && ! render "$again" | grep -F -- "$long/share/doc/sipwire/" >/dev/null; then
        echo "FAIL: $name made for docdir $long/share/doc/sipwire does not name it"
        status=1
    fi
    echo "# $name again, for docdir $long/share/doc/sipwire:"
    lint "$again"
done
# --- the link pages, in a tree as installed ---------------------------------
tree=$tmp/tree
for page in "$SIPW_SRCDIR"/man/*.[0-9] "$SIPW_BUILDDIR"/man/*.[0-9]; do
    [ -f "$page" ] || continue
    is_link "$page" && continue
    name=$(basename "$page")
    mkdir -p "$tree/man${name##*.}"
    cp "$page" "$tree/man${name##*.}/$name"
done
# name_section PAGE: the words of its NAME section, one a line.
name_section() {
    awk '/^\.SH /{on = ($0 ~ /^\.SH NAME/); next} on' "$1" |
        sed -e 's/\\-.*//' | tr ',' ' ' | tr -s ' ' '\n' | sed '/^$/d'
}
for page in "${links[@]}"; do
    name=$(basename "$page")
    func=${name%.*}
    target=$(sed -n 's/^\.so  *//p' "$page")
    case $target in
    man[0-9]/*.[0-9]) ;;
    *)
        echo "FAIL: $page: '.so $target' is not of the form manN/PAGE.N"
        status=1
        continue
        ;;
    esac
    if [ ! -f "$tree/$target" ]; then
        echo "FAIL: $page sources $target, which is not a page of man/ (nor made from one)"
        status=1
        continue
    fi
    if ! name_section "$tree/$target" | grep -qxF -- "$func"; then
        echo "FAIL: $page links to $target, whose NAME section does not name $func"
        status=1
    fi
    mkdir -p "$tree/man${name##*.}"
    cp "$page" "$tree/man${name##*.}/$name"
    # (from the top of the tree: .so names a path relative to it)
    cd "$tree"
    lint "man${name##*.}/$name"
    cd - >/dev/null
done

# --- section 3 against the headers -----------------------------------------
# flat: C text on one line, white space collapsed, none inside ( ).
flat() { tr '\n\t' '  ' | sed -e 's/  */ /g' -e 's/( /(/g' -e 's/ )/)/g' -e 's/ ,/,/g'; }
sed 's/SIPW_API //' "$SIPW_SRCDIR"/include/sipwire/*.h | flat >"$tmp/headers.flat"
# protos PAGE: the prototypes of its SYNOPSIS (between .nf and .fi), one
# a line, flat; .B lines count as text, other requests and #include not.
protos() {
    awk '/^\.SH /{syn = ($0 ~ /^\.SH SYNOPSIS/); next}
         syn && /^\.nf/ {nf = 1; next}
         syn && /^\.fi/ {nf = 0; next}
         syn && nf' "$1" |
        sed -e 's/^\.B  *//' -e '/^\./d' -e '/#include/d' -e 's/\\-/-/g' |
        flat | tr ';' '\n' | sed -e 's/^ //' -e 's/ $//' | grep '(' | sed 's/$/;/' || true
}
: >"$tmp/documented"
for page in "$tree"/man3/*.3; do
    is_link "$page" && continue
    name=$(basename "$page")
    protos "$page" >"$tmp/protos"
    if [ ! -s "$tmp/protos" ]; then
        echo "FAIL: $name: no prototype between .nf and .fi in its SYNOPSIS"
        status=1
        continue
    fi
    bad=0
    while IFS= read -r proto; do
        if grep -qF -- "$proto" "$tmp/headers.flat"; then
            # the function's name: the identifier before the first '('
            # (or the typedef's, for '(*name)')
            f=$(printf '%s\n' "$proto" | sed -e 's/(\*\([A-Za-z_0-9]*\)).*/ \1(/' -e 's/(.*//' -e 's/.*[ *]//')
            printf '%s %s\n' "$f" "$name" >>"$tmp/documented"
        else
            echo "FAIL: $name: the SYNOPSIS prototype '$proto' is not in include/sipwire/*.h"
            bad=1
        fi
    done <"$tmp/protos"
    if [ "$bad" -eq 0 ]; then
        echo "ok - man3/$name: $(wc -l <"$tmp/protos") prototypes, each as in the headers"
    else
        status=1
    fi
done
missing=0
for h in frame msg write build digest; do
    # (each SIPW_API line of the header: the name before its '(')
    while IFS= read -r f; do
        if [ ! -f "$tree/man3/$f.3" ] && [ ! -f "$SIPW_SRCDIR/man/$f.3" ]; then
            echo "FAIL: $f ($h.h) has no page man/$f.3 (its group's, or a .so link to it)"
            missing=1
        elif ! grep -q "^$f " "$tmp/documented"; then
            echo "FAIL: $f ($h.h) has no prototype in any SYNOPSIS of section 3"
            missing=1
        fi
    done < <(sed -n 's/^SIPW_API [^(]*[ *]\([A-Za-z_][A-Za-z_0-9]*\)(.*/\1/p' \
        "$SIPW_SRCDIR/include/sipwire/$h.h")
done
if [ "$missing" -eq 0 ]; then
    echo "ok - every function of frame.h, msg.h, write.h, build.h and digest.h has a page and a SYNOPSIS"
else
    status=1
fi

echo "$npages pages linted"
exit "$status"
