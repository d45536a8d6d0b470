/* sipwire: the internal interface of the typed-header parsers
 * (grammar/uri.re, params.re, via.re, nameaddr.re, fields.re, auth.re)
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

/* A tp->flags bit for tests only: the typed parsers skip their fast
 * paths and take the general ones, so that a test can compare the two.
 * No SIPW_PARSE_* flag; sipw_msg_parse() rejects it. */
#define SIPW__TP_SLOW (1u << 31)

/* Fills tp->err for an error at `at` (inside [buf, buf + len]) and
 * returns st. `reason` is a static string. */
sipw_status sipw__tp_fail(const struct sipw_tp *tp, sipw_status st,
                          const char *at, const char *reason);

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

/* --- uri.re -------------------------------------------------------- */

/* Parses the URI that is exactly [p, e). */
sipw_status sipw__uri(const struct sipw_tp *tp, const char *p, const char *e,
                      sipw_uri *out);

/* The common shape of a SIP or SIPS URI at p, where [p, e) may be read:
 * "sip:" / "sips:" (any case), [ 1*alphanum "@" ], a hostname or an
 * IPv4address, [ ":" port ], and with with_params non-zero ";" pname
 * [ "=" pvalue ] parameters of alphanum and - . _ ~ ! * ' + (no ttl or
 * maddr, no escapes, no duplicates). Returns the byte after it, with
 * *out set exactly as sipw__uri(p, that byte) would set it, provided the
 * caller's URI ends there and that byte is e, ">", ";", ",", SP, HTAB,
 * CR or LF; returns NULL (*out undefined) for any other shape. */
const char *sipw__uri_fast(const char *p, const char *e, int with_params,
                           sipw_uri *out);

/* Lexes the longest host (hostname / IPv4address / IPv6reference) at
 * *cur, up to e. On success advances *cur past it and returns its type;
 * else returns SIPW_HOST_NONE with the offending byte in *at and a
 * reason in *why. The caller checks what follows. */
sipw_host_type sipw__host_lex(const char **cur, const char *e,
                              const char **at, const char **why);

/* Checks a host: hostname / IPv4address / IPv6reference (RFC 3261 §25.1,
 * RFC 5118) that is exactly [p, e); returns its type, or SIPW_HOST_NONE
 * when it is not a valid host. */
sipw_host_type sipw__host(const char *p, const char *e);

/* Returns 1 when [p, e) is exactly an IPv6address WITHOUT brackets
 * (RFC 4291 section 2.2 text forms, embedded IPv4 allowed; ":::" is
 * rejected, RFC 5118 section 4.10), else 0. For Via received=. */
int sipw__ipv6(const char *p, const char *e);

/* --- via.re -------------------------------------------------------- */

/* Parses a Via value [p, e) and appends its via-parms to the list whose
 * head and tail are *first and *last (both NULL for a new list). Each
 * node's `header` is h (may be NULL). */
sipw_status sipw__via(const struct sipw_tp *tp, const char *p, const char *e,
                      const sipw_header *h, sipw_via **first,
                      sipw_via **last);

/* --- nameaddr.re --------------------------------------------------- */

/* Parses a name-addr-family value [p, e) (flags: SIPW_NAMEADDR_*) and
 * appends its values to *first / *last. Sets *star for a lone "*" when
 * SIPW_NAMEADDR_STAR is given. */
sipw_status sipw__nameaddr(const struct sipw_tp *tp, const char *p,
                           const char *e, unsigned flags,
                           const sipw_header *h, sipw_nameaddr **first,
                           sipw_nameaddr **last, int *star);

/* --- fields.re: the other typed headers ---------------------------- */

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

/* --- auth.re: authentication headers ------------------------------- */

/* Parses an authentication header value [p, e) of `kind`
 * (SIPW_AUTH_CHALLENGE, _CREDENTIALS or _INFO; SIPW_PARSE_LENIENT in
 * tp->flags accepts a quoted message-qop) and appends its challenges (or
 * its credentials, or its ainfo) to *first / *last, each pointing at h
 * (may be NULL). */
sipw_status sipw__auth(const struct sipw_tp *tp, const char *p, const char *e,
                       unsigned kind, const sipw_header *h, sipw_auth **first,
                       sipw_auth **last);

/* --- typed.c ------------------------------------------------------- */

/* The name-addr headers and their sipw_msg fields, X(ID, field): one
 * list for the parser's dispatch (typed.c) and the writer's cursors
 * (write.c). */
#define SIPW__NAMEADDR_HEADERS(X)                                              \
    X(FROM, from) X(TO, to) X(CONTACT, contact) X(ROUTE, route)                \
    X(RECORD_ROUTE, record_route) X(REPLY_TO, reply_to)                        \
    X(REFER_TO, refer_to) X(P_ASSERTED_IDENTITY, p_asserted_identity)          \
    X(P_PREFERRED_IDENTITY, p_preferred_identity) X(PATH, path)                \
    X(SERVICE_ROUTE, service_route)

/* Runs the typed parsers over every header line of a framed message and
 * the message-level checks (singletons, CSeq method). */
sipw_status sipw__typed_parse(sipw_msg *msg, const char *buf, size_t len,
                              unsigned flags, sipw_arena *arena,
                              sipw_error *err);
/* The typed form of every line of header `id` of a framed message
 * (msg->buf, msg->size, msg->parse_flags), for sipw_msg_typed(). */
sipw_status sipw__typed_header(sipw_msg *msg, sipw_hdr id, sipw_arena *arena,
                               sipw_error *err);
/* The typed pass of the builder (src/build.c) over every line of `msg`:
 * each value is its own error buffer (offsets count from the start of the
 * value in error, *bad is the index of its line). The caller zeroes the
 * typed fields and parses the Request-URI. */
sipw_status sipw__typed_lines(sipw_msg *msg, sipw_arena *arena,
                              sipw_error *err, size_t *bad);

#endif
