/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: the canonical writer's round trip.
 *
 * Input: one datagram. When sipw_msg_parse() accepts it:
 * - sipw_msg_write() gives its canonical form W (refused only for
 *   SIPW_ELIMIT: the canonical form may be longer than the message);
 * - W parses, to a message of exactly W's length, and writes back to W
 *   byte for byte (the form is a fixed point);
 * - the compact form and the form with every typed value dropped (all
 *   lines raw, as after a lazy parse) both parse and write back to W;
 * - a smaller capacity picked from the input, into a heap buffer of
 *   exactly that size (ASan watches its end), returns the same length and
 *   holds W's first bytes; capacity 0 with a NULL buffer too. */
#include "fuzz.h"

/* sipw_msg_write() into a fresh exact-size buffer; NULL when refused
 * (then err says why). */
static char *rt_write(const sipw_msg *m, unsigned flags, size_t *len,
                      sipw_error *err)
{
    size_t n = sipw_msg_write(m, NULL, 0, flags, err), n2;
    char *buf;
    if (n == 0)
        return NULL;
    buf = (char *)malloc(n);
    if (!buf)
        abort();
    n2 = sipw_msg_write(m, buf, n, flags, err);
    FZ_CHECK(n2 == n);
    *len = n;
    return buf;
}

/* W2, the canonical form of what `form` parses to, must be W. */
static void rt_back_to(const char *form, size_t n, const char *w, size_t wn)
{
    char *buf = fz_copy(form, n), *w2;
    sipw_arena a;
    sipw_msg m;
    sipw_error err;
    size_t n2 = 0;

    fz_second_arena(&a, n);
    memset(&err, 0, sizeof err);
    FZ_CHECK(sipw_msg_parse(&m, buf, n, SIPW_PARSE_DEFAULT, &a, &err) ==
             SIPW_OK);
    FZ_CHECK(m.size == n);
    fz_check_msg(&m, buf, n);
    w2 = rt_write(&m, SIPW_WRITE_DEFAULT, &n2, &err);
    FZ_CHECK(w2 != NULL);
    FZ_CHECK(n2 == wn && memcmp(w2, w, wn) == 0);
    free(w2);
    free(buf);
}

SIPW_FUZZ_TARGET(fuzz_roundtrip, "msg")
{
    char *buf = fz_copy(data, size), *w, *v, *small;
    sipw_arena a;
    sipw_msg m, u;
    sipw_error err;
    size_t wn = 0, vn = 0, cap;
    uint32_t h = fz_hash(data, size);

    fz_big_arena(&a, size);
    if (sipw_msg_parse(&m, buf, size, SIPW_PARSE_DEFAULT, &a, &err) !=
        SIPW_OK) {
        free(buf);
        return 0;
    }
    memset(&err, 0, sizeof err);
    w = rt_write(&m, SIPW_WRITE_DEFAULT, &wn, &err);
    if (!w) {
        FZ_CHECK(err.status == SIPW_ELIMIT);
        FZ_CHECK(err.reason != NULL && err.offset == SIPW_NO_OFFSET);
        FZ_CHECK(err.header_index < m.nheaders ||
                 err.header_index == SIPW_NO_INDEX);
        free(buf);
        return 0;
    }
    rt_back_to(w, wn, w, wn);

    /* A smaller capacity, exactly allocated; and none at all. */
    cap = h % wn;
    small = (char *)malloc(cap ? cap : 1);
    if (!small)
        abort();
    FZ_CHECK(sipw_msg_write(&m, small, cap, SIPW_WRITE_DEFAULT, NULL) == wn);
    FZ_CHECK(memcmp(small, w, cap) == 0);
    free(small);
    FZ_CHECK(sipw_msg_write(&m, NULL, 0, SIPW_WRITE_DEFAULT, NULL) == wn);

    /* Compact names only shorten lines: never refused when W was not. */
    v = rt_write(&m, SIPW_WRITE_COMPACT, &vn, &err);
    FZ_CHECK(v != NULL && vn <= wn);
    rt_back_to(v, vn, w, wn);
    free(v);

    /* Every line from its raw value (list values stay on one line, long
     * names replace compact ones: only a limit may refuse it). */
    memset(&u, 0, sizeof u);
    u.type = m.type;
    u.method = m.method;
    u.request_uri = m.request_uri;
    u.status = m.status;
    u.reason = m.reason;
    u.version = m.version;
    u.headers = m.headers;
    u.nheaders = m.nheaders;
    u.body = m.body;
    u.max_forwards = u.expires = u.min_expires = -1;
    v = rt_write(&u, (h & 0x100) ? SIPW_WRITE_COMPACT : 0, &vn, &err);
    if (v) {
        rt_back_to(v, vn, w, wn);
        free(v);
    } else {
        FZ_CHECK(err.status == SIPW_ELIMIT);
    }
    free(w);
    free(buf);
    return 0;
}
