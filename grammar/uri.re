/* URIs: RFC 3261 §19.1 and §25.1 (sip, sips, absoluteURI), RFC 3966
 * (tel), RFC 5118 and RFC 4291 (IPv6 references).
 *
 *   host          = hostname / IPv4address / IPv6reference
 *   hostname      = *( domainlabel "." ) toplabel [ "." ]
 *   domainlabel   = alphanum / alphanum *( alphanum / "-" ) alphanum
 *   toplabel      = ALPHA / ALPHA *( alphanum / "-" ) alphanum
 *   IPv4address   = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT
 *   IPv6reference = "[" IPv6address "]"
 *   IPv6address   = the RFC 4291 §2.2 text forms
 *
 * Each function below lexes one production, left to right, and never
 * reads outside [p, e). Choices where the RFCs leave room:
 * - IPv4address: each part is also 0..255 (leading zeros allowed).
 * - hostname: the RFC 3261 grammar as written; label and name lengths
 *   (RFC 1035) are not checked. A run that is neither a hostname nor an
 *   IPv4address fails at the byte that makes it so.
 * - "[2001:db8:::192.0.2.1]" (RFC 5118 §4.10) is rejected: ":::" is not
 *   an RFC 4291 address (see ipv6_bad()).
 * - A bare IPv6 address as a host (sip:2001:db8::10) is rejected (RFC
 *   5118 §4.2).
 * - uri-parameters: a second transport, user, method, ttl, maddr or lr is
 *   EDUP; names compare case-insensitively and with %-escapes decoded
 *   (§19.1.4: ";%6C%72" is lr). transport, user and method take a token,
 *   ttl 1*3DIGIT up to 255, maddr a host; each needs its value. lr takes
 *   none, but "lr=on" (sent by old proxies; an other-param by the ABNF)
 *   also sets lr. An empty value ("x=") is an error (pvalue = 1*paramchar).
 * - tel: RFC 3966 §3 with the phone-context that §5.1.5 requires for a
 *   local number; isub, ext and phone-context at most once; the order of
 *   parameters that §3 recommends is not checked; isub takes 1*paramchar.
 * - Other schemes: 1*uric after the ":", kept whole in `opaque`. */
#include <string.h>

#include "base/scan.h"
#include "typed/typed.h"

/*!include:re2c "abnf_old.re" */
/*!include:re2c "lexer_old.re" */

/*!re2c
    // §25.1 (RFC 3261 allows 1*3DIGIT; sipwire also requires 0..255)
    dec_octet   = DIGIT{1,2} | [01] DIGIT DIGIT | "2" [0-4] DIGIT
                | "25" [0-5];
    IPv4address = dec_octet "." dec_octet "." dec_octet "." dec_octet;
    // RFC 4291 §2.2: a group of 16 bits
    h16         = HEXDIG{1,4};
    domainlabel = alphanum | alphanum (alphanum | "-")* alphanum;
    toplabel    = ALPHA | ALPHA (alphanum | "-")* alphanum;
    hostname    = (domainlabel ".")* toplabel "."?;
*/

/* Why the byte at `at` cannot be where it is: the reasons that do not
 * depend on the place first (a "%" that starts no escape, white space,
 * "<" and ">", which are never part of a URI), else `dflt`. */
static const char *why_byte(const char *at, const char *e, const char *dflt)
{
    if (at == e)
        return dflt;
    switch (*at) {
    case '%':
        return "invalid %-escape";
    case ' ':
    case '\t':
        return "white space in a URI";
    case '\r':
    case '\n':
        return "line break in a URI";
    case '<':
    case '>':
        return "\"<\" or \">\" in a URI";
    default:
        return dflt;
    }
}

/* An EVALUE error at `at` with why_byte()'s reason. */
static sipw_status bad(const struct sipw_tp *tp, const char *at,
                       const char *e, const char *dflt)
{
    return sipw__tp_fail(tp, SIPW_EVALUE, at, why_byte(at, e, dflt));
}

static sipw_str slice(const char *b, const char *e)
{
    sipw_str s;
    s.p = b;
    s.len = (size_t)(e - b);
    return s;
}

/* IPv6address (RFC 4291 §2.2, RFC 5118): 1-4 hex digits per group, at
 * most one "::", 8 groups without "::" and at most 7 with it (it stands
 * for one or more zero groups), an embedded IPv4address only at the end,
 * where it counts as 2 groups.
 *
 * RFC 5118 §4.10 asks implementations to decide on "[2001:db8:::192.0.2.1]"
 * (three colons): sipwire REJECTS it, because ":::" is not an RFC 4291
 * text form; the error names the third ":".
 *
 * Returns NULL when [p, e) is exactly an IPv6address, else the offending
 * byte (e when the text ends too early) and sets *why. */
static const char *ipv6_bad(const char *p, const char *e, const char **why)
{
    enum { START, GROUP, SEP, DBL, V4 } st = START;
    const char *cur = p, *lim = e, *mar = p, *tok;
    int he = 0, groups = 0, dbl = 0;
    int *const hit_end = &he;

    for (;;) {
        tok = cur;
        /*!re2c
            IPv4address {
                if (st != SEP && st != DBL) {
                    *why = "an IPv4 part must follow \":\" in an IPv6 "
                           "address (RFC 4291 section 2.2)";
                    return tok;
                }
                groups += 2;
                if (groups > (dbl ? 7 : 8)) {
                    *why = "too many groups in IPv6 address";
                    return tok;
                }
                st = V4;
                continue;
            }
            h16 {
                if (st == GROUP) {
                    *why = "more than 4 hex digits in an IPv6 group";
                    return tok;
                }
                if (st == V4) {
                    *why = "an IPv4 part must end an IPv6 address";
                    return tok;
                }
                if (++groups > (dbl ? 7 : 8)) {
                    *why = "too many groups in IPv6 address";
                    return tok;
                }
                st = GROUP;
                continue;
            }
            "::" {
                if (st == V4) {
                    *why = "an IPv4 part must end an IPv6 address";
                    return tok;
                }
                if (dbl) {
                    *why = "more than one \"::\" in IPv6 address";
                    return tok;
                }
                if (groups > 7) {
                    *why = "too many groups in IPv6 address";
                    return tok;
                }
                dbl = 1;
                st = DBL;
                continue;
            }
            ":" {
                if (st == DBL) {
                    *why = "\":::\" is not an IPv6 address (RFC 4291 "
                           "section 2.2, RFC 5118 section 4.10)";
                    return tok;
                }
                if (st == V4) {
                    *why = "an IPv4 part must end an IPv6 address";
                    return tok;
                }
                if (st != GROUP) {
                    *why = "IPv6 address starts with a single \":\"";
                    return tok;
                }
                st = SEP;
                continue;
            }
            $ { break; }
            * {
                *why = st == V4 ? "an IPv4 part must end an IPv6 address"
                                : "invalid character in IPv6 address";
                return tok;
            }
        */
    }
    (void)mar;
    if (st == START) {
        *why = "empty IPv6 address";
        return e;
    }
    if (st == SEP) {
        *why = "IPv6 address ends in a single \":\"";
        return e - 1;
    }
    if (!dbl && groups < 8) {
        *why = "too few groups in IPv6 address (8 without \"::\")";
        return e;
    }
    return NULL;
}

int sipw__ipv6(const char *p, const char *e)
{
    const char *why;
    return ipv6_bad(p, e, &why) == NULL;
}

/* Why the run of [A-Za-z0-9.-] at [p, e) is neither a hostname nor an
 * IPv4address (called only after the lexer found that): returns the
 * offending byte and sets *why. */
static const char *hostname_bad(const char *p, const char *e,
                                const char **why)
{
    const char *label = p, *last = p, *q;
    int all_digits = 1, dots = 0;

    for (q = p; q < e; q++) {
        if (*q == '.') {
            if (q == label) {
                *why = "empty label in host name";
                return q;
            }
            if (q[-1] == '-') {
                *why = "a host name label cannot end in \"-\"";
                return q - 1;
            }
            dots++;
            last = label;
            label = q + 1;
        } else if (*q == '-' && q == label) {
            *why = "a host name label cannot start with \"-\"";
            return q;
        } else if (*q < '0' || *q > '9') {
            all_digits = 0;
        }
    }
    if (label < e) {
        if (e[-1] == '-') {
            *why = "a host name label cannot end in \"-\"";
            return e - 1;
        }
        last = label;
    }
    if (all_digits && dots == 3) {
        /* Four parts: one of them is above 255 or too long. */
        for (label = q = p; q <= e; q++) {
            if (q == e || *q == '.') {
                if (q - label > 3 ||
                    (q - label == 3 &&
                     (label[0] > '2' ||
                      (label[0] == '2' &&
                       (label[1] > '5' ||
                        (label[1] == '5' && label[2] > '5')))))) {
                    *why = "IPv4 address part above 255";
                    return label;
                }
                label = q + 1;
            }
        }
    }
    if (all_digits) {
        *why = "a numeric host must be an IPv4 address: four parts of "
               "0..255";
        return p;
    }
    *why = "the last label of a host name must start with a letter "
           "(RFC 3261 section 25.1)";
    return last;
}

/* Whether [p, e) is all hex digits and dots: the start of an IPv6
 * address without brackets. */
static int hex_or_dots(const char *p, const char *e)
{
    for (; p < e; p++)
        if (!(*p == '.' || (*p >= '0' && *p <= '9') ||
              ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')))
            return 0;
    return 1;
}

/* Whether [p, e), which holds only digits and single dots (no dot first
 * or last), is exactly an IPv4address: four dec-octets of 1 to 3 digits,
 * 0..255 (leading zeros allowed). */
static int is_ipv4(const char *p, const char *e)
{
    const char *s;
    unsigned parts;

    for (parts = 1;; parts++) {
        for (s = p; p < e && *p != '.'; p++)
            ;
        /* Three digits compare as text: "256" > "255". */
        if (p - s > 3 || (p - s == 3 && memcmp(s, "255", 3) > 0))
            return 0;
        if (p == e)
            return parts == 4;
        p++;
    }
}

/* What host_run() found: the run of alphanum and "." at the start of a
 * host, shorter than 64 bytes; bit i of `dots` / `alpha` is set when byte
 * i is a "." / a letter; `last` is the offset of the last label (after
 * the last dot, 0 when there is none). */
struct hrun {
    size_t n, last;
    uint64_t dots, alpha;
};

#if !defined(__SSE2__)
/* Byte classes for host_run()'s byte loop: 1 digit, 2 letter, 3 ".". */
static const unsigned char hclass[256] = {
    ['.'] = 3,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
    ['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2,
    ['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
    ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
    ['Y'] = 2, ['Z'] = 2,
    ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2,
    ['g'] = 2, ['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2,
    ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
    ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
    ['y'] = 2, ['z'] = 2,
};
#endif

/* Fills *r for the run of alphanum and "." at p (before lim); returns 0
 * when it is 64 bytes or longer. With SSE2, 16 bytes per step, and a
 * last load that ends at lim (shifted past the bytes already seen), or
 * one load of a padded copy of a range shorter than 16 bytes; without
 * SSE2, byte by byte. Reads only [p, lim). */
static int host_run(const char *p, const char *lim, struct hrun *r)
{
    size_t n = 0, avail = (size_t)(lim - p);
    uint64_t dm = 0, am = 0;
#if defined(__SSE2__)
    unsigned v, d, a, skip;

    if (avail < 16) {
        /* A short range: a copy padded with NULs, which stop the run. */
        char buf[16] = {0};
        memcpy(buf, p, avail);
        v = sipw__host16(buf, &d, &a);
        dm = d;
        am = a;
        n = (size_t)__builtin_ctz(~v);
        goto done;
    }
    while (avail - n >= 16) {
        v = sipw__host16(p + n, &d, &a);
        dm |= (uint64_t)d << n;
        am |= (uint64_t)a << n;
        if (v != 0xffffu) {
            n += (size_t)__builtin_ctz(~v);
            goto done;
        }
        n += 16;
        if (n == 64)
            return 0;
    }
    if (n < avail) {
        /* Bits past the data are 0, so the run stops at lim at the
         * latest; n + 15 < 64. */
        skip = 16 - (unsigned)(avail - n);
        v = sipw__host16(lim - 16, &d, &a) >> skip;
        dm |= (uint64_t)(d >> skip) << n;
        am |= (uint64_t)(a >> skip) << n;
        n += (size_t)__builtin_ctz(~v);
    }
done:
    /* n < 64 */
    dm &= (UINT64_C(1) << n) - 1;
    r->last = dm ? (size_t)(64 - __builtin_clzll(dm)) : 0;
#else
    r->last = 0;
    for (; n < avail; n++) {
        unsigned k = hclass[(unsigned char)p[n]];
        if (!k)
            break;
        if (n == 63)
            return 0;
        if (k == 3) {
            dm |= UINT64_C(1) << n;
            r->last = n + 1;
        } else if (k == 2) {
            am |= UINT64_C(1) << n;
        }
    }
#endif
    r->n = n;
    r->dots = dm;
    r->alpha = am & ((UINT64_C(1) << n) - 1);
    return 1;
}

/* The fast path of host_lex() below for a run shorter than 32 bytes
 * with 16 bytes or more to read from p (the common URI and Via hosts), in
 * 32-bit masks and two loads at most: the same run, dots and letters as
 * host_run() and the same decisions, so NAME and IPV4 are what host_lex()
 * returns. SIPW_HOST_NONE: host_lex() decides (and does it all again). */
static sipw_host_type host_fast(const char *p, const char *lim,
                                const char **end)
{
#if defined(__SSE2__)
    size_t avail = (size_t)(lim - p);
    unsigned v, d, a, v2, d2, a2, skip, n, dots, alpha, last, mask;

    if (avail < 16)
        return SIPW_HOST_NONE;
    v = sipw__host16(p, &d, &a);
    if (v == 0xffffu) {
        if (avail >= 32) {
            v2 = sipw__host16(p + 16, &d2, &a2);
        } else {
            /* The last 16 bytes, shifted past the ones already seen:
             * bits past lim are 0 and stop the run there. */
            skip = 32 - (unsigned)avail;
            v2 = sipw__host16(lim - 16, &d2, &a2) >> skip;
            d2 >>= skip;
            a2 >>= skip;
        }
        v |= v2 << 16;
        d |= d2 << 16;
        a |= a2 << 16;
        if (v == 0xffffffffu)
            return SIPW_HOST_NONE; /* 32 bytes or more */
    }
    n = (unsigned)__builtin_ctz(~v);
    if (n == 0)
        return SIPW_HOST_NONE;
    mask = (1u << n) - 1;
    dots = d & mask;
    alpha = a & mask;
    p += n;
    if ((p < lim && *p == '-') || (dots & 1) || (dots >> (n - 1)) & 1 ||
        (dots & (dots >> 1)))
        return SIPW_HOST_NONE;
    if (p < lim && *p == ':' && hex_or_dots(p - n, p))
        return SIPW_HOST_NONE;
    last = dots ? 32 - (unsigned)__builtin_clz(dots) : 0;
    if ((alpha >> last) & 1) {
        *end = p;
        return SIPW_HOST_NAME;
    }
    if (!alpha && is_ipv4(p - n, p)) {
        *end = p;
        return SIPW_HOST_IPV4;
    }
#else
    (void)p;
    (void)lim;
    (void)end;
#endif
    return SIPW_HOST_NONE;
}

/* Lexes the longest host at *pcur: hostname / IPv4address /
 * IPv6reference (§25.1, RFC 5118). On success advances *pcur past it and
 * returns its type; else returns SIPW_HOST_NONE and sets *at and *why.
 * The caller checks what follows.
 *
 * Common hosts are checked by hand in one pass; the DFA classifies the
 * others while it finds their end, and only a run with two colons that
 * is no IPv6 address is lexed again. Kept out of line, so that the
 * common case in sipw__host_lex() costs no set-up for the DFA. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static sipw_host_type host_lex(const char **pcur, const char *lim,
                               const char **at, const char **why)
{
    const char *cur = *pcur, *mar = cur, *tok = cur, *badp;
    int he = 0;
    int *const hit_end = &he;
    struct hrun r;

    /* Fast path: labels of alphanum joined by single dots, followed by a
     * byte that cannot continue a host, are a hostname when the last
     * label starts with a letter, else maybe an IPv4address: what the
     * DFA would find. Anything else ("-", an empty label: a leading,
     * doubled or trailing dot; a run of hex digits and dots before ":"
     * that may be a bare IPv6 address; 64 bytes or more; an error) takes
     * the DFA. host_run() finds the run of alphanum and dots; the bits of
     * its dots and letters tell the labels apart. */
    if (!host_run(tok, lim, &r) || r.n == 0)
        goto dfa;
    cur = tok + r.n;
    if ((cur < lim && *cur == '-') || (r.dots & 1) ||
        (r.dots >> (r.n - 1)) & 1 || (r.dots & (r.dots >> 1)))
        goto dfa;
    if (cur < lim && *cur == ':' && hex_or_dots(tok, cur))
        goto dfa;
    if ((r.alpha >> r.last) & 1) {
        *pcur = cur;
        return SIPW_HOST_NAME;
    }
    /* A letter elsewhere: no IPv4address, and no hostname either. */
    if (!r.alpha && is_ipv4(tok, cur)) {
        *pcur = cur;
        return SIPW_HOST_IPV4;
    }

dfa:
    cur = tok;
    /*!re2c
        IPv4address {
            *pcur = cur;
            return SIPW_HOST_IPV4;
        }
        hostname {
            *pcur = cur;
            return SIPW_HOST_NAME;
        }
        // Neither: the longest run that might have been one is wrong.
        [a-zA-Z0-9.\-]+ {
            *at = hostname_bad(tok, cur, why);
            return SIPW_HOST_NONE;
        }
        "[" [0-9a-fA-F:.]* "]" {
            badp = ipv6_bad(tok + 1, cur - 1, why);
            if (badp) {
                *at = badp;
                return SIPW_HOST_NONE;
            }
            *pcur = cur;
            return SIPW_HOST_IPV6;
        }
        "[" [0-9a-fA-F:.]* {
            /* Unterminated constructs are reported at their opening
             * byte, as quotes and "<" are. */
            *at = cur == lim ? tok : cur;
            *why = cur == lim ? "unterminated IPv6 reference"
                              : why_byte(cur, lim, "invalid character in "
                                                   "IPv6 reference");
            return SIPW_HOST_NONE;
        }
        // Two colons or more: an IPv6 address without brackets (RFC 5118
        // section 4.2)? If not, lex it as a name without the colons, so
        // that "b:5060:1" fails at its second ":". A match here is always
        // longer than a name's, which cannot hold ":".
        [0-9a-fA-F.]* ":" [0-9a-fA-F.]* ":" [0-9a-fA-F:.]* {
            if (ipv6_bad(tok, cur, why) == NULL) {
                *at = tok;
                *why = "an IPv6 address must be in brackets (RFC 5118 "
                       "section 4.2)";
                return SIPW_HOST_NONE;
            }
            cur = tok;
            goto name;
        }
        $ {
            *at = tok;
            *why = "empty host";
            return SIPW_HOST_NONE;
        }
        * {
            *at = tok;
            *why = why_byte(tok, lim, "invalid character in host");
            return SIPW_HOST_NONE;
        }
    */
name:
    /* hostname / IPv4address before a ":" (rare). */
    /*!re2c
        IPv4address {
            *pcur = cur;
            return SIPW_HOST_IPV4;
        }
        hostname {
            *pcur = cur;
            return SIPW_HOST_NAME;
        }
        [a-zA-Z0-9.\-]+ {
            *at = hostname_bad(tok, cur, why);
            return SIPW_HOST_NONE;
        }
        $ {
            *at = tok;
            *why = "empty host";
            return SIPW_HOST_NONE;
        }
        * {
            *at = tok;
            *why = why_byte(tok, lim, "invalid character in host");
            return SIPW_HOST_NONE;
        }
    */
}

sipw_host_type sipw__host_lex(const char **pcur, const char *lim,
                              const char **at, const char **why)
{
    const char *end;
    sipw_host_type t = host_fast(*pcur, lim, &end);

    if (t == SIPW_HOST_NONE)
        return host_lex(pcur, lim, at, why);
    *pcur = end;
    return t;
}

sipw_host_type sipw__host(const char *p, const char *e)
{
    const char *cur = p, *at, *why;
    sipw_host_type t = sipw__host_lex(&cur, e, &at, &why);
    return cur == e ? t : SIPW_HOST_NONE;
}


/*!re2c
    // §25.1: paramchar = param-unreserved / unreserved / escaped,
    // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
    paramchar  = [[\]/:&+$] | unreserved | escaped;
    paramchar_plain = [[\]/:&+$] | unreserved;
    // §25.1: hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
    hnvchar    = [[\]/?:+$] | unreserved | escaped;
    // RFC 2396 §2 (as RFC 3261 §25.1 uses it), with "[" "]" (RFC 2732)
    uric       = reserved | unreserved | escaped | [[\]];
    // token (§25.1) as far as it can appear in a URI parameter value
    ptoken     = (alphanum | [\-.!*_+'~] | escaped)+;
    // RFC 3966 §3
    visual_separator = [\-.()];
    phonedigit = DIGIT | visual_separator;
    phonedigit_hex = HEXDIG | [*#] | visual_separator;
    global_number_digits = "+" phonedigit* DIGIT phonedigit*;
    local_number_digits = phonedigit_hex* (HEXDIG | [*#]) phonedigit_hex*;
*/

/* The uri-parameters sipwire picks out (§19.1.1); a bit each in `seen`. */
enum uparam {
    P_TRANSPORT,
    P_USER,
    P_METHOD,
    P_TTL,
    P_MADDR,
    P_LR,
    P_OTHER
};

static unsigned hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    return (unsigned)((c | 0x20) - 'a' + 10);
}

static int is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* A pname with %-escapes (already checked): which uri-parameter it names
 * once decoded. §19.1.4 makes "%6C%72" the same name as "lr" (RFC 4475
 * §3.1.1.3). */
static enum uparam pname_escaped(const char *p, const char *e)
{
    static const char *const names[P_OTHER] = {
        "transport", "user", "method", "ttl", "maddr", "lr"};
    char b[9];
    size_t n = 0, i;
    unsigned c;

    while (p < e) {
        c = (unsigned char)*p;
        if (c == '%') {
            c = hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]);
            p += 3;
        } else {
            p++;
        }
        if (n == sizeof b)
            return P_OTHER;
        b[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (i = 0; i < P_OTHER; i++)
        if (strlen(names[i]) == n && memcmp(names[i], b, n) == 0)
            return (enum uparam)i;
    return P_OTHER;
}

/* pname = 1*paramchar (§25.1), names case-insensitive (§19.1.4). Lexes
 * it at *pcur; returns which parameter it is, or -1 (nothing lexed) when
 * there is no name. */
static int pname_lex(const char **pcur, const char *lim)
{
    const char *cur = *pcur, *mar = cur, *tok = cur;
    int he = 0, k;
    int *const hit_end = &he;

    /*!re2c
        'transport'         { k = P_TRANSPORT; goto done; }
        'user'              { k = P_USER; goto done; }
        'method'            { k = P_METHOD; goto done; }
        'ttl'               { k = P_TTL; goto done; }
        'maddr'             { k = P_MADDR; goto done; }
        'lr'                { k = P_LR; goto done; }
        paramchar_plain+    { k = P_OTHER; goto done; }
        paramchar* escaped paramchar* {
            k = (int)pname_escaped(tok, cur);
            goto done;
        }
        $                   { return -1; }
        *                   { return -1; }
    */
done:
    (void)mar;
    *pcur = cur;
    return k;
}

/* The value of a uri-parameter after its "=" (§25.1):
 *   transport-param = "transport=" ( "udp" / "tcp" / "sctp" / "tls"
 *                     / other-transport ), other-transport = token
 *   user-param      = "user=" ( "phone" / "ip" / other-user ), token
 *   method-param    = "method=" Method (a token)
 *   ttl-param       = "ttl=" ttl, ttl = 1*3DIGIT ; 0 to 255
 *   maddr-param     = "maddr=" host
 *   other-param     = pname [ "=" pvalue ], pvalue = 1*paramchar
 * (lr-param is "lr"; "lr=on", which old proxies send, is read as lr.) */
static sipw_status pvalue_lex(const struct sipw_tp *tp, const char **pcur,
                              const char *e, int k, sipw_uri *out)
{
    const char *cur = *pcur, *lim = e, *mar = cur, *tok = cur, *at, *why;
    const char *follow = "invalid character in a URI parameter";
    int he = 0;
    int *const hit_end = &he;
    unsigned v;

    if (cur == e || *cur == ';' || *cur == '?')
        return bad(tp, cur, e, "empty parameter value (RFC 3261 section "
                               "25.1)");
    switch (k) {
    case P_MADDR:
        if (sipw__host_lex(&cur, e, &at, &why) == SIPW_HOST_NONE)
            return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
        out->maddr = slice(tok, cur);
        follow = "invalid character in the maddr host";
        break;
    case P_TTL:
        /*!re2c
            DIGIT+ { goto ttl; }
            $      { goto ttl; }
            *      { cur = tok; goto ttl; }
        */
    ttl:
        if (cur == tok || cur - tok > 3) {
            follow = "ttl must be 1 to 3 digits (RFC 3261 section 25.1)";
            if (cur != tok)
                return sipw__tp_fail(tp, SIPW_EVALUE, tok, follow);
            break;
        }
        for (v = 0, at = tok; at < cur; at++)
            v = v * 10 + (unsigned)(*at - '0');
        if (v > 255)
            return sipw__tp_fail(tp, SIPW_EVALUE, tok, "ttl above 255 "
                                 "(RFC 3261 section 25.1)");
        out->ttl = (int32_t)v;
        follow = "ttl must be a number of 0 to 255";
        break;
    case P_TRANSPORT:
    case P_USER:
    case P_METHOD:
        /*!re2c
            ptoken { goto token; }
            $      { goto token; }
            *      { cur = tok; goto token; }
        */
    token:
        if (k == P_TRANSPORT)
            out->transport = slice(tok, cur);
        else if (k == P_USER)
            out->user_param = slice(tok, cur);
        else
            out->method = slice(tok, cur);
        follow = "this parameter's value must be a token (RFC 3261 "
                 "section 25.1)";
        break;
    default:
        /*!re2c
            paramchar+ { goto other; }
            $          { goto other; }
            *          { cur = tok; goto other; }
        */
    other:
        break;
    }
    (void)mar;
    if (cur < e && *cur != ';' && *cur != '?')
        return bad(tp, cur, e, follow);
    *pcur = cur;
    return SIPW_OK;
}

/* uri-parameters = *( ";" uri-parameter ) (§19.1.1, §25.1), at the
 * ";" at *pcur. A second transport, user, method, ttl, maddr or lr is an
 * EDUP error. */
static sipw_status sip_params(const struct sipw_tp *tp, const char **pcur,
                              const char *e, sipw_uri *out)
{
    const char *cur = *pcur, *start = cur, *name;
    unsigned seen = 0;
    sipw_status st;
    int k;

    while (cur < e && *cur == ';') {
        name = ++cur;
        k = pname_lex(&cur, e);
        if (k < 0)
            return bad(tp, cur, e, "empty parameter name (RFC 3261 "
                                   "section 25.1)");
        if (k != P_OTHER) {
            if (seen & (1u << k))
                return sipw__tp_fail(tp, SIPW_EDUP, name,
                                     "duplicate parameter");
            seen |= 1u << k;
        }
        if (cur < e && *cur == '=') {
            cur++;
            st = pvalue_lex(tp, &cur, e, k, out);
            if (st != SIPW_OK)
                return st;
        } else if (k != P_OTHER && k != P_LR) {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "this parameter needs a value (RFC 3261 "
                                 "section 19.1.1)");
        } else if (cur < e && *cur != ';' && *cur != '?') {
            return bad(tp, cur, e, "invalid character in a URI parameter");
        }
        if (k == P_LR)
            out->lr = 1;
    }
    out->params = slice(start, cur);
    *pcur = cur;
    return SIPW_OK;
}

/* headers = "?" header *( "&" header ), header = hname "=" hvalue,
 * hname = 1*( hnv-unreserved / unreserved / escaped ), hvalue = *( same )
 * (§19.1.1, §25.1), at the "?" at *pcur; runs to e. */
static sipw_status sip_headers(const struct sipw_tp *tp, const char **pcur,
                               const char *e, sipw_uri *out)
{
    const char *cur = *pcur + 1, *lim = e, *mar = cur, *start = cur, *tok;
    int he = 0;
    int *const hit_end = &he;

    for (;;) {
        tok = cur;
        /*!re2c
            hnvchar+ { goto hname; }
            $        { goto hname; }
            *        { cur = tok; goto hname; }
        */
    hname:
        if (cur == tok)
            return bad(tp, cur, e, "empty header name in a URI");
        if (cur == e || *cur != '=')
            return bad(tp, cur, e, "expected \"=\" after a URI header name");
        tok = ++cur;
        /*!re2c
            hnvchar+ { goto hvalue; }
            $        { goto hvalue; }
            *        { cur = tok; goto hvalue; }
        */
    hvalue:
        if (cur == e)
            break;
        if (*cur != '&')
            return bad(tp, cur, e, "invalid character in a URI header");
        cur++;
    }
    (void)mar;
    out->headers = slice(start, e);
    *pcur = e;
    return SIPW_OK;
}

/* hostport = host [ ":" port ], port = 1*DIGIT (§25.1), 0..65535. */
static sipw_status hostport(const struct sipw_tp *tp, const char **pcur,
                            const char *e, sipw_uri *out)
{
    const char *cur = *pcur, *lim = e, *mar = cur, *tok = cur, *at, *why;
    int he = 0;
    int *const hit_end = &he;
    uint32_t v = 0;

    out->host_type = sipw__host_lex(&cur, e, &at, &why);
    if (out->host_type == SIPW_HOST_NONE)
        return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
    out->host = slice(tok, cur);
    if (cur < e && *cur == ':') {
        tok = ++cur;
        /*!re2c
            DIGIT+ { goto port; }
            $      { return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                          "empty port after \":\""); }
            *      { return bad(tp, tok, e, "expected a port number after "
                                            "\":\""); }
        */
    port:
        for (at = tok; at < cur; at++) {
            v = v * 10 + (uint32_t)(*at - '0');
            if (v > 65535)
                return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                     "port above 65535");
        }
        out->port = (int32_t)v;
        if (cur < e && *cur != ';' && *cur != '?')
            return bad(tp, cur, e, "invalid character in port");
    } else if (cur < e && *cur != ';' && *cur != '?') {
        return bad(tp, cur, e, "invalid character in host");
    }
    (void)mar;
    *pcur = cur;
    return SIPW_OK;
}

/* SIP-URI  = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 * SIPS-URI = "sips:" (the same)                      (§19.1.1, §25.1)
 *   userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
 *   user     = 1*( unreserved / escaped / user-unreserved )
 *   user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
 *   password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
 * No other part of a SIP URI may hold an "@", so the userinfo is there
 * iff an "@" ends the longest run of userinfo characters at the start:
 * "sip:user;par=u%40example.net@example.com" has the user
 * "user;par=u%40example.net" (RFC 4475 §3.1.1.9). Without an "@"
 * (memchr() tells, cheaply) there is no userinfo to lex. */
static sipw_status sip_uri(const struct sipw_tp *tp, const char *s,
                           const char *e, sipw_uri *out)
{
    const char *cur = s, *lim = e, *mar = s, *tok, *colon = NULL;
    const char *pwbad = NULL, *at = NULL;
    int he = 0;
    int *const hit_end = &he;
    sipw_status st;

    /* No "@" at all (a host-only URI, as in Route): no userinfo. A user
     * of alphanums up to the first "@" (the common case) is what the
     * loop below would find: alphanums are userinfo bytes, and none of
     * them is ":" or [;?/]. */
    at = (const char *)memchr(s, '@', (size_t)(e - s));
    if (!at) {
        cur = e;
    } else if (at > s && sipw__span(s, at, SIPW_CC_ALNUM) == at) {
        cur = e;
    } else {
        at = NULL;
    }
    while (cur < e) {
        tok = cur;
        /*!re2c
            (unreserved | escaped | [&=+$,])+ { continue; }
            [;?/] {
                if (colon && !pwbad)
                    pwbad = tok;
                continue;
            }
            ":" {
                if (!colon)
                    colon = tok;
                else if (!pwbad)
                    pwbad = tok;
                continue;
            }
            "@" { at = tok; break; }
            $   { break; }
            *   { break; }
        */
    }
    (void)mar;
    if (at) {
        const char *uend = colon ? colon : at;
        if (uend == s)
            return sipw__tp_fail(tp, SIPW_EVALUE, s,
                                 "empty user part before \"@\" (RFC 3261 "
                                 "section 25.1)");
        if (pwbad)
            return sipw__tp_fail(tp, SIPW_EVALUE, pwbad,
                                 "invalid character in password (RFC 3261 "
                                 "section 25.1)");
        out->user = slice(s, uend);
        if (colon)
            out->password = slice(colon + 1, at);
        cur = at + 1;
    } else {
        cur = s;
    }
    st = hostport(tp, &cur, e, out);
    if (st == SIPW_OK && cur < e && *cur == ';')
        st = sip_params(tp, &cur, e, out);
    if (st == SIPW_OK && cur < e && *cur == '?')
        st = sip_headers(tp, &cur, e, out);
    return st;
}

/* Bytes of the uri-parameter names and values that sipw__uri_fast()
 * reads: alphanum and - . _ ~ ! * ' +. Each is a paramchar_plain (pname,
 * other-param's pvalue) and a ptoken byte (the values of transport, user
 * and method), and none starts an escape. */
static const unsigned char fast_pchar[256] = {
    ['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1, ['!'] = 1, ['*'] = 1,
    ['\''] = 1, ['+'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static const char *fast_pspan(const char *p, const char *e)
{
    while (p < e && fast_pchar[(unsigned char)*p])
        p++;
    return p;
}

/* [p, e), a pname: which well-known uri-parameter it names, ignoring
 * case; what pname_lex() finds for it (a keyword only when it is the
 * whole name). */
static int fast_pname(const char *p, const char *e)
{
    switch (e - p) {
    case 2:
        return sipw__lower_eq(p, "lr", 2) ? P_LR : P_OTHER;
    case 3:
        return sipw__lower_eq(p, "ttl", 3) ? P_TTL : P_OTHER;
    case 4:
        return sipw__lower_eq(p, "user", 4) ? P_USER : P_OTHER;
    case 5:
        return sipw__lower_eq(p, "maddr", 5) ? P_MADDR : P_OTHER;
    case 6:
        return sipw__lower_eq(p, "method", 6) ? P_METHOD : P_OTHER;
    case 9:
        return sipw__lower_eq(p, "transpor", 8) && (p[8] | 0x20) == 't'
                   ? P_TRANSPORT
                   : P_OTHER;
    default:
        return P_OTHER;
    }
}

const char *sipw__uri_fast(const char *p, const char *e, int with_params,
                           sipw_uri *out)
{
    const char *s, *cur, *tok, *at, *why;
    unsigned seen = 0;
    uint32_t port = 0;
    int k;

    /* "sip:" / "sips:", as sipw__uri()'s own fast path reads them. */
    if (e - p < 5 || (p[0] | 0x20) != 's' || (p[1] | 0x20) != 'i' ||
        (p[2] | 0x20) != 'p')
        return NULL;
    /* Every field, as the memset() of sipw__uri() leaves them; set one
     * by one, this costs fewer instructions than a memset(). */
    out->user.p = out->password.p = out->params.p = NULL;
    out->user.len = out->password.len = out->params.len = 0;
    out->transport.p = out->user_param.p = out->method.p = NULL;
    out->transport.len = out->user_param.len = out->method.len = 0;
    out->maddr.p = out->headers.p = out->opaque.p = NULL;
    out->maddr.len = out->headers.len = out->opaque.len = 0;
    out->lr = 0;
    if (p[3] == ':') {
        s = p + 4;
        out->scheme_id = SIPW_SCHEME_SIP;
    } else if ((p[3] | 0x20) == 's' && p[4] == ':') {
        s = p + 5;
        out->scheme_id = SIPW_SCHEME_SIPS;
    } else {
        return NULL;
    }
    out->scheme = slice(p, s - 1);
    out->port = -1;
    out->ttl = -1;

    /* userinfo = 1*alphanum "@": the first "@" of the URI, so sip_uri()
     * takes the same user. Without it no byte read below is an "@", and
     * sip_uri() finds no userinfo either. */
    cur = sipw__span(s, e, SIPW_CC_ALNUM);
    if (cur > s && cur < e && *cur == '@') {
        out->user = slice(s, cur);
        s = cur + 1;
    }

    /* host, by the same lexer as hostport(). The byte that ends a host
     * here also ends the URI for the caller (">", ";", ",", SP or e),
     * and no host rule reads across it, so lexing up to e rather than to
     * the end of the URI finds the same host. */
    cur = s;
    out->host_type = sipw__host_lex(&cur, e, &at, &why);
    if (out->host_type != SIPW_HOST_NAME && out->host_type != SIPW_HOST_IPV4)
        return NULL;
    out->host = slice(s, cur);

    /* [ ":" port ], 1*DIGIT up to 65535 (leading zeros allowed) */
    if (cur < e && *cur == ':') {
        tok = ++cur;
        while (cur < e && (unsigned)(*cur - '0') <= 9) {
            port = port * 10 + (uint32_t)(*cur - '0');
            if (port > 65535)
                return NULL;
            cur++;
        }
        if (cur == tok)
            return NULL;
        out->port = (int32_t)port;
    }

    /* uri-parameters: ";" pname [ "=" pvalue ] of fast_pchar bytes.
     * Names and values end at a byte that is no paramchar (the caller's
     * end of the URI), at ";" or at "=": there sip_params() stops too.
     * ttl and maddr (other lexers), escapes, duplicates, empty names or
     * values and missing values take the general path. */
    if (with_params && cur < e && *cur == ';') {
        s = cur;
        while (cur < e && *cur == ';') {
            tok = ++cur;
            cur = fast_pspan(cur, e);
            if (cur == tok)
                return NULL;
            k = fast_pname(tok, cur);
            if (k == P_TTL || k == P_MADDR)
                return NULL;
            if (k != P_OTHER) {
                if (seen & (1u << k))
                    return NULL;
                seen |= 1u << k;
            }
            if (cur < e && *cur == '=') {
                tok = ++cur;
                cur = fast_pspan(cur, e);
                if (cur == tok)
                    return NULL;
                if (k == P_TRANSPORT)
                    out->transport = slice(tok, cur);
                else if (k == P_USER)
                    out->user_param = slice(tok, cur);
                else if (k == P_METHOD)
                    out->method = slice(tok, cur);
            } else if (k != P_OTHER && k != P_LR) {
                return NULL;
            }
            if (k == P_LR)
                out->lr = 1;
        }
        out->params = slice(s, cur);
    }
    out->raw = slice(p, cur);
    return cur;
}

/* tel parameters that may appear once (RFC 3966 §3, §5.1.5). */
enum tparam {
    T_ISUB,
    T_EXT,
    T_CONTEXT,
    T_OTHER
};

/* RFC 3966 §3 (the values lexed by sipwire):
 *   extension = ";ext=" 1*phonedigit
 *   context   = ";phone-context=" descriptor
 *   descriptor = domainname / global-number-digits
 *   isdn-subaddress = ";isub=" 1*uric   (read as 1*paramchar: a ";" in
 *                                        it would end it anyway)
 *   parameter = ";" pname ["=" pvalue ], pvalue = 1*paramchar */
static sipw_status tel_value(const struct sipw_tp *tp, const char **pcur,
                             const char *e, int k)
{
    const char *cur = *pcur, *lim = e, *mar = cur, *tok = cur;
    const char *follow = "invalid character in a tel parameter";
    int he = 0;
    int *const hit_end = &he;

    if (cur == e || *cur == ';')
        return bad(tp, cur, e, "empty parameter value (RFC 3966 section 3)");
    if (k == T_EXT) {
        follow = "ext must be digits and visual separators (RFC 3966 "
                 "section 3)";
        /*!re2c
            phonedigit+ { goto done; }
            $           { goto done; }
            *           { cur = tok; goto done; }
        */
    } else if (k == T_CONTEXT) {
        follow = "phone-context must be a domain name or a global number "
                 "(RFC 3966 section 5.1.5)";
        /*!re2c
            global_number_digits { goto done; }
            hostname             { goto done; }
            $                    { goto done; }
            *                    { cur = tok; goto done; }
        */
    } else {
        /*!re2c
            paramchar+ { goto done; }
            $          { goto done; }
            *          { cur = tok; goto done; }
        */
    }
done:
    (void)mar;
    if (cur < e && *cur != ';')
        return bad(tp, cur, e, follow);
    *pcur = cur;
    return SIPW_OK;
}

/* telephone-uri = "tel:" telephone-subscriber          (RFC 3966 §3)
 *   telephone-subscriber = global-number / local-number
 *   global-number = global-number-digits *par
 *   local-number  = local-number-digits *par context *par
 *   global-number-digits = "+" *phonedigit DIGIT *phonedigit
 *   local-number-digits  = *phonedigit-hex (HEXDIG / "*" / "#")
 *                          *phonedigit-hex
 *   par = parameter / extension / isdn-subaddress
 *   pname = 1*( alphanum / "-" )
 * A local number needs its phone-context (§5.1.5); isub, ext and
 * phone-context may appear once each. The order of the parameters that
 * §3 recommends is not checked. */
static sipw_status tel_uri(const struct sipw_tp *tp, const char *s,
                           const char *e, sipw_uri *out)
{
    const char *cur = s, *lim = e, *mar = s, *tok = s, *name, *pstart;
    int he = 0, global, k;
    int *const hit_end = &he;
    unsigned seen = 0;
    sipw_status st;

    /*!re2c
        global_number_digits { global = 1; goto number; }
        local_number_digits  { global = 0; goto number; }
        "+" phonedigit* {
            return bad(tp, cur, e, "a global number needs a digit (RFC "
                                   "3966 section 3)");
        }
        visual_separator+ {
            return bad(tp, cur, e, "a telephone number needs a digit "
                                   "(RFC 3966 section 3)");
        }
        $ {
            return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                 "empty telephone number");
        }
        * { return bad(tp, tok, e, "invalid character in telephone "
                                   "number"); }
    */
number:
    out->user = slice(s, cur);
    pstart = cur;
    while (cur < e && *cur == ';') {
        name = tok = ++cur;
        /*!re2c
            'isub'          { k = T_ISUB; goto pname; }
            'ext'           { k = T_EXT; goto pname; }
            'phone-context' { k = T_CONTEXT; goto pname; }
            (alphanum | "-")+ { k = T_OTHER; goto pname; }
            $ { return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                     "empty parameter name (RFC 3966 "
                                     "section 3)"); }
            * { return bad(tp, tok, e, "empty or invalid parameter name "
                                       "(RFC 3966 section 3)"); }
        */
    pname:
        if (k != T_OTHER) {
            if (seen & (1u << k))
                return sipw__tp_fail(tp, SIPW_EDUP, name,
                                     "duplicate parameter");
            seen |= 1u << k;
        }
        if (cur < e && *cur == '=') {
            cur++;
            st = tel_value(tp, &cur, e, k);
            if (st != SIPW_OK)
                return st;
        } else if (k != T_OTHER) {
            return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                                 "this parameter needs a value (RFC 3966 "
                                 "section 3)");
        } else if (cur < e && *cur != ';') {
            return bad(tp, cur, e, "invalid character in a tel parameter");
        }
    }
    (void)mar;
    if (cur < e)
        return bad(tp, cur, e, "invalid character in telephone number");
    if (!global && !(seen & (1u << T_CONTEXT)))
        return sipw__tp_fail(tp, SIPW_EVALUE, s,
                             "a local number needs a phone-context "
                             "parameter (RFC 3966 section 5.1.5)");
    if (cur > pstart)
        out->params = slice(pstart, cur);
    return SIPW_OK;
}

/* absoluteURI = scheme ":" ( hier-part / opaque-part )  (§25.1, RFC 2396)
 * Kept as text: 1*uric after the ":". */
static sipw_status other_uri(const struct sipw_tp *tp, const char *s,
                             const char *e, sipw_uri *out)
{
    const char *cur = s, *lim = e, *mar = s, *tok = s;
    int he = 0;
    int *const hit_end = &he;

    /*!re2c
        uric+ { goto done; }
        $     { return sipw__tp_fail(tp, SIPW_EVALUE, e,
                                     "empty URI after the scheme"); }
        *     { return bad(tp, tok, e, "invalid character in a URI"); }
    */
done:
    (void)mar;
    if (cur < e)
        return bad(tp, cur, e, "invalid character in a URI");
    out->opaque = slice(s, e);
    return SIPW_OK;
}

sipw_status sipw__uri(const struct sipw_tp *tp, const char *p, const char *e,
                      sipw_uri *out)
{
    const char *cur = p, *lim = e, *mar = p;
    int he = 0;
    int *const hit_end = &he;
    sipw_scheme id;
    sipw_status st;

    /* A whole URI of the common shape (sipw__uri_fast(); its NULL is no
     * success even when e is NULL, for an empty string). */
    if (!(tp->flags & SIPW__TP_SLOW) && p != e &&
        sipw__uri_fast(p, e, 1, out) == e)
        return SIPW_OK;
    memset(out, 0, sizeof *out);
    /* Fast path: "sip:" and "sips:" in any case, what the first two rules
     * below match (no other rule matches longer). Only the letters are
     * folded with | 0x20: the ":" must be exact. */
    if (e - p >= 5 && (p[0] | 0x20) == 's' && (p[1] | 0x20) == 'i' &&
        (p[2] | 0x20) == 'p') {
        if (p[3] == ':') {
            cur = p + 4;
            id = SIPW_SCHEME_SIP;
            goto scheme;
        }
        if ((p[3] | 0x20) == 's' && p[4] == ':') {
            cur = p + 5;
            id = SIPW_SCHEME_SIPS;
            goto scheme;
        }
    }
    /* §19.1.1: the scheme is case-insensitive. */
    /*!re2c
        'sip' ":"  { id = SIPW_SCHEME_SIP; goto scheme; }
        'sips' ":" { id = SIPW_SCHEME_SIPS; goto scheme; }
        'tel' ":"  { id = SIPW_SCHEME_TEL; goto scheme; }
        scheme ":" { id = SIPW_SCHEME_OTHER; goto scheme; }
        scheme {
            return bad(tp, cur, e, "expected \":\" after the URI scheme");
        }
        $ { return sipw__tp_fail(tp, SIPW_EVALUE, p, "empty URI"); }
        * {
            return bad(tp, p, e, "a URI starts with a scheme: a letter "
                                 "(RFC 3261 section 19.1.1)");
        }
    */
scheme:
    (void)mar;
    out->raw = slice(p, e);
    out->scheme = slice(p, cur - 1);
    out->scheme_id = id;
    out->port = -1;
    out->ttl = -1;
    if (id == SIPW_SCHEME_SIP || id == SIPW_SCHEME_SIPS)
        st = sip_uri(tp, cur, e, out);
    else if (id == SIPW_SCHEME_TEL)
        st = tel_uri(tp, cur, e, out);
    else
        st = other_uri(tp, cur, e, out);
    if (st != SIPW_OK)
        memset(out, 0, sizeof *out);
    return st;
}

sipw_status sipw_uri_parse(sipw_uri *uri, const char *s, size_t len,
                           unsigned flags, sipw_error *err)
{
    struct sipw_tp tp;

    tp.buf = s;
    tp.len = len;
    tp.header.p = NULL;
    tp.header.len = 0;
    tp.arena = NULL;
    tp.err = err;
    tp.flags = 0;
    if (!uri || (!s && len)) {
        if (uri)
            memset(uri, 0, sizeof *uri);
        return sipw__tp_fail(&tp, SIPW_EINVAL, s, "NULL argument");
    }
    if (flags != SIPW_URI_DEFAULT) {
        memset(uri, 0, sizeof *uri);
        return sipw__tp_fail(&tp, SIPW_EINVAL, s, "unknown flag bits");
    }
    return sipw__uri(&tp, s, len ? s + len : s, uri);
}

size_t sipw_uri_unescape(sipw_str s, char *dst, size_t cap)
{
    size_t i, n = 0;
    unsigned char c;

    for (i = 0; i < s.len; i++) {
        c = (unsigned char)s.p[i];
        if (c == '%' && s.len - i > 2 && is_hex((unsigned char)s.p[i + 1]) &&
            is_hex((unsigned char)s.p[i + 2])) {
            c = (unsigned char)(hexval((unsigned char)s.p[i + 1]) * 16 +
                                hexval((unsigned char)s.p[i + 2]));
            i += 2;
        }
        if (n + 1 < cap)
            dst[n] = (char)c;
        n++;
    }
    if (cap > 0)
        dst[n < cap ? n : cap - 1] = '\0';
    return n;
}

int sipw_uri_header_next(sipw_str *rest, sipw_str *name, sipw_str *value)
{
    const char *p, *e, *end, *eq;

    if (!rest || !rest->p || rest->len == 0)
        return 0;
    p = rest->p;
    e = p + rest->len;
    end = (const char *)memchr(p, '&', rest->len);
    if (!end)
        end = e;
    eq = (const char *)memchr(p, '=', (size_t)(end - p));
    if (name)
        *name = slice(p, eq ? eq : end);
    if (value) {
        if (eq) {
            *value = slice(eq + 1, end);
        } else {
            value->p = NULL;
            value->len = 0;
        }
    }
    rest->p = end < e ? end + 1 : e;
    rest->len = (size_t)(e - rest->p);
    return 1;
}
