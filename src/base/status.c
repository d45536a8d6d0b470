/* SPDX-License-Identifier: MIT */
/* sipwire: names and descriptions of result codes, from SIPW_STATUS_LIST. */
#include "base/base.h"

static const char *const status_text[] = {
#define X(name, text) text,
    SIPW_STATUS_LIST(X)
#undef X
};

static const char *const status_names[] = {
#define X(name, text) #name,
    SIPW_STATUS_LIST(X)
#undef X
};

const char *sipw_strerror(sipw_status s)
{
    if ((unsigned)s >= (unsigned)SIPW_STATUS__COUNT)
        return "unknown status";
    return status_text[s];
}

const char *sipw_status_name(sipw_status s)
{
    if ((unsigned)s >= (unsigned)SIPW_STATUS__COUNT)
        return "UNKNOWN";
    return status_names[s];
}

void sipw__set_error(sipw_error *err, sipw_status st, const char *buf,
                     size_t len, size_t offset, sipw_str header,
                     const char *reason)
{
    if (!err)
        return;
    err->status = st;
    err->offset = offset;
    if (offset == SIPW_NO_OFFSET) {
        err->line = 0;
        err->column = 0;
    } else {
        sipw_position(buf, len, offset, &err->line, &err->column);
    }
    err->header = header;
    err->header_index = SIPW_NO_INDEX;
    err->reason = reason ? reason : sipw_strerror(st);
}

void sipw_position(const char *buf, size_t len, size_t offset, unsigned *line,
                   unsigned *column)
{
    size_t i, l = 1, bol = 0;

    if (offset > len)
        offset = len;
    for (i = 0; i < offset; i++) {
        if (buf[i] == '\n') {
            l++;
            bol = i + 1;
        }
    }
    if (line)
        *line = (unsigned)l;
    if (column)
        *column = (unsigned)(offset - bol + 1);
}

