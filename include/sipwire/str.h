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

/* Compares two slices byte for byte. Returns 1 when equal, else 0. */
SIPW_API int sipw_str_eq(sipw_str a, sipw_str b);

/* Compares two slices ignoring ASCII case. Returns 1 when equal, else 0. */
SIPW_API int sipw_str_caseeq(sipw_str a, sipw_str b);

#ifdef __cplusplus
}
#endif

#endif
