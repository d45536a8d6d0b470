/* SPDX-License-Identifier: MIT */
/* sipwire: URIs: SIP and SIPS (RFC 3261 §19.1, §25.1), tel (RFC 3966),
 * IPv6 references (RFC 5118), and any other absolute URI kept raw. */
#ifndef SIPWIRE_URI_H
#define SIPWIRE_URI_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/export.h>
#include <sipwire/status.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sipw_scheme {
    SIPW_SCHEME_OTHER = 0, /* any other absolute URI (RFC 3261 §25.1) */
    SIPW_SCHEME_SIP,
    SIPW_SCHEME_SIPS,
    SIPW_SCHEME_TEL
} sipw_scheme;

typedef enum sipw_host_type {
    SIPW_HOST_NONE = 0, /* tel and other schemes */
    SIPW_HOST_NAME,     /* hostname (RFC 3261 §25.1) */
    SIPW_HOST_IPV4,     /* dotted quad, each part 0..255 */
    SIPW_HOST_IPV6      /* IPv6 reference: "[" IPv6address "]" */
} sipw_host_type;

/* A parsed URI. Every slice points into the parsed buffer; absent parts
 * are {NULL, 0}. Components keep their %-escapes as written: decode them
 * with sipw_uri_unescape(). */
typedef struct sipw_uri {
    sipw_str raw;       /* the whole URI as written */
    sipw_str scheme;    /* as written, e.g. "sip" or "SIP" */
    sipw_scheme scheme_id;
    /* sip/sips: userinfo and hostport. tel: `user` is the number. */
    sipw_str user;      /* absent without userinfo; never empty
                         * ("sip:@host" is rejected). The userinfo ends
                         * at the first "@", so ";" "?" "/" may be in it:
                         * "sip:user;par=u%40example.net@example.com" has
                         * the user "user;par=u%40example.net" */
    sipw_str password;  /* after the first ":" in userinfo; present but
                         * empty for "sip:user:@host" */
    sipw_str host;      /* as written; IPv6 keeps its brackets */
    sipw_host_type host_type;
    int32_t port;       /* 0..65535, or -1 when absent */
    /* uri-parameters: ";" list, raw, from the first ";" up to "?" or the
     * end (walk it with sipw_param_next()). For tel, the RFC 3966
     * parameters. */
    sipw_str params;
    /* The well-known uri-parameters (RFC 3261 §19.1.1), picked out. Each
     * may appear once (a second one is SIPW_EDUP); names are matched
     * ignoring case and %-escapes (";%6C%72" is lr, §19.1.4). */
    sipw_str transport; /* transport=token */
    sipw_str user_param;/* user=phone / ip / other token */
    sipw_str method;    /* method=token */
    sipw_str maddr;     /* maddr=host (checked like `host`) */
    int32_t ttl;        /* ttl=0..255, or -1 when absent */
    int lr;             /* 1 when ";lr" (loose routing, §16.12) is present;
                         * "lr=on", sent by old proxies, counts too */
    /* headers after "?", without the "?": "a=b&c=d" (walk it with
     * sipw_uri_header_next()). sip and sips only. */
    sipw_str headers;
    /* Other schemes: everything after "scheme:" (1*uric), not split. */
    sipw_str opaque;
} sipw_uri;

/* Flags for sipw_uri_parse(). */
enum {
    SIPW_URI_DEFAULT = 0
};

/* Parses the URI that is exactly s[0..len) (no surrounding LWS, no "<>").
 * Fills *uri and returns SIPW_OK, or returns an error (uri zeroed) and,
 * when err is not NULL, fills it with the offset in s of the offending
 * byte (len when s ends too early), line and column (in s) and the
 * reason. Errors: SIPW_EVALUE (malformed), SIPW_EDUP (a well-known
 * uri-parameter twice), SIPW_EINVAL (uri NULL, s NULL with len > 0, or
 * unknown flag bits). Unknown schemes are valid (SIPW_SCHEME_OTHER).
 * Never allocates; slices point into s; linear in len. */
SIPW_API sipw_status sipw_uri_parse(sipw_uri *uri, const char *s, size_t len,
                                    unsigned flags, sipw_error *err);

/* Decodes %-escapes (RFC 3261 §19.1.2) of a URI component into dst, with
 * the snprintf contract: writes at most cap bytes including a terminating
 * NUL (when cap > 0) and returns the decoded length. A "%" that does not
 * start a valid escape is copied as is (parsed components never hold one).
 * The result may contain NUL bytes (RFC 4475 §3.1.1.4). */
SIPW_API size_t sipw_uri_unescape(sipw_str s, char *dst, size_t cap);

/* Walks the `headers` slice of a parsed URI ("a=b&c=d"): fills *name and
 * *value (escapes kept; value may be empty), advances *rest and returns 1;
 * returns 0 at the end (or when rest is NULL). name and value may be
 * NULL. */
SIPW_API int sipw_uri_header_next(sipw_str *rest, sipw_str *name,
                                  sipw_str *value);

#ifdef __cplusplus
}
#endif

#endif
