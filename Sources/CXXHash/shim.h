// The C side of the xxHash boundary. Only Sources/Pipeline/State/ContentHasher.swift imports this
// module.
#ifndef DRAGNET_CXXHASH_SHIM_H
#define DRAGNET_CXXHASH_SHIM_H

#include <xxhash.h>

#endif
