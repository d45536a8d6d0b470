/* sipwire: fast skipping of header-value text, ahead of the re2c value
 * rules.
 *
 * Most bytes of a SIP message are plain header-value text. Instead of
 * walking them one DFA step at a time, the framing lexer first jumps over
 * a run of bytes that need no decision: everything but control bytes
 * (HTAB excepted), DEL and DQUOTE. The re2c rules then handle the byte it
 * stops at (CR, a quote, a bad byte, or the end). With SSE2 (every x86-64)
 * 16 bytes are checked per step, as picohttpparser does; elsewhere a
 * table-driven byte loop does the same job. */
#ifndef SIPW_SCAN_H
#define SIPW_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 1 for the bytes the fast path must stop at. */
extern const unsigned char sipw__text_stop[256];

/* Returns the first byte in [p, lim) that is a control byte other than
 * HTAB, DEL or DQUOTE; lim if there is none. Reads only [p, lim). */
static inline const char *sipw__skip_text(const char *p, const char *lim)
{
#if defined(__SSE2__)
    const __m128i c1f = _mm_set1_epi8(0x1f);
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i del = _mm_set1_epi8(0x7f);
    const __m128i dq = _mm_set1_epi8('"');
    while (lim - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* unsigned x <= 0x1f, less HTAB; then DEL and DQUOTE */
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x);
        __m128i stop = _mm_or_si128(
            _mm_andnot_si128(_mm_cmpeq_epi8(x, tab), ctl),
            _mm_or_si128(_mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, dq)));
        unsigned mask = (unsigned)_mm_movemask_epi8(stop);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < lim && !sipw__text_stop[(unsigned char)*p])
        p++;
    return p;
}

#endif
