/* SPDX-License-Identifier: MIT */
/* sipwire fuzz target: sipw_frame() over a byte stream that arrives in
 * pieces, as from a TCP socket.
 *
 * Input: one control byte, then 2 bytes per cut, then the stream.
 *   bits 0-2  number of cuts (0-7): the stream arrives in up to 8 pieces
 *   bit 3     the receiver drops the keep-alive CRLFs that sipw_frame()
 *             reports with SIPW_INCOMPLETE (it may, or may keep them)
 *   cuts      big-endian 16-bit offsets, taken modulo (stream length + 1)
 *
 * Each time data arrives the receiver frames what it has, from its
 * position, and also frames the whole rest of the stream from the same
 * position: the two must agree (a message found in the part must be the
 * one found in the whole, an error in the part the same error, and
 * "incomplete" must not hide a message that is already all there). Every
 * call gets an exact-size copy of its bytes, and every message found is
 * parsed with sipw_msg_parse(), whose size must be the framed length. */
#include "fuzz.h"

struct frame_result {
    sipw_status st;
    size_t start, len;
    sipw_error err;
};

/* sipw_frame() on an exact copy of p[0..n), checked on its own. */
static void frame(const char *p, size_t n, struct frame_result *r)
{
    char *buf = fz_copy(p, n);
    size_t i;

    memset(&r->err, 0, sizeof r->err);
    r->start = r->len = 12345;
    r->st = sipw_frame(buf, n, &r->start, &r->len, &r->err);
    switch (r->st) {
    case SIPW_OK:
        FZ_CHECK(r->len > 0);
        FZ_CHECK(r->start <= n && r->len <= n - r->start);
        break;
    case SIPW_INCOMPLETE:
        FZ_CHECK(r->start <= n);
        break;
    default:
        fz_check_error(r->st, &r->err, buf, n);
        r->start = r->len = 0;
        break;
    }
    /* Only keep-alive CRLFs are skipped. */
    FZ_CHECK(r->start % 2 == 0);
    for (i = 0; i < r->start; i += 2)
        FZ_CHECK(buf[i] == '\r' && buf[i + 1] == '\n');
    free(buf);
}

/* `part` framed `n_part` bytes; `whole` framed the same start with more
 * bytes after them. */
static void agree(const struct frame_result *part, size_t n_part,
                  const struct frame_result *whole)
{
    switch (part->st) {
    case SIPW_OK:
        FZ_CHECK(whole->st == SIPW_OK);
        FZ_CHECK(whole->start == part->start && whole->len == part->len);
        break;
    case SIPW_INCOMPLETE:
        if (whole->st == SIPW_OK) {
            FZ_CHECK(whole->start >= part->start);
            /* The message was not all there yet. */
            FZ_CHECK(whole->start + whole->len > n_part);
        } else if (whole->st == SIPW_INCOMPLETE) {
            FZ_CHECK(whole->start >= part->start);
        } else {
            FZ_CHECK(whole->err.offset >= part->start);
        }
        break;
    default:
        FZ_CHECK(whole->st == part->st);
        FZ_CHECK(whole->err.offset == part->err.offset);
        FZ_CHECK(strcmp(whole->err.reason, part->err.reason) == 0);
        break;
    }
}

/* `b` framed the same stream as `a`, `shift` bytes further on. */
static void agree_shifted(const struct frame_result *a,
                          const struct frame_result *b, size_t shift)
{
    FZ_CHECK(b->st == a->st);
    if (a->st == SIPW_OK || a->st == SIPW_INCOMPLETE) {
        FZ_CHECK(b->start + shift == a->start);
        FZ_CHECK(b->len == a->len);
    } else {
        FZ_CHECK(b->err.offset + shift == a->err.offset);
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

SIPW_FUZZ_TARGET(fuzz_frame, "frame")
{
    size_t cuts[9], ncuts, slen, pos = 0, i, msg_size;
    const char *stream;
    int drop;

    if (size < 1)
        return 0;
    ncuts = data[0] & 7;
    drop = (data[0] >> 3) & 1;
    if (ncuts > (size - 1) / 2)
        ncuts = (size - 1) / 2;
    stream = (const char *)data + 1 + 2 * ncuts;
    slen = size - 1 - 2 * ncuts;
    for (i = 0; i < ncuts; i++)
        cuts[i] = (((size_t)data[1 + 2 * i] << 8) | data[2 + 2 * i]) %
                  (slen + 1);
    cuts[ncuts++] = slen;
    qsort(cuts, ncuts, sizeof cuts[0], cmp_size);

    for (i = 0; i < ncuts; i++) {
        size_t have = cuts[i];
        for (;;) {
            struct frame_result part, whole;
            FZ_CHECK(pos <= have);
            frame(stream + pos, have - pos, &part);
            frame(stream + pos, slen - pos, &whole);
            agree(&part, have - pos, &whole);
            if (part.st == SIPW_OK) {
                size_t at = pos + part.start;
                /* The message parses as a datagram to the same size, or
                 * fails: framing checks less than parsing. */
                if (fz_parse_msg((const uint8_t *)stream + at, part.len,
                                 &msg_size) == SIPW_OK)
                    FZ_CHECK(msg_size == part.len);
                pos = at + part.len;
                continue;
            }
            if (part.st != SIPW_INCOMPLETE)
                return 0; /* the stream is invalid: close it */
            if (drop && part.start > 0) {
                struct frame_result rest;
                frame(stream + pos + part.start, slen - pos - part.start,
                      &rest);
                agree_shifted(&whole, &rest, part.start);
                pos += part.start;
            }
            break;
        }
    }
    /* Everything arrived: what is left is incomplete (maybe empty). */
    FZ_CHECK(pos <= slen);
    return 0;
}
