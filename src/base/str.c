/* SPDX-License-Identifier: MIT */
/* sipwire: slice helpers and the library version. */
#include <string.h>

#include "base/base.h"

sipw_str sipw_str_cstr(const char *s)
{
    sipw_str r;
    r.p = s;
    r.len = s ? strlen(s) : 0;
    return r;
}

int sipw_str_eq(sipw_str a, sipw_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int sipw_str_caseeq(sipw_str a, sipw_str b)
{
    size_t i;
    if (a.len != b.len)
        return 0;
    for (i = 0; i < a.len; i++)
        if (lower((unsigned char)a.p[i]) != lower((unsigned char)b.p[i]))
            return 0;
    return 1;
}

size_t sipw_str_unquote(sipw_str s, char *dst, size_t cap)
{
    size_t i, n = 0;

    for (i = 0; s.p && i < s.len; i++) {
        char c = s.p[i];
        if (c == '\\' && i + 1 < s.len) {
            c = s.p[++i];
        } else if (c == '\r' || c == '\n') {
            continue; /* a fold: its WSP is kept */
        }
        if (n + 1 < cap)
            dst[n] = c;
        n++;
    }
    if (cap > 0)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}

const char *sipw_version(void)
{
    return SIPW_VERSION_STRING;
}
