/* SPDX-License-Identifier: MIT */
/* sipwire tool: every call into the library's parser goes through here,
 * one wrapper each, so that a change of the library's API (argument
 * order, warning names) is one edit in this file:
 *
 *   cli_lib_parse()         sipw_msg_parse()
 *   cli_lib_frame()         sipw_frame()
 *   cli_lib_warning_name()  the identifier of a warning ("NO_MAX_FORWARDS")
 *   cli_lib_warning_text()  its sentence (sipw_warning_name())
 *   cli_lib_status_name()   sipw_status_name()
 *   cli_lib_reason()        a reason with the library's limit names
 *                           ("SIPW_MAX_HEAD_SIZE") replaced by numbers
 *
 * and the growing parse arena (cli_parse()) that every subcommand uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

sipw_status cli_lib_parse(sipw_msg *msg, const char *buf, size_t len,
                          unsigned flags, sipw_arena *arena, sipw_error *err)
{
    return sipw_msg_parse(msg, buf, len, flags, arena, err);
}

sipw_status cli_lib_frame(const char *buf, size_t len, size_t *start,
                          size_t *msg_len, sipw_error *err)
{
    return sipw_frame(buf, len, start, msg_len, err);
}

static const char *const warning_names[] = {
#define SIPW_X_(id, text) #id,
    SIPW_WARNING_LIST(SIPW_X_)
#undef SIPW_X_
};

const char *cli_lib_warning_name(unsigned w)
{
    return w < SIPW_WARN__COUNT ? warning_names[w] : "UNKNOWN";
}

const char *cli_lib_warning_text(unsigned w)
{
    const char *s = sipw_warning_name((sipw_warning)w);
    return s ? s : "unknown warning";
}

const char *cli_lib_status_name(sipw_status st)
{
    return sipw_status_name(st);
}

/* The limits of <sipwire/limits.h> the library's reasons name. */
static const struct {
    const char *name;
    unsigned long value;
} limits[] = {
    {"SIPW_MAX_HEADERS", SIPW_MAX_HEADERS},
    {"SIPW_MAX_HEAD_SIZE", SIPW_MAX_HEAD_SIZE},
    {"SIPW_MAX_BODY_SIZE", SIPW_MAX_BODY_SIZE},
    {"SIPW_MAX_AUTH_NONCE", SIPW_MAX_AUTH_NONCE},
    {"SIPW_MAX_AUTH_RESPONSE", SIPW_MAX_AUTH_RESPONSE},
};

/* Appends at most what fits (always NUL-terminated). */
static void put(char *out, size_t cap, size_t *used, const char *s, size_t n)
{
    if (*used + 1 >= cap)
        return;
    if (n > cap - 1 - *used)
        n = cap - 1 - *used;
    memcpy(out + *used, s, n);
    *used += n;
    out[*used] = '\0';
}

/* "longer than SIPW_MAX_HEAD_SIZE bytes"      -> "longer than 65536 bytes"
 * "longer than SIPW_MAX_AUTH_NONCE (1024 bytes)" -> "longer than 1024 bytes"
 * "more than SIPW_MAX_HEADERS header lines"   -> "more than 1024 header lines"
 * "larger than SIPW_MAX_BODY_SIZE"            -> "larger than 16777216 bytes"
 * A name not in the table is left as it is. */
const char *cli_lib_reason(const char *reason, char *out, size_t cap)
{
    const char *p = reason;
    size_t used = 0;

    if (!reason)
        return NULL;
    if (!strstr(reason, "SIPW_MAX_"))
        return reason;
    out[0] = '\0';
    while (*p) {
        const char *q = strstr(p, "SIPW_MAX_");
        size_t i, n;
        char num[32];
        if (!q) {
            put(out, cap, &used, p, strlen(p));
            break;
        }
        put(out, cap, &used, p, (size_t)(q - p));
        n = 0;
        while ((q[n] >= 'A' && q[n] <= 'Z') || q[n] == '_' ||
               (q[n] >= '0' && q[n] <= '9'))
            n++;
        for (i = 0; i < sizeof limits / sizeof limits[0]; i++)
            if (strlen(limits[i].name) == n &&
                memcmp(limits[i].name, q, n) == 0)
                break;
        p = q + n;
        if (i == sizeof limits / sizeof limits[0]) {
            put(out, cap, &used, q, n);
            continue;
        }
        snprintf(num, sizeof num, "%lu", limits[i].value);
        put(out, cap, &used, num, strlen(num));
        if (p[0] == ' ' && p[1] == '(') {
            /* " (1024 bytes)": the number again; keep its unit only. */
            const char *close = strchr(p, ')');
            const char *sp = close ? memchr(p + 2, ' ', (size_t)(close - p - 2))
                                   : NULL;
            if (sp) {
                put(out, cap, &used, sp, (size_t)(close - sp));
                p = close + 1;
                continue;
            }
        }
        if (strncmp(p, " bytes", 6) != 0 && strncmp(p, " header", 7) != 0)
            put(out, cap, &used, " bytes", 6);
    }
    return out;
}

/* --- the parse arena ------------------------------------------------- */

void cli_arena_free(struct cli_arena *a)
{
    free(a->mem);
    a->mem = NULL;
    a->cap = 0;
}

sipw_status cli_parse(struct cli_arena *a, const char *name, sipw_msg *msg,
                      const char *buf, size_t len, unsigned flags,
                      sipw_error *err)
{
    sipw_arena arena;
    sipw_status st;

    if (a->cap == 0) {
        a->mem = malloc(CLI_ARENA_START);
        if (!a->mem)
            goto oom;
        a->cap = CLI_ARENA_START;
    }
    for (;;) {
        unsigned char *bigger;
        sipw_arena_init(&arena, a->mem, a->cap);
        st = cli_lib_parse(msg, buf, len, flags, &arena, err);
        if (st != SIPW_ENOMEM)
            return st;
        if (a->cap >= CLI_ARENA_MAX) {
            /* The library needs more than the cap: report it as the
             * message's error (code ENOMEM), not as a crash. */
            err->status = SIPW_ENOMEM;
            err->offset = 0;
            err->header.p = NULL;
            err->header.len = 0;
            err->reason = "the parse needs more than the tool's arena cap "
                          "(" CLI_STR(CLI_ARENA_MAX) " bytes)";
            return SIPW_ENOMEM;
        }
        /* Nothing to keep: free first, so the peak is one arena. */
        free(a->mem);
        a->mem = NULL;
        a->cap *= 2;
        bigger = malloc(a->cap);
        if (!bigger)
            goto oom;
        a->mem = bigger;
    }
oom:
    cli_fatal(name, "ENOMEM", "out of memory (a parse arena of %zu bytes)",
              a->cap ? a->cap : (size_t)CLI_ARENA_START);
}
