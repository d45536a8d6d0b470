#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: builds the fuzz targets the way OSS-Fuzz does and checks them
# the way its build check does, on this machine, without Docker.
#
#   fuzz/oss-fuzz/check-build.sh [--tarball FILE] [--keep] [SANITIZER...]
#
# For each SANITIZER (default: address undefined memory, those of
# project.yaml):
#   1. a fresh SRC, OUT and WORK under build-ossfuzz/ (at the top of the
#      tree): $SRC/sipwire is a copy of the tree's files as git lists them
#      (tracked and untracked, not ignored: a checkout with this tree's
#      changes), $SRC/build.sh is fuzz/oss-fuzz/build.sh, as the
#      Dockerfile has them; OSS-Fuzz's compiler flags for that sanitizer
#      and libFuzzer;
#   2. runs $SRC/build.sh in $SRC/sipwire without a network (unshare -n,
#      where the system allows it; said so when it does not);
#   3. checks $OUT: every fuzz/fuzz_*.c is there as a target, except the
#      ones fuzz/build.sh skipped with a reason under MemorySanitizer; no
#      other executable (OSS-Fuzz would take it for a target); each target
#      carries the sanitizer's runtime and LLVMFuzzerTestOneInput, needs
#      no libcrypto.so and no shared library outside the C runtime
#      (readelf -d), and has a non-empty seed corpus;
#   4. runs each target once over its unzipped seed corpus (-runs=0),
#      with its dictionary and the flags of its .options file: it must
#      exit 0, without a sanitizer report, having run every seed.
# With --tarball FILE (a `make dist` tarball of this tree), FILE is put in
# $SRC, and re2c and the autotools are replaced by stubs that fail: the
# build must take the generated lexers of the tarball and need neither.
#
# Prints one line per check of a target, "ok - ", "not ok - " or
# "skip - " (a target not built, with fuzz/build.sh's reason), and last
# "check-build: N ok, F failed, S skipped". Exits 0 when F is 0 and N is
# not. Removes build-ossfuzz/ at the end unless --keep (the build logs are
# printed when a build fails). Needs clang with libFuzzer, and what
# fuzz/build.sh needs.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tarball=
keep=no
sanitizers=()
while [ $# -gt 0 ]; do
    case $1 in
    --tarball)
        [ $# -ge 2 ] || { echo "check-build: --tarball needs a file" >&2; exit 2; }
        tarball=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
        [ -f "$tarball" ] || { echo "check-build: no $2" >&2; exit 2; }
        shift 2
        ;;
    --keep) keep=yes; shift ;;
    address | undefined | memory) sanitizers+=("$1"); shift ;;
    *) echo "usage: $0 [--tarball FILE] [--keep] [address|undefined|memory...]" >&2; exit 2 ;;
    esac
done
[ "${#sanitizers[@]}" -gt 0 ] || sanitizers=(address undefined memory)

for tool in clang clang++ readelf nm unzip pkg-config; do
    command -v "$tool" >/dev/null 2>&1 || { echo "check-build: $tool not found" >&2; exit 2; }
done

base=$top/build-ossfuzz
if [ -e "$base" ]; then
    [ -f "$base/.sipw-check-build" ] || {
        echo "check-build: $base exists and was not made by this script" >&2
        exit 2
    }
    rm -rf "$base"
fi
mkdir -p "$base"
: >"$base/.sipw-check-build"
# shellcheck disable=SC2317 # called by the trap
cleanup() { [ "$keep" = yes ] || rm -rf "$base"; }
trap cleanup EXIT

nok=0
nfail=0
nskip=0
ok() { nok=$((nok + 1)); echo "ok - $*"; }
notok() { nfail=$((nfail + 1)); echo "not ok - $*"; }
skip() { nskip=$((nskip + 1)); echo "skip - $*"; }

# --- SRC: the tree as a fresh checkout would have it ------------------------
src=$base/src
mkdir -p "$src/sipwire"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$top" && git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
        tar --null -T - -cf -) | tar -xf - -C "$src/sipwire"
else
    # (an unpacked tarball: everything but the build directories)
    (cd "$top" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$src/sipwire"
fi
cp "$top/fuzz/oss-fuzz/build.sh" "$src/build.sh"
stubs=
if [ -n "$tarball" ]; then
    cp "$tarball" "$src/"
    # Anything that tries to run re2c or an autotool fails loudly.
    stubs=$base/stubs
    mkdir -p "$stubs"
    for tool in re2c autoreconf autoconf autoheader automake aclocal libtoolize; do
        printf '#!/bin/sh\necho "%s: not available in this check (--tarball)" >&2\nexit 1\n' \
            "$tool" >"$stubs/$tool"
        chmod +x "$stubs/$tool"
    done
fi

# The build runs without a network where the system lets us take it away.
isolate=()
if unshare -n true 2>/dev/null; then
    isolate=(unshare -n)
elif unshare -rn true 2>/dev/null; then
    isolate=(unshare -rn)
else
    echo "# note: unshare cannot take the network away here; the build runs with it"
fi

# The targets there must be.
mapfile -t want < <(find "$top/fuzz" -maxdepth 1 -name 'fuzz_*.c' -printf '%f\n' | sed 's/\.c$//' | LC_ALL=C sort)
[ "${#want[@]}" -gt 0 ] || { echo "check-build: no fuzz/fuzz_*.c" >&2; exit 2; }

# OSS-Fuzz's flags (infra/base-images/base-builder), less -stdlib=libc++.
ubsan_checks=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
san_flags() {
    case $1 in
    address) echo "-fsanitize=address -fsanitize-address-use-after-scope" ;;
    undefined) echo "-fsanitize=$ubsan_checks,unsigned-integer-overflow -fno-sanitize-recover=$ubsan_checks" ;;
    memory) echo "-fsanitize=memory -fsanitize-memory-track-origins" ;;
    esac
}
san_symbol() {
    case $1 in
    address) echo __asan_init ;;
    undefined) echo __ubsan_handle_ ;;
    memory) echo __msan_init ;;
    esac
}
# The shared libraries of the C runtime, which the runtime image has.
runtime_re='^(libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libgcc_s\.so\.1|libstdc\+\+\.so\.6|libc\+\+\.so\.1|libc\+\+abi\.so\.1|ld-linux-x86-64\.so\.2)$'

for san in "${sanitizers[@]}"; do
    out=$base/$san/out
    work=$base/$san/work
    mkdir -p "$out" "$work"
    log=$base/$san/build.log
    flags="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION $(san_flags "$san") -fsanitize=fuzzer-no-link"
    echo "# $san: building into $out"
    rc=0
    (
        cd "$src/sipwire"
        unset LDFLAGS CPPFLAGS SIPW_DIST_TARBALL
        export CC=clang CXX=clang++ CFLAGS="$flags" CXXFLAGS="$flags" \
            LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=$san \
            FUZZING_ENGINE=libfuzzer FUZZING_LANGUAGE=c ARCHITECTURE=x86_64 \
            SRC="$src" OUT="$out" WORK="$work"
        [ -z "$stubs" ] || export PATH="$stubs:$PATH"
        timeout 2400 "${isolate[@]}" bash "$src/build.sh"
    ) >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        notok "$san: build.sh exited $rc; the end of $log:"
        tail -n 40 "$log" | sed 's/^/#   /'
        continue
    fi
    if [ -n "$tarball" ] && ! grep -q "^==> sources: .*$(basename "$tarball")" "$log"; then
        notok "$san: build.sh did not build from $(basename "$tarball")"
    fi

    # Executables in $OUT that are not targets.
    for f in "$out"/*; do
        if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
        n=$(basename "$f")
        [[ " ${want[*]} " == *" $n "* ]] ||
            notok "$san: $out has an executable that is not a target: $n"
    done

    for t in "${want[@]}"; do
        bin=$out/$t
        if [ ! -x "$bin" ]; then
            why=$(awk -F'\t' -v t="$t" '$1 == t && $2 == "skipped" {print $5}' "$work/targets.tsv" 2>/dev/null)
            # MSan skips a target whose libraries are not instrumented; any
            # sanitizer skips one whose library has no static build here
            # (its source is not in this SRC; OSS-Fuzz's Dockerfile has it).
            if [ -n "$why" ] && { [ "$san" = memory ] || [[ $why == "no static "* ]]; }; then
                skip "$san $t: not built: $why"
            else
                notok "$san $t: not built${why:+ ($why)}"
            fi
            continue
        fi
        needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
        if grep -q '^libcrypto\.so' <<<"$needed"; then
            notok "$san $t: needs $(grep '^libcrypto' <<<"$needed" | tr '\n' ' ')"
            continue
        fi
        bad=$(grep -Ev "$runtime_re" <<<"$needed" || true)
        if [ -n "$bad" ]; then
            notok "$san $t: needs shared libraries the runtime image lacks: $(tr '\n' ' ' <<<"$bad")"
            continue
        fi
        syms=$(nm "$bin" 2>/dev/null || true)
        if ! grep -q ' T LLVMFuzzerTestOneInput$' <<<"$syms" ||
            ! grep -q "$(san_symbol "$san")" <<<"$syms"; then
            notok "$san $t: no LLVMFuzzerTestOneInput or no $(san_symbol "$san") (not built with -fsanitize=$san?)"
            continue
        fi
        zip=$out/${t}_seed_corpus.zip
        seeds=$work/check-seeds/$t
        rm -rf "$seeds"
        mkdir -p "$seeds"
        if [ ! -s "$zip" ] || ! unzip -q -o "$zip" -d "$seeds" 2>/dev/null; then
            notok "$san $t: no seed corpus $zip"
            continue
        fi
        nseeds=$(find "$seeds" -type f | wc -l)
        # (libFuzzer does not count an empty file; it runs the empty input
        # anyway)
        nfull=$(find "$seeds" -type f -size +0 | wc -l)
        if [ "$nseeds" -eq 0 ]; then
            notok "$san $t: the seed corpus is empty"
            continue
        fi
        args=(-runs=0)
        [ ! -f "$out/$t.dict" ] || args+=("-dict=$out/$t.dict")
        if [ -f "$out/$t.options" ]; then
            # The [libfuzzer] section, "name = value" lines, as flags.
            while IFS= read -r kv; do
                args+=("-$kv")
            done < <(awk '/^\[/ {s = ($0 == "[libfuzzer]")} s && /=/ && !/^[#;]/ {
                gsub(/[ \t]/, ""); print}' "$out/$t.options")
        fi
        rlog=$work/check-$t.log
        rc=0
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:silence_unsigned_overflow=1 \
            MSAN_OPTIONS=halt_on_error=1:symbolize=1 \
            timeout 600 "$bin" "${args[@]}" "$seeds" >"$rlog" 2>&1 || rc=$?
        found=$(sed -n 's/^INFO: *\([0-9]*\) files found in .*/\1/p' "$rlog" | head -n 1)
        if [ "$rc" -ne 0 ] || grep -Eq '^==[0-9]+==ERROR|runtime error|WARNING: unrecognized flag|ParseDictionaryFile' "$rlog" ||
            ! grep -q 'INITED' "$rlog"; then
            notok "$san $t: the run over its $nseeds seeds exited $rc; the end of $rlog:"
            grep -E '^==[0-9]+==ERROR|runtime error|unrecognized|ParseDictionary|invariant' "$rlog" |
                head -n 10 | sed 's/^/#   /'
            tail -n 15 "$rlog" | sed 's/^/#   /'
        elif [ "$found" != "$nfull" ]; then
            notok "$san $t: libFuzzer found ${found:-no} files of its $nfull non-empty seeds"
        else
            shown="${args[*]:1}"
            ok "$san $t: NEEDED $(tr '\n' ' ' <<<"$needed")only; ran its $nseeds seeds${shown:+ (${shown//$out\//})}"
        fi
    done
done

echo "check-build: $nok ok, $nfail failed, $nskip skipped"
[ "$nfail" -eq 0 ] && [ "$nok" -gt 0 ]
