/* The other typed headers: RFC 3261 §20 (Call-ID, CSeq, Max-Forwards,
 * Expires, Min-Expires, Content-Type, Retry-After, Date, the option-tag
 * and method lists) and RFC 6665 §8.2 (Event, Subscription-State).
 *
 * Each parser reads exactly [p, e): a header value without the LWS
 * around it, folds possibly inside (src/typed.h). Parameter lists are
 * lexed one "SEMI generic-param" at a time by sipw__gparam() (params.re);
 * the few parameters a stack acts on are picked out and checked here, the
 * list itself is kept as one raw slice. Every loop advances over the
 * input, so a parse is linear in the value's length. */
#include <string.h>

#include "typed/typed.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

/*!re2c
    // RFC 6665 §8.4: token-nodot = 1*( alphanum / "-" / "!" / "%" / "*"
    //                                   / "_" / "+" / "`" / "'" / "~" )
    token_nodot = (alphanum | [\-!%*_+`'~])+;

    // §25.1: ctext = %x21-27 / %x2A-5B / %x5D-7E / UTF8-NONASCII / LWS
    ctext = [\x21-\x27\x2a-\x5b\x5d-\x7e] | UTF8_NONASCII | LWS;

    // LWS, SWS, SLASH and COMMA of §25.1 with any number of folds: §7.3.1
    // reads each fold as one SP, and params.re (sipw__sws) does the same.
    lws   = LWS+;
    sws   = lws?;
    slash = sws "/" sws;
    comma = sws "," sws;

    // The SP of rfc1123-date (§25.1). A fold counts as one SP: §7.3.1
    // reads "CRLF 1*WSP" as a single SP.
    date_sp = SP | CRLF WSP+;
*/

/* The variables the re2c blocks of lexer.re use, over [start, e). */
#define LEXER(start)                                                           \
    const char *cur = (start), *const lim = e, *mar = cur, *tok = cur;         \
    int hit_end_ = 0, *const hit_end = &hit_end_

#define FAIL(at, reason) sipw__tp_fail(tp, SIPW_EVALUE, (at), (reason))

static sipw_str slice(const char *b, const char *e)
{
    sipw_str s;
    s.p = b;
    s.len = (size_t)(e - b);
    return s;
}

static const sipw_str none = {NULL, 0};

/* Case-insensitive comparison of a parameter name with a literal. */
static int name_is(sipw_str name, const char *lit)
{
    sipw_str l;
    l.p = lit;
    l.len = strlen(lit);
    return sipw_str_caseeq(name, l);
}

/* delta-seconds = 1*DIGIT (§25.1) at *pcur, leading zeros allowed, with a
 * value no greater than max; a larger value is reported at its first
 * digit with the reason too_big. Advances *pcur past the digits. */
static sipw_status number(const struct sipw_tp *tp, const char **pcur,
                          const char *e, uint32_t max, const char *too_big,
                          uint32_t *out)
{
    LEXER(*pcur);
    uint64_t v = 0;
    const char *q;

    /*!re2c
        DIGIT+ { goto digits; }
        $ { return FAIL(cur, "expected a decimal number"); }
        * { return FAIL(tok, "expected a decimal number"); }
    */
digits:
    /* v <= max < 2^32 before each step: no overflow in 64 bits. Stops at
     * the first digit that makes it too big. */
    for (q = tok; q < cur; q++) {
        v = v * 10 + (uint64_t)(*q - '0');
        if (v > max)
            return FAIL(tok, too_big);
    }
    (void)mar;
    *out = (uint32_t)v;
    *pcur = cur;
    return SIPW_OK;
}

/* Whether [p, e) is exactly one token (§25.1). */
static int is_token(const char *p, const char *e)
{
    LEXER(p);
    /*!re2c
        token { return cur == e; }
        $ { return 0; }
        * { return 0; }
    */
    (void)mar;
    (void)tok;
}

/* The value of a picked-out parameter ("name=delta-seconds"), which may
 * appear once: *has says whether it was seen before. */
static sipw_status param_number(const struct sipw_tp *tp,
                                const sipw_param *prm, uint32_t *out,
                                int *has)
{
    const char *v = prm->value.p, *end;
    sipw_status st;

    if (*has)
        return sipw__tp_fail(tp, SIPW_EDUP, prm->name.p,
                             "duplicate parameter");
    if (!v)
        return FAIL(prm->name.p + prm->name.len,
                    "parameter needs a value: expected \"=\" and a number");
    end = v + prm->value.len; /* not before: no arithmetic on NULL */
    if (prm->quoted)
        return FAIL(v - 1, "expected a decimal number, not a quoted string");
    st = number(tp, &v, end, UINT32_MAX, "value above 2^32-1", out);
    if (st != SIPW_OK)
        return st;
    if (v != end)
        return FAIL(v, "expected a decimal number");
    *has = 1;
    return SIPW_OK;
}

/* The value of a picked-out parameter ("name=token"), which may appear
 * once. */
static sipw_status param_token(const struct sipw_tp *tp,
                               const sipw_param *prm, sipw_str *out)
{
    const char *v = prm->value.p;

    if (out->p)
        return sipw__tp_fail(tp, SIPW_EDUP, prm->name.p,
                             "duplicate parameter");
    if (!v)
        return FAIL(prm->name.p + prm->name.len,
                    "parameter needs a value: expected \"=\" and a token");
    if (prm->quoted)
        return FAIL(v - 1, "expected a token, not a quoted string");
    if (!is_token(v, v + prm->value.len))
        return FAIL(v, "expected a token");
    *out = prm->value;
    return SIPW_OK;
}

/* Where a parameter list that starts at cur (SWS then ";") begins: the
 * first ";", or {NULL, 0} when the value ends at cur. */
static sipw_str params_slice(const char *cur, const char *e)
{
    const char *q = cur;
    if (cur == e)
        return none;
    sipw__sws(&q, e);
    return slice(q, e);
}

/* --- Call-ID ------------------------------------------------------- */

/* §20.8, §25.1: Call-ID = ( "Call-ID" / "i" ) HCOLON callid;
 * callid = word [ "@" word ]. */
sipw_status sipw__callid(const struct sipw_tp *tp, const char *p,
                         const char *e)
{
    LEXER(p);
    const char *q;

    /* Fast path for a valid Call-ID: the same word runs, by table. Any
     * error is left to the lexer below, which finds it in order. */
    q = sipw__span_long(p, e, SIPW_CC_WORD);
    if (q > p && q < e && *q == '@') {
        tok = q + 1;
        q = sipw__span_long(tok, e, SIPW_CC_WORD);
        if (q == tok)
            q = tok - 1; /* no word after "@" */
    }
    if (q > p && q == e)
        return SIPW_OK;

    /*!re2c
        word { goto at; }
        $ { return FAIL(cur, "empty Call-ID"); }
        "@" { return FAIL(tok, "Call-ID has no word before '@'"); }
        * { return FAIL(tok, "invalid character in Call-ID"); }
    */
at:
    if (cur == e)
        return SIPW_OK;
    if (*cur != '@')
        return FAIL(cur, "invalid character in Call-ID");
    tok = ++cur;
    /*!re2c
        word { goto second; }
        $ { return FAIL(cur, "Call-ID ends after '@'"); }
        * { return FAIL(tok, "invalid character in Call-ID"); }
    */
second:
    (void)mar;
    if (cur == e)
        return SIPW_OK;
    return FAIL(cur, *cur == '@' ? "second '@' in Call-ID"
                                 : "invalid character in Call-ID");
}

/* --- CSeq ---------------------------------------------------------- */

/* §20.16: CSeq = "CSeq" HCOLON 1*DIGIT LWS Method. The number is a 32-bit
 * unsigned integer (§8.1.1.5; RFC 4475 §3.1.2.4); leading zeros are
 * allowed (RFC 4475 §3.1.1.1). Method = ... / extension-method, and
 * extension-method = token (§25.1). */
sipw_status sipw__cseq(const struct sipw_tp *tp, const char *p, const char *e,
                       sipw_cseq *out)
{
    LEXER(p);
    sipw_status st;
    const char *d = p, *t;
    uint32_t n = 0;

    memset(out, 0, sizeof *out);
    /* Fast path: 1 to 9 digits (no overflow check needed), one SP, a
     * token up to e: what the code below accepts, in one pass. Anything
     * else takes the code below. */
    while (d < e && d - p < 10 && (unsigned)(*d - '0') < 10u)
        n = n * 10 + (uint32_t)(*d++ - '0');
    if (d > p && d - p < 10 && e - d > 1 && *d == ' ') {
        t = sipw__span(d + 1, e, SIPW_CC_TOKEN);
        if (t == e && t > d + 1) {
            out->seq = n;
            out->method = slice(d + 1, e);
            out->method_id = sipw_method_lookup(d + 1, (size_t)(e - d - 1));
            return SIPW_OK;
        }
    }
    st = number(tp, &cur, e, UINT32_MAX, "CSeq number above 2^32-1",
                &out->seq);
    if (st != SIPW_OK)
        return st;
    tok = cur;
    /*!re2c
        lws { goto method; }
        $ { return FAIL(cur, "CSeq ends after the number: expected a method"); }
        * { return FAIL(tok, "expected LWS after the CSeq number"); }
    */
method:
    tok = cur;
    /*!re2c
        token { goto done; }
        $ { return FAIL(cur, "CSeq ends after the number: expected a method"); }
        * { return FAIL(tok, "invalid character in the CSeq method"); }
    */
done:
    (void)mar;
    if (cur != e)
        return FAIL(cur, "unexpected text after the CSeq method");
    out->method = slice(tok, cur);
    out->method_id = sipw_method_lookup(tok, (size_t)(cur - tok));
    return SIPW_OK;
}

/* --- Max-Forwards, Expires, Min-Expires ----------------------------- */

/* §20.22 Max-Forwards = 1*DIGIT (0 to 255); §20.19 Expires and §20.23
 * Min-Expires = delta-seconds (0 to 2^32-1). Leading zeros are allowed
 * (RFC 4475 §3.1.1.1). */
sipw_status sipw__uint(const struct sipw_tp *tp, const char *p, const char *e,
                       uint32_t max, uint32_t *out)
{
    const char *cur = p;
    sipw_status st;
    const char *too_big = max == 255          ? "value above 255"
                          : max == UINT32_MAX ? "value above 2^32-1"
                                              : "value too large";

    *out = 0;
    st = number(tp, &cur, e, max, too_big, out);
    if (st != SIPW_OK)
        return st;
    if (cur != e)
        return FAIL(cur, "expected a decimal number");
    return SIPW_OK;
}

/* --- Content-Type -------------------------------------------------- */

/* §20.15, §25.1: media-type = m-type SLASH m-subtype *( SEMI m-parameter ).
 * m-type and m-subtype are tokens (discrete-type, composite-type and
 * extension-token are all tokens); m-parameter = m-attribute EQUAL
 * m-value, m-attribute = token, m-value = token / quoted-string. */
sipw_status sipw__media(const struct sipw_tp *tp, const char *p,
                        const char *e, sipw_media *out)
{
    LEXER(p);
    sipw_status st;

    memset(out, 0, sizeof *out);
    /*!re2c
        token { goto after_type; }
        $ { return FAIL(cur, "empty value: expected a media type"); }
        * { return FAIL(tok, "expected a media type (a token)"); }
    */
after_type:
    out->type = slice(p, cur);
    tok = cur;
    /*!re2c
        slash { goto subtype; }
        lws { return FAIL(cur, "expected '/' after the media type"); }
        $ { return FAIL(cur, "expected '/' and a subtype after the media type"); }
        * { return FAIL(tok, "expected '/' after the media type"); }
    */
subtype:
    tok = cur;
    /*!re2c
        token { goto params; }
        $ { return FAIL(cur, "expected a subtype after '/'"); }
        * { return FAIL(tok, "expected a subtype (a token) after '/'"); }
    */
params:
    (void)mar;
    out->subtype = slice(tok, cur);
    out->params = params_slice(cur, e);
    while (cur < e) {
        sipw_param prm;
        st = sipw__gparam(tp, &cur, e, &prm, 0);
        if (st != SIPW_OK)
            return st;
        if (!prm.value.p)
            return FAIL(prm.name.p + prm.name.len,
                        "media-type parameter needs a value "
                        "(RFC 3261 section 20.15)");
        /* gen-value also admits an IPv6 reference; m-value does not. */
        if (!prm.quoted && !is_token(prm.value.p, prm.value.p + prm.value.len))
            return FAIL(prm.value.p, "media-type parameter value must be a "
                                     "token or a quoted string");
    }
    return SIPW_OK;
}

/* --- Retry-After --------------------------------------------------- */

/* comment = LPAREN *(ctext / quoted-pair / comment) RPAREN (§25.1), from
 * just after its "(": counts the nesting depth instead of recursing.
 * On SIPW_OK *pcur is past the closing ")". */
static sipw_status comment(const struct sipw_tp *tp, const char **pcur,
                           const char *e, sipw_str *body)
{
    LEXER(*pcur);
    const char *open = cur - 1;
    size_t depth = 1;

loop:
    tok = cur;
    /*!re2c
        ctext+ { goto loop; }
        quoted_pair { goto loop; }
        "(" { depth++; goto loop; }
        ")" {
            if (--depth > 0)
                goto loop;
            goto done;
        }
        "\\" {
            if (cur == e)
                return sipw__tp_fail(tp, SIPW_EQUOTE, tok,
                                     "'\\' at the end of a comment");
            return FAIL(tok, "backslash before a byte that cannot be quoted");
        }
        $ { return FAIL(open, "comment not closed with ')'"); }
        * { return FAIL(tok, "invalid character in comment"); }
    */
done:
    (void)mar;
    *body = slice(open + 1, tok);
    *pcur = cur;
    return SIPW_OK;
}

/* §20.33: Retry-After = "Retry-After" HCOLON delta-seconds [ comment ]
 * *( SEMI retry-param ); retry-param = ("duration" EQUAL delta-seconds)
 * / generic-param. Values above 2^32-1 are rejected (RFC 4475 §3.1.2.5). */
sipw_status sipw__retry_after(const struct sipw_tp *tp, const char *p,
                              const char *e, sipw_retry_after *out)
{
    const char *cur = p, *q;
    sipw_status st;

    memset(out, 0, sizeof *out);
    st = number(tp, &cur, e, UINT32_MAX, "value above 2^32-1", &out->delta);
    if (st != SIPW_OK)
        return st;
    q = cur;
    sipw__sws(&q, e);
    if (q < e && *q == '(') {
        q++;
        st = comment(tp, &q, e, &out->comment);
        if (st != SIPW_OK)
            return st;
        cur = q;
    }
    out->params = params_slice(cur, e);
    while (cur < e) {
        sipw_param prm;
        st = sipw__gparam(tp, &cur, e, &prm, 0);
        if (st != SIPW_OK)
            return st;
        if (name_is(prm.name, "duration")) {
            st = param_number(tp, &prm, &out->duration, &out->has_duration);
            if (st != SIPW_OK)
                return st;
        }
    }
    return SIPW_OK;
}

/* --- Date ---------------------------------------------------------- */

/* n DIGITs at *pcur (rfc1123-date has fixed-width numbers); the error
 * is at the first byte that is not a digit. */
static sipw_status fixed_digits(const struct sipw_tp *tp, const char **pcur,
                                const char *e, unsigned n, unsigned *out,
                                const char *reason)
{
    const char *cur = *pcur;
    unsigned v = 0, i;

    for (i = 0; i < n; i++, cur++) {
        if (cur == e || *cur < '0' || *cur > '9')
            return FAIL(cur, reason);
        v = v * 10 + (unsigned)(*cur - '0');
    }
    *out = v;
    *pcur = cur;
    return SIPW_OK;
}

/* One byte c at *pcur. */
static sipw_status byte(const struct sipw_tp *tp, const char **pcur,
                        const char *e, char c, const char *reason)
{
    if (*pcur == e || **pcur != c)
        return FAIL(*pcur, reason);
    ++*pcur;
    return SIPW_OK;
}

/* The SP between two parts of rfc1123-date (date_sp). */
static sipw_status date_space(const struct sipw_tp *tp, const char **pcur,
                              const char *e, const char *reason)
{
    LEXER(*pcur);
    /*!re2c
        date_sp { goto done; }
        $ { return FAIL(cur, reason); }
        * { return FAIL(tok, reason); }
    */
done:
    (void)mar;
    *pcur = cur;
    return SIPW_OK;
}

/* §20.17, §25.1: Date = "Date" HCOLON SIP-date; SIP-date = rfc1123-date;
 * rfc1123-date = wkday "," SP date1 SP time SP "GMT";
 * date1 = 2DIGIT SP month SP 4DIGIT; time = 2DIGIT ":" 2DIGIT ":" 2DIGIT.
 * The names are ABNF literals, so any case is accepted (RFC 5234 §2.3).
 * Only GMT is allowed (RFC 4475 §3.1.2.12). The weekday is not checked
 * against the date. */
sipw_status sipw__date(const struct sipw_tp *tp, const char *p, const char *e,
                       sipw_date *out)
{
    LEXER(p);
    const char *at;
    sipw_status st;

    memset(out, 0, sizeof *out);
    /* wkday = "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat" / "Sun" */
    /*!re2c
        'Mon' { out->wkday = 0; goto after_wkday; }
        'Tue' { out->wkday = 1; goto after_wkday; }
        'Wed' { out->wkday = 2; goto after_wkday; }
        'Thu' { out->wkday = 3; goto after_wkday; }
        'Fri' { out->wkday = 4; goto after_wkday; }
        'Sat' { out->wkday = 5; goto after_wkday; }
        'Sun' { out->wkday = 6; goto after_wkday; }
        $ { return FAIL(cur, "empty Date: expected a weekday name"); }
        * { return FAIL(tok, "expected a weekday name (Mon to Sun)"); }
    */
after_wkday:
    st = byte(tp, &cur, e, ',', "expected ',' after the weekday");
    if (st == SIPW_OK)
        st = date_space(tp, &cur, e, "expected SP after ','");
    if (st != SIPW_OK)
        return st;

    at = cur;
    st = fixed_digits(tp, &cur, e, 2, &out->day, "expected a two-digit day");
    if (st != SIPW_OK)
        return st;
    if (out->day < 1 || out->day > 31)
        return FAIL(at, "day must be 01 to 31");
    st = date_space(tp, &cur, e, "expected SP after the day");
    if (st != SIPW_OK)
        return st;

    /* month = "Jan" / "Feb" / ... / "Dec" */
    tok = cur;
    /*!re2c
        'Jan' { out->month = 1; goto year; }
        'Feb' { out->month = 2; goto year; }
        'Mar' { out->month = 3; goto year; }
        'Apr' { out->month = 4; goto year; }
        'May' { out->month = 5; goto year; }
        'Jun' { out->month = 6; goto year; }
        'Jul' { out->month = 7; goto year; }
        'Aug' { out->month = 8; goto year; }
        'Sep' { out->month = 9; goto year; }
        'Oct' { out->month = 10; goto year; }
        'Nov' { out->month = 11; goto year; }
        'Dec' { out->month = 12; goto year; }
        $ { return FAIL(cur, "expected a month name (Jan to Dec)"); }
        * { return FAIL(tok, "expected a month name (Jan to Dec)"); }
    */
year:
    st = date_space(tp, &cur, e, "expected SP after the month");
    if (st == SIPW_OK)
        st = fixed_digits(tp, &cur, e, 4, &out->year,
                          "expected a four-digit year");
    if (st == SIPW_OK)
        st = date_space(tp, &cur, e, "expected SP after the year");
    if (st != SIPW_OK)
        return st;

    at = cur;
    st = fixed_digits(tp, &cur, e, 2, &out->hour, "expected a two-digit hour");
    if (st != SIPW_OK)
        return st;
    if (out->hour > 23)
        return FAIL(at, "hour must be 00 to 23");
    st = byte(tp, &cur, e, ':', "expected ':' after the hour");
    if (st != SIPW_OK)
        return st;
    at = cur;
    st = fixed_digits(tp, &cur, e, 2, &out->minute,
                      "expected two-digit minutes");
    if (st != SIPW_OK)
        return st;
    if (out->minute > 59)
        return FAIL(at, "minutes must be 00 to 59");
    st = byte(tp, &cur, e, ':', "expected ':' after the minutes");
    if (st != SIPW_OK)
        return st;
    at = cur;
    st = fixed_digits(tp, &cur, e, 2, &out->second,
                      "expected two-digit seconds");
    if (st != SIPW_OK)
        return st;
    if (out->second > 60)
        return FAIL(at, "seconds must be 00 to 60");
    st = date_space(tp, &cur, e, "expected SP after the time");
    if (st != SIPW_OK)
        return st;

    tok = cur;
    /*!re2c
        'GMT' { goto zone; }
        $ { return FAIL(cur, "expected the time zone GMT"); }
        * {
            return FAIL(tok, "time zone must be GMT "
                             "(RFC 3261 section 20.17)");
        }
    */
zone:
    (void)mar;
    if (cur != e)
        return FAIL(cur, "unexpected text after GMT");
    return SIPW_OK;
}

/* --- Event --------------------------------------------------------- */

/* RFC 6665 §8.4: Event = ( "Event" / "o" ) HCOLON event-type
 * *( SEMI event-param ); event-type = event-package *( "."
 * event-template ); event-package and event-template are token-nodot;
 * event-param = generic-param / ( "id" EQUAL token ). */
sipw_status sipw__event(const struct sipw_tp *tp, const char *p,
                        const char *e, sipw_event *out)
{
    LEXER(p);
    sipw_status st;

    memset(out, 0, sizeof *out);
    /*!re2c
        token_nodot { goto dot; }
        $ { return FAIL(cur, "empty value: expected an event package"); }
        * { return FAIL(tok, "expected an event package (a token without '.')"); }
    */
dot:
    if (cur < e && *cur == '.') {
        tok = ++cur;
        /*!re2c
            token_nodot { goto dot; }
            $ { return FAIL(cur, "expected an event template after '.'"); }
            * { return FAIL(tok, "expected an event template after '.'"); }
        */
    }
    (void)mar;
    out->package = slice(p, cur);
    out->params = params_slice(cur, e);
    while (cur < e) {
        sipw_param prm;
        st = sipw__gparam(tp, &cur, e, &prm, 0);
        if (st != SIPW_OK)
            return st;
        if (name_is(prm.name, "id")) {
            st = param_token(tp, &prm, &out->id);
            if (st != SIPW_OK)
                return st;
        }
    }
    return SIPW_OK;
}

/* --- Subscription-State -------------------------------------------- */

/* RFC 6665 §8.4: Subscription-State = "Subscription-State" HCOLON
 * substate-value *( SEMI subexp-params ); substate-value = "active" /
 * "pending" / "terminated" / extension-substate (a token);
 * subexp-params = ("reason" EQUAL event-reason-value) / ("expires" EQUAL
 * delta-seconds) / ("retry-after" EQUAL delta-seconds) / generic-param;
 * event-reason-value is a token. */
sipw_status sipw__substate(const struct sipw_tp *tp, const char *p,
                           const char *e, sipw_substate *out)
{
    LEXER(p);
    sipw_status st;

    memset(out, 0, sizeof *out);
    /*!re2c
        token { goto params; }
        $ { return FAIL(cur, "empty value: expected a subscription state"); }
        * { return FAIL(tok, "expected a subscription state (a token)"); }
    */
params:
    (void)mar;
    out->state = slice(p, cur);
    out->params = params_slice(cur, e);
    while (cur < e) {
        sipw_param prm;
        st = sipw__gparam(tp, &cur, e, &prm, 0);
        if (st != SIPW_OK)
            return st;
        if (name_is(prm.name, "reason"))
            st = param_token(tp, &prm, &out->reason);
        else if (name_is(prm.name, "expires"))
            st = param_number(tp, &prm, &out->expires, &out->has_expires);
        else if (name_is(prm.name, "retry-after"))
            st = param_number(tp, &prm, &out->retry_after,
                              &out->has_retry_after);
        if (st != SIPW_OK)
            return st;
    }
    return SIPW_OK;
}

/* --- Allow, Supported, Require, Proxy-Require, Unsupported ---------- */

/* §20.5 Allow = "Allow" HCOLON [Method *(COMMA Method)];
 * §20.37 Supported = ( "Supported" / "k" ) HCOLON [option-tag *(COMMA
 * option-tag)]; §20.32 Require, §20.29 Proxy-Require and §20.40
 * Unsupported = HCOLON option-tag *(COMMA option-tag). Method and
 * option-tag are tokens; COMMA = SWS "," SWS. */
sipw_status sipw__token_list(const struct sipw_tp *tp, const char *p,
                             const char *e, int allow_empty)
{
    LEXER(p);
    const char *q = p, *t;

    /* Fast path: tokens separated by "," or ", " (one SP before a token
     * byte), up to e: what the rules below accept, without their DFA
     * steps. Anything else (other LWS, an empty list, an error) takes the
     * rules below from the start. */
    for (;;) {
        t = sipw__span(q, e, SIPW_CC_TOKEN);
        if (t == q)
            break;
        if (t == e)
            return SIPW_OK;
        if (*t != ',')
            break;
        q = t + 1;
        if (q < e && *q == ' ' && e - q > 1 &&
            (sipw__cc[(unsigned char)q[1]] & SIPW_CC_TOKEN))
            q++;
    }

element:
    tok = cur;
    /*!re2c
        token { goto separator; }
        $ {
            if (cur == p) {
                if (allow_empty)
                    return SIPW_OK;
                return FAIL(cur, "empty value: expected a token");
            }
            return FAIL(cur, "list ends with ','");
        }
        "," { return FAIL(tok, "empty element in the list"); }
        * { return FAIL(tok, "expected a token"); }
    */
separator:
    tok = cur;
    /*!re2c
        comma { goto element; }
        lws { return FAIL(cur, "expected ',' between tokens"); }
        $ { return SIPW_OK; }
        * { return FAIL(tok, "invalid character in token"); }
    */
    (void)mar;
}

int sipw_token_next(sipw_str *rest, sipw_str *tok)
{
    const char *p = rest->p, *e, *start;

    if (!p)
        return 0;
    e = p + rest->len;
    /* Separators: COMMA and LWS (SP, HTAB, the CRLF of a fold). */
    while (p < e && (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r' ||
                     *p == '\n'))
        p++;
    if (p == e) {
        rest->p = e;
        rest->len = 0;
        return 0;
    }
    start = p;
    while (p < e && *p != ',' && *p != ' ' && *p != '\t' && *p != '\r' &&
           *p != '\n')
        p++;
    tok->p = start;
    tok->len = (size_t)(p - start);
    rest->p = p;
    rest->len = (size_t)(e - p);
    return 1;
}
