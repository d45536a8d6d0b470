/* SPDX-License-Identifier: MIT */
/* sipwire, frame layer: stream framing (RFC 3261 §18.3) and the readers
 * of one header line. */
#include "frame/frame.h"

static const sipw_str no_header = {NULL, 0};

static sipw_str cstr(const char *s)
{
    sipw_str r = {s, strlen(s)};
    return r;
}

sipw_status sipw_frame(const char *buf, size_t len, size_t *start,
                       size_t *msg_len, sipw_error *err)
{
    struct sipw_framing fr;
    size_t s = 0;
    sipw_status st;

    if (start)
        *start = 0;
    if (msg_len)
        *msg_len = 0;
    if (!start || !msg_len || (!buf && len)) {
        sipw__set_error(err, SIPW_EINVAL, buf, 0, 0, no_header,
                        "NULL buffer or result pointer");
        return SIPW_EINVAL;
    }

    /* RFC 5626 §4.4.1: CRLF keep-alives between messages are skipped. A
     * lone CR at the end may be the first half of one. */
    while (len - s >= 2 && buf[s] == '\r' && buf[s + 1] == '\n')
        s += 2;
    *start = s;
    if (s == len || (len - s == 1 && buf[s] == '\r'))
        return SIPW_INCOMPLETE;

    st = sipw__frame(buf + s, len - s, SIPW_FRAME_STREAM, NULL, NULL, &fr, err);
    if (st != SIPW_OK) {
        if (st != SIPW_INCOMPLETE && err) {
            /* Report positions in the caller's buffer. */
            err->offset += s;
            sipw_position(buf, len, err->offset, &err->line, &err->column);
        }
        return st;
    }
    if (!fr.has_content_length) {
        sipw__set_error(err, SIPW_EMISSING, buf, len, s,
                        cstr(sipw_hdr_name(SIPW_HDR_CONTENT_LENGTH)),
                        "header required on stream transports");
        return SIPW_EMISSING;
    }
    if (fr.content_length > len - s - fr.head_len)
        return SIPW_INCOMPLETE;
    *msg_len = fr.head_len + (size_t)fr.content_length;
    return SIPW_OK;
}

static int is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

size_t sipw_header_unfold(const sipw_header *h, char *dst, size_t cap)
{
    const char *p, *e;
    size_t out = 0;

    if (!h)
        return 0;
    p = h->value.p;
    e = p + h->value.len;
    while (p < e) {
        char c = *p;
        if (is_wsp(c) || c == '\r') {
            /* LWS = [*WSP CRLF] 1*WSP: a fold, with the whitespace around
             * it, becomes one SP (RFC 3261 §7.3.1). */
            const char *q = p;
            while (q < e && is_wsp(*q))
                q++;
            if (e - q >= 3 && q[0] == '\r' && q[1] == '\n' && is_wsp(q[2])) {
                q += 2;
                while (q < e && is_wsp(*q))
                    q++;
                if (out < cap)
                    dst[out] = ' ';
                out++;
                p = q;
                continue;
            }
        }
        if (out < cap)
            dst[out] = c;
        out++;
        p++;
    }
    if (cap > 0)
        dst[out < cap ? out : cap - 1] = '\0';
    return out;
}

