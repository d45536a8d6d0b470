/* SPDX-License-Identifier: MIT */
/* compare: sofia-sip's parser (libsofia-sip-ua). msg_make() copies the
 * message into a buffer of its own (sofia-sip writes NULs into the text
 * it parses) and runs every known header through its class's parser;
 * authentication headers come out as a list of "name=value" strings,
 * searched with msg_params_find(). */
#include <stdint.h>
#include <string.h>

/* sofia-sip's headers test macros they do not define (-Wundef) and cast
 * char pointers to pointer pointers in inline functions (-Wcast-align). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#pragma GCC diagnostic ignored "-Wcast-align"
#include <sofia-sip/msg.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#pragma GCC diagnostic pop

#include "compare.h"

static int sofia_init(void)
{
    return sip_default_mclass() ? 0 : -1;
}

static msg_auth_t const *first_auth(sip_t const *sip)
{
    if (sip->sip_www_authenticate)
        return sip->sip_www_authenticate;
    if (sip->sip_authorization)
        return sip->sip_authorization;
    if (sip->sip_proxy_authenticate)
        return sip->sip_proxy_authenticate;
    return sip->sip_proxy_authorization;
}

/* The parsed message, or NULL (after freeing it) when it has an error. */
static msg_t *parse(const char *buf, size_t len, sip_t **sip)
{
    msg_t *msg = msg_make(sip_default_mclass(), 0, buf, (ssize_t)len);
    if (!msg)
        return NULL;
    *sip = sip_object(msg);
    if (!*sip || msg_has_error(msg) || !(*sip)->sip_via ||
        !(*sip)->sip_cseq) {
        msg_destroy(msg);
        return NULL;
    }
    return msg;
}

static void pass(struct bench_ctx *ctx)
{
    const struct bench_corpus *c = ctx->corpus;
    msg_t *msg;
    sip_t *sip;
    msg_auth_t const *au;
    uint64_t acc = 0;
    size_t i;

    for (i = 0; i < c->n; i++) {
        msg = parse(c->data[i], c->len[i], &sip);
        if (!msg)
            continue;
        acc += cmp_touch(sip->sip_via->v_branch);
        if (sip->sip_from)
            acc += cmp_touch(sip->sip_from->a_tag);
        if (sip->sip_to)
            acc += cmp_touch(sip->sip_to->a_tag);
        if (sip->sip_call_id)
            acc += cmp_touch(sip->sip_call_id->i_id);
        acc += sip->sip_cseq->cs_seq + cmp_touch(sip->sip_cseq->cs_method_name);
        if (sip->sip_contact)
            acc += cmp_touch(sip->sip_contact->m_url->url_user) +
                   cmp_touch(sip->sip_contact->m_url->url_host) +
                   cmp_touch(sip->sip_contact->m_url->url_port);
        if ((au = first_auth(sip)))
            acc += cmp_touch(msg_params_find(au->au_params, "realm=")) +
                   cmp_touch(msg_params_find(au->au_params, "nonce=")) +
                   cmp_touch(msg_params_find(au->au_params, "response="));
        msg_destroy(msg);
    }
    ctx->sum += acc;
}

static void copy(char *dst, size_t cap, const char *s)
{
    cmp_copy(dst, cap, s, s ? strlen(s) : 0);
}

static int fields(const char *buf, size_t len, struct cmp_fields *f)
{
    msg_t *msg;
    sip_t *sip;
    msg_auth_t const *au;

    memset(f, 0, sizeof *f);
    f->cseq = -1;
    if (!(msg = parse(buf, len, &sip)))
        return -1;
    copy(f->branch, sizeof f->branch, sip->sip_via->v_branch);
    if (sip->sip_from)
        copy(f->from_tag, sizeof f->from_tag, sip->sip_from->a_tag);
    if (sip->sip_to)
        copy(f->to_tag, sizeof f->to_tag, sip->sip_to->a_tag);
    if (sip->sip_call_id)
        copy(f->call_id, sizeof f->call_id, sip->sip_call_id->i_id);
    f->cseq = (long)sip->sip_cseq->cs_seq;
    if (sip->sip_contact)
        copy(f->contact_host, sizeof f->contact_host,
             sip->sip_contact->m_url->url_host);
    if ((au = first_auth(sip)))
        copy(f->nonce, sizeof f->nonce,
             msg_params_find(au->au_params, "nonce="));
    msg_destroy(msg);
    return 0;
}

const struct cmp_lib cmp_sofia = {"sofia-sip", sofia_init, fields,
                                  {"sofia-sip", NULL, pass, NULL}};
