/* sipwire: fast skipping of header-value text and hosts, ahead of the
 * re2c rules.
 *
 * Most bytes of a SIP message are plain header-value text. Instead of
 * walking them one DFA step at a time, the framing lexer first jumps over
 * a run of bytes that need no decision: everything but control bytes
 * (HTAB excepted), DEL and DQUOTE. The re2c rules then handle the byte it
 * stops at (CR, a quote, a bad byte, or the end). With SSE2 (every x86-64)
 * 16 bytes are checked per step, as picohttpparser does; elsewhere a
 * table-driven byte loop does the same job. Host names get a 16-byte
 * classifier too (sipw__host16, for grammar/uri.re). */
#ifndef SIPW_SCAN_H
#define SIPW_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 1 for the bytes sipw__skip_text() / sipw__skip_qdtext() stop at. */
extern const unsigned char sipw__text_stop[256];
extern const unsigned char sipw__qdtext_stop[256];

/* The two functions below: the first byte in [p, lim) that is a control
 * byte other than HTAB, DEL, DQUOTE, or (when quoted) "\\"; lim if there
 * is none. Reads only [p, lim). */
static inline const char *sipw__skip_(const char *p, const char *lim,
                                      int quoted)
{
#if defined(__SSE2__)
    const __m128i c1f = _mm_set1_epi8(0x1f);
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i del = _mm_set1_epi8(0x7f);
    const __m128i dq = _mm_set1_epi8('"');
    const __m128i bs = _mm_set1_epi8('\\');
    while (lim - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* unsigned x <= 0x1f, less HTAB; then DEL and DQUOTE */
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x);
        __m128i stop = _mm_or_si128(
            _mm_andnot_si128(_mm_cmpeq_epi8(x, tab), ctl),
            _mm_or_si128(_mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, dq)));
        unsigned mask;
        if (quoted)
            stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, bs));
        mask = (unsigned)_mm_movemask_epi8(stop);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < lim && !(quoted ? sipw__qdtext_stop : sipw__text_stop)
                            [(unsigned char)*p])
        p++;
    return p;
}

/* Header-value text: everything but control bytes (HTAB excepted), DEL
 * and DQUOTE. */
static inline const char *sipw__skip_text(const char *p, const char *lim)
{
    return sipw__skip_(p, lim, 0);
}

/* qdtext and WSP (RFC 3261 section 25.1), the body of a quoted string: the
 * same bytes less "\\". */
static inline const char *sipw__skip_qdtext(const char *p, const char *lim)
{
    return sipw__skip_(p, lim, 1);
}

#if defined(__SSE2__)
/* Host bytes (grammar/uri.re): returns a mask with bit i set when p[i] is
 * alphanum or ".", and sets *dots and *alpha to the masks of the "." bytes
 * and of the letters. Reads the 16 bytes at p. */
static inline unsigned sipw__host16(const char *p, unsigned *dots,
                                    unsigned *alpha)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* Letters: (x | 0x20) - 'a' <= 25 unsigned; digits: x - '0' <= 9 */
    __m128i l = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
                             _mm_set1_epi8('a'));
    __m128i d = _mm_sub_epi8(x, _mm_set1_epi8('0'));
    __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);
    __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    __m128i dot = _mm_cmpeq_epi8(x, _mm_set1_epi8('.'));
    *dots = (unsigned)_mm_movemask_epi8(dot);
    *alpha = (unsigned)_mm_movemask_epi8(letter);
    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(letter, digit), dot));
}
#endif

#endif
