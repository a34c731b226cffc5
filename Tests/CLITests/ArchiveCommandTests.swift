import Foundation
import Testing

/// Archives through the command line (§3.3): member paths in `inspect`, archive errors on stderr and
/// exit status 3.
@Suite
struct ArchiveCommandTests {
    @Test func inspectShowsMembersWithTheirArchivePath() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/layouts/handoff/nested.zip", "Fixtures/layouts/handoff/reported.eml.gz"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let paths = result.stdout.split(separator: "\n").compactMap { line -> String? in
            let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (record?["source"] as? [String: Any])?["path"] as? String
        }
        #expect(paths == [
            "Fixtures/layouts/handoff/nested.zip!/batch-2/inner.tar.gz!/Inbox/deep.eml", "Fixtures/layouts/handoff/nested.zip!/top.eml",
            "Fixtures/layouts/handoff/reported.eml.gz!/reported.eml",
        ])
    }

    @Test func encryptedAndBombArchivesAreErrorsWithExitStatusThree() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/layouts/hostile/encrypted.zip", "Fixtures/layouts/hostile/bomb.zip"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Fixtures/layouts/hostile/encrypted.zip!/secret.eml: error: [archive.encrypted-member] is encrypted"))
        #expect(result.stderr.contains("Fixtures/layouts/hostile/bomb.zip!/bomb.eml: error: [archive.ratio-exceeded]"))
        #expect(result.stdout.split(separator: "\n").count == 1, "the message before the bomb is read")
    }

    /// libarchive, libpff and libolecf are loaded when the first file that needs them is met: a machine
    /// without them runs, reads everything else, and says what it could not read and why (exit 3).
    /// Run where a mount namespace can hide the libraries (root); skipped elsewhere.
    @Test(.enabled(if: LibraryHiding.isPossible)) func withoutTheLibrariesArchivesAndOutlookFilesAreErrorsAndTheRestIsRead() throws {
        let result = try LibraryHiding.run(
            hiding: ["libarchive.so.13", "libpff.so.1", "libolecf.so.1"],
            ["inspect", "Fixtures/layouts/handoff/nested.zip", "Fixtures/outlook/phish.msg", "Fixtures/mime/01-simple-plain.eml"])
        #expect(result.status == 3)
        #expect(result.stderr.contains(
            "Fixtures/layouts/handoff/nested.zip: error: [archive.library-missing] cannot be read: libarchive (libarchive.so.13, Debian package libarchive13) is not installed"))
        #expect(result.stderr.contains("Fixtures/outlook/phish.msg: error: [outlook.unreadable] cannot be read: libolecf (libolecf.so.1"))
        #expect(result.stdout.contains("\"path\":\"Fixtures/mime/01-simple-plain.eml\""))
    }

    @Test func validateCountsSideFilesAsNoMessages() throws {
        let result = try Dragnet.run(["validate", "--format", "json", "Fixtures/layouts/thunderbird"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let mailboxes = try #require(report["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.count == 1)
        #expect(mailboxes.first?["messages"] as? Int == 5)
    }
}

/// Runs `dragnet` in a mount namespace of its own where some shared libraries read as empty files
/// (`unshare -m`, then a bind mount of /dev/null over each): as on a machine without them.
enum LibraryHiding {
    static let isPossible: Bool = (try? unshare(["true"]).status) == 0

    static func run(hiding libraries: [String], _ arguments: [String]) throws -> Dragnet.Result {
        var script = "set -e; "
        for library in libraries {
            script += "mount --bind /dev/null \"$(ldconfig -p | awk '$1 == \"\(library)\" { print $NF; exit }')\"; "
        }
        script += "exec \"$0\" \"$@\""
        return try unshare(["sh", "-c", script, Dragnet.executable.path] + arguments)
    }

    private static func unshare(_ command: [String]) throws -> Dragnet.Result {
        try Dragnet.run(program: URL(fileURLWithPath: "/usr/bin/unshare"), ["-m"] + command)
    }
}
