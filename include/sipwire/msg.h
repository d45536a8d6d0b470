/* SPDX-License-Identifier: MIT */
/* sipwire: messages and datagram parsing (RFC 3261 §7, §18.3), with
 * the typed headers. */
#ifndef SIPWIRE_MSG_H
#define SIPWIRE_MSG_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/arena.h>
#include <sipwire/auth.h>
#include <sipwire/export.h>
#include <sipwire/fields.h>
#include <sipwire/frame.h>
#include <sipwire/hdr.h>
#include <sipwire/limits.h>
#include <sipwire/method.h>
#include <sipwire/nameaddr.h>
#include <sipwire/params.h>
#include <sipwire/status.h>
#include <sipwire/str.h>
#include <sipwire/uri.h>
#include <sipwire/via.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Warnings: the message is valid, but a careful reader would want to
 * know. X(ID, "text"); sipw_msg.warnings holds 1 << SIPW_WARN_ID bits.
 * Each relaxation (SIPW_PARSE_ALLOW_*) has its own warning, set when it
 * let something through ("lenient mode" in a text means that bit). */
#define SIPW_WARNING_LIST(X)                                                   \
    X(NO_MAX_FORWARDS,                                                         \
      "request has no Max-Forwards header (accepted for RFC 2543 peers)")     \
    X(QUOTED_QOP,                                                              \
      "qop in credentials is a quoted string where RFC 3261 section 25.1 "    \
      "wants a token (accepted in lenient mode)")

typedef enum sipw_warning {
#define SIPW_X_(id, text) SIPW_WARN_##id,
    SIPW_WARNING_LIST(SIPW_X_)
#undef SIPW_X_
    SIPW_WARN__COUNT
} sipw_warning;

/* A short English description of a warning, or NULL if out of range.
 * (Like every id-to-text function of sipwire, it is called _name();
 * text-to-id ones are called _lookup().) */
SIPW_API const char *sipw_warning_name(sipw_warning w);

/* The typed headers: the one list of the headers sipwire parses into
 * typed values. X(ID, field, SHAPE): the header SIPW_HDR_ID, its slot
 * `field` in sipw_msg (and its key in `sipwire json`), and the SHAPE of
 * its value, which says how it is parsed, stored, written and shown. The
 * parser's dispatch, the sipw_msg slots, the writer's per-header cases,
 * the JSON emitter and the fuzzers' walk are all generated from it: to
 * make a header typed, add one line (docs/typed-headers.md). The order is
 * that of the slots and of the JSON keys: a new header goes at the end.
 *
 * The shapes (slot type; value when the header is absent):
 *   VIA_LIST       Via list (sipw_via, via.h)         const sipw_via *; NULL
 *   NAMEADDR       one name-addr (nameaddr.h)         const sipw_nameaddr *; NULL
 *   NAMEADDR_LIST  name-addr list                     const sipw_nameaddr *; NULL
 *   CONTACT        name-addr list or "*" (§10.2.2)    const sipw_nameaddr *; NULL
 *                  (NULL for "*" too), and int field_star: 1 for "*"
 *   CALLID         callid = word ["@" word] (§20.8)  sipw_str; {NULL, 0}
 *   CSEQ           sipw_cseq (fields.h)               const sipw_cseq *; NULL
 *   UINT8          1*DIGIT, 0..255 (§20.22)           int32_t; -1
 *   DELTA          delta-seconds, 0..2^32-1           int64_t; -1
 *   LENGTH         Content-Length, read while framing: no slot here; the
 *                  message's has_content_length and content_length
 *   MEDIA          media-type (§20.15)                const sipw_media *; NULL
 *   RETRY_AFTER    sipw_retry_after (§20.33)          const sipw_retry_after *; NULL
 *   DATE           rfc1123-date (§20.17)              const sipw_date *; NULL
 *   EVENT          RFC 6665 §8.2.1                    const sipw_event *; NULL
 *   SUBSTATE       RFC 6665 §8.2.3                    const sipw_substate *; NULL
 *   CHALLENGES     challenge list (auth.h)            const sipw_auth *; NULL
 *   CREDENTIALS    credentials list (auth.h)          const sipw_auth *; NULL
 *   AUTH_INFO      one ainfo list (RFC 3261 §20.6)    const sipw_auth *; NULL
 *   TOKENS         token list, may be empty: no slot, walk the line with
 *                  sipw_token_next()
 *   TOKENS1        token list of at least one token: the same
 *   RSEQ           response-num, 1..2^32-1 (RFC 3262 §7.1)  uint32_t; 0
 *   RACK           sipw_rack (RFC 3262 §7.2)          const sipw_rack *; NULL */
#define SIPW_TYPED_HEADERS(X)                                                  \
    X(VIA, via, VIA_LIST)                                                      \
    X(FROM, from, NAMEADDR)                                                    \
    X(TO, to, NAMEADDR)                                                        \
    X(CALL_ID, call_id, CALLID)                                                \
    X(CSEQ, cseq, CSEQ)                                                        \
    X(MAX_FORWARDS, max_forwards, UINT8)                                       \
    X(CONTENT_LENGTH, content_length, LENGTH)                                  \
    X(CONTENT_TYPE, content_type, MEDIA)                                       \
    X(EXPIRES, expires, DELTA)                                                 \
    X(MIN_EXPIRES, min_expires, DELTA)                                         \
    X(CONTACT, contact, CONTACT)                                               \
    X(ROUTE, route, NAMEADDR_LIST)                                             \
    X(RECORD_ROUTE, record_route, NAMEADDR_LIST)                               \
    X(REPLY_TO, reply_to, NAMEADDR)                                            \
    X(REFER_TO, refer_to, NAMEADDR)                                            \
    X(P_ASSERTED_IDENTITY, p_asserted_identity, NAMEADDR_LIST)                 \
    X(P_PREFERRED_IDENTITY, p_preferred_identity, NAMEADDR_LIST)               \
    X(PATH, path, NAMEADDR_LIST)                                               \
    X(SERVICE_ROUTE, service_route, NAMEADDR_LIST)                             \
    X(WWW_AUTHENTICATE, www_authenticate, CHALLENGES)                          \
    X(PROXY_AUTHENTICATE, proxy_authenticate, CHALLENGES)                      \
    X(AUTHORIZATION, authorization, CREDENTIALS)                               \
    X(PROXY_AUTHORIZATION, proxy_authorization, CREDENTIALS)                   \
    X(AUTHENTICATION_INFO, authentication_info, AUTH_INFO)                     \
    X(DATE, date, DATE)                                                        \
    X(EVENT, event, EVENT)                                                     \
    X(SUBSCRIPTION_STATE, subscription_state, SUBSTATE)                        \
    X(RETRY_AFTER, retry_after, RETRY_AFTER)                                   \
    X(ALLOW, allow, TOKENS)                                                    \
    X(SUPPORTED, supported, TOKENS)                                            \
    X(REQUIRE, require, TOKENS1)                                               \
    X(PROXY_REQUIRE, proxy_require, TOKENS1)                                   \
    X(UNSUPPORTED, unsupported, TOKENS1)                                       \
    X(RSEQ, rseq, RSEQ)                                                        \
    X(RACK, rack, RACK)

/* The sipw_msg slot of each shape (the table above), for the expansion
 * of SIPW_TYPED_HEADERS inside struct sipw_msg. */
#define SIPW_SLOT_VIA_LIST(f) const sipw_via *f;
#define SIPW_SLOT_NAMEADDR(f) const sipw_nameaddr *f;
#define SIPW_SLOT_NAMEADDR_LIST(f) const sipw_nameaddr *f;
#define SIPW_SLOT_CONTACT(f) const sipw_nameaddr *f; int f##_star;
#define SIPW_SLOT_CALLID(f) sipw_str f;
#define SIPW_SLOT_CSEQ(f) const sipw_cseq *f;
#define SIPW_SLOT_UINT8(f) int32_t f;
#define SIPW_SLOT_DELTA(f) int64_t f;
#define SIPW_SLOT_LENGTH(f)
#define SIPW_SLOT_MEDIA(f) const sipw_media *f;
#define SIPW_SLOT_RETRY_AFTER(f) const sipw_retry_after *f;
#define SIPW_SLOT_DATE(f) const sipw_date *f;
#define SIPW_SLOT_EVENT(f) const sipw_event *f;
#define SIPW_SLOT_SUBSTATE(f) const sipw_substate *f;
#define SIPW_SLOT_CHALLENGES(f) const sipw_auth *f;
#define SIPW_SLOT_CREDENTIALS(f) const sipw_auth *f;
#define SIPW_SLOT_AUTH_INFO(f) const sipw_auth *f;
#define SIPW_SLOT_TOKENS(f)
#define SIPW_SLOT_TOKENS1(f)
#define SIPW_SLOT_RSEQ(f) uint32_t f;
#define SIPW_SLOT_RACK(f) const sipw_rack *f;

typedef enum sipw_msg_type {
    SIPW_MSG_NONE = 0,
    SIPW_MSG_REQUEST = 1,
    SIPW_MSG_RESPONSE = 2
} sipw_msg_type;

/* A parsed message. Every sipw_str points into the caller's buffer, and
 * `headers` into the caller's arena: the message is valid while both are.
 * Fields that do not apply to the message type are {NULL,0} / 0. */
typedef struct sipw_msg {
    sipw_msg_type type;
    /* Request-Line (RFC 3261 §7.1) */
    sipw_str method;        /* as written; case-sensitive */
    sipw_method method_id;  /* SIPW_METHOD_OTHER for extension methods */
    sipw_str request_uri;   /* raw; scheme ":" then URI characters */
    /* Status-Line (RFC 3261 §7.2) */
    unsigned status;        /* 100..699 */
    sipw_str reason;        /* may be empty, may be UTF-8 */
    sipw_str version;       /* "SIP/2.0" as written (any case) */
    /* Header lines in message order. */
    const sipw_header *headers;
    size_t nheaders;
    /* first[id] is 1 + the index of the first line with that id, 0 when
     * absent. Use sipw_msg_header() rather than reading it directly. Its
     * size follows SIPW_HDR_LIST: adding a header id changes the ABI. */
    uint16_t first[SIPW_HDR__COUNT];
    /* Body: Content-Length bytes after the empty line, or (datagrams
     * without Content-Length) the rest of the datagram. */
    sipw_str body;
    int has_content_length;
    uint64_t content_length;
    /* Bytes the message occupies in the buffer, start line to end of body.
     * Bytes of a datagram beyond this are ignored (RFC 3261 §18.3). */
    size_t size;
    /* Where the message starts in the caller's buffer (NULL for a built
     * message) and the SIPW_PARSE_* flags it was parsed with: what
     * sipw_msg_typed() needs to finish a lazy parse. */
    const char *buf;
    unsigned parse_flags;
    /* Bit 1 << w for each sipw_warning w that applies. */
    unsigned warnings;

    /* Typed headers (RFC 3261 §20 and extensions), parsed from the header
     * lines above; the structs live in the arena. The Request-URI first,
     * then one slot per entry of SIPW_TYPED_HEADERS, in its order (see the
     * shapes there for each slot's type and "absent" value). Lists
     * (`next`) run over every value of every line of that header, in
     * message order. */
    const sipw_uri *uri; /* the Request-URI; NULL in responses */
#define SIPW_X_(id, field, shape) SIPW_SLOT_##shape(field)
    SIPW_TYPED_HEADERS(SIPW_X_)
#undef SIPW_X_
    /* Capacity of the header table when the builder (build.h) owns it;
     * 0 for a parsed message, whose table is read-only. */
    size_t header_cap;
} sipw_msg;

/* Flags for sipw_msg_parse(). Unknown bits are rejected with SIPW_EINVAL,
 * so that a program written for a later version fails loudly on an older
 * one. */
enum {
    SIPW_PARSE_DEFAULT = 0,
    /* Relaxations: each accepts one thing that real traffic sends although
     * the grammar forbids it, and sets a warning of its own when it does.
     *
     * Accept a quoted message-qop in credentials and Authentication-Info
     * (qop="auth"; RFC 3261 §25.1 has a token), with SIPW_WARN_QUOTED_QOP. */
    SIPW_PARSE_ALLOW_QUOTED_QOP = 1u << 0,
    /* Every relaxation above: what the CLI's --lenient gives. A later
     * relaxation gets a bit of its own, listed above, and joins this mask
     * (a program that wants exactly today's behaviour names the bits it
     * wants instead of the mask). */
    SIPW_PARSE_LENIENT = SIPW_PARSE_ALLOW_QUOTED_QOP,
    /* Frame and split the headers only (ids, first[], body, the
     * mandatory-header check); leave the typed fields unset until
     * sipw_msg_typed() parses them. A message with both a missing
     * mandatory header and a typed error then fails with SIPW_EMISSING
     * here, where an eager parse reports the typed error. */
    SIPW_PARSE_LAZY = 1u << 1,
    SIPW_PARSE__ALL = SIPW_PARSE_ALLOW_QUOTED_QOP | SIPW_PARSE_LAZY
};

/* Parses one datagram: buf[0..len) holds exactly one SIP message, plus
 * possibly bytes past its Content-Length, which are ignored (RFC 3261
 * §18.3). Without Content-Length the body runs to the end of `buf`.
 *
 * Checks the start line, every header line (folding allowed), the empty
 * line closing the header section, Content-Length (one, decimal, no
 * overflow, not beyond the data), and that the mandatory headers are
 * present: Via, From, To, Call-ID and CSeq. A request without
 * Max-Forwards parses, with SIPW_WARN_NO_MAX_FORWARDS set.
 *
 * Then parses the typed headers (the fields after `warnings` above): the
 * Request-URI, Via, the name-addr family, Call-ID, CSeq, Max-Forwards,
 * Expires, Min-Expires, Content-Type, Retry-After, Date, Event,
 * Subscription-State and the option-tag and method lists. A malformed
 * value of any of them makes the message invalid, as do a second line of
 * a single-value header (SIPW_EDUP, RFC 4475 §3.3.8), a CSeq method that
 * differs from the request method (§8.1.1.5), headers in a SIP or SIPS
 * Request-URI (§19.1.1) and a Contact "*" with other Contact values.
 * Unknown methods, URI schemes and headers stay valid.
 *
 * The header table and the typed structs are taken from `arena`. Never
 * calls malloc; never reads outside buf[0..len); never writes to `buf`. On success returns SIPW_OK
 * and fills `msg`. On failure returns the error, fills `err` (if not
 * NULL), zeroes `msg` and leaves `arena` as it was. */
SIPW_API sipw_status sipw_msg_parse(sipw_msg *msg, const char *buf, size_t len,
                                    unsigned flags, sipw_arena *arena,
                                    sipw_error *err);

/* Parses, on first use, the typed form of a message that sipw_msg_parse()
 * read with SIPW_PARSE_LAZY (header ids and values are then known, typed
 * fields are not). For `id` a header with a typed form (Via, From, CSeq,
 * Max-Forwards, WWW-Authenticate...), parses every line of that header
 * and fills its fields, with the same checks and errors as an eager
 * parse (a second CSeq is SIPW_EDUP; for CSeq, the method check of RFC
 * 3261 §8.1.1.5). For SIPW_HDR_OTHER, does the whole typed pass of an
 * eager parse (Request-URI included), after which the message is what
 * sipw_msg_parse() without SIPW_PARSE_LAZY gives. Ids without a typed
 * form return SIPW_OK. Each call takes arena space again; call it once
 * per header. On an error *msg and `arena` are left as they were (the
 * fields parsed by earlier calls stay). Error offsets count from
 * msg->buf.
 * SIPW_EINVAL for a built message (msg->buf NULL) or a bad id. */
SIPW_API sipw_status sipw_msg_typed(sipw_msg *msg, sipw_hdr id,
                                    sipw_arena *arena, sipw_error *err);

/* The first header line with this id, or NULL. For SIPW_HDR_OTHER, the
 * first header with an unknown name. */
SIPW_API const sipw_header *sipw_msg_header(const sipw_msg *msg, sipw_hdr id);

/* The next header line with the same id as `h`, or NULL. */
SIPW_API const sipw_header *sipw_msg_header_next(const sipw_msg *msg,
                                                 const sipw_header *h);

/* Number of header lines with this id. */
SIPW_API size_t sipw_msg_header_count(const sipw_msg *msg, sipw_hdr id);

#ifdef __cplusplus
}
#endif

#endif
