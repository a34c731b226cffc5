import Foundation
import Testing
@testable import Ingest
import MailModel

/// Archives read in place (§3.3): zip, gzip, tar and compressed tar, nested archives, member paths
/// `archive!/inner/path`, and the hostile cases — bombs, encryption, traversal names, a gzip cut short,
/// a corrupt zip, nesting past the depth limit — each a diagnostic, never a crash or a silent skip.
@Suite
struct ArchiveReadingTests {
    static let handoff = Layouts.scan("handoff")
    static let hostile = Layouts.scan("hostile")

    static func paths(_ scan: Layouts.Scan) -> [String] { scan.messages.map { Layouts.relative($0.source.path) } }

    @Test func everyMessageInsideArchivesIsReadWithItsArchivePath() {
        #expect(Self.paths(Self.handoff) == [
            "handoff/Inbox.mbox.gz!/Inbox.mbox", "handoff/Inbox.mbox.gz!/Inbox.mbox",
            "handoff/apple-library.zip!/Library/Mail/V10/0D3B7A52-4C1E-4F8A-9D1B-2A6C9E8F1B01/INBOX.mbox/6C1F2E3D-8A9B-4C5D-9E0F-1A2B3C4D5E6F/Data/Messages/101.emlx",
            "handoff/apple-library.zip!/Library/Mail/V10/0D3B7A52-4C1E-4F8A-9D1B-2A6C9E8F1B01/INBOX.mbox/6C1F2E3D-8A9B-4C5D-9E0F-1A2B3C4D5E6F/Data/Messages/102.emlx",
            "handoff/apple-library.zip!/Library/Mail/V10/0D3B7A52-4C1E-4F8A-9D1B-2A6C9E8F1B01/INBOX.mbox/6C1F2E3D-8A9B-4C5D-9E0F-1A2B3C4D5E6F/Data/Messages/103.partial.emlx",
            "handoff/apple-library.zip!/Library/Mail/V10/0D3B7A52-4C1E-4F8A-9D1B-2A6C9E8F1B01/INBOX.mbox/6C1F2E3D-8A9B-4C5D-9E0F-1A2B3C4D5E6F/Data/Messages/104.partial.emlx",
            "handoff/apple-library.zip!/Library/Mail/V10/0D3B7A52-4C1E-4F8A-9D1B-2A6C9E8F1B01/Work.mbox/Projects.mbox/9A8B7C6D-5E4F-4321-8765-0FEDCBA98765/Data/2/Messages/2201.emlx",
            "handoff/apple-library.zip!/Library/Mail/V2/IMAP-dave@corp.example@imap.corp.example/INBOX.mbox/Messages/301.emlx",
            "handoff/bundle.tar!/Inbox/a.eml", "handoff/bundle.tar!/Junk/b.eml",
            "handoff/bundle.tar.bz2!/Inbox/a.eml", "handoff/bundle.tar.gz!/Inbox/a.eml", "handoff/bundle.tar.xz!/Inbox/a.eml",
            "handoff/evidence.zip!/ivan@corp.example/Inbox/lure.eml", "handoff/evidence.zip!/ivan@corp.example/Inbox/Vendors/lure2.eml",
            "handoff/nested.zip!/batch-2/inner.tar.gz!/Inbox/deep.eml", "handoff/nested.zip!/top.eml",
            "handoff/reported.eml.gz!/reported.eml",
        ])
        #expect(Self.handoff.unreadable.isEmpty)
        #expect(!Self.handoff.diagnostics.contains { $0.severity == .error })
        // A text file in the zip is reported by what it looks like.
        #expect(Self.handoff.unrecognised.map { Layouts.relative($0.path) } == ["handoff/evidence.zip!/notes.txt"])
        #expect(Self.handoff.unrecognised.first?.reason == "text without a mail header block")
    }

    @Test func archiveMembersGetTheirMailboxAndFolderFromTheirInnerPath() {
        let inbox = Self.handoff.message("Handoff zip inbox")
        #expect(inbox?.mailbox == "ivan@corp.example")
        #expect(inbox?.folder == "Inbox")
        #expect(Self.handoff.message("Handoff zip subfolder")?.folder == "Inbox/Vendors")
        #expect(Self.handoff.message("Handoff tar junk")?.folder == "Junk Email")
        #expect(Self.handoff.message("Handoff nested")?.folder == "Inbox")
        #expect(Self.handoff.message("Handoff mbox gz one")?.folder == "Inbox")
        #expect(Self.handoff.message("Handoff mbox gz two")?.source.index == 1)
        // Stored attachments of a partial Apple message are members too, surveyed before the message is read.
        let partial = Self.handoff.message("Apple partial with stored attachment")
        #expect(partial?.storedAttachments?.byPart["2"]?.first?.digests["sha256"] == "7e94b0b545aaed536f7a7a9e3e78a30827b709181ed9ebc17ea9031eebb4de55")
        #expect(partial?.storedAttachments?.byPart["2"]?.first?.size == 1057)
        #expect(partial?.folder == "Inbox")
        #expect(Self.handoff.message("Apple account folder")?.mailbox == "dave@corp.example")
    }

    @Test func aZipBombIsStoppedByTheRatioLimitAndWhatCameBeforeItIsRead() {
        #expect(Self.hostile.message("Hostile before bomb") != nil)
        let bomb = Self.hostile.codes("archive.ratio-exceeded")
        #expect(bomb.map { Layouts.relative($0.location.path) } == ["hostile/bomb.zip!/bomb.eml"])
        #expect(bomb.allSatisfy { $0.severity == .error })
        #expect(!Self.paths(Self.hostile).contains { $0.hasSuffix("bomb.eml") })
    }

    @Test func encryptedMembersAreReportedNeverRead() {
        let encrypted = Self.hostile.codes("archive.encrypted-member")
        #expect(encrypted.map { Layouts.relative($0.location.path) } == ["hostile/encrypted.zip!/secret.eml"])
        #expect(encrypted.first?.severity == .error)
        #expect(Self.hostile.message("Hostile encrypted") == nil)
    }

    @Test func pathTraversalNamesAreOnlyNames() {
        #expect(Self.paths(Self.hostile).filter { $0.contains("traversal") } == ["hostile/traversal.tar!/../../etc/evil.eml", "hostile/traversal.tar!/abs/evil.eml"])
        #expect(Self.hostile.codes("archive.member-name").count == 2)
        #expect(Self.hostile.codes("archive.member-name").allSatisfy { $0.severity == .note })
    }

    @Test func aGzipCutShortIsAnErrorAndWhatWasReadIsKept() {
        let cut = Self.hostile.codes("archive.truncated")
        #expect(cut.map { Layouts.relative($0.location.path) } == ["hostile/cut.mbox.gz!/cut.mbox"])
        #expect(cut.first?.severity == .error)
        #expect(Self.hostile.message("Hostile cut one")?.notes.isEmpty == true)
        // The message the cut falls in is partly read.
        let second = Self.hostile.message("Hostile cut two")
        #expect(second?.notes.map(\.code).contains("mbox.read-error") == true)
    }

    @Test func corruptDeepAndDocumentArchives() {
        #expect(Self.hostile.codes("archive.corrupt").map { Layouts.relative($0.location.path) } == ["hostile/corrupt.zip"])
        let deep = Self.hostile.codes("archive.too-deep")
        #expect(deep.map { Layouts.relative($0.location.path) } == ["hostile/deep.zip!/level4.zip!/level3.zip!/level2.zip!/level1.zip"])
        #expect(Self.hostile.message("Hostile too deep") == nil)
        #expect(Self.hostile.unrecognised.map { Layouts.relative($0.path) } == ["hostile/report.docx"])
        #expect(Self.hostile.unrecognised.first?.reason.hasPrefix("an Office Open XML document") == true)
    }

    @Test func deeperNestingIsReadWhenTheLimitAllowsIt() {
        var limits = ArchiveLimits()
        limits.maxDepth = 5
        let scan = Layouts.scan("hostile/deep.zip", limits: limits)
        #expect(Self.paths(scan) == ["hostile/deep.zip!/level4.zip!/level3.zip!/level2.zip!/level1.zip!/level0.eml"])
        limits.maxDepth = 1
        let shallow = Layouts.scan("handoff/nested.zip", limits: limits)
        #expect(Self.paths(shallow) == ["handoff/nested.zip!/top.eml"])
        #expect(shallow.codes("archive.too-deep").count == 1)
    }

    @Test func perMemberTotalAndMemberCountLimitsAreDiagnostics() {
        var limits = ArchiveLimits()
        limits.maxMemberBytes = 200
        let small = Layouts.scan("handoff/evidence.zip", limits: limits)
        #expect(small.messages.isEmpty)
        #expect(small.codes("archive.member-too-large").count == 2)
        #expect(small.codes("archive.member-too-large").allSatisfy { $0.severity == .error })

        limits = ArchiveLimits()
        limits.maxTotalBytes = 300
        let total = Layouts.scan("handoff/evidence.zip", limits: limits)
        #expect(total.messages.count == 1)
        #expect(total.codes("archive.total-too-large").count == 1)

        limits = ArchiveLimits()
        limits.maxMembers = 2
        let members = Layouts.scan("handoff/evidence.zip", limits: limits)
        #expect(members.messages.count == 2)
        #expect(members.codes("archive.too-many-members").count == 1)

        // A tar.gz past a limit stops: skipping the member would mean decompressing it.
        limits = ArchiveLimits()
        limits.maxMemberBytes = 100
        let tgz = Layouts.scan("handoff/bundle.tar.gz", limits: limits)
        #expect(tgz.codes("archive.member-too-large").count == 2)
    }

    @Test func theRatioLimitIsAnOption() {
        var limits = ArchiveLimits()
        limits.maxRatio = 5000
        let scan = Layouts.scan("hostile/bomb.zip", limits: limits)
        #expect(scan.codes("archive.ratio-exceeded").isEmpty)
        // 32 MiB of zeros are read, and are no message.
        #expect(scan.unrecognised.map { Layouts.relative($0.path) } == ["hostile/bomb.zip!/bomb.eml"])
        #expect(scan.unrecognised.first?.reason == "binary data")
        #expect(scan.messages.count == 1)
    }

    @Test func rawCompressedFilesAreNamedWithoutTheirExtension() {
        #expect(ArchiveSniff.memberName(ofCompressedFile: "x.eml.gz") == "x.eml")
        #expect(ArchiveSniff.memberName(ofCompressedFile: "Inbox.mbox.XZ") == "Inbox.mbox")
        #expect(ArchiveSniff.memberName(ofCompressedFile: "a.tgz") == "a.tar")
        #expect(ArchiveSniff.memberName(ofCompressedFile: "noext") == "noext")
        #expect(ArchiveSniff.isArchive([0x1F, 0x8B, 8, 0]))
        #expect(!ArchiveSniff.isArchive(Array("From: a@b.example\n".utf8)))
    }

    @Test func archivesAreSurveyedForTheirSideFilesAndMailboxes() throws {
        let path = Layouts.fixtures.appendingPathComponent("purview/Alice-phish-export.zip").path
        let reader = try LibArchiveReader(path: path)
        let hints = ArchiveSurvey.survey(reader, display: path, layout: LayoutPath(disk: path, root: path), limits: .default)
        #expect(hints.mailboxes == ["alice@corp.example"])
        #expect(hints.documentKind == nil)
    }
}
