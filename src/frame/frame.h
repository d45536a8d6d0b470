/* SPDX-License-Identifier: MIT */
/* sipwire, frame layer: the start line, the header lines and their names
 * (grammar/message.re, grammar/hdrname.re). Private. */
#ifndef SIPW_FRAME_H
#define SIPW_FRAME_H

#include "base/base.h"

#if SIPW_MAX_HEADERS > 65535
#error "SIPW_MAX_HEADERS must fit sipw_msg.first (uint16_t)"
#endif

/* Property bits of each header id, from SIPW_HDR_LIST. */
extern const unsigned char sipw__hdr_flags[SIPW_HDR__COUNT];

/* The mandatory header ids (SIPW_HDRF_MANDATORY) in the order the parser,
 * the writer and the builder report a missing one: the fifth column of
 * SIPW_HDR_LIST. */
extern const unsigned char sipw__mandatory[SIPW_HDR__MANDATORY];

/* Classifies the header-name token at *cur (RFC 3261 §7.3.1: names are
 * case-insensitive; §7.3.3 compact forms). Advances *cur past the token
 * (not past it if there is none) and returns its id: SIPW_HDR_OTHER for
 * an unknown token. Sets *hit_end when it had to look at lim. Generated
 * from grammar/hdrname.re. */
sipw_hdr sipw__hdr_scan(const char **cur, const char *lim, int *hit_end);

/* How sipw__frame() reads its input. */
enum sipw_frame_mode {
    SIPW_FRAME_DATAGRAM, /* the buffer is the whole message */
    SIPW_FRAME_STREAM    /* more bytes may follow: the end is "incomplete" */
};

/* What sipw__frame() found. */
struct sipw_framing {
    size_t head_len;        /* start line through the empty line */
    int has_content_length; /* a Content-Length line was seen */
    uint64_t content_length;
};

/* The framing lexer (grammar/message.re): checks and delimits the start
 * line and every header line of the message at buf[0..len), up to and
 * including the empty line. With `msg` non-NULL it also fills the start
 * line fields and appends the header table to `arena` (msg must be zeroed
 * by the caller); with `msg` NULL it only delimits. Returns SIPW_OK,
 * SIPW_INCOMPLETE (stream mode only) or an error described in `err`. */
sipw_status sipw__frame(const char *buf, size_t len, enum sipw_frame_mode mode,
                        sipw_msg *msg, sipw_arena *arena,
                        struct sipw_framing *out, sipw_error *err);

/* How a quoted string ended (sipw__quoted_string()). */
enum sipw_qs {
    SIPW_QS_CLOSED,    /* at the closing DQUOTE */
    SIPW_QS_END,       /* the input ended inside it (a fold cut short too) */
    SIPW_QS_PAIR_END,  /* at a "\" that the end of the input follows */
    SIPW_QS_PAIR_CR_END, /* at a "\" then CR then the end of the input: a bad
                          * pair in a whole value, maybe a line's end in a
                          * stream that goes on */
    SIPW_QS_BAD_PAIR,  /* at a "\" before a byte that cannot be quoted */
    SIPW_QS_PAIR_CRLF, /* at a "\" before the CRLF that ends the line */
    SIPW_QS_LINE_END,  /* at the CR of a CRLF that is no fold */
    SIPW_QS_BAD_BYTE   /* at a byte that cannot be in it (CTL, bare CR...) */
};

/* The one lexer of quoted-string (RFC 3261 §25.1: DQUOTE *(qdtext /
 * quoted-pair) DQUOTE), from p just after the opening DQUOTE, reading
 * only [p, lim). Returns how it ended, with the byte concerned in *at, and
 * ORs into *flags SIPW_HF_FOLDED for a fold inside and SIPW_HF_QUOTED_CTL
 * for a quoted-pair of a control byte. The framing lexer and the typed
 * parsers each turn the ending into their own error. */
enum sipw_qs sipw__quoted_string(const char *p, const char *lim,
                                 const char **at, unsigned *flags);


/* --- the state of one sipw__frame() call (grammar/message.re) ---------- */

/* State shared by the framing productions of one call. */
struct sipw__fr {
    const char *buf;   /* start of the message */
    const char *end;   /* end of the caller's data */
    const char *lim;   /* where the lexers stop reading (end, capped) */
    enum sipw_frame_mode mode;
    int hit_end;       /* a lexer looked at lim */
    int in_headers;    /* past the start line */
    sipw_error *err;
    sipw_msg *msg;     /* NULL: delimit only */
    sipw_header *table;
    size_t n, max_lines;
    uint16_t last[SIPW_HDR__COUNT]; /* last line of each id (set ones) */
    struct sipw_framing *out;
};

/* The header table grows as one array from the arena's bottom: where it
 * starts and how many lines fit. */
void sipw__fr_table_room(struct sipw__fr *f, sipw_arena *arena);

/* Sets up f for buf[0..len): the limits, and the header table at the
 * bottom of the arena when msg is non-NULL. */
static inline void sipw__fr_begin(struct sipw__fr *f, const char *buf,
                                  size_t len, enum sipw_frame_mode mode,
                                  sipw_msg *msg, sipw_arena *arena,
                                  struct sipw_framing *out, sipw_error *err)
{
    f->buf = buf;
    /* (buf may be NULL when len is 0: no arithmetic on it then.) */
    f->end = len ? buf + len : buf;
    f->lim = len ? buf + (len < SIPW_MAX_HEAD_SIZE ? len : SIPW_MAX_HEAD_SIZE)
                 : buf;
    f->mode = mode;
    f->hit_end = 0;
    f->in_headers = 0;
    f->err = err;
    f->msg = msg;
    f->table = NULL;
    f->n = 0;
    f->max_lines = SIPW_MAX_HEADERS;
    f->out = out;
    out->head_len = 0;
    out->has_content_length = 0;
    out->content_length = 0;
    if (msg)
        sipw__fr_table_room(f, arena);
}

/* The header section ended at cur: the head length, the table's size,
 * and the arena's bottom moved past the table. */
static inline sipw_status sipw__fr_end(struct sipw__fr *f, const char *cur,
                                       sipw_arena *arena)
{
    f->out->head_len = (size_t)(cur - f->buf);
    if (f->msg) {
        f->msg->nheaders = f->n;
        if (f->n == 0)
            f->msg->headers = NULL;
        else
            arena->lo = (size_t)((unsigned char *)(f->table + f->n) -
                                 arena->base);
    }
    return SIPW_OK;
}

/* Reports an error at `at`. When a lexer ran into the end of the data the
 * real problem is that the message stops early: that is "incomplete" on a
 * stream, "truncated" on a datagram, and a limit error when the limit,
 * not the data, ended it. */
sipw_status sipw__fr_fail(struct sipw__fr *f, sipw_status st, const char *at,
                          sipw_str header, const char *reason);

/* The data ended where more was expected (hit_end is set). */
sipw_status sipw__fr_ended(struct sipw__fr *f, sipw_str header);

/* Why a byte cannot appear in a header value. */
const char *sipw__fr_bad_byte(unsigned char c);

/* A quoted string inside a header value, opened at `quote`, that
 * sipw__quoted_string() found not closed (qs, at): the framing error. */
sipw_status sipw__fr_quoted_bad(struct sipw__fr *f, enum sipw_qs qs,
                                const char *at, const char *quote,
                                sipw_str name);

/* Content-Length = 1*DIGIT (§20.14), no sign, no overflow: checked and
 * kept in f->out. */
sipw_status sipw__fr_content_length(struct sipw__fr *f, sipw_str name,
                                    sipw_str v);

/* The value of three ASCII digits at p. */
static inline unsigned sipw__three_digits(const char *p)
{
    return (unsigned)(p[0] - '0') * 100u + (unsigned)(p[1] - '0') * 10u +
           (unsigned)(p[2] - '0');
}

/* Appends one line to the header table (when there is one). */
SIPW__HOT_INLINE sipw_status sipw__fr_append(struct sipw__fr *f, sipw_str name,
                                          sipw_str value, sipw_hdr id,
                                          unsigned hf)
{
    sipw_header *h;

    if (f->n == f->max_lines) {
        if (f->n == SIPW_MAX_HEADERS)
            return sipw__fr_fail(f, SIPW_ELIMIT, name.p, name,
                        "more than SIPW_MAX_HEADERS header lines");
        return sipw__fr_fail(f, SIPW_ENOMEM, name.p, name,
                    "arena too small for the header table");
    }
    if (f->msg) {
        h = &f->table[f->n];
        h->name = name;
        h->value = value;
        h->id = (uint16_t)id;
        h->flags = (uint16_t)hf;
        h->next = 0;
        if (f->msg->first[id] == 0)
            f->msg->first[id] = (uint16_t)(f->n + 1);
        else
            f->table[f->last[id]].next = (uint32_t)f->n;
        f->last[id] = (uint16_t)f->n;
    }
    f->n++;
    return SIPW_OK;
}

#endif
