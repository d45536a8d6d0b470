/* SPDX-License-Identifier: MIT */
/* sipwire: the caller-provided arena.
 *
 * The library never calls malloc. Everything a parse or an edit builds
 * (the header table, the typed header structs, a builder's copies of the
 * caller's strings) is carved out of memory the caller hands over through
 * a sipw_arena. A call that does not fit fails with SIPW_ENOMEM and gives
 * its memory back: the arena is left exactly as it was before the call. */
#ifndef SIPWIRE_ARENA_H
#define SIPWIRE_ARENA_H

#include <stddef.h>

#include <sipwire/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An arena over caller memory. Treat the fields as private. The table of
 * header lines grows up from the bottom; other objects grow down from the
 * top, so the table stays one contiguous array. */
typedef struct sipw_arena {
    unsigned char *base;
    size_t size;
    size_t lo; /* bytes used from the bottom */
    size_t hi; /* bytes used from the top */
} sipw_arena;

/* Sets up `a` over `size` bytes at `mem`. The memory must outlive every
 * message parsed into it. `mem` may be NULL when `size` is 0. */
SIPW_API void sipw_arena_init(sipw_arena *a, void *mem, size_t size);

/* Forgets everything allocated from `a`; messages parsed into it become
 * invalid. */
SIPW_API void sipw_arena_reset(sipw_arena *a);

/* Bytes currently in use. */
SIPW_API size_t sipw_arena_used(const sipw_arena *a);

#ifdef __cplusplus
}
#endif

#endif
