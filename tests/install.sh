#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: what `make install` puts on a system works on its own.
#
# Installs the build tree into a private DESTDIR, then, using nothing of
# the source or build tree:
#   1. the files are there: the tool, the static and (when built) shared
#      library with the soname SIPW_LT_VERSION gives (docs/abi.md), every
#      header of include/sipwire/, sipwire.pc, the man pages (sipwire.1
#      and the library's, section 3) made for the configured docdir, and every docs/*.md, README.md, NEWS and LICENSE
#      in $(docdir);
#   2. sipwire.pc, found through PKG_CONFIG_PATH and PKG_CONFIG_SYSROOT_DIR,
#      points into DESTDIR and has the package version and URL;
#   3. a small program (parses a message, prints its Call-ID, computes an
#      MD5 HA1, so that libcrypto is needed) is built from the installed
#      headers (checked with -M) with `pkg-config --cflags --libs sipwire`:
#      linked to the shared library, it runs against the DESTDIR copy
#      (ldd) with no run path into the build tree (readelf -d); linked to
#      libsipwire.a with `pkg-config --static`, it has no NEEDED entry for
#      libsipwire, and the same link without --static fails, so
#      Requires.private is what made it work; linked fully statically
#      (-static, when the C library allows it and no sanitizer is on), it
#      has no dynamic section at all;
#   4. each installed header compiles alone with -std=c99 -Wall -Wextra
#      -pedantic -Werror, and as C++ (g++ -fsyntax-only, when a C++
#      compiler is there), and a C++ program links against the library
#      (extern "C");
#   5. the installed tool runs against the installed library.
# In a --disable-shared build the shared-library checks do not apply and
# are reported as such; the rest still runs.
#
# Environment (exported by make check): SIPW_SRCDIR, SIPW_BUILDDIR, CC,
# CFLAGS, MAKE, CXX (optional). By hand, from the top of the source tree:
#   tests/install.sh                       (SIPW_BUILDDIR defaults to build/)
set -euo pipefail

SIPW_SRCDIR=${SIPW_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SIPW_BUILDDIR=${SIPW_BUILDDIR:-$SIPW_SRCDIR/build}
CC=${CC:-cc}
CFLAGS=${CFLAGS-}
MAKE=${MAKE:-make}
B=$SIPW_BUILDDIR
[ -f "$B/Makefile" ] || { echo "FAIL: $B is not a configured build tree (no Makefile)"; exit 1; }
command -v pkg-config >/dev/null 2>&1 || { echo "FAIL: pkg-config not found"; exit 1; }
command -v readelf >/dev/null 2>&1 || { echo "FAIL: readelf not found (binutils)"; exit 1; }
command -v groff >/dev/null 2>&1 || { echo "FAIL: groff not found (groff-base)"; exit 1; }

# A private directory under the build tree (several tests share tests/tmp
# and remove it when empty, hence the retries).
base=$B/tests/tmp
tmp=
for _ in 1 2 3; do
    mkdir -p "$base" && tmp=$(mktemp -d "$base/install.XXXXXX" 2>/dev/null) && break
done
[ -n "$tmp" ] || { echo "FAIL: cannot make a directory under $base"; exit 1; }
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$tmp"; rmdir "$base" 2>/dev/null || true; }
trap cleanup EXIT
dest=$tmp/dest

status=0
fail() { echo "FAIL: $*"; status=1; }
ok() { echo "ok - $*"; }
# Every command that could hang is bounded.
limit() { timeout 120 "$@"; }
# make, on its own: not a part of the make check that may be running us
# (its jobserver and command-line variables are not ours).
submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL timeout 600 "$MAKE" "$@"; }

# --- the configured directories, as make expands them -----------------------
# shellcheck disable=SC2016 # $(...) is make's, not the shell's
printf '%s\n' 'sipw-print-vars:' \
    '	@printf "%s=%s\n" prefix "$(prefix)" bindir "$(bindir)" libdir "$(libdir)" includedir "$(includedir)" mandir "$(mandir)" docdir "$(docdir)" version "$(PACKAGE_VERSION)" url "$(PACKAGE_URL)" lt "$(SIPW_LT_VERSION)"' \
    >"$tmp/print.mk"
declare -A dir=()
while IFS='=' read -r k v; do
    dir[$k]=$v
done < <(submake -s --no-print-directory -C "$B" -f Makefile -f "$tmp/print.mk" sipw-print-vars)
for k in prefix bindir libdir includedir mandir docdir version lt; do
    [ -n "${dir[$k]:-}" ] || { echo "FAIL: could not read $k from $B/Makefile"; exit 1; }
done
lib=$dest${dir[libdir]}
inc=$dest${dir[includedir]}
shared=yes
if "$B/libtool" --config | grep -qx 'build_libtool_libs=no'; then
    shared=no
fi

# --- make install DESTDIR -----------------------------------------------------
if ! submake -C "$B" install DESTDIR="$dest" >"$tmp/install.log" 2>&1; then
    echo "FAIL: make install DESTDIR=$dest failed:"
    tail -n 30 "$tmp/install.log"
    exit 1
fi
ok "make install DESTDIR=... (prefix ${dir[prefix]})"

# --- 1. the files -----------------------------------------------------------
need_file() { # need_file PATH WHAT
    if [ -f "$1" ]; then ok "installed $2"; else fail "$2 not installed: no $1"; fi
}
if [ -x "$dest${dir[bindir]}/sipwire" ]; then
    ok "installed the sipwire tool"
else
    fail "no executable $dest${dir[bindir]}/sipwire"
fi
need_file "$lib/libsipwire.a" "the static library"
need_file "$lib/pkgconfig/sipwire.pc" "sipwire.pc"

# The soname: libsipwire.so.(current - age), file .(current - age).age.revision.
IFS=: read -r cur rev age <<<"${dir[lt]}"
major=$((cur - age))
if [ "$shared" = yes ]; then
    so=$lib/libsipwire.so.$major
    if [ ! -f "$lib/libsipwire.so.$major.$age.$rev" ] || [ ! -e "$so" ] ||
        [ ! -L "$lib/libsipwire.so" ]; then
        fail "want libsipwire.so -> libsipwire.so.$major.$age.$rev (SIPW_LT_VERSION ${dir[lt]}); $lib has: $(cd "$lib" && echo libsipwire.so*)"
    else
        soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
        if [ "$soname" = "libsipwire.so.$major" ]; then
            ok "soname $soname, as SIPW_LT_VERSION ${dir[lt]} says"
        else
            fail "soname of $so is '$soname', want libsipwire.so.$major (SIPW_LT_VERSION ${dir[lt]})"
        fi
    fi
else
    echo "ok - (not applicable: shared libraries are disabled in this build, no soname to check)"
fi

# Headers: exactly include/sipwire/*.h of the source tree, plus version.h.
(cd "$SIPW_SRCDIR/include/sipwire" && ls -- *.h; echo version.h) | LC_ALL=C sort -u >"$tmp/hdr.want"
(cd "$inc/sipwire" 2>/dev/null && ls -- *.h) | LC_ALL=C sort -u >"$tmp/hdr.got" || true
if cmp -s "$tmp/hdr.want" "$tmp/hdr.got"; then
    ok "installed the $(wc -l <"$tmp/hdr.want") headers (include/sipwire/*.h and version.h)"
else
    fail "installed headers differ from include/sipwire/*.h + version.h (- missing, + extra; see sipwireinclude_HEADERS in Makefile.am):"
    diff "$tmp/hdr.want" "$tmp/hdr.got" | sed -n 's/^</  -/p; s/^>/  +/p'
fi
if grep -q '@[A-Z_]*@' "$inc/sipwire/version.h" 2>/dev/null ||
    ! grep -q "\"${dir[version]}\"" "$inc/sipwire/version.h" 2>/dev/null; then
    fail "$inc/sipwire/version.h does not hold the version ${dir[version]}"
fi

# Documentation: every docs/*.md, README.md, NEWS and LICENSE in $(docdir).
docs=$dest${dir[docdir]}
missing=()
for f in "$SIPW_SRCDIR"/docs/*.md README.md NEWS LICENSE; do
    n=$(basename "$f")
    [ -f "$docs/$n" ] || missing+=("$n")
done
if [ "${#missing[@]}" -eq 0 ]; then
    ok "installed docs/*.md, README.md, NEWS and LICENSE in ${dir[docdir]}"
else
    fail "not installed in ${dir[docdir]}: ${missing[*]} (add them to dist_doc_DATA in Makefile.am)"
fi

# The man page: the generated one, naming the installed docs.
man1=$dest${dir[mandir]}/man1/sipwire.1
if [ ! -f "$man1" ]; then
    fail "no man page $man1"
elif grep -q '@[A-Za-z_]*@' "$man1"; then
    fail "the installed man page keeps @placeholders@: $(grep -o '@[A-Za-z_]*@' "$man1" | sort -u | tr '\n' ' ')"
elif ! LC_ALL=C limit groff -man -Tascii -P-c -P-b -P-u -P-o -rLL=4000n "$man1" |
    grep -F -- "${dir[docdir]}/json.md" >/dev/null; then
    # (rendered on very long lines: the source writes the path with roff
    # escapes and break points)
    fail "the installed man page, as rendered, does not name ${dir[docdir]}/json.md"
else
    ok "man page man1/sipwire.1 names ${dir[docdir]}"
fi

# The library's pages: every man/*.3 and man/*.3.in of the source tree,
# in man3, the generated libsipwire.3 naming the installed docs.
man3=$dest${dir[mandir]}/man3
missing=()
for f in "$SIPW_SRCDIR"/man/*.3 "$SIPW_SRCDIR"/man/*.3.in; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .in)
    [ -f "$man3/$n" ] || missing+=("$n")
done
if [ "${#missing[@]}" -ne 0 ]; then
    fail "not installed in ${dir[mandir]}/man3: ${missing[*]} (man_MANS, dist_man_MANS in Makefile.am)"
elif grep -q '@[A-Za-z_]*@' "$man3/libsipwire.3" ||
    ! LC_ALL=C limit groff -man -Tascii -P-c -P-b -P-u -P-o -rLL=4000n "$man3/libsipwire.3" |
    grep -F -- "${dir[docdir]}/abi.md" >/dev/null; then
    fail "the installed man3/libsipwire.3, as rendered, does not name ${dir[docdir]}/abi.md"
else
    pages3=("$man3"/*.3)
    ok "installed ${#pages3[@]} pages in man3; libsipwire.3 names ${dir[docdir]}"
fi

# --- 2. pkg-config ----------------------------------------------------------
# The sysroot prefixes every -I and -L, libcrypto's too: its
# -L$dest/usr/lib/... names no directory, and the linker finds the
# system's libcrypto on its default path, as it would on a real system.
export PKG_CONFIG_PATH="$lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_SYSROOT_DIR=$dest
pc_cflags=$(pkg-config --cflags sipwire)
pc_libs=$(pkg-config --libs sipwire)
pc_static=$(pkg-config --static --libs sipwire)
pc_version=$(pkg-config --modversion sipwire)
echo "pkg-config --cflags --libs sipwire: $pc_cflags $pc_libs"
echo "pkg-config --static --libs sipwire: $pc_static"
case " $pc_cflags " in
*" -I$inc "*) ok "pkg-config --cflags points into DESTDIR" ;;
*) fail "pkg-config --cflags sipwire gives '$pc_cflags', not -I$inc" ;;
esac
case " $pc_libs " in
*" -L$lib "*"-lsipwire "*) ok "pkg-config --libs points into DESTDIR" ;;
*) fail "pkg-config --libs sipwire gives '$pc_libs', not -L$lib ... -lsipwire" ;;
esac
case " $pc_static " in
*" -lcrypto "*) ok "pkg-config --static --libs brings libcrypto (Requires.private)" ;;
*) fail "pkg-config --static --libs sipwire lacks -lcrypto: '$pc_static'" ;;
esac
if [ "$pc_version" = "${dir[version]}" ]; then
    ok "pkg-config --modversion: $pc_version"
else
    fail "pkg-config --modversion sipwire is '$pc_version', want ${dir[version]}"
fi
if [ -n "${dir[url]:-}" ] && grep -qxF "URL: ${dir[url]}" "$lib/pkgconfig/sipwire.pc"; then
    ok "sipwire.pc names the project: ${dir[url]}"
else
    fail "sipwire.pc has no 'URL: ${dir[url]:-(PACKAGE_URL is empty)}' line"
fi

# --- 3. a program built against the installed copy only ---------------------
cat >"$tmp/prog.c" <<'EOF'
#include <stdio.h>
#include <string.h>

#include <sipwire/sipwire.h>

int main(void)
{
    static const char m[] =
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n"
        "Max-Forwards: 70\r\n"
        "To: <sip:carol@chicago.example.com>\r\n"
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
        "Call-ID: installed-a84b4c76e66710\r\n"
        "CSeq: 63104 OPTIONS\r\n"
        "Content-Length: 0\r\n"
        "\r\n";
    static unsigned char mem[8192];
    sipw_arena arena;
    sipw_msg msg;
    sipw_error err;
    char ha1[SIPW_DIGEST_HEX_MAX + 1];
    sipw_str user = {"bob", 3}, realm = {"atlanta.example.com", 19},
             pass = {"zanzibar", 8};

    sipw_arena_init(&arena, mem, sizeof mem);
    if (sipw_msg_parse(&msg, m, strlen(m), SIPW_PARSE_DEFAULT, &arena, &err) != SIPW_OK) {
        fprintf(stderr, "parse: %s\n", err.reason);
        return 1;
    }
    if (sipw_digest_ha1(SIPW_DIGEST_MD5, user, realm, pass, ha1, &err) != SIPW_OK) {
        fprintf(stderr, "ha1: %s\n", sipw_status_name(err.status));
        return 1;
    }
    printf("Call-ID: %.*s\n", (int)msg.call_id.len, msg.call_id.p);
    printf("HA1: %s\n", ha1);
    printf("headers: %s\n", SIPW_VERSION_STRING);
    return 0;
}
EOF
want_ha1=$(printf '%s' 'bob:atlanta.example.com:zanzibar' | md5sum | cut -d' ' -f1)
printf '%s\n' "Call-ID: installed-a84b4c76e66710" "HA1: $want_ha1" \
    "headers: ${dir[version]}" >"$tmp/want"

# check_run NAME ENV...: runs $tmp/NAME and compares its output.
check_run() {
    local name=$1 out rc=0
    shift
    out=$(env "$@" timeout 30 "$tmp/$name" 2>&1) || rc=$?
    if [ "$rc" -eq 0 ] && [ "$out" = "$(cat "$tmp/want")" ]; then
        ok "$name runs and prints the Call-ID and the HA1"
    else
        fail "$name exited $rc and printed:"
        printf '  %s\n' "$out"
    fi
}
# needed BIN: its NEEDED entries, one a line.
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# The headers come from DESTDIR, and from nowhere else.
# shellcheck disable=SC2086 # flag lists
if ! $CC -std=c99 $CFLAGS $pc_cflags -M "$tmp/prog.c" >"$tmp/deps" 2>"$tmp/cc.err"; then
    fail "$CC -M prog.c with pkg-config's flags failed: $(cat "$tmp/cc.err")"
else
    tr -s '\\ ' '[\n*]' <"$tmp/deps" | grep 'sipwire/' | sort -u >"$tmp/deps.sipw"
    if [ ! -s "$tmp/deps.sipw" ] || grep -qv "^$inc/sipwire/" "$tmp/deps.sipw"; then
        fail "prog.c did not take its sipwire headers from $inc only:"
        sed 's/^/  /' "$tmp/deps.sipw"
    else
        ok "prog.c includes $(wc -l <"$tmp/deps.sipw") headers, all from DESTDIR"
    fi
fi

# (a) The shared library.
if [ "$shared" = yes ]; then
    # shellcheck disable=SC2086
    if ! limit $CC -std=c99 -Wall -Wextra -Werror $CFLAGS -o "$tmp/prog-shared" \
        "$tmp/prog.c" $pc_cflags $pc_libs 2>"$tmp/cc.err"; then
        fail "cc prog.c \$(pkg-config --cflags --libs sipwire) failed:"
        sed 's/^/  /' "$tmp/cc.err"
    else
        if needed "$tmp/prog-shared" | grep -qx "libsipwire.so.$major"; then
            ok "prog-shared needs libsipwire.so.$major"
        else
            fail "prog-shared has no NEEDED libsipwire.so.$major: $(needed "$tmp/prog-shared" | tr '\n' ' ')"
        fi
        rpath=$(readelf -d "$tmp/prog-shared" | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]/\1/p')
        [ -z "$rpath" ] || fail "prog-shared has a run path: $rpath"
        resolved=$(LD_LIBRARY_PATH=$lib limit ldd "$tmp/prog-shared" |
            sed -n "s/^[[:space:]]*libsipwire\.so\.$major => \([^ ]*\) .*/\1/p")
        if [ "$resolved" = "$lib/libsipwire.so.$major" ]; then
            ok "with LD_LIBRARY_PATH into DESTDIR, ldd resolves libsipwire.so.$major to the installed copy"
        else
            fail "ldd resolves libsipwire.so.$major to '${resolved:-nothing}', not $lib/libsipwire.so.$major"
        fi
        check_run prog-shared LD_LIBRARY_PATH="$lib"
    fi
else
    echo "ok - (not applicable: no shared library in this build, prog-shared not built)"
fi

# (b) libsipwire.a, the rest as the system has it. -l:libsipwire.a picks
# the archive where -lsipwire would pick the .so.
static_libs=${pc_static/-lsipwire/-l:libsipwire.a}
# shellcheck disable=SC2086
if ! limit $CC -std=c99 -Wall -Wextra -Werror $CFLAGS -o "$tmp/prog-static" \
    "$tmp/prog.c" $pc_cflags $static_libs 2>"$tmp/cc.err"; then
    fail "cc prog.c \$(pkg-config --static --cflags --libs sipwire) with libsipwire.a failed:"
    sed 's/^/  /' "$tmp/cc.err"
else
    if needed "$tmp/prog-static" | grep -q '^libsipwire'; then
        fail "prog-static still needs $(needed "$tmp/prog-static" | grep '^libsipwire')"
    else
        ok "prog-static has no NEEDED libsipwire (NEEDED: $(needed "$tmp/prog-static" | tr '\n' ' '))"
    fi
    check_run prog-static
fi
# The same without --static must fail: else the check above proved nothing
# about Requires.private.
nonstatic_libs=${pc_libs/-lsipwire/-l:libsipwire.a}
# shellcheck disable=SC2086
if limit $CC -std=c99 $CFLAGS -o "$tmp/prog-nopriv" "$tmp/prog.c" $pc_cflags \
    $nonstatic_libs >/dev/null 2>&1; then
    fail "prog.c links with libsipwire.a without pkg-config --static: the static check does not test Requires.private"
else
    ok "without --static (no libcrypto) the static link fails, as it must"
fi

# (c) Fully static, where the C library can (not under sanitizers).
printf 'int main(void) { return 0; }\n' >"$tmp/empty.c"
# shellcheck disable=SC2086 # flag lists
case " $CFLAGS " in
*-fsanitize*) echo "ok - (not applicable: -static and sanitizers in CFLAGS do not mix)" ;;
*)
    if ! limit $CC $CFLAGS -static -o "$tmp/empty" "$tmp/empty.c" >/dev/null 2>&1; then
        echo "ok - (not applicable: $CC -static cannot link here; no static C library)"
    elif ! limit $CC -std=c99 $CFLAGS -static -o "$tmp/prog-allstatic" "$tmp/prog.c" \
        $pc_cflags $pc_static 2>"$tmp/cc.err"; then
        fail "cc -static prog.c \$(pkg-config --static --cflags --libs sipwire) failed:"
        sed 's/^/  /' "$tmp/cc.err"
    else
        if readelf -d "$tmp/prog-allstatic" | grep -q 'NEEDED'; then
            fail "prog-allstatic has NEEDED entries: $(needed "$tmp/prog-allstatic" | tr '\n' ' ')"
        else
            ok "cc -static with pkg-config --static links: no dynamic dependency at all"
        fi
        check_run prog-allstatic
    fi
    ;;
esac

# --- 4. the headers on their own ---------------------------------------------
cxx=${CXX:-}
if [ -z "$cxx" ]; then
    for c in g++ clang++ c++; do
        if command -v "$c" >/dev/null 2>&1; then cxx=$c; break; fi
    done
fi
nh=0
hfail=0
for h in "$inc"/sipwire/*.h; do
    n=sipwire/$(basename "$h")
    nh=$((nh + 1))
    # (a declaration after the include: a header of macros only would
    # otherwise leave an empty translation unit, which -pedantic refuses)
    printf '#include <%s>\ntypedef int sipw_test_not_empty;\n' "$n" >"$tmp/h.c"
    # shellcheck disable=SC2086
    if ! $CC -std=c99 -Wall -Wextra -pedantic -Werror $pc_cflags -fsyntax-only \
        "$tmp/h.c" 2>"$tmp/cc.err"; then
        fail "<$n> alone does not compile as C99 (-Wall -Wextra -pedantic -Werror):"
        hfail=1
        sed 's/^/  /' "$tmp/cc.err"
    fi
    if [ -n "$cxx" ]; then
        # shellcheck disable=SC2086
        if ! $cxx -x c++ -std=c++11 -Wall -Wextra -pedantic -Werror $pc_cflags \
            -fsyntax-only "$tmp/h.c" 2>"$tmp/cc.err"; then
            fail "<$n> alone does not compile as C++11 ($cxx -Wall -Wextra -pedantic -Werror):"
            hfail=1
            sed 's/^/  /' "$tmp/cc.err"
        fi
    fi
done
[ "$hfail" -ne 0 ] || ok "each of the $nh installed headers compiles alone as C99 -pedantic${cxx:+ and as C++11}"
if [ -n "$cxx" ]; then
    cp "$tmp/prog.c" "$tmp/prog.cc"
    # Linked with the C++ compiler: a header without extern "C" would make
    # it look for mangled names.
    linkflags=$pc_libs
    [ "$shared" = yes ] || linkflags=$pc_static
    # shellcheck disable=SC2086
    if ! limit $cxx -std=c++11 -Wall -Wextra -Werror $CFLAGS -o "$tmp/prog-cxx" \
        "$tmp/prog.cc" $pc_cflags $linkflags 2>"$tmp/cc.err"; then
        fail "the program as C++ does not build against the installed library ($cxx):"
        sed 's/^/  /' "$tmp/cc.err"
    else
        check_run prog-cxx LD_LIBRARY_PATH="$lib"
    fi
else
    echo "ok - (not applicable: no C++ compiler found)"
fi

# --- 5. the installed tool ----------------------------------------------------
tool=$dest${dir[bindir]}/sipwire
if [ -x "$tool" ]; then
    out=$(LD_LIBRARY_PATH=$lib timeout 30 "$tool" --version 2>&1) || true
    case $out in
    *"${dir[version]}"*) ok "installed sipwire --version: $out" ;;
    *) fail "installed sipwire --version printed '$out'" ;;
    esac
    if LD_LIBRARY_PATH=$lib timeout 30 "$tool" check \
        "$SIPW_SRCDIR/tests/data/rfc3665/2.1-successful-new-registration-F1.sip"; then
        ok "installed sipwire check accepts a valid message"
    else
        fail "installed sipwire check rejects a valid message"
    fi
    if [ "$shared" = yes ]; then
        resolved=$(LD_LIBRARY_PATH=$lib limit ldd "$tool" |
            sed -n "s/^[[:space:]]*libsipwire\.so\.$major => \([^ ]*\) .*/\1/p")
        [ "$resolved" = "$lib/libsipwire.so.$major" ] ||
            fail "the installed tool loads libsipwire from '${resolved:-nowhere}', not DESTDIR"
    fi
    rpath=$(readelf -d "$tool" | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]/\1/p')
    case $rpath in
    *"$B"*) fail "the installed tool has a run path into the build tree: $rpath" ;;
    *) ok "the installed tool has no run path into the build tree${rpath:+ (it has $rpath)}" ;;
    esac
fi

if [ "$status" -eq 0 ]; then
    echo "all install checks passed"
else
    echo "some install checks FAILED"
fi
exit "$status"
