/* SPDX-License-Identifier: MIT */
/* sipwire tool: command dispatch. */
#include <stdio.h>
#include <string.h>

#include <sipwire/sipwire.h>

#include "cli.h"

const char *cli_progname = "sipwire";

static void usage(FILE *out)
{
    fputs("usage: sipwire COMMAND [OPTIONS] [FILE...]\n"
          "\n"
          "Commands:\n"
          "  check    validate SIP messages; report errors as FILE:LINE:COL\n"
          "  json     print each valid message as one JSON object per line\n"
          "  fmt      print each valid message in canonical form\n"
          "  digest   compute or verify digest credentials (RFC 7616)\n"
          "  help     'sipwire help COMMAND' shows the options of COMMAND\n"
          "\n"
          "Each FILE holds one message (a datagram) unless --stream or --pcap\n"
          "is given; no FILE, or '-', reads standard input.\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help and exit\n"
          "  -V, --version  show the version and exit\n"
          "\n"
          "Exit status: 0 all valid, 1 some message invalid, 2 usage or I/O "
          "error.\n"
          "Run 'sipwire COMMAND --help' for the command's options.\n",
          out);
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"check", cli_check},
    {"json", cli_json},
    {"fmt", cli_fmt},
    {"digest", cli_digest},
};

static int find_command(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return (int)i;
    return -1;
}

int main(int argc, char **argv)
{
    int k;

    if (argc < 2)
        return cli_usage_error(NULL, "no command given");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return cli_flush_stdout("help") == 0 ? CLI_OK : CLI_USAGE;
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("sipwire %s\n", sipw_version());
        return cli_flush_stdout("version") == 0 ? CLI_OK : CLI_USAGE;
    }
    if (strcmp(argv[1], "help") == 0) {
        /* "sipwire help COMMAND": what "sipwire COMMAND --help" prints. */
        char help[] = "--help";
        char *args[3];
        if (argc == 2) {
            usage(stdout);
            return cli_flush_stdout("help") == 0 ? CLI_OK : CLI_USAGE;
        }
        if (argc > 3)
            return cli_usage_error("help", "one COMMAND at most");
        if ((k = find_command(argv[2])) < 0)
            return cli_usage_error("help", "unknown command '%s'", argv[2]);
        args[0] = argv[2];
        args[1] = help;
        args[2] = NULL;
        return commands[k].run(2, args);
    }
    if ((k = find_command(argv[1])) >= 0)
        return commands[k].run(argc - 1, argv + 1);
    if (argv[1][0] == '-')
        return cli_usage_error(NULL, "unknown option '%s' (options go after "
                                     "the COMMAND)",
                               argv[1]);
    return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
