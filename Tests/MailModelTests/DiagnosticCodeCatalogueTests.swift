import Foundation
import Testing

/// Codes are declared once, by the module that produces them, in a catalogue file (`*Code.swift` or
/// `*Codes.swift`); nothing else in `Sources/` writes a code's text, so renaming a code can only be
/// done in one place and can never silently break a caveat or an exit status.
@Suite
struct DiagnosticCodeCatalogueTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Literals that look like codes but are not: file names and domains.
    static let notCodes: Set<String> = [
        "draft.yaml", "suite.yaml", "suite.yml", "suite.json", "cli.re", "outlook.com", "outlook.fr", "outlook.de",
    ]

    static func swiftFiles() throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files.append((url.path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static func isCatalogue(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix("Code.swift") || name.hasSuffix("Codes.swift")
    }

    /// The code texts a catalogue declares: `Self("mime.x", ...)` or `DiagnosticCode("input.y", ...)`.
    static func declared(in text: String) -> [String] {
        text.matches(of: #/(?:Self|DiagnosticCode)\("([a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*)"/#).map { String($0.output.1) }
    }

    @Test func everyCodeIsDeclaredOnce() throws {
        let catalogues = try Self.swiftFiles().filter { Self.isCatalogue($0.path) }
        let codes = catalogues.flatMap { Self.declared(in: $0.text) }
        #expect(catalogues.count >= 10)
        #expect(codes.count >= 150)
        var seen: Set<String> = []
        for code in codes { #expect(seen.insert(code).inserted, "\(code) is declared twice") }
    }

    /// Every catalogue lists all its codes in `all`: `init(rawValue:)` and the documentation read it.
    @Test func everyCatalogueListsItsCodes() throws {
        for (path, text) in try Self.swiftFiles() where Self.isCatalogue(path) && !Self.declared(in: text).isEmpty {
            let names = text.matches(of: #/static let (\w+)(?:: Self)? = (?:Self|DiagnosticCode)\(/#).map { String($0.output.1) }
            guard let list = text.firstRange(of: "static let all") else {
                Issue.record("\(path) has no 'all' list")
                continue
            }
            let listed = String(text[list.lowerBound...])
            for name in names where !listed.contains(name) && !listed.contains("errorCodes") {
                Issue.record("\(path): \(name) is not in 'all'")
            }
        }
    }

    @Test func noCodeTextOutsideTheCatalogues() throws {
        let files = try Self.swiftFiles()
        let codes = Set(files.filter { Self.isCatalogue($0.path) }.flatMap { Self.declared(in: $0.text) })
        let prefixes = Set(codes.map { String($0.prefix { $0 != "." }) })
        #expect(prefixes.isSuperset(of: ["mime", "graph", "input", "mbox", "maildir", "html", "item", "rule", "regex", "expect", "suite", "diff", "draft", "plan", "output", "cli"]))
        let alternatives = prefixes.sorted().joined(separator: "|")
        // A whole string literal that is a code, or a code in brackets inside a message.
        let literal = try Regex(#""((?:"# + alternatives + #")\.[a-z0-9]+(?:-[a-z0-9]+)*)""#)
        let bracketed = try Regex(#"\[((?:"# + alternatives + #")\.[a-z0-9]+(?:-[a-z0-9]+)*)\]"#)
        var found: [String] = []
        for (path, text) in files where !Self.isCatalogue(path) {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.drop(while: { $0 == " " }).hasPrefix("//") { continue }
                for match in line.matches(of: literal) {
                    let code = String(line[match.range].dropFirst().dropLast())
                    if !Self.notCodes.contains(code) { found.append("\(path):\(number + 1): \(code)") }
                }
                // `[code]` in a message (not `dictionary[item.key]`): a declared code, or one with a hyphen.
                for match in line.matches(of: bracketed) {
                    let code = String(line[match.range].dropFirst().dropLast())
                    if codes.contains(code) || code.contains("-") { found.append("\(path):\(number + 1): [\(code)]") }
                }
            }
        }
        #expect(found.isEmpty, "code text outside a catalogue:\n\(found.joined(separator: "\n"))")
    }
}
