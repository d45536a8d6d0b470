/* SPDX-License-Identifier: MIT */
/* sipwire: string slices. */
#ifndef SIPWIRE_STR_H
#define SIPWIRE_STR_H

#include <stddef.h>

#include <sipwire/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A slice of the caller's buffer: `len` bytes starting at `p`.
 *
 * Every string in a parsed message is a sipw_str pointing into the buffer
 * given to the parser. It is valid for as long as that buffer lives and is
 * unchanged. It is not NUL-terminated and may contain any byte. An absent
 * value is {NULL, 0}; an empty one has a non-NULL `p` and `len` 0. */
typedef struct sipw_str {
    const char *p;
    size_t len;
} sipw_str;

/* A slice over a string literal, without its NUL: SIPW_STR("Via") is
 * {"Via", 3}. The "" before the argument makes anything but a literal a
 * compile error (sizeof of a pointer would give a wrong length). In C it
 * is a compound literal, usable as an expression; SIPW_STR_INIT("Via") is
 * the same braces for an initializer, static ones included. */
#define SIPW_STR_INIT(lit) {"" lit, sizeof(lit) - 1}
#ifdef __cplusplus
#define SIPW_STR(lit) (sipw_str SIPW_STR_INIT(lit))
#else
#define SIPW_STR(lit) ((sipw_str)SIPW_STR_INIT(lit))
#endif

/* A slice over the NUL-terminated string s, without its NUL; {NULL, 0}
 * when s is NULL (an absent value, as the parser gives it). The slice
 * points into s: it is valid while s is. */
SIPW_API sipw_str sipw_str_cstr(const char *s);

/* Compares two slices byte for byte. Returns 1 when equal, else 0. */
SIPW_API int sipw_str_eq(sipw_str a, sipw_str b);

/* Compares two slices ignoring ASCII case. Returns 1 when equal, else 0. */
SIPW_API int sipw_str_caseeq(sipw_str a, sipw_str b);

/* Copies the body of a quoted-string (the slice between the quotes, as a
 * parser gives it) into dst with each quoted-pair ("\" CHAR) resolved to
 * CHAR (RFC 3261 §25.1). A fold inside the quotes (CRLF then WSP) loses
 * its CR and LF and keeps its WSP, as sipw_header_unfold() does. Follows
 * the snprintf contract: writes at most cap bytes including a terminating
 * NUL (when cap > 0; dst may be NULL when cap is 0) and returns the
 * decoded length, which may exceed cap - 1. The result may contain NUL
 * bytes (RFC 4475 §3.1.1.2); use the returned length, not strlen. */
SIPW_API size_t sipw_str_unquote(sipw_str s, char *dst, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
