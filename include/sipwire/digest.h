/* SPDX-License-Identifier: MIT */
/* sipwire: HTTP Digest authentication for SIP (RFC 3261 §22.4, RFC 2617,
 * RFC 7616, RFC 8760): the client computes credentials for a challenge,
 * the server verifies credentials against a password or a stored HA1.
 *
 * Algorithms: MD5, SHA-256, SHA-512-256 and their "-sess" variants. qop:
 * none (RFC 2069), "auth" and "auth-int". RFC 7616 extras: userhash and
 * username* (RFC 8187 ext-value, UTF-8 only).
 *
 * Inputs are the sipw_auth structs of a parsed message (auth.h), whose
 * quoted values keep their "\" escapes; these functions unquote them
 * (sipw_str_unquote) into stack buffers of SIPW_DIGEST_MAX_VALUE bytes.
 * Every other string is given as it is to be hashed: plain bytes, no
 * quotes, no escapes.
 *
 * Hashing uses OpenSSL's libcrypto (EVP interface). sipwire itself never
 * calls malloc, but EVP allocates and frees its own hashing context on
 * each call.
 *
 * Errors: every function that can fail returns a sipw_status and, when
 * `err` is not NULL, fills it: `status`, a static `reason` sentence, and
 * `header` naming the digest parameter concerned as a static string
 * ("realm", "response"...; {NULL, 0} when none is). `offset` is
 * SIPW_NO_OFFSET (`line` and `column` 0) and `header_index`
 * SIPW_NO_INDEX: a sipw_auth does not say where its message starts (its
 * `header` line does, for a caller that wants a position). The codes:
 *   SIPW_EINVAL       a bad argument from the caller: NULL pointers, both
 *                     or neither of password and ha1, an ha1 of the wrong
 *                     length or not hex, auth-int without a body, no
 *                     cnonce where one is needed, a username* or userhash
 *                     the caller did not give the username for;
 *   SIPW_EUNSUPPORTED a scheme other than Digest, an unknown algorithm, a
 *                     qop other than auth and auth-int, a username*
 *                     charset other than UTF-8;
 *   SIPW_EPARAM       a missing parameter (realm, nonce, uri, response,
 *                     username), a malformed one (nc, response, userhash,
 *                     username*), a forbidden combination (cnonce without
 *                     qop, username and username* together...), a value
 *                     that holds CR or LF;
 *   SIPW_ELIMIT       a value longer than SIPW_DIGEST_MAX_VALUE bytes;
 *   SIPW_EAUTH        (verification) the credentials do not match: wrong
 *                     response, or a realm, uri, username, algorithm or
 *                     qop other than the caller expects or accepts;
 *   SIPW_ENOMEM       the output buffer is too small (sipw_digest_respond),
 *                     or OpenSSL could not allocate its context. */
#ifndef SIPWIRE_DIGEST_H
#define SIPWIRE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include <sipwire/auth.h>
#include <sipwire/export.h>
#include <sipwire/status.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The longest parameter value, in bytes after unquoting, that the digest
 * functions accept (realm, nonce, cnonce, uri, opaque, qop, username,
 * username*, response); a longer one is SIPW_ELIMIT. Each such value is
 * copied to a stack buffer of this size. */
#define SIPW_DIGEST_MAX_VALUE 1024

/* Hex digits of the longest hash (SHA-256, SHA-512-256): size a buffer
 * for an HA1 as SIPW_DIGEST_HEX_MAX + 1. */
#define SIPW_DIGEST_HEX_MAX 64

/* The algorithms (RFC 7616 §3.2, §6.1). */
typedef enum sipw_digest_alg {
    SIPW_DIGEST_MD5 = 0,
    SIPW_DIGEST_MD5_SESS,
    SIPW_DIGEST_SHA256,
    SIPW_DIGEST_SHA256_SESS,
    SIPW_DIGEST_SHA512_256,
    SIPW_DIGEST_SHA512_256_SESS,
    SIPW_DIGEST__COUNT,
    /* An algorithm sipwire does not implement (sipw_digest_alg_lookup()).
     * -1, so that algorithms added at the end never move it; not a valid
     * argument of the functions below. */
    SIPW_DIGEST_UNKNOWN = -1
} sipw_digest_alg;

/* Quality of protection (RFC 7616 §3.3, §3.4.3). */
typedef enum sipw_digest_qop {
    SIPW_DIGEST_QOP_AUTO = 0, /* client: choose from the challenge (below) */
    SIPW_DIGEST_QOP_NONE,     /* no qop: RFC 2069 compatibility */
    SIPW_DIGEST_QOP_AUTH,     /* authentication */
    SIPW_DIGEST_QOP_AUTH_INT  /* authentication and the body's integrity */
} sipw_digest_qop;

/* The algorithm named `name` ("MD5", "md5-sess", "SHA-256",
 * "SHA-512-256-sess"..., ASCII case-insensitive). An absent name
 * ({NULL, 0}) is MD5, the default of RFC 7616 §3.3. SIPW_DIGEST_UNKNOWN
 * for any other name. */
SIPW_API sipw_digest_alg sipw_digest_alg_lookup(sipw_str name);

/* The canonical name of alg ("MD5", "SHA-256-sess"...), or NULL when alg
 * is out of range. */
SIPW_API const char *sipw_digest_alg_name(sipw_digest_alg alg);

/* Hex digits of alg's hash: 32 for MD5, 64 for SHA-256 and SHA-512-256
 * (with or without -sess); 0 when alg is out of range. */
SIPW_API size_t sipw_digest_hex_len(sipw_digest_alg alg);

/* Computes the HA1 a server stores instead of the password:
 * H(username ":" realm ":" password) in lower-case hex (RFC 7616 §3.4.2),
 * written to out with a terminating NUL (out holds SIPW_DIGEST_HEX_MAX + 1
 * bytes). It is the same for an algorithm and its -sess variant, whose
 * session key the other functions derive from it. username, realm and
 * password are plain bytes (no quotes, no escapes); their p may be NULL
 * only when their len is 0. Returns SIPW_OK, SIPW_EINVAL (bad argument,
 * alg out of range) or SIPW_ENOMEM (OpenSSL failed). */
SIPW_API sipw_status sipw_digest_ha1(sipw_digest_alg alg, sipw_str username,
                                     sipw_str realm, sipw_str password,
                                     char out[SIPW_DIGEST_HEX_MAX + 1],
                                     sipw_error *err);

/* Whether the realm of `a`, unquoted, is exactly `realm` (bytes compared,
 * as RFC 7616 §3.3 realms are opaque strings). 0 when either is absent or
 * a's realm is longer than SIPW_DIGEST_MAX_VALUE. */
SIPW_API int sipw_digest_realm_is(const sipw_auth *a, sipw_str realm);

/* The first challenge of the list `first` (following `next`) that uses
 * the Digest scheme with an algorithm sipwire supports and, when realm.p
 * is not NULL, whose realm (unquoted) is exactly `realm`: a server lists
 * its challenges in order of preference, and the client takes the first
 * it supports (RFC 7616 §3.7). NULL when there is none. */
SIPW_API const sipw_auth *sipw_digest_select(const sipw_auth *first,
                                             sipw_str realm);

/* What the client knows, for sipw_digest_respond(). Plain bytes (no
 * quotes, no escapes). Zero the struct, then fill it. */
typedef struct sipw_digest_client {
    sipw_str username; /* the user's name (UTF-8 allowed) */
    sipw_str password; /* exactly one of password ... */
    sipw_str ha1;      /* ... and ha1 (hex, as sipw_digest_ha1() gives it;
                        * either case) has p != NULL */
    sipw_str method;   /* of the request: "REGISTER" (non-empty) */
    sipw_str uri;      /* digest-uri: the Request-URI (non-empty) */
    /* The request body, hashed for auth-int. {NULL, 0} means "no body
     * given", which auth-int refuses (SIPW_EINVAL); an empty body is a
     * non-NULL p with len 0 and hashes the empty string. */
    sipw_str body;
    sipw_str cnonce;   /* client nonce: needed when a qop is used (make it
                        * unpredictable); ignored without qop */
    uint32_t nc;       /* nonce count: 1 for the first request with this
                        * nonce, then 2, 3... (0 counts as 1) */
    /* SIPW_DIGEST_QOP_AUTO picks "auth" when the challenge offers it, else
     * "auth-int" when it offers that, else none when the challenge has no
     * qop. Any other value must be offered (NONE: the challenge has no
     * qop), else SIPW_EUNSUPPORTED. */
    sipw_digest_qop qop;
    /* Non-zero: send H(username ":" realm) as the username, with
     * userhash=true, when the challenge offers userhash=true (RFC 7616
     * §3.4.4); otherwise the username is sent as it is. */
    int userhash;
} sipw_digest_client;

/* Client side (RFC 7616 §3.4): computes the credentials that answer
 * `challenge` (a WWW-Authenticate or Proxy-Authenticate value) and writes
 * them to out, ready to follow "Authorization: " or
 * "Proxy-Authorization: ":
 *
 *   Digest username="bob", realm="biloxi.com", uri="sip:biloxi.com",
 *   algorithm=MD5, nonce="...", nc=00000001, cnonce="...", qop=auth,
 *   response="...", opaque="..."
 *
 * (on one line; nc, cnonce and qop only with a qop; opaque when the
 * challenge has one; userhash=true at the end when the username is
 * hashed). The username is written as username*=UTF-8''... (RFC 8187)
 * when it holds a byte outside printable ASCII; other values are quoted
 * with '"' and '\' escaped. The challenge must have a realm and a nonce.
 *
 * *len gets the length of the credentials (without NUL) whether or not
 * they fit. When cap > *len, out holds them and a NUL and SIPW_OK is
 * returned; otherwise SIPW_ENOMEM, and out (when cap > 0) holds "". out
 * may be NULL when cap is 0. len may be NULL. */
SIPW_API sipw_status sipw_digest_respond(const sipw_auth *challenge,
                                         const sipw_digest_client *in,
                                         char *out, size_t cap, size_t *len,
                                         sipw_error *err);

/* What the server knows, for sipw_digest_verify(). Plain bytes. Zero the
 * struct, then fill it. */
typedef struct sipw_digest_server {
    sipw_str method;   /* of the request (non-empty) */
    /* The request body for auth-int (msg->body of a parsed message is
     * never NULL); {NULL, 0}: not given, and auth-int credentials are
     * refused (SIPW_EINVAL). */
    sipw_str body;
    sipw_str password; /* exactly one of password ... */
    sipw_str ha1;      /* ... and the stored HA1 (hex, either case) has
                        * p != NULL; the HA1's length must fit the
                        * algorithm of the credentials */
    /* Expected values; {NULL, 0}: not checked. A difference is
     * SIPW_EAUTH. */
    sipw_str realm;    /* the realm the server challenged with */
    sipw_str uri;      /* the Request-URI: RFC 7616 §3.4.6 */
    sipw_str username; /* the user: needed for userhash credentials */
    /* Accepted algorithms and qops: bit (1u << SIPW_DIGEST_...) for each;
     * 0 accepts every one. Anything else is SIPW_EAUTH. E.g. (1u <<
     * SIPW_DIGEST_QOP_AUTH) | (1u << SIPW_DIGEST_QOP_AUTH_INT) refuses
     * RFC 2069 credentials. */
    unsigned algorithms;
    unsigned qops;
} sipw_digest_server;

/* Server side (RFC 7616 §3.4, §3.5): checks `credentials` (an
 * Authorization or Proxy-Authorization value) against the password or
 * HA1 in `in`. Returns SIPW_OK only when the response is exactly the one
 * the password gives (compared in constant time, CRYPTO_memcmp) and every
 * expected value matches; SIPW_EAUTH when they do not; another error (see
 * the top of this file) when the credentials or the arguments are not
 * usable. The nonce is not checked: whether the server issued it, and its
 * count, is the caller's business (credentials->nonce, ->nc). */
SIPW_API sipw_status sipw_digest_verify(const sipw_auth *credentials,
                                        const sipw_digest_server *in,
                                        sipw_error *err);

#ifdef __cplusplus
}
#endif

#endif
