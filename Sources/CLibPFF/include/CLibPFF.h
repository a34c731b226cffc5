// The C side of the libpff boundary (its header from Debian libpff-dev). Only
// Sources/Outlook/PST/LibPFFFile.swift imports this module.
//
// libpff is not linked: it is loaded (libpff.so.1) when the first file that needs it is met, so that a
// run without such a file does not map it, and the libraries it needs, at every start. Its functions
// are reached through dragnet_libpff(), a table with one pointer per function Dragnet calls, each of
// the type the library's header declares (the compiler checks every call against it).
#ifndef DRAGNET_CLIBPFF_H
#define DRAGNET_CLIBPFF_H

// The Debian headers announce libbfio (file I/O handles) without shipping its header; Dragnet opens
// files by path only, so the handle-based functions stay out of view.
#include <libpff/features.h>
#undef LIBPFF_HAVE_BFIO

#include <libpff.h>

/// The functions of libpff Dragnet calls.
#define DRAGNET_LIBPFF_FUNCTIONS(X) \
    X(libpff_attachment_data_read_buffer) \
    X(libpff_attachment_data_seek_offset) \
    X(libpff_attachment_get_data_size) \
    X(libpff_attachment_get_item) \
    X(libpff_attachment_get_type) \
    X(libpff_error_free) \
    X(libpff_error_sprint) \
    X(libpff_file_close) \
    X(libpff_file_free) \
    X(libpff_file_get_ascii_codepage) \
    X(libpff_file_get_encryption_type) \
    X(libpff_file_get_message_store) \
    X(libpff_file_get_number_of_recovered_items) \
    X(libpff_file_get_recovered_item_by_index) \
    X(libpff_file_get_root_folder) \
    X(libpff_file_initialize) \
    X(libpff_file_is_corrupted) \
    X(libpff_file_open) \
    X(libpff_file_recover_items) \
    X(libpff_folder_get_number_of_sub_folders) \
    X(libpff_folder_get_number_of_sub_messages) \
    X(libpff_folder_get_sub_folder) \
    X(libpff_folder_get_sub_message) \
    X(libpff_folder_get_utf8_name) \
    X(libpff_folder_get_utf8_name_size) \
    X(libpff_item_free) \
    X(libpff_item_get_identifier) \
    X(libpff_item_get_number_of_record_sets) \
    X(libpff_item_get_record_set_by_index) \
    X(libpff_message_get_attachment) \
    X(libpff_message_get_number_of_attachments) \
    X(libpff_message_get_recipients) \
    X(libpff_record_entry_free) \
    X(libpff_record_entry_get_data) \
    X(libpff_record_entry_get_data_size) \
    X(libpff_record_entry_get_entry_type) \
    X(libpff_record_entry_get_value_type) \
    X(libpff_record_set_free) \
    X(libpff_record_set_get_entry_by_index) \
    X(libpff_record_set_get_number_of_entries)

#define DRAGNET_FUNCTION_POINTER(name) __typeof__(name) *_Nonnull name;
struct dragnet_libpff_api {
    DRAGNET_LIBPFF_FUNCTIONS(DRAGNET_FUNCTION_POINTER)
};
#undef DRAGNET_FUNCTION_POINTER

/// The functions, loaded on the first call (from any thread); NULL when libpff.so.1 cannot be
/// loaded (not installed) or lacks one of them.
const struct dragnet_libpff_api *_Nullable dragnet_libpff(void);

#endif
