/* SPDX-License-Identifier: MIT */
/* sipwire tool: shared declarations of the subcommands. */
#ifndef SIPW_CLI_H
#define SIPW_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sipwire/sipwire.h>

#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)

/* Exit codes, as for compilers and grep: */
enum {
    CLI_OK = 0,      /* every message valid (warnings allowed) */
    CLI_INVALID = 1, /* at least one message invalid */
    CLI_USAGE = 2    /* bad usage, an I/O or output error, out of memory */
};

/* --- bounds of the tool (documented in sipwire(1), LIMITS) ------------ */

/* The parse arena starts at CLI_ARENA_START bytes and doubles each time
 * the library reports SIPW_ENOMEM, up to CLI_ARENA_MAX; a message that
 * needs more is reported as invalid (code ENOMEM). The header section is
 * capped by the library (SIPW_MAX_HEAD_SIZE, SIPW_MAX_HEADERS), so real
 * messages stay far below the cap, whatever the size of their body. */
#define CLI_ARENA_START 65536
#define CLI_ARENA_MAX 67108864
/* A byte stream (--stream, and each direction of a TCP flow in a
 * capture) holds at most this many bytes of one message while it waits
 * for the rest: the largest head plus the largest body the library
 * accepts. Past it the message is reported (ELIMIT) and the rest of that
 * stream is skipped. */
#define CLI_STREAM_MAX ((size_t)SIPW_MAX_HEAD_SIZE + SIPW_MAX_BODY_SIZE)
/* All TCP directions of a capture together hold at most this many bytes
 * of incomplete messages; the direction that would pass it is dropped
 * (ELIMIT). */
#define CLI_TCP_HELD_MAX ((size_t)64 << 20)

/* --- the library, through one wrapper each (lib.c) -------------------- */

sipw_status cli_lib_parse(sipw_msg *msg, const char *buf, size_t len,
                          unsigned flags, sipw_arena *arena, sipw_error *err);
sipw_status cli_lib_frame(const char *buf, size_t len, size_t *start,
                          size_t *msg_len, sipw_error *err);
const char *cli_lib_warning_name(unsigned w);
const char *cli_lib_warning_text(unsigned w);
const char *cli_lib_status_name(sipw_status st);
/* `reason` with the library's limit names (SIPW_MAX_HEAD_SIZE...) replaced
 * by their values; returns reason itself or out. */
const char *cli_lib_reason(const char *reason, char *out, size_t cap);

/* A growing parse arena. */
struct cli_arena {
    unsigned char *mem;
    size_t cap;
};
/* cli_lib_parse() into `a`, grown on SIPW_ENOMEM up to CLI_ARENA_MAX.
 * Exits with CLI_USAGE ("NAME: out of memory") when malloc fails. */
sipw_status cli_parse(struct cli_arena *a, const char *name, sipw_msg *msg,
                      const char *buf, size_t len, unsigned flags,
                      sipw_error *err);
void cli_arena_free(struct cli_arena *a);

/* --- inputs ----------------------------------------------------------- */

/* A whole input held in memory. */
struct cli_input {
    const char *name; /* as given, or "<stdin>" */
    char *data;
    size_t len;
};

/* Reads `path` ("-" for stdin) whole. Returns 0, or -1 after reporting
 * the error (cli_error_file()). */
int cli_read_input(const char *path, struct cli_input *in);
void cli_free_input(struct cli_input *in);

/* realloc that exits with CLI_USAGE and a message when memory runs out. */
void *cli_xrealloc(void *p, size_t n);

/* --- diagnostics (diag.c) --------------------------------------------- */

enum cli_format { CLI_FMT_TEXT = 0, CLI_FMT_JSON = 1 };
enum cli_severity { CLI_SEV_WARNING = 0, CLI_SEV_ERROR = 1 };

/* The capture context of a message or a diagnostic. */
struct cli_cap {
    uint64_t frame;     /* 1-based record number; 0: the file as a whole */
    int has_time;       /* the record's time stamp is known */
    int has_packet;     /* so are addresses and transport (implies has_time) */
    int64_t sec;        /* capture time */
    uint32_t nsec;
    char src[64], dst[64]; /* "192.0.2.1:5060", "[2001:db8::1]:5060" */
    const char *transport; /* "UDP", "TCP", "HEP3/UDP"... */
};

/* Where a message (or a diagnostic about it) is. LINE:COL are counted in
 * data[0..len): data[0] is at line line0, column col0 + 1 of what the user
 * sees (a file, a stream, or one message of a capture). */
struct cli_where {
    const char *file;
    const char *data; /* NULL: no position (the file as a whole) */
    size_t len;
    uint64_t offset;  /* of data[0] in the file or TCP stream */
    unsigned long line0, col0;
    const struct cli_cap *cap; /* NULL outside captures */
};

struct cli_out {
    enum cli_format format;
    int color;    /* colour text diagnostics (--color) */
    int progress; /* a progress line on stderr (a terminal) */
};
extern struct cli_out cli_out;

/* One diagnostic: text "FILE[:frame N (TIME SRC -> DST)]:LINE:COL:
 * error|warning: [Header: ]REASON", or one JSON object (docs/json.md).
 * `off` is an offset into w->data (ignored without data). `code` is a
 * status or warning name. Counted for the summary (cli_count_code()). */
void cli_report(const struct cli_where *w, size_t off,
                enum cli_severity sev, const char *code, sipw_str header,
                const char *reason);

/* A problem with a whole input (cannot open, not a capture, out of
 * memory, cannot write): "sipwire: FILE: TEXT" or a JSON object with
 * null position. Not counted as a message. */
void cli_error_file(const char *file, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The same, then exit(CLI_USAGE). */
void cli_fatal(const char *file, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4), noreturn))
#endif
    ;

/* A diagnostic at a byte offset of a whole input (digest). */
void cli_diag(const struct cli_input *in, size_t offset, const char *kind,
              const char *code, sipw_str header, const char *reason);

/* The counts of diagnostics by code, for the summary. */
struct cli_code_count {
    const char *code;
    enum cli_severity sev;
    unsigned long n;
};
const struct cli_code_count *cli_code_counts(size_t *n);

/* The progress line: shown on stderr when cli_out.progress, at most 5
 * times a second, and only once the run has lasted a second. */
void cli_progress(const char *file, uint64_t records, unsigned long messages,
                  uint64_t bytes);
void cli_progress_clear(void);

/* JSON string output (json.c): the bytes as the inside of a JSON string. */
void cli_json_chars(FILE *out, const char *p, size_t len);
/* "2026-01-02T03:04:05.678901Z" (9 digits when there are nanoseconds). */
void cli_format_time(char *out, size_t cap, int64_t sec, uint32_t nsec);

/* fflush(stdout) and report a failure: returns 0, or -1 after printing
 * "sipwire: CMD: error writing standard output: ..." (once). */
int cli_flush_stdout(const char *cmd);

/* --- the shared driver of check, json and fmt (run.c) ------------------ */

struct cli_run {
    const char *cmd; /* "check", "json", "fmt" */
    int stream;      /* inputs are byte streams (--stream), else datagrams */
    int pcap;        /* inputs are captures (--pcap) */
    int summary;     /* --summary */
    unsigned parse_flags; /* SIPW_PARSE_* (--lenient) */
    /* Called for each valid message, after its warnings are reported:
     * the message is w->data[off .. off + msg->size). */
    void (*on_msg)(void *ctx, const struct cli_where *w, size_t off,
                   const sipw_msg *msg);
    void *ctx;
    /* Counts so far. */
    unsigned long messages, invalid, warned, not_sip;
    uint64_t records, bad_records, bytes;
    unsigned long capture_errors; /* ECAPTURE reports: exit status 1 */
    int captures;
    int flush_each;  /* flush stdout after each message (a pipe) */
    int io_error;    /* an input could not be read */
    struct cli_arena arena; /* private */
};

/* Parses one message w->data[off .. off + len) (a datagram when
 * `datagram`: bytes after the message get a warning), reports and counts
 * it. */
void cli_run_one(struct cli_run *r, const struct cli_where *w, size_t off,
                 size_t len, int datagram);

/* Reads every file ("-" or none: stdin) as r says, printing diagnostics.
 * Returns 0, or -1 if a file could not be read. */
int cli_run_files(struct cli_run *r, const char *const *files, int nfiles);

/* Prints the summary to `out` (text or JSON); returns 0 or -1 (write). */
void cli_print_summary(const struct cli_run *r, FILE *out);

/* The exit status of a run: 2 for an I/O or output error, 1 when a
 * message was invalid, else 0. */
int cli_run_status(struct cli_run *r, int extra_invalid);

/* Reads one capture (pcapin.c). Returns 0, or -1 if it could not be
 * opened (reported). */
int cli_run_capture(struct cli_run *r, const char *path);

/* --- options (args.c) ------------------------------------------------- */

/* Options a subcommand takes beyond the shared ones. */
enum {
    CLI_O_PRETTY = 1u << 0,  /* json --pretty */
    CLI_O_COMPACT = 1u << 1  /* fmt --compact */
};

/* Parses the options of check, json and fmt with getopt_long: --stream
 * (-s), --lenient (-l), --pcap (-p), --summary (-c), --format=FMT,
 * --color[=WHEN], -h/--help, "--", and those of `extra` (their values in
 * *pretty / *compact). Returns -1 with *files (free it) and *nfiles set,
 * or the exit status when the command is done (help printed, or a usage
 * error reported). */
int cli_args(int argc, char **argv, const char *cmd, unsigned extra,
             void (*usage)(FILE *), struct cli_run *r, int *pretty,
             int *compact, const char ***files, int *nfiles);

/* "sipwire: CMD: MESSAGE" and "Try 'sipwire CMD --help'." on stderr;
 * returns CLI_USAGE. cmd NULL: the top level. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

int cli_check(int argc, char **argv);
int cli_json(int argc, char **argv);
int cli_fmt(int argc, char **argv);
int cli_digest(int argc, char **argv);

extern const char *cli_progname;

#endif
