/* SPDX-License-Identifier: MIT */
/* The re2c set-up every sipwire lexer shares: bounds checks without a
 * sentinel in the caller's buffer. A function that holds a lexer block
 * declares `cur` and `lim` (the input position and its end) and, when a
 * rule of the block can backtrack, `mar` (re2c's mark; the compiler says
 * where it is missing or unused).
 *
 * YYPEEK returns 0 at `lim` instead of reading it, so the end of the input
 * reads as a NUL byte (`end` below) and no byte past `lim` is ever read.
 * It evaluates SIPW_LEX_AT_END there (0 unless a file defines it to also
 * record the fact, as the framing lexer does: the message was cut short).
 * A real NUL byte reads the same, which is why a rule that matches `end`
 * checks whether it stands at `lim`. No character class that repeats in a
 * rule holds NUL, so every block stops at `lim` at the latest.
 *
 * Without re2c's eof rule the lexers can use bit vectors (-b) and computed
 * gotos (-g), which Makefile.am turns on: a class loop is then a table
 * test per byte instead of a chain of compares. */

/* GCC cannot follow re2c's jumps between the states of a DFA and warns
 * that yych or yyaccept "may be used uninitialized" where every path sets
 * them first. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#ifndef SIPW_LEX_AT_END
#define SIPW_LEX_AT_END 0
#endif

/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)*cur : SIPW_LEX_AT_END)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:yyfill:enable = 0;

    // The end of the input, or a NUL byte in it.
    end = "\x00";
*/

/* Tags (@name in a rule) record where a part of a match starts or ends,
 * so one block can lex a production with several parts. A tag of a part
 * that did not match is NULL. Each block that uses them declares its
 * tags with a stags directive of its own name. */
/*!re2c
    re2c:tags = 1;
    re2c:define:YYSTAGP = "@@ = cur;";
    re2c:define:YYSTAGN = "@@ = NULL;";
    re2c:define:YYSHIFTSTAG = "@@{tag} += @@{shift};";
*/
