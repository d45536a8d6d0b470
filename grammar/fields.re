/* SPDX-License-Identifier: MIT */
/* The other typed headers: RFC 3261 §20 (Call-ID, CSeq, Max-Forwards,
 * Expires, Min-Expires, Content-Type, Retry-After, Date, the option-tag
 * and method lists) and RFC 6665 §8.4 (Event, Subscription-State).
 *
 *   callid          = word [ "@" word ]                            §25.1
 *   CSeq            = 1*DIGIT LWS Method                           §20.16
 *   media-type      = m-type SLASH m-subtype *( SEMI m-parameter ) §20.15
 *   Retry-After     = delta-seconds [ comment ] *( SEMI retry-param )
 *   comment         = LPAREN *( ctext / quoted-pair / comment ) RPAREN
 *   rfc1123-date    = wkday "," SP date1 SP time SP "GMT"          §25.1
 *   event-type      = event-package *( "." event-template )  RFC 6665
 *   substate-value  = "active" / "pending" / "terminated" / token
 *   option-tag list = option-tag *( COMMA option-tag )             §20.32
 *
 * One function per production; each reads from *pcur (or p) up to lim
 * and fails at the byte that does not fit. The numbers, the structs, the
 * parameter lists and the checks across them are in src/typed/fields.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/*!re2c
    // RFC 6665 §8.4: token-nodot = 1*( alphanum / "-" / "!" / "%" / "*"
    //                                   / "_" / "+" / "`" / "'" / "~" )
    token_nodot = (alphanum | [\-!%*_+`'~])+;

    // §25.1: ctext = %x21-27 / %x2A-5B / %x5D-7E / UTF8-NONASCII / LWS
    ctext = [\x21-\x27\x2a-\x5b\x5d-\x7e] | UTF8_NONASCII | LWS;

    // The SP of rfc1123-date (§25.1). A fold counts as one SP: §7.3.1
    // reads "CRLF 1*WSP" as a single SP.
    date_SP = SP | CRLF WSP+;
    // wkday = "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat" / "Sun"
    wkday   = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';
    // month = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" / "Jul"
    //         / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
    month   = 'Jan' | 'Feb' | 'Mar' | 'Apr' | 'May' | 'Jun' | 'Jul'
            | 'Aug' | 'Sep' | 'Oct' | 'Nov' | 'Dec';
    // The ranges of §25.1's comments ("day month year", "00:00:00 -
    // 23:59:59"); second 60 is a leap second (RFC 1123 §5.2.14 keeps
    // RFC 822's, which allows it).
    day2    = "0" [1-9] | [12] DIGIT | "3" [01];
    hour2   = [01] DIGIT | "2" [0-3];
    minute2 = [0-5] DIGIT;
    second2 = [0-5] DIGIT | "60";
*/

#define FAIL(at, reason) sipw__tp_fail(tp, SIPW_EVALUE, (at), (reason))

/* The two decimal digits at p, as a number. */
static unsigned two(const char *p)
{
    return (unsigned)sipw__digits(p, p + 2, 99);
}

/* --- Call-ID (§20.8) ----------------------------------------------- */

/* A Call-ID is long (a random word, often a host after "@"): each
 * word's run of word_char is skipped eight bytes a step by the table of
 * abnf.re's word_char (sipw__span_long), and the rules below decide on
 * the byte that ends it. */

/* The byte after the word of a callid; `second`: after the one after
 * "@". */
static sipw_status callid_after(const struct sipw_tp *tp, const char *cur,
                                const char *lim, int second);

/* word at cur (the first one, or the one after "@"). */
static sipw_status callid_word(const struct sipw_tp *tp, const char *cur,
                               const char *lim, int second)
{
    const char *tok = cur;

    cur = sipw__span_long(cur, lim, SIPW_CC_WORD);
    if (cur > tok)
        return callid_after(tp, cur, lim, second);
    /*!re2c
        "@" {
            return FAIL(tok, second ? "invalid character in Call-ID"
                                    : "Call-ID has no word before '@'");
        }
        end {
            if (tok < lim)
                goto bad;
            return FAIL(lim, second ? "Call-ID ends after '@'"
                                    : "empty Call-ID");
        }
        * {
        bad:
            return FAIL(tok, "invalid character in Call-ID");
        }
    */
}

static sipw_status callid_after(const struct sipw_tp *tp, const char *cur,
                                const char *lim, int second)
{
    const char *tok = cur;

    /*!re2c
        "@" {
            if (second)
                return FAIL(tok, "second '@' in Call-ID");
            return callid_word(tp, cur, lim, 1);
        }
        end {
            if (cur > lim)
                return SIPW_OK;
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "invalid character in Call-ID");
        }
    */
}

/* callid = word [ "@" word ] (§20.8, §25.1), exactly [p, lim). */
sipw_status sipw__callid(const struct sipw_tp *tp, const char *p,
                         const char *lim)
{
    return callid_word(tp, p, lim, 0);
}

/* --- numbers ------------------------------------------------------- */

/* delta-seconds = 1*DIGIT (§25.1) at *pcur, leading zeros allowed, with
 * a value no greater than max (< 2^32); a larger one fails at its first
 * digit with the reason too_big. *pcur ends past the digits. */
sipw_status sipw__fields_number(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, uint32_t max,
                                const char *too_big, uint32_t *out)
{
    const char *cur = *pcur, *tok = cur;
    int64_t n;

    /*!re2c
        DIGIT+ {
            n = sipw__delta(tok, cur);
            if (n < 0 || n > (int64_t)max)
                return FAIL(tok, too_big);
            *out = (uint32_t)n;
            *pcur = cur;
            return SIPW_OK;
        }
        * { return FAIL(tok, "expected a decimal number"); }
    */
}

/* --- CSeq (§20.16) ------------------------------------------------- */

/* The LWS between the CSeq number and the method. */
sipw_status sipw__cseq_lws(const struct sipw_tp *tp, const char **pcur,
                           const char *lim)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        LWS { *pcur = cur; return SIPW_OK; }
        end {
            if (tok == lim)
                return FAIL(lim, "CSeq ends after the number: expected a "
                                 "method");
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "expected LWS after the CSeq number");
        }
    */
}

/* The methods of SIPW_METHOD_LIST each have a rule in sipw__cseq_method(). */
typedef char sipw_cseq_methods_have_rules_[SIPW_METHOD__COUNT == 15 ? 1 : -1];

/* Method (§25.1: INVITEm / ACKm / ... / extension-method, a token), the
 * rest of the value; which one it is, case-sensitive (§7.1), is decided
 * by the rules of SIPW_METHOD_LIST's names. */
sipw_status sipw__cseq_method(const struct sipw_tp *tp, const char *cur,
                              const char *lim, sipw_cseq *out)
{
    const char *tok = cur;
    sipw_method id;

    /*!re2c
        "INVITE" end { id = SIPW_METHOD_INVITE; goto done; }
        "ACK" end    { id = SIPW_METHOD_ACK; goto done; }
        "BYE" end    { id = SIPW_METHOD_BYE; goto done; }
        "CANCEL" end { id = SIPW_METHOD_CANCEL; goto done; }
        "OPTIONS" end { id = SIPW_METHOD_OPTIONS; goto done; }
        "REGISTER" end { id = SIPW_METHOD_REGISTER; goto done; }
        "PRACK" end  { id = SIPW_METHOD_PRACK; goto done; }
        "SUBSCRIBE" end { id = SIPW_METHOD_SUBSCRIBE; goto done; }
        "NOTIFY" end { id = SIPW_METHOD_NOTIFY; goto done; }
        "PUBLISH" end { id = SIPW_METHOD_PUBLISH; goto done; }
        "INFO" end   { id = SIPW_METHOD_INFO; goto done; }
        "REFER" end  { id = SIPW_METHOD_REFER; goto done; }
        "MESSAGE" end { id = SIPW_METHOD_MESSAGE; goto done; }
        "UPDATE" end { id = SIPW_METHOD_UPDATE; goto done; }
        token end    { id = SIPW_METHOD_OTHER; goto done; }
        token { return FAIL(cur, "unexpected text after the CSeq method"); }
        end {
            if (tok == lim)
                return FAIL(lim, "CSeq ends after the number: expected a "
                                 "method");
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "invalid character in the CSeq method");
        }
    */
done:
    if (cur <= lim) /* a NUL byte, not the end */
        return FAIL(cur - 1, "unexpected text after the CSeq method");
    out->method = sipw__slice(tok, lim);
    out->method_id = id;
    return SIPW_OK;
}

/* --- Content-Type (§20.15) ----------------------------------------- */

/* media-type = m-type SLASH m-subtype (both tokens), up to the
 * m-parameters, which are fields.c's. One block: each rule that stops
 * early names the part that is missing, at the byte where it should
 * start (at lim when the value ends there). */
sipw_status sipw__media_type(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_media *out)
{
    const char *cur = *pcur, *tok = cur, *t, *te, *sub, *mar = NULL;
    /*!stags:re2c:media_type format = 'const char *@@ = NULL;\n'; */

    /*!re2c:media_type
        @t token @te SLASH @sub token {
            out->type = sipw__slice(t, te);
            out->subtype = sipw__slice(sub, cur);
            *pcur = cur;
            return SIPW_OK;
        }
        token SLASH end {
            if (cur > lim)
                return FAIL(lim, "expected a subtype after '/'");
            return FAIL(cur - 1, "expected a subtype (a token) after '/'");
        }
        token SLASH { return FAIL(cur, "expected a subtype (a token) after '/'"); }
        token end {
            if (cur > lim)
                return FAIL(lim, "expected '/' and a subtype after the "
                                 "media type");
            return FAIL(cur - 1, "expected '/' after the media type");
        }
        token LWS? { return FAIL(cur, "expected '/' after the media type"); }
        end {
            if (cur > lim)
                return FAIL(lim, "empty value: expected a media type");
            return FAIL(tok, "expected a media type (a token)");
        }
        * { return FAIL(tok, "expected a media type (a token)"); }
    */
}

/* --- Retry-After (§20.33) ------------------------------------------ */

/* The body of a comment, from just after its "(": nested comments count
 * a depth instead of recursing. *pcur ends past the closing ")". */
static sipw_status comment_body(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, sipw_str *body)
{
    const char *cur = *pcur, *tok, *open = cur - 1, *mar = NULL;
    size_t depth = 1;

    for (;;) {
        tok = cur;
        /*!re2c
            ctext+ { continue; }
            quoted_pair {
                if (cur > lim)
                    return sipw__tp_fail(tp, SIPW_EQUOTE, tok,
                                         "'\\' at the end of a comment");
                continue;
            }
            "(" { depth++; continue; }
            ")" {
                if (--depth > 0)
                    continue;
                *body = sipw__slice(open + 1, tok);
                *pcur = cur;
                return SIPW_OK;
            }
            "\\" {
                return FAIL(tok, "backslash before a byte that cannot be "
                                 "quoted");
            }
            end {
                if (tok == lim)
                    return FAIL(open, "comment not closed with ')'");
                goto bad;
            }
            * {
            bad:
                return FAIL(tok, "invalid character in comment");
            }
        */
    }
}

/* [ comment ] after delta-seconds, LWS allowed before it (LPAREN = SWS
 * "(" SWS): *comment stays {NULL, 0} when there is none. */
sipw_status sipw__retry_comment(const struct sipw_tp *tp, const char **pcur,
                                const char *lim, sipw_str *comment)
{
    const char *cur = *pcur, *mar = NULL;

    /*!re2c
        SWS "(" { *pcur = cur; return comment_body(tp, pcur, lim, comment); }
        *       { return SIPW_OK; }
    */
}

/* --- parameters picked out of Retry-After, Event, Subscription-State */

/* Which picked-out parameter the name [p, lim) is (SIPW_FP_*), any case;
 * 0 for any other. */
int sipw__fields_param_id(const char *p, const char *lim)
{
    const char *cur = p, *mar = NULL;
    int id;

    /*!re2c
        'duration'    { id = SIPW_FP_DURATION; goto done; }
        'id'          { id = SIPW_FP_ID; goto done; }
        'reason'      { id = SIPW_FP_REASON; goto done; }
        'expires'     { id = SIPW_FP_EXPIRES; goto done; }
        'retry-after' { id = SIPW_FP_RETRY_AFTER; goto done; }
        *             { return 0; }
    */
done:
    return cur == lim ? id : 0;
}

/* --- Date (§20.17) ------------------------------------------------- */

/* wkday "," SP */
sipw_status sipw__date_wkday(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, unsigned *out)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        'Mon' "," date_SP { *out = 0; goto done; }
        'Tue' "," date_SP { *out = 1; goto done; }
        'Wed' "," date_SP { *out = 2; goto done; }
        'Thu' "," date_SP { *out = 3; goto done; }
        'Fri' "," date_SP { *out = 4; goto done; }
        'Sat' "," date_SP { *out = 5; goto done; }
        'Sun' "," date_SP { *out = 6; goto done; }
        wkday "," { return FAIL(cur, "expected SP after ','"); }
        wkday     { return FAIL(cur, "expected ',' after the weekday"); }
        end {
            if (tok == lim)
                return FAIL(lim, "empty Date: expected a weekday name");
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "expected a weekday name (Mon to Sun)");
        }
    */
done:
    *pcur = cur;
    return SIPW_OK;
}

/* The day of date1 (2DIGIT, 01 to 31) and its SP. */
sipw_status sipw__date_day(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, unsigned *out)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        day2 date_SP { *out = two(tok); *pcur = cur; return SIPW_OK; }
        day2         { return FAIL(cur, "expected SP after the day"); }
        DIGIT{2}     { return FAIL(tok, "day must be 01 to 31"); }
        DIGIT        { return FAIL(cur, "expected a two-digit day"); }
        *            { return FAIL(tok, "expected a two-digit day"); }
    */
}

/* The month of date1 and its SP. */
sipw_status sipw__date_month(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, unsigned *out)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        'Jan' date_SP { *out = 1; goto done; }
        'Feb' date_SP { *out = 2; goto done; }
        'Mar' date_SP { *out = 3; goto done; }
        'Apr' date_SP { *out = 4; goto done; }
        'May' date_SP { *out = 5; goto done; }
        'Jun' date_SP { *out = 6; goto done; }
        'Jul' date_SP { *out = 7; goto done; }
        'Aug' date_SP { *out = 8; goto done; }
        'Sep' date_SP { *out = 9; goto done; }
        'Oct' date_SP { *out = 10; goto done; }
        'Nov' date_SP { *out = 11; goto done; }
        'Dec' date_SP { *out = 12; goto done; }
        month { return FAIL(cur, "expected SP after the month"); }
        *     {
            return FAIL(tok, "expected a month name (Jan to Dec)");
        }
    */
done:
    *pcur = cur;
    return SIPW_OK;
}

/* The year of date1 (4DIGIT) and the SP before time. */
sipw_status sipw__date_year(const struct sipw_tp *tp, const char **pcur,
                            const char *lim, unsigned *out)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        DIGIT{4} date_SP {
            *out = (unsigned)sipw__digits(tok, tok + 4, 9999);
            *pcur = cur;
            return SIPW_OK;
        }
        DIGIT{4}   { return FAIL(cur, "expected SP after the year"); }
        DIGIT{1,3} { return FAIL(cur, "expected a four-digit year"); }
        *          { return FAIL(tok, "expected a four-digit year"); }
    */
}

/* time = 2DIGIT ":" 2DIGIT ":" 2DIGIT and the SP before "GMT". */
sipw_status sipw__date_time(const struct sipw_tp *tp, const char **pcur,
                            const char *lim, sipw_date *out)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    /*!re2c
        hour2 ":" minute2 ":" second2 date_SP {
            out->hour = two(tok);
            out->minute = two(tok + 3);
            out->second = two(tok + 6);
            *pcur = cur;
            return SIPW_OK;
        }
        hour2 ":" minute2 ":" second2 {
            return FAIL(cur, "expected SP after the time");
        }
        hour2 ":" minute2 ":" DIGIT{2} {
            return FAIL(cur - 2, "seconds must be 00 to 60");
        }
        hour2 ":" minute2 ":" DIGIT? {
            return FAIL(cur, "expected two-digit seconds");
        }
        hour2 ":" minute2 { return FAIL(cur, "expected ':' after the minutes"); }
        hour2 ":" DIGIT{2} { return FAIL(cur - 2, "minutes must be 00 to 59"); }
        hour2 ":" DIGIT? { return FAIL(cur, "expected two-digit minutes"); }
        hour2    { return FAIL(cur, "expected ':' after the hour"); }
        DIGIT{2} { return FAIL(tok, "hour must be 00 to 23"); }
        DIGIT    { return FAIL(cur, "expected a two-digit hour"); }
        *        { return FAIL(tok, "expected a two-digit hour"); }
    */
}

/* "GMT", the end of the value. */
sipw_status sipw__date_zone(const struct sipw_tp *tp, const char *cur,
                            const char *lim)
{
    const char *mar = cur, *tok = cur;

    /*!re2c
        'GMT' end {
            if (cur > lim)
                return SIPW_OK;
            return FAIL(cur - 1, "unexpected text after GMT");
        }
        'GMT' { return FAIL(cur, "unexpected text after GMT"); }
        end {
            if (tok == lim)
                return FAIL(lim, "expected the time zone GMT");
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "time zone must be GMT (RFC 3261 section 20.17)");
        }
    */
}

/* --- Event, Subscription-State (RFC 6665 §8.4) --------------------- */

/* event-type = event-package *( "." event-template ), both token-nodot. */
sipw_status sipw__event_type(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_str *out)
{
    const char *cur = *pcur, *tok = cur;

    /*!re2c
        token_nodot ("." token_nodot)* {
            *out = sipw__slice(tok, cur);
            *pcur = cur;
            return SIPW_OK;
        }
        token_nodot ("." token_nodot)* "." {
            return FAIL(cur, "expected an event template after '.'");
        }
        end {
            if (tok == lim)
                return FAIL(lim, "empty value: expected an event package");
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "expected an event package (a token without '.')");
        }
    */
}

/* substate-value = "active" / "pending" / "terminated" /
 * extension-substate: all tokens, kept as written. */
sipw_status sipw__substate_value(const struct sipw_tp *tp, const char **pcur,
                                 const char *lim, sipw_str *out)
{
    const char *cur = *pcur, *tok = cur;

    /*!re2c
        token { *out = sipw__slice(tok, cur); *pcur = cur; return SIPW_OK; }
        end {
            if (tok == lim)
                return FAIL(lim, "empty value: expected a subscription "
                                 "state");
            goto bad;
        }
        * {
        bad:
            return FAIL(tok, "expected a subscription state (a token)");
        }
    */
}

/* --- Allow, Supported, Require, Proxy-Require, Unsupported --------- */

/* A list element that is not a token: the byte at tok, which fails.
 * `first`: at the start of the value. */
static sipw_status list_no_token(const struct sipw_tp *tp, const char *tok,
                                 const char *lim, int first, int allow_empty)
{
    const char *cur = tok;

    /*!re2c
        "," { return FAIL(tok, "empty element in the list"); }
        end {
            if (tok < lim)
                goto bad;
            if (!first)
                return FAIL(lim, "list ends with ','");
            if (allow_empty)
                return SIPW_OK;
            return FAIL(lim, "empty value: expected a token");
        }
        * {
        bad:
            return FAIL(tok, "expected a token");
        }
    */
}

/* What follows a list element at *pcur: COMMA (1, *pcur past it) or the
 * end of the value (0, *st SIPW_OK); anything else fails (0). */
static int list_comma(const struct sipw_tp *tp, const char **pcur,
                      const char *lim, sipw_status *st)
{
    const char *cur = *pcur, *tok = cur, *mar = NULL;

    *st = SIPW_OK;
    /*!re2c
        SWS "," SWS { *pcur = cur; return 1; }
        LWS { *st = FAIL(cur, "expected ',' between tokens"); return 0; }
        end {
            if (cur > lim)
                return 0;
            goto bad;
        }
        * {
        bad:
            *st = FAIL(tok, "invalid character in token");
            return 0;
        }
    */
}

/* §20.5 Allow = "Allow" HCOLON [Method *(COMMA Method)];
 * §20.37 Supported = ( "Supported" / "k" ) HCOLON [option-tag *(COMMA
 * option-tag)]; §20.32 Require, §20.29 Proxy-Require and §20.40
 * Unsupported = HCOLON option-tag *(COMMA option-tag). Method and
 * option-tag are tokens: an element's run of token_char is skipped by the
 * table of abnf.re's token_char (sipw__span), and the rules decide on the
 * byte after it. allow_empty: the value may be empty. */
sipw_status sipw__token_list(const struct sipw_tp *tp, const char *p,
                             const char *lim, int allow_empty)
{
    const char *cur = p, *tok;
    sipw_status st;

    do {
        tok = cur;
        cur = sipw__span(cur, lim, SIPW_CC_TOKEN);
        if (cur == tok)
            return list_no_token(tp, tok, lim, tok == p, allow_empty);
    } while (list_comma(tp, &cur, lim, &st));
    return st;
}

/* sipw_token_next() walks a list the parser produced, so it only tells
 * the separators (COMMA, and the WSP and CR LF of LWS) from the bytes of
 * an element. Returns the end of the separators at cur. */
const char *sipw__list_separators(const char *cur, const char *lim)
{
    const char *tok = cur;

    /*!re2c
        [, \t\r\n]+ { return cur; }
        *            { return tok; }
    */
}

/* The end of the element at cur: up to a separator or lim (a NUL byte in
 * it is part of it). */
const char *sipw__list_element(const char *cur, const char *lim)
{
    const char *tok;

    for (;;) {
        tok = cur;
        /*!re2c
            [^, \t\r\n\x00]+ { continue; }
            end              { if (cur > lim) return lim; continue; }
            *                { return tok; }
        */
    }
}

