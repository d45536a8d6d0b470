/* Header-name classification: RFC 3261 §7.3.1 (field names are
 * case-insensitive) and §7.3.3 (compact forms).
 *
 * The rules themselves (one per header: 'Long-Name' | 'c') are generated
 * from SIPW_HDR_LIST by tools/gen-hdrnames into hdrnames.inc.re, so the
 * table in <sipwire/hdr.h> stays the only list of names. A DFA over the
 * name bytes finds the id in the same pass that finds the token's end. */

#include "internal.h"

/*!include:re2c "abnf.re" */

sipw_hdr sipw__hdr_scan(const char **pcur, const char *lim, int *hit_end)
{
    const char *cur = *pcur, *mar = cur;
    sipw_hdr id;

    /*!re2c
        re2c:api = custom;
        re2c:api:style = free-form;
        re2c:define:YYCTYPE = "unsigned char";
        re2c:define:YYPEEK = "(cur < lim ? (unsigned char)*cur : 0)";
        re2c:define:YYSKIP = "++cur;";
        re2c:define:YYBACKUP = "mar = cur;";
        re2c:define:YYRESTORE = "cur = mar;";
        re2c:define:YYLESSTHAN = "cur >= lim";
        re2c:define:YYFILL = "(*hit_end = 1, 0)";
        re2c:eof = 0;

        !include "hdrnames.inc.re";
        token { id = SIPW_HDR_OTHER; goto done; }
        $     { return SIPW_HDR_OTHER; }
        *     { return SIPW_HDR_OTHER; }
    */
done:
    (void)mar;
    *pcur = cur;
    return id;
}
