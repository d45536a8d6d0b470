/* SPDX-License-Identifier: MIT */
/* sipwire: method names, generated from SIPW_METHOD_LIST. */
#include <string.h>

#include "base/base.h"

static const char *const method_names[SIPW_METHOD__COUNT] = {
    NULL,
#define X(id, name) name,
    SIPW_METHOD_LIST(X)
#undef X
};

static const unsigned char method_lens[SIPW_METHOD__COUNT] = {
    0,
#define X(id, name) sizeof(name) - 1,
    SIPW_METHOD_LIST(X)
#undef X
};

sipw_method sipw_method_lookup(const char *name, size_t len)
{
    unsigned i;
    if (!name)
        return SIPW_METHOD_OTHER;
    /* Fourteen short names: a length check rejects almost all at once. */
    for (i = 1; i < SIPW_METHOD__COUNT; i++)
        if (method_lens[i] == len && memcmp(method_names[i], name, len) == 0)
            return (sipw_method)i;
    return SIPW_METHOD_OTHER;
}

const char *sipw_method_name(sipw_method id)
{
    if ((unsigned)id >= (unsigned)SIPW_METHOD__COUNT)
        return NULL;
    return method_names[id];
}
