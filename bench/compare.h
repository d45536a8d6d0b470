/* SPDX-License-Identifier: MIT */
/* bench/compare: one adapter per library (cmp-osip.c, cmp-sofia.c,
 * cmp-re.c), each in a file of its own so that the libraries' headers
 * never meet. */
#ifndef SIPW_BENCH_COMPARE_H
#define SIPW_BENCH_COMPARE_H

#include <stddef.h>

#include "harness.h"

/* The fields checked against sipwire's, copied out of the library's
 * structures as NUL-terminated strings (quotes around digest values
 * removed). "" when absent; cseq -1 when absent. */
struct cmp_fields {
    char branch[128], from_tag[128], to_tag[128], call_id[256];
    long cseq;
    char contact_host[256], nonce[256];
};

struct cmp_lib {
    const char *name;        /* the MODE of its report line */
    int (*init)(void);       /* once, before anything else; 0 = ok */
    /* Parses buf[0..len) (a NUL follows it) and fills f; 0 = ok. */
    int (*fields)(const char *buf, size_t len, struct cmp_fields *f);
    /* Parse and read the reference fields (bench/modes.h), every pass:
     * the same work as sipwire-bench's full mode. */
    struct bench_mode mode;
};

extern const struct cmp_lib cmp_osip, cmp_sofia, cmp_re;

/* Copies s[0..len) into dst (cap bytes), without one pair of quotes
 * around it; NULL s gives "". */
void cmp_copy(char *dst, size_t cap, const char *s, size_t len);

/* The checksum of one field, the way the sipwire modes touch theirs: a
 * C string's first byte is read. */
static inline unsigned cmp_touch(const char *s)
{
    return s ? 1u + (unsigned char)s[0] : 0u;
}

#endif
