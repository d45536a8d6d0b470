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

    /* Typed headers (RFC 3261 §20), parsed from the header lines above;
     * the structs live in the arena. Absent headers are NULL, {NULL, 0}
     * or -1. Lists (`next`) run over every value of every line of that
     * header, in message order. */
    const sipw_uri *uri;             /* the Request-URI; NULL in responses */
    const sipw_via *via;
    const sipw_nameaddr *from;
    const sipw_nameaddr *to;
    const sipw_nameaddr *contact;    /* NULL when absent or "*" */
    int contact_star;                /* "Contact: *" (§10.2.2) */
    const sipw_nameaddr *route;
    const sipw_nameaddr *record_route;
    const sipw_nameaddr *reply_to;
    const sipw_nameaddr *refer_to;
    const sipw_nameaddr *p_asserted_identity;
    const sipw_nameaddr *p_preferred_identity;
    const sipw_nameaddr *path;
    const sipw_nameaddr *service_route;
    sipw_str call_id;                /* callid = word [ "@" word ] */
    const sipw_cseq *cseq;
    int32_t max_forwards;            /* 0..255, or -1 */
    int64_t expires;                 /* 0..2^32-1, or -1 */
    int64_t min_expires;             /* 0..2^32-1, or -1 */
    const sipw_media *content_type;
    const sipw_retry_after *retry_after;
    const sipw_date *date;
    const sipw_event *event;
    const sipw_substate *subscription_state;
    /* Authentication (RFC 3261 §20.27, §20.28, §20.7, §20.44; RFC 7616):
     * every challenge or credentials value of every line, in message
     * order (sipw_auth.next); Authentication-Info has one value. */
    const sipw_auth *www_authenticate;
    const sipw_auth *proxy_authenticate;
    const sipw_auth *authorization;
    const sipw_auth *proxy_authorization;
    const sipw_auth *authentication_info;
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
 * per header. On an error the header table stays valid and the typed
 * fields are unspecified. Error offsets count from msg->buf.
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
