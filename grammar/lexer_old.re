/* The re2c set-up every sipwire lexer shares: bounds checks without a
 * sentinel. A lexer that includes this file declares `cur` and `lim` (the
 * input position and end), `mar` (re2c's backtracking mark) and `hit_end`
 * (an int *).
 *
 * YYPEEK returns 0 at the limit instead of reading it. YYFILL is called
 * only when a rule needs a byte at the limit: it records that in *hit_end
 * and refuses to refill, so the block takes its `$` rule (at a token's
 * start) or its longest match so far. *hit_end is what lets a caller tell
 * "cut short" from "wrong". */

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
*/
