/* sipwire tool: what every subcommand does with its inputs: read each
 * file, split a stream into messages, parse each one into a growing
 * arena, report errors and warnings in compiler style, and hand the valid
 * messages to the subcommand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void *cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "%s: out of memory\n", cli_progname);
        exit(CLI_USAGE);
    }
    return q;
}

void cli_diag(const struct cli_input *in, size_t offset, const char *kind,
              sipw_str header, const char *reason)
{
    unsigned line, col;
    sipw_position(in->data, in->len, offset, &line, &col);
    if (header.len > 0 && header.len < 256)
        fprintf(stderr, "%s:%u:%u: %s: %.*s: %s\n", in->name, line, col, kind,
                (int)header.len, header.p, reason);
    else
        fprintf(stderr, "%s:%u:%u: %s: %s\n", in->name, line, col, kind,
                reason);
}

/* Parses in->data[off .. off+len) as one message. The arena starts at a
 * size that fits the header table and typed structs of most messages and
 * doubles on SIPW_ENOMEM (the tool may allocate; the library never
 * does). */
static void run_one(struct cli_run *r, const struct cli_input *in, size_t off,
                    size_t len)
{
    sipw_arena arena;
    sipw_msg msg;
    sipw_error err;
    sipw_status st;
    size_t want = 65536 + (len < ((size_t)-1 - 65536) / 32 ? len * 32 : 0);
    unsigned w;

    r->messages++;
    if (r->arena_cap < want) {
        free(r->arena_mem);
        r->arena_mem = cli_xrealloc(NULL, want);
        r->arena_cap = want;
    }
    for (;;) {
        sipw_arena_init(&arena, r->arena_mem, r->arena_cap);
        st = sipw_msg_parse(&msg, in->data + off, len, &arena,
                            r->parse_flags, &err);
        if (st != SIPW_ENOMEM || r->arena_cap > ((size_t)-1) / 4)
            break;
        free(r->arena_mem); /* nothing to keep: no realloc copy */
        r->arena_cap *= 2;
        r->arena_mem = cli_xrealloc(NULL, r->arena_cap);
    }
    if (st != SIPW_OK) {
        r->invalid++;
        cli_diag(in, off + err.offset, "error", err.header, err.reason);
        return;
    }
    for (w = 0; w < SIPW_WARN__COUNT; w++) {
        if (msg.warnings & (1u << w)) {
            r->warnings++;
            cli_diag(in, off, "warning", (sipw_str){NULL, 0},
                     sipw_warning_str((sipw_warning)w));
        }
    }
    if (r->on_msg)
        r->on_msg(r->ctx, in, off, &msg);
}

/* A byte stream of messages (RFC 3261 §18.3), framed by sipw_frame(). */
static void run_stream(struct cli_run *r, const struct cli_input *in)
{
    size_t pos = 0;
    while (pos < in->len) {
        size_t start, mlen;
        sipw_error err;
        sipw_status st =
            sipw_frame(in->data + pos, in->len - pos, &start, &mlen, &err);
        if (st == SIPW_INCOMPLETE) {
            if (pos + start < in->len) {
                r->messages++;
                r->invalid++;
                cli_diag(in, in->len, "error", (sipw_str){NULL, 0},
                         "stream ends inside a message (incomplete)");
            }
            return;
        }
        if (st != SIPW_OK) {
            r->messages++;
            r->invalid++;
            cli_diag(in, pos + err.offset, "error", err.header, err.reason);
            return; /* framing is lost: nothing after this can be trusted */
        }
        run_one(r, in, pos + start, mlen);
        pos += start + mlen;
    }
}

int cli_run_files(struct cli_run *r, const char *const *files, int nfiles)
{
    int i, io_error = 0;
    for (i = 0; i < (nfiles ? nfiles : 1); i++) {
        struct cli_input in;
        if (cli_read_input(nfiles ? files[i] : "-", &in) != 0) {
            io_error = 1;
            continue;
        }
        if (r->stream)
            run_stream(r, &in);
        else
            run_one(r, &in, 0, in.len);
        cli_free_input(&in);
    }
    free(r->arena_mem);
    r->arena_mem = NULL;
    r->arena_cap = 0;
    return io_error ? -1 : 0;
}

int cli_args(int argc, char **argv, const char *cmd,
             const struct cli_opt *opts, void (*usage)(FILE *),
             struct cli_run *r, const char ***files, int *nfiles)
{
    int i;
    const struct cli_opt *o;

    *nfiles = 0;
    *files = cli_xrealloc(NULL, sizeof(char *) * (size_t)(argc > 0 ? argc : 1));
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                (*files)[(*nfiles)++] = argv[i];
            break;
        }
        if (strcmp(a, "--stream") == 0) {
            r->stream = 1;
            continue;
        }
        if (strcmp(a, "--lenient") == 0) {
            r->parse_flags |= SIPW_PARSE_LENIENT;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            free(*files);
            return CLI_OK;
        }
        for (o = opts; o && o->name; o++)
            if (strcmp(a, o->name) == 0)
                break;
        if (o && o->name) {
            *o->flag = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s: %s: unknown option '%s'\n", cli_progname,
                    cmd, a);
            usage(stderr);
            free(*files);
            return CLI_USAGE;
        } else {
            (*files)[(*nfiles)++] = a;
        }
    }
    return -1;
}
