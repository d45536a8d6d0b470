/* SPDX-License-Identifier: MIT */
/* The rules every sipwire lexer shares, with their RFC names (underscores
 * for hyphens): RFC 3261 §25.1 "Basic Rules", the host and number rules
 * several headers use, and the byte classes. Included by the other
 * grammar files; defines no lexer of its own.
 *
 * The byte classes below are the one definition of which byte may stand
 * where. tools/gen-classes.re runs them over every byte to make the tables
 * the framing, typed and writer layers use (sipw__cc in base.h), so no
 * table is kept by hand. */

/*!re2c
    // RFC 5234 appendix B.1
    ALPHA      = [a-zA-Z];
    DIGIT      = [0-9];
    HEXDIG     = [0-9a-fA-F];
    SP         = " ";
    HTAB       = "\t";
    WSP        = SP | HTAB;
    CRLF       = "\r\n";
    DQUOTE     = "\"";

    // RFC 3261 §25.1
    alphanum   = ALPHA | DIGIT;
    // reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
    reserved   = [;/?:@&=+$,];
    // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    mark       = [\-_.!~*'()];
    unreserved = alphanum | mark;
    escaped    = "%" HEXDIG HEXDIG;

    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    token_char = alphanum | [\-.!%*_+`'~];
    token      = token_char+;

    // word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`"
    //          / "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE
    //          / "/" / "[" / "]" / "?" / "{" / "}" )
    word_char  = token_char | [()<>:\\"/[\]?{}];
    word       = word_char+;

    // UTF8-NONASCII and UTF8-CONT. sipwire accepts any byte >= 0x80 here
    // and does not check that sequences are well-formed UTF-8.
    UTF8_NONASCII = [\x80-\xff];

    // LWS = [*WSP CRLF] 1*WSP. Header values reach the typed lexers with
    // their folds (CRLF WSP) in place; RFC 3261 §7.3.1 reads each fold as
    // one SP, so sipwire reads any run of WSP and folds as LWS.
    LWS        = ((WSP* CRLF)? WSP+)+;
    SWS        = LWS?;
    // §25.1: SLASH = SWS "/" SWS
    SLASH      = SWS "/" SWS;

    // quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
    // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
    // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
    qdtext_char = [\x21\x23-\x5b\x5d-\x7e] | UTF8_NONASCII;
    quoted_pair_char = [\x00-\x09\x0b\x0c\x0e-\x7f];
    quoted_pair = "\\" quoted_pair_char;

    // Control bytes other than HTAB, CR and LF: never allowed unquoted.
    CTL_other  = [\x00-\x08\x0b\x0c\x0e-\x1f\x7f];

    // RFC 3261 §19.1.1 / RFC 3986 §3.1:
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    scheme     = ALPHA (alphanum | [+\-.])*;

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (ABNF strings are
    // case-insensitive)
    SIP_Version = 'SIP' "/" DIGIT+ "." DIGIT+;
    SIP_2_0     = 'SIP/2.0';

    // --- hosts and numbers (§25.1), one rule each ---------------------
    // IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each
    // part also 0..255 (leading zeros allowed)
    dec_octet   = DIGIT{1,2} | [01] DIGIT DIGIT | "2" [0-4] DIGIT | "25" [0-5];
    IPv4address = dec_octet "." dec_octet "." dec_octet "." dec_octet;
    // hostname = *( domainlabel "." ) toplabel [ "." ]
    domainlabel = alphanum | alphanum (alphanum | "-")* alphanum;
    toplabel    = ALPHA | ALPHA (alphanum | "-")* alphanum;
    hostname    = (domainlabel ".")* toplabel "."?;
    // RFC 4291 §2.2: a group of 16 bits
    h16         = HEXDIG{1,4};
    // port = 1*DIGIT (0..65535 is checked by sipw__port()); ttl = 1*3DIGIT
    // (0..255)
    port        = DIGIT+;
    ttl         = DIGIT{1,3};

    // --- byte classes of the tables (tools/gen-classes.re) -------------
    // Bytes a header value's text may hold without a decision: all but
    // control bytes (HTAB excepted), DEL and DQUOTE. The framing lexer
    // skips runs of them (SIMD) and decides on the byte after.
    text_byte   = WSP | [\x21\x23-\x7e] | UTF8_NONASCII;
    // The same inside a quoted string: qdtext and WSP, no "\".
    qdtext_byte = WSP | qdtext_char;
    // Request-URI (§7.1): reserved / unreserved, and "[" "]" for IPv6
    // references (RFC 5118); "%" only as part of an escape.
    uric_byte   = reserved | unreserved | [[\]];
    // Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII
    //                   / UTF8-CONT / SP / HTAB), "%" apart
    reason_byte = reserved | unreserved | UTF8_NONASCII | WSP;
    // What the writer lets stand unchecked in a URI (escapes included), a
    // host, a reason phrase, an unquoted gen-value and the user of a SIP
    // URI (user-unreserved, §25.1).
    w_uri_byte    = reserved | unreserved | [%[\]#];
    w_host_byte   = alphanum | [.\-[\]:];
    w_reason_byte = reason_byte | "%";
    w_gvalue_byte = token_char | [[\]:];
    w_user_byte   = unreserved | [%&=+$,;?/];
    // The bytes a hostname or IPv4address is made of: a longer run of
    // them than the host the lexer found is a malformed host.
    host_byte     = alphanum | [.\-];
    // Skip classes only (they hold NUL, so no lexer loop may repeat
    // them): the bytes of an addr-spec inside "<>", up to ">" or LWS
    // (RFC 4475 §3.1.2.14), and of one without "<>", which ends at ";",
    // ",", LWS or "?" (RFC 3261 §20.10). The URI parser judges them.
    aspec_byte    = [^> \t\r\n];
    bare_byte     = [^;,? \t\r\n];
*/
