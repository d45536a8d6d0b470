#!/usr/bin/env python3
"""Writes sipwire's hand-made test messages into tests/data/{valid,invalid}/.

Each case is a template. a marker (U+2038) marks, and is removed from, the byte where the
parser must report the error; the expected line:column is computed from the
marker's position, so the expectation comes from the case's author, not from
the parser. Run from the project root; the output is committed.
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
                       req(start="FOO-BAR.baz sip:bob@example.com SIP/2.0\r\n")),
    "ipv6-request-uri": ("IPv6 reference in the Request-URI (RFC 5118)",
                         req(start="OPTIONS sip:[2001:db8::10]:5070;transport=udp SIP/2.0\r\n")),
    "no-max-forwards": ("A request without Max-Forwards is valid, with a warning (RFC 4475 3.4.1)",
                        req().replace("Max-Forwards: 70\r\n", "")),
}

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
