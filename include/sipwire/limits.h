/* SPDX-License-Identifier: MIT */
/* sipwire: compile-time limits.
 *
 * Crossing a limit is the error SIPW_ELIMIT, never undefined behaviour.
 * The defaults are safe for proxies facing the Internet. To change one,
 * define it (e.g. -DSIPW_MAX_HEADERS=4096) when building the library. */
#ifndef SIPWIRE_LIMITS_H
#define SIPWIRE_LIMITS_H

/* Header lines in one message (each Via line counts once, however many
 * values it holds). At most 65535. */
#ifndef SIPW_MAX_HEADERS
#define SIPW_MAX_HEADERS 1024
#endif

/* Bytes from the start line to the end of the empty line that closes the
 * header section. 64 KiB also bounds any single header line, and tells a
 * stream reader when to stop waiting for the end of the headers. */
#ifndef SIPW_MAX_HEAD_SIZE
#define SIPW_MAX_HEAD_SIZE 65536
#endif

/* Largest Content-Length accepted. */
#ifndef SIPW_MAX_BODY_SIZE
#define SIPW_MAX_BODY_SIZE (16u * 1024u * 1024u)
#endif

/* Longest nonce, cnonce or nextnonce of an authentication header (RFC
 * 7616 §3.3-§3.5), in bytes as written (between the quotes, escapes as
 * written). Real nonces are a few dozen bytes; a server that keeps state
 * per nonce should not be handed kilobytes. Define it as a plain number:
 * error messages quote it. */
#ifndef SIPW_MAX_AUTH_NONCE
#define SIPW_MAX_AUTH_NONCE 1024
#endif

/* Longest response or rspauth: a digest in hex. 128 digits hold a 512-bit
 * hash; the longest of RFC 7616 and RFC 8760 (SHA-256, SHA-512/256) has
 * 64. A plain number, as above. */
#ifndef SIPW_MAX_AUTH_RESPONSE
#define SIPW_MAX_AUTH_RESPONSE 128
#endif

#endif
