/* SPDX-License-Identifier: MIT */
/* sipwire: a zero-copy parser and writer for SIP messages (RFC 3261).
 *
 * Include this header; it pulls in the rest. Conventions:
 * - every function and type starts with sipw_ / SIPW_;
 * - strings are sipw_str slices of the caller's buffer, never copies;
 * - memory comes from a caller-provided sipw_arena, never from malloc;
 * - functions that can fail return a sipw_status and fill a sipw_error. */
#ifndef SIPWIRE_H
#define SIPWIRE_H

#include <sipwire/arena.h>
#include <sipwire/auth.h>
#include <sipwire/build.h>
#include <sipwire/digest.h>
#include <sipwire/export.h>
#include <sipwire/hdr.h>
#include <sipwire/limits.h>
#include <sipwire/method.h>
#include <sipwire/msg.h>
#include <sipwire/status.h>
#include <sipwire/str.h>
#include <sipwire/version.h>
#include <sipwire/write.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version string at run time ("0.1.0"); compare with
 * SIPW_VERSION_STRING to detect a header/library mismatch. */
SIPW_API const char *sipw_version(void);

#ifdef __cplusplus
}
#endif

#endif
