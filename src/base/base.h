/* SPDX-License-Identifier: MIT */
/* sipwire, base layer: what every layer above shares (errors, the arena's
 * internals, slices). Private: never installed, included by the library's
 * own files only. */
#ifndef SIPW_BASE_H
#define SIPW_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sipwire/sipwire.h>

/* Fills `err` (when not NULL) for an error at buf + offset of the buffer
 * buf[0..len), or at no byte (offset SIPW_NO_OFFSET: line and column 0):
 * status, offset, line and column, header and reason (a static string;
 * NULL for sipw_strerror(st)). header_index is SIPW_NO_INDEX: a caller
 * that knows the line sets it afterwards. */
void sipw__set_error(sipw_error *err, sipw_status st, const char *buf,
                     size_t len, size_t offset, sipw_str header,
                     const char *reason);

/* For the few functions on the hot path of every header line that the
 * compiler would otherwise keep out of line (their prologue costs more
 * than their work). */
#if defined(__GNUC__)
#define SIPW__HOT_INLINE static inline __attribute__((always_inline))
#else
#define SIPW__HOT_INLINE static inline
#endif

/* [b, e) as a slice. */
static inline sipw_str sipw__slice(const char *b, const char *e)
{
    sipw_str s;
    s.p = b;
    s.len = (size_t)(e - b);
    return s;
}

/* n bytes, aligned for any sipwire struct, from the top of the arena;
 * NULL when it does not fit. Not zeroed: for a caller that sets every
 * byte itself. Inline: it runs for every typed value. */
static inline void *sipw__arena_take(sipw_arena *a, size_t n)
{
    const size_t align = sizeof(void *) > sizeof(uint64_t) ? sizeof(void *)
                                                           : sizeof(uint64_t);
    size_t start;

    if (!a->base || n > a->size - a->lo - a->hi)
        return NULL;
    start = a->size - a->hi - n;
    /* Align the absolute address down. */
    start -= (size_t)((uintptr_t)(a->base + start) % align);
    if (start < a->lo)
        return NULL;
    a->hi = a->size - start;
    return a->base + start;
}

/* The same, zeroed. */
static inline void *sipw__arena_top(sipw_arena *a, size_t n)
{
    void *p = sipw__arena_take(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

/* Byte classes: the SIPW_CC_* bits and the table sipw__cc[] are generated
 * from grammar/abnf.re (tools/gen-classes.re). sipw__span() returns the
 * end of the run of bytes of class cls (SIPW_CC_ bits) at cur: a prefix
 * skipper for runs that are cheaper to jump than to lex byte by byte. */
#include "classes.h" /* generated from grammar/abnf.re */

static inline const char *sipw__span(const char *cur, const char *e,
                                     unsigned cls)
{
    /* Four bytes per bounds check; the byte loop below does the rest. */
    while (e - cur >= 4) {
        if (!(sipw__cc[(unsigned char)cur[0]] & cls))
            return cur;
        if (!(sipw__cc[(unsigned char)cur[1]] & cls))
            return cur + 1;
        if (!(sipw__cc[(unsigned char)cur[2]] & cls))
            return cur + 2;
        if (!(sipw__cc[(unsigned char)cur[3]] & cls))
            return cur + 3;
        cur += 4;
    }
    while (cur < e && (sipw__cc[(unsigned char)*cur] & cls))
        cur++;
    return cur;
}

/* sipw__span() for runs that are often long (a Call-ID): eight bytes a
 * step, their classes ANDed, one branch per eight bytes. */
static inline const char *sipw__span_long(const char *cur, const char *e,
                                          unsigned cls)
{
    const unsigned char *u;
    while (e - cur >= 8) {
        u = (const unsigned char *)cur;
        if (!(sipw__cc[u[0]] & sipw__cc[u[1]] & sipw__cc[u[2]] &
              sipw__cc[u[3]] & sipw__cc[u[4]] & sipw__cc[u[5]] &
              sipw__cc[u[6]] & sipw__cc[u[7]] & cls))
            break;
        cur += 8;
    }
    return sipw__span(cur, e, cls);
}

/* Whether the n bytes at p (n <= 8) are the lower-case letters lit in
 * any case: b | 0x20 is a lower-case letter L only for L and its upper
 * case. With n a constant, a load or two and a compare. */
static inline int sipw__lower_eq(const char *p, const char *lit, size_t n)
{
    uint64_t x = 0, y = 0, fold = 0;
    memcpy(&x, p, n);
    memcpy(&y, lit, n);
    memset(&fold, 0x20, n);
    return (x | fold) == y;
}

#endif
