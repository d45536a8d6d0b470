/* Via: RFC 3261 §20.42 and §25.1, RFC 3581 (rport), RFC 5118 §4.5.
 *
 *   Via           = ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   via-params    = via-ttl / via-maddr / via-received / via-branch
 *                   / via-extension            (RFC 3581 adds response-port)
 *   via-received  = "received" EQUAL (IPv4address / IPv6address)
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 *   protocol-name = "SIP" / token     protocol-version = token
 *   transport     = "UDP" / "TCP" / "TLS" / "SCTP" / other-transport
 *   sent-by       = host [ COLON port ]
 *
 * One function per production. The checks of the picked-out parameters,
 * the list and the standalone parser are in src/typed/via.c. */
#include "typed/typed.h"

/*!include:re2c "abnf.re" */
/*!include:re2c "lexer.re" */

/* A token (§25.1) at *pcur, which `reason` says is missing otherwise. */
static sipw_status via_token(const struct sipw_tp *tp, const char **pcur,
                             const char *lim, sipw_str *out,
                             const char *reason)
{
    const char *cur = *pcur, *mar = cur, *tok = cur;

    /*!re2c
        token {
            *out = sipw__slice(tok, cur);
            *pcur = cur;
            return SIPW_OK;
        }
        * { (void)mar; return sipw__tp_fail(tp, SIPW_EVALUE, tok, reason); }
    */
}

/* SLASH = SWS "/" SWS (§25.1); RFC 4475 §3.1.1.1 (wsinv) has
 * "SIP  /   2.0 / TCP". */
static sipw_status slash(const struct sipw_tp *tp, const char **pcur,
                         const char *lim, const char *reason)
{
    const char *cur = *pcur, *mar = cur, *tok = cur;

    /*!re2c
        SWS "/" SWS { *pcur = cur; return SIPW_OK; }
        LWS         { tok = cur; goto bad; }
        *           { goto bad; }
    */
bad:
    (void)mar;
    return sipw__tp_fail(tp, SIPW_EVALUE, tok, reason);
}

/* sent-protocol = protocol-name SLASH protocol-version SLASH transport */
static sipw_status sent_protocol(const struct sipw_tp *tp, const char **pcur,
                                 const char *lim, sipw_via *v)
{
    sipw_status st;

    st = via_token(tp, pcur, lim, &v->protocol,
                   "expected the sent-protocol (\"SIP/2.0/UDP\")");
    if (st == SIPW_OK)
        st = slash(tp, pcur, lim, "expected \"/\" after the protocol name");
    if (st == SIPW_OK)
        st = via_token(tp, pcur, lim, &v->version,
                       "expected the protocol version");
    if (st == SIPW_OK)
        st = slash(tp, pcur, lim,
                   "expected \"/\" and the transport after the protocol "
                   "version");
    if (st == SIPW_OK)
        st = via_token(tp, pcur, lim, &v->transport, "expected the transport");
    return st;
}

/* LWS sent-by = host [ COLON port ]. A host must not run on into more
 * token characters ("a_b"). */
static sipw_status sent_by(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_via *v)
{
    const char *cur = *pcur, *mar = cur, *tok = cur, *at, *why;

    /*!re2c
        LWS end { if (cur > lim) goto missing; cur--; goto host; }
        LWS     { goto host; }
        end     { if (tok == lim) goto missing; goto no_lws; }
        *       { goto no_lws; }
    */
missing:
    return sipw__tp_fail(tp, SIPW_EVALUE, lim, "sent-by host missing");
no_lws:
    return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                         "expected LWS between the transport and sent-by");
host:
    tok = cur;
    v->host_type = sipw__host_lex(&cur, lim, &at, &why);
    if (v->host_type == SIPW_HOST_NONE)
        return sipw__tp_fail(tp, SIPW_EVALUE, at, why);
    if (cur < lim && (sipw__cc[(unsigned char)*cur] & SIPW_CC_TOKEN))
        return sipw__tp_fail(tp, SIPW_EVALUE, cur,
                             "invalid character in sent-by host");
    v->host = sipw__slice(tok, cur);

    /* [ COLON port ], COLON = SWS ":" SWS */
    tok = cur;
    /*!re2c
        SWS ":" SWS { goto port; }
        *           { *pcur = tok; return SIPW_OK; }
    */
port:
    tok = cur;
    /*!re2c
        port {
            v->port = sipw__port(tok, cur);
            if (v->port < 0)
                return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                     "port must be 0..65535");
            *pcur = cur;
            return SIPW_OK;
        }
        * {
            (void)mar;
            return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                                 "expected a port number after \":\"");
        }
    */
}

/* Which via-param the name [p, lim) is; names are case-insensitive. */
unsigned sipw__via_param_id(const char *p, const char *lim)
{
    const char *cur = p, *mar = p;
    unsigned bit;

    /*!re2c
        'branch'   { bit = SIPW_VP_BRANCH; goto done; }
        'received' { bit = SIPW_VP_RECEIVED; goto done; }
        'rport'    { bit = SIPW_VP_RPORT; goto done; }
        'maddr'    { bit = SIPW_VP_MADDR; goto done; }
        'ttl'      { bit = SIPW_VP_TTL; goto done; }
        *          { (void)mar; return 0; }
    */
done:
    return cur == lim ? bit : 0;
}

/* received = IPv4address / IPv6address (§20.42); RFC 5118 §4.5: an
 * IPv6reference ("[...]") must be accepted too. *pcur is the value. */
sipw_status sipw__via_received(const struct sipw_tp *tp, const char **pcur,
                               const char *lim, sipw_str *out)
{
    const char *cur = *pcur, *mar = cur, *tok = cur;
    int ok;

    /* On a tie the first rule wins: an IPv4address is never the token
     * rule's, which is longer when more token bytes follow it. */
    /*!re2c
        IPv4address { ok = 1; goto check; }
        "[" [0-9a-fA-F:.]* "]" {
            ok = sipw__host(tok, cur) == SIPW_HOST_IPV6;
            goto check;
        }
        (token_char | ":")+ {
            ok = memchr(tok, ':', (size_t)(cur - tok)) && sipw__ipv6(tok, cur);
            goto check;
        }
        * { ok = 0; goto check; }
    */
check:
    (void)mar;
    if (!ok)
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "received must be an IPv4 or IPv6 address "
                             "(RFC 3261 section 20.42, RFC 5118 section 4.5)");
    *out = sipw__slice(tok, cur);
    *pcur = cur;
    return SIPW_OK;
}

/* via-parm = sent-protocol LWS sent-by *( SEMI via-params ). Stops
 * before the COMMA that ends it, or at lim. */
sipw_status sipw__via_parm(const struct sipw_tp *tp, const char **pcur,
                           const char *lim, sipw_via *v)
{
    const char *cur = *pcur, *mar, *tok;
    unsigned seen = 0;
    sipw_status st;

    v->port = -1;
    v->ttl = -1;
    v->rport = -1;
    st = sent_protocol(tp, &cur, lim, v);
    if (st == SIPW_OK)
        st = sent_by(tp, &cur, lim, v);
    while (st == SIPW_OK) {
        tok = mar = cur;
        /*!re2c
            SWS ";" {
                if (!v->params.p)
                    v->params.p = cur - 1;
                cur = tok;
                st = sipw__via_param(tp, &cur, lim, v, &seen);
                v->params.len = (size_t)(cur - v->params.p);
                continue;
            }
            SWS "," { *pcur = tok; return SIPW_OK; }
            SWS end {
                if (cur <= lim) {
                    tok = cur - 1;
                    goto bad;
                }
                *pcur = tok;
                return SIPW_OK;
            }
            LWS { tok = cur; goto bad; }
            *   { goto bad; }
        */
    bad:
        return sipw__tp_fail(tp, SIPW_EVALUE, tok,
                             "expected \";\" or \",\" after the via-parm");
    }
    return st;
}
