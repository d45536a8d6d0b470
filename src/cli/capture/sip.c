/* SPDX-License-Identifier: MIT */
/* sipwire tool, capture reader: is this SIP? Decided from the first line
 * only, and cheaply (capture.h, cap_sip_check(), states the rule). */
#include <string.h>

#include "capture-int.h"

/* RFC 3261 section 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" /
 * "*" / "_" / "+" / "`" / "'" / "~"). */
static int is_token(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
        return 1;
    return c != '\0' && strchr("-.!%*_+`'~", c) != NULL;
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RFC 3986 section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" /
 * "." ). */
static int is_scheme(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
}

/* "SIP/2.0", the name compared ignoring case (RFC 3261 section 7.1). */
static int is_version(const unsigned char *p)
{
    return (p[0] | 0x20) == 's' && (p[1] | 0x20) == 'i' &&
           (p[2] | 0x20) == 'p' && memcmp(p + 3, "/2.0", 4) == 0;
}

/* How much of "SIP/2.0 " p[0..n) matches, for a line cut short. */
static int version_prefix(const unsigned char *p, size_t n)
{
    static const char v[] = "sip/2.0 ";
    size_t i;
    for (i = 0; i < n && i < 8; i++) {
        unsigned char c = i < 3 ? (unsigned char)(p[i] | 0x20) : p[i];
        if (c != (unsigned char)v[i])
            return 0;
    }
    return 1;
}

enum cap_sip cap_sip_line(const unsigned char *p, size_t n)
{
    size_t i = 0, k;
    const unsigned char *lf;

    /* Status-Line = SIP-Version SP Status-Code ... */
    if (n < 9 && version_prefix(p, n))
        return n < 8 || p[7] == ' ' ? CAP_SIP_MORE : CAP_SIP_NO;
    if (n >= 9 && is_version(p) && p[7] == ' ')
        return p[8] >= '0' && p[8] <= '9' ? CAP_SIP_YES : CAP_SIP_NO;

    /* Request-Line = Method SP Request-URI SP SIP-Version CRLF */
    while (i < n && is_token(p[i]))
        i++;
    if (i == n)
        return n < CAP_SIP_LINE_MAX ? CAP_SIP_MORE : CAP_SIP_NO;
    if (i == 0 || p[i] != ' ')
        return CAP_SIP_NO;
    k = ++i;
    if (i < n && !is_alpha(p[i]))
        return CAP_SIP_NO;
    while (i < n && is_scheme(p[i]))
        i++;
    if (i == n)
        return n < CAP_SIP_LINE_MAX ? CAP_SIP_MORE : CAP_SIP_NO;
    if (i == k || p[i] != ':')
        return CAP_SIP_NO;
    lf = memchr(p + i, '\n', n - i);
    if (!lf)
        return n < CAP_SIP_LINE_MAX ? CAP_SIP_MORE : CAP_SIP_NO;
    k = (size_t)(lf - p);
    if (k > 0 && p[k - 1] == '\r')
        k--;
    /* " SIP/2.0" at the end, after the scheme's colon. */
    if (k < i + 1 + 8 || p[k - 8] != ' ' || !is_version(p + k - 7))
        return CAP_SIP_NO;
    return CAP_SIP_YES;
}

int cap_sip_keepalive(const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n')
            return 0;
    return n > 0;
}

enum cap_sip cap_sip_check(const void *buf, size_t n)
{
    const unsigned char *p = buf;
    size_t i = 0;
    while (i < n && (p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i == n)
        return CAP_SIP_MORE;
    return cap_sip_line(p + i, n - i);
}
