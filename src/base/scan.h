/* SPDX-License-Identifier: MIT */
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

#include "base/base.h"

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
