import Foundation
import Testing
import MailModel
@testable import Pipeline

/// ``FolderProbe`` gives what `stat` of the whole path gives, folder after folder, and nil for what
/// is not a regular file.
struct FolderProbeTests {
    @Test func identitiesByNameInTheirFolderAreThoseOfThePaths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folder-probe-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var paths: [String] = []
        for folder in ["a", "a/b", "c", "a"] {
            let url = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for index in 0..<3 {
                let file = url.appendingPathComponent("message-\(index)-\(folder.count)-\(paths.count).eml")
                try Data(repeating: UInt8(index), count: index * 10 + paths.count).write(to: file)
                paths.append(file.path)
            }
        }
        let probe = FolderProbe()
        for path in paths {
            let identity = try #require(probe.identity(of: path), "\(path)")
            #expect(identity == FileIdentity.of(path), "\(path)")
        }
        #expect(probe.identity(of: root.appendingPathComponent("a/missing.eml").path) == nil)
        #expect(probe.identity(of: root.appendingPathComponent("a/b").path) == nil, "a folder is not a file")
        #expect(probe.identity(of: root.appendingPathComponent("gone/x.eml").path) == nil, "a folder that cannot be opened")
        #expect(probe.identity(of: paths[0]) == FileIdentity.of(paths[0]), "back in the first folder")
    }
}
