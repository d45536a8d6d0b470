#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire, fuzz/build.sh: builds libpcap from source for the targets that
# say SIPW_FUZZ_LINK("libpcap"), when the source is in $SRC/libpcap (the
# OSS-Fuzz Dockerfile clones it). The system's libpcap.a cannot be linked
# statically (it needs libdbus-1, which needs libsystemd, which has no
# static archive), and under MemorySanitizer it must be instrumented.
#
#   DEPS=DIR deps/libpcap.sh SOURCE_DIR
#
# Installs a static, capture-file-only libpcap (no D-Bus, RDMA,
# Bluetooth, USB, netmap, DPDK, libnl) built with $CC and $CFLAGS into
# DIR, with DIR/lib/pkgconfig/libpcap.pc. Needs cmake, flex and bison.
set -euo pipefail

srcdir=${1:?usage: DEPS=DIR $0 SOURCE_DIR}
: "${DEPS:?set DEPS to the install directory}"
build=$DEPS/build/libpcap
rm -rf "$build"
mkdir -p "$build"
timeout 600 cmake -S "$srcdir" -B "$build" \
    -DCMAKE_C_COMPILER="${CC:-cc}" -DCMAKE_C_FLAGS="${CFLAGS:-}" \
    -DCMAKE_INSTALL_PREFIX="$DEPS" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_WITH_LIBNL=OFF -DENABLE_REMOTE=OFF \
    -DDISABLE_DBUS=ON -DDISABLE_RDMA=ON -DDISABLE_BLUETOOTH=ON \
    -DDISABLE_LINUX_USBMON=ON -DDISABLE_NETMAP=ON -DDISABLE_DPDK=ON \
    -DDISABLE_DAG=ON -DDISABLE_SEPTEL=ON -DDISABLE_SNF=ON -DDISABLE_TC=ON
timeout 1200 cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)"
timeout 600 cmake --install "$build"
if [ ! -f "$DEPS/lib/libpcap.a" ] || [ ! -f "$DEPS/lib/pkgconfig/libpcap.pc" ]; then
    echo "deps/libpcap.sh: no $DEPS/lib/libpcap.a or libpcap.pc after the install" >&2
    exit 1
fi
rm -rf "$build"
