/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: sipw_via_parse() on one Via header value (the
 * whole input), then again with an arena too small, which must fail with
 * SIPW_ENOMEM and leave the arena as it was, or end the same way. */
#include "fuzz.h"

SIPW_FUZZ_TARGET(fuzz_via, "via")
{
    char *buf = fz_copy(data, size);
    const sipw_via *first = NULL;
    sipw_arena big, small;
    sipw_error err;
    sipw_status st, st2;
    size_t used, small_size;
    unsigned char *small_mem;
    uint32_t h = fz_hash(data, size);

    fz_big_arena(&big, size);
    memset(&err, 0, sizeof err);
    st = sipw_via_parse(&first, buf, size, SIPW_VIA_DEFAULT, &big, &err);
    used = sipw_arena_used(&big);
    if (st == SIPW_OK) {
        FZ_CHECK(first != NULL);
        FZ_CHECK(used > 0);
        fz_check_via(first, buf, size, NULL);
    } else {
        fz_check_error(st, &err, buf, size);
        FZ_CHECK(used == 0);
    }

    small_size = h % (used ? used : 1024);
    small_mem = (unsigned char *)malloc(small_size);
    if (!small_mem && small_size)
        abort();
    sipw_arena_init(&small, small_mem, small_size);
    first = NULL;
    st2 = sipw_via_parse(&first, buf, size, SIPW_VIA_DEFAULT, &small, NULL);
    if (st2 == SIPW_ENOMEM) {
        FZ_CHECK(sipw_arena_used(&small) == 0);
    } else {
        FZ_CHECK(st2 == st);
        if (st2 == SIPW_OK) {
            FZ_CHECK(first != NULL);
            fz_check_via(first, buf, size, NULL);
        }
    }
    free(small_mem);
    free(buf);
    return 0;
}
