/* Core rules shared by every sipwire lexer: RFC 3261 §25.1 "Basic Rules",
 * with the RFC's names (underscores for its hyphens). Included by the
 * other grammar files; defines no rules of its own. */

/*!re2c
    ALPHA      = [a-zA-Z];
    DIGIT      = [0-9];
    HEXDIG     = [0-9a-fA-F];
    alphanum   = ALPHA | DIGIT;
    SP         = " ";
    HTAB       = "\t";
    WSP        = SP | HTAB;
    CRLF       = "\r\n";
    DQUOTE     = "\"";

    // reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
    reserved   = [;/?:@&=+$,];
    // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    mark       = [\-_.!~*'()];
    unreserved = alphanum | mark;
    escaped    = "%" HEXDIG HEXDIG;

    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    token_char = alphanum | [\-.!%*_+`'~];
    token      = token_char+;

    // UTF8-NONASCII and UTF8-CONT. sipwire accepts any byte >= 0x80 here
    // and does not check that sequences are well-formed UTF-8.
    UTF8_NONASCII = [\x80-\xff];

    // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
    quoted_pair_char = [\x00-\x09\x0b\x0c\x0e-\x7f];

    // Control bytes other than HTAB, CR and LF: never allowed unquoted.
    CTL_other  = [\x00-\x08\x0b\x0c\x0e-\x1f\x7f];

    // Linear white space (§25.1). A fold is CRLF followed by WSP; header
    // values reach the typed lexers with their folds still in place.
    LWS        = (WSP* CRLF)? WSP+;
    SWS        = LWS?;

    // Separators (§25.1): each allows LWS on both sides, except as noted.
    STAR       = SWS "*" SWS;
    SLASH      = SWS "/" SWS;
    EQUAL      = SWS "=" SWS;
    LPAREN     = SWS "(" SWS;
    RPAREN     = SWS ")" SWS;
    RAQUOT     = ">" SWS;
    LAQUOT     = SWS "<";
    COMMA      = SWS "," SWS;
    SEMI       = SWS ";" SWS;
    COLON      = SWS ":" SWS;
    LDQUOT     = SWS DQUOTE;
    RDQUOT     = DQUOTE SWS;

    // quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
    // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
    qdtext_char = [\x21\x23-\x5b\x5d-\x7e] | UTF8_NONASCII;
    quoted_pair = "\\" quoted_pair_char;
    quoted_body = (LWS | qdtext_char | quoted_pair)*;

    // word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`"
    //          / "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE
    //          / "/" / "[" / "]" / "?" / "{" / "}" )
    word_char  = token_char | [()<>:\\"/[\]?{}];
    word       = word_char+;

    // RFC 3261 §19.1.1 / RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    scheme     = ALPHA (alphanum | [+\-.])*;

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (ABNF strings are case-insensitive)
    SIP_Version = 'SIP' "/" DIGIT+ "." DIGIT+;
    SIP_2_0     = 'SIP/2.0';
*/
