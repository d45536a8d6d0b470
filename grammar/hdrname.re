/* SPDX-License-Identifier: MIT */
/* Header-name classification: RFC 3261 §7.3.1 (field names are
 * case-insensitive) and §7.3.3 (compact forms).
 *
 * The rules themselves (one per header: 'Long-Name' | 'c') are generated
 * from SIPW_HDR_LIST by tools/gen-hdrnames into hdrnames.inc.re, so the
 * table in <sipwire/hdr.h> stays the only list of names. A DFA over the
 * name bytes finds the id in the same pass that finds the token's end. */
#include "frame/frame.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */
#undef SIPW_LEX_AT_END
#define SIPW_LEX_AT_END (*hit_end = 1, 0)

sipw_hdr sipw__hdr_scan(const char **pcur, const char *lim, int *hit_end)
{
    const char *cur = *pcur;
    sipw_hdr id;

    /*!re2c
        !include "hdrnames.inc.re";
        token { id = SIPW_HDR_OTHER; goto done; }
        *     { return SIPW_HDR_OTHER; }
    */
done:
    *pcur = cur;
    return id;
}
