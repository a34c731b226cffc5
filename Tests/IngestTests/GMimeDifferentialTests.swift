import Foundation
import Testing
@testable import Ingest

/// The header and boundary classes of `Fixtures/mime/50-55` against the GMime reference dumper
/// (`../shared/tools/oracle/gmime_dump.c`, built when GMime is installed): for each fixture, the
/// expected reading is written below, and both `dragnet inspect` and GMime must give it on the
/// fields GMime reads the same way. Where Dragnet deliberately differs (the first Subject, Date,
/// Message-ID and From win; blank lines before the headers are skipped), the expectation says so.
@Suite(.serialized)
struct GMimeDifferentialTests {
    static let fixtures = CorpusConformanceTests.packageRoot.appendingPathComponent("Fixtures/mime")
    static let dumperSource = CorpusConformanceTests.shared.appendingPathComponent("tools/oracle/gmime_dump.c")
    static var canBuildGMime: Bool { FileManager.default.fileExists(atPath: dumperSource.path) && ReferenceDumpers.available }

    /// One message as both readers give it, in the shape of `compare.py`'s fields.
    struct Reading: Equatable, CustomStringConvertible {
        var messageID: String?
        var subject: String?
        var date: String?
        var from: [String]
        var to: [String]
        var cc: [String]
        /// `contentType filename size sha256` of every leaf.
        var parts: [String]
        var texts: [String]

        init(json: [String: Any]) {
            func addresses(_ key: String) -> [String] {
                (json[key] as? [[String: Any]] ?? []).map { ($0["address"] as? String ?? "").lowercased() }
            }
            messageID = (json["messageId"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            subject = json["subject"] as? String
            date = json["date"] as? String
            from = addresses("from")
            to = addresses("to")
            cc = addresses("cc")
            let leaves = json["parts"] as? [[String: Any]] ?? []
            parts = leaves.map { p in
                "\(p["contentType"] as? String ?? "-") \(p["filename"] as? String ?? "-") \(p["size"] as? Int ?? -1) \(p["sha256"] as? String ?? "-")"
            }
            texts = leaves.compactMap { $0["text"] as? String }.map {
                $0.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }

        var description: String {
            "id=\(messageID ?? "nil") subject=\(subject ?? "nil") date=\(date ?? "nil") from=\(from) to=\(to) cc=\(cc) parts=\(parts) texts=\(texts)"
        }
    }

    /// What a fixture must read as. `nil` fields are not compared.
    struct Expected: Sendable {
        var messageID: String?
        var subject: String?
        var from: [String]?
        var to: [String]?
        var cc: [String]?
        /// `contentType filename size` of every leaf.
        var parts: [String]?
        var texts: [String]?
        /// Fields on which GMime is known to read otherwise (Dragnet's rule is documented in README.md).
        var gmimeDiffers: Set<String> = []
    }

    static let expectations: [String: Expected] = [
        // 1. Field names with white space: skipped, the header block goes on (To and every part header read).
        "50-header-name-with-space.eml": Expected(
            messageID: "name-space.20260317.0050@example.com", subject: "Scanned document",
            from: ["scanner@example.com"], to: ["records@example.org"], cc: [],
            parts: ["text/plain - 33", "application/pdf scan-0050.pdf 222", "text/plain - 17"],
            texts: ["The scanned document is attached.", "Scanned pages: 1."]),
        // 2. Repeated To and Cc: every recipient, in header order; the junk first To hides nothing.
        //    GMime lets the last Subject / Message-ID win and joins both From fields.
        "51-repeated-address-headers.eml": Expected(
            messageID: "first.20260317.0051@example.com", subject: "First subject wins",
            from: ["payroll@example.com"], to: ["dana@example.org", "erin@example.org"],
            cc: ["finance@example.org", "audit@example.org"], parts: ["text/plain - 55"],
            gmimeDiffers: ["messageID", "subject", "from"]),
        // 3. `From  :` as the first line is the From field, not an mbox envelope line.
        "52-obsolete-from-colon-first-line.eml": Expected(
            messageID: "obs-from.20260317.0052@example.com",
            subject: "Obsolete From field with white space before the colon",
            from: ["jdoe@example.com"], to: ["records@example.org"], cc: [], parts: ["text/plain - 80"]),
        // 4. boundary="": a zero-length boundary; the two parts are read, preamble and epilogue are not parts.
        "53-empty-boundary.eml": Expected(
            messageID: "empty-boundary.20260317.0053@example.com", subject: "Empty boundary",
            from: ["legacy@example.com"], to: ["records@example.org"], cc: [],
            parts: ["text/plain - 11", "application/octet-stream data.bin 10"], texts: ["First part."]),
        // 5. CFWS inside msg-id removed.
        "54-msg-id-cfws.eml": Expected(
            messageID: "cfws.20260317.0054@mail.example.com", subject: "Re: Identifiers with white space",
            from: ["thread@example.com"], to: ["records@example.org"], cc: [], parts: ["text/plain - 73"]),
        // 6. Blank lines before the headers: read as the message it is (GMime reads the same file
        //    without its blank lines the same way; see `leadingBlankLinesReadAsGMimeReadsTheMessageWithoutThem`).
        "55-leading-blank-lines.eml": Expected(
            messageID: "leading-blank.20260317.0055@example.net", subject: "Saved with leading blank lines",
            from: ["archive@example.net"], to: ["records@example.com"], cc: [], parts: ["text/plain - 84"],
            gmimeDiffers: ["messageID", "subject", "from", "to", "parts"]),
    ]

    static func dragnet(_ paths: [String]) -> [Reading] {
        var out: [Reading] = []
        _ = InspectRun(format: .jsonl, workers: 1).run(paths: paths, write: { bytes in
            for line in bytes.split(separator: 0x0A) {
                if let json = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] { out.append(Reading(json: json)) }
            }
        }, warn: { _ in })
        return out
    }

    static func gmime(_ executable: URL, _ paths: [String]) throws -> [Reading] {
        let text = try ReferenceDumpers.run(executable.path, paths, cwd: fixtures)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map(Reading.init(json:))
        }
    }

    /// The differences between a reading and the expectation, as `field: got` lines.
    static func mismatches(_ reading: Reading, _ expected: Expected, skipping: Set<String> = []) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ want: T?, _ got: T) {
            guard let want, !skipping.contains(name), want != got else { return }
            out.append("\(name): want \(want), got \(got)")
        }
        check("messageID", expected.messageID, reading.messageID ?? "")
        check("subject", expected.subject, reading.subject ?? "")
        check("from", expected.from, reading.from)
        check("to", expected.to, reading.to)
        check("cc", expected.cc, reading.cc)
        check("parts", expected.parts, reading.parts.map { $0.split(separator: " ").prefix(3).joined(separator: " ") })
        check("texts", expected.texts, reading.texts)
        return out
    }

    @Test func dragnetReadsEveryClassAsExpected() {
        let names = Self.expectations.keys.sorted()
        let readings = Self.dragnet(names.map { Self.fixtures.appendingPathComponent($0).path })
        #expect(readings.count == names.count)
        for (name, reading) in zip(names, readings) {
            let problems = Self.mismatches(reading, Self.expectations[name]!)
            #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        }
    }

    @Test(.enabled(if: canBuildGMime, "GMime (libgmime-3.0-dev) or ../shared/tools/oracle missing"))
    func gmimeAgreesWithTheExpectedReadings() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-gmime-diff-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let gmime = try ReferenceDumpers.buildGMime(in: work)

        let names = Self.expectations.keys.sorted()
        let paths = names.map { Self.fixtures.appendingPathComponent($0).path }
        let theirs = try Self.gmime(gmime, paths)
        let ours = Self.dragnet(paths)
        #expect(theirs.count == names.count && ours.count == names.count)
        for (n, name) in names.enumerated() where n < theirs.count && n < ours.count {
            let expected = Self.expectations[name]!
            let problems = Self.mismatches(theirs[n], expected, skipping: expected.gmimeDiffers)
            #expect(problems.isEmpty, "GMime on \(name): \(problems.joined(separator: "; "))")
            // Where GMime agrees with the expectation, the bytes of every part agree too.
            if !expected.gmimeDiffers.contains("parts") {
                #expect(ours[n].parts == theirs[n].parts, "\(name): parts differ from GMime's:\n\(ours[n])\n\(theirs[n])")
            }
            if expected.gmimeDiffers.isEmpty {
                #expect(ours[n] == theirs[n], "\(name):\n  ours   \(ours[n])\n  GMime  \(theirs[n])")
            }
        }
    }

    @Test(.enabled(if: canBuildGMime, "GMime (libgmime-3.0-dev) or ../shared/tools/oracle missing"))
    func leadingBlankLinesReadAsGMimeReadsTheMessageWithoutThem() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-gmime-blank-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let gmime = try ReferenceDumpers.buildGMime(in: work)
        let original = Self.fixtures.appendingPathComponent("55-leading-blank-lines.eml")
        // The same bytes without the blank lines before the first header.
        let bytes = Array(try Data(contentsOf: original))
        let start = bytes.indices.first { i in (i == 0 || bytes[i - 1] == 0x0A) && bytes[i] != 0x0A && bytes[i] != 0x20 && bytes[i] != 0x0D }!
        let stripped = work.appendingPathComponent("stripped.eml")
        try Data(bytes[start...]).write(to: stripped)

        let theirs = try Self.gmime(gmime, [stripped.path])
        let ours = Self.dragnet([original.path])
        #expect(theirs.count == 1 && ours.count == 1)
        #expect(ours.first == theirs.first, "ours   \(ours.first.map(String.init(describing:)) ?? "-")\nGMime  \(theirs.first.map(String.init(describing:)) ?? "-")")
    }
}
