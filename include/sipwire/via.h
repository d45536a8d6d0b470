/* SPDX-License-Identifier: MIT */
/* sipwire: the Via header (RFC 3261 §20.42, §25.1 via-parm; RFC 3581
 * rport; RFC 5118 §4.5 IPv6 in received). */
#ifndef SIPWIRE_VIA_H
#define SIPWIRE_VIA_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/arena.h>
#include <sipwire/export.h>
#include <sipwire/status.h>
#include <sipwire/str.h>
#include <sipwire/uri.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sipw_header;

/* One via-parm. A Via line may hold several (comma-separated) and a
 * message several Via lines: sipw_msg.via is the first value of the first
 * line and `next` walks all of them in message order. */
typedef struct sipw_via {
    /* sent-protocol = protocol-name SLASH protocol-version SLASH transport
     * (three tokens, as written: "sip/2.0/udp" is kept lower case; LWS
     * may surround each "/", RFC 4475 §3.1.1.1) */
    sipw_str protocol;  /* "SIP" as written */
    sipw_str version;   /* "2.0" */
    sipw_str transport; /* "UDP", "TCP", "TLS", "SCTP" or any token */
    /* sent-by = host [ COLON port ] */
    sipw_str host;      /* as written; IPv6 keeps its brackets */
    sipw_host_type host_type; /* NAME, IPV4 or IPV6 */
    int32_t port;       /* 0..65535 (leading zeros allowed), or -1 */
    /* via-params, all of them raw (walk with sipw_param_next()): from the
     * first ";" to the end of the last parameter; {NULL, 0} when there
     * are none ... */
    sipw_str params;
    /* ... and the well-known ones picked out ({NULL, 0} when absent).
     * Names match ASCII case-insensitively; each may appear once
     * (SIPW_EDUP otherwise). */
    sipw_str branch;    /* branch=token (not checked for "z9hG4bK") */
    sipw_str received;  /* an IPv4address, an IPv6address or (RFC 5118
                         * §4.5) an IPv6reference: "[...]" kept */
    sipw_str maddr;     /* maddr=host (hostname, IPv4, IPv6reference) */
    int32_t ttl;        /* ttl=0..255, or -1 when absent */
    int has_rport;      /* RFC 3581: ";rport" present ... */
    int32_t rport;      /* ... with its port 0..65535, or -1 when it has
                         * no value */
    /* The header line this value came from (NULL from sipw_via_parse()). */
    const struct sipw_header *header;
    const struct sipw_via *next;
} sipw_via;

/* Flags for sipw_via_parse(). None is defined yet; any other bit is
 * SIPW_EINVAL, so that a program written for a later version fails loudly
 * on this one. */
enum {
    SIPW_VIA_DEFAULT = 0
};

/* Parses one Via header value s[0..len) (one or more comma-separated
 * via-parms, LWS and folds allowed where RFC 3261 allows them; s starts
 * at the sent-protocol, trailing LWS is ignored) into a list allocated
 * from `arena` (one sipw_via per via-parm). On success *first is the
 * first value. On error *first is NULL, the arena is left as it was and
 * err (when not NULL) gives the status, the offset, line and column in s
 * and the reason: SIPW_EVALUE (bad syntax or value), SIPW_EQUOTE
 * (unterminated quoted parameter value), SIPW_EDUP (branch, received,
 * rport, maddr or ttl twice in one via-parm), SIPW_ENOMEM, SIPW_EINVAL
 * (NULL first or arena, a NULL s with len > 0, or unknown flag bits). */
SIPW_API sipw_status sipw_via_parse(const sipw_via **first, const char *s,
                                    size_t len, unsigned flags,
                                    sipw_arena *arena, sipw_error *err);

#ifdef __cplusplus
}
#endif

#endif
