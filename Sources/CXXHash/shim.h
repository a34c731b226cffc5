// The C side of the xxHash boundary. Only Sources/Pipeline/State/ContentHasher.swift imports this
// module.
#ifndef DRAGNET_CXXHASH_SHIM_H
#define DRAGNET_CXXHASH_SHIM_H

#include <xxhash.h>
#if defined(__x86_64__)
// The same hashes, by the widest vector code the CPU has (AVX2, AVX-512): Debian builds the library
// for every x86-64, whose plain entry points use SSE2 only. Not its macros: Swift calls these by name.
#define XXH_DISPATCH_DISABLE_REPLACE 1
#include <xxh_x86dispatch.h>
#endif

#endif
