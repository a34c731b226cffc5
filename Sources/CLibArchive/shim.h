// The C side of the libarchive boundary. Only Sources/Ingest/Archive/LibArchiveReader.swift imports
// this module.
#ifndef DRAGNET_CLIBARCHIVE_SHIM_H
#define DRAGNET_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

#endif
