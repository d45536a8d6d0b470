/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: sipw_nameaddr_parse() on one header value.
 *
 * Input: one byte that picks the flags, then the value.
 *   bit 0  SIPW_NAMEADDR_LIST (Contact, Route...; else one value: From, To)
 *   bit 1  SIPW_NAMEADDR_STAR (a lone "*", Contact only)
 *   bit 2  pass star = NULL when STAR is not given (allowed by the API)
 * The parse is then repeated with an arena too small, which must fail with
 * SIPW_ENOMEM and leave the arena as it was, or end the same way. */
#include "fuzz.h"

static void check_result(sipw_status st, const sipw_nameaddr *first,
                         int star, unsigned flags, const char *buf,
                         size_t len)
{
    if (st != SIPW_OK)
        return;
    if (star) {
        FZ_CHECK(flags & SIPW_NAMEADDR_STAR);
        FZ_CHECK(star == 1 && first == NULL);
        return;
    }
    FZ_CHECK(first != NULL);
    if (!(flags & SIPW_NAMEADDR_LIST))
        FZ_CHECK(first->next == NULL);
    fz_check_nameaddr(first, buf, len, NULL, SIPW_HDR_OTHER);
}

SIPW_FUZZ_TARGET(fuzz_nameaddr, "nameaddr")
{
    const sipw_nameaddr *first = NULL;
    sipw_arena big, small;
    sipw_error err;
    sipw_status st, st2;
    size_t used, small_size, len;
    unsigned char *small_mem;
    unsigned flags, mode;
    int star = 0, *starp;
    uint32_t h;
    char *buf;

    if (size < 1)
        return 0;
    mode = data[0];
    flags = mode & (SIPW_NAMEADDR_LIST | SIPW_NAMEADDR_STAR);
    starp = (!(flags & SIPW_NAMEADDR_STAR) && (mode & 4)) ? NULL : &star;
    len = size - 1;
    buf = fz_copy(data + 1, len);
    h = fz_hash(data, size);

    fz_big_arena(&big, len);
    memset(&err, 0, sizeof err);
    st = sipw_nameaddr_parse(&first, starp, buf, len, flags, &big, &err);
    used = sipw_arena_used(&big);
    if (st == SIPW_OK) {
        check_result(st, first, star, flags, buf, len);
        FZ_CHECK(star || used > 0);
    } else {
        fz_check_error(st, &err, buf, len);
        FZ_CHECK(used == 0);
    }

    small_size = h % (used ? used : 1024);
    small_mem = (unsigned char *)malloc(small_size);
    if (!small_mem && small_size)
        abort();
    sipw_arena_init(&small, small_mem, small_size);
    first = NULL;
    star = 0;
    st2 = sipw_nameaddr_parse(&first, starp, buf, len, flags, &small, NULL);
    if (st2 == SIPW_ENOMEM) {
        FZ_CHECK(sipw_arena_used(&small) == 0);
    } else {
        FZ_CHECK(st2 == st);
        check_result(st2, first, star, flags, buf, len);
    }
    free(small_mem);
    free(buf);
    return 0;
}
