#!/usr/bin/env bash
# sipwire: builds the libFuzzer targets the way OSS-Fuzz does.
#
#   fuzz/build.sh            (by hand, or as OSS-Fuzz's build.sh)
#
# For each fuzz/fuzz_X.c it writes to $OUT:
#   fuzz_X                   the target, linked with $LIB_FUZZING_ENGINE
#   fuzz_X.dict              its dictionary (fuzz/fuzz_X.dict)
#   fuzz_X_seed_corpus.zip   seeds cut out of tests/data (the kind of seed
#                            is named in the target's SIPW_FUZZ_TARGET line;
#                            see fuzz/seeds.h) plus tests/regress/fuzz_X/*
#
# OSS-Fuzz sets CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE OUT SRC WORK. By
# hand, the defaults are clang, ASan + UBSan + libFuzzer, OUT=build-fuzz/out
# and WORK=build-fuzz/work (build-fuzz/ at the top of the source tree).
# Needs: clang with libFuzzer (Debian: clang libclang-rt-dev), re2c,
# autoconf, automake, libtool, pkg-config (a git checkout), zip, and
# libpcap (libpcap-dev) for fuzz_capture.
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

# --- the library: static, instrumented with $CFLAGS -----------------------
sipw_autogen
lib="$WORK/lib"
# configure runs once per set of flags (sipw_configure keeps a stamp).
sipw_configure "$lib" --disable-shared --enable-static
sipw_log "building libsipwire.a in $lib"
sipw_make "$lib" -j"$(sipw_nproc)" libsipwire.la
[ -f "$lib/.libs/libsipwire.a" ] || sipw_die "no $lib/.libs/libsipwire.a"

# --- the capture reader of the tool (fuzz_capture): instrumented too ------
# src/cli/capture/ is not part of libsipwire; its targets also link libpcap
# (pkg-config, else pcap-config, else -lpcap, as configure finds it).
cap="$WORK/capture"
mkdir -p "$cap"
rm -f "$cap"/*.o "$cap/libcapture.a"
pcap_cflags=$(pkg-config --cflags libpcap 2>/dev/null || pcap-config --cflags 2>/dev/null || true)
pcap_libs=$(pkg-config --libs libpcap 2>/dev/null || pcap-config --libs 2>/dev/null || echo -lpcap)
for c in "$top"/src/cli/capture/*.c; do
    # shellcheck disable=SC2086 # the flags are lists
    "$CC" $CFLAGS $pcap_cflags -c "$c" -o "$cap/$(basename "$c" .c).o"
done
ar cr "$cap/libcapture.a" "$cap"/*.o

# --- the seed cutter: plain build, no instrumentation ----------------------
"$CC" -O1 -o "$WORK/mkseeds" "$top/fuzz/mkseeds.c" "$top/fuzz/seeds.c"

# Message files of tests/data (not the README, notes and verdict tables).
mapfile -t data_files < <(find "$top/tests/data" -type f \
    ! -name '*.md' ! -name '*.tsv' ! -name 'README*' | LC_ALL=C sort)
[ "${#data_files[@]}" -gt 0 ] || sipw_die "no files in $top/tests/data"

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

# --- each target ---------------------------------------------------------
shopt -s nullglob
targets=()
for src in "$top"/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    targets+=("$t")
    kind=$(sed -n 's/^SIPW_FUZZ_TARGET( *'"$t"' *, *"\([a-z]*\)").*/\1/p' "$src")
    [ -n "$kind" ] || sipw_die "$src: no SIPW_FUZZ_TARGET($t, \"KIND\") line"

    sipw_log "$t: compiling (seeds: $kind)"
    # shellcheck disable=SC2086 # the flags are lists
    "$CC" $CFLAGS -I"$top/include" -I"$lib/include" -I"$top/src" \
        -c "$src" -o "$WORK/$t.o"
    # A target of the capture reader links it and libpcap.
    extra=()
    if grep -q '"cli/capture/capture.h"' "$src"; then
        # shellcheck disable=SC2206 # a list of flags
        extra=("$cap/libcapture.a" $pcap_libs)
    fi
    # shellcheck disable=SC2086
    "$CXX" $CXXFLAGS "$WORK/$t.o" -o "$OUT/$t" $LIB_FUZZING_ENGINE \
        "${extra[@]}" "$lib/.libs/libsipwire.a" $(pkg-config --libs libcrypto)

    if [ -f "$top/fuzz/$t.dict" ]; then
        cp "$top/fuzz/$t.dict" "$OUT/$t.dict"
    fi

    seeds="$WORK/seeds/$t"
    rm -rf "$seeds"
    mkdir -p "$seeds"
    "$WORK/mkseeds" "$kind" "$seeds" "${data_files[@]}" >/dev/null
    for f in "$top/tests/regress/$t"/*; do
        case $(basename "$f") in README*) continue ;; esac
        [ -f "$f" ] && cp "$f" "$seeds/regress-$(basename "$f")"
    done
    zip_dir "$seeds" "$OUT/${t}_seed_corpus.zip"
    sipw_log "$t: $OUT/$t, $(find "$seeds" -type f | wc -l) seeds"
done
shopt -u nullglob
[ "${#targets[@]}" -gt 0 ] || sipw_die "no fuzz/fuzz_*.c"
sipw_log "built ${#targets[@]} targets in $OUT: ${targets[*]}"
