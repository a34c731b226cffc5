// The C boundary for OLE2 compound files: the only file that imports CLibOLECF.
private import CLibOLECF

/// Reads an OLE2 compound file through libolecf (opened read-only) into a ``CompoundEntry`` tree.
enum LibOLECFFile {
    /// Limits on what is read.
    struct Limits {
        /// Bytes read per stream; a larger stream keeps its size and a `readProblem`.
        var maxStreamBytes: Int
        /// Entries read in all; the rest are left out (a `readProblem` on the storage).
        var maxEntries = 100_000
        /// Storage nesting.
        var maxDepth = 64
    }

    /// The whole tree of the file at `path`, streams with their bytes. `wantsData` sees the root's
    /// children's names first: when it says no (not an Outlook message), only names and sizes are read.
    static func read(path: String, limits: Limits, wantsData: ([String]) -> Bool) throws(OutlookFileError) -> (root: CompoundEntry, hasData: Bool) {
        var error: UnsafeMutablePointer<libolecf_error_t>?
        guard loadedLibolecf != nil else {
            throw OutlookFileError(
                code: .unreadable, message: "cannot be read: libolecf (libolecf.so.1, Debian package libolecf1) is not installed", path: path)
        }
        var file: UnsafeMutablePointer<libolecf_file_t>?
        guard olecf.libolecf_file_initialize(&file, &error) == 1 else {
            throw OutlookFileError(code: .unreadable, message: "libolecf could not start (\(consume(&error)))", path: path)
        }
        defer { _ = olecf.libolecf_file_free(&file, nil) }
        guard olecf.libolecf_file_open(file, path, Int32(LIBOLECF_ACCESS_FLAG_READ), &error) == 1 else {
            // libolecf's reason names the path; say it once.
            let reason = consume(&error).replacing(": \(path).", with: "").replacing(": \(path)", with: "")
            throw OutlookFileError(code: .unreadable, message: "not a readable OLE2 compound file: cut short or damaged (\(reason))", path: path)
        }
        defer { _ = olecf.libolecf_file_close(file, nil) }
        var root: UnsafeMutablePointer<libolecf_item_t>?
        guard olecf.libolecf_file_get_root_item(file, &root, &error) == 1, root != nil else {
            throw OutlookFileError(code: .unreadable, message: "the compound file has no root storage (\(consume(&error)))", path: path)
        }
        defer { _ = olecf.libolecf_item_free(&root, nil) }
        var budget = limits.maxEntries
        let names = childNames(root)
        let withData = wantsData(names)
        let tree = entry(root, depth: 0, limits: limits, withData: withData, budget: &budget)
        return (tree, withData)
    }

    private static func childNames(_ item: UnsafeMutablePointer<libolecf_item_t>?) -> [String] {
        var count: Int32 = 0
        guard olecf.libolecf_item_get_number_of_sub_items(item, &count, nil) == 1 else { return [] }
        var names: [String] = []
        for index in 0 ..< max(0, min(count, 10_000)) {
            var sub: UnsafeMutablePointer<libolecf_item_t>?
            guard olecf.libolecf_item_get_sub_item(item, index, &sub, nil) == 1 else { continue }
            names.append(name(sub))
            _ = olecf.libolecf_item_free(&sub, nil)
        }
        return names
    }

    private static func entry(
        _ item: UnsafeMutablePointer<libolecf_item_t>?, depth: Int, limits: Limits, withData: Bool, budget: inout Int
    ) -> CompoundEntry {
        var type: UInt8 = 0
        _ = olecf.libolecf_item_get_type(item, &type, nil)
        var size: UInt32 = 0
        _ = olecf.libolecf_item_get_size(item, &size, nil)
        let isStream = Int32(type) == Int32(LIBOLECF_ITEM_TYPE_STREAM.rawValue)
        var result = CompoundEntry(name: name(item), kind: isStream ? .stream : .storage, size: Int(size))
        if isStream {
            guard withData else { return result }
            if Int(size) > limits.maxStreamBytes {
                result.readProblem = "the stream holds \(size) bytes, more than the limit of \(limits.maxStreamBytes)"
                return result
            }
            var bytes = [UInt8](repeating: 0, count: Int(size))
            var error: UnsafeMutablePointer<libolecf_error_t>?
            let read = bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.isEmpty ? 0 : olecf.libolecf_stream_read_buffer_at_offset(item, buffer.baseAddress, buffer.count, 0, &error)
            }
            if read < 0 {
                result.readProblem = consume(&error)
            } else {
                if read < bytes.count {
                    result.readProblem = "the stream is cut short: \(read) of \(size) bytes"
                    bytes.removeSubrange(read...)
                }
                result.data = bytes
            }
            return result
        }
        guard depth < limits.maxDepth else {
            result.readProblem = "storages nest deeper than \(limits.maxDepth) levels"
            return result
        }
        var count: Int32 = 0
        var error: UnsafeMutablePointer<libolecf_error_t>?
        guard olecf.libolecf_item_get_number_of_sub_items(item, &count, &error) == 1 else {
            result.readProblem = consume(&error)
            return result
        }
        for index in 0 ..< max(0, count) {
            guard budget > 0 else {
                result.readProblem = "more entries than the limit of \(limits.maxEntries)"
                break
            }
            budget -= 1
            var sub: UnsafeMutablePointer<libolecf_item_t>?
            guard olecf.libolecf_item_get_sub_item(item, index, &sub, &error) == 1 else {
                result.readProblem = consume(&error)
                continue
            }
            result.children.append(entry(sub, depth: depth + 1, limits: limits, withData: withData, budget: &budget))
            _ = olecf.libolecf_item_free(&sub, nil)
        }
        return result
    }

    private static func name(_ item: UnsafeMutablePointer<libolecf_item_t>?) -> String {
        var size = 0
        guard olecf.libolecf_item_get_utf8_name_size(item, &size, nil) == 1, size > 0, size < 4096 else { return "" }
        var bytes = [UInt8](repeating: 0, count: size)
        guard olecf.libolecf_item_get_utf8_name(item, &bytes, size, nil) == 1 else { return "" }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// libolecf's message for `error` (its last line), freeing it.
    private static func consume(_ error: inout UnsafeMutablePointer<libolecf_error_t>?) -> String {
        guard error != nil else { return "no reason given" }
        var buffer = [CChar](repeating: 0, count: 1024)
        _ = olecf.libolecf_error_sprint(error, &buffer, buffer.count)
        olecf.libolecf_error_free(&error)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).last.map(String.init) ?? text
    }
}

/// libolecf's functions, loaded when the first .msg file is opened (a global: on first use); nil when it
/// is not installed.
nonisolated(unsafe) private let loadedLibolecf = dragnet_libolecf()
/// Every handle was made once they were loaded (checked where files are opened).
private var olecf: dragnet_libolecf_api { unsafe loadedLibolecf!.pointee }
