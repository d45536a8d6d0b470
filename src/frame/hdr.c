/* sipwire: header-name tables, generated from SIPW_HDR_LIST. */
#include "frame/frame.h"

static const char *const hdr_names[SIPW_HDR__COUNT] = {
    NULL,
#define X(id, name, compact, flags) name,
    SIPW_HDR_LIST(X)
#undef X
};

static const char hdr_compact[SIPW_HDR__COUNT] = {
    0,
#define X(id, name, compact, flags) compact,
    SIPW_HDR_LIST(X)
#undef X
};

const unsigned char sipw__hdr_flags[SIPW_HDR__COUNT] = {
    0,
#define X(id, name, compact, flags) SIPW_HDRF_##flags##_,
    SIPW_HDR_LIST(X)
#undef X
};

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
