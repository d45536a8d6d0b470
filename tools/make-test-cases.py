#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes sipwire's hand-made test messages into tests/data/{valid,invalid}/.

Each case is a template. a marker (U+2038) marks, and is removed from, the byte where the
parser must report the error; the expected line:column is computed from the
marker's position, so the expectation comes from the case's author, not from
the parser. Run from the project root (python3 tools/make-test-cases.py); the
output is committed. Rerunning it rewrites every file: check with git diff that
only the cases you meant to change changed.

Besides framing, the cases cover the typed headers: one valid message per
family (typed-*) and one invalid message per defect (uri-*, via-*, nameaddr-*,
contact-*, cseq-*, max-forwards-*...); how their markers are placed is said
above INVALID.update() below and in tests/data/README.md.
"""
import os

BASE_REQ = (
    "OPTIONS sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKnashds8\r\n"
    "Max-Forwards: 70\r\n"
    "To: <sip:bob@example.com>\r\n"
    "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@host.example.com\r\n"
    "CSeq: 63104 OPTIONS\r\n"
)

def req(extra="", cl="Content-Length: 0\r\n", body="", start=None):
    s = BASE_REQ if start is None else start + BASE_REQ[BASE_REQ.index("\r\n") + 2:]
    return s + extra + cl + "\r\n" + body

RESP_HDRS = (
    "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKnashds8\r\n"
    "To: <sip:bob@example.com>;tag=a6c85cf\r\n"
    "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@host.example.com\r\n"
    "CSeq: 63104 OPTIONS\r\n"
    "Content-Length: 0\r\n\r\n"
)

def resp(status_line):
    return status_line + "\r\n" + RESP_HDRS

VALID = {
    "minimal-request": ("A minimal OPTIONS request", req()),
    "minimal-response": ("A 200 OK: responses need no Max-Forwards", resp("SIP/2.0 200 OK")),
    "empty-reason": ("Reason-Phrase may be empty (RFC 4475 noreason)", resp("SIP/2.0 100 ")),
    "utf8-reason": ("Reason-Phrase in UTF-8", resp("SIP/2.0 486 Occup\u00e9 \u2014 r\u00e9essayez")),
    "lowercase-version": ("SIP-Version is case-insensitive (ABNF string)",
                          req(start="OPTIONS sip:bob@example.com sip/2.0\r\n")),
    "space-before-colon": ("Whitespace between header name and colon (HCOLON)",
                           req(extra="Subject \t : hello\r\n")),
    "folded-values": ("Folding: CRLF + SP/HTAB continues a value",
                      req(extra="Subject: a\r\n  folded\r\n\tsubject\r\nX-Empty:\r\n  \r\n")),
    "compact-forms": ("Compact header names", 
                      "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                      "v: SIP/2.0/UDP host.example.com;branch=z9hG4bKnashds8\r\n"
                      "Max-Forwards: 70\r\n"
                      "t: <sip:bob@example.com>\r\n"
                      "f: <sip:alice@example.com>;tag=1\r\n"
                      "i: compact@host\r\n"
                      "CSeq: 1 OPTIONS\r\n"
                      "l: 0\r\n\r\n"),
    "quoted-nul": ("A quoted-pair of NUL inside a quoted display name (RFC 4475 3.1.1.2)",
                   req(extra='Reply-To: "nul:\\\x00 bel:\\\x07 del:\\\x7f" <sip:r@example.com>\r\n')),
    "quote-in-unknown-header": ("An unbalanced quote in an unstructured header is just text",
                                req(extra='Subject: a 5" display\r\nX-Note: say "hi\r\n')),
    "body-by-content-length": ("Bytes past Content-Length are ignored (RFC 3261 18.3)",
                               req(cl="Content-Length: 5\r\n", body="hello-and-trailing-junk")),
    "body-without-content-length": ("No Content-Length: the body runs to the end of the datagram",
                                    req(cl="", body="v=0\r\n")),
    "leading-zero-content-length": ("Content-Length with leading zeros",
                                    req(cl="Content-Length: 0005\r\n", body="hello")),
    "unknown-method": ("Extension methods are tokens",
                       req(start="FOO-BAR.baz sip:bob@example.com SIP/2.0\r\n")
                       .replace("CSeq: 63104 OPTIONS", "CSeq: 63104 FOO-BAR.baz")),
    "ipv6-request-uri": ("IPv6 reference in the Request-URI (RFC 5118)",
                         req(start="OPTIONS sip:[2001:db8::10]:5070;transport=udp SIP/2.0\r\n")),
    "no-max-forwards": ("A request without Max-Forwards is valid, with a warning (RFC 4475 3.4.1)",
                        req().replace("Max-Forwards: 70\r\n", "")),
}


# Typed headers (RFC 3261 section 20): one valid message per family, each
# run through the every-byte-cut and guard-page harness of check_corpus.
VIA_LINE = "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKnashds8\r\n"
TO_LINE = "To: <sip:bob@example.com>\r\n"
FROM_LINE = "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
CSEQ_LINE = "CSeq: 63104 OPTIONS\r\n"

VALID.update({
    "typed-uri-forms": ("URIs: password, escapes, IPv4 and IPv6 hosts, ports, "
                        "well-known parameters, tel, URI headers in a Contact",
                        req(start="OPTIONS sip:alice:pa%24s@192.0.2.1:5060;transport=udp;lr;"
                                  "ttl=1;maddr=[2001:db8::2];user=ip SIP/2.0\r\n",
                            extra="Contact: <sips:bob@[2001:db8::1]:5061;transport=tls"
                                  "?subject=hi%20there&priority=urgent>\r\n"
                                  "Route: <sip:[::ffff:192.0.2.7];lr>\r\n")
                        .replace(TO_LINE, "To: <tel:+1-201-555-0123>\r\n")),
    "typed-via-forms": ("Via: IPv6 sent-by and received, rport with and without "
                        "a value, ttl, maddr, LWS around separators, a quoted "
                        "extension value, three lines",
                        req().replace(VIA_LINE,
                            "Via: SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK1;"
                            "received=[2001:db8::9:255];rport=5061;ttl=255;maddr=224.0.0.1 ,"
                            " SIP/2.0/TLS relay.example.com:5061 ; branch = z9hG4bK2 ; rport\r\n"
                            "v: SIP / 2.0 / SCTP 192.0.2.9;branch=z9hG4bK3;"
                            "x-note=\"a ; quoted, value\"\r\n"
                            "Via: SIP/2.0/UDP 192.0.2.10;received=2001:db8::9:255;"
                            "branch=z9hG4bK4\r\n")),
    "typed-nameaddr-forms": ("name-addr and addr-spec: escaped quotes and a comma "
                             "in display names, contact q and expires, lists over "
                             "one and several lines",
                             "INVITE sip:bob@example.com SIP/2.0\r\n"
                             + VIA_LINE +
                             "Max-Forwards: 70\r\n"
                             "To: sip:bob@example.com;tag=b2\r\n"
                             "From: \"Alice \\\"A\\\" Smith\" <sip:alice@example.com>;tag=a1;x-p=y\r\n"
                             "Call-ID: forms@host.example.com\r\n"
                             "CSeq: 1 INVITE\r\n"
                             "Contact: <sip:a@192.0.2.1>;q=0.7;expires=3600, \"Second, really\""
                             " <sip:b@192.0.2.2>;q=1.0 , sip:c@192.0.2.3;expires=0\r\n"
                             "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>\r\n"
                             "Record-Route: <sip:rr.example.com;lr>\r\n"
                             "Reply-To: Carol Smith <sip:carol@example.com>\r\n"
                             "P-Asserted-Identity: \"Alice\" <sip:alice@example.com>, <tel:+12015550123>\r\n"
                             "Refer-To: <sip:dave@example.com?Replaces=abc%40host>\r\n"
                             "Content-Length: 0\r\n\r\n"),
    "typed-contact-star": ("REGISTER removing every binding: Contact \"*\" with "
                           "Expires 0 (RFC 3261 10.2.2)",
                           "REGISTER sip:example.com SIP/2.0\r\n"
                           + VIA_LINE +
                           "Max-Forwards: 70\r\n"
                           "To: <sip:bob@example.com>\r\n"
                           "From: <sip:bob@example.com>;tag=456248\r\n"
                           "Call-ID: star@host.example.com\r\n"
                           "CSeq: 1826 REGISTER\r\n"
                           "Contact: *\r\n"
                           "Expires: 0\r\n"
                           "Content-Length: 0\r\n\r\n"),
    "typed-scalars": ("Largest CSeq, Max-Forwards and Expires; leading zeros; Date, "
                      "Content-Type with a quoted parameter, option-tag and method "
                      "lists, an empty Supported, Retry-After, Event, Subscription-State",
                      req(extra="Expires: 4294967295\r\n"
                                "Min-Expires: 0060\r\n"
                                "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
                                "Content-Type: text/plain ; charset=\"utf-8\"\r\n"
                                "Require: foo, bar-baz\r\n"
                                "Proxy-Require: x\r\n"
                                "Supported:\r\n"
                                "Allow: INVITE,ACK , OPTIONS\r\n"
                                "Retry-After: 18000 (in maintenance) ;duration=3600\r\n"
                                "Event: presence.winfo;id=1\r\n"
                                "Subscription-State: active;expires=60\r\n",
                          cl="Content-Length: 5\r\n", body="hello")
                      .replace("Max-Forwards: 70", "Max-Forwards: 255")
                      .replace(CSEQ_LINE, "CSeq: 4294967295 OPTIONS\r\n")),
    "typed-auth-forms": ("Authentication headers: RFC 7616 credentials folded over "
                         "lines, two Proxy-Authorization lines, a Basic token68",
                         req(extra="Authorization: Digest username=\"Mufasa\",\r\n"
                                   "    realm=\"http-auth@example.org\", uri=\"/dir/index.html\",\r\n"
                                   "    algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                                   "    nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n"
                                   "    qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
                                   "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"\r\n"
                                   "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
                                   "Proxy-Authorization: Digest username=\"alice\", realm=\"b\", nonce=\"n\","
                                   " uri=\"sip:bob@example.com\", response=\"r\"\r\n")),
})

M = "\u2038"  # the marker: where the error must be reported

INVALID = {
    # name: (status, header, description, template with one marker)
    "empty": ("EEMPTY", "", "Empty input", M),
    "only-crlf": ("EEMPTY", "", "Only CRLFs: a keep-alive, not a message", M + "\r\n\r\n\r\n"),
    "no-blank-line": ("EEOH", "", "Header section not closed by an empty line",
                      BASE_REQ + "Content-Length: 0\r\n" + M),
    "no-colon": ("EHEADER", "Foobar", "Header line without a colon",
                 req(extra="Foobar " + M + "roobar\r\n")),
    "nul-in-value": ("EVALUE", "Subject", "Raw NUL in a header value",
                     req(extra="Subject: a" + M + "\x00b\r\n")),
    "ctl-in-value": ("EVALUE", "Subject", "Control byte 0x01 in a header value",
                     req(extra="Subject: a" + M + "\x01b\r\n")),
    "escaped-nul-unquoted": ("EVALUE", "Subject", "A backslash does not make NUL valid outside quotes",
                             req(extra="Subject: a\\" + M + "\x00b\r\n")),
    "escaped-nul-unknown-header": ("EVALUE", "X-Foo", "Unknown headers have no quoted strings",
                                   req(extra='X-Foo: "a\\' + M + '\x00b"\r\n')),
    "backslash-before-utf8": ("EVALUE", "To", "A quoted-pair quotes only bytes below 0x80",
                              req().replace("To: <sip:bob", 'To: "b' + M + '\\\u00e9" <sip:bob')),
    "ctl-in-name": ("EHEADER", "Via", "Control byte between header name and colon",
                    req(extra="Via" + M + "\x01: SIP/2.0/UDP h\r\n")),
    "bare-lf": ("EVALUE", "Subject", "Line ending in LF without CR",
                req(extra="Subject: hi" + M + "\nX: y\r\n")),
    "bare-cr": ("EVALUE", "Subject", "CR not followed by LF",
                req(extra="Subject: hi" + M + "\rX: y\r\n")),
    "fold-first": ("EHEADER", "", "A continuation line with no header before it",
                   "OPTIONS sip:bob@example.com SIP/2.0\r\n" + M + " Via: SIP/2.0/UDP h\r\n"
                   + BASE_REQ.split("\r\n", 1)[1] + "Content-Length: 0\r\n\r\n"),
    "unterminated-quote": ("EQUOTE", "From", "Quoted display name never closed",
                           req().replace("From: Alice", "From: " + M + '"Alice')),
    "cl-overflow": ("ECLEN", "Content-Length", "Content-Length beyond 2^64",
                    req(cl="Content-Length: " + M + "99999999999999999999999\r\n")),
    "cl-negative": ("ECLEN", "Content-Length", "Negative Content-Length",
                    req(cl="Content-Length: " + M + "-1\r\n")),
    "cl-plus": ("ECLEN", "Content-Length", "Content-Length with a sign",
                req(cl="Content-Length: " + M + "+5\r\n", body="hello")),
    "cl-two-values": ("ECLEN", "Content-Length", "Content-Length holding a list",
                      req(cl="Content-Length: 5" + M + ", 5\r\n", body="hello")),
    "cl-empty": ("ECLEN", "Content-Length", "Empty Content-Length",
                 req(cl="Content-Length: " + M + "\r\n")),
    "cl-too-large": ("ETRUNC", "Content-Length", "Content-Length larger than the data",
                     req(cl="Content-Length: 100\r\n", body="0123456789" + M)),
    "cl-over-limit": ("ELIMIT", "Content-Length", "Content-Length above SIPW_MAX_BODY_SIZE",
                      req(cl="Content-Length: " + M + "4294967296\r\n")),
    "cl-duplicate": ("EDUP", "Content-Length", "Two Content-Length headers",
                     req(extra="Content-Length: 0\r\n", cl=M + "Content-Length: 0\r\n")),
    "bad-version": ("EVERSION", "", "Unknown SIP-Version",
                    req(start="OPTIONS sip:bob@example.com " + M + "SIP/3.0\r\n")),
    "bad-version-response": ("EVERSION", "", "Unknown SIP-Version in a Status-Line",
                             resp(M + "SIP/1.0 200 OK")),
    "empty-request-uri": ("ESTART", "", "Empty Request-URI",
                          req(start="OPTIONS " + M + " SIP/2.0\r\n")),
    "request-uri-no-scheme": ("ESTART", "", "Request-URI without a scheme",
                              req(start="OPTIONS " + M + "<sip:bob@example.com> SIP/2.0\r\n")),
    "request-uri-bad-escape": ("ESTART", "", "Invalid %-escape in the Request-URI",
                               req(start="OPTIONS sip:b" + M + "%zz@example.com SIP/2.0\r\n")),
    "request-uri-space": ("ESTART", "", "LWS inside the Request-URI (RFC 4475 lwsruri)",
                          req(start="OPTIONS sip:bob@example.com;x " + M + "y SIP/2.0\r\n")),
    "missing-version": ("ESTART", "", "Request-Line without SIP-Version",
                        req(start="OPTIONS sip:bob@example.com" + M + "\r\n")),
    "trailing-space": ("ESTART", "", "SP after the SIP-Version",
                       req(start="OPTIONS sip:bob@example.com SIP/2.0" + M + " \r\n")),
    "tab-after-method": ("ESTART", "", "HTAB is not SP in the Request-Line",
                         req(start="OPTIONS" + M + "\tsip:bob@example.com SIP/2.0\r\n")),
    "nul-in-method": ("ESTART", "", "NUL inside the method",
                      req(start="OPT" + M + "\x00IONS sip:bob@example.com SIP/2.0\r\n")),
    "status-099": ("ESTATUS", "", "Status code below 100", resp("SIP/2.0 " + M + "099 Low")),
    "status-700": ("ESTATUS", "", "Status code above 699", resp("SIP/2.0 " + M + "700 High")),
    "status-4-digits": ("ESTATUS", "", "Status code with four digits", resp("SIP/2.0 " + M + "2000 OK")),
    "status-double-space": ("ESTATUS", "", "Two SP before the status code (RFC 3665 3.9 F6)",
                            resp("SIP/2.0 " + M + " 486 Busy Here")),
    "status-no-reason-sp": ("ESTART", "", "Status-Line without the SP before the reason",
                            resp("SIP/2.0 200" + M)),
    "reason-ctl": ("ESTART", "", "Control byte in the Reason-Phrase", resp("SIP/2.0 200 O" + M + "\x01K")),
    "missing-to": ("EMISSING", "To", "Request without To",
                   M + req().replace("To: <sip:bob@example.com>\r\n", "")),
    "missing-via-response": ("EMISSING", "Via", "Response without Via",
                             M + resp("SIP/2.0 200 OK").replace(RESP_HDRS.split("\r\n")[0] + "\r\n", "")),
    "garbage": ("ESTART", "", "Not SIP at all", M + "<html>hello</html>\r\n\r\n"),
    "http-request": ("ESTART", "", "An HTTP request line: its URI has no scheme",
                     "GET " + M + "/ HTTP/1.1\r\nHost: x\r\n\r\n"),
}

# Typed headers: one invalid message per defect. The marker sits on the
# first byte that cannot belong to a valid value; a token that is invalid
# as a whole (a number out of range, a host that is no host, a bad escape)
# is marked at its first byte; a value that ends too early at its end
# (RULES: "e for ends too early"); a duplicate or a conflicting value at
# the start of the later instance.
def repl(old, new):
    assert old in BASE_REQ
    return req().replace(old, new)

INVALID.update({
    # URI (RFC 3261 19.1, 25.1; RFC 5118)
    "uri-bad-escape": ("EVALUE", "To", "'%' not followed by two hex digits in a To URI",
                       repl(TO_LINE, "To: <sip:b" + M + "%zzob@example.com>\r\n")),
    "uri-port-65536": ("EVALUE", "To", "Port above 65535",
                       repl(TO_LINE, "To: <sip:bob@example.com:" + M + "65536>\r\n")),
    "uri-raw-ipv6": ("EVALUE", "Contact", "IPv6 address without [] (RFC 5118 4.2): '2001' is no host",
                     req(extra="Contact: <sip:alice@" + M + "2001:db8::1>\r\n")),
    "uri-unterminated-ipv6": ("EVALUE", "", "IPv6 reference without ']': reported at its '['",
                              req(start="OPTIONS sip:" + M + "[2001:db8::1 SIP/2.0\r\n")),
    "uri-ipv6-three-colons": ("EVALUE", "", "A third ':' after '::' (RFC 5118 4.10; rejected)",
                              req(start="OPTIONS sip:[2001:db8::" + M + ":192.0.2.1] SIP/2.0\r\n")),
    "request-uri-headers": ("EVALUE", "", "Headers in a SIP Request-URI (RFC 3261 19.1.1; RFC 4475 escruri)",
                            req(start="OPTIONS sip:bob@example.com" + M + "?Subject=x SIP/2.0\r\n")),
    # Via (RFC 3261 20.42)
    "via-no-transport": ("EVALUE", "Via", "sent-protocol without '/transport'",
                         repl(VIA_LINE, "Via: SIP/2.0 " + M + "host.example.com;branch=z9hG4bKnashds8\r\n")),
    "via-no-host": ("EVALUE", "Via", "Via without sent-by",
                    repl(VIA_LINE, "Via: SIP/2.0/UDP " + M + ";branch=z9hG4bKnashds8\r\n")),
    "via-colon-bracket": ("EVALUE", "Via", "sent-by ':]'",
                          repl(VIA_LINE, "Via: SIP/2.0/UDP " + M + ":]\r\n")),
    "via-ttl-256": ("EVALUE", "Via", "ttl above 255",
                    repl(VIA_LINE, "Via: SIP/2.0/UDP host.example.com;ttl=" + M
                         + "256;branch=z9hG4bKnashds8\r\n")),
    "via-duplicate-branch": ("EDUP", "Via", "Two branch parameters in one via-parm",
                             repl(VIA_LINE, "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKnashds8;"
                                  + M + "branch=z9hG4bK2\r\n")),
    # name-addr / addr-spec (RFC 3261 20.10, 20.20, 20.39)
    "nameaddr-unterminated-angle": ("EVALUE", "To", "'<' never closed: reported at the '<'",
                                    repl(TO_LINE, "To: " + M + "<sip:bob@example.com\r\n")),
    "nameaddr-escaped-closing-quote": ("EQUOTE", "To", "Display name ending in '\\': the '\\\"' is a "
                                       "quoted-pair, so the quoted string never closes",
                                       repl(TO_LINE, "To: " + M + "\"Bob\\\" <sip:bob@example.com>\r\n")),
    "nameaddr-backslash-at-eol": ("EQUOTE", "To", "'\\' as the last byte of a line inside a display name: "
                                  "it quotes nothing, the string stays open",
                                  repl(TO_LINE, "To: \"Bob" + M + "\\\r\n")),
    "nameaddr-empty-sip-uri": ("EVALUE", "Contact", "'<sip:>' has no host",
                               req(extra="Contact: <sip:" + M + ">;sip:;1001@x\r\n")),
    "nameaddr-no-scheme": ("EVALUE", "To", "'</>': no URI scheme",
                           repl(TO_LINE, "To: <" + M + "/>\r\n")),
    "nameaddr-duplicate-tag": ("EDUP", "From", "Two tag parameters",
                               repl(FROM_LINE, "From: Alice <sip:alice@example.com>;tag=1928301774;"
                                    + M + "tag=2\r\n")),
    # "*" must be the only Contact value (RFC 3261 10.2.2): as for a
    # duplicate, the later of the two conflicting values is marked.
    "contact-star-and-value": ("EVALUE", "Contact", "'*' then another value on the same line",
                               req(extra="Contact: *, " + M + "<sip:alice@example.com>\r\n")),
    "contact-value-and-star": ("EVALUE", "Contact", "A value then '*' on the same line",
                               req(extra="Contact: <sip:alice@example.com>, " + M + "*\r\n")),
    "contact-value-then-star": ("EVALUE", "Contact", "'*' on a second Contact line after a value",
                                req(extra="Contact: <sip:alice@example.com>\r\nContact: " + M + "*\r\n")),
    "contact-star-then-value": ("EVALUE", "Contact", "A value on a second Contact line after '*'",
                                req(extra="Contact: *\r\nContact: " + M + "<sip:alice@example.com>\r\n")),
    # Other typed headers (RFC 3261 20.x)
    "cseq-overflow": ("EVALUE", "CSeq", "CSeq number above 2^32-1",
                      repl(CSEQ_LINE, "CSeq: " + M + "4294967296 OPTIONS\r\n")),
    "cseq-non-numeric": ("EVALUE", "CSeq", "Letter inside the CSeq number",
                         repl(CSEQ_LINE, "CSeq: 631" + M + "x4 OPTIONS\r\n")),
    "cseq-method-mismatch": ("EVALUE", "CSeq", "CSeq method differs from the request method (RFC 3261 8.1.1.5)",
                             repl(CSEQ_LINE, "CSeq: 63104 " + M + "INVITE\r\n")),
    "max-forwards-non-numeric": ("EVALUE", "Max-Forwards", "Letter O for a zero",
                                 repl("Max-Forwards: 70\r\n", "Max-Forwards: 7" + M + "O\r\n")),
    "max-forwards-256": ("EVALUE", "Max-Forwards", "Max-Forwards above 255",
                         repl("Max-Forwards: 70\r\n", "Max-Forwards: " + M + "256\r\n")),
    "expires-overflow": ("EVALUE", "Expires", "Expires above 2^32-1",
                         req(extra="Expires: " + M + "4294967296\r\n")),
    "date-not-gmt": ("EVALUE", "Date", "rfc1123-date in PST (RFC 4475 baddate)",
                     req(extra="Date: Sat, 13 Nov 2010 23:29:00 " + M + "PST\r\n")),
    "content-type-no-subtype": ("EVALUE", "Content-Type", "media-type without '/' subtype",
                                req(extra="Content-Type: application" + M + "\r\n")),
    "token-list-empty-element": ("EVALUE", "Require", "Empty element ',,' in an option-tag list",
                                 req(extra="Require: foo," + M + ",bar\r\n")),
    "duplicate-call-id": ("EDUP", "Call-ID", "A second Call-ID line",
                          req(extra=M + "Call-ID: other@host.example.com\r\n")),
    "duplicate-first-wins": ("EDUP", "CSeq", "Second CSeq before a second To: the first duplicate "
                             "in message order is reported (RFC 4475 multi01)",
                             req(extra=M + "CSeq: 1 OPTIONS\r\nTo: <sip:carol@example.com>\r\n")),
    # Authentication headers (RFC 3261 25.1): a missing comma at the next
    # parameter's name (RFC 3665 2.1 F3), a bad value at its first byte.
    "auth-missing-comma": ("EVALUE", "Authorization", "No comma between realm and nonce (RFC 3665 2.1 F3)",
                           req(extra="Authorization: Digest username=\"bob\", realm=\"a.example.com\" "
                                     + M + "nonce=\"n\", uri=\"sip:bob@example.com\", response=\"r\"\r\n")),
    "auth-duplicate-nonce": ("EDUP", "Proxy-Authorization", "Two nonce parameters in one credentials",
                             req(extra="Proxy-Authorization: Digest username=\"bob\", nonce=\"1\",\r\n "
                                       + M + "Nonce=\"2\"\r\n")),
    "auth-nc-not-hex": ("EVALUE", "Authorization", "nc must be 8 hex digits",
                        req(extra="Authorization: Digest username=\"bob\", qop=auth, nc=" + M
                                  + "0000000x, cnonce=\"c\"\r\n")),
})

HEADER = ("# file\tstatus\tline:column\theader\twarnings\tdescription\n"
          "# Made by tools/make-test-cases.py; read by tests/check_corpus.c.\n")

def position(data, off):
    line = data.count(b"\n", 0, off) + 1
    bol = data.rfind(b"\n", 0, off) + 1
    return line, off - bol + 1

def main():
    root = os.path.join("tests", "data")
    for kind in ("valid", "invalid"):
        os.makedirs(os.path.join(root, kind), exist_ok=True)
    with open(os.path.join(root, "valid", "EXPECTED.tsv"), "w") as tsv:
        tsv.write(HEADER)
        for name, (desc, text) in sorted(VALID.items()):
            data = text.encode("utf-8")
            with open(os.path.join(root, "valid", name + ".sip"), "wb") as f:
                f.write(data)
            warn = "NO_MAX_FORWARDS" if name == "no-max-forwards" else "-"
            tsv.write(f"{name}.sip\tOK\t-\t-\t{warn}\t{desc}\n")
    with open(os.path.join(root, "invalid", "EXPECTED.tsv"), "w") as tsv:
        tsv.write(HEADER)
        for name, (status, header, desc, text) in sorted(INVALID.items()):
            assert text.count(M) == 1, name
            off = text.index(M)
            clean = (text[:off] + text[off + 1:]).encode("utf-8")
            boff = len(text[:off].encode("utf-8"))
            line, col = position(clean, boff)
            with open(os.path.join(root, "invalid", name + ".sip"), "wb") as f:
                f.write(clean)
            tsv.write(f"{name}.sip\t{status}\t{line}:{col}\t{header or '-'}\t-\t{desc}\n")

if __name__ == "__main__":
    main()
