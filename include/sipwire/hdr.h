/* SPDX-License-Identifier: MIT */
/* sipwire: header names.
 *
 * The one table of header names. Everything about a name is generated
 * from SIPW_HDR_LIST: enum sipw_hdr, the canonical spellings, the compact
 * forms, and (through tools/gen-hdrnames.c) the re2c rules that classify
 * names while framing. To add a header, add one line here. */
#ifndef SIPWIRE_HDR_H
#define SIPWIRE_HDR_H

#include <stddef.h>

#include <sipwire/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Property bits of a header name (fourth column of SIPW_HDR_LIST). */
enum {
    /* The header's grammar has quoted-strings (display names, generic-param
     * values, digest params...). Framing then checks that quotes balance,
     * and accepts a quoted-pair of a control byte (RFC 3261 §25.1, RFC 4475
     * §3.1.1.2) only inside them. */
    SIPW_HDRF_QUOTED = 1u << 0,
    /* At most one instance per message (checked from 'typed headers' on). */
    SIPW_HDRF_SINGLE = 1u << 1,
    /* Every message carries it (RFC 3261 §8.1.1, §8.2.6.2): a parse
     * without it is SIPW_EMISSING, and so are the writer and the builder.
     * Set for the ids whose fifth column in SIPW_HDR_LIST is not 0. */
    SIPW_HDRF_MANDATORY = 1u << 2
};

#define SIPW_HDRF_Q_ SIPW_HDRF_QUOTED
#define SIPW_HDRF_S_ SIPW_HDRF_SINGLE
#define SIPW_HDRF_QS_ (SIPW_HDRF_QUOTED | SIPW_HDRF_SINGLE)
#define SIPW_HDRF_0_ 0

/* X(ID, "Canonical-Name", 'compact' or 0, flags, mandatory) where flags
 * is one of 0, Q (quoted strings), S (single), QS, and mandatory is 0 for
 * an optional header, else the header's place (1, 2...) in the order in
 * which a missing mandatory header is reported: the order of RFC 3261
 * §8.1.1's list (To, From, CSeq, Call-ID, Via; Max-Forwards, also in that
 * list, is optional here: RFC 4475 §3.4.1 keeps RFC 2543 requests
 * valid). The places run from 1 without a gap (SIPW_HDR__MANDATORY of
 * them). RFC 3261 §20 first, then the common extensions with the RFC that
 * defines them. */
#define SIPW_HDR_LIST(X)                                                       \
    /* RFC 3261 §20 */                                                         \
    X(ACCEPT, "Accept", 0, Q, 0)                                               \
    X(ACCEPT_ENCODING, "Accept-Encoding", 0, Q, 0)                             \
    X(ACCEPT_LANGUAGE, "Accept-Language", 0, Q, 0)                             \
    X(ALERT_INFO, "Alert-Info", 0, Q, 0)                                       \
    X(ALLOW, "Allow", 0, 0, 0)                                                 \
    X(AUTHENTICATION_INFO, "Authentication-Info", 0, QS, 0)                    \
    X(AUTHORIZATION, "Authorization", 0, Q, 0)                                 \
    X(CALL_ID, "Call-ID", 'i', S, 4)                                           \
    X(CALL_INFO, "Call-Info", 0, Q, 0)                                         \
    X(CONTACT, "Contact", 'm', Q, 0)                                           \
    X(CONTENT_DISPOSITION, "Content-Disposition", 0, QS, 0)                    \
    X(CONTENT_ENCODING, "Content-Encoding", 'e', 0, 0)                         \
    X(CONTENT_LANGUAGE, "Content-Language", 0, 0, 0)                           \
    X(CONTENT_LENGTH, "Content-Length", 'l', S, 0)                             \
    X(CONTENT_TYPE, "Content-Type", 'c', QS, 0)                                \
    X(CSEQ, "CSeq", 0, S, 3)                                                   \
    X(DATE, "Date", 0, S, 0)                                                   \
    X(ERROR_INFO, "Error-Info", 0, Q, 0)                                       \
    X(EXPIRES, "Expires", 0, S, 0)                                             \
    X(FROM, "From", 'f', QS, 2)                                                \
    X(IN_REPLY_TO, "In-Reply-To", 0, S, 0)                                     \
    X(MAX_FORWARDS, "Max-Forwards", 0, S, 0)                                   \
    X(MIME_VERSION, "MIME-Version", 0, S, 0)                                   \
    X(MIN_EXPIRES, "Min-Expires", 0, S, 0)                                     \
    X(ORGANIZATION, "Organization", 0, S, 0)                                   \
    X(PRIORITY, "Priority", 0, S, 0)                                           \
    X(PROXY_AUTHENTICATE, "Proxy-Authenticate", 0, Q, 0)                       \
    X(PROXY_AUTHORIZATION, "Proxy-Authorization", 0, Q, 0)                     \
    X(PROXY_REQUIRE, "Proxy-Require", 0, 0, 0)                                 \
    X(RECORD_ROUTE, "Record-Route", 0, Q, 0)                                   \
    X(REPLY_TO, "Reply-To", 0, QS, 0)                                          \
    X(REQUIRE, "Require", 0, 0, 0)                                             \
    X(RETRY_AFTER, "Retry-After", 0, QS, 0)                                    \
    X(ROUTE, "Route", 0, Q, 0)                                                 \
    X(SERVER, "Server", 0, S, 0)                                               \
    X(SUBJECT, "Subject", 's', S, 0)                                           \
    X(SUPPORTED, "Supported", 'k', 0, 0)                                       \
    X(TIMESTAMP, "Timestamp", 0, S, 0)                                         \
    X(TO, "To", 't', QS, 1)                                                    \
    X(UNSUPPORTED, "Unsupported", 0, 0, 0)                                     \
    X(USER_AGENT, "User-Agent", 0, S, 0)                                       \
    X(VIA, "Via", 'v', Q, 5)                                                   \
    X(WARNING, "Warning", 0, Q, 0)                                             \
    X(WWW_AUTHENTICATE, "WWW-Authenticate", 0, Q, 0)                           \
    /* RFC 3262 (reliable provisional responses) */                            \
    X(RACK, "RAck", 0, S, 0)                                                   \
    X(RSEQ, "RSeq", 0, S, 0)                                                   \
    /* RFC 3313, 3323, 3325, 3326, 3327, 3329 */                               \
    X(P_MEDIA_AUTHORIZATION, "P-Media-Authorization", 0, 0, 0)                 \
    X(PRIVACY, "Privacy", 0, 0, 0)                                             \
    X(P_ASSERTED_IDENTITY, "P-Asserted-Identity", 0, Q, 0)                     \
    X(P_PREFERRED_IDENTITY, "P-Preferred-Identity", 0, Q, 0)                   \
    X(REASON, "Reason", 0, Q, 0)                                               \
    X(PATH, "Path", 0, Q, 0)                                                   \
    X(SECURITY_CLIENT, "Security-Client", 0, Q, 0)                             \
    X(SECURITY_SERVER, "Security-Server", 0, Q, 0)                             \
    X(SECURITY_VERIFY, "Security-Verify", 0, Q, 0)                             \
    /* RFC 3455, 7315 (3GPP P- headers) */                                     \
    X(P_ASSOCIATED_URI, "P-Associated-URI", 0, Q, 0)                           \
    X(P_CALLED_PARTY_ID, "P-Called-Party-ID", 0, QS, 0)                        \
    X(P_VISITED_NETWORK_ID, "P-Visited-Network-ID", 0, Q, 0)                   \
    X(P_ACCESS_NETWORK_INFO, "P-Access-Network-Info", 0, Q, 0)                 \
    X(P_CHARGING_FUNCTION_ADDRESSES, "P-Charging-Function-Addresses", 0, Q, 0) \
    X(P_CHARGING_VECTOR, "P-Charging-Vector", 0, QS, 0)                        \
    /* RFC 3515, 3892, 3891, 3911, 4488 (REFER and dialogs) */                 \
    X(REFER_TO, "Refer-To", 'r', QS, 0)                                        \
    X(REFERRED_BY, "Referred-By", 'b', QS, 0)                                  \
    X(REPLACES, "Replaces", 0, QS, 0)                                          \
    X(JOIN, "Join", 0, QS, 0)                                                  \
    X(REFER_SUB, "Refer-Sub", 0, QS, 0)                                        \
    /* RFC 3608 */                                                             \
    X(SERVICE_ROUTE, "Service-Route", 0, Q, 0)                                 \
    /* RFC 3841 (caller preferences) */                                        \
    X(ACCEPT_CONTACT, "Accept-Contact", 'a', Q, 0)                             \
    X(REJECT_CONTACT, "Reject-Contact", 'j', Q, 0)                             \
    X(REQUEST_DISPOSITION, "Request-Disposition", 'd', 0, 0)                   \
    /* RFC 3903 (PUBLISH) */                                                   \
    X(SIP_ETAG, "SIP-ETag", 0, S, 0)                                           \
    X(SIP_IF_MATCH, "SIP-If-Match", 0, S, 0)                                   \
    /* RFC 4028 (session timers) */                                            \
    X(SESSION_EXPIRES, "Session-Expires", 'x', QS, 0)                          \
    X(MIN_SE, "Min-SE", 0, QS, 0)                                              \
    /* RFC 4412 (resource priority) */                                         \
    X(RESOURCE_PRIORITY, "Resource-Priority", 0, 0, 0)                         \
    X(ACCEPT_RESOURCE_PRIORITY, "Accept-Resource-Priority", 0, 0, 0)           \
    /* RFC 4538, 5373, 5393, 6086, 6442, 6809 */                               \
    X(TARGET_DIALOG, "Target-Dialog", 0, QS, 0)                                \
    X(ANSWER_MODE, "Answer-Mode", 0, QS, 0)                                    \
    X(PRIV_ANSWER_MODE, "Priv-Answer-Mode", 0, QS, 0)                          \
    X(MAX_BREADTH, "Max-Breadth", 0, S, 0)                                     \
    X(INFO_PACKAGE, "Info-Package", 0, QS, 0)                                  \
    X(RECV_INFO, "Recv-Info", 0, Q, 0)                                         \
    X(GEOLOCATION, "Geolocation", 0, Q, 0)                                     \
    X(GEOLOCATION_ROUTING, "Geolocation-Routing", 0, QS, 0)                    \
    X(GEOLOCATION_ERROR, "Geolocation-Error", 0, QS, 0)                        \
    X(FEATURE_CAPS, "Feature-Caps", 0, Q, 0)                                   \
    /* RFC 5626 (outbound), 5806 (diversion), 7044 (history) */                \
    X(FLOW_TIMER, "Flow-Timer", 0, S, 0)                                       \
    X(DIVERSION, "Diversion", 0, Q, 0)                                         \
    X(HISTORY_INFO, "History-Info", 0, Q, 0)                                   \
    /* RFC 6665 (events) */                                                    \
    X(EVENT, "Event", 'o', QS, 0)                                              \
    X(ALLOW_EVENTS, "Allow-Events", 'u', 0, 0)                                 \
    X(SUBSCRIPTION_STATE, "Subscription-State", 0, QS, 0)                      \
    /* RFC 8224 (identity), 4474 (obsolete Identity-Info) */                   \
    X(IDENTITY, "Identity", 'y', Q, 0)                                         \
    X(IDENTITY_INFO, "Identity-Info", 'n', QS, 0)                              \
    /* RFC 7433 */                                                             \
    X(USER_TO_USER, "User-to-User", 0, Q, 0)

/* Header name ids. SIPW_HDR_OTHER (0) is any name not in the table; its
 * raw name is kept in the header line. */
typedef enum sipw_hdr {
    SIPW_HDR_OTHER = 0,
#define SIPW_X_(id, name, compact, flags, mand) SIPW_HDR_##id,
    SIPW_HDR_LIST(SIPW_X_)
#undef SIPW_X_
    SIPW_HDR__COUNT
} sipw_hdr;

/* The number of mandatory headers: entries of SIPW_HDR_LIST with a
 * non-zero fifth column. */
enum {
#define SIPW_X_(id, name, compact, flags, mand) +((mand) != 0)
    SIPW_HDR__MANDATORY = 0 SIPW_HDR_LIST(SIPW_X_)
#undef SIPW_X_
};

/* Maps a header name (long or compact form, any case, no surrounding
 * whitespace) to its id; SIPW_HDR_OTHER when unknown. `name` need not be
 * NUL-terminated. */
SIPW_API sipw_hdr sipw_hdr_lookup(const char *name, size_t len);

/* The canonical spelling ("Call-ID"), or NULL for SIPW_HDR_OTHER and
 * out-of-range ids. */
SIPW_API const char *sipw_hdr_name(sipw_hdr id);

/* The compact form ('i' for Call-ID), or 0 when the header has none. */
SIPW_API char sipw_hdr_compact(sipw_hdr id);

/* The SIPW_HDRF_* property bits of `id` (0 for SIPW_HDR_OTHER). */
SIPW_API unsigned sipw_hdr_flags(sipw_hdr id);

#ifdef __cplusplus
}
#endif

#endif
