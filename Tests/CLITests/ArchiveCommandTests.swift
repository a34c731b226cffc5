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

    @Test func validateCountsSideFilesAsNoMessages() throws {
        let result = try Dragnet.run(["validate", "--format", "json", "Fixtures/layouts/thunderbird"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let mailboxes = try #require(report["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.count == 1)
        #expect(mailboxes.first?["messages"] as? Int == 5)
    }
}
