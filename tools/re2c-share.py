#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How much of grammar/*.re is re2c rules: for each file, the code lines
(not blank, not only a comment) inside /*!re2c ... */ blocks and outside
them, and the share inside. Usage: tools/re2c-share.py [FILE.re...]"""
import glob
import re
import sys


def count(path):
    inside = outside = 0
    in_block = in_comment = False
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.strip()
        if in_block:
            if line.startswith("*/"):
                in_block = False
                continue
            if line and not line.startswith("//"):
                inside += 1
            continue
        if in_comment:
            if "*/" in line:
                in_comment = False
                rest = line.split("*/", 1)[1].strip()
                if rest:
                    outside += 1
            continue
        if line.startswith("/*!"):
            if re.match(r"/\*!(re2c|rules:re2c|use:re2c)", line) and "*/" not in line:
                in_block = True
            continue  # /*!include...*/ and the block's opening line
        if line.startswith("/*"):
            if "*/" not in line:
                in_comment = True
            continue
        if not line or line.startswith("//"):
            continue
        outside += 1
    return inside, outside


def main():
    files = sys.argv[1:] or sorted(glob.glob("grammar/*.re"))
    ti = to = 0
    print("%-28s %8s %8s %6s" % ("file", "rules", "C", "share"))
    for f in files:
        i, o = count(f)
        ti += i
        to += o
        print("%-28s %8d %8d %5.0f%%" % (f, i, o, 100.0 * i / max(i + o, 1)))
    print("%-28s %8d %8d %5.0f%%" % ("total", ti, to, 100.0 * ti / max(ti + to, 1)))


main()
