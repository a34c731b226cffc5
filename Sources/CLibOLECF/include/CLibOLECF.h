// The C side of the libolecf boundary (its header from Debian libolecf-dev). Only
// Sources/Outlook/MSG/LibOLECFFile.swift imports this module.
//
// libolecf is not linked: it is loaded (libolecf.so.1) when the first file that needs it is met, so
// that a run without such a file does not map it, and the libraries it needs, at every start. Its
// functions are reached through dragnet_libolecf(), a table with one pointer per function Dragnet
// calls, each of the type the library's header declares (the compiler checks every call against it).
#ifndef DRAGNET_CLIBOLECF_H
#define DRAGNET_CLIBOLECF_H

// The Debian headers announce libbfio (file I/O handles) without shipping its header; Dragnet opens
// files by path only, so the handle-based functions stay out of view.
#include <libolecf/features.h>
#undef LIBOLECF_HAVE_BFIO

#include <libolecf.h>

/// The functions of libolecf Dragnet calls.
#define DRAGNET_LIBOLECF_FUNCTIONS(X) \
    X(libolecf_error_free) \
    X(libolecf_error_sprint) \
    X(libolecf_file_close) \
    X(libolecf_file_free) \
    X(libolecf_file_get_root_item) \
    X(libolecf_file_initialize) \
    X(libolecf_file_open) \
    X(libolecf_item_free) \
    X(libolecf_item_get_number_of_sub_items) \
    X(libolecf_item_get_size) \
    X(libolecf_item_get_sub_item) \
    X(libolecf_item_get_type) \
    X(libolecf_item_get_utf8_name) \
    X(libolecf_item_get_utf8_name_size) \
    X(libolecf_stream_read_buffer_at_offset)

#define DRAGNET_FUNCTION_POINTER(name) __typeof__(name) *_Nonnull name;
struct dragnet_libolecf_api {
    DRAGNET_LIBOLECF_FUNCTIONS(DRAGNET_FUNCTION_POINTER)
};
#undef DRAGNET_FUNCTION_POINTER

/// The functions, loaded on the first call (from any thread); NULL when libolecf.so.1 cannot be
/// loaded (not installed) or lacks one of them.
const struct dragnet_libolecf_api *_Nullable dragnet_libolecf(void);

#endif
