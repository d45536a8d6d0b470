/* sipwire tool: `sipwire check`, a validator with compiler-style
 * diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

/* Enough for SIPW_MAX_HEADERS header lines. */
static unsigned char arena_mem[SIPW_MAX_HEADERS * sizeof(sipw_header) + 64];

struct tally {
    unsigned long messages, invalid, warnings;
};

static void check_usage(FILE *out)
{
    fputs("usage: sipwire check [--stream] [--summary] [FILE...]\n"
          "\n"
          "Validates SIP messages (RFC 3261). Prints nothing for a valid\n"
          "message; problems go to standard error as\n"
          "  FILE:LINE:COL: error: REASON\n"
          "  FILE:LINE:COL: warning: REASON\n"
          "\n"
          "  --stream    each FILE is a byte stream of messages (TCP style):\n"
          "              Content-Length is required, CRLF keep-alives skipped\n"
          "  --summary   print one line of counts to standard output\n"
          "  -h, --help  show this help\n"
          "\n"
          "Exit status: 0 all valid (warnings allowed), 1 some message\n"
          "invalid, 2 usage or I/O error.\n",
          out);
}

static void diag(const char *file, const char *buf, size_t len,
                 size_t offset, const char *kind, sipw_str header,
                 const char *reason)
{
    unsigned line, col;
    sipw_position(buf, len, offset, &line, &col);
    if (header.len > 0 && header.len < 256)
        fprintf(stderr, "%s:%u:%u: %s: %.*s: %s\n", file, line, col, kind,
                (int)header.len, header.p, reason);
    else
        fprintf(stderr, "%s:%u:%u: %s: %s\n", file, line, col, kind, reason);
}

/* Parses buf[off .. off+len) of the input as one message; positions are
 * reported relative to the whole input. */
static void check_one(const struct cli_input *in, size_t off, size_t len,
                      struct tally *t)
{
    sipw_arena arena;
    sipw_msg msg;
    sipw_error err;
    sipw_status st;
    unsigned w;

    sipw_arena_init(&arena, arena_mem, sizeof arena_mem);
    t->messages++;
    st = sipw_msg_parse(&msg, in->data + off, len, &arena, 0, &err);
    if (st != SIPW_OK) {
        t->invalid++;
        diag(in->name, in->data, in->len, off + err.offset, "error",
             err.header, err.reason);
        return;
    }
    for (w = 0; w < SIPW_WARN__COUNT; w++) {
        if (msg.warnings & (1u << w)) {
            t->warnings++;
            diag(in->name, in->data, in->len, off, "warning",
                 (sipw_str){NULL, 0}, sipw_warning_str((sipw_warning)w));
        }
    }
}

static void check_stream(const struct cli_input *in, struct tally *t)
{
    size_t pos = 0;
    while (pos < in->len) {
        size_t start, mlen;
        sipw_error err;
        sipw_status st =
            sipw_frame(in->data + pos, in->len - pos, &start, &mlen, &err);
        if (st == SIPW_INCOMPLETE) {
            if (pos + start < in->len) {
                t->messages++;
                t->invalid++;
                diag(in->name, in->data, in->len, in->len, "error",
                     (sipw_str){NULL, 0},
                     "stream ends inside a message (incomplete)");
            }
            return;
        }
        if (st != SIPW_OK) {
            t->messages++;
            t->invalid++;
            diag(in->name, in->data, in->len, pos + err.offset, "error",
                 err.header, err.reason);
            return; /* framing is lost: nothing after this can be trusted */
        }
        check_one(in, pos + start, mlen, t);
        pos += start + mlen;
    }
}

int cli_check(int argc, char **argv)
{
    int stream = 0, summary = 0, i, nfiles = 0, io_error = 0;
    struct tally t = {0, 0, 0};
    const char *stdin_only[] = {"-"};
    const char **files;

    files = malloc(sizeof(char *) * (size_t)(argc > 0 ? argc : 1));
    if (!files) {
        fprintf(stderr, "%s: out of memory\n", cli_progname);
        return CLI_USAGE;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                files[nfiles++] = argv[i];
            break;
        } else if (strcmp(a, "--stream") == 0) {
            stream = 1;
        } else if (strcmp(a, "--summary") == 0) {
            summary = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            check_usage(stdout);
            free(files);
            return CLI_OK;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s: check: unknown option '%s'\n", cli_progname,
                    a);
            check_usage(stderr);
            free(files);
            return CLI_USAGE;
        } else {
            files[nfiles++] = a;
        }
    }

    for (i = 0; i < (nfiles ? nfiles : 1); i++) {
        struct cli_input in;
        const char *path = nfiles ? files[i] : stdin_only[0];
        if (cli_read_input(path, &in) != 0) {
            io_error = 1;
            continue;
        }
        if (stream)
            check_stream(&in, &t);
        else
            check_one(&in, 0, in.len, &t);
        cli_free_input(&in);
    }
    free(files);

    if (summary)
        printf("%lu messages checked: %lu valid, %lu invalid, %lu "
               "warnings\n",
               t.messages, t.messages - t.invalid, t.invalid, t.warnings);
    if (io_error)
        return CLI_USAGE;
    return t.invalid ? CLI_INVALID : CLI_OK;
}
