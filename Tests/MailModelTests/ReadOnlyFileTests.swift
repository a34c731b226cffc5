import Foundation
import Testing
import MailModel

@Suite
struct ReadOnlyFileTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-readonly-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func readsWholeFilesAndPrefixes() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.eml")
        try Data("Subject: hi\n\nbody\n".utf8).write(to: file)
        #expect(try ReadOnlyFile.read(file.path) == Array("Subject: hi\n\nbody\n".utf8))
        #expect(try ReadOnlyFile.readPrefix(file.path, count: 7) == Array("Subject".utf8))
        let (head, isWhole) = try ReadOnlyFile.read(file.path, wholeUpTo: 4, prefix: 3)
        #expect(head == Array("Sub".utf8) && !isWhole)
        #expect(try ReadOnlyFile.read(file.path, wholeUpTo: 100, prefix: 3).isWhole)
        let empty = dir.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(try ReadOnlyFile.read(empty.path).isEmpty)
    }

    @Test func failuresSayWhy() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big")
        try Data(repeating: 0x41, count: 100).write(to: file)
        func kind(_ path: String, maxBytes: Int = .max) -> ReadOnlyFile.Failure.Kind? {
            do {
                _ = try ReadOnlyFile.read(path, maxBytes: maxBytes)
                return nil
            } catch {
                return error.kind
            }
        }
        #expect(kind(dir.appendingPathComponent("missing").path) == .notFound)
        #expect(kind(dir.path) == .isFolder)
        #expect(kind(file.path, maxBytes: 99) == .tooLarge)
        #expect(kind(file.path, maxBytes: 100) == nil)
        #expect(ReadOnlyFile.reason(errno: ENOENT) == "no such file")
        #expect(ReadOnlyFile.reason(errno: EACCES) == "permission denied")
    }
}
