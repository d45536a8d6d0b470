/* SPDX-License-Identifier: MIT */
/* sipwire fuzzing: seeds for each kind of target, cut out of SIP messages
 * (the files of tests/data). Used by fuzz/mkseeds.c, which writes a
 * target's seed corpus for fuzz/build.sh, and by the replay driver
 * (fuzz/replay.c), which feeds the same seeds to the targets in
 * `make check`. Needs nothing but libc: not the library under test. */
#ifndef SIPW_FUZZ_SEEDS_H
#define SIPW_FUZZ_SEEDS_H

#include <stddef.h>

/* Called once per seed; the bytes are valid during the call only. */
typedef void (*sipw_seed_fn)(void *ctx, const unsigned char *p, size_t n);

/* Calls fn for every seed of `kind` found in one message file buf[0..len):
 *   "msg"       the file as it is (a datagram);
 *   "frame"     fuzz_frame inputs: the file as one stream, cut in two, and
 *               twice in a row after keep-alive CRLFs;
 *   "uri"       the Request-URI and every <URI> of the header section;
 *   "via"       every Via value;
 *   "nameaddr"  every From, To, Contact, Route... value, after the
 *               fuzz_nameaddr flag byte that header needs;
 *   "auth"      every WWW-Authenticate, Proxy-Authenticate, Authorization,
 *               Proxy-Authorization and Authentication-Info value, after
 *               the fuzz_auth flag byte of its kind, and again with the
 *               lenient bit;
 *   "capture"   a pcap or pcapng file as it is, its first 16 KiB when it
 *               is longer; nothing from other files (fuzz_capture).
 * Header values are taken as written (folds kept), the LWS around them
 * dropped. Returns the number of seeds, or -1 for an unknown kind. */
long sipw_seeds(const char *kind, const unsigned char *buf, size_t len,
                sipw_seed_fn fn, void *ctx);

#endif
