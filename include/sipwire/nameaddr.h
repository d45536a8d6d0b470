/* SPDX-License-Identifier: MIT */
/* sipwire: the name-addr / addr-spec family (RFC 3261 §20.10 Contact,
 * §20.20 From, §20.39 To, §20.30 Record-Route, §20.34 Route, §20.31
 * Reply-To; RFC 3515 Refer-To; RFC 3325 P-Asserted-Identity and
 * P-Preferred-Identity; RFC 3327 Path; RFC 3608 Service-Route). */
#ifndef SIPWIRE_NAMEADDR_H
#define SIPWIRE_NAMEADDR_H

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

/* One value: ( name-addr / addr-spec ) *( SEMI param ). */
typedef struct sipw_nameaddr {
    /* display-name: {NULL, 0} when absent. A quoted one is given without
     * its quotes and may hold "\" escapes (read it with
     * sipw_str_unquote()); an unquoted one is the tokens and the LWS
     * between them, as written (LWS before "<" is optional, RFC 4475
     * §3.1.1.6). */
    sipw_str display;
    int display_quoted;
    int angle;          /* the URI was written in "<...>" (name-addr);
                         * no LWS is allowed inside the brackets */
    sipw_uri uri;
    /* Header parameters, all of them raw (walk with sipw_param_next()).
     * For an addr-spec without "<>", every ";" after the URI starts a
     * header parameter (RFC 3261 §20.10). */
    sipw_str params;
    sipw_str tag;       /* tag=token (From, To), {NULL, 0} when absent.
                         * A second tag, expires or q is SIPW_EDUP. */
    /* Contact (§20.10): expires=delta-seconds (0 to 2^32-1, leading
     * zeros allowed) and q=qvalue ("0" to "1", at most 3 decimals). They
     * are picked out, and checked, in every header of the family. */
    int has_expires;
    uint32_t expires;
    sipw_str q;         /* "0.5" as written, {NULL, 0} when absent */
    /* The header line this value came from (NULL from the standalone
     * parser) and the next value of the same header, in message order. */
    const struct sipw_header *header;
    const struct sipw_nameaddr *next;
} sipw_nameaddr;

/* Flags for sipw_nameaddr_parse(). */
enum {
    SIPW_NAMEADDR_ONE = 0,       /* exactly one value (From, To ...) */
    SIPW_NAMEADDR_LIST = 1u << 0, /* comma-separated values (Contact,
                                   * Route ...) */
    SIPW_NAMEADDR_STAR = 1u << 1  /* accept a lone "*" (Contact, §20.10):
                                   * *first is then NULL and *star 1 */
};

/* Parses one header value s[0..len) (without the LWS around it; folds
 * allowed inside) into values allocated from `arena`, one sipw_nameaddr
 * each, linked in order from *first. Commas separate values only outside
 * quoted strings and "<>". `star` may be NULL unless SIPW_NAMEADDR_STAR
 * is given; it is set to 1 for a lone "*". Returns SIPW_OK; SIPW_EINVAL
 * for a NULL first or arena, s NULL with len > 0, or unknown flag bits;
 * SIPW_ENOMEM when the arena is too small; SIPW_EVALUE, SIPW_EQUOTE or
 * SIPW_EDUP (a second tag, expires or q) for a bad value. On error
 * *first is NULL, the arena is left as it was and err (when not NULL)
 * gives the offset, line and column in s and the reason. */
SIPW_API sipw_status sipw_nameaddr_parse(const sipw_nameaddr **first,
                                         int *star, const char *s,
                                         size_t len, unsigned flags,
                                         sipw_arena *arena, sipw_error *err);

#ifdef __cplusplus
}
#endif

#endif
