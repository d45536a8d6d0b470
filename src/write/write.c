/* SPDX-License-Identifier: MIT */
/* sipwire: the canonical writer, sipw_msg_write() (docs/canonical.md).
 *
 * One pass over the start line and msg->headers, in order. A line whose
 * header has a typed form is written from the typed values (a Via or
 * name-addr line gives one output line per value: each list keeps a
 * cursor, since its values are in message order and each names its line
 * through `header`); every other line from its raw value. Each piece is
 * checked while it is copied: a 256-entry class table says which bytes
 * may stand in a token, a host, a URI, a quoted string..., so a field
 * that would break the message (a CR, a space in a token, a ">" in a
 * URI) is refused instead of written. Raw values, the bulk of the bytes,
 * are checked 8 bytes at a time and copied with one memcpy.
 *
 * Output follows the snprintf contract: w->n counts every byte of the
 * canonical form, and only those below w->cap are stored. */
#include <string.h>

#include "typed/typed.h"

/* Byte classes (sipw__cc[], generated into grammar/classes.c by
 * tools/gen-classes.re from the classes of grammar/abnf.re): what
 * may stand unchecked in a token, a URI, a host, a word (Call-ID), inside a
 * quoted string, a reason phrase, an unquoted gen-value, and the user of a
 * SIP URI. */
enum {
    W_TOKEN = SIPW_CC_TOKEN,
    W_URI = SIPW_CC_W_URI,
    W_HOST = SIPW_CC_W_HOST,
    W_WORD = SIPW_CC_WORD,
    W_QPLAIN = SIPW_CC_QDTEXT,
    W_REASON = SIPW_CC_W_REASON,
    W_GVAL = SIPW_CC_W_GVALUE,
    W_USER = SIPW_CC_W_USER
};

#define WCLS(c) sipw__cc[(unsigned char)(c)]

/* "Name: " for every header id, long and compact (SIPW_HDR_LIST). */
static const struct {
    const char *s;
    unsigned char len;
} long_names[SIPW_HDR__COUNT] = {
    {"", 0},
#define SIPW_X_(id, name, compact, flags, mand)                                      \
    {name ": ", (unsigned char)(sizeof(name ": ") - 1)},
    SIPW_HDR_LIST(SIPW_X_)
#undef SIPW_X_
};
static const char compact_names[SIPW_HDR__COUNT][3] = {
    {0, 0, 0},
#define SIPW_X_(id, name, compact, flags, mand) {compact, ':', ' '},
    SIPW_HDR_LIST(SIPW_X_)
#undef SIPW_X_
};

/* The output and what an error report needs. */
struct wr {
    char *buf;
    size_t cap;
    size_t n;      /* bytes of output so far, stored or not */
    unsigned flags;
    unsigned lines; /* header lines written */
    sipw_error *err;
    const sipw_msg *msg;
    size_t index;  /* of the header line being written; SIPW_NO_INDEX for
                    * the start line and the message as a whole */
    sipw_str hname; /* its name, for err->header */
};

/* Fills w->err (at no byte: the writer reads no input bytes); returns -1
 * for the callers to pass up. */
static int fail(struct wr *w, sipw_status st, const char *reason)
{
    sipw__set_error(w->err, st, NULL, 0, SIPW_NO_OFFSET, w->hname, reason);
    if (w->err)
        w->err->header_index = w->index;
    return -1;
}

#define TRY(x)                                                                 \
    do {                                                                       \
        if ((x) != 0)                                                          \
            return -1;                                                         \
    } while (0)

/* Copies n bytes; the short pieces that make up most of a message
 * without a call into memcpy (two overlapping moves). */
static inline void copy(char *d, const char *s, size_t n)
{
    uint64_t a, b;
    uint32_t x, y;
    if (n > 16) {
        memcpy(d, s, n);
    } else if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
    } else if (n) {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

/* Appends p[0..len) (what fits). */
static inline void put(struct wr *w, const char *p, size_t len)
{
    size_t n = w->n;
    if (n <= w->cap && len <= w->cap - n)
        copy(w->buf + n, p, len);
    else if (n < w->cap)
        memcpy(w->buf + n, p, w->cap - n);
    w->n = n + len;
}

/* A literal: its constant length lets the compiler inline the copy. */
#define PUTS(w, lit) put((w), (lit), sizeof(lit) - 1)

static inline void put1(struct wr *w, char c)
{
    if (w->n < w->cap)
        w->buf[w->n] = c;
    w->n++;
}

/* Decimal, two digits a step. */
static void put_uint(struct wr *w, uint64_t v)
{
    static const char pairs[201] =
        "00010203040506070809101112131415161718192021222324252627282930313233"
        "34353637383940414243444546474849505152535455565758596061626364656667"
        "6869707172737475767778798081828384858687888990919293949596979899";
    char d[20];
    size_t i = sizeof d;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        i -= 2;
        memcpy(d + i, pairs + 2 * r, 2);
    }
    if (v >= 10) {
        i -= 2;
        memcpy(d + i, pairs + 2 * v, 2);
    } else {
        d[--i] = (char)('0' + v);
    }
    put(w, d + i, sizeof d - i);
}

/* The end of the run of class cls at p; eight bytes a step. */
static inline const char *span(const char *p, const char *e, unsigned cls)
{
    while (e - p >= 8 && (WCLS(p[0]) & WCLS(p[1]) & WCLS(p[2]) & WCLS(p[3]) &
                          WCLS(p[4]) & WCLS(p[5]) & WCLS(p[6]) & WCLS(p[7]) &
                          cls))
        p += 8;
    while (p < e && (WCLS(*p) & cls))
        p++;
    return p;
}

/* [p, p + len) is one non-empty run of class cls. No branch per byte:
 * the classes of whole chunks are ANDed, the last chunk overlapping the
 * one before it. */
static inline int all(const char *p, size_t len, unsigned cls)
{
    const char *e = p + len;
    unsigned acc;

    if (len >= 8) {
        acc = ~0u;
        for (; e - p > 8; p += 8)
            acc &= WCLS(p[0]) & WCLS(p[1]) & WCLS(p[2]) & WCLS(p[3]) &
                   WCLS(p[4]) & WCLS(p[5]) & WCLS(p[6]) & WCLS(p[7]);
        p = e - 8;
        acc &= WCLS(p[0]) & WCLS(p[1]) & WCLS(p[2]) & WCLS(p[3]) &
               WCLS(p[4]) & WCLS(p[5]) & WCLS(p[6]) & WCLS(p[7]);
    } else if (len >= 4) {
        acc = WCLS(p[0]) & WCLS(p[1]) & WCLS(p[2]) & WCLS(p[3]) &
              WCLS(e[-4]) & WCLS(e[-3]) & WCLS(e[-2]) & WCLS(e[-1]);
    } else if (len) {
        acc = WCLS(p[0]) & WCLS(p[len / 2]) & WCLS(e[-1]);
    } else {
        return 0;
    }
    return (acc & cls) != 0;
}

static inline int is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

/* CRLF followed by SP or HTAB at p: a fold (RFC 3261 section 7.3.1). */
static inline int is_fold(const char *p, const char *e)
{
    return e - p >= 3 && p[0] == '\r' && p[1] == '\n' && is_wsp(p[2]);
}

/* --- raw values ------------------------------------------------------ */

#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull

static inline uint64_t load8(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* 0x80 in each byte of x that is zero, exactly (no carry between bytes). */
static inline uint64_t zero_bytes(uint64_t x)
{
    return ~(((x & ~HIGH) + ~HIGH) | x | ~HIGH);
}

/* Non-zero when a byte of x is zero (only "any": a borrow may flag a
 * byte above the first real one). */
static inline uint64_t any_zero(uint64_t x)
{
    return (x - ONES) & ~x & HIGH;
}

/* Non-zero when a byte of x is below 0x20 or is DEL (only "any"). */
static inline uint64_t ctl_bytes(uint64_t x)
{
    return ((x - ONES * 0x20) & ~x & HIGH) | any_zero(x ^ (ONES * 0x7f));
}

/* The general case of put_raw(), byte by byte: folds, HTAB, quoted
 * strings and quoted-pairs (in a header whose grammar has quoted strings,
 * `q`), and the refusals. Outside quoted strings a fold and the WSP
 * around it become one SP, as sipw_header_unfold() reads them; inside,
 * the fold loses its CRLF and keeps its WSP, as sipw_str_unquote() reads
 * it. So neither reading of the value changes. */
static int raw_slow(struct wr *w, const char *p, const char *e, int q)
{
    int inq = 0;
    const char *r;

    while (p < e) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' && q) {
            inq ^= 1;
        } else if (c == '\\' && inq) {
            if (e - p < 2)
                return fail(w, SIPW_EQUOTE,
                            "quoted string ends in a lone \"\\\"");
            c = (unsigned char)p[1];
            if (c >= 0x80 || c == '\r' || c == '\n')
                return fail(w, SIPW_EVALUE,
                            "a quoted-pair quotes only bytes below 0x80 "
                            "other than CR and LF (RFC 3261 section 25.1)");
            put1(w, '\\');
            p++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            if (inq) {
                if (c == '\r') {
                    if (!is_fold(p, e))
                        return fail(w, SIPW_EVALUE,
                                    "CR or LF outside a fold");
                    p += 2;
                    continue;
                }
            } else {
                for (r = p; r < e && is_wsp(*r); r++)
                    ;
                if (is_fold(r, e)) {
                    for (r += 2; r < e && is_wsp(*r); r++)
                        ;
                    put1(w, ' ');
                    p = r;
                    continue;
                }
                if (r < e && *r == '\r')
                    return fail(w, SIPW_EVALUE, "CR or LF outside a fold");
                put(w, p, (size_t)(r - p));
                p = r;
                continue;
            }
        } else if (c < 0x20 || c == 0x7f) {
            return fail(w, SIPW_EVALUE,
                        c == '\n' ? "CR or LF outside a fold"
                        : c == 0  ? "NUL in a header value"
                                  : "control character in a header value");
        }
        put1(w, (char)c);
        p++;
    }
    if (inq)
        return fail(w, SIPW_EQUOTE, "unterminated quoted string");
    return 0;
}

/* A raw header value. The common case (no control byte, no HTAB, no
 * fold; in a header with quoted strings also no "\" and balanced quotes)
 * is found 8 bytes a step and copied whole; anything else goes to
 * raw_slow(). */
static int put_raw(struct wr *w, sipw_str v, int q)
{
    const char *p = v.p, *e = p + v.len;
    uint64_t bad = 0, quotes = 0, x;
    char t[8];

    if (!v.len)
        return 0;
    if (q) {
        for (; e - p >= 8; p += 8) {
            x = load8(p);
            bad |= ctl_bytes(x) | any_zero(x ^ (ONES * '\\'));
            quotes ^= zero_bytes(x ^ (ONES * '"'));
        }
    } else {
        for (; e - p >= 8; p += 8)
            bad |= ctl_bytes(load8(p));
    }
    if (p < e) {
        memset(t, 'a', sizeof t);
        memcpy(t, p, (size_t)(e - p));
        x = load8(t);
        bad |= ctl_bytes(x);
        if (q) {
            bad |= any_zero(x ^ (ONES * '\\'));
            quotes ^= zero_bytes(x ^ (ONES * '"'));
        }
    }
    /* An odd number of quotes: one is unterminated. */
    quotes ^= quotes >> 32;
    quotes ^= quotes >> 16;
    quotes ^= quotes >> 8;
    if (bad || (quotes & 0x80))
        return raw_slow(w, v.p, e, q);
    put(w, v.p, v.len);
    return 0;
}

/* --- pieces of typed values ------------------------------------------ */

/* Skips SP, HTAB and folds; a CR or LF that is not in a fold is refused
 * (the value would break the line). */
static int skip_lws(struct wr *w, const char **pp, const char *e)
{
    const char *p = *pp;
    for (;;) {
        while (p < e && is_wsp(*p))
            p++;
        if (p == e || (*p != '\r' && *p != '\n'))
            break;
        if (!is_fold(p, e))
            return fail(w, SIPW_EVALUE, "CR or LF outside a fold");
        p += 3;
    }
    *pp = p;
    return 0;
}

/* Display-name text written as tokens, with folds: as in a raw value
 * (raw_slow()), a fold and the WSP around it become one SP, so that the
 * name reads the same whether its line is written from the typed value or
 * from the raw one. */
static int put_unfolded(struct wr *w, const char *p, const char *e)
{
    const char *r;
    while (p < e) {
        char c = *p;
        if (is_wsp(c) || c == '\r') {
            for (r = p; r < e && is_wsp(*r); r++)
                ;
            if (is_fold(r, e)) {
                for (r += 2; r < e && is_wsp(*r); r++)
                    ;
                put1(w, ' ');
            } else if (r < e && *r == '\r') {
                return fail(w, SIPW_EVALUE,
                            "CR or LF in a quoted string outside a fold");
            } else {
                put(w, p, (size_t)(r - p));
            }
            p = r;
            continue;
        }
        if (c == '\n')
            return fail(w, SIPW_EVALUE,
                        "CR or LF in a quoted string outside a fold");
        if (!(WCLS(c) & W_QPLAIN))
            put1(w, '\\');
        put1(w, c);
        p++;
    }
    return 0;
}

/* A quoted-string: DQUOTE, [p, e) with "\" only where needed, DQUOTE.
 * With `esc`, [p, e) is the body of a quoted-string as parsed (its
 * quoted-pairs are read), where a fold loses its CRLF and keeps its WSP
 * (sipw_str_unquote()); without, plain text (a display name written as
 * tokens, see put_unfolded()). Any other CR or LF cannot be in a quoted
 * string and is refused. */
static int put_quoted(struct wr *w, const char *p, const char *e, int esc)
{
    put1(w, '"');
    if (all(p, (size_t)(e - p), W_QPLAIN)) { /* nothing to escape */
        put(w, p, (size_t)(e - p));
        p = e;
    } else if (!esc && memchr(p, '\r', (size_t)(e - p))) {
        TRY(put_unfolded(w, p, e));
        p = e;
    }
    while (p < e) {
        const char *q = span(p, e, W_QPLAIN);
        unsigned char c;
        put(w, p, (size_t)(q - p));
        if (q == e)
            break;
        p = q;
        c = (unsigned char)*p;
        if (c == '\\' && esc && e - p > 1) {
            c = (unsigned char)p[1];
            if (c == '\r' || c == '\n')
                return fail(w, SIPW_EVALUE,
                            "CR or LF cannot be quoted (RFC 3261 section "
                            "25.1)");
            p += 2;
            if (WCLS(c) & W_QPLAIN) {
                put1(w, (char)c);
                continue;
            }
        } else if (c == '\r' || c == '\n') {
            if (!is_fold(p, e))
                return fail(w, SIPW_EVALUE,
                            "CR or LF in a quoted string outside a fold");
            p += 2;
            continue;
        } else {
            p++;
        }
        /* '"', '\' and the control bytes other than HTAB */
        put1(w, '\\');
        put1(w, (char)c);
    }
    put1(w, '"');
    return 0;
}

/* put_params() modes */
enum {
    PM_VIA = 1,   /* received may be a bare IPv6address (RFC 5118 4.5) */
    PM_MEDIA = 2  /* m-parameter: a value, token or quoted (section 20.15) */
};

/* An unquoted value with "[", "]" or ":" at [p, e): an IPv6reference,
 * or in a Via received=, an IPv6address. */
static int host_value(struct wr *w, const char *p, const char *e,
                      sipw_str name, unsigned mode)
{
    static const sipw_str received = {"received", 8};
    if (!(mode & PM_MEDIA)) {
        if (*p == '[' && sipw__host(p, e) == SIPW_HOST_IPV6)
            return 0;
        if ((mode & PM_VIA) && sipw_str_caseeq(name, received) &&
            sipw__ipv6(p, e))
            return 0;
    }
    return fail(w, SIPW_EVALUE,
                "a parameter value must be a token, a host or a quoted "
                "string (RFC 3261 section 25.1)");
}

/* LWS (or a byte skip_lws() refuses) at p: the uncommon case. */
#define AT_LWS(p, e) ((p) < (e) && (unsigned char)*(p) <= ' ')

/* A header parameter list *(SEMI generic-param) as the parser keeps it
 * (LWS and folds allowed around ";" and "="), written ";name=value"
 * without LWS, in order, quoted values re-quoted. The output equals the
 * input over [run, p); it is copied in one piece when something has to
 * change (LWS dropped, a quoted value re-quoted) and at the end, so a
 * list already in canonical form is one copy. */
static int put_params(struct wr *w, sipw_str s, unsigned mode)
{
    const char *p = s.p, *e, *q, *v, *run = s.p;
    sipw_str name;

    if (!s.len)
        return 0;
    e = p + s.len;
    for (;;) {
        if (AT_LWS(p, e)) {
            put(w, run, (size_t)(p - run));
            TRY(skip_lws(w, &p, e));
            run = p;
        }
        if (p == e)
            break;
        if (*p != ';')
            return fail(w, SIPW_EVALUE, "expected \";\" before a parameter");
        p++;
        if (AT_LWS(p, e)) {
            put(w, run, (size_t)(p - run));
            TRY(skip_lws(w, &p, e));
            run = p;
        }
        q = span(p, e, W_TOKEN);
        if (q == p)
            return fail(w, SIPW_EVALUE,
                        "a parameter name must be a token (RFC 3261 "
                        "section 25.1)");
        name.p = p;
        name.len = (size_t)(q - p);
        p = q;
        if (AT_LWS(p, e)) {
            v = p;
            TRY(skip_lws(w, &v, e));
            if (v < e && *v == '=') {
                put(w, run, (size_t)(p - run));
                p = run = v;
            }
        }
        if (p == e || *p != '=') {
            if (mode & PM_MEDIA)
                return fail(w, SIPW_EVALUE,
                            "a media-type parameter needs a value (RFC "
                            "3261 section 20.15)");
            continue;
        }
        p++;
        if (AT_LWS(p, e)) {
            put(w, run, (size_t)(p - run));
            TRY(skip_lws(w, &p, e));
            run = p;
        }
        if (p < e && *p == '"') {
            q = span(p + 1, e, W_QPLAIN);
            if (q < e && *q == '"') { /* nothing to escape: as it is */
                p = q + 1;
                continue;
            }
            for (q = p + 1; q < e && *q != '"';
                 q += (*q == '\\' && e - q > 1) ? 2 : 1)
                ;
            if (q >= e)
                return fail(w, SIPW_EQUOTE, "unterminated quoted string");
            put(w, run, (size_t)(p - run));
            TRY(put_quoted(w, p + 1, q, 1));
            p = run = q + 1;
            continue;
        }
        q = span(p, e, W_TOKEN);
        if (q < e && (WCLS(*q) & W_GVAL)) {
            q = span(q, e, W_GVAL);
            TRY(host_value(w, p, q, name, mode));
        }
        if (q == p)
            return fail(w, SIPW_EVALUE,
                        "expected a token, host or quoted string after "
                        "\"=\"");
        p = q;
    }
    put(w, run, (size_t)(p - run));
    return 0;
}

/* A token (method, transport...), non-empty. */
static int put_token(struct wr *w, sipw_str t, sipw_status st,
                     const char *reason)
{
    if (!all(t.p, t.len, W_TOKEN))
        return fail(w, st, reason);
    put(w, t.p, t.len);
    return 0;
}

/* A token in upper case (Via sent-protocol). */
static int put_upper(struct wr *w, sipw_str t, const char *reason)
{
    size_t i;
    if (!t.len)
        return fail(w, SIPW_EVALUE, reason);
    for (i = 0; i < t.len; i++) {
        char c = t.p[i];
        if (!(WCLS(c) & W_TOKEN))
            return fail(w, SIPW_EVALUE, reason);
        put1(w, c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    return 0;
}

static int put_port(struct wr *w, int32_t port)
{
    if (port == -1)
        return 0;
    if (port < 0 || port > 65535)
        return fail(w, SIPW_EVALUE, "port above 65535");
    put1(w, ':');
    put_uint(w, (uint64_t)port);
    return 0;
}

/* --- URIs ------------------------------------------------------------ */

/* s is lit (lower case), ignoring the case of letters. */
static inline int caseeq_lit(sipw_str s, const char *lit, size_t len)
{
    size_t i;
    if (s.len != len)
        return 0;
    for (i = 0; i < len; i++) {
        char c = lit[i] >= 'a' && lit[i] <= 'z' ? (char)(s.p[i] | 0x20)
                                                 : s.p[i];
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (section 19.1.1) */
static int is_scheme(sipw_str s)
{
    size_t i;
    if (!s.len || !(WCLS(s.p[0]) & W_TOKEN) || !((s.p[0] | 0x20) >= 'a' &&
                                                 (s.p[0] | 0x20) <= 'z'))
        return 0;
    for (i = 1; i < s.len; i++) {
        char c = s.p[i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
            !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
            return 0;
    }
    return 1;
}

/* A URI as written: scheme ":" then bytes a URI may hold, so that it
 * cannot leave its place ("<>", the start line). With `req`, a SIP or SIPS
 * URI may not have headers (section 19.1.1). */
static int put_uri_raw(struct wr *w, sipw_str raw, int req, sipw_status st)
{
    const char *p = raw.p, *e = p + raw.len, *colon, *bad;
    sipw_str scheme;
    int sip;

    /* "sip:" in any case, the common scheme, without a search. */
    if (raw.len > 4 && (p[0] | 0x20) == 's' && (p[1] | 0x20) == 'i' &&
        (p[2] | 0x20) == 'p' && p[3] == ':') {
        colon = p + 3;
        sip = 1;
    } else {
        colon = (const char *)memchr(p, ':', raw.len);
        scheme.p = p;
        scheme.len = colon ? (size_t)(colon - p) : 0;
        if (!colon || !is_scheme(scheme) || colon + 1 == e)
            return fail(w, st,
                        "a URI is a scheme, \":\" and at least one more "
                        "byte (RFC 3261 section 19.1.1)");
        sip = caseeq_lit(scheme, "sips", 4);
    }
    if (!all(colon + 1, (size_t)(e - colon - 1), W_URI)) {
        bad = span(colon + 1, e, W_URI);
        return fail(w, st,
                    *bad == ' ' || *bad == '\t'   ? "white space in a URI"
                    : *bad == '\r' || *bad == '\n' ? "line break in a URI"
                                                   : "a URI cannot hold this "
                                                     "byte (RFC 3261 section "
                                                     "25.1)");
    }
    if (req && sip) {
        /* Only the userinfo, which ends at the one "@", may hold a "?". */
        const char *at = (const char *)memchr(colon, '@', (size_t)(e - colon));
        if (!at)
            at = colon;
        if (memchr(at, '?', (size_t)(e - at)))
            return fail(w, st,
                        "headers (\"?\") are not allowed in a Request-URI "
                        "(RFC 3261 section 19.1.1)");
    }
    put(w, raw.p, raw.len);
    return 0;
}

/* A slice of class cls, or nothing when it is empty. */
static int put_part(struct wr *w, sipw_str s, unsigned cls, sipw_status st,
                    const char *reason)
{
    if (!s.len)
        return 0;
    if (!all(s.p, s.len, cls))
        return fail(w, st, reason);
    put(w, s.p, s.len);
    return 0;
}

/* A URI with no `raw`, made from its fields (a built sipw_uri). */
static int put_uri_fields(struct wr *w, const sipw_uri *u, int req,
                          sipw_status st)
{
    static const char *const names[] = {"", "sip", "sips", "tel"};
    sipw_str scheme = u->scheme;

    if (!scheme.len && u->scheme_id > SIPW_SCHEME_OTHER &&
        u->scheme_id <= SIPW_SCHEME_TEL) {
        scheme.p = names[u->scheme_id];
        scheme.len = strlen(scheme.p);
    }
    if (!is_scheme(scheme))
        return fail(w, st, "a URI needs a scheme (RFC 3261 section 19.1.1)");
    put(w, scheme.p, scheme.len);
    put1(w, ':');
    switch (u->scheme_id) {
    case SIPW_SCHEME_SIP:
    case SIPW_SCHEME_SIPS:
        if (u->user.len) {
            TRY(put_part(w, u->user, W_USER, st,
                         "invalid byte in the user part of a URI"));
            if (u->password.p) {
                size_t i;
                put1(w, ':');
                for (i = 0; i < u->password.len; i++)
                    if (u->password.p[i] == ';' || u->password.p[i] == '?' ||
                        u->password.p[i] == '/')
                        return fail(w, st, "invalid byte in a URI password");
                TRY(put_part(w, u->password, W_USER, st,
                             "invalid byte in a URI password"));
            }
            put1(w, '@');
        }
        if (!all(u->host.p, u->host.len, W_HOST))
            return fail(w, st, "a SIP URI needs a host (RFC 3261 section "
                               "25.1)");
        put(w, u->host.p, u->host.len);
        TRY(put_port(w, u->port));
        if (u->params.len) {
            if (u->params.p[0] != ';' || memchr(u->params.p, '?',
                                                u->params.len))
                return fail(w, st, "URI parameters start with \";\"");
            TRY(put_part(w, u->params, W_URI, st,
                         "invalid byte in URI parameters"));
        } else {
            if (u->transport.len) {
                PUTS(w, ";transport=");
                TRY(put_token(w, u->transport, st, "transport must be a "
                                                   "token"));
            }
            if (u->user_param.len) {
                PUTS(w, ";user=");
                TRY(put_token(w, u->user_param, st, "user must be a token"));
            }
            if (u->method.len) {
                PUTS(w, ";method=");
                TRY(put_token(w, u->method, st, "method must be a token"));
            }
            if (u->ttl != -1) {
                if (u->ttl < 0 || u->ttl > 255)
                    return fail(w, st, "ttl above 255");
                PUTS(w, ";ttl=");
                put_uint(w, (uint64_t)u->ttl);
            }
            if (u->maddr.len) {
                PUTS(w, ";maddr=");
                TRY(put_part(w, u->maddr, W_HOST, st,
                             "maddr must be a host"));
            }
            if (u->lr)
                PUTS(w, ";lr");
        }
        if (u->headers.len) {
            put1(w, '?');
            TRY(put_part(w, u->headers, W_URI, st,
                         "invalid byte in URI headers"));
            if (req)
                return fail(w, st,
                            "headers (\"?\") are not allowed in a "
                            "Request-URI (RFC 3261 section 19.1.1)");
        }
        return 0;
    case SIPW_SCHEME_TEL:
        if (!all(u->user.p, u->user.len, W_URI))
            return fail(w, st, "a tel URI needs a number (RFC 3966)");
        put(w, u->user.p, u->user.len);
        return put_part(w, u->params, W_URI, st,
                        "invalid byte in tel URI parameters");
    default:
        if (!all(u->opaque.p, u->opaque.len, W_URI))
            return fail(w, st, "a URI cannot hold this byte (RFC 3261 "
                               "section 25.1)");
        put(w, u->opaque.p, u->opaque.len);
        return 0;
    }
}

static int put_uri(struct wr *w, const sipw_uri *u, int req, sipw_status st)
{
    if (u->raw.len)
        return put_uri_raw(w, u->raw, req, st);
    return put_uri_fields(w, u, req, st);
}

/* --- header values ---------------------------------------------------- */

/* sent-protocol SP sent-by *(SEMI via-params) */
static int put_via(struct wr *w, const sipw_via *v)
{
    const char *pr = v->protocol.p;

    if ((!v->protocol.len && !v->version.len) ||
        (v->protocol.len == 3 && (pr[0] | 0x20) == 's' &&
         (pr[1] | 0x20) == 'i' && (pr[2] | 0x20) == 'p' &&
         v->version.len == 3 && memcmp(v->version.p, "2.0", 3) == 0)) {
        PUTS(w, "SIP/2.0/");
    } else {
        TRY(put_upper(w, v->protocol, "the protocol name must be a token"));
        put1(w, '/');
        TRY(put_upper(w, v->version, "the protocol version must be a "
                                     "token"));
        put1(w, '/');
    }
    TRY(put_upper(w, v->transport, "the transport must be a token"));
    put1(w, ' ');
    if (!all(v->host.p, v->host.len, W_HOST))
        return fail(w, SIPW_EVALUE, "invalid sent-by host");
    put(w, v->host.p, v->host.len);
    TRY(put_port(w, v->port));
    if (v->params.p)
        return put_params(w, v->params, PM_VIA);
    /* Built by hand: the picked-out fields. */
    if (v->branch.p) {
        PUTS(w, ";branch=");
        TRY(put_token(w, v->branch, SIPW_EVALUE, "branch must be a token"));
    }
    if (v->received.p) {
        sipw_host_type t = sipw__host(v->received.p,
                                      v->received.p + v->received.len);
        if (t != SIPW_HOST_IPV4 && t != SIPW_HOST_IPV6 &&
            !sipw__ipv6(v->received.p, v->received.p + v->received.len))
            return fail(w, SIPW_EVALUE,
                        "received must be an IPv4 or IPv6 address");
        PUTS(w, ";received=");
        put(w, v->received.p, v->received.len);
    }
    if (v->has_rport) {
        PUTS(w, ";rport");
        if (v->rport != -1) {
            if (v->rport < 0 || v->rport > 65535)
                return fail(w, SIPW_EVALUE, "rport above 65535");
            put1(w, '=');
            put_uint(w, (uint64_t)v->rport);
        }
    }
    if (v->maddr.p) {
        if (sipw__host(v->maddr.p, v->maddr.p + v->maddr.len) ==
            SIPW_HOST_NONE)
            return fail(w, SIPW_EVALUE, "maddr must be a host");
        PUTS(w, ";maddr=");
        put(w, v->maddr.p, v->maddr.len);
    }
    if (v->ttl != -1) {
        if (v->ttl < 0 || v->ttl > 255)
            return fail(w, SIPW_EVALUE, "ttl above 255");
        PUTS(w, ";ttl=");
        put_uint(w, (uint64_t)v->ttl);
    }
    return 0;
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
static int is_qvalue(sipw_str q)
{
    size_t i;
    if (!q.len || (q.p[0] != '0' && q.p[0] != '1') || q.len > 5)
        return 0;
    if (q.len == 1)
        return 1;
    if (q.p[1] != '.')
        return 0;
    for (i = 2; i < q.len; i++)
        if (q.p[i] < '0' || q.p[i] > (q.p[0] == '1' ? '0' : '9'))
            return 0;
    return 1;
}

/* [ "display" SP ] "<" URI ">" *(SEMI param): always the name-addr form,
 * the display name always quoted. */
static int put_nameaddr(struct wr *w, const sipw_nameaddr *na)
{
    if (na->display.p) {
        TRY(put_quoted(w, na->display.p, na->display.p + na->display.len,
                       na->display_quoted));
        PUTS(w, " <");
    } else {
        put1(w, '<');
    }
    TRY(put_uri(w, &na->uri, 0, SIPW_EVALUE));
    put1(w, '>');
    if (na->params.p)
        return put_params(w, na->params, 0);
    if (na->tag.p) {
        PUTS(w, ";tag=");
        TRY(put_token(w, na->tag, SIPW_EVALUE, "tag must be a token"));
    }
    if (na->has_expires) {
        PUTS(w, ";expires=");
        put_uint(w, na->expires);
    }
    if (na->q.p) {
        if (!is_qvalue(na->q))
            return fail(w, SIPW_EVALUE, "q must be a qvalue (RFC 3261 "
                                        "section 20.10)");
        PUTS(w, ";q=");
        put(w, na->q.p, na->q.len);
    }
    return 0;
}

/* callid = word [ "@" word ] (section 20.8) */
static int put_callid(struct wr *w, sipw_str c)
{
    const char *e = c.p + c.len, *q;
    if (!c.len)
        return fail(w, SIPW_EVALUE, "empty Call-ID");
    q = span(c.p, e, W_WORD);
    if (q < e && q > c.p && *q == '@' && q + 1 < e)
        q = span(q + 1, e, W_WORD);
    if (q != e)
        return fail(w, SIPW_EVALUE,
                    "a Call-ID is word [\"@\" word] (RFC 3261 section "
                    "20.8)");
    put(w, c.p, c.len);
    return 0;
}

static int put_date(struct wr *w, const sipw_date *d)
{
    static const char wk[7][4] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                  "Sun"};
    static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char b[29];

    if (d->wkday > 6 || d->day < 1 || d->day > 31 || d->month < 1 ||
        d->month > 12 || d->year > 9999 || d->hour > 23 || d->minute > 59 ||
        d->second > 60)
        return fail(w, SIPW_EVALUE, "date field out of range");
    /* "Sun, 06 Nov 1994 08:49:37 GMT" */
    memcpy(b, wk[d->wkday], 3);
    memcpy(b + 3, ", ", 2);
    b[5] = (char)('0' + d->day / 10);
    b[6] = (char)('0' + d->day % 10);
    b[7] = ' ';
    memcpy(b + 8, mon[d->month - 1], 3);
    b[11] = ' ';
    b[12] = (char)('0' + d->year / 1000);
    b[13] = (char)('0' + d->year / 100 % 10);
    b[14] = (char)('0' + d->year / 10 % 10);
    b[15] = (char)('0' + d->year % 10);
    b[16] = ' ';
    b[17] = (char)('0' + d->hour / 10);
    b[18] = (char)('0' + d->hour % 10);
    b[19] = ':';
    b[20] = (char)('0' + d->minute / 10);
    b[21] = (char)('0' + d->minute % 10);
    b[22] = ':';
    b[23] = (char)('0' + d->second / 10);
    b[24] = (char)('0' + d->second % 10);
    memcpy(b + 25, " GMT", 4);
    put(w, b, sizeof b);
    return 0;
}

/* token *(COMMA token), written "a, b"; empty elements are dropped. A
 * list already written that way is one copy: the output equals the input
 * over [v.p, prev) while `run` holds. */
static int put_tokens(struct wr *w, sipw_str v, int allow_empty)
{
    const char *p = v.p, *e = p + v.len, *q, *sep, *prev = v.p;
    size_t n = 0;
    int run = 1;

    if (!v.len)
        goto end;
    for (;;) {
        sep = p;
        TRY(skip_lws(w, &p, e));
        while (p < e && *p == ',') {
            p++;
            TRY(skip_lws(w, &p, e));
        }
        if (p == e)
            break;
        q = span(p, e, W_TOKEN);
        if (q == p)
            return fail(w, SIPW_EVALUE,
                        "an option tag or method must be a token");
        if (run && (n ? p - sep != 2 || sep[0] != ',' || sep[1] != ' '
                      : p != v.p)) {
            put(w, v.p, (size_t)(prev - v.p));
            run = 0;
        }
        if (!run) {
            if (n)
                PUTS(w, ", ");
            put(w, p, (size_t)(q - p));
        }
        n++;
        prev = p = q;
        TRY(skip_lws(w, &p, e));
        if (p < e && *p != ',')
            return fail(w, SIPW_EVALUE, "expected \",\" between tokens");
    }
    if (run)
        put(w, v.p, (size_t)(prev - v.p));
end:
    if (!n && !allow_empty)
        return fail(w, SIPW_EVALUE, "empty list");
    return 0;
}

/* --- lines ------------------------------------------------------------- */

/* "Name: " of a header id; counts the line. */
static inline int put_name(struct wr *w, unsigned id)
{
    if (++w->lines > SIPW_MAX_HEADERS)
        return fail(w, SIPW_ELIMIT, "more than SIPW_MAX_HEADERS header lines");
    if ((w->flags & SIPW_WRITE_COMPACT) && compact_names[id][0])
        put(w, compact_names[id], 3);
    else
        put(w, long_names[id].s, long_names[id].len);
    return 0;
}

#define CRLF(w) PUTS((w), "\r\n")

/* A cursor per list-shaped header of SIPW_TYPED_HEADERS (Via and the
 * name-addr family; the authentication headers are written as they came):
 * its values are in message order and each names its line. */
#define CUR_VIA_LIST(id) const sipw_via *id;
#define CUR_NAMEADDR(id) const sipw_nameaddr *id;
#define CUR_NAMEADDR_LIST(id) const sipw_nameaddr *id;
#define CUR_CONTACT(id) const sipw_nameaddr *id;
#define CUR_CHALLENGES(id)
#define CUR_CREDENTIALS(id)
#define CUR_AUTH_INFO(id)
#define CUR_CALLID(id)
#define CUR_CSEQ(id)
#define CUR_UINT8(id)
#define CUR_DELTA(id)
#define CUR_LENGTH(id)
#define CUR_MEDIA(id)
#define CUR_RETRY_AFTER(id)
#define CUR_DATE(id)
#define CUR_EVENT(id)
#define CUR_SUBSTATE(id)
#define CUR_TOKENS(id)
#define CUR_TOKENS1(id)
#define CUR_RSEQ(id)
#define CUR_RACK(id)

struct cursors {
#define SIPW_X_(id, field, shape) CUR_##shape(id)
    SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_
    char none_; /* a struct needs a member whatever the registry holds */
};

#define SEEN(seen, id) ((seen)[(id) >> 6] & ((uint64_t)1 << ((id) & 63)))

/* The start line. */
static int put_start(struct wr *w, const sipw_msg *m)
{
    if (m->version.len && !caseeq_lit(m->version, "sip/2.0", 7))
        return fail(w, SIPW_EVERSION, "the version must be SIP/2.0");
    if (m->type == SIPW_MSG_REQUEST) {
        TRY(put_token(w, m->method, SIPW_ESTART,
                      "the method must be a token (RFC 3261 section 25.1)"));
        put1(w, ' ');
        if (m->uri) {
            TRY(put_uri(w, m->uri, 1, SIPW_ESTART));
        } else {
            if (!m->request_uri.len)
                return fail(w, SIPW_ESTART, "empty Request-URI");
            TRY(put_uri_raw(w, m->request_uri, 1, SIPW_ESTART));
        }
        PUTS(w, " SIP/2.0\r\n");
        return 0;
    }
    if (m->type != SIPW_MSG_RESPONSE)
        return fail(w, SIPW_EINVAL, "the message is neither a request nor a "
                                    "response");
    if (m->status < 100 || m->status > 699)
        return fail(w, SIPW_ESTATUS, "status code outside 100..699");
    PUTS(w, "SIP/2.0 ");
    put_uint(w, m->status);
    put1(w, ' ');
    if (m->reason.len && !all(m->reason.p, m->reason.len, W_REASON))
        return fail(w, SIPW_ESTART,
                    "invalid byte in the reason phrase (RFC 3261 section "
                    "25.1)");
    put(w, m->reason.p, m->reason.len);
    CRLF(w);
    return 0;
}

/* --- the typed header lines -------------------------------------------- */

/* A line of a list-shaped header: one output line per value of the list
 * that sits on it. 1 when none does (the line is written raw). */
#define LIST_LINES(put_value, c)                                               \
    do {                                                                       \
        if (!(c) || (c)->header != h)                                          \
            return 1;                                                          \
        do {                                                                   \
            TRY(put_name(w, h->id));                                           \
            TRY(put_value(w, (c)));                                            \
            CRLF(w);                                                           \
            (c) = (c)->next;                                                   \
        } while ((c) && (c)->header == h);                                     \
        return 0;                                                              \
    } while (0)

static int put_cseq(struct wr *w, const sipw_msg *m, const sipw_cseq *c)
{
    if (m->type == SIPW_MSG_REQUEST && !sipw_str_eq(c->method, m->method))
        return fail(w, SIPW_EVALUE,
                    "CSeq method differs from the request method (RFC "
                    "3261 section 8.1.1.5)");
    put_uint(w, c->seq);
    put1(w, ' ');
    return put_token(w, c->method, SIPW_EVALUE,
                     "the CSeq method must be a token");
}

static int put_media(struct wr *w, const sipw_media *c)
{
    TRY(put_token(w, c->type, SIPW_EVALUE, "the media type must be a token"));
    put1(w, '/');
    TRY(put_token(w, c->subtype, SIPW_EVALUE,
                  "the media subtype must be a token"));
    return put_params(w, c->params, PM_MEDIA);
}

static int put_event(struct wr *w, const sipw_event *ev)
{
    TRY(put_token(w, ev->package, SIPW_EVALUE,
                  "the event package must be a token"));
    return put_params(w, ev->params, 0);
}

static int put_substate(struct wr *w, const sipw_substate *s)
{
    TRY(put_token(w, s->state, SIPW_EVALUE,
                  "the subscription state must be a token"));
    return put_params(w, s->params, 0);
}

/* RAck (RFC 3262 §7.2): response-num SP CSeq-num SP Method. */
static int put_rack(struct wr *w, const sipw_rack *r)
{
    if (r->rseq == 0)
        return fail(w, SIPW_EVALUE, "the RAck response-num must be at least "
                                    "1 (RFC 3262 section 3)");
    put_uint(w, r->rseq);
    put1(w, ' ');
    put_uint(w, r->cseq);
    put1(w, ' ');
    return put_token(w, r->method, SIPW_EVALUE,
                     "the RAck method must be a token");
}

/* A number slot: -1 is absent (1: the line is written raw), else a value
 * in [lo, hi]. */
static int put_number(struct wr *w, unsigned id, int64_t v, int64_t lo,
                      int64_t hi, const char *bad)
{
    if (v < 0)
        return 1;
    if (v < lo || v > hi)
        return fail(w, SIPW_EVALUE, bad);
    TRY(put_name(w, id));
    put_uint(w, (uint64_t)v);
    CRLF(w);
    return 0;
}

/* A one-value line from a typed value: 1 (raw) without one. */
#define ONE_LINE(present, put_value)                                           \
    do {                                                                       \
        if (!(present))                                                        \
            return 1;                                                          \
        TRY(put_name(w, h->id));                                               \
        TRY(put_value);                                                        \
        CRLF(w);                                                               \
        return 0;                                                              \
    } while (0)

/* The body of the writer of each shape, for the registry entry (id,
 * field); w, m, h and cur are the writer's arguments. It returns 0 when
 * the line went out, 1 when it has no typed value (then it is written
 * raw), -1 on an error. The shapes written raw anyway (RETRY_AFTER and
 * the authentication headers) have no writer: NO_WRITER below. */
#define WRITE_VIA_LIST(i_, f) LIST_LINES(put_via, cur->i_);
#define WRITE_NAMEADDR(i_, f) LIST_LINES(put_nameaddr, cur->i_);
#define WRITE_NAMEADDR_LIST(i_, f) LIST_LINES(put_nameaddr, cur->i_);
#define WRITE_CONTACT(i_, f) LIST_LINES(put_nameaddr, cur->i_);
#define WRITE_CALLID(i_, f) ONE_LINE(m->f.p, put_callid(w, m->f));
#define WRITE_CSEQ(i_, f) ONE_LINE(m->f, put_cseq(w, m, m->f));
#define WRITE_UINT8(i_, f)                                                     \
    return put_number(w, h->id, m->f, 0, 255, "Max-Forwards above 255");
#define WRITE_DELTA(i_, f)                                                     \
    return put_number(w, h->id, m->f, 0, UINT32_MAX,                          \
                      "delta-seconds above 4294967295");
/* RSeq: 0 is absent (response-num is at least 1). */
#define WRITE_RSEQ(i_, f)                                                      \
    return put_number(w, h->id, m->f ? (int64_t)m->f : -1, 1, UINT32_MAX,     \
                      "RSeq above 4294967295");
/* Content-Length is always the body's length. */
#define WRITE_LENGTH(i_, f)                                                    \
    TRY(put_name(w, h->id));                                                   \
    put_uint(w, m->body.len);                                                  \
    CRLF(w);                                                                   \
    return 0;
#define WRITE_MEDIA(i_, f) ONE_LINE(m->f, put_media(w, m->f));
#define WRITE_DATE(i_, f) ONE_LINE(m->f, put_date(w, m->f));
#define WRITE_EVENT(i_, f) ONE_LINE(m->f, put_event(w, m->f));
#define WRITE_SUBSTATE(i_, f) ONE_LINE(m->f, put_substate(w, m->f));
#define WRITE_TOKENS(i_, f) ONE_LINE(1, put_tokens(w, h->value, 1));
#define WRITE_TOKENS1(i_, f) ONE_LINE(1, put_tokens(w, h->value, 0));
#define WRITE_RACK(i_, f) ONE_LINE(m->f, put_rack(w, m->f));

typedef int (*line_writer)(struct wr *w, const sipw_msg *m,
                           const sipw_header *h, struct cursors *cur);

/* One writer per registry entry (w_VIA, w_FROM...) and the table of them
 * by header id; NULL writes the raw value. */
#define DEF_(id, field, shape)                                                 \
    static int w_##id(struct wr *w, const sipw_msg *m, const sipw_header *h,   \
                      struct cursors *cur)                                     \
    {                                                                          \
        (void)m;                                                               \
        (void)cur;                                                             \
        WRITE_##shape(id, field)                                               \
    }
#define FN_(id) [SIPW_HDR_##id] = w_##id,
#define NO_WRITER(id, field)
#define NO_FN(id)
#define DEF_VIA_LIST(id, f) DEF_(id, f, VIA_LIST)
#define DEF_NAMEADDR(id, f) DEF_(id, f, NAMEADDR)
#define DEF_NAMEADDR_LIST(id, f) DEF_(id, f, NAMEADDR_LIST)
#define DEF_CONTACT(id, f) DEF_(id, f, CONTACT)
#define DEF_CALLID(id, f) DEF_(id, f, CALLID)
#define DEF_CSEQ(id, f) DEF_(id, f, CSEQ)
#define DEF_UINT8(id, f) DEF_(id, f, UINT8)
#define DEF_DELTA(id, f) DEF_(id, f, DELTA)
#define DEF_RSEQ(id, f) DEF_(id, f, RSEQ)
#define DEF_LENGTH(id, f) DEF_(id, f, LENGTH)
#define DEF_MEDIA(id, f) DEF_(id, f, MEDIA)
#define DEF_DATE(id, f) DEF_(id, f, DATE)
#define DEF_EVENT(id, f) DEF_(id, f, EVENT)
#define DEF_SUBSTATE(id, f) DEF_(id, f, SUBSTATE)
#define DEF_TOKENS(id, f) DEF_(id, f, TOKENS)
#define DEF_TOKENS1(id, f) DEF_(id, f, TOKENS1)
#define DEF_RACK(id, f) DEF_(id, f, RACK)
#define DEF_RETRY_AFTER NO_WRITER
#define DEF_CHALLENGES NO_WRITER
#define DEF_CREDENTIALS NO_WRITER
#define DEF_AUTH_INFO NO_WRITER
#define SIPW_X_(id, field, shape) DEF_##shape(id, field)
SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_

#define FN_VIA_LIST FN_
#define FN_NAMEADDR FN_
#define FN_NAMEADDR_LIST FN_
#define FN_CONTACT FN_
#define FN_CALLID FN_
#define FN_CSEQ FN_
#define FN_UINT8 FN_
#define FN_DELTA FN_
#define FN_RSEQ FN_
#define FN_LENGTH FN_
#define FN_MEDIA FN_
#define FN_DATE FN_
#define FN_EVENT FN_
#define FN_SUBSTATE FN_
#define FN_TOKENS FN_
#define FN_TOKENS1 FN_
#define FN_RACK FN_
#define FN_RETRY_AFTER NO_FN
#define FN_CHALLENGES NO_FN
#define FN_CREDENTIALS NO_FN
#define FN_AUTH_INFO NO_FN
static const line_writer writers[SIPW_HDR__COUNT] = {
#define SIPW_X_(id, field, shape) FN_##shape(id)
    SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_
};

/* An unknown header: the name as written, a token that names no known
 * header, and the raw value. */
static int put_other(struct wr *w, const sipw_header *h)
{
    if (!all(h->name.p, h->name.len, W_TOKEN))
        return fail(w, SIPW_EINVAL, "a header name must be a token");
    if (sipw_hdr_lookup(h->name.p, h->name.len) != SIPW_HDR_OTHER)
        return fail(w, SIPW_EINVAL,
                    "an unknown header (id 0) is named like a known one");
    if (++w->lines > SIPW_MAX_HEADERS)
        return fail(w, SIPW_ELIMIT, "more than SIPW_MAX_HEADERS header lines");
    put(w, h->name.p, h->name.len);
    PUTS(w, ": ");
    TRY(put_raw(w, h->value, 0));
    CRLF(w);
    return 0;
}

/* One header line h of m: from its typed value when it has one, else
 * its raw value. */
static int put_line(struct wr *w, const sipw_msg *m, const sipw_header *h,
                    struct cursors *cur)
{
    unsigned id = h->id;

    if (id == SIPW_HDR_OTHER)
        return put_other(w, h);
    if (writers[id]) {
        int r = writers[id](w, m, h, cur);
        if (r <= 0)
            return r;
    }
    TRY(put_name(w, id));
    TRY(put_raw(w, h->value, sipw__hdr_flags[id] & SIPW_HDRF_QUOTED));
    CRLF(w);
    return 0;
}

/* A message-level error: no line, header `id`. */
static int fail_msg(struct wr *w, sipw_status st, unsigned id,
                    const char *reason)
{
    w->index = SIPW_NO_INDEX;
    w->hname.p = sipw_hdr_name((sipw_hdr)id);
    w->hname.len = w->hname.p ? strlen(w->hname.p) : 0;
    return fail(w, st, reason);
}

/* Each list cursor at the head of its list. */
#define INIT_LIST_(id, f) cur->id = m->f;
#define INIT_NONE_(id, f)
#define INIT_VIA_LIST INIT_LIST_
#define INIT_NAMEADDR INIT_LIST_
#define INIT_NAMEADDR_LIST INIT_LIST_
#define INIT_CONTACT INIT_LIST_
#define INIT_CHALLENGES INIT_NONE_
#define INIT_CREDENTIALS INIT_NONE_
#define INIT_AUTH_INFO INIT_NONE_
#define INIT_CALLID INIT_NONE_
#define INIT_CSEQ INIT_NONE_
#define INIT_UINT8 INIT_NONE_
#define INIT_DELTA INIT_NONE_
#define INIT_RSEQ INIT_NONE_
#define INIT_LENGTH INIT_NONE_
#define INIT_MEDIA INIT_NONE_
#define INIT_RETRY_AFTER INIT_NONE_
#define INIT_DATE INIT_NONE_
#define INIT_EVENT INIT_NONE_
#define INIT_SUBSTATE INIT_NONE_
#define INIT_TOKENS INIT_NONE_
#define INIT_TOKENS1 INIT_NONE_
#define INIT_RACK INIT_NONE_

static void cursors_init(struct cursors *cur, const sipw_msg *m)
{
    cur->none_ = 0;
#define SIPW_X_(id, field, shape) INIT_##shape(id, field)
    SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_
}

/* Whether a typed value is set with no line of its header to carry it:
 * for a list, values left after the pass (LEFT_); for a single value, a
 * set slot whose header was not seen (SET_). The lists are checked first,
 * then the single values, each in the registry's order. The
 * authentication headers are written raw and not checked. */
#define LEFT_LIST_(id, f) || cur->id
#define LEFT_NONE_(id, f)
#define SET_PTR_(id, f) || (m->f != NULL && !SEEN(seen, SIPW_HDR_##id))
#define SET_NUM_(id, f) || (m->f >= 0 && !SEEN(seen, SIPW_HDR_##id))
#define SET_NONE_(id, f)
#define LEFT_VIA_LIST LEFT_LIST_
#define LEFT_NAMEADDR LEFT_LIST_
#define LEFT_NAMEADDR_LIST LEFT_LIST_
#define LEFT_CONTACT LEFT_LIST_
#define SET_VIA_LIST SET_NONE_
#define SET_NAMEADDR SET_NONE_
#define SET_NAMEADDR_LIST SET_NONE_
/* "Contact: *" has no list value: its star needs its line. */
#define SET_CONTACT(id, f) || (m->f##_star && !SEEN(seen, SIPW_HDR_##id))
#define SET_CALLID(id, f) || (m->f.p != NULL && !SEEN(seen, SIPW_HDR_##id))
#define SET_CSEQ SET_PTR_
#define SET_UINT8 SET_NUM_
#define SET_DELTA SET_NUM_
#define SET_RSEQ(id, f) || (m->f != 0 && !SEEN(seen, SIPW_HDR_##id))
#define SET_MEDIA SET_PTR_
#define SET_RETRY_AFTER SET_PTR_
#define SET_DATE SET_PTR_
#define SET_EVENT SET_PTR_
#define SET_SUBSTATE SET_PTR_
#define SET_RACK SET_PTR_
#define SET_CHALLENGES SET_NONE_
#define SET_CREDENTIALS SET_NONE_
#define SET_AUTH_INFO SET_NONE_
#define SET_LENGTH SET_NONE_
#define SET_TOKENS SET_NONE_
#define SET_TOKENS1 SET_NONE_
#define LEFT_CHALLENGES LEFT_NONE_
#define LEFT_CREDENTIALS LEFT_NONE_
#define LEFT_AUTH_INFO LEFT_NONE_
#define LEFT_CALLID LEFT_NONE_
#define LEFT_CSEQ LEFT_NONE_
#define LEFT_UINT8 LEFT_NONE_
#define LEFT_DELTA LEFT_NONE_
#define LEFT_RSEQ LEFT_NONE_
#define LEFT_LENGTH LEFT_NONE_
#define LEFT_MEDIA LEFT_NONE_
#define LEFT_RETRY_AFTER LEFT_NONE_
#define LEFT_DATE LEFT_NONE_
#define LEFT_EVENT LEFT_NONE_
#define LEFT_SUBSTATE LEFT_NONE_
#define LEFT_TOKENS LEFT_NONE_
#define LEFT_TOKENS1 LEFT_NONE_
#define LEFT_RACK LEFT_NONE_

static int unsent(struct wr *w, const sipw_msg *m, const struct cursors *cur,
                  const uint64_t *seen)
{
    (void)m;
#define SIPW_X_(id, field, shape)                                              \
    if (0 LEFT_##shape(id, field))                                             \
        return fail_msg(w, SIPW_EINVAL, SIPW_HDR_##id,                         \
                        "a typed value is attached to no header line");
    SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_
#define SIPW_X_(id, field, shape)                                              \
    if (0 SET_##shape(id, field))                                              \
        return fail_msg(w, SIPW_EINVAL, SIPW_HDR_##id,                         \
                        "a typed value is attached to no header line");
    SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_
    return 0;
}

static int put_msg(struct wr *w, const sipw_msg *m)
{
    uint64_t seen[(SIPW_HDR__COUNT + 63) / 64];
    struct cursors cur;
    size_t i;
    unsigned k;

    memset(seen, 0, sizeof seen);
    TRY(put_start(w, m));
    if (m->nheaders && !m->headers)
        return fail_msg(w, SIPW_EINVAL, SIPW_HDR_OTHER,
                        "nheaders > 0 but no header table");
    cursors_init(&cur, m);

    for (i = 0; i < m->nheaders; i++) {
        const sipw_header *h = &m->headers[i];
        unsigned id = h->id;
        w->index = i;
        w->hname = h->name;
        if (id >= SIPW_HDR__COUNT)
            return fail(w, SIPW_EINVAL, "header id out of range");
        if ((h->value.len && !h->value.p) || (h->name.len && !h->name.p))
            return fail(w, SIPW_EINVAL, "NULL slice with a length");
        if (!h->name.len && id != SIPW_HDR_OTHER) {
            w->hname.p = long_names[id].s;
            w->hname.len = long_names[id].len - 2u;
        }
        if (SEEN(seen, id) && (sipw__hdr_flags[id] & SIPW_HDRF_SINGLE))
            return fail(w, SIPW_EDUP, "header may appear only once");
        seen[id >> 6] |= (uint64_t)1 << (id & 63);
        TRY(put_line(w, m, h, &cur));
    }

    /* Every typed value went out on its line. */
    TRY(unsent(w, m, &cur, seen));
    if (m->contact_star && m->contact)
        return fail_msg(w, SIPW_EVALUE, SIPW_HDR_CONTACT,
                        "\"*\" must be the only Contact value (RFC 3261 "
                        "section 10.2.2)");
    for (k = 0; k < SIPW_HDR__MANDATORY; k++)
        if (!SEEN(seen, sipw__mandatory[k]))
            return fail_msg(w, SIPW_EMISSING, sipw__mandatory[k],
                            "mandatory header missing (RFC 3261 "
                            "section 8.1.1)");
    if (m->body.len > SIPW_MAX_BODY_SIZE)
        return fail_msg(w, SIPW_ELIMIT, SIPW_HDR_CONTENT_LENGTH,
                        "body larger than SIPW_MAX_BODY_SIZE");
    if (!SEEN(seen, SIPW_HDR_CONTENT_LENGTH)) {
        w->index = SIPW_NO_INDEX;
        w->hname.p = NULL;
        w->hname.len = 0;
        TRY(put_name(w, SIPW_HDR_CONTENT_LENGTH));
        put_uint(w, m->body.len);
        CRLF(w);
    }
    CRLF(w);
    if (w->n > SIPW_MAX_HEAD_SIZE)
        return fail_msg(w, SIPW_ELIMIT, SIPW_HDR_OTHER,
                        "header section longer than SIPW_MAX_HEAD_SIZE bytes");
    put(w, m->body.p, m->body.len);
    return 0;
}

size_t sipw_msg_write(const sipw_msg *msg, char *buf, size_t cap,
                      unsigned flags, sipw_error *err)
{
    struct wr w;

    w.buf = buf;
    w.cap = buf ? cap : 0;
    w.n = 0;
    w.flags = flags;
    w.lines = 0;
    w.err = err;
    w.msg = msg;
    w.index = SIPW_NO_INDEX;
    w.hname.p = NULL;
    w.hname.len = 0;
    if (!msg) {
        fail(&w, SIPW_EINVAL, "NULL message");
        return 0;
    }
    if (flags & ~(unsigned)SIPW_WRITE_COMPACT) {
        fail(&w, SIPW_EINVAL, "unknown flag bits");
        return 0;
    }
    if (put_msg(&w, msg) != 0)
        return 0;
    return w.n;
}
