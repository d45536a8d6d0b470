/* SPDX-License-Identifier: MIT */
/* sipwire tool: the options of check, json and fmt (getopt_long), and
 * the one-line usage errors every subcommand prints. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", cli_progname);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nTry '%s %s --help'.\n", cli_progname, cmd);
    else
        fprintf(stderr, "\nTry '%s --help'.\n", cli_progname);
    return CLI_USAGE;
}

/* The message for what getopt_long refused: argv[optind - 1] is the
 * argument it was reading (for a cluster such as -sx, the cluster). */
static int bad_option(const char *cmd, int c, int argc, char **argv)
{
    const char *arg = optind - 1 < argc ? argv[optind - 1] : "";
    if (c == ':') {
        if (optopt)
            return cli_usage_error(cmd, "option '-%c' needs a value", optopt);
        return cli_usage_error(cmd, "option '%s' needs a value", arg);
    }
    if (optopt && strncmp(arg, "--", 2) != 0)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    if (strncmp(arg, "--", 2) == 0 && strchr(arg, '=')) {
        /* "--stream=1": a known option that takes no value, or an
         * unknown one with a value. */
        return cli_usage_error(cmd, "unknown option, or one that takes no "
                                    "value: '%s'",
                               arg);
    }
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}

enum {
    OPT_FORMAT = 256,
    OPT_COLOR,
    OPT_PRETTY,
    OPT_COMPACT
};

int cli_args(int argc, char **argv, const char *cmd, unsigned extra,
             void (*usage)(FILE *), struct cli_run *r, int *pretty,
             int *compact, const char ***files, int *nfiles)
{
    struct option longopts[16];
    size_t n = 0;
    int c, i;
    const char *color = "auto";
    const char *format = "text";

#define OPT(name_, has_, val_)                                                 \
    do {                                                                       \
        longopts[n].name = (name_);                                            \
        longopts[n].has_arg = (has_);                                          \
        longopts[n].flag = NULL;                                               \
        longopts[n].val = (val_);                                              \
        n++;                                                                   \
    } while (0)
    OPT("stream", no_argument, 's');
    OPT("lenient", no_argument, 'l');
    OPT("pcap", no_argument, 'p');
    OPT("summary", no_argument, 'c');
    OPT("format", required_argument, OPT_FORMAT);
    OPT("color", optional_argument, OPT_COLOR);
    OPT("colour", optional_argument, OPT_COLOR);
    OPT("help", no_argument, 'h');
    if (extra & CLI_O_PRETTY)
        OPT("pretty", no_argument, OPT_PRETTY);
    if (extra & CLI_O_COMPACT)
        OPT("compact", no_argument, OPT_COMPACT);
    OPT(NULL, 0, 0);
#undef OPT

    *nfiles = 0;
    *files = NULL;
    opterr = 0; /* the messages are ours: one line and a hint */
    optind = 1;
    while ((c = getopt_long(argc, argv, ":slpch", longopts, NULL)) != -1) {
        switch (c) {
        case 's': r->stream = 1; break;
        case 'l': r->parse_flags |= SIPW_PARSE_LENIENT; break;
        case 'p': r->pcap = 1; break;
        case 'c': r->summary = 1; break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_COLOR: color = optarg ? optarg : "always"; break;
        case OPT_PRETTY: *pretty = 1; break;
        case OPT_COMPACT: *compact = 1; break;
        case 'h':
            usage(stdout);
            return cli_flush_stdout(cmd) == 0 ? CLI_OK : CLI_USAGE;
        default:
            return bad_option(cmd, c, argc, argv);
        }
    }
    if (strcmp(format, "text") == 0)
        cli_out.format = CLI_FMT_TEXT;
    else if (strcmp(format, "json") == 0)
        cli_out.format = CLI_FMT_JSON;
    else
        return cli_usage_error(cmd, "--format must be text or json, not '%s'",
                               format);
    if (strcmp(color, "always") == 0) {
        cli_out.color = 1;
    } else if (strcmp(color, "never") == 0) {
        cli_out.color = 0;
    } else if (strcmp(color, "auto") == 0) {
        const char *term = getenv("TERM");
        const char *no = getenv("NO_COLOR");
        cli_out.color = isatty(STDERR_FILENO) && !(term && !strcmp(term, "dumb")) &&
                        !(no && no[0]);
    } else {
        return cli_usage_error(cmd,
                               "--color must be auto, always or never, not '%s'",
                               color);
    }
    if (cli_out.format == CLI_FMT_JSON)
        cli_out.color = 0;
    cli_out.progress = cli_out.format == CLI_FMT_TEXT && isatty(STDERR_FILENO);
    if (r->pcap && r->stream)
        return cli_usage_error(cmd, "--pcap and --stream do not go together "
                                    "(a capture's TCP data is always framed "
                                    "as a stream)");
    *files = cli_xrealloc(NULL, sizeof(char *) * (size_t)(argc > 0 ? argc : 1));
    for (i = optind; i < argc; i++)
        (*files)[(*nfiles)++] = argv[i];
    return -1;
}
