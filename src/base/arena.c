/* SPDX-License-Identifier: MIT */
/* sipwire: the caller-provided arena (see <sipwire/arena.h>). */
#include "base/base.h"

void sipw_arena_init(sipw_arena *a, void *mem, size_t size)
{
    a->base = (unsigned char *)mem;
    a->size = mem ? size : 0;
    a->lo = 0;
    a->hi = 0;
}

void sipw_arena_reset(sipw_arena *a)
{
    a->lo = 0;
    a->hi = 0;
}

size_t sipw_arena_used(const sipw_arena *a)
{
    return a->lo + a->hi;
}
