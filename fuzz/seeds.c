/* SPDX-License-Identifier: MIT */
/* sipwire fuzzing: seeds cut out of SIP messages (see seeds.h). A plain
 * text scan, independent of the parsers: it must find seeds even when
 * the parser under test rejects the message. */
#include <stdlib.h>
#include <string.h>

#include "seeds.h"

struct sink {
    sipw_seed_fn fn;
    void *ctx;
    long n;
};

static void emit(struct sink *k, const unsigned char *p, size_t n)
{
    k->fn(k->ctx, p, n);
    k->n++;
}

/* Emits prefix[0..np) followed by p[0..n). */
static void emit2(struct sink *k, const unsigned char *prefix, size_t np,
                  const unsigned char *p, size_t n)
{
    unsigned char *b = (unsigned char *)malloc(np + n + 1);
    if (!b)
        abort();
    memcpy(b, prefix, np);
    if (n)
        memcpy(b + np, p, n);
    emit(k, b, np + n);
    free(b);
}

static int is_wsp(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Case-insensitive: name[0..n) equals the NUL-terminated s. */
static int name_is(const unsigned char *name, size_t n, const char *s)
{
    size_t i;
    if (strlen(s) != n)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char a = name[i], b = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b + 32);
        if (a != b)
            return 0;
    }
    return 1;
}

/* The fuzz_nameaddr flag byte for a header name, or -1 when the header is
 * not of the name-addr family. */
static int nameaddr_mode(const unsigned char *name, size_t n)
{
    static const char *const one[] = {"from", "f", "to", "t", "reply-to",
                                      "refer-to", "r"};
    static const char *const list[] = {
        "route", "record-route", "path", "service-route",
        "p-asserted-identity", "p-preferred-identity"};
    size_t i;
    for (i = 0; i < sizeof one / sizeof one[0]; i++)
        if (name_is(name, n, one[i]))
            return 0;
    for (i = 0; i < sizeof list / sizeof list[0]; i++)
        if (name_is(name, n, list[i]))
            return 1;
    if (name_is(name, n, "contact") || name_is(name, n, "m"))
        return 3; /* LIST | STAR */
    return -1;
}

/* The fuzz_auth flag byte for a header name (the kind: 0 challenge, 1
 * credentials, 2 Authentication-Info), or -1 for other headers. */
static int auth_kind(const unsigned char *name, size_t n)
{
    if (name_is(name, n, "www-authenticate") ||
        name_is(name, n, "proxy-authenticate"))
        return 0;
    if (name_is(name, n, "authorization") ||
        name_is(name, n, "proxy-authorization"))
        return 1;
    if (name_is(name, n, "authentication-info"))
        return 2;
    return -1;
}

/* End of the line starting at p: the offset of its LF or CRLF (or e). */
static const unsigned char *line_end(const unsigned char *p,
                                     const unsigned char *e)
{
    const unsigned char *q = memchr(p, '\n', (size_t)(e - p));
    if (!q)
        return e;
    if (q > p && q[-1] == '\r')
        q--;
    return q;
}

/* Past the line break at q (CRLF, LF, or nothing at e). */
static const unsigned char *next_line(const unsigned char *q,
                                      const unsigned char *e)
{
    if (q < e && *q == '\r')
        q++;
    if (q < e && *q == '\n')
        q++;
    return q;
}

/* Every "<...>" in v[0..n). */
static void angle_uris(struct sink *k, const unsigned char *v, size_t n)
{
    const unsigned char *p = v, *e = v + n;
    while ((p = memchr(p, '<', (size_t)(e - p))) != NULL) {
        const unsigned char *q = memchr(p, '>', (size_t)(e - p));
        if (!q)
            break;
        if (q > p + 1)
            emit(k, p + 1, (size_t)(q - p - 1));
        p = q + 1;
    }
}

static void header_seeds(struct sink *k, int kind, const unsigned char *buf,
                         size_t len)
{
    const unsigned char *p = buf, *e = buf + len, *le;

    /* The start line: the Request-URI is its second word. */
    le = line_end(p, e);
    if (kind == 'u') {
        const unsigned char *a = memchr(p, ' ', (size_t)(le - p)), *b;
        if (a && (b = memchr(a + 1, ' ', (size_t)(le - a - 1))) != NULL &&
            b > a + 1 && !(le - p >= 4 && memcmp(p, "SIP/", 4) == 0))
            emit(k, a + 1, (size_t)(b - a - 1));
    }
    p = next_line(le, e);

    while (p < e) {
        const unsigned char *name = p, *colon, *v, *ve;
        le = line_end(p, e);
        if (le == p)
            break; /* the empty line: the body follows */
        colon = memchr(p, ':', (size_t)(le - p));
        /* The value runs on over folded lines. */
        p = next_line(le, e);
        while (p < e && is_wsp(*p)) {
            le = line_end(p, e);
            p = next_line(le, e);
        }
        if (!colon || colon == name)
            continue;
        ve = le;
        v = colon + 1;
        while (colon > name && is_wsp(colon[-1]))
            colon--;
        while (v < ve && (is_wsp(*v) || *v == '\r' || *v == '\n'))
            v++;
        while (ve > v && (is_wsp(ve[-1]) || ve[-1] == '\r' || ve[-1] == '\n'))
            ve--;
        if (kind == 'u') {
            angle_uris(k, v, (size_t)(ve - v));
        } else if (kind == 'v') {
            if (name_is(name, (size_t)(colon - name), "via") ||
                name_is(name, (size_t)(colon - name), "v"))
                emit(k, v, (size_t)(ve - v));
        } else if (kind == 'a') {
            int ak = auth_kind(name, (size_t)(colon - name));
            if (ak >= 0) {
                unsigned char m = (unsigned char)ak;
                emit2(k, &m, 1, v, (size_t)(ve - v));
                /* and again with SIPW_AUTH_ALLOW_QUOTED_QOP (bit 2) */
                m = (unsigned char)(ak | 4);
                emit2(k, &m, 1, v, (size_t)(ve - v));
            }
        } else {
            int mode = nameaddr_mode(name, (size_t)(colon - name));
            if (mode >= 0) {
                unsigned char m = (unsigned char)mode;
                emit2(k, &m, 1, v, (size_t)(ve - v));
            }
        }
    }
}

static void frame_seeds(struct sink *k, const unsigned char *buf, size_t len)
{
    /* fuzz_frame input: control byte, cuts, stream (see fuzz_frame.c). */
    static const unsigned char none[1] = {0};
    unsigned char cut[3];
    unsigned char *two;
    size_t n2;

    emit2(k, none, 1, buf, len);
    /* One cut in the middle, keep-alives dropped. */
    cut[0] = 1 | 8;
    cut[1] = (unsigned char)((len / 2) >> 8);
    cut[2] = (unsigned char)(len / 2);
    emit2(k, cut, 3, buf, len);
    /* CRLF CRLF, the message, the message again. */
    n2 = 1 + 4 + 2 * len;
    two = (unsigned char *)malloc(n2);
    if (!two)
        abort();
    two[0] = 0;
    memcpy(two + 1, "\r\n\r\n", 4);
    memcpy(two + 5, buf, len);
    memcpy(two + 5 + len, buf, len);
    emit(k, two, n2);
    free(two);
}

/* The first bytes of a capture file: a pcap magic (either byte order,
 * micro- or nanosecond, or libpcap's "modified" one) or a pcapng Section
 * Header Block (fuzz_capture; the same test as cap_sniff(), repeated here
 * because seeds.c uses nothing but libc). */
static int is_capture(const unsigned char *p, size_t len)
{
    static const unsigned char magic[][4] = {
        {0xA1, 0xB2, 0xC3, 0xD4}, {0xD4, 0xC3, 0xB2, 0xA1},
        {0xA1, 0xB2, 0x3C, 0x4D}, {0x4D, 0x3C, 0xB2, 0xA1},
        {0xA1, 0xB2, 0xCD, 0x34}, {0x34, 0xCD, 0xB2, 0xA1},
        {0x0A, 0x0D, 0x0D, 0x0A}};
    size_t i;
    if (len < 4)
        return 0;
    for (i = 0; i < sizeof magic / sizeof magic[0]; i++)
        if (memcmp(p, magic[i], 4) == 0)
            return 1;
    return 0;
}

/* A capture whole, when it is small, and its first CAPTURE_SEED_MAX bytes
 * (cut inside a record) when it is not: the fuzzer runs faster on small
 * inputs, and a cut file is worth a seed anyway. */
#define CAPTURE_SEED_MAX 16384
static void capture_seeds(struct sink *k, const unsigned char *buf,
                          size_t len)
{
    if (!is_capture(buf, len))
        return;
    emit(k, buf, len < CAPTURE_SEED_MAX ? len : CAPTURE_SEED_MAX);
}

long sipw_seeds(const char *kind, const unsigned char *buf, size_t len,
                sipw_seed_fn fn, void *ctx)
{
    struct sink k;
    k.fn = fn;
    k.ctx = ctx;
    k.n = 0;
    if (strcmp(kind, "msg") == 0)
        emit(&k, buf, len);
    else if (strcmp(kind, "frame") == 0)
        frame_seeds(&k, buf, len);
    else if (strcmp(kind, "uri") == 0)
        header_seeds(&k, 'u', buf, len);
    else if (strcmp(kind, "via") == 0)
        header_seeds(&k, 'v', buf, len);
    else if (strcmp(kind, "nameaddr") == 0)
        header_seeds(&k, 'n', buf, len);
    else if (strcmp(kind, "auth") == 0)
        header_seeds(&k, 'a', buf, len);
    else if (strcmp(kind, "capture") == 0)
        capture_seeds(&k, buf, len);
    else
        return -1;
    return k.n;
}
