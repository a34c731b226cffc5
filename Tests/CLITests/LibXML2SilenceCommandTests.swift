import Foundation
import Testing

/// libxml2 prints nothing, whatever the markup: checked on the stderr of a `dragnet` process reading
/// broken HTML on two worker threads (libxml2 keeps its error handlers per thread), so that no test
/// redirects the test process's own stderr while other suites run.
@Suite
struct LibXML2SilenceCommandTests {
    static let noisyDocuments: [String] = [
        "<p>unclosed <b>bold <i>italic</p></div></span>&bogus; &#xD800; &#0; <1> </ > <a b c d>",
        "<html><html><head><body><body><frameset><p>misplaced</p></frameset>",
        "<table><td><tr><th><caption>out of place</table></table>",
        String(repeating: "<div>", count: 600) + "deep",
        "<script>unclosed script",
        "<?xml version=\"1.0\"?><!DOCTYPE html SYSTEM \"http://dtd.example/x.dtd\"><p attr=\"unclosed>x",
        "<!ENTITY x SYSTEM \"file:///etc/passwd\"><p>&x;</p>",
        "\u{1}\u{2}<p\u{3}>control</p><a href=\"https://x.example/\">link</a>",
    ]

    @Test func brokenHTMLPrintsNothingOnStderr() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-libxml2-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (index, document) in (Self.noisyDocuments + Self.noisyDocuments).enumerated() {
            let message = "From: a@x.example\nSubject: noisy \(index)\nContent-Type: text/html; charset=utf-8\n\n\(document)\n"
            try Data(message.utf8).write(to: dir.appendingPathComponent(String(format: "%02d.eml", index)))
        }
        let result = try Dragnet.run(["inspect", "--jobs", "2", dir.path])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2 * Self.noisyDocuments.count)
        #expect(result.stderr.isEmpty, "printed: \(result.stderr)")
    }
}
