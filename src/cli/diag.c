/* SPDX-License-Identifier: MIT */
/* sipwire tool: diagnostics, in compiler style or as JSON lines
 * (docs/json.md, "Diagnostics"), their counts for the summary, and the
 * progress line. Everything here goes to standard error. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct cli_out cli_out;

/* --- counts by code ------------------------------------------------------ */

#define MAX_CODES 64
static struct cli_code_count codes[MAX_CODES];
static size_t ncodes;

static void count_code(const char *code, enum cli_severity sev)
{
    size_t i;
    for (i = 0; i < ncodes; i++)
        if (codes[i].sev == sev && strcmp(codes[i].code, code) == 0) {
            codes[i].n++;
            return;
        }
    if (ncodes < MAX_CODES) {
        codes[ncodes].code = code; /* static strings only */
        codes[ncodes].sev = sev;
        codes[ncodes].n = 1;
        ncodes++;
    }
}

const struct cli_code_count *cli_code_counts(size_t *n)
{
    *n = ncodes;
    return codes;
}

/* --- helpers --------------------------------------------------------------- */

void cli_format_time(char *out, size_t cap, int64_t sec, uint32_t nsec)
{
    time_t t = (time_t)sec;
    struct tm tm;
    char date[40];

    if (!gmtime_r(&t, &tm) ||
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        snprintf(date, sizeof date, "%" PRId64, sec);
    if (nsec % 1000 == 0)
        snprintf(out, cap, "%s.%06uZ", date, (unsigned)(nsec / 1000));
    else
        snprintf(out, cap, "%s.%09uZ", date, (unsigned)nsec);
}

/* Line and column (from 1, in bytes, lines end at LF) of data[off]. */
static void position(const struct cli_where *w, size_t off, unsigned long *line,
                     unsigned long *col)
{
    size_t i, last = (size_t)-1;
    unsigned long n = 0;

    if (off > w->len)
        off = w->len;
    for (i = 0; i < off; i++)
        if (w->data[i] == '\n') {
            n++;
            last = i;
        }
    *line = w->line0 + n;
    if (n == 0)
        *col = w->col0 + off + 1;
    else
        *col = off - (last + 1) + 1;
}

static void json_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    cli_json_chars(out, s, strlen(s));
    fputc('"', out);
}

static void json_strn(FILE *out, const char *p, size_t n)
{
    fputc('"', out);
    cli_json_chars(out, p, n);
    fputc('"', out);
}

static const char *const sev_name[] = {"warning", "error"};

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_OFF "\033[m"

/* The JSON object of one diagnostic (docs/json.md). */
static void json_diag(const char *file, const struct cli_cap *cap, int has_pos,
                      unsigned long line, unsigned long col,
                      enum cli_severity sev, const char *code, sipw_str header,
                      const char *reason)
{
    FILE *out = stderr;
    char when[64];

    fputs("{\"file\":", out);
    json_str(out, file);
    fputs(",\"frame\":", out);
    if (cap && cap->frame)
        fprintf(out, "%" PRIu64, cap->frame);
    else
        fputs("null", out);
    if (cap && (cap->has_time || cap->has_packet)) {
        cli_format_time(when, sizeof when, cap->sec, cap->nsec);
        fputs(",\"time\":", out);
        json_str(out, when);
    } else {
        fputs(",\"time\":null", out);
    }
    if (cap && cap->has_packet) {
        fputs(",\"src\":", out);
        json_str(out, cap->src);
        fputs(",\"dst\":", out);
        json_str(out, cap->dst);
    } else {
        fputs(",\"src\":null,\"dst\":null", out);
    }
    if (has_pos)
        fprintf(out, ",\"line\":%lu,\"column\":%lu", line, col);
    else
        fputs(",\"line\":null,\"column\":null", out);
    fprintf(out, ",\"severity\":\"%s\",\"code\":", sev_name[sev]);
    json_str(out, code);
    fputs(",\"header\":", out);
    if (header.p && header.len > 0)
        json_strn(out, header.p, header.len);
    else
        fputs("null", out);
    fputs(",\"reason\":", out);
    json_str(out, reason);
    fputs("}\n", out);
}

void cli_report(const struct cli_where *w, size_t off, enum cli_severity sev,
                const char *code, sipw_str header, const char *reason)
{
    unsigned long line = 0, col = 0;
    int has_pos = w->data != NULL;
    char mapped[512];
    FILE *out = stderr;
    const struct cli_cap *cap = w->cap;
    int color = cli_out.color;

    cli_progress_clear();
    count_code(code, sev);
    reason = cli_lib_reason(reason, mapped, sizeof mapped);
    if (has_pos)
        position(w, off, &line, &col);
    if (cli_out.format == CLI_FMT_JSON) {
        json_diag(w->file, cap, has_pos, line, col, sev, code, header, reason);
        return;
    }
    if (color)
        fputs(C_BOLD, out);
    fputs(w->file, out);
    if (cap && cap->frame) {
        fprintf(out, ":frame %" PRIu64, cap->frame);
        if (cap->has_packet || cap->has_time) {
            char when[64];
            cli_format_time(when, sizeof when, cap->sec, cap->nsec);
            if (cap->has_packet)
                fprintf(out, " (%s %s -> %s)", when, cap->src, cap->dst);
            else
                fprintf(out, " (%s)", when);
        }
    }
    if (has_pos)
        fprintf(out, ":%lu:%lu", line, col);
    fputs(":", out);
    if (color)
        fputs(C_OFF, out);
    fprintf(out, " %s%s:%s ",
            color ? (sev == CLI_SEV_ERROR ? C_RED : C_MAGENTA) : "",
            sev_name[sev], color ? C_OFF : "");
    if (header.p && header.len > 0 && header.len < 256)
        fprintf(out, "%.*s: ", (int)header.len, header.p);
    fprintf(out, "%s\n", reason ? reason : "");
}

static void verror_file(const char *file, const char *code, const char *fmt,
                        va_list ap)
{
    char text[1024];

    cli_progress_clear();
    vsnprintf(text, sizeof text, fmt, ap);
    if (cli_out.format == CLI_FMT_JSON) {
        json_diag(file, NULL, 0, 0, 0, CLI_SEV_ERROR, code,
                  (sipw_str){NULL, 0}, text);
        return;
    }
    if (file)
        fprintf(stderr, "%s: %s: %s\n", cli_progname, file, text);
    else
        fprintf(stderr, "%s: %s\n", cli_progname, text);
}

void cli_error_file(const char *file, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror_file(file, code, fmt, ap);
    va_end(ap);
}

void cli_fatal(const char *file, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror_file(file, code, fmt, ap);
    va_end(ap);
    exit(CLI_USAGE);
}

void *cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        cli_fatal(NULL, "ENOMEM", "out of memory (%zu bytes)", n);
    return q;
}

void cli_diag(const struct cli_input *in, size_t offset, const char *kind,
              const char *code, sipw_str header, const char *reason)
{
    struct cli_where w;
    memset(&w, 0, sizeof w);
    w.file = in->name;
    w.data = in->data;
    w.len = in->len;
    w.line0 = 1;
    cli_report(&w, offset,
               strcmp(kind, "warning") == 0 ? CLI_SEV_WARNING : CLI_SEV_ERROR,
               code, header, reason);
}

int cli_flush_stdout(const char *cmd)
{
    static int reported;
    int failed = fflush(stdout) != 0 || ferror(stdout);
    if (failed && !reported) {
        int e = errno;
        reported = 1;
        cli_error_file(NULL, "EIO", "%s: error writing standard output: %s",
                       cmd, e ? strerror(e) : "write error");
    }
    return failed ? -1 : 0;
}

/* --- progress ---------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double t_start, t_last;
static int shown;

void cli_progress(const char *file, uint64_t records, unsigned long messages,
                  uint64_t bytes)
{
    double t;
    if (!cli_out.progress)
        return;
    /* A read of the vDSO clock: cheap enough for every record. */
    t = now();
    if (t_start == 0) {
        t_start = t;
        return;
    }
    if (t - t_start < 1.0 || t - t_last < 0.2)
        return;
    t_last = t;
    if (records)
        fprintf(stderr, "\r%s: %s: %" PRIu64 " records, %lu messages\033[K",
                cli_progname, file, records, messages);
    else if (bytes < (10u << 20))
        fprintf(stderr, "\r%s: %s: %" PRIu64 " kB, %lu messages\033[K",
                cli_progname, file, bytes >> 10, messages);
    else
        fprintf(stderr, "\r%s: %s: %" PRIu64 " MB, %lu messages\033[K",
                cli_progname, file, bytes >> 20, messages);
    shown = 1;
}

void cli_progress_clear(void)
{
    if (shown) {
        fputs("\r\033[K", stderr);
        shown = 0;
    }
}
