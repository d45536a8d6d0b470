/* SPDX-License-Identifier: MIT */
/* compare: GNU oSIP2's parser (libosipparser2). osip_message_parse()
 * copies the message and parses every header it knows into structures
 * (Via, From, To, Call-ID, CSeq, Contact, the authentication headers...),
 * each value a malloc'd string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <osipparser2/osip_parser.h>

#include "compare.h"

static int osip_init(void)
{
    return parser_init() == 0 ? 0 : -1;
}

/* The first challenge or credentials, in the order of bench/modes.c. */
static void first_auth(osip_message_t *sip, char **realm, char **nonce,
                       char **response)
{
    osip_www_authenticate_t *ch = NULL;
    osip_authorization_t *cr = NULL;

    *realm = *nonce = *response = NULL;
    if (osip_message_get_www_authenticate(sip, 0, &ch) < 0 &&
        osip_message_get_authorization(sip, 0, &cr) < 0 &&
        osip_message_get_proxy_authenticate(sip, 0, &ch) < 0)
        osip_message_get_proxy_authorization(sip, 0, &cr);
    if (ch) {
        *realm = osip_www_authenticate_get_realm(ch);
        *nonce = osip_www_authenticate_get_nonce(ch);
    } else if (cr) {
        *realm = osip_authorization_get_realm(cr);
        *nonce = osip_authorization_get_nonce(cr);
        *response = osip_authorization_get_response(cr);
    }
}

static char *param(osip_list_t *list, const char *name)
{
    osip_generic_param_t *p = NULL;
    osip_generic_param_get_byname(list, (char *)name, &p);
    return p ? p->gvalue : NULL;
}

static void pass(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    osip_message_t *sip;
    osip_via_t *via;
    osip_contact_t *ct;
    char *realm, *nonce, *response;
    uint64_t acc = 0;
    size_t i;

    for (i = 0; i < c->n; i++) {
        if (osip_message_init(&sip) != 0)
            continue;
        if (osip_message_parse(sip, c->data[i], c->len[i]) == 0) {
            via = NULL;
            ct = NULL;
            if (osip_message_get_via(sip, 0, &via) >= 0)
                acc += cmp_touch(param(&via->via_params, "branch"));
            if (sip->from)
                acc += cmp_touch(param(&sip->from->gen_params, "tag"));
            if (sip->to)
                acc += cmp_touch(param(&sip->to->gen_params, "tag"));
            if (sip->call_id)
                acc += cmp_touch(sip->call_id->number) +
                       cmp_touch(sip->call_id->host);
            if (sip->cseq)
                acc += strtoul(sip->cseq->number, NULL, 10) +
                       cmp_touch(sip->cseq->method);
            if (osip_message_get_contact(sip, 0, &ct) >= 0 && ct->url)
                acc += cmp_touch(ct->url->username) +
                       cmp_touch(ct->url->host) + cmp_touch(ct->url->port);
            first_auth(sip, &realm, &nonce, &response);
            acc += cmp_touch(realm) + cmp_touch(nonce) + cmp_touch(response);
        }
        osip_message_free(sip);
    }
    ctx->sum += acc;
}

static int fields(const char *buf, size_t len, struct cmp_fields *f)
{
    osip_message_t *sip;
    osip_via_t *via = NULL;
    osip_contact_t *ct = NULL;
    char *realm, *nonce, *response, *s;
    int rc = -1;

    memset(f, 0, sizeof *f);
    f->cseq = -1;
    if (osip_message_init(&sip) != 0)
        return -1;
    if (osip_message_parse(sip, buf, len) == 0) {
        if (osip_message_get_via(sip, 0, &via) >= 0 &&
            (s = param(&via->via_params, "branch")))
            cmp_copy(f->branch, sizeof f->branch, s, strlen(s));
        if (sip->from && (s = param(&sip->from->gen_params, "tag")))
            cmp_copy(f->from_tag, sizeof f->from_tag, s, strlen(s));
        if (sip->to && (s = param(&sip->to->gen_params, "tag")))
            cmp_copy(f->to_tag, sizeof f->to_tag, s, strlen(s));
        if (sip->call_id && sip->call_id->number) {
            /* oSIP splits the Call-ID at "@". */
            cmp_copy(f->call_id, sizeof f->call_id, sip->call_id->number,
                     strlen(sip->call_id->number));
            if (sip->call_id->host &&
                strlen(f->call_id) + 1 + strlen(sip->call_id->host) <
                    sizeof f->call_id) {
                strcat(f->call_id, "@");
                strcat(f->call_id, sip->call_id->host);
            }
        }
        if (sip->cseq && sip->cseq->number)
            f->cseq = strtol(sip->cseq->number, NULL, 10);
        if (osip_message_get_contact(sip, 0, &ct) >= 0 && ct->url &&
            ct->url->host)
            cmp_copy(f->contact_host, sizeof f->contact_host, ct->url->host,
                     strlen(ct->url->host));
        first_auth(sip, &realm, &nonce, &response);
        if (nonce)
            cmp_copy(f->nonce, sizeof f->nonce, nonce, strlen(nonce));
        rc = 0;
    }
    osip_message_free(sip);
    return rc;
}

const struct cmp_lib cmp_osip = {"osip2", osip_init, fields,
                                 {"osip2", NULL, pass, NULL}};
