// The C boundary for PST/OST files: the only file that imports CLibPFF.
private import CLibPFF

/// libpff's explanation of a failed call (its last, most specific line).
struct PFFFailure: Error {
    var message: String
}

/// A PST/OST file opened read-only through libpff. Owns the libpff file handle; items opened from
/// it keep it alive. Used from one thread at a time.
final class LibPFFFile {
    fileprivate var handle: UnsafeMutablePointer<libpff_file_t>?

    init(path: String) throws(OutlookFileError) {
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard loadedLibpff != nil else {
            throw OutlookFileError(
                code: .unreadable, message: "cannot be read: libpff (libpff.so.1, Debian package libpff1) is not installed", path: path)
        }
        guard pff.libpff_file_initialize(&handle, &error) == 1 else {
            throw OutlookFileError(code: .unreadable, message: "libpff could not start (\(Self.consume(&error)))", path: path)
        }
        guard pff.libpff_file_open(handle, path, Int32(LIBPFF_ACCESS_FLAG_READ.rawValue), &error) == 1 else {
            let reason = Self.consume(&error)
            _ = pff.libpff_file_free(&handle, nil)
            throw OutlookFileError(code: .unreadable, message: "not a readable PST/OST file (\(reason))", path: path)
        }
    }

    deinit {
        _ = pff.libpff_file_close(handle, nil)
        _ = pff.libpff_file_free(&handle, nil)
    }

    /// The code page of the file's 8-bit strings (libpff's default: windows-1252).
    var asciiCodepage: Int {
        var codepage: Int32 = 1252
        _ = pff.libpff_file_get_ascii_codepage(handle, &codepage, nil)
        return Int(codepage)
    }

    /// 0 none, 1 compressible, 2 high.
    var encryptionType: UInt8 {
        var type: UInt8 = 0
        _ = pff.libpff_file_get_encryption_type(handle, &type, nil)
        return type
    }

    /// Whether libpff found damage while opening the file.
    var isCorrupted: Bool { pff.libpff_file_is_corrupted(handle, nil) == 1 }

    /// The message store's properties (display name, password checksum, IPM subtree).
    func messageStore(maxValueBytes: Int) -> PropertyBag? {
        var item: UnsafeMutablePointer<libpff_item_t>?
        guard pff.libpff_file_get_message_store(handle, &item, nil) == 1, item != nil else { return nil }
        let store = PFFItem(handle: item, file: self)
        return try? store.properties(defaultCodepage: asciiCodepage, maxValueBytes: maxValueBytes).bag
    }

    func rootFolder() throws(PFFFailure) -> PFFItem {
        var item: UnsafeMutablePointer<libpff_item_t>?
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_file_get_root_folder(handle, &item, &error) == 1, item != nil else {
            throw PFFFailure(message: error == nil ? "libpff finds no root folder" : Self.consume(&error))
        }
        return PFFItem(handle: item, file: self)
    }

    /// Scans unallocated space for deleted items; returns how many libpff recovered.
    func recoverItems() throws(PFFFailure) -> Int {
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_file_recover_items(handle, 0, &error) == 1 else { throw PFFFailure(message: Self.consume(&error)) }
        var count: Int32 = 0
        guard pff.libpff_file_get_number_of_recovered_items(handle, &count, &error) == 1 else { throw PFFFailure(message: Self.consume(&error)) }
        return Int(count)
    }

    func recoveredItem(at index: Int) throws(PFFFailure) -> PFFItem {
        var item: UnsafeMutablePointer<libpff_item_t>?
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_file_get_recovered_item_by_index(handle, Int32(index), &item, &error) == 1, item != nil else {
            throw PFFFailure(message: Self.consume(&error))
        }
        return PFFItem(handle: item, file: self)
    }

    /// libpff's message for `error` (its last line), freeing it.
    fileprivate static func consume(_ error: inout UnsafeMutablePointer<libpff_error_t>?) -> String {
        guard error != nil else { return "no reason given" }
        var buffer = [CChar](repeating: 0, count: 2048)
        _ = pff.libpff_error_sprint(error, &buffer, buffer.count)
        pff.libpff_error_free(&error)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).last.map(String.init) ?? text
    }
}

/// One libpff item (a folder, a message, an attachment, a recipient table), freed when released.
final class PFFItem {
    private var handle: UnsafeMutablePointer<libpff_item_t>?
    /// Keeps the file open while the item lives.
    private let file: LibPFFFile

    fileprivate init(handle: UnsafeMutablePointer<libpff_item_t>?, file: LibPFFFile) {
        self.handle = handle
        self.file = file
    }

    deinit { _ = pff.libpff_item_free(&handle, nil) }

    enum AttachmentKind {
        case data, item, reference, undefined
    }

    /// The item's descriptor identifier (what `pffexport` and `pffinfo` name it by).
    var identifier: UInt32? {
        var value: UInt32 = 0
        return pff.libpff_item_get_identifier(handle, &value, nil) == 1 ? value : nil
    }

    /// A folder's name (UTF-8), or `nil`.
    var folderName: String? {
        var size = 0
        guard pff.libpff_folder_get_utf8_name_size(handle, &size, nil) == 1, size > 0, size < 1 << 16 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        guard pff.libpff_folder_get_utf8_name(handle, &bytes, size, nil) == 1 else { return nil }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    func subFolderCount() throws(PFFFailure) -> Int {
        try count { pff.libpff_folder_get_number_of_sub_folders($0, $1, $2) }
    }

    func subFolder(at index: Int) throws(PFFFailure) -> PFFItem {
        try child(index) { pff.libpff_folder_get_sub_folder($0, $1, $2, $3) }
    }

    func messageCount() throws(PFFFailure) -> Int {
        try count { pff.libpff_folder_get_number_of_sub_messages($0, $1, $2) }
    }

    func message(at index: Int) throws(PFFFailure) -> PFFItem {
        try child(index) { pff.libpff_folder_get_sub_message($0, $1, $2, $3) }
    }

    func attachmentCount() throws(PFFFailure) -> Int {
        try count { pff.libpff_message_get_number_of_attachments($0, $1, $2) }
    }

    func attachment(at index: Int) throws(PFFFailure) -> PFFItem {
        try child(index) { pff.libpff_message_get_attachment($0, $1, $2, $3) }
    }

    /// The properties of the item's first record set. Values larger than `maxValueBytes` are left out
    /// and their tags returned; `skippingIDs` are never read (an attachment's data, read on its own).
    func properties(defaultCodepage: Int, maxValueBytes: Int, skippingIDs: Set<UInt16> = []) throws(PFFFailure) -> (bag: PropertyBag, tooLarge: [PropertyTag]) {
        var sets: Int32 = 0
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_item_get_number_of_record_sets(handle, &sets, &error) == 1 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        guard sets > 0 else { return (PropertyBag(defaultCodepage: defaultCodepage), []) }
        return try Self.recordSet(of: handle, index: 0, defaultCodepage: defaultCodepage, maxValueBytes: maxValueBytes, skippingIDs: skippingIDs)
    }

    /// The rows of a message's recipient table, each as a property bag (none when it has no table).
    func recipients(defaultCodepage: Int, maxValueBytes: Int) throws(PFFFailure) -> [PropertyBag] {
        var table: UnsafeMutablePointer<libpff_item_t>?
        var error: UnsafeMutablePointer<libpff_error_t>?
        let found = pff.libpff_message_get_recipients(handle, &table, &error)
        if found == -1 { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        guard found == 1, table != nil else { return [] }
        defer { _ = pff.libpff_item_free(&table, nil) }
        var sets: Int32 = 0
        guard pff.libpff_item_get_number_of_record_sets(table, &sets, &error) == 1 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        var rows: [PropertyBag] = []
        for index in 0 ..< max(0, sets) {
            rows.append(try Self.recordSet(of: table, index: index, defaultCodepage: defaultCodepage, maxValueBytes: maxValueBytes, skippingIDs: []).bag)
        }
        return rows
    }

    var attachmentKind: AttachmentKind {
        var type: Int32 = 0
        guard pff.libpff_attachment_get_type(handle, &type, nil) == 1 else { return .undefined }
        switch type {
        case Int32(LIBPFF_ATTACHMENT_TYPE_DATA.rawValue): return .data
        case Int32(LIBPFF_ATTACHMENT_TYPE_ITEM.rawValue): return .item
        case Int32(LIBPFF_ATTACHMENT_TYPE_REFERENCE.rawValue): return .reference
        default: return .undefined
        }
    }

    /// The size libpff declares for an attachment's data.
    func attachmentDataSize() throws(PFFFailure) -> UInt64 {
        var size: UInt64 = 0
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_attachment_get_data_size(handle, &size, &error) == 1 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        return size
    }

    /// Reads `count` bytes of an attachment's data from its start.
    func attachmentData(count: Int) throws(PFFFailure) -> [UInt8] {
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_attachment_data_seek_offset(handle, 0, SEEK_SET, &error) == 0 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBufferPointer { buffer in
                pff.libpff_attachment_data_read_buffer(handle, buffer.baseAddress! + filled, buffer.count - filled, &error)
            }
            if read < 0 { throw PFFFailure(message: LibPFFFile.consume(&error)) }
            if read == 0 { break }
            filled += read
        }
        if filled < count { bytes.removeSubrange(filled...) }
        return bytes
    }

    /// The message an attachment holds (attachment kind `.item`).
    func attachedItem() throws(PFFFailure) -> PFFItem {
        var item: UnsafeMutablePointer<libpff_item_t>?
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_attachment_get_item(handle, &item, &error) == 1, item != nil else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        return PFFItem(handle: item, file: file)
    }

    // MARK: Helpers

    private func count(_ call: (UnsafeMutablePointer<libpff_item_t>?, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<libpff_error_t>?>) -> Int32) throws(PFFFailure) -> Int {
        var value: Int32 = 0
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard call(handle, &value, &error) == 1 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        return Int(max(0, value))
    }

    private func child(
        _ index: Int,
        _ call: (UnsafeMutablePointer<libpff_item_t>?, Int32, UnsafeMutablePointer<UnsafeMutablePointer<libpff_item_t>?>, UnsafeMutablePointer<UnsafeMutablePointer<libpff_error_t>?>) -> Int32
    ) throws(PFFFailure) -> PFFItem {
        var item: UnsafeMutablePointer<libpff_item_t>?
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard call(handle, Int32(index), &item, &error) == 1, item != nil else {
            throw PFFFailure(message: error == nil ? "libpff returned no item" : LibPFFFile.consume(&error))
        }
        return PFFItem(handle: item, file: file)
    }

    private static func recordSet(
        of item: UnsafeMutablePointer<libpff_item_t>?, index: Int32, defaultCodepage: Int, maxValueBytes: Int, skippingIDs: Set<UInt16>
    ) throws(PFFFailure) -> (bag: PropertyBag, tooLarge: [PropertyTag]) {
        var set: UnsafeMutablePointer<libpff_record_set_t>?
        var error: UnsafeMutablePointer<libpff_error_t>?
        guard pff.libpff_item_get_record_set_by_index(item, index, &set, &error) == 1 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        defer { _ = pff.libpff_record_set_free(&set, nil) }
        var entries: Int32 = 0
        guard pff.libpff_record_set_get_number_of_entries(set, &entries, &error) == 1 else { throw PFFFailure(message: LibPFFFile.consume(&error)) }
        var bag = PropertyBag(defaultCodepage: defaultCodepage)
        var tooLarge: [PropertyTag] = []
        for entryIndex in 0 ..< max(0, entries) {
            var entry: UnsafeMutablePointer<libpff_record_entry_t>?
            guard pff.libpff_record_set_get_entry_by_index(set, entryIndex, &entry, nil) == 1, entry != nil else { continue }
            defer { _ = pff.libpff_record_entry_free(&entry, nil) }
            var id: UInt32 = 0
            var type: UInt32 = 0
            guard pff.libpff_record_entry_get_entry_type(entry, &id, nil) == 1, pff.libpff_record_entry_get_value_type(entry, &type, nil) == 1 else { continue }
            let tag = PropertyTag(UInt16(truncatingIfNeeded: id), PropertyType(rawValue: UInt16(truncatingIfNeeded: type)))
            guard !skippingIDs.contains(tag.id) else { continue }
            var size = 0
            guard pff.libpff_record_entry_get_data_size(entry, &size, nil) == 1 else { continue }
            if size > maxValueBytes {
                tooLarge.append(tag)
                continue
            }
            var bytes = [UInt8](repeating: 0, count: size)
            if size > 0 {
                guard pff.libpff_record_entry_get_data(entry, &bytes, size, nil) == 1 else { continue }
            }
            bag[tag] = bytes
        }
        return (bag, tooLarge)
    }
}
extension PFFItem: FolderNode {}

/// libpff's functions, loaded when the first PST/OST file is opened (a global: on first use); nil when it
/// is not installed.
nonisolated(unsafe) private let loadedLibpff = dragnet_libpff()
/// Every handle was made once they were loaded (checked where files are opened).
private var pff: dragnet_libpff_api { unsafe loadedLibpff!.pointee }
