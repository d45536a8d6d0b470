/* sipwire tool: shared declarations of the subcommands. */
#ifndef SIPW_CLI_H
#define SIPW_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <sipwire/sipwire.h>

/* Exit codes, as for compilers and grep: */
enum {
    CLI_OK = 0,      /* every message valid (warnings allowed) */
    CLI_INVALID = 1, /* at least one message invalid */
    CLI_USAGE = 2    /* bad usage or an I/O error */
};

/* A whole input held in memory. */
struct cli_input {
    const char *name; /* as given, or "<stdin>" */
    char *data;
    size_t len;
};

/* Reads `path` ("-" for stdin) whole. Returns 0, or -1 after printing an
 * error to stderr. */
int cli_read_input(const char *path, struct cli_input *in);
void cli_free_input(struct cli_input *in);

/* realloc that exits with CLI_USAGE and a message when memory runs out. */
void *cli_xrealloc(void *p, size_t n);

/* Prints "FILE:LINE:COL: KIND: [Header: ]REASON" to stderr for a byte
 * offset of the input. */
void cli_diag(const struct cli_input *in, size_t offset, const char *kind,
              sipw_str header, const char *reason);

/* The shared driver of the subcommands (run.c). */
struct cli_run {
    int stream; /* inputs are byte streams (--stream), else datagrams */
    unsigned parse_flags; /* SIPW_PARSE_* for sipw_msg_parse() (--lenient) */
    /* Called for each valid message, after its warnings are printed. */
    void (*on_msg)(void *ctx, const struct cli_input *in, size_t off,
                   const sipw_msg *msg);
    void *ctx;
    unsigned long messages, invalid, warnings; /* counts so far */
    unsigned char *arena_mem;                   /* private */
    size_t arena_cap;
};

/* Reads, frames and parses every file ("-" or none: stdin), printing
 * diagnostics. Returns 0, or -1 if a file could not be read. */
int cli_run_files(struct cli_run *r, const char *const *files, int nfiles);

/* A subcommand's own flag option ("--summary"): sets *flag to 1. */
struct cli_opt {
    const char *name;
    int *flag;
};

/* Parses the options every subcommand shares (--stream and --lenient into
 * r, -h/--help, "--", FILE...) and its own `opts` (ended by a NULL name).
 * Returns -1 with *files (free it) and *nfiles set, or the exit status
 * when the command is done (help printed, or a usage error reported). */
int cli_args(int argc, char **argv, const char *cmd,
             const struct cli_opt *opts, void (*usage)(FILE *),
             struct cli_run *r, const char ***files, int *nfiles);

int cli_check(int argc, char **argv);
int cli_json(int argc, char **argv);
int cli_fmt(int argc, char **argv);
int cli_digest(int argc, char **argv);

extern const char *cli_progname;

#endif
