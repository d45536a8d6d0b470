/* SPDX-License-Identifier: MIT */
/* sipwire: the internal interface of the typed-header parsers
 * (grammar/uri.re, params.re, via.re, nameaddr.re, fields.re, auth.re,
 * rel.re)
 * and the dispatcher that runs them over a message (src/typed.c). Never
 * installed.
 *
 * Every parser reads exactly [p, e): a header value without the LWS
 * around it, folds (CRLF WSP) still inside, or a URI. It never reads
 * outside that range, never writes to it, and reports errors through
 * sipw__tp_fail(), whose offsets count from tp->buf (the message, or the
 * caller's string for the standalone sipw_*_parse() functions). */
#ifndef SIPW_TYPED_H
#define SIPW_TYPED_H

#include <string.h>

#include "frame/frame.h"

/* Context of one typed parse. */
struct sipw_tp {
    const char *buf;   /* error offsets, lines and columns count from here */
    size_t len;        /* bytes at buf */
    sipw_str header;   /* header name for error reports ({NULL, 0}: none) */
    sipw_arena *arena; /* where list nodes come from (may be NULL for the
                        * parsers that allocate nothing) */
    sipw_error *err;   /* may be NULL */
    unsigned flags;    /* the SIPW_PARSE_* flags of the message parse */
};

/* The state of a standalone parse of s[0..len) (sipw_via_parse()...): no
 * header name, offsets from s. A NULL s with len 0 reads as "". */
void sipw__tp_standalone(struct sipw_tp *tp, const char *s, size_t len,
                         sipw_arena *arena, sipw_error *err);

/* Fills tp->err for an error at `at` (inside [buf, buf + len]) and
 * returns st. `reason` is a static string. */
sipw_status sipw__tp_fail(const struct sipw_tp *tp, sipw_status st,
                          const char *at, const char *reason);

/* A copy of the n bytes of a parsed value v, from the top of the arena:
 * NULL, with an SIPW_ENOMEM error at `at`, when it does not fit. Inline:
 * with n a constant the copy is a few stores. */
static inline void *sipw__tp_keep(const struct sipw_tp *tp, const void *v,
                                  size_t n, const char *at)
{
    void *node = tp->arena ? sipw__arena_take(tp->arena, n) : NULL;
    if (!node) {
        sipw__tp_fail(tp, SIPW_ENOMEM, at,
                      "arena too small for the typed headers");
        return NULL;
    }
    memcpy(node, v, n);
    return node;
}

/* --- params.re: header parameters (RFC 3261 §25.1 generic-param) ---- */

/* Lexes one "SEMI generic-param" starting at *cur (which points at SWS or
 * ";"); generic-param = token [ EQUAL gen-value ], gen-value = token /
 * host / quoted-string. On SIPW_OK fills *out (value without quotes for a
 * quoted-string) and advances *cur past it (not past trailing LWS). A
 * caller that wants a non-generic value (Via received=IPv6) lexes it
 * itself: with raw_value non-zero the value is not lexed and *cur stops
 * after EQUAL (out->value.p = *cur, len 0). */
sipw_status sipw__gparam(const struct sipw_tp *tp, const char **cur,
                         const char *e, sipw_param *out, int raw_value);

/* gen-value = token / host / quoted-string at cur (after EQUAL): the
 * value part of sipw__gparam(), for a caller that lexed the name with
 * raw_value. Sets out->value and out->quoted, and *pcur past the value. */
sipw_status sipw__gvalue(const struct sipw_tp *tp, const char **pcur,
                         const char *cur, const char *e, sipw_param *out);

/* Skips SWS (LWS with folds) at *cur, up to e: sipw__sws_run() does it,
 * sipw__sws() first checks the common case of no white space at all. */
void sipw__sws_run(const char **cur, const char *e);
static inline void sipw__sws(const char **cur, const char *e)
{
    const char *c = *cur;
    if (c < e && (*c == ' ' || *c == '\t' || *c == '\r')) {
        /* One SP before a byte that continues no LWS (the common case):
         * what sipw__sws_run() would skip, without the call. */
        if (*c == ' ' && (c + 1 == e || (c[1] != ' ' && c[1] != '\t' &&
                                         c[1] != '\r'))) {
            *cur = c + 1;
            return;
        }
        sipw__sws_run(cur, e);
    }
}

/* Lexes quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE at
 * *cur; on SIPW_OK *body is what lies between the quotes and *cur is past
 * the closing quote. Errors: SIPW_EQUOTE (unterminated, or "\" at the
 * end), SIPW_EVALUE (a byte that cannot be in a quoted string). */
sipw_status sipw__quoted(const struct sipw_tp *tp, const char **cur,
                         const char *e, sipw_str *body);

/* --- numbers: one rule each ---------------------------------------- */

enum {
    SIPW__PORT_MAX = 65535, /* port = 1*DIGIT (§25.1), a 16-bit number */
    SIPW__TTL_MAX = 255     /* ttl = 1*3DIGIT, 0 to 255 (§25.1) */
};

/* The decimal [p, e) (1*DIGIT, leading zeros allowed) if it is at most
 * max, else -1 (also when it is empty or not all digits); never overflows
 * however long it is. */
static inline int32_t sipw__digits(const char *p, const char *e, int32_t max)
{
    int32_t n = 0;
    if (p == e)
        return -1;
    for (; p < e; p++) {
        unsigned d = (unsigned char)*p - (unsigned)'0';
        if (d > 9)
            return -1;
        n = n * 10 + (int32_t)d;
        if (n > max)
            return -1;
    }
    return n;
}

/* port (abnf.re) as a number 0..65535, or -1. */
static inline int32_t sipw__port(const char *p, const char *e)
{
    return sipw__digits(p, e, SIPW__PORT_MAX);
}

/* delta-seconds (§25.1) as a number 0..2^32-1, or -1. */
static inline int64_t sipw__delta(const char *p, const char *e)
{
    int64_t n = 0;
    for (; p < e; p++) {
        n = n * 10 + (*p - '0');
        if (n > (int64_t)UINT32_MAX)
            return -1;
    }
    return n;
}

/* ttl (abnf.re) as a number 0..255, or -1. */
static inline int32_t sipw__ttl(const char *p, const char *e)
{
    return sipw__digits(p, e, SIPW__TTL_MAX);
}

/* --- uri.re and uri.c: URIs and hosts ------------------------------ */

/* The uri-parameters sipwire picks out (§19.1.1), a bit each, and the tel
 * parameters that may appear once (RFC 3966 §3). */
enum { SIPW_UP_TRANSPORT, SIPW_UP_USER, SIPW_UP_METHOD, SIPW_UP_TTL,
       SIPW_UP_MADDR, SIPW_UP_LR, SIPW_UP_OTHER };
enum { SIPW_TP_ISUB, SIPW_TP_EXT, SIPW_TP_CONTEXT, SIPW_TP_OTHER };

/* Parses the URI that is exactly [p, e). */
sipw_status sipw__uri(const struct sipw_tp *tp, const char *p, const char *e,
                      sipw_uri *out);

/* Lexes the longest host (hostname / IPv4address / IPv6reference) at
 * *cur, up to e. On success advances *cur past it and returns its type;
 * else returns SIPW_HOST_NONE with the offending byte in *at and a
 * reason in *why. The caller checks what follows. */
sipw_host_type sipw__host_lex(const char **cur, const char *e,
                              const char **at, const char **why);

/* Checks a host that is exactly [p, e); returns its type, or
 * SIPW_HOST_NONE when it is not a valid host. */
sipw_host_type sipw__host(const char *p, const char *e);

/* 1 when [p, e) is exactly an IPv6address WITHOUT brackets (RFC 4291
 * section 2.2 text forms, embedded IPv4 allowed; ":::" is rejected, RFC
 * 5118 section 4.10), else 0. For Via received=. */
int sipw__ipv6(const char *p, const char *e);

/* The productions of grammar/uri.re and their helpers in uri.c. */
const char *sipw__ipv6_bad(const char *p, const char *lim, const char **why);
const char *sipw__ipv6_end(int empty, int ends_in_colon, int dbl, int groups,
                           const char *e, const char **why);
const char *sipw__hostname_bad(const char *p, const char *e,
                               const char **why);
sipw_status sipw__hostport(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_uri *out);
const char *sipw__userinfo(const char *cur, const char *lim,
                           const char **colon, const char **pwbad);
sipw_status sipw__uri_params(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_uri *out);
sipw_status sipw__uri_param(const struct sipw_tp *tp, const char *name,
                            int k, const char *v, const char **pcur,
                            const char *e, unsigned *seen, sipw_uri *out);
int sipw__pname_escaped(const char *p, const char *e);
sipw_status sipw__uri_headers(const struct sipw_tp *tp, const char **pcur,
                              const char *lim, sipw_uri *out);
sipw_status sipw__tel_number(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, int *global);
int sipw__tel_pname(const char **pcur, const char *lim);
const char *sipw__tel_value(const char *cur, const char *lim, int k);
sipw_status sipw__other_uri(const struct sipw_tp *tp, const char *s,
                            const char *lim, sipw_uri *out);
sipw_status sipw__uri_scheme(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_scheme *id);
/* Why the byte at `at` cannot stand where it is in a URI: "%", white
 * space, line breaks, "<" and ">" have their own reason, else dflt;
 * sipw__uri_bad() fails with it. */
const char *sipw__uri_why(const char *at, const char *e, const char *dflt);
sipw_status sipw__uri_bad(const struct sipw_tp *tp, const char *at,
                          const char *e, const char *dflt);

/* --- via.re and via.c: Via ---------------------------------------- */

/* The via-params sipwire picks out, a bit each. */
enum { SIPW_VP_BRANCH = 1, SIPW_VP_RECEIVED = 2, SIPW_VP_RPORT = 4,
       SIPW_VP_MADDR = 8, SIPW_VP_TTL = 16 };

/* Parses a Via value [p, e) and appends its via-parms to the list whose
 * head and tail are *first and *last (both NULL for a new list). Each
 * node's `header` is h (may be NULL). */
sipw_status sipw__via(const struct sipw_tp *tp, const char *p, const char *e,
                      const sipw_header *h, sipw_via **first,
                      sipw_via **last);
/* The productions of grammar/via.re, and one via-param (via.c). */
sipw_status sipw__via_parm(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_via *v);
sipw_status sipw__via_received(const struct sipw_tp *tp, const char **pcur,
                               const char *lim, sipw_str *out);
sipw_status sipw__via_param(const struct sipw_tp *tp, const char **pcur,
                            const char *e, sipw_via *v, unsigned *seen,
                            unsigned bit, sipw_str name, int has_value);

/* --- nameaddr.re and nameaddr.c: the name-addr family ------------- */

/* Parses a name-addr-family value [p, e) (flags: SIPW_NAMEADDR_*) and
 * appends its values to *first / *last. Sets *star for a lone "*" when
 * SIPW_NAMEADDR_STAR is given. */
sipw_status sipw__nameaddr(const struct sipw_tp *tp, const char *p,
                           const char *e, unsigned flags,
                           const sipw_header *h, sipw_nameaddr **first,
                           sipw_nameaddr **last, int *star);
/* The productions of grammar/nameaddr.re. */
sipw_status sipw__nameaddr_addr(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, sipw_nameaddr *na);
sipw_status sipw__nameaddr_expires(const struct sipw_tp *tp, const char *p,
                                   const char *lim, int64_t *out);
int sipw__qvalue(const char *p, const char *lim);
int sipw__nameaddr_param_id(const char *p, const char *lim);

/* --- fields.re and fields.c: the other typed headers -------------- */

/* callid = word [ "@" word ] (§20.8) */
sipw_status sipw__callid(const struct sipw_tp *tp, const char *p,
                         const char *e);
/* CSeq = 1*DIGIT LWS Method (§20.16), number < 2^32 */
sipw_status sipw__cseq(const struct sipw_tp *tp, const char *p, const char *e,
                       sipw_cseq *out);
/* 1*DIGIT with a value <= max (Max-Forwards: 255, Expires: 2^32-1).
 * Leading zeros are allowed (RFC 4475 §3.1.1.1). */
sipw_status sipw__uint(const struct sipw_tp *tp, const char *p, const char *e,
                       uint32_t max, uint32_t *out);
sipw_status sipw__media(const struct sipw_tp *tp, const char *p,
                        const char *e, sipw_media *out);
sipw_status sipw__retry_after(const struct sipw_tp *tp, const char *p,
                              const char *e, sipw_retry_after *out);
sipw_status sipw__date(const struct sipw_tp *tp, const char *p, const char *e,
                       sipw_date *out);
sipw_status sipw__event(const struct sipw_tp *tp, const char *p,
                        const char *e, sipw_event *out);
sipw_status sipw__substate(const struct sipw_tp *tp, const char *p,
                           const char *e, sipw_substate *out);
/* token *(COMMA token); allow_empty: the value may be empty (Allow,
 * Supported: §20.5, §20.37). */
sipw_status sipw__token_list(const struct sipw_tp *tp, const char *p,
                             const char *e, int allow_empty);

/* The productions of grammar/fields.re that fields.c builds on. */
enum { SIPW_FP_DURATION = 1, SIPW_FP_ID, SIPW_FP_REASON, SIPW_FP_EXPIRES,
       SIPW_FP_RETRY_AFTER };
sipw_status sipw__fields_number(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, uint32_t max,
                                const char *too_big, uint32_t *out);
sipw_status sipw__media_type(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_media *out);
sipw_status sipw__retry_comment(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, sipw_str *comment);
int sipw__fields_param_id(const char *p, const char *lim);
sipw_status sipw__event_type(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_str *out);
sipw_status sipw__substate_value(const struct sipw_tp *tp, const char **pcur,
                                 const char *lim, sipw_str *out);
/* The parts of CSeq and of rfc1123-date (§20.16, §25.1) in their order;
 * sipw__cseq() and sipw__date() (fields.c) run them and fill the struct. */
sipw_status sipw__cseq_lws(const struct sipw_tp *tp, const char **pcur,
                           const char *lim);
sipw_status sipw__cseq_method(const struct sipw_tp *tp, const char *cur,
                              const char *lim, sipw_cseq *out);
sipw_status sipw__date_wkday(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, unsigned *out);
sipw_status sipw__date_day(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, unsigned *out);
sipw_status sipw__date_month(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, unsigned *out);
sipw_status sipw__date_year(const struct sipw_tp *tp, const char **pcur,
                            const char *lim, unsigned *out);
sipw_status sipw__date_time(const struct sipw_tp *tp, const char **pcur,
                            const char *lim, sipw_date *out);
sipw_status sipw__date_zone(const struct sipw_tp *tp, const char *cur,
                            const char *lim);
/* The separators (COMMA, WSP, CR, LF) at cur, and the element after
 * them, of a list the parser produced: sipw_token_next() (fields.c). */
const char *sipw__list_separators(const char *cur, const char *lim);
const char *sipw__list_element(const char *cur, const char *lim);

/* --- auth.re and auth.c: authentication headers ------------------- */

/* The picked-out Digest parameters, in the order of the SIPW_AUTHP_*
 * bits: X(ID, "name"); SIPW_AP_ID is the index of each. */
#define SIPW__AUTH_PARAM_LIST(X)                                                     \
    X(REALM, "realm") X(DOMAIN, "domain") X(NONCE, "nonce")                    \
    X(OPAQUE, "opaque") X(STALE, "stale") X(ALGORITHM, "algorithm")            \
    X(QOP, "qop") X(USERNAME, "username") X(USERNAME_STAR, "username*")        \
    X(USERHASH, "userhash") X(URI, "uri") X(RESPONSE, "response")              \
    X(CNONCE, "cnonce") X(NC, "nc") X(CHARSET, "charset")                      \
    X(NEXTNONCE, "nextnonce") X(RSPAUTH, "rspauth")

enum {
#define SIPW_X_(id, name) SIPW_AP_##id,
    SIPW__AUTH_PARAM_LIST(SIPW_X_)
#undef SIPW_X_
    SIPW_AP_OTHER /* any other auth-param, or a parameter of another scheme */
};

/* Parses an authentication header value [p, e) of `kind`
 * (SIPW_AUTH_CHALLENGE, _CREDENTIALS or _INFO;
 * SIPW_PARSE_ALLOW_QUOTED_QOP in tp->flags accepts a quoted message-qop) and appends its challenges (or
 * its credentials, or its ainfo) to *first / *last, each pointing at h
 * (may be NULL). */
sipw_status sipw__auth(const struct sipw_tp *tp, const char *p, const char *e,
                       unsigned kind, const sipw_header *h, sipw_auth **first,
                       sipw_auth **last);
/* The productions of grammar/auth.re. */
const char *sipw__auth_scheme(const char *cur, const char *lim, int *digest);
const char *sipw__auth_param_name(const char *cur, const char *lim, int *id);
const char *sipw__auth_equal(const char *cur, const char *lim,
                             const char **at);
const char *sipw__auth_token(const char *cur, const char *lim);
const char *sipw__token68(const char *cur, const char *lim);
const char *sipw__ext_value(const char *cur, const char *lim);
int sipw__nc_value(const char *p, const char *lim);
const char *sipw__qop_list(const char *p, const char *lim);

/* --- rel.re and rel.c: RSeq and RAck (RFC 3262 §7) ---------------- */

/* RSeq = response-num, 1..2^32-1 (§7.1), leading zeros allowed. */
sipw_status sipw__rseq(const struct sipw_tp *tp, const char *p, const char *e,
                       uint32_t *out);
/* RAck = response-num LWS CSeq-num LWS Method (§7.2). */
sipw_status sipw__rack(const struct sipw_tp *tp, const char *p, const char *e,
                       sipw_rack *out);
/* The productions of grammar/rel.re: each matches at *pcur, advances it
 * on SIPW_OK, and fails (SIPW_EVALUE) at the first byte that does not
 * match. sipw__rack_lws() fails with `reason`. */
sipw_status sipw__response_num(const struct sipw_tp *tp, const char **pcur,
                               const char *lim);
sipw_status sipw__cseq_num(const struct sipw_tp *tp, const char **pcur,
                           const char *lim);
sipw_status sipw__rack_lws(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, const char *reason);
sipw_status sipw__rack_method(const struct sipw_tp *tp, const char **pcur,
                              const char *lim);

/* --- typed.c ------------------------------------------------------- */

/* Sets the typed slots whose "absent" value is not zero (numbers: -1;
 * Contact's star: 0), as before a pass over every line (SIPW_TYPED_HEADERS
 * in <sipwire/msg.h> gives each shape's value). */
void sipw__typed_absent(sipw_msg *msg);

/* Runs the typed parsers over every header line of a framed message and
 * the message-level checks (singletons, CSeq method). */
sipw_status sipw__typed_parse(sipw_msg *msg, const char *buf, size_t len,
                              unsigned flags, sipw_arena *arena,
                              sipw_error *err);
/* The typed form of every line of header `id` of a framed message
 * (msg->buf, msg->size, msg->parse_flags), for sipw_msg_typed(). */
sipw_status sipw__typed_header(sipw_msg *msg, sipw_hdr id, sipw_arena *arena,
                               sipw_error *err);
/* The bytes of *msg that sipw__typed_header(msg, id) may change besides
 * msg->warnings: the slot of a typed header id, nothing for an untyped
 * one, the whole message for SIPW_HDR_OTHER (the eager pass). */
void sipw__typed_extent(sipw_hdr id, size_t *off, size_t *len);
/* The typed pass of the builder (src/build.c) over every line of `msg`:
 * each value is its own error buffer (offsets count from the start of the
 * value in error, *bad is the index of its line). The caller zeroes the
 * typed fields and parses the Request-URI. */
sipw_status sipw__typed_lines(sipw_msg *msg, sipw_arena *arena,
                              sipw_error *err, size_t *bad);

#endif
