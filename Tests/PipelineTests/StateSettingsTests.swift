import Testing
import Ingest
import MIME
import Outlook
@testable import Pipeline

/// The settings name every limit as `String(describing:)` does: written out by hand for speed, a
/// limit added to a type and not to its description would let a run with another value reuse outcomes.
struct StateSettingsTests {
    @Test func limitsAreDescribedAsReflectionDescribesThem() {
        var parser = ParserLimits()
        parser.maxNestingDepth = 7
        parser.maxParts = 11
        parser.maxHeaderBlockBytes = 13
        parser.maxLineLength = 17
        parser.maxDecodedBytes = 19
        parser.maxCMSNestingDepth = 23
        var archives = ArchiveLimits()
        archives.maxDepth = 2
        archives.maxMembers = 3
        archives.maxMemberBytes = 5
        archives.maxTotalBytes = 7
        archives.maxRatio = 11
        archives.ratioCheckedAfterBytes = 13
        var outlook = OutlookReadOptions()
        outlook.includeRecovered = true
        outlook.maxAttachmentBytes = 3
        outlook.maxEmbeddingDepth = 5
        outlook.maxFolderDepth = 7
        outlook.maxAttachments = 11
        for (described, reflected) in [
            (StateSettings.describe(parser), String(describing: parser)), (StateSettings.describe(ParserLimits()), String(describing: ParserLimits())),
            (StateSettings.describe(archives), String(describing: archives)), (StateSettings.describe(ArchiveLimits()), String(describing: ArchiveLimits())),
            (StateSettings.describe(outlook), String(describing: outlook)),
            (StateSettings.describe(OutlookReadOptions()), String(describing: OutlookReadOptions())),
        ] {
            #expect(described == reflected)
        }
    }

    @Test func theSettingsTextNamesEachLimit() {
        var options = ParserOptions()
        options.limits.maxParts = 12_345
        var archives = ArchiveLimits()
        archives.maxRatio = 321
        var outlook = OutlookReadOptions()
        outlook.maxAttachments = 77
        let settings = StateSettings(
            toolVersion: "9.9", includeSnippets: false, mailboxHint: "A@B.C", options: options, archiveLimits: archives, outlookOptions: outlook,
            contextDigest: "cafe")
        let text = settings.text
        #expect(text.contains("maxParts: 12345"))
        #expect(text.contains("maxRatio: 321"))
        #expect(text.contains("maxAttachments: 77"))
        #expect(text.contains("mailbox=a@b.c;"))
        #expect(text.hasSuffix(";context=cafe"))
        #expect(settings != StateSettings(
            toolVersion: "9.9", includeSnippets: false, mailboxHint: "A@B.C", options: ParserOptions(), archiveLimits: archives, outlookOptions: outlook,
            contextDigest: "cafe"))
    }
}
