/* SPDX-License-Identifier: MIT */
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
 * "truncated" (sipw__fr_fail(), src/frame/state.c). The body is not
 * lexed: its length comes from Content-Length. Also the one lexer of quoted strings
 * (sipw__quoted_string), which the typed layer uses too. */
#include "frame/frame.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* The framing lexers record that they looked at `lim` (lexer.re). */
#undef SIPW_LEX_AT_END
#define SIPW_LEX_AT_END (f->hit_end = 1, 0)

static const sipw_str no_header = {NULL, 0};

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
    const char *cur = p, *tok, *mar = NULL;

    for (;;) {
        cur = sipw__skip_qdtext(cur, lim);
        tok = cur;
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
            // "\" CR then the end: the caller knows whether more may come.
            "\\" "\r" end { *at = tok; return cur > lim ? SIPW_QS_PAIR_CR_END
                                                        : SIPW_QS_BAD_PAIR; }
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
static sipw_status request_uri(struct sipw__fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *tok = cur, *u = cur, *mar = NULL;

    /*!re2c
        scheme ":" { goto rest; }
        scheme {
            return sipw__fr_fail(f, SIPW_ESTART, cur, no_header,
                        "expected ':' after the Request-URI scheme");
        }
        SP {
            return sipw__fr_fail(f, SIPW_ESTART, tok, no_header, "empty Request-URI");
        }
        end { if (tok == lim) return sipw__fr_ended(f, no_header); goto not_uri; }
        * {
        not_uri:
            return sipw__fr_fail(f, SIPW_ESTART, tok, no_header,
                        "Request-URI must start with a URI scheme");
        }
    */
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
                return sipw__fr_fail(f, SIPW_ESTART, tok, no_header,
                            "'%' in Request-URI not followed by two hex "
                            "digits");
            }
            end { if (tok == lim) return sipw__fr_ended(f, no_header); goto bad; }
            * { goto bad; }
        */
    }
bad:
    return sipw__fr_fail(f, SIPW_ESTART, tok, no_header,
                "invalid character in Request-URI");
}

/* SIP-Version CRLF, the end of the Request-Line. */
static sipw_status request_version(struct sipw__fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *tok = cur, *mar = NULL;

    /*!re2c
        SIP_2_0 CRLF {
            if (f->msg)
                f->msg->version = sipw__slice(tok, cur - 2);
            *pcur = cur;
            return SIPW_OK;
        }
        SIP_Version CRLF {
            return sipw__fr_fail(f, SIPW_EVERSION, tok, no_header,
                        "unsupported SIP-Version (only SIP/2.0)");
        }
        SIP_Version {
            return sipw__fr_fail(f, SIPW_ESTART, cur, no_header,
                        "expected CRLF after the SIP-Version");
        }
        end { if (tok == lim) return sipw__fr_ended(f, no_header); goto bad; }
        * {
        bad:
            return sipw__fr_fail(f, SIPW_ESTART, tok, no_header,
                        "expected SIP-Version after the Request-URI");
        }
    */
}

/* Status-Code SP Reason-Phrase CRLF; Status-Code = 3DIGIT, 100 to 699
 * (§7.2, §21). */
static sipw_status status_rest(struct sipw__fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *tok = cur, *rs, *mar = NULL;

    /*!re2c
        DIGIT{3} SP {
            unsigned code = sipw__three_digits(tok);
            if (code < 100 || code > 699)
                return sipw__fr_fail(f, SIPW_ESTATUS, tok, no_header,
                            "status code must be between 100 and 699");
            if (f->msg)
                f->msg->status = code;
            goto reason;
        }
        DIGIT{4,} {
            return sipw__fr_fail(f, SIPW_ESTATUS, tok, no_header,
                        "status code has more than three digits");
        }
        DIGIT{3} {
            return sipw__fr_fail(f, SIPW_ESTART, cur, no_header,
                        "expected SP after the status code");
        }
        end { if (tok == lim) return sipw__fr_ended(f, no_header); goto bad_code; }
        * {
        bad_code:
            return sipw__fr_fail(f, SIPW_ESTATUS, tok, no_header,
                        "expected a three-digit status code");
        }
    */
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
            end { if (tok == lim) return sipw__fr_ended(f, no_header); goto bad; }
            * { goto bad; }
        */
    }
bad:
    return sipw__fr_fail(f, SIPW_ESTART, tok, no_header,
                "invalid character in Reason-Phrase");
}

/* The first token tells a request from a response. */
static sipw_status start_line(struct sipw__fr *f, const char **pcur)
{
    const char *cur = *pcur, *lim = f->lim, *tok = cur, *mar = NULL;
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
            return sipw__fr_fail(f, SIPW_EVERSION, tok, no_header,
                        "unsupported SIP-Version (only SIP/2.0)");
        }
        SIP_Version {
            return sipw__fr_fail(f, SIPW_ESTART, cur, no_header,
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
            return sipw__fr_fail(f, SIPW_ESTART, cur, no_header,
                        "expected SP after the method");
        }
        end {
            if (tok < lim)
                goto bad;
            if (f->mode == SIPW_FRAME_STREAM)
                return SIPW_INCOMPLETE;
            f->hit_end = 0; /* nothing was cut short: there is nothing */
            return sipw__fr_fail(f, SIPW_EEMPTY, tok, no_header, "empty message");
        }
        * {
        bad:
            return sipw__fr_fail(f, SIPW_ESTART, tok, no_header,
                        "start line must begin with a method or SIP/2.0");
        }
    */
}

/* --- header lines (§7.3) ------------------------------------------------ */

/* header-value: TEXT-UTF8char runs separated by LWS, up to the CRLF that
 * ends the line. Whitespace and folds before the first and after the last
 * character are not part of the value. A run of plain text is skipped in
 * one go first (the generated SIMD skip); the rules decide on the byte
 * after. Sets *value and *hf (SIPW_HF_* bits). */
SIPW__HOT_INLINE sipw_status header_value(struct sipw__fr *f, const char **pcur, sipw_hdr id,
                                sipw_str name, sipw_str *value, unsigned *hf)
{
    const char *cur = *pcur, *lim = f->lim, *tok;
    const char *vs = NULL, *ve = NULL, *run, *a, *b, *at;
    unsigned fold = 0;
    enum sipw_qs qs;

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
        tok = cur;
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
                    qs = sipw__quoted_string(cur, lim, &at, hf);
                    if (qs != SIPW_QS_CLOSED)
                        return sipw__fr_quoted_bad(f, qs, at, tok, name);
                    cur = at + 1;
                    ve = cur;
                }
                continue;
            }
            end { if (tok == lim) return sipw__fr_ended(f, name); goto bad; }
            * { goto bad; }
        */
    }
bad:
    return sipw__fr_fail(f, SIPW_EVALUE, tok, name, sipw__fr_bad_byte((unsigned char)*tok));
}

/* message-header = header-name HCOLON header-value CRLF, or the empty line
 * that ends the header section (*done set). */
SIPW__HOT_INLINE sipw_status header_line(struct sipw__fr *f, const char **pcur, int *done)
{
    const char *cur = *pcur, *lim = f->lim, *tok = cur;
    sipw_str name, value = no_header;
    unsigned hf = 0;
    sipw_hdr id;
    sipw_status st;

    id = sipw__hdr_scan(&cur, lim, &f->hit_end);
    if (cur == tok) {
        /*!re2c
            CRLF { *done = 1; *pcur = cur; return SIPW_OK; }
            WSP {
                return sipw__fr_fail(f, SIPW_EHEADER, tok, no_header,
                            "line starts with whitespace but there is no "
                            "header to continue");
            }
            ":" {
                return sipw__fr_fail(f, SIPW_EHEADER, tok, no_header,
                            "empty header name");
            }
            end { if (tok == lim) return sipw__fr_ended(f, no_header); goto no_name; }
            * {
            no_name:
                return sipw__fr_fail(f, SIPW_EHEADER, tok, no_header,
                            "expected a header name (a token)");
            }
        */
    }
    name = sipw__slice(tok, cur);

    /* HCOLON = *( SP / HTAB ) ":" SWS; the SWS is the value's to skip. */
    tok = cur;
    /*!re2c
        WSP* ":" { goto value; }
        WSP* end {
            if (cur > lim)
                return sipw__fr_ended(f, name);
            tok = cur - 1;
            goto no_colon;
        }
        WSP+ { tok = cur; goto no_colon; }
        * {
        no_colon:
            return sipw__fr_fail(f, SIPW_EHEADER, tok, name,
                        "expected ':' after the header name");
        }
    */
value:
    st = header_value(f, &cur, id, name, &value, &hf);
    if (st == SIPW_OK && id == SIPW_HDR_CONTENT_LENGTH)
        st = sipw__fr_content_length(f, name, value);
    if (st == SIPW_OK)
        st = sipw__fr_append(f, name, value, id, hf);
    *pcur = cur;
    return st;
}


sipw_status sipw__frame(const char *buf, size_t len, enum sipw_frame_mode mode,
                        sipw_msg *msg, sipw_arena *arena,
                        struct sipw_framing *out, sipw_error *err)
{
    struct sipw__fr f;
    const char *cur = buf;
    int done = 0;
    sipw_status st;

    sipw__fr_begin(&f, buf, len, mode, msg, arena, out, err);
    st = start_line(&f, &cur);
    f.in_headers = 1;
    while (st == SIPW_OK && !done)
        st = header_line(&f, &cur, &done);
    return st == SIPW_OK ? sipw__fr_end(&f, cur, arena) : st;
}
