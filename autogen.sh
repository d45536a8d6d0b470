#!/bin/sh
# SPDX-License-Identifier: MIT
# Generates configure and the Makefile templates from configure.ac and
# Makefile.am. Run once after cloning, then ./configure && make.
set -e
cd "$(dirname "$0")"
mkdir -p m4
exec autoreconf --install --force --warnings=all
