/* SPDX-License-Identifier: MIT */
/* sipwire fuzzing: writes a target's seed corpus.
 *
 *   mkseeds KIND OUTDIR FILE...
 *
 * Cuts the seeds of KIND (msg, frame, uri, via, nameaddr, auth: see
 * seeds.h) out of each message FILE and writes each into OUTDIR (which
 * must exist), named after a hash of its bytes, so that duplicates
 * collapse. fuzz/build.sh builds it with the plain compiler and zips
 * OUTDIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seeds.h"

struct out {
    const char *dir;
    unsigned long written;
    int failed;
};

static void write_seed(void *ctx, const unsigned char *p, size_t n)
{
    struct out *o = (struct out *)ctx;
    unsigned long long h = 14695981039346656037ull;
    char path[4096];
    FILE *f;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    if ((size_t)snprintf(path, sizeof path, "%s/%016llx", o->dir, h) >=
        sizeof path) {
        o->failed = 1;
        return;
    }
    f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        o->failed = 1;
        return;
    }
    o->written++;
}

int main(int argc, char **argv)
{
    struct out o;
    int i;

    if (argc < 3) {
        fputs("usage: mkseeds KIND OUTDIR FILE...\n", stderr);
        return 2;
    }
    o.dir = argv[2];
    o.written = 0;
    o.failed = 0;
    for (i = 3; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        unsigned char *buf = NULL;
        size_t len = 0, cap = 0, got;
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        do {
            if (len == cap) {
                cap = cap ? 2 * cap : 65536;
                buf = (unsigned char *)realloc(buf, cap);
                if (!buf) {
                    fputs("mkseeds: out of memory\n", stderr);
                    return 2;
                }
            }
            got = fread(buf + len, 1, cap - len, f);
            len += got;
        } while (got > 0);
        if (ferror(f)) {
            perror(argv[i]);
            return 2;
        }
        fclose(f);
        if (sipw_seeds(argv[1], buf, len, write_seed, &o) < 0) {
            fprintf(stderr, "mkseeds: unknown seed kind '%s'\n", argv[1]);
            return 2;
        }
        free(buf);
    }
    if (o.failed)
        return 1;
    printf("%lu\n", o.written);
    return 0;
}
