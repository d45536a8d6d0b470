#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: builds the libFuzzer targets the way OSS-Fuzz does.
#
#   fuzz/build.sh            (by hand; OSS-Fuzz runs it through
#                            fuzz/oss-fuzz/build.sh)
#
# For each fuzz/fuzz_X.c it writes to $OUT:
#   fuzz_X                   the target, linked with $LIB_FUZZING_ENGINE
#   fuzz_X.dict              its dictionary (fuzz/fuzz_X.dict)
#   fuzz_X.options           its options (fuzz/oss-fuzz/fuzz_X.options), if any
#   fuzz_X_seed_corpus.zip   seeds cut out of tests/data (the kind of seed
#                            is named in the target's SIPW_FUZZ_TARGET line;
#                            see fuzz/seeds.h) plus tests/regress/fuzz_X/*
# and to $WORK/targets.tsv one line per target: name, "built" or
# "skipped", whether it needs libcrypto, the extra pkg-config modules of
# its SIPW_FUZZ_LINK line, and a note.
#
# Nothing is downloaded. The generated lexers come from re2c (at least
# 3.0) when it is on PATH; else from a release tarball (`make dist` ships
# grammar/*.c): $SIPW_DIST_TARBALL, or the newest $SRC/sipwire-*.tar.gz.
# The tarball must hold the same sources as this tree (checked), and then
# the library, the targets and the seeds are all built from it, with no
# autotools and no re2c. A tree that already holds the generated lexers
# (an unpacked tarball) builds as it is.
#
# Everything a target links besides the C library is static: OSS-Fuzz's
# runtime image has no libcrypto.so.3 (nor libpcap.so...). libsipwire.a
# needs libcrypto for the digest code only: a target that links without
# it gets none, the others get libcrypto.a. A target names any further
# library with a SIPW_FUZZ_LINK("module") line (fuzz/fuzz.h); each -lNAME
# of `pkg-config --static --libs module` is linked as libNAME.a, taken
# from $WORK/deps (built by fuzz/oss-fuzz/deps/module.sh from $SRC/module
# when both exist) or from the system. Every target is then checked with
# readelf -d: it may need only the C runtime's shared libraries.
# Under MemorySanitizer (SANITIZER=memory, or -fsanitize=memory in CFLAGS)
# a library that was not built here with $CFLAGS would report false
# positives, so a target needing one (libcrypto from the system, say) is
# skipped, and said so.
#
# OSS-Fuzz sets CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE SANITIZER OUT SRC
# WORK. By hand, the defaults are clang, ASan + UBSan + libFuzzer,
# OUT=build-fuzz/out and WORK=build-fuzz/work (build-fuzz/ at the top of
# the source tree). Needs: clang with libFuzzer (Debian: clang
# libclang-rt-dev), pkg-config, libssl-dev (libcrypto.a), zip or python3;
# from a git checkout also autoconf, automake, libtool and re2c.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=tools/deps.sh
. "$top/tools/deps.sh"

san="-fsanitize=address,undefined -fno-sanitize-recover=all"
export CC=${CC:-clang}
export CXX=${CXX:-clang++}
export CFLAGS=${CFLAGS-"-O1 -g -fno-omit-frame-pointer $san -fsanitize=fuzzer-no-link"}
export CXXFLAGS=${CXXFLAGS-"$CFLAGS"}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}
OUT=${OUT:-$top/build-fuzz/out}
WORK=${WORK:-$top/build-fuzz/work}
mkdir -p "$OUT" "$WORK"
OUT=$(cd "$OUT" && pwd)
WORK=$(cd "$WORK" && pwd)
msan=no
case "${SANITIZER:-} $CFLAGS " in
memory* | *-fsanitize=memory*) msan=yes ;;
esac
deps=$WORK/deps # libraries built here, with $CFLAGS (fuzz/oss-fuzz/deps/)
dep_pc_path=$deps/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
# A bound on each compile, link and helper run (configure and make are
# bounded by whoever runs this script: fuzz/oss-fuzz/check-build.sh does).
short() { timeout 600 "$@"; }

# --- the sources: this tree, or a release tarball of it --------------------
re2c_ok() { # re2c on PATH, at least 3.0 (as configure.ac wants)
    local v
    command -v re2c >/dev/null 2>&1 || return 1
    v=$(re2c --version 2>/dev/null | sed -n 's/^re2c \([0-9.]*\).*/\1/p')
    [ -n "$v" ] && [ "$(printf '%s\n' 3.0 "$v" | sort -V | head -n 1)" = 3.0 ]
}
# The files that make the library and the targets: the tarball's must be
# this tree's.
source_files() {
    (cd "$1" && find include src fuzz tools -type f \
        \( -name '*.c' -o -name '*.h' -o -name '*.sym' \) ! -name version.h &&
        find grammar -type f -name '*.re' ! -name hdrnames.inc.re) | LC_ALL=C sort
}
same_sources() { # same_sources TREE TARBALL_TREE
    local f diffs=()
    if ! cmp -s <(source_files "$1") <(source_files "$2"); then
        diff <(source_files "$1") <(source_files "$2") | sed -n 's/^[<>] /  /p' | head -n 20 >&2
        return 1
    fi
    while IFS= read -r f; do
        cmp -s "$1/$f" "$2/$f" || diffs+=("$f")
    done < <(source_files "$1")
    if [ "${#diffs[@]}" -gt 0 ]; then
        printf '  differs: %s\n' "${diffs[@]:0:20}" >&2
        return 1
    fi
}

tarball=${SIPW_DIST_TARBALL:-}
if [ -z "$tarball" ] && ! re2c_ok && [ ! -f "$top/grammar/message.c" ] &&
    [ -n "${SRC:-}" ]; then
    tarball=$(find "$SRC" -maxdepth 1 -name 'sipwire-*.tar.gz' -printf '%T@ %p\n' 2>/dev/null |
        sort -rn | sed -n '1s/^[^ ]* //p')
fi
if [ -n "$tarball" ]; then
    [ -f "$tarball" ] || sipw_die "no tarball $tarball"
    sipw_log "sources: $tarball (its generated lexers; no re2c, no autotools)"
    rm -rf "$WORK/dist"
    mkdir -p "$WORK/dist"
    tar -xzf "$tarball" -C "$WORK/dist"
    src=$(find "$WORK/dist" -mindepth 1 -maxdepth 1 -type d -name 'sipwire-*')
    if [ -z "$src" ] || [ ! -f "$src/configure" ] || [ ! -f "$src/grammar/message.c" ]; then
        sipw_die "$tarball is not a sipwire release tarball (no configure or grammar/message.c)"
    fi
    same_sources "$top" "$src" ||
        sipw_die "$tarball was not made from the sources of $top (above); make dist again"
    lib=$WORK/lib-dist
elif re2c_ok; then
    src=$top
    sipw_log "sources: $top, lexers by $(re2c --version)"
    sipw_autogen
    lib=$WORK/lib
elif [ -f "$top/grammar/message.c" ] && [ -f "$top/configure" ]; then
    src=$top
    sipw_log "sources: $top, with the generated lexers it ships"
    lib=$WORK/lib
else
    sipw_die "re2c >= 3.0 is not on PATH (apt-get install re2c), and no release tarball was given (SIPW_DIST_TARBALL=sipwire-X.tar.gz, or \$SRC/sipwire-*.tar.gz)"
fi

# --- the library: static, instrumented with $CFLAGS -----------------------
# configure runs once per set of flags (sipw_configure keeps a stamp).
SIPW_TOP=$src sipw_configure "$lib" --disable-shared --enable-static
sipw_log "building libsipwire.a in $lib"
sipw_make "$lib" -j"$(sipw_nproc)" libsipwire.la
libsipwire=$lib/.libs/libsipwire.a
[ -f "$libsipwire" ] || sipw_die "no $libsipwire"

# --- static archives -------------------------------------------------------
is_system_runtime() { # the C runtime: shared everywhere, OSS-Fuzz included
    case $1 in c | m | dl | pthread | rt | resolv | util | gcc_s) return 0 ;; esac
    return 1
}
# static_args WHAT MODULE...: sets sargs to the link arguments of
# `pkg-config --static --libs MODULE...`, each -lNAME replaced by its
# libNAME.a (from the -L directories, else the compiler's); dies when one
# has no archive. Sets uninstrumented to 1 when an archive is not from
# $deps, else to 0.
sargs=()
uninstrumented=0
static_args() {
    local what=$1 flags f name a d dirs=()
    shift
    sargs=()
    uninstrumented=0
    flags=$(PKG_CONFIG_PATH=$dep_pc_path pkg-config --static --libs "$@") ||
        sipw_die "$what: pkg-config does not know $* (install its -dev package, or see fuzz/oss-fuzz/deps/)"
    # shellcheck disable=SC2086 # a list of flags
    for f in $flags; do
        case $f in
        -L*) dirs+=("${f#-L}") ;;
        -l*)
            name=${f#-l}
            if is_system_runtime "$name"; then
                sargs+=("$f")
                continue
            fi
            a=
            for d in "${dirs[@]}"; do
                if [ -f "$d/lib$name.a" ]; then a=$d/lib$name.a; break; fi
            done
            if [ -z "$a" ]; then
                a=$("$CC" -print-file-name="lib$name.a")
                [ "$a" != "lib$name.a" ] && [ -f "$a" ] || a=
            fi
            [ -n "$a" ] || sipw_die "$what: no static lib$name.a, which \`pkg-config --static --libs $*\` names; OSS-Fuzz's runtime has no lib$name.so (build it from source: fuzz/oss-fuzz/deps/)"
            case $a in "$deps"/*) ;; *) uninstrumented=1 ;; esac
            sargs+=("$a")
            ;;
        *) sargs+=("$f") ;;
        esac
    done
}
static_args libsipwire libcrypto
crypto_args=("${sargs[@]}")
crypto_uninstrumented=$uninstrumented
[ "${#crypto_args[@]}" -gt 0 ] || sipw_die "no link arguments for libcrypto"
sipw_log "libcrypto, for the targets that need it: ${crypto_args[*]}"

# static_ok MODULE...: every library pkg-config --static names has an
# archive (or is the C runtime), so static_args would not die.
static_ok() {
    (static_args probe "$@") >/dev/null 2>&1
}

# built_deps: the modules fuzz/oss-fuzz/deps/ built in this run.
declare -A built_deps=()
build_dep() { # build_dep MODULE: from $SRC/MODULE, once, if there is a recipe
    local m=$1 recipe=$src/fuzz/oss-fuzz/deps/$1.sh
    [ -z "${built_deps[$m]:-}" ] || return 0
    built_deps[$m]=1
    if [ -f "$recipe" ] && [ -d "${SRC:-/nonexistent}/$m" ]; then
        sipw_log "$m: building it from $SRC/$m ($recipe)"
        env DEPS="$deps" timeout 3600 bash "$recipe" "$SRC/$m" ||
            sipw_die "$recipe failed"
    fi
}

# --- the capture reader of the tool (fuzz_capture): instrumented too ------
# src/cli/capture/ is not part of libsipwire; a target that includes
# "cli/capture/capture.h" links this archive (and says
# SIPW_FUZZ_LINK("libpcap") for libpcap itself).
cap=$WORK/capture
mkdir -p "$cap"
rm -f "$cap"/*.o "$cap/libcapture.a"
pcap_cflags=$(PKG_CONFIG_PATH=$dep_pc_path pkg-config --cflags libpcap 2>/dev/null || true)
for c in "$src"/src/cli/capture/*.c; do
    # shellcheck disable=SC2086 # the flags are lists
    short "$CC" $CFLAGS $pcap_cflags -c "$c" -o "$cap/$(basename "$c" .c).o"
done
ar cr "$cap/libcapture.a" "$cap"/*.o

# --- the seed cutter: plain build, no instrumentation ----------------------
short "$CC" -O1 -o "$WORK/mkseeds" "$src/fuzz/mkseeds.c" "$src/fuzz/seeds.c"

# Message files of tests/data (not the README, notes and verdict tables).
mapfile -t data_files < <(find "$src/tests/data" -type f \
    ! -name '*.md' ! -name '*.tsv' ! -name 'README*' | LC_ALL=C sort)
[ "${#data_files[@]}" -gt 0 ] || sipw_die "no files in $src/tests/data"

zip_dir() { # zip_dir DIR ZIPFILE: the files of DIR, without paths
    local dir=$1 zipfile=$2
    rm -f "$zipfile"
    if command -v zip >/dev/null 2>&1; then
        (cd "$dir" && find . -type f -print | LC_ALL=C sort |
            zip -q -X -@ "$zipfile")
    elif command -v python3 >/dev/null 2>&1; then
        python3 - "$dir" "$zipfile" <<'EOF'
import os, sys, zipfile
d, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(os.listdir(d)):
        z.write(os.path.join(d, n), n)
EOF
    else
        sipw_die "need zip (apt-get install zip) to write $zipfile"
    fi
}

# The shared libraries a target may need: those of the C runtime, which
# every image (OSS-Fuzz's base-runner too) has.
runtime_re='^(libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libgcc_s\.so\.1|libstdc\+\+\.so\.6|libc\+\+\.so\.1|libc\+\+abi\.so\.1|ld-linux-x86-64\.so\.2)$'

# --- each target ---------------------------------------------------------
shopt -s nullglob
targets=()
nbuilt=0
: >"$WORK/targets.tsv"
for srcfile in "$src"/fuzz/fuzz_*.c; do
    t=$(basename "$srcfile" .c)
    targets+=("$t")
    kind=$(sed -n 's/^SIPW_FUZZ_TARGET( *'"$t"' *, *"\([a-z]*\)").*/\1/p' "$srcfile")
    [ -n "$kind" ] || sipw_die "$srcfile: no SIPW_FUZZ_TARGET($t, \"KIND\") line"
    # SIPW_FUZZ_LINK("a", "b") lines: the pkg-config modules it adds.
    mapfile -t mods < <(sed -n 's/^SIPW_FUZZ_LINK(\(.*\)).*/\1/p' "$srcfile" |
        grep -o '"[^"]*"' | tr -d '"')
    rm -f "$OUT/$t" "$OUT/$t.dict" "$OUT/$t.options" "$OUT/${t}_seed_corpus.zip"

    extra_cflags=()
    extra_libs=()
    extra_uninstrumented=0
    shared_ok=no
    if [ "${#mods[@]}" -gt 0 ]; then
        for m in "${mods[@]}"; do build_dep "$m"; done
        cf=$(PKG_CONFIG_PATH=$dep_pc_path pkg-config --cflags "${mods[@]}") ||
            sipw_die "$t: pkg-config does not know ${mods[*]}"
        read -ra extra_cflags <<<"$cf"
        if static_ok "${mods[@]}"; then
            static_args "$t" "${mods[@]}"
            extra_libs=("${sargs[@]}")
            extra_uninstrumented=$uninstrumented
        elif [ -n "${SRC:-}" ]; then
            # OSS-Fuzz's layout without the module's source in $SRC (the
            # Dockerfile clones it; fuzz/oss-fuzz/check-build.sh does not):
            # no static build, and a shared one would not run there.
            note="no static ${mods[*]}: needs its source in \$SRC (fuzz/oss-fuzz/deps/)"
            sipw_log "$t: SKIPPED: $note"
            printf '%s\tskipped\t-\t%s\t%s\n' "$t" "${mods[*]}" "$note" >>"$WORK/targets.tsv"
            continue
        else
            # By hand, with no static build of a module (Debian's libpcap.a
            # needs libsystemd, which has no archive): the system's shared
            # library, and readelf below allows it.
            read -ra extra_libs <<<"$(pkg-config --libs "${mods[@]}")"
            extra_uninstrumented=1
            shared_ok=yes
            sipw_log "$t: ${mods[*]} linked shared (a local build; OSS-Fuzz links it static)"
        fi
    fi

    sipw_log "$t: compiling (seeds: $kind${mods[*]:+; links ${mods[*]}})"
    # shellcheck disable=SC2086 # the flags are lists
    short "$CC" $CFLAGS -I"$src/include" -I"$lib/include" -I"$src/src" \
        "${extra_cflags[@]}" -c "$srcfile" -o "$WORK/$t.o"
    if grep -q '"cli/capture/capture.h"' "$srcfile"; then
        extra_libs=("$cap/libcapture.a" "${extra_libs[@]}")
    fi
    # First without libcrypto: a target that does not reach the digest
    # code links without it and gets none.
    crypto=no
    # shellcheck disable=SC2086
    if ! short "$CXX" $CXXFLAGS "$WORK/$t.o" -o "$OUT/$t" $LIB_FUZZING_ENGINE \
        "$libsipwire" "${extra_libs[@]}" >"$WORK/$t.link.log" 2>&1; then
        crypto=yes
    fi
    note=
    if [ "$msan" = yes ] && { [ "$extra_uninstrumented" = 1 ] ||
        { [ "$crypto" = yes ] && [ "$crypto_uninstrumented" = 1 ]; }; }; then
        rm -f "$OUT/$t"
        if [ "$extra_uninstrumented" = 1 ]; then
            note="a library of ${mods[*]} is not built with MemorySanitizer here"
        else
            note="libcrypto is not built with MemorySanitizer here"
        fi
        sipw_log "$t: SKIPPED under MemorySanitizer: $note"
        printf '%s\tskipped\t%s\t%s\t%s\n' "$t" "$crypto" "${mods[*]:--}" "$note" >>"$WORK/targets.tsv"
        continue
    fi
    if [ "$crypto" = yes ]; then
        # shellcheck disable=SC2086
        short "$CXX" $CXXFLAGS "$WORK/$t.o" -o "$OUT/$t" $LIB_FUZZING_ENGINE \
            "$libsipwire" "${extra_libs[@]}" "${crypto_args[@]}"
    fi
    bad=
    [ "$shared_ok" = yes ] ||
        bad=$(readelf -d "$OUT/$t" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -Ev "$runtime_re" || true)
    [ -z "$bad" ] || sipw_die "$t needs shared libraries OSS-Fuzz's runtime does not have: $(tr '\n' ' ' <<<"$bad")"

    if [ -f "$src/fuzz/$t.dict" ]; then
        cp "$src/fuzz/$t.dict" "$OUT/$t.dict"
    fi
    if [ -f "$src/fuzz/oss-fuzz/$t.options" ]; then
        cp "$src/fuzz/oss-fuzz/$t.options" "$OUT/$t.options"
    fi

    seeds="$WORK/seeds/$t"
    rm -rf "$seeds"
    mkdir -p "$seeds"
    short "$WORK/mkseeds" "$kind" "$seeds" "${data_files[@]}" >/dev/null
    for f in "$src/tests/regress/$t"/*; do
        case $(basename "$f") in README*) continue ;; esac
        [ -f "$f" ] && cp "$f" "$seeds/regress-$(basename "$f")"
    done
    zip_dir "$seeds" "$OUT/${t}_seed_corpus.zip"
    nbuilt=$((nbuilt + 1))
    printf '%s\tbuilt\t%s\t%s\t-\n' "$t" "$crypto" "${mods[*]:--}" >>"$WORK/targets.tsv"
    sipw_log "$t: $OUT/$t, $(find "$seeds" -type f | wc -l) seeds, libcrypto: $crypto"
done
shopt -u nullglob
[ "${#targets[@]}" -gt 0 ] || sipw_die "no fuzz/fuzz_*.c"
[ "$nbuilt" -gt 0 ] || sipw_die "no target could be built"
sipw_log "built $nbuilt of ${#targets[@]} targets in $OUT: ${targets[*]}"
