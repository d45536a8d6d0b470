/* SPDX-License-Identifier: MIT */
/* sipwire: header-name tables, generated from SIPW_HDR_LIST. */
#include "frame/frame.h"

static const char *const hdr_names[SIPW_HDR__COUNT] = {
    NULL,
#define X(id, name, compact, flags, mand) name,
    SIPW_HDR_LIST(X)
#undef X
};

static const char hdr_compact[SIPW_HDR__COUNT] = {
    0,
#define X(id, name, compact, flags, mand) compact,
    SIPW_HDR_LIST(X)
#undef X
};

const unsigned char sipw__hdr_flags[SIPW_HDR__COUNT] = {
    0,
#define X(id, name, compact, flags, mand)                                      \
    SIPW_HDRF_##flags##_ | ((mand) ? SIPW_HDRF_MANDATORY : 0),
    SIPW_HDR_LIST(X)
#undef X
};

/* The mandatory headers in the order they are reported missing: entry
 * k is the id whose fifth column in SIPW_HDR_LIST is k + 1. AT_ adds, over
 * the whole list, the id whose place is K_ (and 0 for every other one),
 * so each entry is a constant expression of the list alone; K_ is set
 * once per entry. */
#define PLACE_(id, name, compact, flags, mand)                                 \
    +((mand) == K_ ? SIPW_HDR_##id : 0)
#define AT_ (0 SIPW_HDR_LIST(PLACE_))
const unsigned char sipw__mandatory[SIPW_HDR__MANDATORY] = {
#define K_ 1
    AT_,
#undef K_
#define K_ 2
    AT_,
#undef K_
#define K_ 3
    AT_,
#undef K_
#define K_ 4
    AT_,
#undef K_
#define K_ 5
    AT_,
#undef K_
};
#undef AT_
#undef PLACE_
/* A sixth mandatory header needs a sixth entry above. */
typedef char sipw__mandatory_entries_[SIPW_HDR__MANDATORY == 5 ? 1 : -1];

sipw_hdr sipw_hdr_lookup(const char *name, size_t len)
{
    const char *cur = name;
    int hit_end = 0;
    sipw_hdr id;

    if (!name || len == 0)
        return SIPW_HDR_OTHER;
    id = sipw__hdr_scan(&cur, name + len, &hit_end);
    /* The whole string must be the name, not just a prefix of it. */
    return cur == name + len ? id : SIPW_HDR_OTHER;
}

const char *sipw_hdr_name(sipw_hdr id)
{
    if ((unsigned)id >= (unsigned)SIPW_HDR__COUNT)
        return NULL;
    return hdr_names[id];
}

char sipw_hdr_compact(sipw_hdr id)
{
    if ((unsigned)id >= (unsigned)SIPW_HDR__COUNT)
        return 0;
    return hdr_compact[id];
}

unsigned sipw_hdr_flags(sipw_hdr id)
{
    if ((unsigned)id >= (unsigned)SIPW_HDR__COUNT)
        return 0;
    return sipw__hdr_flags[id];
}
