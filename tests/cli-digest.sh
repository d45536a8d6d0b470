#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: black-box tests of `sipwire digest`: credentials for the RFC
# 3665 section 2.1 challenge, checked again with --verify; wrong secrets,
# auth-int, 407, the diagnostics and the usage errors. Prints "ok N - ..."
# or "not ok N - ..." for each assertion and exits 1 if any failed.
#
# Environment (exported by make check): SIPW_BUILDDIR, SIPW_TEST_DATA.
set -uo pipefail

NAME=cli-digest
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
DATA=${SIPW_TEST_DATA:-$(cd "$(dirname "$0")" && pwd)/data}
F2=$DATA/rfc3665/2.1-successful-new-registration-F2.sip
F3=$DATA/rfc3665/2.1-successful-new-registration-F3.sip
if [ ! -f "$F2" ]; then
    echo "not ok 1 - no test data at $DATA (set SIPW_TEST_DATA)"
    echo "1..1"
    exit 1
fi

# RFC 3665 section 2.1 F3 (REGISTER) with the Authorization line given as
# $1 and the body in the file $2 (default none).
register() {
    local auth=$1 body=${2-/dev/null}
    crlf "REGISTER sips:ss2.biloxi.example.com SIP/2.0" \
        "Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashd92" \
        "Max-Forwards: 70" \
        "From: Bob <sips:bob@biloxi.example.com>;tag=ja743ks76zlflH" \
        "To: Bob <sips:bob@biloxi.example.com>" \
        "Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com" \
        "CSeq: 2 REGISTER" \
        "Contact: <sips:bob@client.biloxi.example.com>" \
        "$auth" \
        "Content-Length: $(wc -c <"$body")" \
        ""
    cat "$body"
}

# Out of the output of the last `run`, the header line without its LF.
line() { head -n 1 out; }

# --- the RFC 3665 2.1 challenge -----------------------------------------
# F2 challenges with realm atlanta.example.com, qop auth, MD5. Bob's
# password is not in the RFC; "zanzibar" is ours. The response was
# computed outside sipwire (openssl dgst -md5, and Python's hashlib):
#   HA1 = MD5("bob:atlanta.example.com:zanzibar")
#       = 92cc8e2ad7ecdd6b98f13fa1170f5ea9
#   HA2 = MD5("REGISTER:sips:ss2.biloxi.example.com")
#   response = MD5(HA1 ":ea9c8e88df84f1cec4341ae6cbe5a359:00000001:0a4f113b:auth:" HA2)
want='Authorization: Digest username="bob", realm="atlanta.example.com", uri="sips:ss2.biloxi.example.com", algorithm=MD5, nonce="ea9c8e88df84f1cec4341ae6cbe5a359", nc=00000001, cnonce="0a4f113b", qop=auth, response="fb435565e3b8d14aafad09f8bec61e73", opaque=""'

run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --cnonce 0a4f113b "$F2"
expect_rc 0 "digest answers the RFC 3665 2.1 F2 challenge"
[ "$(cat out)" = "$want" ] && [ ! -s err ]
verdict "the Authorization line is exact (method from CSeq, nc 1, qop auth)"
register "$(line)" >ok.sip

run digest --verify --password zanzibar ok.sip
expect_rc 0 "--verify accepts the credentials it computed"
[ ! -s out ] && [ ! -s err ]
verdict "--verify prints nothing on a match"

run digest --verify --password zanzibar --user bob --realm atlanta.example.com \
    --uri sips:ss2.biloxi.example.com ok.sip
expect_rc 0 "--verify with every expected value given"

run digest --verify --ha1 92cc8e2ad7ecdd6b98f13fa1170f5ea9 ok.sip
expect_rc 0 "--verify from the stored HA1"
run digest --verify --ha1 92CC8E2AD7ECDD6B98F13FA1170F5EA9 ok.sip
expect_rc 0 "--verify from the stored HA1 in upper case"

run digest --user bob --ha1 92cc8e2ad7ecdd6b98f13fa1170f5ea9 \
    --uri sips:ss2.biloxi.example.com --cnonce 0a4f113b "$F2"
[ "$rc" -eq 0 ] && [ "$(cat out)" = "$want" ]
verdict "computing from the HA1 gives the same line"

printf 'zanzibar\r\nsecond line\n' >pass.txt
run digest --verify --password-file pass.txt ok.sip
expect_rc 0 "--password-file: the first line, without its CRLF"

STDIN=ok.sip run digest --verify --password zanzibar
expect_rc 0 "--verify reads standard input"
unset STDIN

# --- mismatches: exit 1, a diagnostic at the Authorization line ---------
run digest --verify --password Zanzibar ok.sip
expect_rc 1 "a wrong password fails"
[ "$(cat err)" = "ok.sip:9:1: error: Authorization: response: the response does not match" ] &&
    [ ! -s out ]
verdict "the mismatch names the file, line and header"

run digest --verify --ha1 92cc8e2ad7ecdd6b98f13fa1170f5ea8 ok.sip
expect_rc 1 "a wrong HA1 fails"

run digest --verify --password zanzibar --realm biloxi.example.com ok.sip
expect_rc 1 "credentials of another realm are not there"
grep -q 'no Digest credentials for realm biloxi.example.com' err
verdict "... and the diagnostic says so"

run digest --verify --password zanzibar --user alice ok.sip
expect_rc 1 "another expected user fails"
grep -q 'ok.sip:9:1: error: Authorization: username: the username differs' err
verdict "... naming the username"

run digest --verify --password zanzibar --uri sips:biloxi.example.com ok.sip
expect_rc 1 "another expected URI fails"

# The same credentials on a request to another URI (replayed elsewhere).
sed 's/^REGISTER sips:ss2.biloxi.example.com/REGISTER sips:ss3.biloxi.example.com/' ok.sip >moved.sip
run digest --verify --password zanzibar moved.sip
expect_rc 1 "the uri must be the Request-URI by default"
grep -q 'uri: the uri differs from the expected one' err
verdict "... and the diagnostic names the uri"

# Another method (the response covers it).
sed 's/^REGISTER sips/OPTIONS sips/; s/^CSeq: 2 REGISTER/CSeq: 2 OPTIONS/' ok.sip >options.sip
run digest --verify --password zanzibar options.sip
expect_rc 1 "the same credentials on an OPTIONS fail"

# One digit of the response changed.
sed 's/fb435565e3b8d14aafad09f8bec61e73/fb435565e3b8d14aafad09f8bec61e74/' ok.sip >digit.sip
run digest --verify --password zanzibar digit.sip
expect_rc 1 "one changed digit of the response fails"

# RFC 3665 prints F3 with a missing comma and a 31-digit response.
run digest --verify --password zanzibar "$F3"
expect_rc 1 "RFC 3665 2.1 F3 as printed is refused"
grep -q 'F3.sip:9:67: error: Authorization: expected "," before parameter "nonce"' err
verdict "... at the missing comma"
sed 's/realm="atlanta.example.com" nonce/realm="atlanta.example.com", nonce/' "$F3" >f3-comma.sip
run digest --verify --password zanzibar f3-comma.sip
expect_rc 1 "F3 with the comma restored is refused"
grep -q 'f3-comma.sip:9:1: error: Authorization: response: the response is not hex of the algorithm.s length' err
verdict "... for its 31-digit response"

# --- options of the computation ------------------------------------------
run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com "$F2"
line >random1
run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com "$F2"
line >random2
grep -Eq 'cnonce="[0-9a-f]{32}"' random1 && ! cmp -s random1 random2
verdict "without --cnonce, a fresh random 128-bit cnonce each time"
register "$(cat random1)" >r.sip
run digest --verify --password zanzibar r.sip
expect_rc 0 "... that verifies"

run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --cnonce=0a4f113b --nc=2 --method=REGISTER "$F2"
grep -q 'nc=00000002, cnonce="0a4f113b", qop=auth, response=' out && ! grep -q fb435565e3b8d14aafad09f8bec61e73 out
verdict "--nc=2 (the = form) changes nc and the response"
register "$(line)" >nc2.sip
run digest --verify --password zanzibar nc2.sip
expect_rc 0 "... and verifies"

run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --cnonce 0a4f113b --qop none "$F2"
expect_rc 1 "--qop none against a challenge that asks for auth"
grep -q 'F2.sip:7:1: error: WWW-Authenticate: qop: the challenge asks for a qop' err
verdict "... diagnosed at the WWW-Authenticate line"

run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --userhash --cnonce 0a4f113b "$F2"
[ "$rc" -eq 0 ] && [ "$(cat out)" = "$want" ]
verdict "--userhash is ignored when the challenge does not offer it"

# 407: the same challenge in Proxy-Authenticate.
sed 's/^SIP\/2.0 401 Unauthorized/SIP\/2.0 407 Proxy Authentication Required/; s/^WWW-Authenticate:/Proxy-Authenticate:/' "$F2" >407.sip
run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --cnonce 0a4f113b 407.sip
[ "$rc" -eq 0 ] && [ "$(cat out)" = "Proxy-${want}" ]
verdict "a 407 gives a Proxy-Authorization line"
register "$(line)" >proxy.sip
run digest --verify --password zanzibar proxy.sip
expect_rc 0 "--verify reads Proxy-Authorization too"

# A challenge with two Digest values: SHA-256 first, then MD5; --realm.
sed 's/^WWW-Authenticate: .*$/WWW-Authenticate: Digest realm="a.example", nonce="n1", algorithm=SHA-256, qop="auth-int"\r\nWWW-Authenticate: Digest realm="b.example", nonce="n2", algorithm=MD5\r/' "$F2" >two.sip
run digest --user bob --password zanzibar --uri sips:x --cnonce c two.sip
grep -q 'realm="a.example".*algorithm=SHA-256.*qop=auth-int' out
verdict "the first supported challenge is used (SHA-256, auth-int)"
run digest --user bob --password zanzibar --uri sips:x --cnonce c --realm b.example two.sip
grep -q 'realm="b.example".*algorithm=MD5, nonce="n2", response=' out
verdict "--realm picks the other one (no qop: no cnonce, nc)"
run digest --user bob --password zanzibar --uri sips:x --realm c.example two.sip
expect_rc 1 "--realm of no challenge"

# auth-int over a body: compute with --body, verify over the request.
printf 'v=0\r\no=bob 2890844527 2890844527 IN IP4 192.0.2.4\r\n' >body.sdp
sed 's/qop="auth"/qop="auth-int"/' "$F2" >int.sip
run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --cnonce 0a4f113b --body body.sdp int.sip
grep -q 'qop=auth-int' out
verdict "auth-int with --body"
intline=$(line)
register "$intline" body.sdp >int-req.sip
run digest --verify --password zanzibar int-req.sip
expect_rc 0 "auth-int verifies over the request's body"
sed 's/192.0.2.4/192.0.2.5/' body.sdp >body2.sdp
register "$intline" body2.sdp >int-bad.sip
run digest --verify --password zanzibar int-bad.sip
expect_rc 1 "auth-int fails when the body changed"
register "$intline" >int-empty.sip
run digest --verify --password zanzibar int-empty.sip
expect_rc 1 "auth-int fails when the body is gone"
run digest --user bob --password zanzibar --uri sips:ss2.biloxi.example.com \
    --cnonce 0a4f113b int.sip
grep -q 'qop=auth-int' out && [ "$rc" -eq 0 ]
verdict "auth-int without --body hashes an empty body"
register "$(line)" >int-none.sip
run digest --verify --password zanzibar int-none.sip
expect_rc 0 "... which verifies over a request without body"

# --- no challenge, no credentials ---------------------------------------
run digest --user bob --password zanzibar --uri sips:x ok.sip
expect_rc 1 "computing from a request fails"
grep -q 'ok.sip:1:1: error: not a 401 or 407 response' err
verdict "... with a diagnostic"
run digest --verify --password zanzibar "$F2"
expect_rc 1 "verifying a response fails"
register "Subject: none" >noauth.sip
run digest --verify --password zanzibar noauth.sip
expect_rc 1 "a request without credentials fails"
grep -q 'no Digest credentials in Authorization or Proxy-Authorization' err
verdict "... with a diagnostic"
sed 's/^WWW-Authenticate: .*$/WWW-Authenticate: Basic realm="x"\r/' "$F2" >basic.sip
run digest --user bob --password zanzibar --uri sips:x basic.sip
expect_rc 1 "a Basic challenge is not answered"
sed 's/algorithm=MD5/algorithm=SHA-1/' "$F2" >sha1.sip
run digest --user bob --password zanzibar --uri sips:x sha1.sip
expect_rc 1 "an unsupported algorithm is not answered"
printf 'garbage\r\n\r\n' >bad.sip
run digest --user bob --password zanzibar --uri sips:x bad.sip
expect_rc 1 "an invalid message"
grep -q '^bad.sip:1:' err
verdict "... is reported like check does"

# --- usage: exit 2 --------------------------------------------------------
run digest --help
[ "$rc" -eq 0 ] && grep -q 'usage: sipwire digest' out
verdict "--help"
run digest --user bob --uri sips:x "$F2"
expect_rc 2 "no password"
grep -q 'give one of --password, --password-file and --ha1' err
verdict "... says what is missing"
run digest --user bob --password a --ha1 92cc8e2ad7ecdd6b98f13fa1170f5ea9 --uri sips:x "$F2"
expect_rc 2 "both a password and an HA1"
run digest --password zanzibar --uri sips:x "$F2"
expect_rc 2 "no --user"
run digest --user bob --password zanzibar "$F2"
expect_rc 2 "no --uri"
run digest --user bob --password zanzibar --uri sips:x --nc 0 "$F2"
expect_rc 2 "--nc 0"
run digest --user bob --password zanzibar --uri sips:x --nc 4294967296 "$F2"
expect_rc 2 "--nc too large"
run digest --user bob --password zanzibar --uri sips:x --qop auth-conf "$F2"
expect_rc 2 "--qop auth-conf"
run digest --user bob --password zanzibar --uri sips:x --frobnicate "$F2"
expect_rc 2 "an unknown option"
grep -q "unknown option '--frobnicate'" err
verdict "... is named"
run digest --user bob --password zanzibar --uri sips:x "$F2" "$F2"
expect_rc 2 "two files"
run digest --user bob --password zanzibar --uri
expect_rc 2 "an option without its value"
run digest --verify --password zanzibar --cnonce x ok.sip
expect_rc 2 "--cnonce with --verify"
run digest --verify --password zanzibar no-such-file.sip
expect_rc 2 "a file that cannot be read"
run digest --verify --ha1 92cc8e2ad7ecdd6b98f13fa1170f5ea ok.sip
expect_rc 2 "an HA1 of the wrong length"
grep -q 'HA1 is not hex' err
verdict "... is a usage error that says why"
run digest --user bob --ha1 xyz --uri sips:x "$F2"
expect_rc 2 "a bad HA1 when computing"

tap_finish
