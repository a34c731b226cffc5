// The C side of the xxHash boundary. Only Sources/Pipeline/State/ContentHasher.swift imports this
// module.
#ifndef DRAGNET_CXXHASH_SHIM_H
#define DRAGNET_CXXHASH_SHIM_H

#include <xxhash.h>
#if defined(__x86_64__)
// Debian builds the library for every x86-64, so its plain entry points use SSE2 only; these pick the
// widest vector code the CPU has (AVX2, AVX-512) at run time. The same hashes. Not its macros: Swift
// does not see them.
#define XXH_DISPATCH_DISABLE_REPLACE 1
#include <xxh_x86dispatch.h>
#endif

/// XXH3-128 of bytes at hand, by the fastest code this CPU runs.
static inline XXH128_hash_t dragnet_xxh3_128(const void *bytes, size_t count) {
#if defined(__x86_64__)
    return XXH3_128bits_dispatch(bytes, count);
#else
    return XXH3_128bits(bytes, count);
#endif
}

/// Adds bytes to a streaming XXH3-128, by the fastest code this CPU runs.
static inline XXH_errorcode dragnet_xxh3_128_update(XXH3_state_t *state, const void *bytes, size_t count) {
#if defined(__x86_64__)
    return XXH3_128bits_update_dispatch(state, bytes, count);
#else
    return XXH3_128bits_update(state, bytes, count);
#endif
}

#endif
