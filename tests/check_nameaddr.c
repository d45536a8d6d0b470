/* SPDX-License-Identifier: MIT */
/* sipwire tests: the name-addr / addr-spec family (grammar/nameaddr.re):
 * From, To, Contact, Route, Record-Route... Valid values from RFC 4475,
 * RFC 5118 and RFC 3665 field by field, invalid ones with their exact
 * status and offset, every value against a guard page and cut at every
 * length, the arena at every size, and long lists in linear time. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "typed/typed.h"

#define ONE SIPW_NAMEADDR_ONE
#define LIST SIPW_NAMEADDR_LIST
#define CONTACT (SIPW_NAMEADDR_LIST | SIPW_NAMEADDR_STAR)

/* What one parsed value must hold. NULL: absent ({NULL, 0}); for user
 * and host NULL means "not checked". */
struct want {
    const char *display;
    size_t dlen;       /* display length when it holds a NUL; 0: strlen */
    int quoted;
    int angle;
    const char *uri;   /* uri.raw */
    const char *params;
    const char *tag;
    long long expires; /* -1: absent */
    const char *q;
    const char *user;  /* uri.user, when checked */
    const char *host;  /* uri.host, when checked */
};

struct vcase {
    const char *name;
    const char *in;
    size_t len;        /* 0: strlen(in) */
    unsigned flags;
    int star;
    size_t n;
    struct want w[3];
};

/* Header values as the framing layer hands them over: the LWS around
 * them trimmed, folds inside kept. */
static const struct vcase valid[] = {
    /* RFC 4475 §3.1.1.1 wsinv: LWS and folds around ";" and "=", escaped
     * quotes in quoted display names. */
    {"wsinv To", "sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n",
     0, ONE, 0, 1,
     {{NULL, 0, 0, 0, "sip:vivekg@chair-dnrc.example.com",
       ";   tag    = 1918181833n", "1918181833n", -1, NULL, "vivekg",
       "chair-dnrc.example.com"}}},
    {"wsinv From",
     "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n"
     "  tag = 98asjd8",
     0, ONE, 0, 1,
     {{"J Rosenberg \\\\\\\"", 0, 1, 1, "sip:jdrosen@example.com",
       ";\r\n  tag = 98asjd8", "98asjd8", -1, NULL, "jdrosen",
       "example.com"}}},
    {"wsinv Contact",
     "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n"
     "      newvalue ;\r\n  secondparam ; q = 0.33",
     0, CONTACT, 0, 1,
     {{"Quoted string \\\"\\\"", 0, 1, 1, "sip:jdrosen@example.com",
       "; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33", NULL,
       -1, "0.33", NULL, NULL}}},
    {"wsinv Route",
     "<sip:services.example.com;lr;unknownwith=value;unknown-no-value>", 0,
     LIST, 0, 1,
     {{NULL, 0, 0, 1,
       "sip:services.example.com;lr;unknownwith=value;unknown-no-value", NULL,
       NULL, -1, NULL, NULL, "services.example.com"}}},
    /* RFC 4475 §3.1.1.2 intmeth: a quoted-pair NUL, BEL and DEL in the
     * display name; every token character in an unquoted one; a URI
     * with "?", "," and ";" in its user part inside "<>". */
    {"intmeth To",
     "\"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f\" <sip:1_unusual.URI~(to-be!sure)"
     "&isn't+it$/crazy?,/;;*@example.com>",
     89, ONE, 0, 1,
     {{"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f", 20, 1, 1,
       "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com",
       NULL, NULL, -1, NULL, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
       "example.com"}}},
    {"intmeth From",
     "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*"
     "_!.-%=\"\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89"
     "\xd0\xb8\xd0\xb9\";tag=_token~1'+`*%!-.",
     0, ONE, 0, 1,
     {{"token1~` token2'+_ token3*%!.-", 0, 0, 1, "sip:mundane@example.com",
       ";fromParam''~+*_!.-%=\"\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0"
       "\xb0\xd1\x8e\xd1\x89\xd0\xb8\xd0\xb9\";tag=_token~1'+`*%!-.",
       "_token~1'+`*%!-.", -1, NULL, "mundane", "example.com"}}},
    /* RFC 4475 §3.1.1.3 esc01 and §3.1.1.4 escnull: escapes stay as
     * written. */
    {"esc01 To", "sip:%75se%72@example.com", 0, ONE, 0, 1,
     {{NULL, 0, 0, 0, "sip:%75se%72@example.com", NULL, NULL, -1, NULL,
       "%75se%72", "example.com"}}},
    {"esc01 From", "<sip:I%20have%20spaces@example.net>;tag=938", 0, ONE, 0,
     1,
     {{NULL, 0, 0, 1, "sip:I%20have%20spaces@example.net", ";tag=938", "938",
       -1, NULL, "I%20have%20spaces", "example.net"}}},
    {"esc01 Contact",
     "<sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>", 0,
     CONTACT, 0, 1,
     {{NULL, 0, 0, 1,
       "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31", NULL,
       NULL, -1, NULL, "cal%6Cer", "host5.example.net"}}},
    {"escnull From", "sip:null-%00-null@example.com;tag=839923423", 0, ONE,
     0, 1,
     {{NULL, 0, 0, 0, "sip:null-%00-null@example.com", ";tag=839923423",
       "839923423", -1, NULL, "null-%00-null", "example.com"}}},
    {"escnull Contact", "<sip:%00%00@host5.example.com>", 0, CONTACT, 0, 1,
     {{NULL, 0, 0, 1, "sip:%00%00@host5.example.com", NULL, NULL, -1, NULL,
       "%00%00", "host5.example.com"}}},
    /* RFC 4475 §3.1.1.5 esc02: "%Z%45" is display text, not an escape. */
    {"esc02 From", "\"%Z%45\" <sip:resource@example.com>;tag=f232jadfj23", 0,
     ONE, 0, 1,
     {{"%Z%45", 0, 1, 1, "sip:resource@example.com", ";tag=f232jadfj23",
       "f232jadfj23", -1, NULL, "resource", "example.com"}}},
    /* RFC 4475 §3.1.1.6 lwsdisp: no LWS between display name and "<". */
    {"lwsdisp From", "caller<sip:caller@example.com>;tag=323", 0, ONE, 0, 1,
     {{"caller", 0, 0, 1, "sip:caller@example.com", ";tag=323", "323", -1,
       NULL, "caller", "example.com"}}},
    /* RFC 4475 §3.1.1.7 longreq. */
    {"longreq To",
     "\"I have a user name of extremeextremeextremeextremeextremeextremeextr"
     "emeextremeextremeextreme proportion\"<sip:user@example.com:6000;unknow"
     "nparam1=verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglo"
     "nglonglonglonglonglongvalue;longparamnamenamenamenamenamenamenamenamen"
     "amenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename=sh"
     "ortvalue;verylonglonglonglonglonglonglonglonglonglonglonglonglonglongl"
     "onglonglonglonglonglonglonglonglonglonglongParameterNameWithNoValue>",
     0, ONE, 0, 1,
     {{"I have a user name of extremeextremeextremeextremeextremeextremeextrem"
       "eextremeextremeextreme proportion",
       0, 1, 1,
       "sip:user@example.com:6000;unknownparam1=verylonglonglonglonglonglonglo"
       "nglonglonglonglonglonglonglonglonglonglonglonglonglongvalue;longparamn"
       "amenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenam"
       "enamenamenamenamenamenamename=shortvalue;verylonglonglonglonglonglongl"
       "onglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglon"
       "glongParameterNameWithNoValue",
       NULL, NULL, -1, NULL, "user", "example.com"}}},
    {"longreq From",
     "sip:amazinglylongcallernameamazinglylongcallernameamazinglylongcallern"
     "ameamazinglylongcallernameamazinglylongcallername@example.net;tag=1298"
     "2982982982982982982982982982982982982982982982982982982982982982982982"
     "9829829829829829829829829829829829829829829829829829829829829829829829"
     "82982982424;unknownheaderparamnamenamenamenamenamenamenamenamenamename"
     "namenamenamenamenamenamenamenamenamename=unknowheaderparamvaluevalueva"
     "luevaluevaluevaluevaluevaluevaluevaluevaluevaluevaluevaluevalue;unknow"
     "nValuelessparamnameparamnameparamnameparamnameparamnameparamnameparamn"
     "ameparamnameparamnameparamname",
     0, ONE, 0, 1,
     {{NULL, 0, 0, 0,
       "sip:amazinglylongcallernameamazinglylongcallernameamazinglylongcallern"
       "ameamazinglylongcallernameamazinglylongcallername@example.net",
       ";tag=12982982982982982982982982982982982982982982982982982982982982982"
       "9829829829829829829829829829829829829829829829829829829829829829829829"
       "82982982982982982424;unknownheaderparamnamenamenamenamenamenamenamenam"
       "enamenamenamenamenamenamenamenamenamenamenamename=unknowheaderparamval"
       "uevaluevaluevaluevaluevaluevaluevaluevaluevaluevaluevaluevaluevalueval"
       "ue;unknownValuelessparamnameparamnameparamnameparamnameparamnameparamn"
       "ameparamnameparamnameparamnameparamname",
       "1298298298298298298298298298298298298298298298298298298298298298298298"
       "2982982982982982982982982982982982982982982982982982982982982982982982"
       "982982982982424",
       -1, NULL, NULL, "example.net"}}},
    /* RFC 4475 §3.3.4 unksm2: URIs of other schemes. */
    {"unksm2 To", "isbn:2983792873", 0, ONE, 0, 1,
     {{NULL, 0, 0, 0, "isbn:2983792873", NULL, NULL, -1, NULL, NULL, NULL}}},
    {"unksm2 From", "<http://www.example.com>;tag=3234233", 0, ONE, 0, 1,
     {{NULL, 0, 0, 1, "http://www.example.com", ";tag=3234233", "3234233", -1,
       NULL, NULL, NULL}}},
    {"unksm2 Contact", "<name:John_Smith>", 0, CONTACT, 0, 1,
     {{NULL, 0, 0, 1, "name:John_Smith", NULL, NULL, -1, NULL, NULL, NULL}}},
    /* RFC 4475 §3.3.12 cparam01: without "<>", ";unknownparam" is a
     * header parameter; §3.3.13 cparam02: inside "<>" it is the URI's. */
    {"cparam01 Contact", "sip:+19725552222@gw1.example.net;unknownparam", 0,
     CONTACT, 0, 1,
     {{NULL, 0, 0, 0, "sip:+19725552222@gw1.example.net", ";unknownparam",
       NULL, -1, NULL, "+19725552222", "gw1.example.net"}}},
    {"cparam02 Contact", "<sip:+19725552222@gw1.example.net;unknownparam>", 0,
     CONTACT, 0, 1,
     {{NULL, 0, 0, 1, "sip:+19725552222@gw1.example.net;unknownparam", NULL,
       NULL, -1, NULL, "+19725552222", "gw1.example.net"}}},
    /* RFC 4475 §3.3.14 regescrt: an escaped header inside "<>". */
    {"regescrt Contact",
     "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>", 0, CONTACT, 0,
     1,
     {{NULL, 0, 0, 1, "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
       NULL, NULL, -1, NULL, "user", "example.com"}}},
    /* RFC 5118: IPv6 references, with and without "<>". */
    {"rfc5118 Contact", "\"Caller\" <sip:caller@[2001:db8::1]>", 0, CONTACT,
     0, 1,
     {{"Caller", 0, 1, 1, "sip:caller@[2001:db8::1]", NULL, NULL, -1, NULL,
       "caller", "[2001:db8::1]"}}},
    {"rfc5118 mapped", "\"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>", 0,
     CONTACT, 0, 1,
     {{"T. desk phone", 0, 1, 1, "sip:ted@[::ffff:192.0.2.2]", NULL, NULL, -1,
       NULL, "ted", "[::ffff:192.0.2.2]"}}},
    {"rfc5118 To", "sip:user@[2001:db8::10]", 0, ONE, 0, 1,
     {{NULL, 0, 0, 0, "sip:user@[2001:db8::10]", NULL, NULL, -1, NULL, "user",
       "[2001:db8::10]"}}},
    {"ipv6 no user", "<sip:[2001:db8::10]>", 0, CONTACT, 0, 1,
     {{NULL, 0, 0, 1, "sip:[2001:db8::10]", NULL, NULL, -1, NULL, NULL,
       "[2001:db8::10]"}}},
    {"ipv6 port bare", "sip:[2001:db8::10]:5070;expires=0", 0, CONTACT, 0, 1,
     {{NULL, 0, 0, 0, "sip:[2001:db8::10]:5070", ";expires=0", NULL, 0, NULL,
       NULL, "[2001:db8::10]"}}},
    /* RFC 3665. */
    {"rfc3665 expires max", "<mailto:bob@biloxi.example.com>;expires=4294967295",
     0, CONTACT, 0, 1,
     {{NULL, 0, 0, 1, "mailto:bob@biloxi.example.com", ";expires=4294967295",
       NULL, 4294967295LL, NULL, NULL, NULL}}},
    {"rfc3665 sips", "<sips:bob@client.biloxi.example.com>;expires=3600", 0,
     CONTACT, 0, 1,
     {{NULL, 0, 0, 1, "sips:bob@client.biloxi.example.com", ";expires=3600",
       NULL, 3600, NULL, "bob", "client.biloxi.example.com"}}},
    {"rfc3665 Record-Route",
     "<sip:ss2.biloxi.example.com;lr>, <sip:ss1.atlanta.example.com;lr>", 0,
     LIST, 0, 2,
     {{NULL, 0, 0, 1, "sip:ss2.biloxi.example.com;lr", NULL, NULL, -1, NULL,
       NULL, "ss2.biloxi.example.com"},
      {NULL, 0, 0, 1, "sip:ss1.atlanta.example.com;lr", NULL, NULL, -1, NULL,
       NULL, "ss1.atlanta.example.com"}}},
    {"rfc3665 star", "*", 0, CONTACT, 1, 0, {{0}}},
    {"baddn fixed", "A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe", 0, ONE,
     0, 1,
     {{"A. Bell", 0, 0, 1, "sip:a.g.bell@example.com", ";tag=qweoiqpe",
       "qweoiqpe", -1, NULL, "a.g.bell", "example.com"}}},
    /* Commas split values only outside quoted strings and "<>". */
    {"commas in quotes",
     "\"a, <b>\" <sip:x@y;p=1>;n=\"c,d\" , sip:z@w;q=1.000,\r\n <sip:v@u>", 0,
     CONTACT, 0, 3,
     {{"a, <b>", 0, 1, 1, "sip:x@y;p=1", ";n=\"c,d\"", NULL, -1, NULL, "x",
       "y"},
      {NULL, 0, 0, 0, "sip:z@w", ";q=1.000", NULL, -1, "1.000", "z", "w"},
      {NULL, 0, 0, 1, "sip:v@u", NULL, NULL, -1, NULL, "v", "u"}}},
    {"star with LWS", "*  ", 0, CONTACT, 1, 0, {{0}}},
    {"star display", "* <sip:a@b>", 0, CONTACT, 0, 1,
     {{"*", 0, 0, 1, "sip:a@b", NULL, NULL, -1, NULL, "a", "b"}}},
    {"empty quoted display", "\"\"<sip:a@b>;Q=0;EXPIRES=007;TAG=x", 0,
     CONTACT, 0, 1,
     {{"", 0, 1, 1, "sip:a@b", ";Q=0;EXPIRES=007;TAG=x", "x", 7, "0", "a",
       "b"}}},
    {"display folds", "Bob\r\n  Smith \t<sip:a@b> ;q=0.", 0, CONTACT, 0, 1,
     {{"Bob\r\n  Smith", 0, 0, 1, "sip:a@b", ";q=0.", NULL, -1, "0.", "a",
       "b"}}},
    {"tel bare", "tel:+1-201-555-0123;tag=a", 0, ONE, 0, 1,
     {{NULL, 0, 0, 0, "tel:+1-201-555-0123", ";tag=a", "a", -1, NULL, NULL,
       NULL}}},
    {"q values", "<sip:a@b>;q=1.,<sip:a@c>;q=0.999,<sip:a@d>;q=1", 0, LIST, 0,
     3,
     {{NULL, 0, 0, 1, "sip:a@b", ";q=1.", NULL, -1, "1.", "a", "b"},
      {NULL, 0, 0, 1, "sip:a@c", ";q=0.999", NULL, -1, "0.999", "a", "c"},
      {NULL, 0, 0, 1, "sip:a@d", ";q=1", NULL, -1, "1", "a", "d"}}},
};

struct icase {
    const char *name;
    const char *in;
    unsigned flags;
    sipw_status st;
    size_t at;
};

static const struct icase invalid[] = {
    /* RFC 4475 §3.1.2.15 baddn: a comma in an unquoted display name. */
    {"baddn From", "Bell, Alexander <sip:a.g.bell@example.com>;tag=43", ONE,
     SIPW_EVALUE, 4},
    {"baddn To", "Watson, Thomas <sip:t.watson@example.org>", ONE,
     SIPW_EVALUE, 6},
    {"baddn in a list", "Bell, Alexander <sip:a.g.bell@example.com>", LIST,
     SIPW_EVALUE, 4},
    /* RFC 4475 §3.1.2.14 badaspec: LWS inside "<>". */
    {"badaspec", "\"Watson, Thomas\" < sip:t.watson@example.org >", ONE,
     SIPW_EVALUE, 18},
    {"badaspec end", "<sip:t.watson@example.org >", ONE, SIPW_EVALUE, 25},
    /* RFC 4475 §3.1.2.13 regbadct: "?" in an addr-spec without "<>". */
    {"regbadct", "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
     CONTACT, SIPW_EVALUE, 20},
    /* RFC 4475 §3.1.2.6 quotbal: an unterminated quoted display name. */
    {"quotbal", "\"Mr. J. User <sip:j.user@example.com>", ONE, SIPW_EQUOTE,
     0},
    {"lone backslash", "\"abc\\", ONE, SIPW_EQUOTE, 4},
    {"escaped closing quote", "\"a\\\" <sip:a@b>", ONE, SIPW_EQUOTE, 0},
    /* RFC 4475 §3.1.2.1 badinv01: empty parameters. */
    {"badinv01 Contact", "\"Joe\" <sip:joe@example.org>;;;;", CONTACT,
     SIPW_EVALUE, 28},
    {"unterminated <", "<sip:a@b", ONE, SIPW_EVALUE, 0},
    {"unterminated < after display", "Bob <sip:a@b;tag=1", ONE, SIPW_EVALUE,
     4},
    {"unterminated < with LWS", "<sip:a@b ;tag=1", ONE, SIPW_EVALUE, 0},
    {"empty <>", "<>", ONE, SIPW_EVALUE, 1},
    /* "*" with another value: the second of the two is in error. */
    {"star first", "*, <sip:a@b>", CONTACT, SIPW_EVALUE, 3},
    {"star last", "<sip:a@b>, *", CONTACT, SIPW_EVALUE, 11},
    {"star twice", "* , *", CONTACT, SIPW_EVALUE, 4},
    {"star without STAR", "*", LIST, SIPW_EVALUE, 1},
    {"star with a parameter", "* ;expires=0", CONTACT, SIPW_EVALUE, 2},
    /* URIs that sipw__uri() rejects, inside and outside "<>". */
    {"empty sip URI in <>", "<sip:>;sip:;1001@x", CONTACT, SIPW_EVALUE, 5},
    {"slash alone", "</>", CONTACT, SIPW_EVALUE, 1},
    {"empty sip URI", "sip:", ONE, SIPW_EVALUE, 4},
    {"empty sip URI with tag", "sip:;tag=1", ONE, SIPW_EVALUE, 4},
    {"> in a bare URI", "sip:a@b>", ONE, SIPW_EVALUE, 7},
    {"tag without value", "<sip:a@b>;tag=", ONE, SIPW_EVALUE, 14},
    {"tag not a token", "<sip:a@b>;tag=a@b", ONE, SIPW_EVALUE, 15},
    {"unterminated param quote", "<sip:a@b>;p=\"a", ONE, SIPW_EQUOTE, 12},
    {"comma in ONE", "<sip:a@b>, <sip:c@d>", ONE, SIPW_EVALUE, 9},
    {"comma in ONE bare", "sip:a@b,sip:c@d", ONE, SIPW_EVALUE, 7},
    {"duplicate tag", "<sip:a@b>;tag=1;TAG=2", ONE, SIPW_EDUP, 16},
    {"duplicate q", "<sip:a@b>;q=1;q=0.5", CONTACT, SIPW_EDUP, 14},
    {"duplicate expires", "sip:a@b;expires=1 ; Expires=2", CONTACT,
     SIPW_EDUP, 20},
    {"empty", "", ONE, SIPW_EVALUE, 0},
    {"empty in a list", "<sip:a@b>,,<sip:c@d>", LIST, SIPW_EVALUE, 10},
    {"trailing comma", "<sip:a@b>, ", LIST, SIPW_EVALUE, 11},
    {"expires overflow", "<sip:a@b>;expires=4294967296", CONTACT,
     SIPW_EVALUE, 18},
    {"expires long overflow", "<sip:a@b>;expires=99999999999999999999999",
     CONTACT, SIPW_EVALUE, 18},
    {"expires not digits", "<sip:a@b>;expires=12a", CONTACT, SIPW_EVALUE,
     20},
    {"expires quoted", "<sip:a@b>;expires=\"1\"", CONTACT, SIPW_EVALUE, 18},
    {"expires no value", "<sip:a@b>;expires", CONTACT, SIPW_EVALUE, 17},
    {"q too precise", "<sip:a@b>;q=0.1234", CONTACT, SIPW_EVALUE, 12},
    {"q above 1", "<sip:a@b>;q=1.001", CONTACT, SIPW_EVALUE, 12},
    {"q 2", "<sip:a@b>;q=2", CONTACT, SIPW_EVALUE, 12},
    {"q no value", "<sip:a@b>;q", CONTACT, SIPW_EVALUE, 11},
    {"tag no value", "<sip:a@b>;tag", ONE, SIPW_EVALUE, 13},
    {"tag quoted", "<sip:a@b>;tag=\"x\"", ONE, SIPW_EVALUE, 14},
    {"junk after >", "<sip:a@b> x", ONE, SIPW_EVALUE, 10},
    {"junk after bare URI", "sip:a@b c", ONE, SIPW_EVALUE, 8},
    {"display without <", "Bob", ONE, SIPW_EVALUE, 3},
    {"display then URI", "Bob sip:a@b", ONE, SIPW_EVALUE, 7},
    {"quoted display then URI", "\"Bob\" sip:a@b", ONE, SIPW_EVALUE, 6},
    {"quoted display alone", "\"Bob\"", ONE, SIPW_EVALUE, 5},
    {"two quoted displays", "\"a\" \"b\" <sip:a@b>", ONE, SIPW_EVALUE, 4},
    {"token then quoted", "a \"b\" <sip:a@b>", ONE, SIPW_EVALUE, 2},
    {"UTF-8 unquoted display", "J\xc3\xb6rg <sip:a@b>", ONE, SIPW_EVALUE,
     1},
    {"starts with ;", ";tag=1", ONE, SIPW_EVALUE, 0},
    {"starts with >", "><sip:a@b>", ONE, SIPW_EVALUE, 0},
    /* Hosts with 16 bytes or more after them in the URI, which the
     * 16-byte host classifier sees whole: each fails as the DFA says. */
    {"bare IPv6 host", "<sip:a:b::1;transport=tcp>", ONE, SIPW_EVALUE, 5},
    {"host label ends in -", "<sip:ab-.example.com;transport=tcp>", ONE,
     SIPW_EVALUE, 7},
    {"host label starts with -", "<sip:a.-b.example.com;transport=tcp>",
     ONE, SIPW_EVALUE, 7},
    {"IPv4 part above 255", "<sip:1.2.3.256:5060;transport=tcp>", ONE,
     SIPW_EVALUE, 11},
    {"empty host label", "<sip:example..com;transport=tcp>", ONE,
     SIPW_EVALUE, 13},
    {"host starts with .", "<sip:.example.com;transport=tcp>", ONE,
     SIPW_EVALUE, 5},
    {"host:port:more", "<sip:a:5060:1;transport=tcp>", ONE, SIPW_EVALUE,
     11},
};

static sipw_arena big_arena(void)
{
    static unsigned char *mem;
    static const size_t size = 64u << 20;
    sipw_arena a;
    if (!mem) {
        mem = malloc(size);
        ck_assert_ptr_nonnull(mem);
    }
    sipw_arena_init(&a, mem, size);
    return a;
}

static size_t case_len(const struct vcase *c)
{
    return c->len ? c->len : strlen(c->in);
}

static int is_slice(sipw_str s, const char *want, size_t wlen)
{
    if (!want)
        return s.p == NULL && s.len == 0;
    return s.p && s.len == wlen && memcmp(s.p, want, wlen) == 0;
}

#define ck_slice(s, want, what, name)                                          \
    ck_assert_msg(is_slice((s), (want), (want) ? strlen(want) : 0),            \
                  "%s: %s is '%.*s', want '%s'", (name), (what),               \
                  (int)(s).len, (s).p ? (s).p : "(null)",                      \
                  (want) ? (want) : "(null)")

/* Checks every field of the values parsed from c (at buf). */
static void check_values(const struct vcase *c, const char *buf,
                         const sipw_nameaddr *na, int star)
{
    size_t i, len = case_len(c);
    ck_assert_msg(star == c->star, "%s: star %d", c->name, star);
    for (i = 0; i < c->n; i++, na = na->next) {
        const struct want *w = &c->w[i];
        sipw_param pr;
        ck_assert_msg(na != NULL, "%s: only %zu values", c->name, i);
        if (w->dlen)
            ck_assert_msg(is_slice(na->display, w->display, w->dlen),
                          "%s: display", c->name);
        else
            ck_slice(na->display, w->display, "display", c->name);
        ck_assert_int_eq(na->display_quoted, w->quoted);
        ck_assert_int_eq(na->angle, w->angle);
        ck_slice(na->uri.raw, w->uri, "uri", c->name);
        ck_slice(na->params, w->params, "params", c->name);
        ck_slice(na->tag, w->tag, "tag", c->name);
        ck_slice(na->q, w->q, "q", c->name);
        if (w->expires < 0) {
            ck_assert_int_eq(na->has_expires, 0);
            ck_assert_uint_eq(na->expires, 0);
        } else {
            ck_assert_int_eq(na->has_expires, 1);
            ck_assert_uint_eq(na->expires, (uint32_t)w->expires);
        }
        if (w->user)
            ck_slice(na->uri.user, w->user, "user", c->name);
        if (w->host)
            ck_slice(na->uri.host, w->host, "host", c->name);
        ck_assert_ptr_null(na->header);
        /* Zero-copy: every slice points into the input. */
        ck_assert(na->uri.raw.p >= buf && na->uri.raw.p + na->uri.raw.len <=
                                              buf + len);
        if (na->params.p) {
            sipw_str rest = na->params;
            ck_assert(na->params.p >= buf &&
                      na->params.p + na->params.len <= buf + len);
            ck_assert_int_eq(na->params.p[0], ';');
            /* The raw list walks back to the picked-out values. */
            if (w->tag) {
                ck_assert(sipw_param_find(rest, "tag", &pr));
                ck_assert(pr.value.p == na->tag.p);
            }
        }
    }
    ck_assert_msg(na == NULL, "%s: more than %zu values", c->name, c->n);
}

START_TEST(valid_values)
{
    const struct vcase *c = &valid[_i];
    size_t len = case_len(c);
    sipw_arena a = big_arena();
    const sipw_nameaddr *na = (const sipw_nameaddr *)1;
    sipw_error err;
    int star = -1;
    sipw_status st;
    struct tu_guard g;
    const char *buf;

    st = sipw_nameaddr_parse(&na, &star, c->in, len, c->flags, &a, &err);
    ck_assert_msg(st == SIPW_OK, "%s: %s at %zu: %s", c->name,
                  sipw_status_name(st), err.offset, err.reason);
    check_values(c, c->in, na, star);

    /* Again against a guard page: not one byte past the end is read. */
    tu_guard_init(&g, len);
    buf = tu_guard_put(&g, c->in, len);
    a = big_arena();
    st = sipw_nameaddr_parse(&na, &star, buf, len, c->flags, &a, &err);
    ck_assert_msg(st == SIPW_OK, "%s at guard: %s", c->name,
                  sipw_status_name(st));
    check_values(c, buf, na, star);
    tu_guard_free(&g);
}
END_TEST

/* Every prefix of every valid value, at a guard page: OK or a clean
 * error inside the prefix, arena untouched on error. */
START_TEST(valid_cut_everywhere)
{
    const struct vcase *c = &valid[_i];
    size_t len = case_len(c), cut;
    struct tu_guard g;

    tu_guard_init(&g, len);
    for (cut = 0; cut <= len; cut++) {
        const char *buf = tu_guard_put(&g, c->in, cut);
        sipw_arena a = big_arena(), before = a;
        const sipw_nameaddr *na, *v;
        sipw_error err;
        int star;
        sipw_status st;
        memset(&err, 0, sizeof err);
        st = sipw_nameaddr_parse(&na, &star, buf, cut, c->flags, &a, &err);
        if (st == SIPW_OK) {
            for (v = na; v; v = v->next)
                ck_assert(v->uri.raw.p >= buf &&
                          v->uri.raw.p + v->uri.raw.len <= buf + cut);
            continue;
        }
        ck_assert_msg(st == SIPW_EVALUE || st == SIPW_EQUOTE,
                      "%s cut at %zu: %s", c->name, cut,
                      sipw_status_name(st));
        ck_assert_int_eq(err.status, st);
        ck_assert_msg(err.offset <= cut, "%s cut at %zu: offset %zu",
                      c->name, cut, err.offset);
        ck_assert_ptr_nonnull(err.reason);
        ck_assert_ptr_null(na);
        ck_assert(a.lo == before.lo && a.hi == before.hi);
    }
    tu_guard_free(&g);
}
END_TEST

/* The arena at every size from 0 up: SIPW_ENOMEM, arena unchanged, until
 * the values fit; then OK at every larger size. */
START_TEST(valid_arena_sizes)
{
    const struct vcase *c = &valid[_i];
    size_t len = case_len(c), size, need = 0;
    static uint64_t mem[4096];
    size_t max = c->n * (sizeof(sipw_nameaddr) + 16);

    ck_assert(max <= sizeof mem);
    for (size = 0; size <= max; size++) {
        sipw_arena a, before;
        const sipw_nameaddr *na;
        sipw_error err;
        int star;
        sipw_status st;
        sipw_arena_init(&a, size ? mem : NULL, size);
        before = a;
        st = sipw_nameaddr_parse(&na, &star, c->in, len, c->flags, &a, &err);
        if (!need && st == SIPW_ENOMEM) {
            ck_assert_int_eq(err.status, SIPW_ENOMEM);
            ck_assert_ptr_null(na);
            ck_assert(a.lo == before.lo && a.hi == before.hi &&
                      a.size == before.size && a.base == before.base);
            continue;
        }
        ck_assert_msg(st == SIPW_OK, "%s with %zu bytes: %s", c->name, size,
                      sipw_status_name(st));
        if (!need) {
            need = size ? size : 1;
            ck_assert(size >= c->n * sizeof(sipw_nameaddr));
        }
        check_values(c, c->in, na, star);
        ck_assert_uint_le(sipw_arena_used(&a), size);
    }
    ck_assert_msg(need, "%s never fit", c->name);
}
END_TEST

START_TEST(invalid_values)
{
    const struct icase *c = &invalid[_i];
    size_t len = strlen(c->in);
    struct tu_guard g;
    const char *buf;
    sipw_arena a = big_arena(), before = a;
    const sipw_nameaddr *na = (const sipw_nameaddr *)1;
    sipw_error err;
    int star = 7;
    sipw_status st;

    tu_guard_init(&g, len);
    buf = tu_guard_put(&g, c->in, len);
    memset(&err, 0, sizeof err);
    st = sipw_nameaddr_parse(&na, &star, buf, len, c->flags, &a, &err);
    ck_assert_msg(st == c->st, "%s: %s, want %s (%s)", c->name,
                  sipw_status_name(st), sipw_status_name(c->st),
                  err.reason ? err.reason : "");
    ck_assert_int_eq(err.status, c->st);
    ck_assert_msg(err.offset == c->at, "%s: offset %zu, want %zu (%s)",
                  c->name, err.offset, c->at, err.reason);
    ck_assert_ptr_nonnull(err.reason);
    ck_assert_ptr_null(err.header.p);
    ck_assert_ptr_null(na);
    ck_assert_int_eq(star, 0);
    ck_assert(a.lo == before.lo && a.hi == before.hi);
    tu_guard_free(&g);
}
END_TEST

/* The internal entry point appends to an existing list and tags each
 * value with its header line. */
START_TEST(append_and_header)
{
    static const char buf[] = "<sip:a@b>, <sip:c@d>" "sip:e@f";
    sipw_arena a = big_arena();
    struct sipw_tp tp;
    sipw_header h1, h2;
    sipw_nameaddr *first = NULL, *last = NULL;
    const sipw_nameaddr *v;
    int star = 0;

    memset(&tp, 0, sizeof tp);
    memset(&h1, 0, sizeof h1);
    memset(&h2, 0, sizeof h2);
    tp.buf = buf;
    tp.len = sizeof buf - 1;
    tp.arena = &a;
    ck_assert_int_eq(sipw__nameaddr(&tp, buf, buf + 20, LIST, &h1, &first,
                                    &last, &star),
                     SIPW_OK);
    ck_assert_int_eq(sipw__nameaddr(&tp, buf + 20, buf + 27, LIST, &h2,
                                    &first, &last, &star),
                     SIPW_OK);
    ck_assert_int_eq(star, 0);
    v = first;
    ck_slice(v->uri.raw, "sip:a@b", "uri", "append");
    ck_assert_ptr_eq(v->header, &h1);
    v = v->next;
    ck_slice(v->uri.raw, "sip:c@d", "uri", "append");
    ck_assert_ptr_eq(v->header, &h1);
    v = v->next;
    ck_slice(v->uri.raw, "sip:e@f", "uri", "append");
    ck_assert_ptr_eq(v->header, &h2);
    ck_assert_ptr_null(v->next);
    ck_assert_ptr_eq(v, last);

    /* A failing line leaves the list as it was. */
    ck_assert_int_eq(sipw__nameaddr(&tp, buf, buf + 21, LIST, &h2, &first,
                                    &last, &star),
                     SIPW_EVALUE);
    ck_assert_ptr_eq(v, last);
    ck_assert_ptr_null(last->next);
}
END_TEST

START_TEST(bad_arguments)
{
    sipw_arena a = big_arena();
    const sipw_nameaddr *na;
    sipw_error err;
    int star;

    ck_assert_int_eq(sipw_nameaddr_parse(NULL, &star, "sip:a@b", 7, ONE, &a,
                                         &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(sipw_nameaddr_parse(&na, &star, "sip:a@b", 7, ONE, NULL,
                                         &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(sipw_nameaddr_parse(&na, &star, NULL, 7, ONE, &a, &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(sipw_nameaddr_parse(&na, NULL, "*", 1, CONTACT, &a,
                                         &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(sipw_nameaddr_parse(&na, &star, "sip:a@b", 7, 4, &a,
                                         &err),
                     SIPW_EINVAL);
    ck_assert_int_eq(err.status, SIPW_EINVAL);
    /* NULL with length 0 is an empty value; star may be NULL without
     * SIPW_NAMEADDR_STAR. */
    ck_assert_int_eq(sipw_nameaddr_parse(&na, NULL, NULL, 0, ONE, &a, &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_int_eq(sipw_nameaddr_parse(&na, NULL, "sip:a@b", 7, LIST, &a,
                                         NULL),
                     SIPW_OK);
    ck_assert_ptr_nonnull(na);
}
END_TEST

static char *read_data(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", tu_data_dir(), rel);
    return tu_read_file(path, len);
}

/* Through sipw_msg_parse(): values of several lines of one header join
 * one list in message order, each pointing at its header line. */
START_TEST(message_lists)
{
    size_t len;
    char *data = read_data("rfc4475/esc02.dat", &len);
    sipw_msg m;
    sipw_error err;
    const sipw_nameaddr *c;

    ck_assert_int_eq(tu_parse(data, len, &m, &err), SIPW_OK);
    ck_slice(m.to->display, "%Z%45", "display", "esc02 To");
    ck_assert_int_eq(m.to->display_quoted, 1);
    ck_slice(m.from->tag, "f232jadfj23", "tag", "esc02 From");
    ck_assert_ptr_null(m.from->next);
    ck_assert_ptr_eq(m.from->header, sipw_msg_header(&m, SIPW_HDR_FROM));
    /* "C%6Fntact" is an unknown header: two Contact values, not three. */
    c = m.contact;
    ck_slice(c->uri.raw, "sip:alias1@host1.example.com", "uri", "esc02");
    ck_assert_ptr_eq(c->header, sipw_msg_header(&m, SIPW_HDR_CONTACT));
    c = c->next;
    ck_slice(c->uri.raw, "sip:alias3@host3.example.com", "uri", "esc02");
    ck_assert_ptr_ne(c->header, m.contact->header);
    ck_assert_int_eq(c->header->id, SIPW_HDR_CONTACT);
    ck_assert_ptr_null(c->next);
    ck_assert_int_eq(m.contact_star, 0);
    free(data);

    data = read_data("rfc4475/wsinv.dat", &len);
    ck_assert_int_eq(tu_parse(data, len, &m, &err), SIPW_OK);
    ck_slice(m.to->tag, "1918181833n", "tag", "wsinv To");
    ck_assert_int_eq(m.to->angle, 0);
    ck_slice(m.from->display, "J Rosenberg \\\\\\\"", "display", "wsinv From");
    ck_slice(m.from->tag, "98asjd8", "tag", "wsinv From");
    ck_slice(m.contact->q, "0.33", "q", "wsinv Contact");
    ck_slice(m.route->uri.host, "services.example.com", "host", "wsinv");
    ck_assert_ptr_null(m.route->next);
    free(data);
}
END_TEST

/* "*" is the only Contact value of a message, across lines too. */
START_TEST(message_star)
{
    static const char head[] =
        "REGISTER sip:example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
        "Max-Forwards: 70\r\n"
        "To: <sip:a@example.com>\r\n"
        "From: <sip:a@example.com>;tag=1\r\n"
        "Call-ID: 1@h\r\n"
        "CSeq: 1 REGISTER\r\n"
        "Expires: 0\r\n";
    char buf[1024];
    sipw_msg m;
    sipw_error err;

    snprintf(buf, sizeof buf, "%sContact: *\r\nContent-Length: 0\r\n\r\n",
             head);
    ck_assert_int_eq(tu_parse(buf, strlen(buf), &m, &err), SIPW_OK);
    ck_assert_int_eq(m.contact_star, 1);
    ck_assert_ptr_null(m.contact);

    snprintf(buf, sizeof buf, "%sContact: *\r\nContact: <sip:b@c>\r\n"
             "Content-Length: 0\r\n\r\n", head);
    ck_assert_int_eq(tu_parse(buf, strlen(buf), &m, &err), SIPW_EVALUE);

    snprintf(buf, sizeof buf, "%sContact: <sip:b@c>, *\r\n"
             "Content-Length: 0\r\n\r\n", head);
    ck_assert_int_eq(tu_parse(buf, strlen(buf), &m, &err), SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, strlen(head) + 20);
    ck_slice(err.header, "Contact", "header", "star");
}
END_TEST

static double seconds(clock_t t0)
{
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* 100,000 Route values and 200,000 parameters: linear time. */
START_TEST(long_lists)
{
    static const char route[] = "<sip:proxy.example.com;lr>, ";
    static const char param[] = ";p=1";
    const size_t nroute = 100000, nparam = 200000;
    size_t rl = sizeof route - 1, pl = sizeof param - 1, i, n;
    size_t len = nroute * rl - 2;
    char *buf = malloc(nparam * pl + 64 > nroute * rl ? nparam * pl + 64
                                                     : nroute * rl);
    sipw_arena a = big_arena();
    const sipw_nameaddr *na, *v;
    sipw_error err;
    int star;
    clock_t t0;

    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < nroute; i++)
        memcpy(buf + i * rl, route, rl);
    t0 = clock();
    ck_assert_int_eq(sipw_nameaddr_parse(&na, &star, buf, len, LIST, &a,
                                         &err),
                     SIPW_OK);
    ck_assert_msg(seconds(t0) < 2.0, "100k values took %.2f s", seconds(t0));
    for (n = 0, v = na; v; v = v->next, n++)
        ck_assert(v->uri.raw.p == buf + n * rl + 1);
    ck_assert_uint_eq(n, nroute);

    /* The same list in a single-value header fails at the first comma. */
    a = big_arena();
    ck_assert_int_eq(sipw_nameaddr_parse(&na, &star, buf, len, ONE, &a,
                                         &err),
                     SIPW_EVALUE);
    ck_assert_uint_eq(err.offset, rl - 2);

    /* 200,000 parameters on one value, the tag last. */
    memcpy(buf, "sip:a@b", 7);
    for (i = 0; i < nparam; i++)
        memcpy(buf + 7 + i * pl, param, pl);
    len = 7 + nparam * pl;
    memcpy(buf + len, ";tag=x", 6);
    len += 6;
    a = big_arena();
    t0 = clock();
    ck_assert_int_eq(sipw_nameaddr_parse(&na, &star, buf, len, ONE, &a,
                                         &err),
                     SIPW_OK);
    ck_assert_msg(seconds(t0) < 2.0, "200k params took %.2f s",
                  seconds(t0));
    ck_assert_ptr_eq(na->params.p, buf + 7);
    ck_assert_uint_eq(na->params.len, len - 7);
    ck_slice(na->tag, "x", "tag", "200k params");
    ck_assert_ptr_null(na->next);
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("nameaddr");
    TCase *tc = tcase_create("core");
    TCase *slow = tcase_create("slow");
    int nv = (int)(sizeof valid / sizeof valid[0]);
    int ni = (int)(sizeof invalid / sizeof invalid[0]);

    tcase_add_loop_test(tc, valid_values, 0, nv);
    tcase_add_loop_test(tc, valid_cut_everywhere, 0, nv);
    tcase_add_loop_test(tc, valid_arena_sizes, 0, nv);
    tcase_add_loop_test(tc, invalid_values, 0, ni);
    tcase_add_test(tc, append_and_header);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, message_lists);
    tcase_add_test(tc, message_star);
    tcase_add_test(slow, long_lists);
    tcase_set_timeout(slow, 60);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, slow);
    return tu_run(s);
}
