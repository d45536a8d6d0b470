/* SPDX-License-Identifier: MIT */
/* sipwire: authentication headers: WWW-Authenticate and Proxy-Authenticate
 * (challenges), Authorization and Proxy-Authorization (credentials),
 * Authentication-Info (RFC 3261 §20.7, §20.27, §20.28, §20.44, §22,
 * §25.1; RFC 7235 §2.1 and §4.1; RFC 7616 Digest; RFC 8760).
 *
 * A value is split into challenges (or credentials) and the Digest
 * parameters that a stack acts on are picked out; every parameter stays
 * in one raw slice per value, walked with sipw_auth_param_next(). The
 * digest computation itself is in <sipwire/digest.h>. */
#ifndef SIPWIRE_AUTH_H
#define SIPWIRE_AUTH_H

#include <stddef.h>

#include <sipwire/arena.h>
#include <sipwire/export.h>
#include <sipwire/params.h>
#include <sipwire/status.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sipw_header;

/* The Digest parameters that sipwire picks out, as bits of
 * sipw_auth.quoted. */
enum {
    SIPW_AUTHP_REALM = 1u << 0,
    SIPW_AUTHP_DOMAIN = 1u << 1,
    SIPW_AUTHP_NONCE = 1u << 2,
    SIPW_AUTHP_OPAQUE = 1u << 3,
    SIPW_AUTHP_STALE = 1u << 4,
    SIPW_AUTHP_ALGORITHM = 1u << 5,
    SIPW_AUTHP_QOP = 1u << 6,
    SIPW_AUTHP_USERNAME = 1u << 7,
    SIPW_AUTHP_USERNAME_STAR = 1u << 8,
    SIPW_AUTHP_USERHASH = 1u << 9,
    SIPW_AUTHP_URI = 1u << 10,
    SIPW_AUTHP_RESPONSE = 1u << 11,
    SIPW_AUTHP_CNONCE = 1u << 12,
    SIPW_AUTHP_NC = 1u << 13,
    SIPW_AUTHP_CHARSET = 1u << 14,
    SIPW_AUTHP_NEXTNONCE = 1u << 15,
    SIPW_AUTHP_RSPAUTH = 1u << 16
};

/* One challenge, one credentials, or the Authentication-Info value. A
 * WWW-Authenticate or Proxy-Authenticate line may hold several challenges
 * (RFC 7235 §4.1) and a message several lines: sipw_msg.www_authenticate
 * is the first challenge of the first line and `next` walks all of them
 * in message order. An Authorization line holds one credentials. */
typedef struct sipw_auth {
    /* auth-scheme as written ("Digest", "digest", "Basic"); {NULL, 0} for
     * Authentication-Info, which has no scheme. */
    sipw_str scheme;
    /* 1 when the scheme is Digest (ASCII case-insensitively), and for
     * Authentication-Info (its parameters are Digest's); else 0. */
    int digest;
    /* Raw, from the first auth-param (or the token68) to the end of the
     * last, LWS and folds inside kept; {NULL, 0} when the scheme stands
     * alone. Walk it with sipw_auth_param_next() unless token68 is set. */
    sipw_str params;
    /* Digest parameters (filled only when `digest` is 1), {NULL, 0} when
     * absent. A quoted value is given without its quotes and with its
     * "\" escapes kept (decode with sipw_str_unquote(); `quoted` says
     * which were quoted); a token value as written. Each may appear once.
     * `qop` is the raw list in a challenge ("auth,auth-int": walk it with
     * sipw_token_next()) and one token in credentials and
     * Authentication-Info. `nc` is 8 hex digits; `username_star` an RFC
     * 8187 ext-value ("UTF-8''J%C3%A4s%C3%B8n"), kept encoded; `userhash`
     * is "true" or "false" in any case. */
    sipw_str realm, domain, nonce, opaque, algorithm, qop, username,
        username_star, userhash, uri, response, cnonce, nc, charset,
        nextnonce, rspauth;
    int stale;       /* stale=true: 1, stale=false: 0 (any case), absent: -1 */
    int token68;     /* 1 when `params` is a token68 ("Basic QWxh...==",
                      * "Bearer mF_9.B5f-4.1JqM", RFC 7235 §2.1): a
                      * credential blob, not a parameter list */
    unsigned quoted; /* SIPW_AUTHP_* bits of the picked-out parameters that
                      * were written as quoted strings */
    /* The header line this value came from (NULL from sipw_auth_parse()). */
    const struct sipw_header *header;
    const struct sipw_auth *next;
} sipw_auth;

/* Flags of sipw_auth_parse(): one kind, optionally | relaxations. */
enum {
    SIPW_AUTH_CHALLENGE = 0,   /* WWW-Authenticate, Proxy-Authenticate */
    SIPW_AUTH_CREDENTIALS = 1, /* Authorization, Proxy-Authorization */
    SIPW_AUTH_INFO = 2,        /* Authentication-Info */
    /* Relaxations, one bit each, as SIPW_PARSE_* has them. Accept a
     * quoted message-qop in credentials and Authentication-Info
     * (qop="auth": real traffic sends it; RFC 3261 §25.1 has a token) and
     * set SIPW_AUTHP_QOP in `quoted`. sipw_msg_parse() does this with
     * SIPW_PARSE_ALLOW_QUOTED_QOP and warns SIPW_WARN_QUOTED_QOP. */
    SIPW_AUTH_ALLOW_QUOTED_QOP = 1u << 4,
    /* Every relaxation above; a later one gets its own bit and joins the
     * mask, as in SIPW_PARSE_LENIENT. */
    SIPW_AUTH_LENIENT = SIPW_AUTH_ALLOW_QUOTED_QOP
};

/* Parses one authentication header value s[0..len) (no header name; s
 * starts at the scheme, or at the first parameter for Authentication-Info;
 * folds allowed; trailing LWS ignored) of the kind in `flags` into a
 * list allocated from `arena`: one sipw_auth per challenge (several may
 * share a value, separated by commas: an element that is a token not
 * followed by "=" starts the next challenge), one for credentials, one for
 * Authentication-Info. On success *first is the first value. On error
 * *first is NULL, the arena is left as it was, and err (when not NULL)
 * gives the status, the offset, line and column in s, and a reason that
 * names the parameter concerned (for the picked-out ones; "parameter"
 * otherwise):
 * - SIPW_EVALUE: bad syntax, at the first byte that cannot belong to the
 *   value. A missing comma between two parameters ("expected \",\" before
 *   parameter \"nonce\"") is reported at the second one; a bad value of
 *   a picked-out parameter (an nc that is not 8 hex digits, stale neither
 *   true nor false, a quoted qop in credentials without
 *   SIPW_AUTH_ALLOW_QUOTED_QOP, a malformed username* or qop list) at the first
 *   byte of the value (its opening quote when quoted); a Digest challenge
 *   without realm at the scheme; Digest without parameters at the end of
 *   the scheme; both username and username* (RFC 7616 §3.4.4) at the
 *   later one; a second scheme in credentials or Authentication-Info at
 *   that token;
 * - SIPW_EQUOTE: an unterminated quoted value, at its opening quote (at
 *   the "\" when the value ends in a lone "\");
 * - SIPW_EDUP: a picked-out parameter twice in one challenge
 *   ("duplicate parameter \"nonce\""), at the second name (names match
 *   ASCII case-insensitively; other parameters may repeat);
 * - SIPW_ELIMIT: a nonce, cnonce or nextnonce longer than
 *   SIPW_MAX_AUTH_NONCE bytes, a response or rspauth longer than
 *   SIPW_MAX_AUTH_RESPONSE (<sipwire/limits.h>), at the value;
 * - SIPW_ENOMEM; SIPW_EINVAL (NULL first or arena, NULL s with len > 0,
 *   a kind above SIPW_AUTH_INFO or unknown flag bits).
 * Never allocates outside the arena; slices point into s; linear in len. */
SIPW_API sipw_status sipw_auth_parse(const sipw_auth **first, const char *s,
                                     size_t len, unsigned flags,
                                     sipw_arena *arena, sipw_error *err);

/* Walks the `params` slice of a parsed sipw_auth (comma-separated
 * auth-params: `realm="a", nonce=xyz`): skips commas and LWS (folds
 * included), fills *out with the next parameter (name as written; value
 * without its quotes and with its escapes kept, `quoted` set, for a
 * quoted-string; a token value as written), advances *rest past it and
 * returns 1; returns 0 (and empties *rest) at the end, or when rest or out
 * is NULL. Do not walk a token68 (sipw_auth.token68). Other text is not
 * validated, though the walk never reads outside the slice and always
 * ends. */
SIPW_API int sipw_auth_param_next(sipw_str *rest, sipw_param *out);

#ifdef __cplusplus
}
#endif

#endif
