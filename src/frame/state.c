/* SPDX-License-Identifier: MIT */
/* sipwire, frame layer: the state of one framing call (grammar/message.re
 * holds the productions): its set-up and end, its errors, Content-Length
 * and the header table. */
#include "frame/frame.h"

sipw_status sipw__fr_fail(struct sipw__fr *f, sipw_status st, const char *at,
                          sipw_str header, const char *reason)
{
    if (f->hit_end) {
        if (f->lim - f->buf >= SIPW_MAX_HEAD_SIZE) {
            st = SIPW_ELIMIT;
            at = f->lim;
            reason = "header section longer than SIPW_MAX_HEAD_SIZE bytes";
        } else if (f->mode == SIPW_FRAME_STREAM) {
            return SIPW_INCOMPLETE;
        } else if (f->in_headers) {
            st = SIPW_EEOH;
            at = f->end;
            reason = "message ends before the empty line that closes the "
                     "header section";
        } else {
            st = SIPW_ESTART;
            at = f->end;
            reason = "message ends inside the start line";
        }
    }
    sipw__set_error(f->err, st, f->buf, (size_t)(f->end - f->buf),
                    (size_t)(at - f->buf), header, reason);
    return st;
}

sipw_status sipw__fr_ended(struct sipw__fr *f, sipw_str header)
{
    return sipw__fr_fail(f, SIPW_EEOH, f->lim, header, NULL);
}

const char *sipw__fr_bad_byte(unsigned char c)
{
    if (c == '\r')
        return "CR not followed by LF in header value";
    if (c == '\n')
        return "LF without CR: lines must end in CRLF";
    if (c == 0)
        return "NUL byte in header value";
    return "control character in header value";
}

sipw_status sipw__fr_quoted_bad(struct sipw__fr *f, enum sipw_qs qs,
                                const char *at, const char *quote,
                                sipw_str name)
{
    switch (qs) {
    case SIPW_QS_END:
    case SIPW_QS_PAIR_END:
    case SIPW_QS_PAIR_CR_END: /* which error it is waits for the next byte,
                               * so a stream cut there frames as the whole */
        f->hit_end = 1;
        return sipw__fr_ended(f, name);
    case SIPW_QS_BAD_PAIR:
        return sipw__fr_fail(f, SIPW_EVALUE, at, name,
                    "backslash before a byte that cannot be quoted");
    case SIPW_QS_PAIR_CRLF:
        /* A "\" that ends the line quotes nothing: the string is left
         * open, as the typed parsers say for a "\" at the end of a value. */
        return sipw__fr_fail(f, SIPW_EQUOTE, at, name,
                    "backslash at the end of a line inside a quoted string");
    case SIPW_QS_LINE_END:
        return sipw__fr_fail(f, SIPW_EQUOTE, quote, name,
                    "quoted string not closed before the end of the header "
                    "line");
    default:
        return sipw__fr_fail(f, SIPW_EVALUE, at, name,
                    sipw__fr_bad_byte((unsigned char)*at));
    }
}

sipw_status sipw__fr_content_length(struct sipw__fr *f, sipw_str name,
                                    sipw_str v)
{
    uint64_t n = 0;
    size_t i;

    if (f->out->has_content_length)
        return sipw__fr_fail(f, SIPW_EDUP, name.p, name, "header appears a second time");
    if (v.len == 0)
        return sipw__fr_fail(f, SIPW_ECLEN, v.p, name,
                    "empty value: expected a decimal number");
    for (i = 0; i < v.len; i++) {
        unsigned d = (unsigned char)v.p[i] - (unsigned)'0';
        if (d > 9)
            return sipw__fr_fail(f, SIPW_ECLEN, v.p + i, name,
                        "value must be a non-negative decimal number");
        if (n > (UINT64_MAX - d) / 10)
            return sipw__fr_fail(f, SIPW_ECLEN, v.p, name, "value overflows 64 bits");
        n = n * 10 + d;
    }
    if (n > SIPW_MAX_BODY_SIZE)
        return sipw__fr_fail(f, SIPW_ELIMIT, v.p, name,
                    "value larger than SIPW_MAX_BODY_SIZE");
    f->out->has_content_length = 1;
    f->out->content_length = n;
    return SIPW_OK;
}

/* The header table grows as one array from the arena's bottom: where it
 * starts and how many lines fit. */
void sipw__fr_table_room(struct sipw__fr *f, sipw_arena *arena)
{
    unsigned char *bottom;
    size_t pad, free_bytes, room = 0;

    if (arena->base) {
        bottom = arena->base + arena->lo;
        pad = (size_t)(-(uintptr_t)bottom &
                       (uintptr_t)(_Alignof(sipw_header) - 1));
        free_bytes = arena->size - arena->lo - arena->hi;
        if (free_bytes >= pad) {
            f->table = (sipw_header *)(void *)(bottom + pad);
            room = (free_bytes - pad) / sizeof(sipw_header);
            f->msg->headers = f->table;
        }
    }
    if (room < f->max_lines)
        f->max_lines = room;
}
