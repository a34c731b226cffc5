import Testing
@testable import Ingest

/// The checks the first walk makes of every file name, on bytes: the same answers as the
/// Unicode-aware comparisons they replace.
struct FileNameRuleTests {
    static let names = [
        "prefs.js", "Prefs.JS", "prefs.jsx", "xprefs.js", ".mh_sequences", ".MH_PROFILE", "context", "Context", "contexts",
        "archive_browser.html", "ARCHIVE_BROWSER.HTML", "mailFolders.json", "MAILFOLDERS.JSON", "mailfolders.json.bak",
        "export-results-count.csv", "Export-Results-Count.CSV", "-results-count.csv", "results-count.csv", "",
        "0001.8f0b2f6b1d6c0c2f2c7e6c8a5f3b8a14", "message.eml", "prefs.js ", "préfs.js", "mailfolders.jsоn",
    ]

    @Test func sideFileNamesAgreeWithLowerCasedComparison() {
        for name in Self.names {
            let lower = name.lowercased()
            let expected = lower == "prefs.js" || lower == ".mh_sequences" || lower == ".mh_profile" || lower == "context"
                || lower == "archive_browser.html" || lower.hasSuffix("-results-count.csv") || lower == "mailfolders.json"
            #expect(SideFile.isReadByRules(name) == expected, "\(name)")
        }
    }

    @Test func archiveExtensionsAreFoundInAnyCase() {
        let archives = ["a.zip", "a.ZIP", "b.tar", "c.Gz", "d.tgz", "e.tbz2", "f.7z", "g.rar", "h.z", "i.gzip", "j.xz", "k.zst", "x/y.Bz2"]
        let others = ["a.eml", "a.zipx", "zip", "a.", "a.gzipped", "a.mbox", "a.json", "a.z1", "dir.zip/file"]
        for name in archives { #expect(ArchiveSniff.hasArchiveExtension(name), "\(name)") }
        for name in others { #expect(!ArchiveSniff.hasArchiveExtension(name), "\(name)") }
    }
}
