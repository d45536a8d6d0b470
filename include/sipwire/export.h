/* SPDX-License-Identifier: MIT */
/* sipwire: symbol visibility.
 *
 * The library is built with -fvisibility=hidden, so only declarations
 * marked SIPW_API can be exported; the linker version script
 * src/libsipwire.sym then names each exported symbol (no pattern), so a
 * new SIPW_API function is also listed there. tests/check-exports.sh
 * fails when the SIPW_API declarations, that list and the shared
 * library's dynamic symbols are not the same set. */
#ifndef SIPWIRE_EXPORT_H
#define SIPWIRE_EXPORT_H

#if defined(SIPW_BUILDING) && defined(__GNUC__)
#define SIPW_API __attribute__((visibility("default")))
#else
#define SIPW_API
#endif

#endif
