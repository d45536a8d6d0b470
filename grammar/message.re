/* Message framing: RFC 3261 §7 (SIP messages).
 *
 *   SIP-message    = Request / Response
 *   Request        = Request-Line *( message-header ) CRLF [ message-body ]
 *   Response       = Status-Line  *( message-header ) CRLF [ message-body ]
 *   Request-Line   = Method SP Request-URI SP SIP-Version CRLF     (§7.1)
 *   Status-Line    = SIP-Version SP Status-Code SP Reason-Phrase CRLF (§7.2)
 *   message-header = header-name HCOLON header-value CRLF          (§7.3)
 *   HCOLON         = *( SP / HTAB ) ":" SWS
 *
 * One pass, left to right, over the start line and the header lines, one
 * function per production. The lexers never read past `lim` (lexer.re);
 * when one of them looks there, the message was cut short: a stream
 * reader turns that into "incomplete", a datagram reader into
 * "truncated" (fail() below). The body is not lexed: its length comes
 * from Content-Length. Also the one lexer of quoted strings
 * (sipw__quoted_string), which the typed layer uses too. */
#include "frame/frame.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* The framing lexers record that they looked at `lim` (lexer.re). */
#undef SIPW_LEX_AT_END
#define SIPW_LEX_AT_END (f->hit_end = 1, 0)

/* State shared by the productions of one call. */
struct fr {
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

static const sipw_str no_header = {NULL, 0};

/* Reports an error at `at`. When a lexer ran into the end of the data the
 * real problem is that the message stops early: that is "incomplete" on a
 * stream, "truncated" on a datagram, and a limit error when the limit,
 * not the data, ended it. */
static sipw_status fail(struct fr *f, sipw_status st, const char *at,
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

/* The data ended where more was expected (hit_end is set). */
static sipw_status ended(struct fr *f, sipw_str header)
{
    return fail(f, SIPW_EEOH, f->lim, header, NULL);
}

/* Why a byte cannot appear in a header value. */
static const char *bad_value_byte(unsigned char c)
{
    if (c == '\r')
        return "CR not followed by LF in header value";
    if (c == '\n')
        return "LF without CR: lines must end in CRLF";
    if (c == 0)
        return "NUL byte in header value";
    return "control character in header value";
}

static unsigned three_digits(const char *p)
{
    return (unsigned)(p[0] - '0') * 100u + (unsigned)(p[1] - '0') * 10u +
           (unsigned)(p[2] - '0');
}

/* --- quoted-string (§25.1) --------------------------------------------- */

/* quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE, from just
 * after the opening DQUOTE. A run of qdtext is skipped in one go first
 * (the generated SIMD skip); the rules then decide on the byte after. */
/* (Shared with the typed layer: no framing state here.) */
#undef SIPW_LEX_AT_END
#define SIPW_LEX_AT_END 0
enum sipw_qs sipw__quoted_string(const char *p, const char *lim,
                                 const char **at, unsigned *flags)
{
    const char *cur = p, *mar, *tok;

    for (;;) {
        cur = sipw__skip_qdtext(cur, lim);
        tok = mar = cur;
        /*!re2c
            qdtext_byte+ { continue; }
            CRLF WSP     { *flags |= SIPW_HF_FOLDED; continue; }
            quoted_pair {
                unsigned char c;
                if (cur > lim) { /* "\" then the end */
                    *at = tok;
                    return SIPW_QS_PAIR_END;
                }
                c = (unsigned char)cur[-1];
                if ((c < 0x20 && c != '\t') || c == 0x7f)
                    *flags |= SIPW_HF_QUOTED_CTL;
                continue;
            }
            DQUOTE       { *at = tok; return SIPW_QS_CLOSED; }
            "\\" CRLF    { *at = tok; return SIPW_QS_PAIR_CRLF; }
            "\\"         { *at = tok; return SIPW_QS_BAD_PAIR; }
            // A fold cut short by the end: the string never closes.
            CRLF end     { *at = tok; return cur > lim ? SIPW_QS_END
                                                       : SIPW_QS_LINE_END; }
            "\r" end     { *at = tok; return cur > lim ? SIPW_QS_END
                                                       : SIPW_QS_BAD_BYTE; }
            CRLF         { *at = tok; return SIPW_QS_LINE_END; }
            end          { *at = tok; return tok == lim ? SIPW_QS_END
                                                        : SIPW_QS_BAD_BYTE; }
            *            { *at = tok; return SIPW_QS_BAD_BYTE; }
        */
    }
}

#undef SIPW_LEX_AT_END
#define SIPW_LEX_AT_END (f->hit_end = 1, 0)

/* --- the start line (§7.1, §7.2) ---------------------------------------- */

/* Request-URI = SIP-URI / SIPS-URI / absoluteURI: a scheme, then URI
 * characters up to the SP (their structure is the typed layer's). */
static sipw_status request_uri(struct fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *mar = cur, *tok = cur, *u = cur;

    /*!re2c
        scheme ":" { goto rest; }
        scheme {
            return fail(f, SIPW_ESTART, cur, no_header,
                        "expected ':' after the Request-URI scheme");
        }
        SP {
            return fail(f, SIPW_ESTART, tok, no_header, "empty Request-URI");
        }
        end { if (tok == lim) return ended(f, no_header); goto not_uri; }
        * { goto not_uri; }
    */
not_uri:
    return fail(f, SIPW_ESTART, tok, no_header,
                "Request-URI must start with a URI scheme");
rest:
    for (;;) {
        tok = cur;
        /*!re2c
            (uric_byte | escaped)+ { continue; }
            SP {
                if (f->msg)
                    f->msg->request_uri = sipw__slice(u, cur - 1);
                *pcur = cur;
                return SIPW_OK;
            }
            "%" {
                return fail(f, SIPW_ESTART, tok, no_header,
                            "'%' in Request-URI not followed by two hex "
                            "digits");
            }
            end { if (tok == lim) return ended(f, no_header); goto bad; }
            * { goto bad; }
        */
    }
bad:
    (void)mar;
    return fail(f, SIPW_ESTART, tok, no_header,
                "invalid character in Request-URI");
}

/* SIP-Version CRLF, the end of the Request-Line. */
static sipw_status request_version(struct fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *mar = cur, *tok = cur;

    /*!re2c
        SIP_2_0 CRLF {
            if (f->msg)
                f->msg->version = sipw__slice(tok, cur - 2);
            *pcur = cur;
            return SIPW_OK;
        }
        SIP_Version CRLF {
            return fail(f, SIPW_EVERSION, tok, no_header,
                        "unsupported SIP-Version (only SIP/2.0)");
        }
        SIP_Version {
            return fail(f, SIPW_ESTART, cur, no_header,
                        "expected CRLF after the SIP-Version");
        }
        end { if (tok == lim) return ended(f, no_header); goto bad; }
        * { goto bad; }
    */
bad:
    (void)mar;
    return fail(f, SIPW_ESTART, tok, no_header,
                "expected SIP-Version after the Request-URI");
}

/* Status-Code SP Reason-Phrase CRLF; Status-Code = 3DIGIT, 100 to 699
 * (§7.2, §21). */
static sipw_status status_rest(struct fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *mar = cur, *tok = cur, *rs;

    /*!re2c
        DIGIT{3} SP {
            unsigned code = three_digits(tok);
            if (code < 100 || code > 699)
                return fail(f, SIPW_ESTATUS, tok, no_header,
                            "status code must be between 100 and 699");
            if (f->msg)
                f->msg->status = code;
            goto reason;
        }
        DIGIT{4,} {
            return fail(f, SIPW_ESTATUS, tok, no_header,
                        "status code has more than three digits");
        }
        DIGIT{3} {
            return fail(f, SIPW_ESTART, cur, no_header,
                        "expected SP after the status code");
        }
        end { if (tok == lim) return ended(f, no_header); goto bad_code; }
        * { goto bad_code; }
    */
bad_code:
    return fail(f, SIPW_ESTATUS, tok, no_header,
                "expected a three-digit status code");
reason:
    rs = cur;
    for (;;) {
        tok = cur;
        /*!re2c
            (reason_byte | escaped)+ { continue; }
            CRLF {
                if (f->msg)
                    f->msg->reason = sipw__slice(rs, cur - 2);
                *pcur = cur;
                return SIPW_OK;
            }
            end { if (tok == lim) return ended(f, no_header); goto bad; }
            * { goto bad; }
        */
    }
bad:
    (void)mar;
    return fail(f, SIPW_ESTART, tok, no_header,
                "invalid character in Reason-Phrase");
}

/* The first token tells a request from a response. */
static sipw_status start_line(struct fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *mar = cur, *tok = cur;
    sipw_msg *m = f->msg;
    sipw_status st;

    /*!re2c
        SIP_2_0 SP {
            if (m) {
                m->type = SIPW_MSG_RESPONSE;
                m->version = sipw__slice(tok, cur - 1);
            }
            *pcur = cur;
            return status_rest(f, pcur);
        }
        SIP_Version SP {
            return fail(f, SIPW_EVERSION, tok, no_header,
                        "unsupported SIP-Version (only SIP/2.0)");
        }
        SIP_Version {
            return fail(f, SIPW_ESTART, cur, no_header,
                        "expected SP after the SIP-Version");
        }
        token SP {
            if (m) {
                m->type = SIPW_MSG_REQUEST;
                m->method = sipw__slice(tok, cur - 1);
                m->method_id = sipw_method_lookup(tok, (size_t)(cur - 1 - tok));
            }
            st = request_uri(f, &cur);
            if (st == SIPW_OK)
                st = request_version(f, &cur);
            *pcur = cur;
            return st;
        }
        token {
            return fail(f, SIPW_ESTART, cur, no_header,
                        "expected SP after the method");
        }
        end {
            if (tok < lim)
                goto bad;
            if (f->mode == SIPW_FRAME_STREAM)
                return SIPW_INCOMPLETE;
            f->hit_end = 0; /* nothing was cut short: there is nothing */
            return fail(f, SIPW_EEMPTY, tok, no_header, "empty message");
        }
        * { goto bad; }
    */
bad:
    (void)mar;
    return fail(f, SIPW_ESTART, tok, no_header,
                "start line must begin with a method or SIP/2.0");
}

/* --- header lines (§7.3) ------------------------------------------------ */

/* A quoted string inside a header value, opened at `quote`: what
 * sipw__quoted_string() found, as a framing error. */
static sipw_status quoted_in_value(struct fr *f, const char **pcur,
                                   const char *quote, sipw_str name,
                                   unsigned *hf)
{
    const char *at;

    switch (sipw__quoted_string(*pcur, f->lim, &at, hf)) {
    case SIPW_QS_CLOSED:
        *pcur = at + 1;
        return SIPW_OK;
    case SIPW_QS_END:
    case SIPW_QS_PAIR_END:
        f->hit_end = 1;
        return ended(f, name);
    case SIPW_QS_BAD_PAIR:
        return fail(f, SIPW_EVALUE, at, name,
                    "backslash before a byte that cannot be quoted");
    case SIPW_QS_PAIR_CRLF:
        /* A "\" that ends the line quotes nothing: the string is left
         * open, as the typed parsers say for a "\" at the end of a value. */
        return fail(f, SIPW_EQUOTE, at, name,
                    "backslash at the end of a line inside a quoted string");
    case SIPW_QS_LINE_END:
        return fail(f, SIPW_EQUOTE, quote, name,
                    "quoted string not closed before the end of the header "
                    "line");
    default:
        return fail(f, SIPW_EVALUE, at, name,
                    bad_value_byte((unsigned char)*at));
    }
}

/* header-value: TEXT-UTF8char runs separated by LWS, up to the CRLF that
 * ends the line. Whitespace and folds before the first and after the last
 * character are not part of the value. A run of plain text is skipped in
 * one go first (the generated SIMD skip); the rules decide on the byte
 * after. Sets *value and *hf (SIPW_HF_* bits). */
SIPW__HOT_INLINE sipw_status header_value(struct fr *f, const char **pcur, sipw_hdr id,
                                sipw_str name, sipw_str *value, unsigned *hf)
{
    const char *cur = *pcur, *lim = f->lim, *mar = cur, *tok;
    const char *vs = NULL, *ve = NULL, *run, *a, *b;
    unsigned fold = 0;
    sipw_status st;

    for (;;) {
        run = cur;
        cur = sipw__skip_text(cur, lim);
        for (a = run; a < cur && (*a == ' ' || *a == '\t'); a++)
            ;
        if (a < cur) {
            for (b = cur; b[-1] == ' ' || b[-1] == '\t'; b--)
                ;
            if (!vs)
                vs = a;
            ve = b;
            *hf |= fold;
            fold = 0;
        }
        tok = mar = cur;
        /*!re2c
            CRLF WSP {
                if (vs)
                    fold = SIPW_HF_FOLDED;
                continue;
            }
            CRLF {
                /* An empty value is an empty slice at the end of the line. */
                *value = vs ? sipw__slice(vs, ve) : sipw__slice(tok, tok);
                *pcur = cur;
                return SIPW_OK;
            }
            DQUOTE {
                if (!vs)
                    vs = tok;
                ve = cur;
                *hf |= fold;
                fold = 0;
                if (sipw__hdr_flags[id] & SIPW_HDRF_QUOTED) {
                    st = quoted_in_value(f, &cur, tok, name, hf);
                    if (st != SIPW_OK)
                        return st;
                    ve = cur;
                }
                continue;
            }
            end { if (tok == lim) return ended(f, name); goto bad; }
            * { goto bad; }
        */
    }
bad:
    return fail(f, SIPW_EVALUE, tok, name, bad_value_byte((unsigned char)*tok));
}

/* Content-Length = 1*DIGIT (§20.14), no sign, no overflow. */
static sipw_status content_length(struct fr *f, sipw_str name, sipw_str v)
{
    uint64_t n = 0;
    size_t i;

    if (f->out->has_content_length)
        return fail(f, SIPW_EDUP, name.p, name, "header appears a second time");
    if (v.len == 0)
        return fail(f, SIPW_ECLEN, v.p, name,
                    "empty value: expected a decimal number");
    for (i = 0; i < v.len; i++) {
        unsigned d = (unsigned char)v.p[i] - (unsigned)'0';
        if (d > 9)
            return fail(f, SIPW_ECLEN, v.p + i, name,
                        "value must be a non-negative decimal number");
        if (n > (UINT64_MAX - d) / 10)
            return fail(f, SIPW_ECLEN, v.p, name, "value overflows 64 bits");
        n = n * 10 + d;
    }
    if (n > SIPW_MAX_BODY_SIZE)
        return fail(f, SIPW_ELIMIT, v.p, name,
                    "value larger than SIPW_MAX_BODY_SIZE");
    f->out->has_content_length = 1;
    f->out->content_length = n;
    return SIPW_OK;
}

/* Appends one line to the header table (when there is one). */
SIPW__HOT_INLINE sipw_status append(struct fr *f, sipw_str name, sipw_str value,
                          sipw_hdr id, unsigned hf)
{
    sipw_header *h;

    if (f->n == f->max_lines) {
        if (f->n == SIPW_MAX_HEADERS)
            return fail(f, SIPW_ELIMIT, name.p, name,
                        "more than SIPW_MAX_HEADERS header lines");
        return fail(f, SIPW_ENOMEM, name.p, name,
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

/* message-header = header-name HCOLON header-value CRLF, or the empty line
 * that ends the header section (*done set). */
SIPW__HOT_INLINE sipw_status header_line(struct fr *f, const char **pcur, int *done)
{
    const char *cur = *pcur, *lim = f->lim, *mar = cur, *tok = cur;
    sipw_str name, value = no_header;
    unsigned hf = 0;
    sipw_hdr id;
    sipw_status st;

    id = sipw__hdr_scan(&cur, lim, &f->hit_end);
    if (cur == tok) {
        /*!re2c
            CRLF { *done = 1; *pcur = cur; return SIPW_OK; }
            WSP {
                return fail(f, SIPW_EHEADER, tok, no_header,
                            "line starts with whitespace but there is no "
                            "header to continue");
            }
            ":" {
                return fail(f, SIPW_EHEADER, tok, no_header,
                            "empty header name");
            }
            end { if (tok == lim) return ended(f, no_header); goto no_name; }
            * { goto no_name; }
        */
    no_name:
        return fail(f, SIPW_EHEADER, tok, no_header,
                    "expected a header name (a token)");
    }
    name = sipw__slice(tok, cur);

    /* HCOLON = *( SP / HTAB ) ":" SWS; the SWS is the value's to skip. */
    tok = cur;
    /*!re2c
        WSP* ":" { goto value; }
        WSP* end {
            if (cur > lim)
                return ended(f, name);
            tok = cur - 1;
            goto no_colon;
        }
        WSP+ { tok = cur; goto no_colon; }
        * { goto no_colon; }
    */
no_colon:
    return fail(f, SIPW_EHEADER, tok, name,
                "expected ':' after the header name");
value:
    (void)mar;
    st = header_value(f, &cur, id, name, &value, &hf);
    if (st == SIPW_OK && id == SIPW_HDR_CONTENT_LENGTH)
        st = content_length(f, name, value);
    if (st == SIPW_OK)
        st = append(f, name, value, id, hf);
    *pcur = cur;
    return st;
}

/* The header table grows as one array from the arena's bottom: where it
 * starts and how many lines fit. */
static void table_room(struct fr *f, sipw_arena *arena)
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

sipw_status sipw__frame(const char *buf, size_t len, enum sipw_frame_mode mode,
                        sipw_msg *msg, sipw_arena *arena,
                        struct sipw_framing *out, sipw_error *err)
{
    struct fr f;
    const char *cur = buf;
    int done = 0;
    sipw_status st;

    f.buf = buf;
    /* (buf may be NULL when len is 0: no arithmetic on it then.) */
    f.end = len ? buf + len : buf;
    f.lim = len ? buf + (len < SIPW_MAX_HEAD_SIZE ? len : SIPW_MAX_HEAD_SIZE)
                : buf;
    f.mode = mode;
    f.hit_end = 0;
    f.in_headers = 0;
    f.err = err;
    f.msg = msg;
    f.table = NULL;
    f.n = 0;
    f.max_lines = SIPW_MAX_HEADERS;
    f.out = out;
    out->head_len = 0;
    out->has_content_length = 0;
    out->content_length = 0;
    if (msg)
        table_room(&f, arena);

    st = start_line(&f, &cur);
    f.in_headers = 1;
    while (st == SIPW_OK && !done)
        st = header_line(&f, &cur, &done);
    if (st != SIPW_OK)
        return st;

    out->head_len = (size_t)(cur - buf);
    if (msg) {
        msg->nheaders = f.n;
        if (f.n == 0)
            msg->headers = NULL;
        else
            arena->lo = (size_t)((unsigned char *)(f.table + f.n) - arena->base);
    }
    return SIPW_OK;
}
