/* sipwire tool: shared declarations of the subcommands. */
#ifndef SIPW_CLI_H
#define SIPW_CLI_H

#include <stddef.h>

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

int cli_check(int argc, char **argv);

extern const char *cli_progname;

#endif
