// The C side of the libarchive boundary (its header from Debian libarchive-dev). Only
// Sources/Ingest/Archive/LibArchiveReader.swift imports this module.
//
// libarchive is not linked: it is loaded (libarchive.so.13) when the first file that needs it is met,
// so that a run without such a file does not map it, and the libraries it needs, at every start. Its
// functions are reached through dragnet_libarchive(), a table with one pointer per function Dragnet
// calls, each of the type the library's header declares (the compiler checks every call against it).
#ifndef DRAGNET_CLIBARCHIVE_H
#define DRAGNET_CLIBARCHIVE_H

#include <archive.h>
#include <archive_entry.h>

/// The functions of libarchive Dragnet calls.
#define DRAGNET_LIBARCHIVE_FUNCTIONS(X) \
    X(archive_entry_filetype) \
    X(archive_entry_hardlink) \
    X(archive_entry_is_encrypted) \
    X(archive_entry_pathname) \
    X(archive_entry_pathname_utf8) \
    X(archive_entry_size) \
    X(archive_entry_size_is_set) \
    X(archive_error_string) \
    X(archive_filter_bytes) \
    X(archive_filter_count) \
    X(archive_filter_name) \
    X(archive_format) \
    X(archive_format_name) \
    X(archive_read_data) \
    X(archive_read_data_skip) \
    X(archive_read_free) \
    X(archive_read_new) \
    X(archive_read_next_header) \
    X(archive_read_open_fd) \
    X(archive_read_open_memory) \
    X(archive_read_support_filter_bzip2) \
    X(archive_read_support_filter_compress) \
    X(archive_read_support_filter_gzip) \
    X(archive_read_support_filter_lzma) \
    X(archive_read_support_filter_xz) \
    X(archive_read_support_filter_zstd) \
    X(archive_read_support_format_all) \
    X(archive_read_support_format_raw)

#define DRAGNET_FUNCTION_POINTER(name) __typeof__(name) *_Nonnull name;
struct dragnet_libarchive_api {
    DRAGNET_LIBARCHIVE_FUNCTIONS(DRAGNET_FUNCTION_POINTER)
};
#undef DRAGNET_FUNCTION_POINTER

/// The functions, loaded on the first call (from any thread); NULL when libarchive.so.13 cannot be
/// loaded (not installed) or lacks one of them.
const struct dragnet_libarchive_api *_Nullable dragnet_libarchive(void);

#endif
