#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# OSS-Fuzz's build script for sipwire (projects/sipwire/build.sh in
# google/oss-fuzz; the Dockerfile copies it to $SRC/build.sh). OSS-Fuzz
# runs it in $SRC/sipwire with CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE
# SANITIZER SRC OUT WORK set; it uses no network.
#
# The work is in the project's own fuzz/build.sh, so that the project can
# change its targets without a change here: it builds a static,
# instrumented libsipwire.a and every fuzz/fuzz_*.c into $OUT with its
# dictionary, options and seed corpus, links libcrypto (and any library a
# target names with SIPW_FUZZ_LINK) statically, and fails if a target
# needs a shared library the runtime image does not have.
# fuzz/oss-fuzz/check-build.sh runs this script the way OSS-Fuzz does and
# checks its output.
set -euo pipefail

: "${SRC:?OSS-Fuzz sets SRC}" "${OUT:?OSS-Fuzz sets OUT}"
exec "$SRC/sipwire/fuzz/build.sh"
