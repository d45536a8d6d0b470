/* SPDX-License-Identifier: MIT */
/* sipwire: parameter lists (";name=value" after a URI or a header value).
 *
 * Typed headers pick out the parameters that stacks act on (Via branch,
 * From/To tag...) and keep the whole list as one raw slice, so parsing
 * never allocates per parameter. These functions walk such a slice. */
#ifndef SIPWIRE_PARAMS_H
#define SIPWIRE_PARAMS_H

#include <sipwire/export.h>
#include <sipwire/str.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One parameter. Slices point into the parsed buffer. */
typedef struct sipw_param {
    sipw_str name;   /* as written (compare with sipw_str_caseeq) */
    sipw_str value;  /* as written; {NULL, 0} when there is no "=value" */
    int quoted;      /* value was a quoted-string: `value` is what lies
                      * between the quotes and may hold "\" escapes; read
                      * it with sipw_str_unquote() */
} sipw_param;

/* Walks a parameter list that the parser produced (the `params` slice of
 * a sipw_uri, sipw_via, sipw_nameaddr...): ";a=1 ; b;c=\"x\"" in a
 * header, ";transport=tcp;lr" in a URI. Skips the ";" and any LWS (folds
 * included), fills *out with the next parameter, advances *rest just past
 * it (past the closing quote of a quoted value) and returns 1; returns 0
 * (and empties *rest) at the end. A URI parameter written "a=" has an
 * empty, non-NULL value; URI escapes ("%41") are kept (decode them with
 * sipw_uri_unescape()). The slice must come from the parser: other text
 * is not validated, though the walk never reads outside it and always
 * ends. */
SIPW_API int sipw_param_next(sipw_str *rest, sipw_param *out);

/* Finds the first parameter named `name` (a NUL-terminated string,
 * compared ASCII case-insensitively) in a parser-produced list. Returns 1
 * and fills *out (when not NULL), or 0 (also when name is NULL). */
SIPW_API int sipw_param_find(sipw_str params, const char *name,
                             sipw_param *out);

#ifdef __cplusplus
}
#endif

#endif
