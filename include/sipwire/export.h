/* sipwire: symbol visibility.
 *
 * The library is built with -fvisibility=hidden; only declarations marked
 * SIPW_API are exported. libsipwire.sym lists them and a test fails when
 * the two drift apart. */
#ifndef SIPWIRE_EXPORT_H
#define SIPWIRE_EXPORT_H

#if defined(SIPW_BUILDING) && defined(__GNUC__)
#define SIPW_API __attribute__((visibility("default")))
#else
#define SIPW_API
#endif

#endif
