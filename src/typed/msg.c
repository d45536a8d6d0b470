/* SPDX-License-Identifier: MIT */
/* sipwire: datagram parsing and stream framing on top of the framing lexer
 * (grammar/message.re), and the message-level checks of RFC 3261 §8.1.1
 * and §18.3. */
#include <string.h>

#include "typed/typed.h"

static const char *const warning_text[] = {
#define X(id, text) text,
    SIPW_WARNING_LIST(X)
#undef X
};

const char *sipw_warning_name(sipw_warning w)
{
    if ((unsigned)w >= (unsigned)SIPW_WARN__COUNT)
        return NULL;
    return warning_text[w];
}

static const sipw_str no_header = {NULL, 0};

static sipw_str cstr(const char *s)
{
    sipw_str r = {s, strlen(s)};
    return r;
}

static int only_crlf(const char *buf, size_t len)
{
    size_t i;
    if (len % 2)
        return 0;
    for (i = 0; i < len; i += 2)
        if (buf[i] != '\r' || buf[i + 1] != '\n')
            return 0;
    return 1;
}

static sipw_status check_message(sipw_msg *msg, const char *buf, size_t len,
                                 sipw_error *err)
{
    size_t i;
    /* RFC 3261 §8.1.1, §8.2.6.2: SIPW_HDRF_MANDATORY, in its order. */
    for (i = 0; i < SIPW_HDR__MANDATORY; i++) {
        if (msg->first[sipw__mandatory[i]] == 0) {
            sipw__set_error(err, SIPW_EMISSING, buf, len, 0,
                            cstr(sipw_hdr_name(
                                (sipw_hdr)sipw__mandatory[i])),
                            "mandatory header missing (RFC 3261 section "
                            "8.1.1)");
            return SIPW_EMISSING;
        }
    }
    /* RFC 4475 §3.4.1 keeps RFC 2543 requests (no Max-Forwards) valid. */
    if (msg->type == SIPW_MSG_REQUEST && msg->first[SIPW_HDR_MAX_FORWARDS] == 0)
        msg->warnings |= 1u << SIPW_WARN_NO_MAX_FORWARDS;
    return SIPW_OK;
}

sipw_status sipw_msg_parse(sipw_msg *msg, const char *buf, size_t len,
                           unsigned flags, sipw_arena *arena, sipw_error *err)
{
    struct sipw_framing fr;
    sipw_arena saved;
    sipw_status st;
    size_t rest;

    if (!msg || !arena || (!buf && len)) {
        sipw__set_error(err, SIPW_EINVAL, buf, 0, 0, no_header,
                        "NULL message, arena or buffer");
        return SIPW_EINVAL;
    }
    if (flags & ~(unsigned)SIPW_PARSE__ALL) {
        memset(msg, 0, sizeof *msg);
        sipw__set_error(err, SIPW_EINVAL, buf, 0, 0, no_header,
                        "unknown flag bits");
        return SIPW_EINVAL;
    }
    memset(msg, 0, sizeof *msg);
    saved = *arena;

    if (len > 0 && only_crlf(buf, len)) {
        sipw__set_error(err, SIPW_EEMPTY, buf, len, 0, no_header,
                        "message holds only CRLFs (a keep-alive)");
        return SIPW_EEMPTY;
    }

    st = sipw__frame(buf, len, SIPW_FRAME_DATAGRAM, msg, arena, &fr, err);
    if (st != SIPW_OK)
        goto fail;

    /* RFC 3261 §18.3: bytes past Content-Length are ignored; fewer bytes
     * than Content-Length is an error; no Content-Length means the body
     * runs to the end of the datagram. */
    rest = len - fr.head_len;
    msg->body.p = buf + fr.head_len;
    if (fr.has_content_length) {
        if (fr.content_length > rest) {
            st = SIPW_ETRUNC;
            sipw__set_error(err, st, buf, len, len,
                            cstr(sipw_hdr_name(SIPW_HDR_CONTENT_LENGTH)),
                            "value is larger than the data after the header "
                            "section");
            goto fail;
        }
        msg->has_content_length = 1;
        msg->content_length = fr.content_length;
        msg->body.len = (size_t)fr.content_length;
    } else {
        msg->body.len = rest;
    }
    msg->size = fr.head_len + msg->body.len;
    msg->buf = buf;
    msg->parse_flags = flags;

    if (flags & SIPW_PARSE_LAZY) {
        sipw__typed_absent(msg);
    } else {
        st = sipw__typed_parse(msg, buf, len, flags, arena, err);
        if (st != SIPW_OK)
            goto fail;
    }
    st = check_message(msg, buf, len, err);
    if (st != SIPW_OK)
        goto fail;
    return SIPW_OK;

fail:
    memset(msg, 0, sizeof *msg);
    *arena = saved;
    return st;
}

const sipw_header *sipw_msg_header(const sipw_msg *msg, sipw_hdr id)
{
    if (!msg || (unsigned)id >= (unsigned)SIPW_HDR__COUNT || !msg->first[id])
        return NULL;
    return &msg->headers[msg->first[id] - 1];
}

const sipw_header *sipw_msg_header_next(const sipw_msg *msg,
                                        const sipw_header *h)
{
    if (!msg || !h || h->next == 0)
        return NULL;
    return &msg->headers[h->next];
}

size_t sipw_msg_header_count(const sipw_msg *msg, sipw_hdr id)
{
    size_t n = 0;
    const sipw_header *h;
    for (h = sipw_msg_header(msg, id); h; h = sipw_msg_header_next(msg, h))
        n++;
    return n;
}

sipw_status sipw_msg_typed(sipw_msg *msg, sipw_hdr id, sipw_arena *arena,
                           sipw_error *err)
{
    unsigned char slot[sizeof(sipw_msg)];
    unsigned warnings;
    sipw_arena saved;
    size_t off, len;
    sipw_status st;

    if (!msg || !arena || !msg->buf || (unsigned)id >= SIPW_HDR__COUNT) {
        sipw__set_error(err, SIPW_EINVAL, NULL, 0, 0, no_header,
                        "NULL or built message, NULL arena, or bad id");
        return SIPW_EINVAL;
    }
    /* The parsers fill fields and take arena space as they go: a failure
     * puts both back, as every call that takes arena space does. Only the
     * bytes the call may change are kept (a lazy parse makes this call
     * for each header it wants). */
    sipw__typed_extent(id, &off, &len);
    memcpy(slot, (char *)msg + off, len);
    warnings = msg->warnings;
    saved = *arena;
    if (id == SIPW_HDR_OTHER)
        st = sipw__typed_parse(msg, msg->buf, msg->size, msg->parse_flags,
                               arena, err);
    else
        st = sipw__typed_header(msg, id, arena, err);
    if (st != SIPW_OK) {
        memcpy((char *)msg + off, slot, len);
        msg->warnings = warnings;
        *arena = saved;
    }
    return st;
}
