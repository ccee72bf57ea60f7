/*
 * libflow/version.h - compile-time and run-time version information.
 *
 * The three FLOW_VERSION_* macros are the single source of the library
 * version: the build system reads them to set the shared-library VERSION and
 * SONAME (libflow.so.0.MINOR while MAJOR is 0, libflow.so.MAJOR afterwards).
 */
#ifndef LIBFLOW_VERSION_H
#define LIBFLOW_VERSION_H

#include "libflow/common.h"

#define FLOW_VERSION_MAJOR 0
#define FLOW_VERSION_MINOR 2
#define FLOW_VERSION_PATCH 0

/* MAJOR*10000 + MINOR*100 + PATCH, comparable with flow_version_number(). */
#define FLOW_VERSION_NUMBER                                                                        \
    (FLOW_VERSION_MAJOR * 10000 + FLOW_VERSION_MINOR * 100 + FLOW_VERSION_PATCH)

/*
 * ABI generation. Bumped whenever an exported symbol is removed or changes
 * meaning (signatures never change: a _v2 is added instead). Bindings refuse
 * an ABI generation they were not written for.
 */
#define FLOW_ABI_VERSION 2

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 * Returns a static string; never NULL. Thread-safe.
 */
FLOW_API const char *flow_version_string(void);

/* FLOW_VERSION_NUMBER of the library actually loaded. Thread-safe. */
FLOW_API int flow_version_number(void);

/* FLOW_ABI_VERSION of the library actually loaded. Thread-safe. */
FLOW_API int flow_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_VERSION_H */
