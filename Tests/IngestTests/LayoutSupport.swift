import Foundation
@testable import Ingest
import MailModel

/// Reads the layout fixtures (`Fixtures/layouts`, written by its `generate.py`).
enum Layouts {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures/layouts")

    /// Everything a scan of `relative` paths (below `Fixtures/layouts`) produces. Paths are absolute
    /// (tests run in parallel: no one changes the working folder); `relative(_:)` strips the prefix.
    struct Scan {
        var messages: [FoundMessage] = []
        var diagnostics: [Diagnostic] = []
        var unrecognised: [(path: String, reason: String)] = []
        var unreadable: [IngestError] = []

        /// The message whose subject line is `subject` (the fixtures give every message its own).
        func message(_ subject: String) -> FoundMessage? {
            messages.first { found in
                guard case .mime(let bytes) = found.content else { return false }
                return String(decoding: bytes, as: UTF8.self).contains("\nSubject: \(subject)\n")
            }
        }

        func codes(_ code: String) -> [Diagnostic] { diagnostics.filter { $0.code.rawValue == code } }
    }

    static func scan(_ relative: [String], mailboxHint: String? = nil, limits: ArchiveLimits = .default) -> Scan {
        let scan = ExportScan(paths: relative.map { fixtures.path + "/" + $0 }, mailboxHint: mailboxHint, archiveLimits: limits)
        var result = Scan()
        while let event = scan.next() {
            switch event {
            case .message(let found): result.messages.append(found)
            case .diagnostic(let d): result.diagnostics.append(d)
            case .unrecognised(let path, let reason): result.unrecognised.append((path, reason))
            case .unreadable(let error): result.unreadable.append(error)
            }
        }
        return result
    }

    /// A path below `Fixtures/layouts`, without the prefix.
    static func relative(_ path: String) -> String {
        path.hasPrefix(fixtures.path + "/") ? String(path.dropFirst(fixtures.path.count + 1)) : path
    }

    static func scan(_ relative: String, mailboxHint: String? = nil, limits: ArchiveLimits = .default) -> Scan {
        scan([relative], mailboxHint: mailboxHint, limits: limits)
    }
}
