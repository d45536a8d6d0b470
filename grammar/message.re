/* Message framing: RFC 3261 §7 (SIP messages).
 *
 *   SIP-message    = Request / Response
 *   Request        = Request-Line *( message-header ) CRLF [ message-body ]
 *   Response       = Status-Line  *( message-header ) CRLF [ message-body ]
 *   Request-Line   = Method SP Request-URI SP SIP-Version CRLF     (§7.1)
 *   Status-Line    = SIP-Version SP Status-Code SP Reason-Phrase CRLF (§7.2)
 *   message-header = header-name HCOLON header-value CRLF          (§7.3)
 *   HCOLON         = *( SP / HTAB ) ":" SWS
 *   LWS            = [*WSP CRLF] 1*WSP    ; a fold, §7.3.1
 *
 * One pass, left to right, over the start line and the header lines. The
 * lexers are bounds-checked without a sentinel (lexer.re), so every block
 * either matches a rule inside the data or takes its `$`/default rule. A stream reader turns "ran into the end" into
 * "incomplete", a datagram reader into "truncated". The body is not
 * lexed: its length comes from Content-Length (msg.c). */

#include <string.h>

#include "frame/frame.h"
#include "base/scan.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

/*!re2c
    // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII (folds apart)
    qdtext = WSP | [\x21\x23-\x5b\x5d-\x7e] | UTF8_NONASCII;
    // Request-URI characters: reserved / unreserved, and "[" "]" for IPv6
    // references (RFC 5118); "%" only as part of an escape.
    uric   = reserved | unreserved | [[\]];
    // Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII
    //                   / UTF8-CONT / SP / HTAB)
    rchar  = reserved | unreserved | UTF8_NONASCII | WSP;
*/

/* State shared by the lexer blocks of one call. */
struct fr {
    const char *buf;   /* start of the message */
    const char *end;   /* end of the caller's data */
    const char *lim;   /* where the lexers stop reading (end, capped) */
    enum sipw_frame_mode mode;
    int hit_end;       /* a lexer wanted a byte at lim */
    int in_headers;    /* past the start line */
    sipw_error *err;
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

/* For the `$` rules: the data ended where more was expected. YYFILL has
 * set hit_end, so fail() decides what that means for this mode. */
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

static sipw_str slice(const char *b, const char *e)
{
    sipw_str s = {b, (size_t)(e - b)};
    return s;
}

/* Content-Length = 1*DIGIT (§20.14), no sign, no overflow. */
static sipw_status content_length(struct fr *f, sipw_str name, sipw_str v,
                                  uint64_t *out)
{
    uint64_t n = 0;
    size_t i;

    if (v.len == 0)
        return fail(f, SIPW_ECLEN, v.p, name, "empty value: expected a decimal number");
    for (i = 0; i < v.len; i++) {
        unsigned d = (unsigned char)v.p[i] - (unsigned)'0';
        if (d > 9)
            return fail(f, SIPW_ECLEN, v.p + i, name,
                        "value must be a non-negative decimal number");
        if (n > (UINT64_MAX - d) / 10)
            return fail(f, SIPW_ECLEN, v.p, name,
                        "value overflows 64 bits");
        n = n * 10 + d;
    }
    if (n > SIPW_MAX_BODY_SIZE)
        return fail(f, SIPW_ELIMIT, v.p, name,
                    "value larger than SIPW_MAX_BODY_SIZE");
    *out = n;
    return SIPW_OK;
}

/* "SIP/2.0" with SIP in any case (SIP_2_0 in abnf.re) at p; reads 7
 * bytes. */
static int is_sip_2_0(const char *p)
{
    return (p[0] | 0x20) == 's' && (p[1] | 0x20) == 'i' &&
           (p[2] | 0x20) == 'p' && memcmp(p + 3, "/2.0", 4) == 0;
}

static unsigned three_digits(const char *p)
{
    return (unsigned)(p[0] - '0') * 100u + (unsigned)(p[1] - '0') * 10u +
           (unsigned)(p[2] - '0');
}

sipw_status sipw__frame(const char *buf, size_t len, enum sipw_frame_mode mode,
                        sipw_msg *msg, sipw_arena *arena,
                        struct sipw_framing *out, sipw_error *err)
{
    struct fr f;
    const char *cur = buf, *mar = buf, *lim, *tok;
    const char *line, *name_end, *vstart, *vend, *quote, *rstart;
    sipw_str name, value;
    sipw_header *table = NULL;
    size_t n = 0, max_lines = SIPW_MAX_HEADERS; /* and what the arena holds */
    uint16_t last[SIPW_HDR__COUNT];
    unsigned hf;
    int pending_fold;
    sipw_hdr id;
    sipw_status st;
    int *const hit_end = &f.hit_end; /* for YYFILL (lexer.re) */

    f.buf = buf;
    /* (buf may be NULL when len is 0: no arithmetic on it then.) */
    f.end = len ? buf + len : buf;
    f.lim = lim = len ? buf + (len < SIPW_MAX_HEAD_SIZE ? len : SIPW_MAX_HEAD_SIZE)
                      : buf;
    f.mode = mode;
    f.hit_end = 0;
    f.in_headers = 0;
    f.err = err;
    out->head_len = 0;
    out->has_content_length = 0;
    out->content_length = 0;

    if (msg) {
        size_t room = 0;
        /* The header table grows as one array from the arena's bottom. */
        if (arena->base) {
            unsigned char *bottom = arena->base + arena->lo;
            size_t pad = (size_t)(-(uintptr_t)bottom &
                                  (uintptr_t)(_Alignof(sipw_header) - 1));
            size_t free_bytes = arena->size - arena->lo - arena->hi;
            if (free_bytes >= pad) {
                table = (sipw_header *)(void *)(bottom + pad);
                room = (free_bytes - pad) / sizeof(sipw_header);
                msg->headers = table;
            }
        }
        if (room < max_lines)
            max_lines = room;
    }

    /* §7.1 / §7.2: the first token tells a request from a response. */
    tok = cur;
    /* Fast paths for the two common forms, the ones the rules below take
     * first: "SIP/2.0 " (SIP in any case) and a token followed by SP (no
     * other rule matches it: a SIP-Version needs a "/", no token byte). */
    if (lim - cur >= 8 && is_sip_2_0(cur) && cur[7] == ' ') {
        cur += 8;
        if (msg) {
            msg->type = SIPW_MSG_RESPONSE;
            msg->version = slice(tok, cur - 1);
        }
        goto status_code;
    }
    {
        const char *q = sipw__span(cur, lim, SIPW_CC_TOKEN);
        if (q > cur && q < lim && *q == ' ') {
            cur = q + 1;
            if (msg) {
                msg->type = SIPW_MSG_REQUEST;
                msg->method = slice(tok, q);
                msg->method_id = sipw_method_lookup(tok, (size_t)(q - tok));
            }
            goto request_uri;
        }
    }
    /*!re2c
        SIP_2_0 SP {
            if (msg) {
                msg->type = SIPW_MSG_RESPONSE;
                msg->version = slice(tok, cur - 1);
            }
            goto status_code;
        }
        SIP_Version SP {
            return fail(&f, SIPW_EVERSION, tok, no_header,
                        "unsupported SIP-Version (only SIP/2.0)");
        }
        SIP_Version {
            return fail(&f, SIPW_ESTART, cur, no_header,
                        "expected SP after the SIP-Version");
        }
        token SP {
            if (msg) {
                msg->type = SIPW_MSG_REQUEST;
                msg->method = slice(tok, cur - 1);
                msg->method_id = sipw_method_lookup(tok, (size_t)(cur - 1 - tok));
            }
            goto request_uri;
        }
        token {
            return fail(&f, SIPW_ESTART, cur, no_header,
                        "expected SP after the method");
        }
        $ {
            if (mode == SIPW_FRAME_STREAM)
                return SIPW_INCOMPLETE;
            f.hit_end = 0; /* nothing was cut short: there is nothing */
            return fail(&f, SIPW_EEMPTY, tok, no_header, "empty message");
        }
        * {
            return fail(&f, SIPW_ESTART, tok, no_header,
                        "start line must begin with a method or SIP/2.0");
        }
    */

request_uri:
    /* Request-URI = SIP-URI / SIPS-URI / absoluteURI: a scheme, then URI
     * characters up to the SP. Its inner structure is parsed later. */
    tok = cur;
    /* Fast path: "sip:" or "sips:" (any case) is what `scheme ":"` takes
     * for them; the URI bytes after it are skipped by table, and the loop
     * below goes on from the first other byte (SP, "%", an error), as it
     * would after its own uric+. */
    if (lim - cur >= 5 && (cur[0] | 0x20) == 's' && (cur[1] | 0x20) == 'i' &&
        (cur[2] | 0x20) == 'p' &&
        (cur[3] == ':' || ((cur[3] | 0x20) == 's' && cur[4] == ':'))) {
        cur = sipw__span(cur + (cur[3] == ':' ? 4 : 5), lim, SIPW_CC_URIC);
        goto request_uri_rest;
    }
    /*!re2c
        scheme ":" { goto request_uri_rest; }
        scheme {
            return fail(&f, SIPW_ESTART, cur, no_header,
                        "expected ':' after the Request-URI scheme");
        }
        SP {
            return fail(&f, SIPW_ESTART, tok, no_header, "empty Request-URI");
        }
        $ { return ended(&f, no_header); }
        * {
            return fail(&f, SIPW_ESTART, tok, no_header,
                        "Request-URI must start with a URI scheme");
        }
    */
request_uri_rest:
    tok = cur;
    /*!re2c
        uric+   { goto request_uri_rest; }
        escaped { goto request_uri_rest; }
        SP {
            if (msg) {
                const char *u = msg->method.p + msg->method.len + 1;
                msg->request_uri = slice(u, cur - 1);
            }
            goto request_version;
        }
        "%" {
            return fail(&f, SIPW_ESTART, tok, no_header,
                        "'%' in Request-URI not followed by two hex digits");
        }
        $ { return ended(&f, no_header); }
        * {
            return fail(&f, SIPW_ESTART, tok, no_header,
                        "invalid character in Request-URI");
        }
    */

request_version:
    tok = cur;
    /* Fast path: "SIP/2.0" CRLF, the first rule below. */
    if (lim - cur >= 9 && is_sip_2_0(cur) && cur[7] == '\r' &&
        cur[8] == '\n') {
        cur += 9;
        if (msg)
            msg->version = slice(tok, cur - 2);
        goto headers;
    }
    /*!re2c
        SIP_2_0 CRLF {
            if (msg)
                msg->version = slice(tok, cur - 2);
            goto headers;
        }
        SIP_Version CRLF {
            return fail(&f, SIPW_EVERSION, tok, no_header,
                        "unsupported SIP-Version (only SIP/2.0)");
        }
        SIP_Version {
            return fail(&f, SIPW_ESTART, cur, no_header,
                        "expected CRLF after the SIP-Version");
        }
        $ { return ended(&f, no_header); }
        * {
            return fail(&f, SIPW_ESTART, tok, no_header,
                        "expected SIP-Version after the Request-URI");
        }
    */

status_code:
    /* Status-Code = 3DIGIT, 100 to 699 (§7.2, §21). */
    tok = cur;
    /* Fast path: 3DIGIT SP in range (the first rule below), then the
     * Reason-Phrase bytes by table; the `reason` loop goes on from the
     * first other byte (CR, "%", an error), as after its own rchar+. */
    if (lim - cur >= 4 && (unsigned)(cur[0] - '1') < 6u &&
        (unsigned)(cur[1] - '0') < 10u && (unsigned)(cur[2] - '0') < 10u &&
        cur[3] == ' ') {
        if (msg)
            msg->status = three_digits(cur);
        cur += 4;
        rstart = cur;
        cur = sipw__span(cur, lim, SIPW_CC_REASON);
        goto reason;
    }
    /*!re2c
        DIGIT{3} SP {
            unsigned code = three_digits(tok);
            if (code < 100 || code > 699)
                return fail(&f, SIPW_ESTATUS, tok, no_header,
                            "status code must be between 100 and 699");
            if (msg)
                msg->status = code;
            rstart = cur;
            goto reason;
        }
        DIGIT{4,} {
            return fail(&f, SIPW_ESTATUS, tok, no_header,
                        "status code has more than three digits");
        }
        DIGIT{3} {
            return fail(&f, SIPW_ESTART, cur, no_header,
                        "expected SP after the status code");
        }
        $ { return ended(&f, no_header); }
        * {
            return fail(&f, SIPW_ESTATUS, tok, no_header,
                        "expected a three-digit status code");
        }
    */

reason:
    tok = cur;
    /*!re2c
        rchar+  { goto reason; }
        escaped { goto reason; }
        CRLF {
            if (msg)
                msg->reason = slice(rstart, cur - 2);
            goto headers;
        }
        $ { return ended(&f, no_header); }
        * {
            return fail(&f, SIPW_ESTART, tok, no_header,
                        "invalid character in Reason-Phrase");
        }
    */

headers:
    f.in_headers = 1;
header_line:
    /* message-header = header-name HCOLON header-value CRLF, or the empty
     * line that ends the header section. */
    line = cur;
    id = sipw__hdr_scan(&cur, lim, hit_end);
    if (cur == line) {
        tok = cur;
        /*!re2c
            CRLF { goto end_of_headers; }
            WSP {
                return fail(&f, SIPW_EHEADER, tok, no_header,
                            "line starts with whitespace but there is no "
                            "header to continue");
            }
            ":" {
                return fail(&f, SIPW_EHEADER, tok, no_header,
                            "empty header name");
            }
            $ { return ended(&f, no_header); }
            * {
                return fail(&f, SIPW_EHEADER, tok, no_header,
                            "expected a header name (a token)");
            }
        */
    }
    name_end = cur;
    name = slice(line, name_end);

header_colon:
    /* HCOLON = *( SP / HTAB ) ":" SWS */
    tok = cur;
    /*!re2c
        WSP+ { goto header_colon; }
        ":"  { goto header_value; }
        $    { return ended(&f, name); }
        * {
            return fail(&f, SIPW_EHEADER, tok, name,
                        "expected ':' after the header name");
        }
    */

header_value:
    vstart = vend = quote = NULL;
    pending_fold = 0;
    hf = 0;
value:
    /* header-value: TEXT-UTF8char runs separated by LWS. Whitespace and
     * folds before the first and after the last character are not part
     * of the value. A run of plain text is skipped in one go first
     * (scan.h); the rules below then decide on the byte it stopped at. */
    {
        const char *run = cur, *a, *b;
        cur = sipw__skip_text(cur, lim);
        for (a = run; a < cur && (*a == ' ' || *a == '\t'); a++)
            ;
        if (a < cur) {
            for (b = cur; b[-1] == ' ' || b[-1] == '\t'; b--)
                ;
            if (!vstart)
                vstart = a;
            vend = b;
            hf |= (unsigned)pending_fold;
            pending_fold = 0;
        }
    }
    /* Text and whitespace are gone: what is left is a line end, a quote,
     * a byte that cannot be in a value, or the end of the data. */
    tok = cur;
    /*!re2c
        CRLF WSP {
            if (vstart)
                pending_fold = SIPW_HF_FOLDED;
            goto value;
        }
        CRLF { goto value_done; }
        DQUOTE {
            if (!vstart)
                vstart = tok;
            vend = cur;
            hf |= (unsigned)pending_fold;
            pending_fold = 0;
            if (sipw__hdr_flags[id] & SIPW_HDRF_QUOTED) {
                quote = tok;
                goto quoted;
            }
            goto value;
        }
        $ { return ended(&f, name); }
        * {
            return fail(&f, SIPW_EVALUE, tok, name,
                        bad_value_byte((unsigned char)*tok));
        }
    */

quoted:
    /* quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE. The run
     * of qdtext is skipped in one go first (scan.h), as in `value`. */
    cur = sipw__skip_qdtext(cur, lim);
    tok = cur;
    /*!re2c
        qdtext+ { goto quoted; }
        DQUOTE {
            vend = cur;
            goto value;
        }
        "\\" quoted_pair_char {
            unsigned char c = (unsigned char)cur[-1];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                hf |= SIPW_HF_QUOTED_CTL;
            goto quoted;
        }
        "\\" {
            return fail(&f, SIPW_EVALUE, tok, name,
                        "backslash before a byte that cannot be quoted");
        }
        // A "\" that ends the line quotes nothing: the string is left open,
        // as the typed parsers say for a "\" at the end of a value.
        "\\" CRLF {
            return fail(&f, SIPW_EQUOTE, tok, name,
                        "backslash at the end of a line inside a quoted "
                        "string");
        }
        CRLF WSP {
            hf |= SIPW_HF_FOLDED;
            goto quoted;
        }
        CRLF {
            return fail(&f, SIPW_EQUOTE, quote, name,
                        "quoted string not closed before the end of the "
                        "header line");
        }
        $ { return ended(&f, name); }
        * {
            return fail(&f, SIPW_EVALUE, tok, name,
                        bad_value_byte((unsigned char)*tok));
        }
    */

value_done:
    /* An empty value is an empty slice at the end of the line. */
    value = vstart ? slice(vstart, vend) : slice(cur - 2, cur - 2);

    if (id == SIPW_HDR_CONTENT_LENGTH) {
        if (out->has_content_length)
            return fail(&f, SIPW_EDUP, line, name,
                        "header appears a second time");
        st = content_length(&f, name, value, &out->content_length);
        if (st != SIPW_OK)
            return st;
        out->has_content_length = 1;
    }

    if (n == max_lines) {
        if (n == SIPW_MAX_HEADERS)
            return fail(&f, SIPW_ELIMIT, line, name,
                        "more than SIPW_MAX_HEADERS header lines");
        return fail(&f, SIPW_ENOMEM, line, name,
                    "arena too small for the header table");
    }
    if (msg) {
        sipw_header *h = &table[n];
        h->name = name;
        h->value = value;
        h->id = (uint16_t)id;
        h->flags = (uint16_t)hf;
        h->next = 0;
        if (msg->first[id] == 0)
            msg->first[id] = (uint16_t)(n + 1);
        else
            table[last[id]].next = (uint32_t)n;
        last[id] = (uint16_t)n;
    }
    n++;
    goto header_line;

end_of_headers:
    out->head_len = (size_t)(cur - buf);
    if (msg) {
        msg->nheaders = n;
        if (n == 0)
            msg->headers = NULL;
        else
            arena->lo = (size_t)((unsigned char *)(table + n) - arena->base);
    }
    (void)mar;
    return SIPW_OK;
}
