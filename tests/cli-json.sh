#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sipwire: black-box tests of `sipwire json` (docs/json.md). Prints "ok N -
# ..." or "not ok N - ..." for each assertion and exits 1 if any failed.
#
# Needs jq (tools/deps.sh installs it) and iconv: without them the test
# FAILS, it does not skip.
#
# Environment (exported by make check): SIPW_BUILDDIR, SIPW_TEST_DATA.
set -uo pipefail

NAME=cli-json
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
DATA=${SIPW_TEST_DATA:-$(cd "$(dirname "$0")" && pwd)/data}
for tool in jq iconv; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "not ok 1 - '$tool' is required by tests/cli-json.sh and is not installed" \
            "(tools/deps.sh installs it: apt-get install jq)"
        echo "1..1"
        exit 1
    fi
done
if [ ! -d "$DATA/rfc3665" ]; then
    echo "not ok 1 - no test data at $DATA (set SIPW_TEST_DATA)"
    echo "1..1"
    exit 1
fi


# --- the schema (shared/docs/JSON.md plus the keys docs/json.md adds) ----
# msg("") prints one line per defect of the object it is given; nothing
# when the object matches the schema.
cat >schema.jq <<'EOF'
def isint: type == "number" and . == floor and . >= 0;
def isstr: type == "string";
def strnull: isstr or . == null;
def intnull: isint or . == null;
def chk($p; f): if f then empty else "\($p): unexpected \(tojson | .[0:160])" end;
def need($p; $ks): . as $o | $ks[] as $k | select(($o | has($k)) | not) | "\($p): missing key \"\($k)\"";
def obj($p): chk($p; type == "object");
def pmap($p): obj($p), (objects | to_entries[] | .key as $k | .value | chk("\($p).\($k)"; strnull));
def smap($p): obj($p), (objects | to_entries[] | .key as $k | .value | chk("\($p).\($k)"; isstr));
def uri($p):
  obj($p),
  (objects |
    need($p; ["scheme", "user", "password", "host", "port", "params", "headers", "raw"]),
    (.scheme | chk("\($p).scheme"; isstr)),
    (.user | chk("\($p).user"; strnull)),
    (.password | chk("\($p).password"; strnull)),
    (.host | chk("\($p).host"; strnull)),
    (.port | chk("\($p).port"; intnull)),
    (.params | pmap("\($p).params")),
    (.headers | smap("\($p).headers")),
    (.raw | chk("\($p).raw"; isstr)));
def via($p):
  obj($p),
  (objects |
    need($p; ["protocol", "transport", "host", "port", "branch", "received", "rport",
              "maddr", "ttl", "params"]),
    (.protocol | chk("\($p).protocol"; . == "SIP/2.0")),
    (.transport | chk("\($p).transport"; isstr)),
    (.host | chk("\($p).host"; isstr)),
    (.port | chk("\($p).port"; intnull)),
    (.branch | chk("\($p).branch"; strnull)),
    (.received | chk("\($p).received"; strnull)),
    (.rport | chk("\($p).rport"; . == null or . == true or isint)),
    (.maddr | chk("\($p).maddr"; strnull)),
    (.ttl | chk("\($p).ttl"; intnull)),
    (.params | pmap("\($p).params")));
def nameaddr($p):
  obj($p),
  (objects |
    need($p; ["display", "uri", "tag", "params"]),
    (.display | chk("\($p).display"; strnull)),
    (.uri | uri("\($p).uri")),
    (.tag | chk("\($p).tag"; strnull)),
    (.params | pmap("\($p).params")));
def contact($p):
  nameaddr($p),
  (objects |
    need($p; ["expires", "q"]),
    (.expires | chk("\($p).expires"; intnull)),
    (.q | chk("\($p).q"; strnull)));
def auth($p):
  obj($p),
  (objects |
    need($p; ["scheme", "params", "raw"]),
    (.scheme | chk("\($p).scheme"; isstr)),
    (.params | smap("\($p).params")),
    (.raw | chk("\($p).raw"; isstr)));
def list($p): chk($p; type == "array");
def msg($p):
  obj($p),
  (objects |
    need($p; ["type", "via", "from", "to", "call_id", "cseq", "max_forwards",
              "content_length", "content_type", "expires", "contact", "route",
              "record_route", "www_authenticate", "proxy_authenticate",
              "authorization", "proxy_authorization", "headers", "body",
              # keys docs/json.md adds
              "version", "min_expires", "reply_to", "refer_to",
              "p_asserted_identity", "p_preferred_identity", "path",
              "service_route", "warnings", "file", "offset"]),
    (.type | chk("\($p).type"; . == "request" or . == "response")),
    (if .type == "request" then
       need($p; ["method", "request_uri"]),
       (.method | chk("\($p).method"; isstr)),
       (.request_uri | uri("\($p).request_uri")),
       chk("\($p): a request has no status"; (has("status") or has("reason")) | not)
     else
       need($p; ["status", "reason"]),
       (.status | chk("\($p).status"; isint and . >= 100 and . <= 699)),
       (.reason | chk("\($p).reason"; isstr)),
       chk("\($p): a response has no method"; (has("method") or has("request_uri")) | not)
     end),
    (.via | list("\($p).via"), chk("\($p).via"; length > 0),
            (arrays | to_entries[] | .key as $i | .value | via("\($p).via[\($i)]"))),
    (.from | nameaddr("\($p).from")),
    (.to | nameaddr("\($p).to")),
    (.call_id | chk("\($p).call_id"; isstr)),
    (.cseq | obj("\($p).cseq"), (objects | need("\($p).cseq"; ["seq", "method"]),
                                 (.seq | chk("\($p).cseq.seq"; isint)),
                                 (.method | chk("\($p).cseq.method"; isstr)))),
    (.max_forwards | chk("\($p).max_forwards"; intnull)),
    (.content_length | chk("\($p).content_length"; intnull)),
    (.content_type | chk("\($p).content_type"; strnull)),
    (.expires | chk("\($p).expires"; intnull)),
    (.min_expires | chk("\($p).min_expires"; intnull)),
    (.contact | chk("\($p).contact"; . == "*" or type == "array"),
                (arrays | to_entries[] | .key as $i | .value | contact("\($p).contact[\($i)]"))),
    ("route", "record_route", "p_asserted_identity", "p_preferred_identity", "path",
     "service_route") as $k
      | (.[$k] | list("\($p).\($k)"),
                 (arrays | to_entries[] | .key as $i | .value | nameaddr("\($p).\($k)[\($i)]"))),
    ("reply_to", "refer_to") as $k
      | (.[$k] | if . == null then empty else nameaddr("\($p).\($k)") end),
    ("www_authenticate", "proxy_authenticate", "authorization", "proxy_authorization") as $k
      | (.[$k] | list("\($p).\($k)"),
                 (arrays | to_entries[] | .key as $i | .value | auth("\($p).\($k)[\($i)]"))),
    (.headers | list("\($p).headers"),
                (arrays | to_entries[] | .key as $i | .value |
                   obj("\($p).headers[\($i)]"),
                   (objects | need("\($p).headers[\($i)]"; ["name", "value"]),
                              (.name | chk("\($p).headers[\($i)].name"; isstr)),
                              (.value | chk("\($p).headers[\($i)].value"; isstr))))),
    (.body | obj("\($p).body"), (objects | need("\($p).body"; ["length"]),
                                 (.length | chk("\($p).body.length"; isint)))),
    (.warnings | list("\($p).warnings"), (arrays | .[] | chk("\($p).warnings[]"; isstr))),
    (.file | chk("\($p).file"; isstr)),
    (.offset | chk("\($p).offset"; isint)));
EOF
cat >lines.jq <<'EOF'
# Reads raw lines (-R): each must be exactly one JSON object matching msg.
. as $line
| try (fromjson | msg("line \(input_line_number)"))
  catch "line \(input_line_number) is not one JSON value: \($line | .[0:200])"
EOF

# schema_ok FILE: ok when every line of FILE is one JSON object matching the
# schema, the bytes are UTF-8 and no control byte stands unescaped.
schema_ok() {
    local f=$1 problems
    problems=$(jq -R -r -f <(cat schema.jq lines.jq) "$f" 2>&1 | head -n 20)
    if [ -n "$problems" ]; then
        printf '%s\n' "$problems" >err
        return 1
    fi
    if ! iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
        echo "output is not valid UTF-8" >err
        return 1
    fi
    if LC_ALL=C grep -n '[[:cntrl:]]' "$f" >err; then
        return 1
    fi
    return 0
}

# The schema check itself: it passes real objects and names the defect of
# each broken copy of them.
run json "$DATA/valid/typed-uri-forms.sip" "$DATA/rfc3665/3.3-session-with-multiple-proxy-authentication-F11.sip"
cp out good.json
if [ "$rc" -eq 0 ] && [ "$(wc -l <good.json)" -eq 2 ] && schema_ok good.json; then
    ok "the schema check accepts two real objects"
else
    not_ok "the schema check accepts two real objects"
fi
while IFS='|' read -r mutation want; do
    jq -c "$mutation" good.json >bad.json
    if ! schema_ok bad.json && grep -qF -- "$want" err; then
        ok "the schema check rejects '$mutation' ($want)"
    else
        not_ok "the schema check rejects '$mutation' ($want)" "$(cat err)"
    fi
done <<'MUTATIONS'
del(.via[0].branch)|.via[0]: missing key "branch"
.from.uri.port = "5060"|.from.uri.port: unexpected "5060"
.to.uri.params.x = 1|.to.uri.params.x: unexpected 1
.contact = {}|.contact: unexpected {}
.contact = [.from]|.contact[0]: missing key "expires"
.via[0].rport = false|.via[0].rport: unexpected false
.cseq.seq = 1.5|.cseq.seq: unexpected 1.5
del(.content_type)|missing key "content_type"
if .type == "response" then .method = "X" else .status = 200 end|: a re
.proxy_authorization = [{"scheme": "x", "params": {"a": null}, "raw": ""}]|.proxy_authorization[0].params.a: unexpected null
.headers[0].value = null|.headers[0].value: unexpected null
.body = {"length": -1}|.body.length: unexpected -1
MUTATIONS
printf '{"type":"request"} {"x":1}\n' >bad.json
if ! schema_ok bad.json && grep -q 'not one JSON value' err; then
    ok "the schema check rejects two values on one line"
else
    not_ok "the schema check rejects two values on one line"
fi
: >err
: >out

# --- every corpus message --------------------------------------------------
corpus=()
for f in "$DATA"/rfc3665/*.sip "$DATA"/valid/*.sip "$DATA"/invalid/*.sip \
    "$DATA"/rfc4475/*.dat "$DATA"/rfc4475/extra/*.dat "$DATA"/rfc5118/*.dat \
    "$DATA"/rfc5118/crlf/*.sip; do
    [ -f "$f" ] && corpus+=("$f")
done
nvalid=0
mismatch=()
: >each.out
for f in "${corpus[@]}"; do
    crc=0
    "$SIPWIRE" check "$f" >/dev/null 2>check.err || crc=$?
    jrc=0
    "$SIPWIRE" json "$f" >one.out 2>one.err || jrc=$?
    lines=$(wc -l <one.out)
    if [ "$crc" -eq 0 ]; then
        nvalid=$((nvalid + 1))
        want=1
    else
        want=0
    fi
    if [ "$jrc" -ne "$crc" ] || [ "$lines" -ne "$want" ] || ! cmp -s check.err one.err; then
        mismatch+=("$f: check exit $crc, json exit $jrc, $lines line(s)")
    fi
    cat one.out >>each.out
done
if [ "${#mismatch[@]}" -eq 0 ]; then
    ok "${#corpus[@]} corpus files: json exits like check, one line per valid message, none per invalid one, same stderr"
else
    not_ok "${#corpus[@]} corpus files: json exits like check, one line per valid message, none per invalid one, same stderr" \
        "${mismatch[@]:0:20}"
fi
if [ "$nvalid" -ge 240 ]; then
    ok "$nvalid valid corpus messages (RFC 3665, 4475, 5118, hand-made)"
else
    not_ok "$nvalid valid corpus messages (RFC 3665, 4475, 5118, hand-made)" "expected at least 240"
fi

schema_ok each.out
verdict "every object of the $nvalid valid corpus messages matches the schema, recursively"

run json "${corpus[@]}"
[ "$rc" -eq 1 ] && [ "$(wc -l <out)" -eq "$nvalid" ] && cmp -s out each.out
verdict "all corpus files in one run: exit 1, the same $nvalid lines in order"

# --- values read off the messages -------------------------------------------
# value FILE DESCRIPTION JQ: ok when `sipwire json FILE` exits 0, prints one
# line, and JQ is true on that object.
value() {
    local f=$1 what=$2 expr=$3 res
    run json "$f"
    res=$(jq -c "$expr" out 2>&1)
    if [ "$rc" -eq 0 ] && [ "$(wc -l <out)" -eq 1 ] && [ "$res" = true ]; then
        ok "$(basename "$f"): $what"
    else
        not_ok "$(basename "$f"): $what" "exit status $rc; jq: $expr => $res"
    fi
}
V=$DATA/valid
R=$DATA/rfc3665

value "$V/minimal-request.sip" "a request: type, method, Request-URI, no status" \
    '.type == "request" and .method == "OPTIONS" and .request_uri.scheme == "sip"
     and (has("status") | not) and .body == {"length": 0}'
value "$V/minimal-response.sip" "a response: status and reason, no method" \
    '.type == "response" and .status == 200 and .reason == "OK"
     and (has("method") or has("request_uri") | not) and .max_forwards == null'
value "$V/typed-via-forms.sip" "four Via values over three lines, in order" \
    '[.via[].branch] == ["z9hG4bK1", "z9hG4bK2", "z9hG4bK3", "z9hG4bK4"]
     and [.via[].transport] == ["UDP", "TLS", "SCTP", "UDP"]'
value "$V/typed-via-forms.sip" "Via: IPv6 sent-by and received keep their brackets; port, ttl, maddr" \
    '.via[0] | .host == "[2001:db8::9:1]" and .port == 5060
     and .received == "[2001:db8::9:255]" and .ttl == 255 and .maddr == "224.0.0.1"'
value "$V/typed-via-forms.sip" "Via rport: int with a value, true without, null when absent" \
    '[.via[].rport] == [5061, true, null, null]'
value "$V/typed-via-forms.sip" "Via 'SIP / 2.0 / SCTP' is protocol SIP/2.0; quoted parameter unquoted" \
    '.via[2].protocol == "SIP/2.0" and .via[2].params["x-note"] == "a ; quoted, value"'
value "$V/typed-via-forms.sip" "Via: params holds every parameter; no port is null" \
    '.via[1].params == {"branch": "z9hG4bK2", "rport": null} and .via[3].port == null
     and .via[3].received == "2001:db8::9:255"'
value "$V/typed-nameaddr-forms.sip" "From: quoted display name with escaped quotes is unescaped; tag" \
    '.from.display == "Alice \"A\" Smith" and .from.tag == "a1"
     and .from.params == {"tag": "a1", "x-p": "y"}'
value "$V/typed-nameaddr-forms.sip" "To as an addr-spec: its ;tag is a header parameter" \
    '.to.display == null and .to.tag == "b2" and .to.uri.raw == "sip:bob@example.com"
     and .to.uri.params == {}'
value "$V/typed-nameaddr-forms.sip" "Contact: three values with q and expires, display name with a comma" \
    '(.contact | length) == 3 and .contact[0].q == "0.7" and .contact[0].expires == 3600
     and .contact[1].display == "Second, really" and .contact[1].q == "1.0"
     and .contact[1].expires == null and .contact[2].expires == 0 and .contact[2].q == null
     and .contact[2].uri.host == "192.0.2.3"'
value "$V/typed-nameaddr-forms.sip" "Route: two values on one line, ;lr maps to null" \
    '[.route[].uri.host] == ["p1.example.com", "p2.example.com"]
     and .route[0].uri.params == {"lr": null} and .record_route[0].uri.host == "rr.example.com"'
value "$V/typed-nameaddr-forms.sip" "URI headers keep their %-escapes" \
    '.refer_to.uri.headers == {"Replaces": "abc%40host"}'
value "$V/typed-rel.sip" "RSeq and RAck (RFC 3262): numbers without leading zeros, the method" \
    '.rseq == 4294967295 and .rack == {"rseq": 776656, "cseq": 1, "method": "INVITE"}'
value "$V/minimal-request.sip" "RSeq and RAck absent: null" '.rseq == null and .rack == null'
value "$V/typed-rel.sip" "rseq and rack are the last typed keys, before headers" \
    '[keys_unsorted[]] | index("rack") == index("headers") - 1 and
     index("rseq") == index("proxy_authorization") + 1'
value "$V/typed-uri-forms.sip" "Request-URI: user, password with %-escape, IPv4 host, port, params" \
    '.request_uri | .user == "alice" and .password == "pa%24s" and .host == "192.0.2.1"
     and .port == 5060 and .params == {"transport": "udp", "lr": null, "ttl": "1",
     "maddr": "[2001:db8::2]", "user": "ip"}'
value "$V/typed-uri-forms.sip" "tel URI: the number is the user, host and port null" \
    '.to.uri == {"scheme": "tel", "user": "+1-201-555-0123", "password": null, "host": null,
     "port": null, "params": {}, "headers": {}, "raw": "tel:+1-201-555-0123"}'
value "$V/typed-uri-forms.sip" "sips URI with an IPv6 host in brackets, port and headers" \
    '.contact[0].uri | .scheme == "sips" and .host == "[2001:db8::1]" and .port == 5061
     and .headers == {"subject": "hi%20there", "priority": "urgent"}'
value "$V/typed-contact-star.sip" 'Contact "*" and Expires 0' \
    '.contact == "*" and .expires == 0 and .cseq == {"seq": 1826, "method": "REGISTER"}'
value "$V/typed-scalars.sip" "largest CSeq, Max-Forwards, Expires; Content-Type as written" \
    '.cseq.seq == 4294967295 and .max_forwards == 255 and .expires == 4294967295
     and .min_expires == 60 and .content_type == "text/plain ; charset=\"utf-8\""
     and .content_length == 5 and .body.length == 5'
value "$V/quoted-nul.sip" "quoted-pairs of NUL, BEL and DEL resolved and escaped" \
    '.reply_to.display == "nul:\u0000 bel:\u0007 del:\u007f"'
value "$V/folded-values.sip" "headers: folded values as written, an all-blank value is empty" \
    '(.headers[] | select(.name == "Subject") | .value) == "a\r\n  folded\r\n\tsubject"
     and (.headers[] | select(.name == "X-Empty") | .value) == ""'
value "$V/compact-forms.sip" "headers: names as written (compact forms kept), in order; typed values found" \
    '[.headers[].name] == ["v", "Max-Forwards", "t", "f", "i", "CSeq", "l"]
     and .call_id == "compact@host" and .from.tag == "1" and .content_length == 0'
value "$V/body-without-content-length.sip" "no Content-Length: null, body length from the datagram" \
    '.content_length == null and .body.length > 0'
value "$V/no-max-forwards.sip" "warnings are listed" \
    '.warnings == ["NO_MAX_FORWARDS"] and .max_forwards == null'
value "$V/utf8-reason.sip" "UTF-8 passes through" \
    '.reason | test("[^\u0000-\u007f]")'
value "$R/3.1-successful-session-establishment-F1.sip" "RFC 3665 INVITE: Via branch, From tag, CSeq" \
    '.via[0].branch == "z9hG4bK74bf9" and .via[0].transport == "TCP" and .via[0].port == 5060 and .from.tag == "9fxced76sl"
     and .cseq == {"seq": 1, "method": "INVITE"} and .call_id == "3848276298220188511@atlanta.example.com"
     and .from.display == "Alice" and .to.display == "Bob" and .to.tag == null
     and .content_type == "application/sdp" and .body.length == .content_length'
value "$R/3.3-session-with-multiple-proxy-authentication-F11.sip" "two Proxy-Authorization lines: two entries, quoted values unquoted" \
    '.proxy_authorization | length == 2 and .[0].scheme == "Digest" and .[1].scheme == "Digest"
     and .[0].params.username == "alice" and .[0].params.realm == "atlanta.example.com"
     and .[1].params.realm == "biloxi.example.com" and .[1].params.response == "f44ab22f150c6a56071bce8"
     and .[0].params.opaque == "" and .[0].params.uri == "sip:bob@biloxi.example.com"'
value "$R/2.1-successful-new-registration-F2.sip" "WWW-Authenticate: quoted and token values" \
    '.www_authenticate[0] | .scheme == "Digest" and .params.qop == "auth"
     and .params.stale == "FALSE" and .params.algorithm == "MD5"'
run json "$R/2.1-successful-new-registration-F3.sip"
[ "$rc" -eq 1 ] && [ ! -s out ] && [ "$(cat err)" = "$R/2.1-successful-new-registration-F3.sip:9:67: error: Authorization: expected \",\" before parameter \"nonce\"" ]
verdict "RFC 3665 2.1 F3: the missing comma in Authorization is an error, no object"
run json "$R/2.2-update-of-contact-list-F1.sip"
[ "$rc" -eq 1 ] && [ ! -s out ] && grep -q ':9:72: error: Authorization: qop must be a token' err
verdict "RFC 3665 2.2 F1: a quoted qop in credentials is an error, no object"
run json --lenient "$R/2.2-update-of-contact-list-F1.sip"
res=$(jq -c '[.warnings, .authorization[0].params.qop, .authorization[0].params.username]' out 2>&1)
if [ "$rc" -eq 0 ] && [ "$res" = '[["QUOTED_QOP"],"auth","bob"]' ] && grep -q '^.*:1:1: warning: qop in credentials is a quoted string' err; then
    ok "RFC 3665 2.2 F1 with --lenient: one object, warning QUOTED_QOP, qop unquoted"
else
    not_ok "RFC 3665 2.2 F1 with --lenient: one object, warning QUOTED_QOP, qop unquoted" "exit $rc, $res"
fi
value "$DATA/rfc4475/wsinv.dat" "RFC 4475 wsinv: escaped quotes in display names" \
    '.contact[0].display == "Quoted string \"\"" and .from.display == "J Rosenberg \\\""
     and .contact[0].params == {"newparam": "newvalue", "secondparam": null, "q": "0.33"}
     and .request_uri.params == {"unknownparam": null}'
value "$DATA/rfc4475/esc01.dat" "RFC 4475 esc01: URI components keep %-escapes, names lower-cased" \
    '.to.uri.user == "%75se%72" and .contact[0].uri.params == {"%6c%72": null, "n%61me": "v%61lue%25%34%31"}'
value "$DATA/rfc4475/escnull.dat" "RFC 4475 escnull: %00 kept as written" \
    '.from.uri.user == "null-%00-null" and ([.contact[].uri.user] == ["%00", "%00%00"])'
value "$DATA/rfc4475/regaut01.dat" "RFC 4475 regaut01: unknown auth scheme" \
    '.authorization == [{"scheme": "NoOneKnowsThisScheme", "params": {"opaque-data": "here"},
     "raw": "NoOneKnowsThisScheme opaque-data=here"}]'
value "$DATA/rfc4475/unkscm.dat" "RFC 4475 unkscm: other scheme: only scheme and raw" \
    '.request_uri == {"scheme": "nobodyKnowsThisScheme", "user": null, "password": null,
     "host": null, "port": null, "params": {}, "headers": {},
     "raw": "nobodyKnowsThisScheme:totallyopaquecontent"}'
value "$DATA/rfc5118/crlf/ipv6-good.sip" "RFC 5118: IPv6 hosts keep their brackets" \
    '.request_uri.host == "[2001:db8::10]" and .via[0].host == "[2001:db8::9:1]"
     and .contact[0].uri.host == "[2001:db8::1]" and .contact[0].display == "Caller"'

# --- messages made here ---------------------------------------------------------
head3() {
    crlf "$1" \
        "Via: SIP/2.0/UDP host.example.com;BRANCH=z9hG4bKx;X-Foo=Bar;x-foo=second;RPort" \
        "v: sip / 2.0 / tcp h2.example.com:5070 ;branch=z9hG4bKy" \
        'From: "Bob \"B\" \\" <sip:b@[2001:db8::5]:5070;Transport=TCP;LR>;TAG=t1;Foo;FOO=2' \
        "To: <sip:a@example.com>" \
        "Call-ID: params@host" \
        "CSeq: 7 ${2:-OPTIONS}"
}
{
    head3 "OPTIONS sip:a@example.com SIP/2.0"
    crlf "Max-Forwards: 70" "Content-Length: 0" ""
} >params.sip
value params.sip "parameter names lower-cased; the first of two equal names wins" \
    '.via[0].params == {"branch": "z9hG4bKx", "x-foo": "Bar", "rport": null}
     and .via[0].branch == "z9hG4bKx" and .via[0].rport == true'
value params.sip "Via 'sip / 2.0 / tcp': protocol SIP/2.0, transport as written" \
    '[.via[1] | .protocol, .transport, .host, .port, .branch] == ["SIP/2.0", "tcp", "h2.example.com", 5070, "z9hG4bKy"]'
value params.sip "upper-case TAG is the tag; escapes in a display name resolved" \
    '.from.tag == "t1" and .from.params == {"tag": "t1", "foo": null}
     and .from.display == "Bob \"B\" \\"'
value params.sip "URI parameter names lower-cased, values as written; IPv6 host and port" \
    '.from.uri.params == {"transport": "TCP", "lr": null} and .from.uri.host == "[2001:db8::5]"
     and .from.uri.port == 5070'

auth_resp() {
    crlf "SIP/2.0 401 Unauthorized" \
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1" \
        "From: <sip:a@example.com>;tag=1" \
        "To: <sip:a@example.com>;tag=2" \
        "Call-ID: auth@host" \
        "CSeq: 1 REGISTER" \
        "$@" \
        "Content-Length: 0" ""
}
auth_resp 'WWW-Authenticate: Digest REALM="a\"b\\c", Nonce=xyz, x-a=1 , X-A="2", Basic realm="two"' \
    'WWW-Authenticate: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' \
    'WWW-Authenticate: Negotiate, Bearer mF_9.B5f-4.1JqM' \
    'Proxy-Authenticate: Digest realm="a",' \
    ' qop="auth"' >auth.sip
value auth.sip "two challenges on one line: two entries; names lower-cased, first wins, escapes resolved" \
    '.www_authenticate[0] == {"scheme": "Digest", "params": {"realm": "a\"b\\c", "nonce": "xyz", "x-a": "1"},
       "raw": "Digest REALM=\"a\\\"b\\\\c\", Nonce=xyz, x-a=1 , X-A=\"2\""}
     and .www_authenticate[1] == {"scheme": "Basic", "params": {"realm": "two"},
       "raw": "Basic realm=\"two\""}'
value auth.sip "token68 and a scheme alone: scheme, no params, raw" \
    '.www_authenticate[2:] == [
       {"scheme": "Basic", "params": {}, "raw": "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
       {"scheme": "Negotiate", "params": {}, "raw": "Negotiate"},
       {"scheme": "Bearer", "params": {}, "raw": "Bearer mF_9.B5f-4.1JqM"}]'
value auth.sip "a folded auth line splits across the fold" \
    '.proxy_authenticate == [{"scheme": "Digest", "params": {"realm": "a", "qop": "auth"},
       "raw": "Digest realm=\"a\",\r\n qop=\"auth\""}]'
# Lines that do not fit the grammar make the message invalid: no object.
while IFS='|' read -r line want; do
    auth_resp "$line" >bad-auth.sip
    run json bad-auth.sip
    if [ "$rc" -eq 1 ] && [ ! -s out ] && [ "$(cat err)" = "bad-auth.sip:$want" ]; then
        ok "'$line': no object, '$want'"
    else
        not_ok "'$line': no object, '$want'" "exit $rc"
    fi
done <<'BAD'
WWW-Authenticate: Digest realm="a", REALM="dup"|7:37: error: WWW-Authenticate: duplicate parameter "realm"
WWW-Authenticate: Digest|7:25: error: WWW-Authenticate: expected parameters after Digest (RFC 3261 section 25.1)
WWW-Authenticate: Digest realm=, nonce=1|7:32: error: WWW-Authenticate: expected a token or a quoted string as the value of parameter "realm"
WWW-Authenticate: realm="x"|7:19: error: WWW-Authenticate: expected an auth-scheme ("Digest") before the parameters
WWW-Authenticate: Digest nonce="n"|7:19: error: WWW-Authenticate: Digest challenge without realm (RFC 3261 section 25.1, RFC 7616 section 3.3)
BAD

# Bytes that are not UTF-8: each becomes U+FFFD; well-formed UTF-8 passes.
{
    printf 'SIP/2.0 200 OK \xc3\x28 \xff \xe2\x82\xac \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 \xf0\x9f\x98\x80\r\n'
    crlf "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1" \
        "From: <sip:a@example.com>;tag=1" "To: <sip:a@example.com>" \
        "Call-ID: utf8@host" "CSeq: 1 INVITE"
    printf 'X-Bin: a\xfe\xffb\xc3\r\n'
    crlf "Content-Length: 0" ""
} >utf.sip
run check utf.sip
if [ "$rc" -eq 0 ]; then
    value utf.sip "invalid UTF-8 bytes become U+FFFD, one per byte; valid sequences pass" \
        '.reason == "OK \ufffd( \ufffd \u20ac \ufffd\ufffd\ufffd \ufffd\ufffd \ufffd\ufffd\ufffd\ufffd \ud83d\ude00"
         and (.headers[] | select(.name == "X-Bin") | .value) == "a\ufffd\ufffdb\ufffd"'
    run json utf.sip
    grep -q 'OK \\ufffd( ' out && grep -q '€' out
    verdict "U+FFFD is written as the escape \\ufffd, valid UTF-8 as raw bytes"
    schema_ok out
    verdict "the output for non-UTF-8 input is valid UTF-8 without raw control bytes"
else
    not_ok "utf.sip should be valid for the library" "check exit $rc: $(cat err)"
fi

# 8,000 parameters on one Via (SIPW_MAX_HEAD_SIZE is 64 KiB), 2,000 of them
# with the same name.
{
    crlf "OPTIONS sip:a@example.com SIP/2.0"
    printf 'Via: SIP/2.0/UDP h.example.com;branch=z9hG4bKbig'
    seq 1 6000 | sed 's/^/;p/' | tr -d '\n'
    seq 1 2000 | sed 's/.*/;dup=&/' | tr -d '\n'
    printf '\r\n'
    crlf "From: <sip:a@example.com>;tag=1" "To: <sip:a@example.com>" \
        "Call-ID: big@host" "CSeq: 1 OPTIONS" "Max-Forwards: 70" "Content-Length: 0" ""
} >big.sip
start=$(date +%s)
run json big.sip
took=$(( $(date +%s) - start ))
res=$(jq -c '.via[0].params | [length, .p1, .p6000, .dup]' out 2>&1)
if [ "$rc" -eq 0 ] && [ "$res" = '[6002,null,null,"1"]' ] && [ "$took" -le 10 ]; then
    ok "8,000 Via parameters: every name once, the first dup wins (${took}s)"
else
    not_ok "8,000 Via parameters: every name once, the first dup wins" "exit $rc, $res, ${took}s"
fi

# --- streams, stdin, --pretty ---------------------------------------------------
{ printf '\r\n'; cat "$V/minimal-request.sip"; printf '\r\n\r\n'; cat "$V/typed-contact-star.sip"; } >stream.sip
run json --stream stream.sip
res=$(jq -c '[.cseq.method, .offset]' out 2>&1 | tr -d '\n')
want="[\"OPTIONS\",2][\"REGISTER\",$((2 + $(wc -c <"$V/minimal-request.sip") + 4))]"
[ "$rc" -eq 0 ] && [ "$(wc -l <out)" -eq 2 ] && [ "$res" = "$want" ] && [ ! -s err ]
verdict "--stream: two messages, two lines, offsets of their start lines"

STDIN=stream.sip run json --stream
[ "$rc" -eq 0 ] && [ "$(wc -l <out)" -eq 2 ] && [ "$(jq -r .file out | sort -u)" = "<stdin>" ]
verdict "--stream from stdin: two lines, file \"<stdin>\""

{ cat stream.sip; head -c 50 "$V/minimal-request.sip"; } >truncated.sip
run json --stream truncated.sip
[ "$rc" -eq 1 ] && [ "$(wc -l <out)" -eq 2 ] && grep -Eq '^truncated\.sip:[0-9]+:[0-9]+: error: .*incomplete' err
verdict "--stream with a truncated last message: the two whole ones printed, exit 1"

run json "$V/typed-nameaddr-forms.sip"
cp out compact.out
run json --pretty "$V/typed-nameaddr-forms.sip"
[ "$rc" -eq 0 ] && [ "$(wc -l <out)" -gt 20 ] && [ "$(jq -c . out)" = "$(cat compact.out)" ]
verdict "--pretty: the same object over several lines"

STDIN=$V/minimal-request.sip run json
[ "$rc" -eq 0 ] && [ "$(jq -r .method out)" = OPTIONS ] && [ ! -s err ]
verdict "no FILE reads stdin"

# --- invalid input, usage ---------------------------------------------------------
crlf "SIP/2.0  486 Busy Here" "Via: SIP/2.0/UDP h;branch=z9hG4bK1" "Content-Length: 0" "" >busy.sip
run json busy.sip
[ "$rc" -eq 1 ] && [ ! -s out ] && [ "$(cat err)" = "busy.sip:1:9: error: expected a three-digit status code" ]
verdict "an invalid message: exit 1, no output, FILE:LINE:COL diagnostic"

run json "$V/minimal-request.sip" busy.sip "$V/minimal-response.sip"
[ "$rc" -eq 1 ] && [ "$(wc -l <out)" -eq 2 ] && [ "$(wc -l <err)" -eq 1 ]
verdict "valid, invalid, valid: exit 1, two objects, one diagnostic"

printf 'INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\0;branch=1\r\n\0\0\0\r\n\r\n' >nul.sip
run json nul.sip
[ "$rc" -eq 1 ] && [ ! -s out ] && grep -q '^nul\.sip:2:' err
verdict "NUL bytes in a header: exit 1, no output"

head -c 3000 "$SIPWIRE" >garbage.sip
run json garbage.sip
[ "$rc" -eq 1 ] && [ ! -s out ] && [ -s err ]
verdict "binary garbage: exit 1, no output"

run json does-not-exist.sip
[ "$rc" -eq 2 ] && [ ! -s out ] && grep -q 'does-not-exist.sip' err
verdict "missing file: exit 2"

run json "$V/minimal-request.sip" does-not-exist.sip
[ "$rc" -eq 2 ] && [ "$(wc -l <out)" -eq 1 ]
verdict "a valid file and a missing one: exit 2, the valid one printed"

run json --bogus "$V/minimal-request.sip"
[ "$rc" -eq 2 ] && [ ! -s out ] && grep -q -- '--bogus' err
verdict "unknown option: exit 2, named on stderr"

run json --help
[ "$rc" -eq 0 ] && grep -q '^usage: sipwire json' out
verdict "json --help: exit 0, usage on stdout"

run --help
[ "$rc" -eq 0 ] && grep -q '^  json ' out
verdict "sipwire --help lists json"

run json -- "$V/minimal-request.sip"
[ "$rc" -eq 0 ] && [ "$(wc -l <out)" -eq 1 ]
verdict "'--' ends the options"

# --- every prefix of a message: no crash, exit like check, valid JSON ------------
src=$V/typed-nameaddr-forms.sip
size=$(wc -c <"$src")
bad=()
: >prefix.out
for ((i = 0; i < size; i += 3)); do
    head -c "$i" "$src" >cut.sip
    crc=0
    "$SIPWIRE" check cut.sip >/dev/null 2>&1 || crc=$?
    jrc=0
    "$SIPWIRE" json cut.sip >>prefix.out 2>/dev/null || jrc=$?
    if [ "$crc" -ne "$jrc" ] || [ "$jrc" -gt 1 ]; then
        bad+=("$i bytes: check $crc, json $jrc")
    fi
done
if [ "${#bad[@]}" -eq 0 ] && schema_ok prefix.out; then
    ok "every third prefix of $(basename "$src"): json exits like check (0 or 1), output matches the schema"
else
    not_ok "every third prefix of $(basename "$src"): json exits like check (0 or 1), output matches the schema" \
        "${bad[@]:0:10}"
fi

tap_finish
