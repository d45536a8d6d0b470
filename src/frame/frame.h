/* sipwire, frame layer: the start line, the header lines and their names
 * (grammar/message.re, grammar/hdrname.re). Private. */
#ifndef SIPW_FRAME_H
#define SIPW_FRAME_H

#include "base/base.h"

#if SIPW_MAX_HEADERS > 65535
#error "SIPW_MAX_HEADERS must fit sipw_msg.first (uint16_t)"
/* How a quoted string ended (sipw__quoted_string()). */
enum sipw_qs {
    SIPW_QS_CLOSED,    /* at the closing DQUOTE */
    SIPW_QS_END,       /* the input ended inside it (a fold cut short too) */
    SIPW_QS_PAIR_END,  /* at a "\" that the end of the input follows */
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

#endif
