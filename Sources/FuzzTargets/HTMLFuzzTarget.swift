import HTMLText

/// HTML reduced to text, checked against what `HTMLTextExtractor` documents about its output.
enum HTMLFuzzTarget {
    /// Limits small enough for short inputs to reach them.
    static let smallOptions = HTMLTextOptions(
        maxInputBytes: 4096, maxOutputBytes: 256, maxLinks: 3, maxLinkTextBytes: 8, maxAttributesPerElement: 2,
        maxDistinctNames: 12, maxNestingRestarts: 1)

    static func run(_ input: [UInt8], into violations: inout Violations) {
        for options in [HTMLTextOptions.default, smallOptions] {
            let extractor = HTMLTextExtractor(options: options)
            let fromBytes = extractor.extract(utf8: input)
            check(fromBytes, options: options, into: &violations)
            // Invalid UTF-8 is repaired as `String(decoding:as:)` repairs it (within the input limit).
            if 4 * input.count <= options.maxInputBytes {
                let fromString = extractor.extract(String(decoding: input, as: UTF8.self))
                violations.check(fromString == fromBytes, "text from bytes and from the decoded string differ: \(excerpt(fromBytes.text)) / \(excerpt(fromString.text))")
            }
        }
    }

    static func check(_ extracted: ExtractedText, options: HTMLTextOptions, into violations: inout Violations) {
        let text = extracted.text
        violations.check(text.utf8.count <= options.maxOutputBytes, "text of \(text.utf8.count) bytes, over maxOutputBytes \(options.maxOutputBytes)")
        violations.check(!text.contains("\n\n\n"), "more than one blank line in a row: \(excerpt(text.debugDescription))")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let last = line.unicodeScalars.last {
                violations.check(last != " " && last != "\t", "a line ends with a blank: \(excerpt(line.debugDescription))")
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = (value < 0x20 && value != 0x0A && value != 0x09) || (value >= 0x7F && value < 0xA0)
            let isInvisible = value == 0xAD || value == 0x200B || value == 0x2060 || value == 0xFEFF
            if isControl || isInvisible {
                violations.add("the text keeps U+\(String(value, radix: 16, uppercase: true)): \(excerpt(text.debugDescription))")
                break
            }
        }
        violations.check(extracted.links.count <= options.maxLinks, "\(extracted.links.count) links, over maxLinks \(options.maxLinks)")
        for link in extracted.links {
            violations.check(link.text.utf8.count <= options.maxLinkTextBytes, "link text of \(link.text.utf8.count) bytes, over maxLinkTextBytes")
            violations.check(!link.url.isEmpty, "an empty link (\(link.attribute))")
            let ends = [link.url.unicodeScalars.first, link.url.unicodeScalars.last].compactMap { $0 }
            violations.check(!ends.contains { " \t\n\r\u{0C}".unicodeScalars.contains($0) }, "a link not trimmed: \(excerpt(link.url.debugDescription))")
        }
    }
}
