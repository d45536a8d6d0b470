/* SPDX-License-Identifier: MIT */
/* sipwire tests: the canonical writer, sipw_msg_write() (docs/canonical.md).
 *
 * - the byte-class table of src/write.c against its definitions;
 * - exact canonical bytes for hand-written messages, one feature each;
 * - the round trip over every valid message of tests/data (RFC 3665,
 *   RFC 4475, RFC 5118, valid/): write(parse(write(m))) == write(m) byte
 *   for byte, parsing the written form gives the same typed values as
 *   parsing the original (compared field by field: URIs, Via fields,
 *   name-addr display names after unquoting, parameters, CSeq, ...), the
 *   lines come in the same order with one per list value, raw values
 *   are what the fold rule makes of them, and the compact and the
 *   "nothing typed" forms write back to the same canonical bytes;
 * - the snprintf contract: every capacity from 0 to the length, against
 *   a PROT_NONE page, with canaries around, and in exact-size heap
 *   buffers (for ASan);
 * - refusals: messages built by hand whose fields would make invalid SIP
 *   return 0 with the status, line index, header and reason;
 * - a message built from typed fields alone (URIs without raw, Via
 *   without params) and the limits. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame/frame.h"
#include "testutil.h"


static struct tu_guard guard;

static void setup(void)
{
    tu_guard_init(&guard, 1u << 20);
}

static void teardown(void)
{
    tu_guard_free(&guard);
}

/* Two arenas, so that two parsed messages live at once. */
static unsigned char mem_a[4u << 20], mem_b[4u << 20];

static sipw_status parse_in(unsigned char *mem, const char *buf, size_t len,
                            sipw_msg *m, sipw_error *err)
{
    sipw_arena a;
    sipw_arena_init(&a, mem, sizeof mem_a);
    return sipw_msg_parse(m, buf, len, 0, &a, err);
}

/* The canonical form of m, in a malloc'd buffer; the write must succeed
 * and give the same length when asked for the size first. */
static char *write_all(const sipw_msg *m, unsigned flags, size_t *len,
                       const char *ctx)
{
    sipw_error err;
    size_t n, n2;
    char *buf;

    memset(&err, 0, sizeof err);
    n = sipw_msg_write(m, NULL, 0, flags, &err);
    ck_assert_msg(n > 0, "%s: write refused: %s (%s, line %zu)", ctx,
                  sipw_status_name(err.status), err.reason ? err.reason : "",
                  err.header_index);
    buf = malloc(n);
    ck_assert_ptr_nonnull(buf);
    n2 = sipw_msg_write(m, buf, n, flags, &err);
    ck_assert_uint_eq(n2, n);
    *len = n;
    return buf;
}

static int str_is(sipw_str s, const char *want)
{
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

/* --- the class table ------------------------------------------------- */

START_TEST(class_table)
{
    const char *alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789";
    int c;
    for (c = 0; c < 256; c++) {
        int an = c && strchr(alnum, c) != NULL;
        int token = an || (c && strchr("-.!%*_+`'~", c));
        int unres = an || (c && strchr("-_.!~*'()", c));
        int res = c && strchr(";/?:@&=+$,", c) != NULL;
        unsigned want = 0;
        if (token)
            want |= 1;
        if (unres || res || (c && strchr("%[]#", c)))
            want |= 2;
        if (an || (c && strchr(".-[]:", c)))
            want |= 4;
        if (token || (c && strchr("()<>:\\\"/[]?{}", c)))
            want |= 8;
        if ((c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') || c == '\t' ||
            c >= 0x80)
            want |= 16;
        if (res || unres || (c && strchr("% \t", c)) || c >= 0x80)
            want |= 32;
        if (token || (c && strchr("[]:", c)))
            want |= 64;
        if (unres || (c && strchr("%&=+$,;?/", c)))
            want |= 128;
        {
            /* The writer's classes, as generated into sipw__cc. */
            static const unsigned bits[8] = {
                SIPW_CC_TOKEN,  SIPW_CC_W_URI,    SIPW_CC_W_HOST,
                SIPW_CC_WORD,   SIPW_CC_QDTEXT,   SIPW_CC_W_REASON,
                SIPW_CC_W_GVALUE, SIPW_CC_W_USER};
            unsigned got = 0, k;
            for (k = 0; k < 8; k++)
                if (sipw__cc[c] & bits[k])
                    got |= 1u << k;
            ck_assert_msg(got == want, "class of 0x%02x: %u, want %u", c,
                          got, want);
        }
    }
}
END_TEST

/* --- exact output ---------------------------------------------------------- */

/* A request around `extra` header lines (CRLF-terminated), ended by
 * Content-Length 0 unless `cl` is 0. */
#define REQ_HEAD                                                               \
    "OPTIONS sip:bob@example.com SIP/2.0\r\n"                                  \
    "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"                       \
    "To: <sip:bob@example.com>\r\n"                                            \
    "From: <sip:alice@example.com>;tag=1\r\n"                                  \
    "Call-ID: c@h\r\n"                                                         \
    "CSeq: 1 OPTIONS\r\n"
#define CANON_HEAD REQ_HEAD

struct exact_case {
    const char *name;
    const char *in;
    unsigned flags;
    const char *want;
};

static const struct exact_case exact[] = {
    {"minimal request, Content-Length appended when absent",
     REQ_HEAD "\r\n", 0, CANON_HEAD "Content-Length: 0\r\n\r\n"},
    {"names in RFC spelling, compact forms expanded",
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "v: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "t: <sip:bob@example.com>\r\n"
     "f: <sip:alice@example.com>;tag=1\r\n"
     "i: c@h\r\n"
     "cseq: 1 OPTIONS\r\n"
     "MAX-forwards: 70\r\n"
     "l: 0\r\n\r\n",
     0,
     CANON_HEAD "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"},
    {"SIPW_WRITE_COMPACT: compact names where there is one",
     REQ_HEAD "Max-Forwards: 70\r\nContent-Type: text/plain\r\n"
              "Subject: s\r\nContent-Length: 2\r\n\r\nhi",
     SIPW_WRITE_COMPACT,
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "v: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "t: <sip:bob@example.com>\r\n"
     "f: <sip:alice@example.com>;tag=1\r\n"
     "i: c@h\r\n"
     "CSeq: 1 OPTIONS\r\n"
     "Max-Forwards: 70\r\nc: text/plain\r\ns: s\r\nl: 2\r\n\r\nhi"},
    {"start line: lower-case version normalised; body kept, its length "
     "computed",
     "OPTIONS sip:bob@example.com sip/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\n"
     "CSeq: 1 OPTIONS\r\n\r\nbody\r\nbytes",
     0, CANON_HEAD "Content-Length: 11\r\n\r\nbody\r\nbytes"},
    {"response, empty reason phrase",
     "SIP/2.0 100 \r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\n"
     "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
     0,
     "SIP/2.0 100 \r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\n"
     "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"},
    {"Via: LWS around SLASH and SEMI, upper-case sent-protocol, one value "
     "per line, parameters in order, bare IPv6 received kept",
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "Via: sip / 2.0 / tcp h.example.com:05060 ; branch = z9hG4bK1 ;rport,"
     " SIP/2.0/udp [2001:db8::1];received=2001:db8::2;x=\"a\\b\"\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\n\r\n",
     0,
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "Via: SIP/2.0/TCP h.example.com:5060;branch=z9hG4bK1;rport\r\n"
     "Via: SIP/2.0/UDP [2001:db8::1];received=2001:db8::2;x=\"ab\"\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"},
    {"name-addr: addr-spec gets <>, token display names quoted, escapes "
     "only where needed, one value per line, parameters without LWS",
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: sip:bob@example.com ; tag = 2\r\n"
     "From: Alice  Smith<sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\n"
     "Contact: \"\\a\\\\b\\\"\" <sip:a@192.0.2.1>;q=0.5, <sip:b@192.0.2.2>"
     ";expires=60;x=\"\\y\"\r\n"
     "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>\r\n"
     "Reply-To: \"\" <sip:c@example.com>\r\n\r\n",
     0,
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>;tag=2\r\n"
     "From: \"Alice  Smith\" <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\n"
     "Contact: \"a\\\\b\\\"\" <sip:a@192.0.2.1>;q=0.5\r\n"
     "Contact: <sip:b@192.0.2.2>;expires=60;x=\"y\"\r\n"
     "Route: <sip:p1.example.com;lr>\r\n"
     "Route: <sip:p2.example.com;lr>\r\n"
     "Reply-To: \"\" <sip:c@example.com>\r\n"
     "Content-Length: 0\r\n\r\n"},
    {"folds: outside quotes a fold and the WSP around it become one SP; "
     "inside quotes the fold loses its CRLF only; an unknown header keeps "
     "its quotes as text",
     REQ_HEAD "Subject: a \r\n  b\r\n\tc\r\n"
              "Warning: 399 \r\n h \"x \r\n  y\"\r\n"
              "X-Odd: \"a \r\n b\r\n"
              "From-Not: 1\r\nContent-Length: 0\r\n\r\n",
     0,
     CANON_HEAD "Subject: a b c\r\n"
                "Warning: 399 h \"x   y\"\r\n"
                "X-Odd: \"a b\r\n"
                "From-Not: 1\r\nContent-Length: 0\r\n\r\n"},
    {"a display name written as tokens, folded: the fold and the WSP "
     "around it become one SP, as on the raw line (fuzz_roundtrip)",
     "SIP/2.0 487 \r\nV:S/./U c\r\nF:<s:a>\r\nT:B \r\n b<s:m>\r\nCall-ID:m\r\n"
     "CSeq:1 I\r\n\r\n",
     0,
     "SIP/2.0 487 \r\nVia: S/./U c\r\nFrom: <s:a>\r\nTo: \"B b\" <s:m>\r\n"
     "Call-ID: m\r\nCSeq: 1 I\r\nContent-Length: 0\r\n\r\n"},
    {"a display name folded inside its quotes",
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: \"A\r\n B\" <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
     0,
     "OPTIONS sip:bob@example.com SIP/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\n"
     "From: \"A B\" <sip:alice@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"},
    {"numbers without leading zeros; CSeq, Content-Type, Date, Event, "
     "Subscription-State and token lists from their typed form",
     REQ_HEAD "Max-Forwards: 0070\r\nExpires: 007\r\nMin-Expires: 0\r\n"
              "Content-Type: Text/Plain ; charset = \"utf-8\"\r\n"
              "Date: sat, 13 NOV 2010\r\n 23:29:00 GMT\r\n"
              "Event: presence ; id = 7\r\n"
              "Subscription-State: active ;expires= 60\r\n"
              "Allow: INVITE,ACK ,\r\n BYE\r\nSupported:\r\n"
              "Require: 100rel\r\n\r\n",
     0,
     CANON_HEAD "Max-Forwards: 70\r\nExpires: 7\r\nMin-Expires: 0\r\n"
                "Content-Type: Text/Plain;charset=\"utf-8\"\r\n"
                "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
                "Event: presence;id=7\r\n"
                "Subscription-State: active;expires=60\r\n"
                "Allow: INVITE, ACK, BYE\r\nSupported: \r\n"
                "Require: 100rel\r\nContent-Length: 0\r\n\r\n"},
    {"CSeq with LWS and leading zeros; Contact \"*\"; Retry-After kept raw",
     "REGISTER sip:r.example.com SIP/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\nFrom: <sip:bob@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 0009 \r\n REGISTER\r\nContact:  *\r\n"
     "Expires: 0\r\nRetry-After: 18000;duration=3600\r\n\r\n",
     0,
     "REGISTER sip:r.example.com SIP/2.0\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>\r\nFrom: <sip:bob@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 9 REGISTER\r\nContact: *\r\n"
     "Expires: 0\r\nRetry-After: 18000;duration=3600\r\n"
     "Content-Length: 0\r\n\r\n"},
    {"the Content-Length line stays in place",
     "SIP/2.0 200 OK\r\nContent-Length: 3\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>;tag=2\r\nFrom: <sip:bob@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\n\r\nabcdef",
     0,
     "SIP/2.0 200 OK\r\nContent-Length: 3\r\n"
     "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
     "To: <sip:bob@example.com>;tag=2\r\nFrom: <sip:bob@example.com>;tag=1\r\n"
     "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\n\r\nabc"},
};

START_TEST(exact_output)
{
    const struct exact_case *c = &exact[_i];
    sipw_msg m;
    sipw_error err;
    size_t n;
    char *out;

    ck_assert_msg(parse_in(mem_a, c->in, strlen(c->in), &m, &err) == SIPW_OK,
                  "%s: input does not parse: %s", c->name, err.reason);
    out = write_all(&m, c->flags, &n, c->name);
    ck_assert_msg(n == strlen(c->want) && memcmp(out, c->want, n) == 0,
                  "%s:\ngot  [%.*s]\nwant [%s]", c->name, (int)n, out,
                  c->want);
    free(out);
}
END_TEST

/* --- the round trip over the corpus ----------------------------------------- */

/* What the canonical form makes of a raw value (docs/canonical.md), done
 * here independently of src/write.c: outside quoted strings (tracked only
 * when q) each fold, with the WSP before and after it, becomes one SP;
 * inside a quoted string a fold loses its CR and LF. */
static size_t ref_raw(sipw_str v, int q, char *out)
{
    size_t i = 0, n = 0, floor = 0;
    int inq = 0;

    while (i < v.len) {
        char c = v.p[i];
        int fold = c == '\r' && i + 2 < v.len && v.p[i + 1] == '\n' &&
                   (v.p[i + 2] == ' ' || v.p[i + 2] == '\t');
        if (fold && inq) {
            i += 2;
            continue;
        }
        if (fold) {
            /* drop the WSP written just before (not an SP made by an
             * earlier fold), skip the CRLF and the WSP after it */
            while (n > floor && (out[n - 1] == ' ' || out[n - 1] == '\t'))
                n--;
            for (i += 2; i < v.len && (v.p[i] == ' ' || v.p[i] == '\t'); i++)
                ;
            out[n++] = ' ';
            floor = n;
            continue;
        }
        if (q && c == '"')
            inq = !inq;
        if (inq && c == '\\' && i + 1 < v.len) {
            out[n++] = c;
            c = v.p[++i];
        }
        out[n++] = c;
        i++;
    }
    return n;
}

/* The text of a display name: a quoted one unquoted, a token one with
 * each fold and the WSP around it read as one SP, as in a raw value (what
 * the quoted form will hold). */
static size_t display_text(const sipw_nameaddr *na, char *out, size_t cap)
{
    if (na->display_quoted)
        return sipw_str_unquote(na->display, out, cap);
    return ref_raw(na->display, 0, out);
}

static char scratch1[1 << 16], scratch2[1 << 16];

static int opt_eq(sipw_str a, sipw_str b)
{
    if (!a.p || !b.p)
        return !a.p && !b.p;
    return sipw_str_eq(a, b);
}

/* Two parameter lists hold the same parameters: names as written, values
 * equal (quoted ones after unquoting), quoted or not alike, in order. */
static int params_eq(sipw_str a, sipw_str b)
{
    sipw_param pa, pb;
    int ma, mb;
    for (;;) {
        ma = a.p ? sipw_param_next(&a, &pa) : 0;
        mb = b.p ? sipw_param_next(&b, &pb) : 0;
        if (!ma || !mb)
            return ma == mb;
        if (!sipw_str_eq(pa.name, pb.name) || pa.quoted != pb.quoted ||
            !pa.value.p != !pb.value.p)
            return 0;
        if (pa.quoted) {
            size_t na = sipw_str_unquote(pa.value, scratch1, sizeof scratch1);
            size_t nb = sipw_str_unquote(pb.value, scratch2, sizeof scratch2);
            if (na != nb || memcmp(scratch1, scratch2, na) != 0)
                return 0;
        } else if (!opt_eq(pa.value, pb.value)) {
            return 0;
        }
    }
}

#define SAME(cond, what)                                                       \
    ck_assert_msg((cond), "%s: %s differs after the round trip", ctx, what)

static void same_uri(const sipw_uri *a, const sipw_uri *b, const char *ctx)
{
    SAME(sipw_str_eq(a->raw, b->raw), "URI");
    SAME(a->scheme_id == b->scheme_id && opt_eq(a->user, b->user) &&
             opt_eq(a->host, b->host) && a->port == b->port &&
             opt_eq(a->params, b->params) && opt_eq(a->headers, b->headers),
         "URI parts");
}

static int no_lower(sipw_str s)
{
    size_t i;
    for (i = 0; i < s.len; i++)
        if (s.p[i] >= 'a' && s.p[i] <= 'z')
            return 0;
    return 1;
}

static void same_via(const sipw_via *a, const sipw_via *b, const char *ctx)
{
    size_t n = 0;
    for (; a && b; a = a->next, b = b->next, n++) {
        SAME(sipw_str_caseeq(a->protocol, b->protocol) &&
                 sipw_str_caseeq(a->version, b->version) &&
                 sipw_str_caseeq(a->transport, b->transport),
             "Via sent-protocol");
        SAME(no_lower(b->protocol) && no_lower(b->version) &&
                 no_lower(b->transport),
             "upper case of the sent-protocol");
        SAME(sipw_str_eq(a->host, b->host) && a->host_type == b->host_type &&
                 a->port == b->port,
             "Via sent-by");
        SAME(opt_eq(a->branch, b->branch) && opt_eq(a->received, b->received) &&
                 opt_eq(a->maddr, b->maddr) && a->ttl == b->ttl &&
                 a->has_rport == b->has_rport && a->rport == b->rport,
             "Via parameters picked out");
        SAME(params_eq(a->params, b->params), "Via parameters");
    }
    SAME(!a && !b, "number of Via values");
}

static void same_nameaddr(const sipw_nameaddr *a, const sipw_nameaddr *b,
                          const char *ctx)
{
    for (; a && b; a = a->next, b = b->next) {
        SAME(!a->display.p == !b->display.p, "display name presence");
        if (a->display.p) {
            size_t na = display_text(a, scratch1, sizeof scratch1);
            size_t nb;
            SAME(b->display_quoted, "display name quoting");
            nb = sipw_str_unquote(b->display, scratch2, sizeof scratch2);
            SAME(na == nb && memcmp(scratch1, scratch2, na) == 0,
                 "display name");
        }
        SAME(b->angle, "name-addr form");
        same_uri(&a->uri, &b->uri, ctx);
        SAME(opt_eq(a->tag, b->tag) && a->has_expires == b->has_expires &&
                 a->expires == b->expires && opt_eq(a->q, b->q),
             "name-addr parameters picked out");
        SAME(params_eq(a->params, b->params), "name-addr parameters");
    }
    SAME(!a && !b, "number of name-addr values");
}

/* Values of list `first` on line h. */
static size_t via_on(const sipw_via *v, const sipw_header *h)
{
    size_t n = 0;
    for (; v; v = v->next)
        n += v->header == h;
    return n;
}

static size_t na_on(const sipw_nameaddr *na, const sipw_header *h)
{
    size_t n = 0;
    for (; na; na = na->next)
        n += na->header == h;
    return n;
}

static const sipw_nameaddr *na_list(const sipw_msg *m, unsigned id)
{
    switch (id) {
    case SIPW_HDR_FROM: return m->from;
    case SIPW_HDR_TO: return m->to;
    case SIPW_HDR_CONTACT: return m->contact;
    case SIPW_HDR_ROUTE: return m->route;
    case SIPW_HDR_RECORD_ROUTE: return m->record_route;
    case SIPW_HDR_REPLY_TO: return m->reply_to;
    case SIPW_HDR_REFER_TO: return m->refer_to;
    case SIPW_HDR_P_ASSERTED_IDENTITY: return m->p_asserted_identity;
    case SIPW_HDR_P_PREFERRED_IDENTITY: return m->p_preferred_identity;
    case SIPW_HDR_PATH: return m->path;
    case SIPW_HDR_SERVICE_ROUTE: return m->service_route;
    default: return NULL;
    }
}

static int is_token_list(unsigned id)
{
    return id == SIPW_HDR_ALLOW || id == SIPW_HDR_SUPPORTED ||
           id == SIPW_HDR_REQUIRE || id == SIPW_HDR_PROXY_REQUIRE ||
           id == SIPW_HDR_UNSUPPORTED;
}

/* Lines written from a typed single value. */
static int typed_single(const sipw_msg *m, unsigned id)
{
    switch (id) {
    case SIPW_HDR_CALL_ID: return m->call_id.p != NULL;
    case SIPW_HDR_CSEQ: return m->cseq != NULL;
    case SIPW_HDR_MAX_FORWARDS: return m->max_forwards >= 0;
    case SIPW_HDR_EXPIRES: return m->expires >= 0;
    case SIPW_HDR_MIN_EXPIRES: return m->min_expires >= 0;
    case SIPW_HDR_CONTENT_TYPE: return m->content_type != NULL;
    case SIPW_HDR_DATE: return m->date != NULL;
    case SIPW_HDR_EVENT: return m->event != NULL;
    case SIPW_HDR_SUBSCRIPTION_STATE: return m->subscription_state != NULL;
    case SIPW_HDR_RSEQ: return m->rseq != 0;
    case SIPW_HDR_RACK: return m->rack != NULL;
    case SIPW_HDR_CONTENT_LENGTH: return 1;
    default: return 0;
    }
}

/* The lines of b are those of a in order, one per Via or name-addr
 * value, Content-Length in place or last; raw lines hold what the fold
 * rule makes of a's values; token lists the same tokens. */
static void same_lines(const sipw_msg *a, const sipw_msg *b, const char *ctx)
{
    size_t i, j = 0, k, vals;
    for (i = 0; i < a->nheaders; i++) {
        const sipw_header *ha = &a->headers[i];
        vals = ha->id == SIPW_HDR_VIA ? via_on(a->via, ha)
                                      : na_on(na_list(a, ha->id), ha);
        for (k = 0; k < (vals ? vals : 1); k++, j++) {
            const sipw_header *hb;
            SAME(j < b->nheaders, "number of header lines");
            hb = &b->headers[j];
            SAME(hb->id == ha->id, "header id at this line");
            SAME(!(hb->flags & SIPW_HF_FOLDED), "folding");
            if (vals)
                continue;
            if (is_token_list(ha->id)) {
                sipw_str ra = ha->value, rb = hb->value, ta, tb;
                int ma, mb;
                do {
                    ma = sipw_token_next(&ra, &ta);
                    mb = sipw_token_next(&rb, &tb);
                    SAME(ma == mb && (!ma || sipw_str_eq(ta, tb)),
                         "option-tag list");
                } while (ma);
            } else if (!typed_single(a, ha->id) && !(ha->id == SIPW_HDR_CONTACT &&
                                                     a->contact_star)) {
                size_t n = ref_raw(ha->value, (sipw_hdr_flags((sipw_hdr)
                                                              ha->id) &
                                               SIPW_HDRF_QUOTED) != 0,
                                   scratch1);
                SAME(hb->value.len == n &&
                         memcmp(hb->value.p, scratch1, n) == 0,
                     "raw value");
                if (ha->id == SIPW_HDR_OTHER)
                    SAME(sipw_str_eq(ha->name, hb->name), "unknown name");
            }
        }
    }
    if (!a->has_content_length) {
        SAME(j < b->nheaders &&
                 b->headers[j].id == SIPW_HDR_CONTENT_LENGTH,
             "Content-Length appended");
        j++;
    }
    SAME(j == b->nheaders, "number of header lines");
}

static void same_msg(const sipw_msg *a, const sipw_msg *b, const char *ctx)
{
    SAME(a->type == b->type, "message type");
    SAME(str_is(b->version, "SIP/2.0"), "version");
    if (a->type == SIPW_MSG_REQUEST) {
        SAME(sipw_str_eq(a->method, b->method), "method");
        same_uri(a->uri, b->uri, ctx);
    } else {
        SAME(a->status == b->status && sipw_str_eq(a->reason, b->reason),
             "status line");
    }
    same_via(a->via, b->via, ctx);
    same_nameaddr(a->from, b->from, ctx);
    same_nameaddr(a->to, b->to, ctx);
    same_nameaddr(a->contact, b->contact, ctx);
    SAME(a->contact_star == b->contact_star, "Contact *");
    same_nameaddr(a->route, b->route, ctx);
    same_nameaddr(a->record_route, b->record_route, ctx);
    same_nameaddr(a->reply_to, b->reply_to, ctx);
    same_nameaddr(a->refer_to, b->refer_to, ctx);
    same_nameaddr(a->p_asserted_identity, b->p_asserted_identity, ctx);
    same_nameaddr(a->p_preferred_identity, b->p_preferred_identity, ctx);
    same_nameaddr(a->path, b->path, ctx);
    same_nameaddr(a->service_route, b->service_route, ctx);
    SAME(sipw_str_eq(a->call_id, b->call_id), "Call-ID");
    SAME(a->cseq->seq == b->cseq->seq &&
             sipw_str_eq(a->cseq->method, b->cseq->method) &&
             a->cseq->method_id == b->cseq->method_id,
         "CSeq");
    SAME(a->max_forwards == b->max_forwards && a->expires == b->expires &&
             a->min_expires == b->min_expires,
         "Max-Forwards, Expires, Min-Expires");
    SAME(!a->content_type == !b->content_type, "Content-Type presence");
    if (a->content_type)
        SAME(sipw_str_eq(a->content_type->type, b->content_type->type) &&
                 sipw_str_eq(a->content_type->subtype,
                             b->content_type->subtype) &&
                 params_eq(a->content_type->params, b->content_type->params),
             "Content-Type");
    SAME(!a->date == !b->date, "Date presence");
    if (a->date)
        SAME(memcmp(a->date, b->date, sizeof *a->date) == 0, "Date");
    SAME(!a->event == !b->event, "Event presence");
    if (a->event)
        SAME(sipw_str_eq(a->event->package, b->event->package) &&
                 opt_eq(a->event->id, b->event->id) &&
                 params_eq(a->event->params, b->event->params),
             "Event");
    SAME(!a->subscription_state == !b->subscription_state,
         "Subscription-State presence");
    if (a->subscription_state) {
        const sipw_substate *x = a->subscription_state;
        const sipw_substate *y = b->subscription_state;
        SAME(sipw_str_eq(x->state, y->state) && opt_eq(x->reason, y->reason) &&
                 x->has_expires == y->has_expires &&
                 x->expires == y->expires &&
                 x->has_retry_after == y->has_retry_after &&
                 x->retry_after == y->retry_after &&
                 params_eq(x->params, y->params),
             "Subscription-State");
    }
    SAME(!a->retry_after == !b->retry_after, "Retry-After presence");
    if (a->retry_after)
        SAME(a->retry_after->delta == b->retry_after->delta &&
                 a->retry_after->has_duration ==
                     b->retry_after->has_duration &&
                 a->retry_after->duration == b->retry_after->duration,
             "Retry-After");
    SAME(a->body.len == b->body.len &&
             (a->body.len == 0 ||
              memcmp(a->body.p, b->body.p, a->body.len) == 0),
         "body");
    SAME(b->has_content_length && b->content_length == b->body.len,
         "Content-Length");
    SAME(a->warnings == b->warnings, "warnings");
    same_lines(a, b, ctx);
}

/* A copy of m with no typed value: every line is written from its raw
 * value (as for a lazily parsed message). */
static sipw_msg untyped(const sipw_msg *m)
{
    sipw_msg u;
    memset(&u, 0, sizeof u);
    u.type = m->type;
    u.method = m->method;
    u.method_id = m->method_id;
    u.request_uri = m->request_uri;
    u.status = m->status;
    u.reason = m->reason;
    u.version = m->version;
    u.headers = m->headers;
    u.nheaders = m->nheaders;
    memcpy(u.first, m->first, sizeof u.first);
    u.body = m->body;
    u.max_forwards = -1;
    u.expires = -1;
    u.min_expires = -1;
    return u;
}

static size_t roundtrips;

/* The round trip of one valid message. */
static void roundtrip(const char *path, const char *data, size_t len)
{
    sipw_msg a, b, u;
    sipw_error err;
    size_t n1, n2, n3, n4;
    char *w1, *w2, *w3, *w4;

    ck_assert_int_eq(parse_in(mem_a, data, len, &a, &err), SIPW_OK);
    w1 = write_all(&a, 0, &n1, path);
    ck_assert_msg(parse_in(mem_b, w1, n1, &b, &err) == SIPW_OK,
                  "%s: canonical form does not parse: %s at %u:%u (%s)\n%.*s",
                  path, sipw_status_name(err.status), err.line, err.column,
                  err.reason, (int)n1, w1);
    ck_assert_uint_eq(b.size, n1);
    same_msg(&a, &b, path);
    w2 = write_all(&b, 0, &n2, path);
    ck_assert_msg(n2 == n1 && memcmp(w1, w2, n1) == 0,
                  "%s: write(parse(write(m))) != write(m)\n%.*s\n----\n%.*s",
                  path, (int)n1, w1, (int)n2, w2);
    free(w2);

    /* The compact form says the same. */
    w3 = write_all(&a, SIPW_WRITE_COMPACT, &n3, path);
    ck_assert_int_eq(parse_in(mem_b, w3, n3, &b, &err), SIPW_OK);
    w2 = write_all(&b, 0, &n2, path);
    ck_assert_msg(n2 == n1 && memcmp(w1, w2, n1) == 0,
                  "%s: the compact form writes back differently", path);
    free(w2);

    /* Without typed values every line goes out raw; parsed again, that
     * writes the same canonical bytes. */
    u = untyped(&a);
    w4 = write_all(&u, 0, &n4, path);
    ck_assert_msg(parse_in(mem_b, w4, n4, &b, &err) == SIPW_OK,
                  "%s: raw form does not parse: %s (%s)", path,
                  sipw_status_name(err.status), err.reason);
    w2 = write_all(&b, 0, &n2, path);
    ck_assert_msg(n2 == n1 && memcmp(w1, w2, n1) == 0,
                  "%s: the untyped form writes back differently\n%.*s", path,
                  (int)n4, w4);
    free(w2);
    free(w1);
    free(w3);
    free(w4);
    roundtrips++;
}

/* Calls fn on every valid message of a folder. */
static size_t each_valid(const char *dir,
                         void (*fn)(const char *, const char *, size_t))
{
    size_t n, i, count = 0;
    struct tu_case *cases = tu_load_cases(dir, &n);
    for (i = 0; i < n; i++) {
        size_t len;
        char *data;
        if (strcmp(cases[i].status, "OK") != 0)
            continue;
        data = tu_read_file(cases[i].path, &len);
        fn(cases[i].path, data, len);
        free(data);
        count++;
    }
    free(cases);
    return count;
}

static const char *const corpus_dirs[] = {"rfc3665", "rfc4475",
                                          "rfc5118/crlf", "valid"};

START_TEST(corpus_roundtrip)
{
    /* Every "OK" row of each EXPECTED.tsv (about 190 + 27 + 10 + 21
     * messages; the verdicts belong to tests/check_corpus.c). */
    size_t least[] = {180, 25, 10, 20};
    size_t i, total = 0;
    for (i = 0; i < sizeof least / sizeof least[0]; i++) {
        size_t got = each_valid(corpus_dirs[i], roundtrip);
        ck_assert_msg(got >= least[i], "%s: only %zu valid messages",
                      corpus_dirs[i], got);
        total += got;
    }
    ck_assert_uint_eq(roundtrips, total);
}
END_TEST

/* --- the snprintf contract ------------------------------------------------ */

/* Every capacity 0..n: the output ends at a PROT_NONE page, 16 canary
 * bytes before it must stay, the result is always n and the buffer holds
 * the first cap bytes of the full output. */
static void tight(const char *path, const char *data, size_t len)
{
    sipw_msg m;
    sipw_error err;
    size_t n, cap, i;
    char *full;

    ck_assert_int_eq(parse_in(mem_a, data, len, &m, &err), SIPW_OK);
    full = write_all(&m, 0, &n, path);
    for (cap = 0; cap <= n; cap++) {
        char *buf = (char *)guard.fence - cap;
        memset(buf - 16, 0xa5, 16 + cap);
        ck_assert_uint_eq(sipw_msg_write(&m, cap ? buf : NULL, cap, 0, &err),
                          n);
        ck_assert_msg(memcmp(buf, full, cap) == 0, "%s: cap %zu", path, cap);
        for (i = 1; i <= 16; i++)
            ck_assert_int_eq((unsigned char)buf[-(long)i], 0xa5);
    }
    /* A bigger buffer: nothing after the output, no NUL. */
    {
        char *buf = (char *)guard.fence - (n + 8);
        memset(buf, 0xa5, n + 8);
        ck_assert_uint_eq(sipw_msg_write(&m, buf, n + 8, 0, NULL), n);
        ck_assert_int_eq(memcmp(buf, full, n), 0);
        for (i = n; i < n + 8; i++)
            ck_assert_int_eq((unsigned char)buf[i], 0xa5);
    }
    free(full);
}

START_TEST(tight_buffers)
{
    size_t i;
    for (i = 0; i < sizeof corpus_dirs / sizeof corpus_dirs[0]; i++)
        ck_assert_uint_gt(each_valid(corpus_dirs[i], tight), 0);
}
END_TEST

/* Exact-size heap buffers, which ASan watches, for every capacity. */
START_TEST(tight_heap)
{
    static const char *const files[] = {
        "rfc4475/wsinv.dat", "rfc4475/intmeth.dat", "valid/quoted-nul.sip",
        "valid/folded-values.sip", "rfc3665/3.1-successful-session-"
                                   "establishment-F1.sip"};
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[1024];
        size_t len, n, cap;
        char *data, *full;
        sipw_msg m;
        sipw_error err;
        snprintf(path, sizeof path, "%s/%s", tu_data_dir(), files[f]);
        data = tu_read_file(path, &len);
        ck_assert_int_eq(parse_in(mem_a, data, len, &m, &err), SIPW_OK);
        full = write_all(&m, SIPW_WRITE_COMPACT, &n, path);
        for (cap = 0; cap <= n; cap++) {
            char *buf = malloc(cap ? cap : 1);
            ck_assert_uint_eq(sipw_msg_write(&m, buf, cap, SIPW_WRITE_COMPACT,
                                             &err),
                              n);
            ck_assert_int_eq(memcmp(buf, full, cap), 0);
            free(buf);
        }
        free(full);
        free(data);
    }
}
END_TEST

/* --- refusals -------------------------------------------------------------- */

static const char base_msg[] =
    "INVITE sip:bob@example.com SIP/2.0\r\n"              /* start line */
    "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n" /* 0 */
    "Max-Forwards: 70\r\n"                               /* 1 */
    "To: <sip:bob@example.com>\r\n"                      /* 2 */
    "From: \"Alice\" <sip:alice@example.com>;tag=1\r\n"  /* 3 */
    "Call-ID: c1@h\r\n"                                  /* 4 */
    "CSeq: 1 INVITE\r\n"                                 /* 5 */
    "Contact: <sip:alice@192.0.2.1>\r\n"                 /* 6 */
    "Subject: hello\r\n"                                 /* 7 */
    "Warning: 399 h \"x\"\r\n"                           /* 8 */
    "X-Custom: v\r\n"                                    /* 9 */
    "Content-Length: 0\r\n\r\n";                         /* 10 */

/* A modifiable copy of the base message: its header table, its first Via,
 * From and Contact values and their URIs are copies the test may edit. */
struct hand {
    sipw_msg m;
    sipw_header h[16];
    sipw_via via;
    sipw_nameaddr from, contact;
    sipw_cseq cseq;
    sipw_uri ruri;
};

static void hand_init(struct hand *x)
{
    sipw_error err;
    size_t i;
    ck_assert_int_eq(parse_in(mem_a, base_msg, sizeof base_msg - 1, &x->m,
                              &err),
                     SIPW_OK);
    ck_assert_uint_eq(x->m.nheaders, 11);
    for (i = 0; i < x->m.nheaders; i++)
        x->h[i] = x->m.headers[i];
    x->via = *x->m.via;
    x->from = *x->m.from;
    x->contact = *x->m.contact;
    x->cseq = *x->m.cseq;
    x->ruri = *x->m.uri;
    /* Re-point every link at the copies. */
    x->via.header = &x->h[0];
    x->from.header = &x->h[3];
    x->contact.header = &x->h[6];
    x->m.headers = x->h;
    x->m.via = &x->via;
    x->m.from = &x->from;
    x->m.contact = &x->contact;
    x->m.cseq = &x->cseq;
    x->m.uri = &x->ruri;
    {
        /* To keeps its parsed node, which names the parsed table: move it
         * too. */
        static sipw_nameaddr to;
        to = *x->m.to;
        to.header = &x->h[2];
        x->m.to = &to;
    }
}

static sipw_str lit(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = strlen(s);
    return r;
}

/* The write must be refused with `st` at line index `line`
 * (SIPW_NO_INDEX for the start line and the message as a whole) naming
 * `header` ("" for none), at no byte, whatever the capacity, err or
 * not. */
static void refused(const sipw_msg *m, sipw_status st, size_t line,
                    const char *header, const char *what)
{
    sipw_error err;
    char buf[4096];
    size_t caps[] = {0, 10, sizeof buf};
    size_t i;

    for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        memset(&err, 0, sizeof err);
        ck_assert_msg(sipw_msg_write(m, caps[i] ? buf : NULL, caps[i], 0,
                                     &err) == 0,
                      "%s: written (cap %zu)", what, caps[i]);
        ck_assert_msg(err.status == st, "%s: %s, want %s (%s)", what,
                      sipw_status_name(err.status), sipw_status_name(st),
                      err.reason ? err.reason : "");
        ck_assert_msg(err.header_index == line, "%s: line %zu, want %zu",
                      what, err.header_index, line);
        ck_assert_msg(err.offset == SIPW_NO_OFFSET, "%s: offset %zu", what,
                      err.offset);
        ck_assert_msg(header[0] ? str_is(err.header, header)
                                : err.header.len == 0,
                      "%s: header '%.*s', want '%s'", what,
                      (int)err.header.len, err.header.p ? err.header.p : "",
                      header);
        ck_assert_msg(err.reason && err.reason[0], "%s: no reason", what);
        ck_assert_uint_eq(err.line, 0);
        ck_assert_uint_eq(err.column, 0);
    }
    ck_assert_uint_eq(sipw_msg_write(m, buf, sizeof buf, 0, NULL), 0);
}

START_TEST(base_writes)
{
    struct hand x;
    sipw_msg back;
    sipw_error err;
    size_t n;
    char *out;
    hand_init(&x);
    out = write_all(&x.m, 0, &n, "base");
    ck_assert_int_eq(n, sizeof base_msg - 1);
    ck_assert_int_eq(memcmp(out, base_msg, n), 0);
    ck_assert_int_eq(parse_in(mem_b, out, n, &back, &err), SIPW_OK);
    free(out);
}
END_TEST

/* A header value with CR, LF, NUL or a control byte. */
START_TEST(refuse_raw_values)
{
    static const struct {
        const char *value;
        size_t line;
        sipw_status st;
    } cases[] = {
        {"hel\rlo", 7, SIPW_EVALUE},
        {"a\nb", 7, SIPW_EVALUE},
        {"a\r\nX-Injected: 1", 7, SIPW_EVALUE},
        {"a\r\n", 7, SIPW_EVALUE},
        {"a\r", 7, SIPW_EVALUE},
        {"a \r\n\r\nbody", 7, SIPW_EVALUE},
        {"long value, long enough for the 8-byte scan\r\nX: 1", 7,
         SIPW_EVALUE},
        {"NUL:\0!", 7, SIPW_EVALUE},
        {"bell \a", 7, SIPW_EVALUE},
        {"del \x7f", 7, SIPW_EVALUE},
        {"399 h \"x", 8, SIPW_EQUOTE},
        {"399 h \"long enough for the word loop\" \"x", 8, SIPW_EQUOTE},
        {"399 h \"x\\", 8, SIPW_EQUOTE},
        {"399 h \"x\\\xc3\xa9\"", 8, SIPW_EVALUE},
        {"399 h \"x\\\r\n y\"", 8, SIPW_EVALUE},
        {"399 h \"x\1\"", 8, SIPW_EVALUE},
        {"v\r\n", 9, SIPW_EVALUE},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct hand x;
        const char *names[] = {"Subject", "Warning", "X-Custom"};
        hand_init(&x);
        x.h[cases[i].line].value.p = cases[i].value;
        x.h[cases[i].line].value.len =
            strlen(cases[i].value) + (strncmp(cases[i].value, "NUL", 3) == 0
                                          ? 2
                                          : 0);
        refused(&x.m, cases[i].st, cases[i].line, names[cases[i].line - 7],
                cases[i].value);
    }
}
END_TEST

/* What a fold or a quoted control byte may do: written, not refused. */
START_TEST(raw_values_accepted)
{
    static const struct {
        size_t line;
        const char *value, *want;
    } cases[] = {
        {7, "a\tb", "Subject: a\tb\r\n"},
        {7, "a \r\n\t b", "Subject: a b\r\n"},
        {7, "a\r\n b\r\n c", "Subject: a b c\r\n"},
        {7, "\"quotes are text here\\", "Subject: \"quotes are text here\\\r\n"},
        {8, "399 h \"nul \\\0 ok\"", "Warning: 399 h \"nul \\\0 ok\"\r\n"},
        {8, "399 h \"a\r\n b\" \\ \"c\"", "Warning: 399 h \"a b\" \\ \"c\"\r\n"},
        {7, "", "Subject: \r\n"},
        {7, "\xc3\xa9t\xc3\xa9", "Subject: \xc3\xa9t\xc3\xa9\r\n"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct hand x;
        size_t n, vlen = strlen(cases[i].value), wlen = strlen(cases[i].want);
        char *out;
        const char *line;
        if (strstr(cases[i].value, "nul")) {
            vlen += 5; /* past the NUL */
            wlen += 7;
        }
        hand_init(&x);
        x.h[cases[i].line].value.p = cases[i].value;
        x.h[cases[i].line].value.len = vlen;
        out = write_all(&x.m, 0, &n, cases[i].value);
        line = out;
        {
            /* the line of that header */
            size_t k, nl = 0;
            for (k = 0; k < n && nl < cases[i].line + 1; k++)
                if (out[k] == '\n')
                    nl++;
            line = out + k;
        }
        ck_assert_msg((size_t)(out + n - line) >= wlen &&
                          memcmp(line, cases[i].want, wlen) == 0,
                      "case %zu: got [%.*s]", i, (int)wlen, line);
        free(out);
    }
}
END_TEST

START_TEST(refuse_typed_fields)
{
    struct hand x;
    sipw_str save;

    /* Via */
    hand_init(&x);
    x.via.transport = lit("U DP");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "transport with a space");
    hand_init(&x);
    x.via.transport = lit("");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "empty transport");
    hand_init(&x);
    x.via.protocol = lit("SIP\r\n");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "protocol with CRLF");
    hand_init(&x);
    x.via.port = 65536;
    refused(&x.m, SIPW_EVALUE, 0, "Via", "port above 65535");
    hand_init(&x);
    x.via.port = -2;
    refused(&x.m, SIPW_EVALUE, 0, "Via", "negative port");
    hand_init(&x);
    x.via.host = lit("h .example.com");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "host with a space");
    hand_init(&x);
    x.via.params = lit(";branch=z9hG4bK1\r\nX: y");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "params with CRLF");
    hand_init(&x);
    x.via.params = lit(";branch=a b");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "param value with a space");
    hand_init(&x);
    x.via.params = lit(";;branch=a");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "empty parameter name");
    hand_init(&x);
    x.via.params = lit(";x=a:b");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "colon in a value");
    hand_init(&x);
    x.via.params = lit(";x=\"a");
    refused(&x.m, SIPW_EQUOTE, 0, "Via", "unterminated quoted value");
    hand_init(&x);
    x.via.params = lit(";x=\"a\rb\"");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "bare CR in a quoted value");
    hand_init(&x);
    x.via.params.p = NULL;
    x.via.params.len = 0;
    x.via.branch = lit("z9 hG4bK");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "branch with a space");
    hand_init(&x);
    x.via.params.p = NULL;
    x.via.params.len = 0;
    x.via.has_rport = 1;
    x.via.rport = 70000;
    refused(&x.m, SIPW_EVALUE, 0, "Via", "rport above 65535");
    hand_init(&x);
    x.via.params.p = NULL;
    x.via.params.len = 0;
    x.via.ttl = 256;
    refused(&x.m, SIPW_EVALUE, 0, "Via", "ttl above 255");
    hand_init(&x);
    x.via.params.p = NULL;
    x.via.params.len = 0;
    x.via.received = lit("host.example.com");
    refused(&x.m, SIPW_EVALUE, 0, "Via", "received not an address");

    /* name-addr */
    hand_init(&x);
    x.from.display = lit("Al\rice");
    refused(&x.m, SIPW_EVALUE, 3, "From", "display name with a bare CR");
    hand_init(&x);
    x.from.display = lit("Al\r\nice");
    refused(&x.m, SIPW_EVALUE, 3, "From", "display name with CRLF, no WSP");
    hand_init(&x);
    x.from.display = lit("Al\nice");
    x.from.display_quoted = 0;
    refused(&x.m, SIPW_EVALUE, 3, "From", "token display name with LF");
    hand_init(&x);
    x.from.display = lit("a\\\rb");
    refused(&x.m, SIPW_EVALUE, 3, "From", "quoted-pair of CR");
    hand_init(&x);
    x.from.uri.raw = lit("sip:alice@example.com x");
    refused(&x.m, SIPW_EVALUE, 3, "From", "URI with a space");
    hand_init(&x);
    x.from.uri.raw = lit("sip:a>b@example.com");
    refused(&x.m, SIPW_EVALUE, 3, "From", "URI with >");
    hand_init(&x);
    x.from.uri.raw = lit("alice@example.com");
    refused(&x.m, SIPW_EVALUE, 3, "From", "URI without a scheme");
    hand_init(&x);
    x.from.uri.raw = lit("sip:");
    refused(&x.m, SIPW_EVALUE, 3, "From", "URI with nothing after the scheme");
    hand_init(&x);
    x.from.params = lit(";tag=1;x=a b");
    refused(&x.m, SIPW_EVALUE, 3, "From", "param value with a space");
    hand_init(&x);
    x.from.params.p = NULL;
    x.from.params.len = 0;
    x.from.tag = lit("a;b");
    refused(&x.m, SIPW_EVALUE, 3, "From", "tag with ';'");
    hand_init(&x);
    x.contact.params.p = NULL;
    x.contact.params.len = 0;
    x.contact.q = lit("1.5");
    refused(&x.m, SIPW_EVALUE, 6, "Contact", "q not a qvalue");
    hand_init(&x);
    x.contact.uri.raw = lit("sip:alice@192.0.2.1\r\n");
    refused(&x.m, SIPW_EVALUE, 6, "Contact", "URI with CRLF");

    /* start line */
    hand_init(&x);
    x.ruri.raw = lit("sip:bob@example.com x");
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "Request-URI with a space");
    hand_init(&x);
    x.ruri.raw = lit("sip:bob@example.com?subject=x");
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "Request-URI with headers");
    hand_init(&x);
    x.m.uri = NULL;
    x.m.request_uri = lit("sip:bob@example.com\r\n");
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "raw Request-URI with CRLF");
    hand_init(&x);
    x.m.method = lit("INV ITE");
    x.cseq.method = x.m.method;
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "method with a space");
    hand_init(&x);
    x.m.version = lit("SIP/3.0");
    refused(&x.m, SIPW_EVERSION, SIPW_NO_INDEX, "", "version 3.0");
    hand_init(&x);
    x.m.type = SIPW_MSG_NONE;
    refused(&x.m, SIPW_EINVAL, SIPW_NO_INDEX, "", "no type");
    hand_init(&x);
    x.m.type = SIPW_MSG_RESPONSE;
    x.m.status = 99;
    refused(&x.m, SIPW_ESTATUS, SIPW_NO_INDEX, "", "status 99");
    x.m.status = 700;
    refused(&x.m, SIPW_ESTATUS, SIPW_NO_INDEX, "", "status 700");
    x.m.status = 200;
    x.m.reason = lit("O\rK");
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "reason with CR");
    x.m.reason = lit("<OK>");
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "reason with <");

    /* scalars */
    hand_init(&x);
    x.cseq.method = lit("INVITE ");
    x.m.method = x.cseq.method;
    refused(&x.m, SIPW_ESTART, SIPW_NO_INDEX, "", "method ending in a space");
    hand_init(&x);
    x.cseq.method = lit("BYE");
    refused(&x.m, SIPW_EVALUE, 5, "CSeq", "CSeq method mismatch");
    hand_init(&x);
    x.m.max_forwards = 256;
    refused(&x.m, SIPW_EVALUE, 1, "Max-Forwards", "Max-Forwards 256");
    hand_init(&x);
    save = x.m.call_id;
    x.m.call_id = lit("c 1@h");
    refused(&x.m, SIPW_EVALUE, 4, "Call-ID", "Call-ID with a space");
    x.m.call_id = lit("@h");
    refused(&x.m, SIPW_EVALUE, 4, "Call-ID", "Call-ID starting with @");
    x.m.call_id = save;
}
END_TEST

START_TEST(refuse_structure)
{
    struct hand x;
    sipw_error err;

    ck_assert_uint_eq(sipw_msg_write(NULL, NULL, 0, 0, &err), 0);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    hand_init(&x);
    ck_assert_uint_eq(sipw_msg_write(&x.m, NULL, 0, 1u << 5, &err), 0);
    ck_assert_int_eq(err.status, SIPW_EINVAL);

    /* Header table */
    hand_init(&x);
    x.h[9].name = lit("X Custom");
    refused(&x.m, SIPW_EINVAL, 9, "X Custom", "name with a space");
    hand_init(&x);
    x.h[9].name = lit("Content-Length");
    refused(&x.m, SIPW_EINVAL, 9, "Content-Length",
            "unknown header named like a known one");
    hand_init(&x);
    x.h[9].id = SIPW_HDR__COUNT;
    refused(&x.m, SIPW_EINVAL, 9, "X-Custom", "id out of range");
    hand_init(&x);
    x.h[8].value.p = NULL;
    refused(&x.m, SIPW_EINVAL, 8, "Warning", "NULL value with a length");
    hand_init(&x);
    x.h[9] = x.h[5];
    refused(&x.m, SIPW_EDUP, 9, "CSeq", "CSeq twice");
    hand_init(&x);
    x.h[9] = x.h[10];
    refused(&x.m, SIPW_EDUP, 10, "Content-Length", "Content-Length twice");

    /* Mandatory headers, reported To, From, CSeq, Call-ID, Via. */
    hand_init(&x);
    x.h[2] = x.h[9]; /* To becomes X-Custom */
    x.m.to = NULL;
    refused(&x.m, SIPW_EMISSING, SIPW_NO_INDEX, "To", "no To");
    hand_init(&x);
    x.h[0] = x.h[9];
    x.m.via = NULL;
    x.h[4] = x.h[9];
    x.m.call_id.p = NULL;
    x.m.call_id.len = 0;
    refused(&x.m, SIPW_EMISSING, SIPW_NO_INDEX, "Call-ID", "no Call-ID, no Via");

    /* Typed values with no line to carry them */
    hand_init(&x);
    x.via.header = NULL;
    refused(&x.m, SIPW_EINVAL, SIPW_NO_INDEX, "Via", "Via value on no line");
    hand_init(&x);
    x.contact.header = &x.h[3];
    refused(&x.m, SIPW_EINVAL, SIPW_NO_INDEX, "Contact", "Contact value on a From line");
    hand_init(&x);
    x.h[1] = x.h[9];
    refused(&x.m, SIPW_EINVAL, SIPW_NO_INDEX, "Max-Forwards",
            "Max-Forwards value without its line");
    hand_init(&x);
    x.m.contact_star = 1;
    refused(&x.m, SIPW_EVALUE, SIPW_NO_INDEX, "Contact", "\"*\" and a Contact value");

    /* Limits */
    hand_init(&x);
    x.m.body.p = "";
    x.m.body.len = SIPW_MAX_BODY_SIZE + 1u;
    {
        sipw_error e2;
        ck_assert_uint_eq(sipw_msg_write(&x.m, NULL, 0, 0, &e2), 0);
        ck_assert_int_eq(e2.status, SIPW_ELIMIT);
        ck_assert_uint_eq(e2.header_index, SIPW_NO_INDEX);
    }
}
END_TEST

/* A Route line of 1100 values parses (one line) but would be 1100 lines;
 * 1000 long Via values fit 64 KiB as one line each parsed, not with
 * "Via: " before each. */
START_TEST(refuse_limits)
{
    size_t cap = 200000, n = 0, i, len;
    char *buf = malloc(cap);
    sipw_msg m;
    sipw_error err;
    const char *head = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                       "To: <sip:bob@example.com>\r\n"
                       "From: <sip:alice@example.com>;tag=1\r\n"
                       "Call-ID: c@h\r\nCSeq: 1 OPTIONS\r\n";

    n = (size_t)sprintf(buf, "%sVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                             "Route: ", head);
    for (i = 0; i < 1100; i++)
        n += (size_t)sprintf(buf + n, "%s<sip:p%zu.example.com;lr>",
                             i ? "," : "", i);
    n += (size_t)sprintf(buf + n, "\r\nContent-Length: 0\r\n\r\n");
    ck_assert_int_eq(parse_in(mem_a, buf, n, &m, &err), SIPW_OK);
    ck_assert_uint_eq(sipw_msg_write(&m, NULL, 0, 0, &err), 0);
    ck_assert_int_eq(err.status, SIPW_ELIMIT);
    ck_assert_uint_eq(err.header_index, 5);
    ck_assert_uint_eq(err.offset, SIPW_NO_OFFSET);
    ck_assert(str_is(err.header, "Route"));

    n = (size_t)sprintf(buf, "%sVia: ", head);
    for (i = 0; i < 1000; i++)
        n += (size_t)sprintf(buf + n,
                             "%sSIP/2.0/UDP h%04zu.example.com;branch=z9hG4bK"
                             "xxxxxxxxxxxxxxxxxxxx",
                             i ? "," : "", i);
    n += (size_t)sprintf(buf + n, "\r\nContent-Length: 0\r\n\r\n");
    ck_assert_uint_le(n, SIPW_MAX_HEAD_SIZE);
    ck_assert_int_eq(parse_in(mem_a, buf, n, &m, &err), SIPW_OK);
    len = sipw_msg_write(&m, NULL, 0, 0, &err);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(err.status, SIPW_ELIMIT);
    ck_assert_uint_eq(err.header_index, SIPW_NO_INDEX);
    free(buf);
}
END_TEST

/* --- a message built from typed fields alone ------------------------------- */

START_TEST(built_by_hand)
{
    static const char want[] =
        "REGISTER sip:registrar.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TCP 192.0.2.4:5061;branch=z9hG4bKnashds7;received="
        "192.0.2.99;rport\r\n"
        "Max-Forwards: 70\r\n"
        "To: \"Bob \\\"B\\\"\" <sip:bob@example.com>\r\n"
        "From: <sip:bob@example.com>;tag=456248\r\n"
        "Call-ID: 843817637684230@998sdasdh09\r\n"
        "CSeq: 1826 REGISTER\r\n"
        "Contact: <sip:bob@192.0.2.4;transport=tcp;lr>;expires=7200;q=0.5\r\n"
        "Contact: <tel:+1-201-555-0123>\r\n"
        "Content-Length: 0\r\n\r\n";
    sipw_header h[8];
    sipw_via via;
    sipw_nameaddr to, from, c1, c2;
    sipw_cseq cseq;
    sipw_uri ruri;
    sipw_msg m, back;
    sipw_error err;
    size_t n, i;
    char *out;
    static const sipw_hdr ids[] = {SIPW_HDR_VIA, SIPW_HDR_MAX_FORWARDS,
                                   SIPW_HDR_TO, SIPW_HDR_FROM,
                                   SIPW_HDR_CALL_ID, SIPW_HDR_CSEQ,
                                   SIPW_HDR_CONTACT, SIPW_HDR_CONTENT_LENGTH};

    memset(h, 0, sizeof h);
    for (i = 0; i < 8; i++)
        h[i].id = (uint16_t)ids[i]; /* no names, no values: all typed */

    memset(&ruri, 0, sizeof ruri);
    ruri.scheme_id = SIPW_SCHEME_SIP;
    ruri.host = lit("registrar.example.com");
    ruri.port = -1;
    ruri.ttl = -1;

    memset(&via, 0, sizeof via);
    via.transport = lit("tcp");
    via.host = lit("192.0.2.4");
    via.port = 5061;
    via.branch = lit("z9hG4bKnashds7");
    via.received = lit("192.0.2.99");
    via.has_rport = 1;
    via.rport = -1;
    via.ttl = -1;
    via.header = &h[0];

    memset(&to, 0, sizeof to);
    to.display = lit("Bob \"B\"");
    to.uri.scheme = lit("sip");
    to.uri.scheme_id = SIPW_SCHEME_SIP;
    to.uri.user = lit("bob");
    to.uri.host = lit("example.com");
    to.uri.port = -1;
    to.uri.ttl = -1;
    to.header = &h[2];
    from = to;
    from.display.p = NULL;
    from.display.len = 0;
    from.tag = lit("456248");
    from.header = &h[3];
    memset(&c1, 0, sizeof c1);
    c1.uri = to.uri;
    c1.uri.host = lit("192.0.2.4");
    c1.uri.transport = lit("tcp");
    c1.uri.lr = 1;
    c1.has_expires = 1;
    c1.expires = 7200;
    c1.q = lit("0.5");
    c1.header = &h[6];
    c1.next = &c2;
    memset(&c2, 0, sizeof c2);
    c2.uri.scheme_id = SIPW_SCHEME_TEL;
    c2.uri.user = lit("+1-201-555-0123");
    c2.uri.port = -1;
    c2.uri.ttl = -1;
    c2.header = &h[6];

    memset(&cseq, 0, sizeof cseq);
    cseq.seq = 1826;
    cseq.method = lit("REGISTER");

    memset(&m, 0, sizeof m);
    m.type = SIPW_MSG_REQUEST;
    m.method = lit("REGISTER");
    m.uri = &ruri;
    m.headers = h;
    m.nheaders = 8;
    m.header_cap = 8;
    m.via = &via;
    m.to = &to;
    m.from = &from;
    m.contact = &c1;
    m.call_id = lit("843817637684230@998sdasdh09");
    m.cseq = &cseq;
    m.max_forwards = 70;
    m.expires = -1;
    m.min_expires = -1;

    out = write_all(&m, 0, &n, "built");
    ck_assert_msg(n == sizeof want - 1 && memcmp(out, want, n) == 0,
                  "got [%.*s]", (int)n, out);
    ck_assert_int_eq(parse_in(mem_b, out, n, &back, &err), SIPW_OK);
    ck_assert(str_is(back.via->received, "192.0.2.99"));
    ck_assert_int_eq(back.contact->next->uri.scheme_id, SIPW_SCHEME_TEL);
    free(out);

    /* Fields that would break it. */
    ruri.headers = lit("a=b");
    refused(&m, SIPW_ESTART, SIPW_NO_INDEX, "", "built Request-URI with headers");
    ruri.headers.p = NULL;
    ruri.headers.len = 0;
    ruri.host = lit("");
    refused(&m, SIPW_ESTART, SIPW_NO_INDEX, "", "built Request-URI without host");
    ruri.host = lit("registrar.example.com");
    c1.uri.port = 65536;
    refused(&m, SIPW_EVALUE, 6, "Contact", "built URI port 65536");
    c1.uri.port = -1;
    c1.uri.user = lit("b@b");
    refused(&m, SIPW_EVALUE, 6, "Contact", "built URI user with @");
    c1.uri.user = lit("bob");
    c1.uri.ttl = 300;
    refused(&m, SIPW_EVALUE, 6, "Contact", "built URI ttl 300");
    c1.uri.ttl = -1;
    c2.uri.user = lit("");
    refused(&m, SIPW_EVALUE, 6, "Contact", "built tel URI without number");
    c2.uri.user = lit("+1-201-555-0123");
    out = write_all(&m, 0, &n, "built again");
    ck_assert_int_eq(memcmp(out, want, n), 0);
    free(out);
}
END_TEST

static Suite *write_suite(void)
{
    Suite *s = suite_create("write");
    TCase *tc = tcase_create("write");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, class_table);
    tcase_add_loop_test(tc, exact_output, 0,
                        (int)(sizeof exact / sizeof exact[0]));
    tcase_add_test(tc, corpus_roundtrip);
    tcase_add_test(tc, tight_buffers);
    tcase_add_test(tc, tight_heap);
    tcase_add_test(tc, base_writes);
    tcase_add_test(tc, refuse_raw_values);
    tcase_add_test(tc, raw_values_accepted);
    tcase_add_test(tc, refuse_typed_fields);
    tcase_add_test(tc, refuse_structure);
    tcase_add_test(tc, refuse_limits);
    tcase_add_test(tc, built_by_hand);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run(write_suite());
}
