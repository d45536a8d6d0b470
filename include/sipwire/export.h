/* sipwire: symbol visibility.
 *
 * The library is built with -fvisibility=hidden; only declarations marked
 * SIPW_API are exported. The linker version script src/libsipwire.sym
 * lets out the sipw_* names (internal helpers are sipw__* and hidden),
 * and tests/check-exports.sh fails when the exported symbols and the
 * SIPW_API declarations of the public headers drift apart. */
#ifndef SIPWIRE_EXPORT_H
#define SIPWIRE_EXPORT_H

#if defined(SIPW_BUILDING) && defined(__GNUC__)
#define SIPW_API __attribute__((visibility("default")))
#else
#define SIPW_API
#endif

#endif
