/// RFC 5322 §3.4 address lists, with the obsolete syntax of §4.4, read leniently.
///
/// What is kept, and how, follows GMime and CPython where they agree: display names are phrases of
/// atoms, quoted strings and encoded words (decoded); a comment after a bare address names it when
/// there is no display name (`user@host (Real Name)`); groups keep their members; obsolete routes are
/// dropped; addresses are returned as written (a quoted local part is re-quoted only when it needs
/// quotes). Broken lists (unbalanced quotes or brackets, missing commas, `;` as a separator, stray
/// `<>`) keep every address that can be read and record `mime.address-list-malformed`.
public enum AddressListParser {
    /// Parses an address-list field body (From, To, Cc, ...). Never fails: keeps what can be kept and
    /// records `mime.address-list-malformed` for the rest.
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> [AddressListEntry] {
        var parser = Parser(input: raw)
        var local = DefectCollector()
        let entries = parser.parseAddressList(raw.startIndex, defects: &local).entries
        RFC5322Lexer.forward(local, to: &defects)
        return entries
    }

    /// Parses an address list and flattens groups into their mailboxes.
    public static func parseMailboxes(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> [MailboxAddress] {
        parse(raw, defects: &defects).mailboxes
    }
}

// MARK: - Grammar

extension AddressListParser {
    typealias Input = ArraySlice<UInt8>
    private typealias Lexer = RFC5322Lexer

    /// One `word` of a phrase or local part (RFC 5322 §3.2.5), or a `.` between words.
    struct Word {
        enum Kind { case atom, quoted, dot }
        var kind: Kind
        /// Where the word is in the input (quotes included).
        var range: Range<Int>
        /// The content of a quoted string, without quotes and quoted pairs resolved.
        var unquoted: [UInt8]
        /// Whether white space or a comment separates it from the previous word.
        var spaceBefore: Bool
    }

    /// A run of words with what ends it.
    struct Phrase {
        var words: [Word] = []
        /// Where the first word starts (or where the phrase was looked for, when empty).
        var start: Int
        /// The first comment after the last word (`Mailer-Daemon (Mail Delivery System)`).
        var trailingComment: Range<Int>?
        var isEmpty: Bool { words.isEmpty }
    }

    /// An element found by `parseAddress`.
    enum Parsed {
        case mailbox(MailboxAddress)
        case group(name: String, members: [MailboxAddress])
    }

    /// The grammar over one field body. The state only keeps broken input linear: after an unterminated
    /// quoted string or an unclosed comment, later quotes and parentheses are not rescanned to the end.
    struct Parser {
        let s: Input
        /// Every quoted string starting at or after this index is unterminated (one that starts later
        /// lies inside the unterminated one, so its scan ends the same way).
        var unterminatedQuoteFrom: Int
        /// From here on, `(` no longer opens a comment.
        var unclosedCommentFrom: Int

        init(input: Input) {
            s = input
            unterminatedQuoteFrom = input.endIndex
            unclosedCommentFrom = input.endIndex
        }

        /// `address-list = (address *("," address)) / obs-addr-list` and
        /// `obs-addr-list = *([CFWS] ",") address *("," [address / CFWS])`.
        ///
        /// Empty elements are skipped; a `;` or a missing comma between addresses is accepted with
        /// `mime.address-list-malformed`; bytes no rule accepts are skipped.
        mutating func parseAddressList(_ start: Int, defects: inout DefectCollector) -> (entries: [AddressListEntry], end: Int) {
            var entries: [AddressListEntry] = []
            var i = start
            var inJunk = false
            while true {
                i = skipSeparators(i, defects: &defects)
                guard i < s.endIndex else { break }
                let (parsed, next) = parseAddress(i, inGroup: false, defects: &defects)
                switch parsed {
                case .mailbox(let m)?: entries.append(.mailbox(m))
                case .group(let name, let members)?: entries.append(.group(name: name, members: members))
                case nil: break
                }
                if next <= i {
                    // A byte that starts nothing (`>`, `)`, `[`, ...): skip it, reporting the run once.
                    if !inJunk {
                        defects.report(.addressListMalformed, "Stray characters in an address list were skipped.", at: i - s.startIndex)
                    }
                    inJunk = true
                    if s[i] == UInt8(ascii: "[") {
                        // A domain literal without a local part goes whole, with what it is attached to.
                        var scratch: [UInt8] = []
                        i = Lexer.parseDomainLiteral(s, i, into: &scratch).end
                        i = skipToSeparator(i)
                    } else {
                        i += 1
                    }
                    continue
                }
                inJunk = false
                i = parseCFWS(next, defects: &defects).end
                if i < s.endIndex, s[i] != UInt8(ascii: ","), s[i] != UInt8(ascii: ";") {
                    defects.report(.addressListMalformed, "Addresses are not separated by a comma.", at: i - s.startIndex)
                }
            }
            return (entries, i)
        }

        /// Skips to the next `,` or `;` outside quoted strings and comments (or the end).
        func skipToSeparator(_ i: Int) -> Int {
            var j = i
            var scratch: [UInt8] = []
            while j < s.endIndex {
                switch s[j] {
                case UInt8(ascii: ","), UInt8(ascii: ";"): return j
                case UInt8(ascii: "\""): j = Lexer.parseQuotedString(s, j, into: &scratch).end
                case UInt8(ascii: "("): j = Lexer.parseComment(s, j).end
                default: j += 1
                }
            }
            return j
        }

        /// Skips CFWS and empty list elements (`,`); a `;` outside a group counts as a separator.
        mutating func skipSeparators(_ i: Int, defects: inout DefectCollector) -> Int {
            var j = i
            while true {
                j = parseCFWS(j, defects: &defects).end
                guard j < s.endIndex else { return j }
                if s[j] == UInt8(ascii: ",") {
                    j += 1
                } else if s[j] == UInt8(ascii: ";") {
                    defects.report(.addressListMalformed, "';' used between addresses outside a group.", at: j - s.startIndex)
                    j += 1
                } else {
                    return j
                }
            }
        }

        /// `address = mailbox / group`, `mailbox = name-addr / addr-spec`.
        ///
        /// The words before the first special decide which: `<` makes a name-addr, `:` a group (outside a
        /// group), `@` an addr-spec. Words alone make an address without domain when they form one local
        /// part (`Mailer-Daemon`), and are dropped otherwise (`John Smith`).
        mutating func parseAddress(_ i: Int, inGroup: Bool, defects: inout DefectCollector) -> (Parsed?, Int) {
            let (phrase, j) = parsePhrase(i, defects: &defects)
            let next: UInt8? = j < s.endIndex ? s[j] : nil
            switch next {
            case UInt8(ascii: "<"):
                let name = displayName(phrase, defects: &defects)
                let (address, end) = parseAngleAddr(j, defects: &defects)
                guard let address else { return (nil, end) }
                return (.mailbox(MailboxAddress(name: name, address: address)), end)

            case UInt8(ascii: ":") where !inGroup && !phrase.isEmpty:
                return parseGroup(j, name: displayName(phrase, defects: &defects) ?? "", defects: &defects)

            case UInt8(ascii: "@"):
                return parseBareAddrSpec(phrase, at: j, defects: &defects)

            default:
                guard !phrase.isEmpty else { return (nil, j) }
                let localStart = localPartStart(phrase.words)
                guard localStart == 0 else {
                    defects.report(.addressListMalformed, "Words without an address were ignored.", at: phrase.start - s.startIndex)
                    return (nil, j)
                }
                defects.report(.addressMissingDomain, "An address has no domain.", at: phrase.start - s.startIndex)
                let local = renderLocalPart(phrase.words[...])
                let name = phrase.trailingComment.flatMap { commentName($0, defects: &defects) }
                return (.mailbox(MailboxAddress(name: name, address: string(local, defects: &defects))), j)
            }
        }

        /// `addr-spec = local-part "@" domain` written without angle brackets, after the words of the local
        /// part (`s[at]` is `@`). Words before the local part (`John john@x.com`) become the display name
        /// (malformed); a comment after the domain names the mailbox (`user@host (Real Name)`); an angle
        /// address right after it makes the addr-spec text a display name (`a@b <a@b>`).
        mutating func parseBareAddrSpec(_ phrase: Phrase, at: Int, defects: inout DefectCollector) -> (Parsed?, Int) {
            let (domain, afterDomain) = parseDomain(at + 1, defects: &defects)
            let cfws = parseCFWS(afterDomain, defects: &defects)
            if cfws.end < s.endIndex, s[cfws.end] == UInt8(ascii: "<") {
                defects.report(.addressListMalformed, "A display name contains an unquoted '@'.", at: at - s.startIndex)
                var nameBytes: [UInt8] = []
                for b in s[phrase.start..<afterDomain] where b != 0x0D && b != 0x0A { nameBytes.append(b) }
                let name = decodedName(nameBytes, defects: &defects)
                let (address, end) = parseAngleAddr(cfws.end, defects: &defects)
                guard let address else { return (nil, end) }
                return (.mailbox(MailboxAddress(name: name, address: address)), end)
            }
            guard !phrase.isEmpty else {
                defects.report(.addressListMalformed, "An address has no local part; it is ignored.", at: at - s.startIndex)
                return (nil, afterDomain)
            }
            let localStart = localPartStart(phrase.words)
            var name: String?
            if localStart > 0 {
                defects.report(.addressListMalformed, "An address is preceded by words that are not a display name.", at: phrase.start - s.startIndex)
                name = displayName(Phrase(words: Array(phrase.words[..<localStart]), start: phrase.start), defects: &defects)
            }
            if name == nil, let comment = cfws.firstComment {
                name = commentName(comment, defects: &defects)
            }
            let address = addrSpec(local: renderLocalPart(phrase.words[localStart...]), domain: domain, at: at, defects: &defects)
            return (.mailbox(MailboxAddress(name: name, address: address)), afterDomain)
        }

        /// `group = display-name ":" [group-list] ";" [CFWS]` with
        /// `group-list = mailbox-list / CFWS / obs-group-list`. `s[i]` is `:`. A missing `;` at the end of
        /// the field is accepted (malformed).
        mutating func parseGroup(_ i: Int, name: String, defects: inout DefectCollector) -> (Parsed?, Int) {
            var members: [MailboxAddress] = []
            var j = i + 1
            while true {
                j = parseCFWS(j, defects: &defects).end
                guard j < s.endIndex else {
                    defects.report(.addressListMalformed, "A group is not closed with ';'.", at: i - s.startIndex)
                    break
                }
                if s[j] == UInt8(ascii: ";") { j += 1; break }
                if s[j] == UInt8(ascii: ",") { j += 1; continue }
                let (parsed, next) = parseAddress(j, inGroup: true, defects: &defects)
                if case .mailbox(let m)? = parsed { members.append(m) }
                if next <= j {
                    defects.report(.addressListMalformed, "Stray characters in a group were skipped.", at: j - s.startIndex)
                    j += 1
                    continue
                }
                j = parseCFWS(next, defects: &defects).end
                if j < s.endIndex, s[j] != UInt8(ascii: ","), s[j] != UInt8(ascii: ";") {
                    defects.report(.addressListMalformed, "Group members are not separated by a comma.", at: j - s.startIndex)
                }
            }
            return (.group(name: name, members: members), j)
        }

        /// `angle-addr = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr` with
        /// `obs-angle-addr = [CFWS] "<" obs-route addr-spec ">" [CFWS]`. `s[i]` is `<`.
        ///
        /// The route is dropped (`mime.address-obsolete-route`), as is a `mailto:` prefix. Junk before `>`
        /// is skipped; a missing `>` ends the address at `,`, `;`, `<` or the end. `<>` gives `nil`.
        mutating func parseAngleAddr(_ i: Int, defects: inout DefectCollector) -> (address: String?, end: Int) {
            var j = parseCFWS(i + 1, defects: &defects).end
            if j < s.endIndex, s[j] == UInt8(ascii: "@") {
                let (isRoute, afterRoute) = parseObsRoute(j, defects: &defects)
                if isRoute {
                    defects.report(.addressObsoleteRoute, "An address has an obsolete source route; it is dropped.", at: j - s.startIndex)
                    j = parseCFWS(afterRoute, defects: &defects).end
                }
            }
            if s.endIndex - j > 7, RFC5322Lexer.equalsIgnoringCase(s[j..<j + 7], "mailto:") {
                defects.report(.addressListMalformed, "An angle address has a 'mailto:' prefix; it is dropped.", at: j - s.startIndex)
                j += 7
            }
            let (phrase, afterLocal) = parsePhrase(j, defects: &defects)
            var address: String?
            var k = afterLocal
            if !phrase.isEmpty || (k < s.endIndex && s[k] == UInt8(ascii: "@")) {
                let localStart = localPartStart(phrase.words)
                if localStart > 0 {
                    defects.report(.addressListMalformed, "An angle address contains white space.", at: j - s.startIndex)
                }
                let local = renderLocalPart(phrase.words[localStart...])
                var domain: [UInt8]?
                if k < s.endIndex, s[k] == UInt8(ascii: "@") {
                    let parsed = parseDomain(k + 1, defects: &defects)
                    domain = parsed.domain
                    k = parsed.end
                }
                if local.isEmpty {
                    defects.report(.addressListMalformed, "An angle address has no local part; it is ignored.", at: j - s.startIndex)
                } else {
                    address = addrSpec(local: local, domain: domain, at: k, defects: &defects)
                }
            } else if k < s.endIndex, s[k] == UInt8(ascii: ">") {
                defects.report(.addressListMalformed, "An empty angle address '<>' is ignored.", at: i - s.startIndex)
            }
            k = parseCFWS(k, defects: &defects).end
            if k < s.endIndex, s[k] == UInt8(ascii: ">") { return (address, k + 1) }
            // Junk inside the brackets, or no closing bracket.
            var reported = false
            var scratch: [UInt8] = []
            while k < s.endIndex {
                let b = s[k]
                if b == UInt8(ascii: ">") {
                    if !reported { defects.report(.addressListMalformed, "Junk inside an angle address was skipped.", at: k - s.startIndex) }
                    return (address, k + 1)
                }
                if b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "<") { break }
                if b == UInt8(ascii: "\"") {
                    k = Lexer.parseQuotedString(s, k, into: &scratch).end
                    scratch.removeAll(keepingCapacity: true)
                } else {
                    k += 1
                }
                if !reported {
                    reported = true
                    defects.report(.addressListMalformed, "Junk inside an angle address was skipped.", at: k - s.startIndex)
                }
            }
            defects.report(.addressListMalformed, "An angle address is not closed with '>'.", at: i - s.startIndex)
            return (address, k)
        }

        /// `obs-route = obs-domain-list ":"` and
        /// `obs-domain-list = *(CFWS / ",") "@" domain *("," [CFWS] ["@" domain])`. `s[i]` is `@`.
        /// Returns whether a route (ending with `:`) was found, and where it ended.
        mutating func parseObsRoute(_ i: Int, defects: inout DefectCollector) -> (isRoute: Bool, end: Int) {
            var j = i
            while j < s.endIndex {
                j = parseCFWS(j, defects: &defects).end
                guard j < s.endIndex else { break }
                switch s[j] {
                case UInt8(ascii: ","):
                    j += 1
                case UInt8(ascii: "@"):
                    let (_, end) = parseDomain(j + 1, defects: &defects)
                    if end == j + 1 { return (false, i) }
                    j = end
                case UInt8(ascii: ":"):
                    return (true, j + 1)
                default:
                    return (false, i)
                }
            }
            return (false, i)
        }

        /// `domain = dot-atom / domain-literal / obs-domain` with `obs-domain = atom *("." atom)`: CFWS may
        /// surround the dots. Returns the domain as written (without CFWS or a final dot; `nil` when there is
        /// none) and the index after its last byte, so that a following comment stays for the caller.
        mutating func parseDomain(_ i: Int, defects: inout DefectCollector) -> (domain: [UInt8]?, end: Int) {
            var j = parseCFWS(i, defects: &defects).end
            guard j < s.endIndex else { return (nil, i) }
            var out: [UInt8] = []
            if s[j] == UInt8(ascii: "[") {
                let (end, closed) = Lexer.parseDomainLiteral(s, j, into: &out)
                if !closed { defects.report(.addressListMalformed, "A domain literal is not closed with ']'.", at: j - s.startIndex) }
                return (out, end)
            }
            var end = i
            while j < s.endIndex {
                let atomEnd = Lexer.parseAtext(s, j)
                if atomEnd > j {
                    out.append(contentsOf: s[j..<atomEnd])
                    end = atomEnd
                    j = atomEnd
                }
                let afterCFWS = parseCFWS(j, defects: &defects).end
                guard afterCFWS < s.endIndex, s[afterCFWS] == UInt8(ascii: ".") else { break }
                out.append(UInt8(ascii: "."))
                end = afterCFWS + 1
                j = parseCFWS(afterCFWS + 1, defects: &defects).end
            }
            // `host.example.` is the root-qualified name of `host.example`.
            while out.last == UInt8(ascii: ".") { out.removeLast() }
            while out.first == UInt8(ascii: ".") { out.removeFirst() }
            return (out.isEmpty ? nil : out, end)
        }

        /// `phrase = 1*word / obs-phrase`, `obs-phrase = word *(word / "." / CFWS)`, and equally
        /// `obs-local-part = word *("." word)`: words are atoms (encoded words included, even when they
        /// hold specials), quoted strings and dots, with CFWS between them. Stops at any other special.
        ///
        /// An unterminated quoted string or comment does not swallow the rest of the field: its opening
        /// character is skipped and what follows is read as words (so `"John <a@b>` keeps `a@b`).
        mutating func parsePhrase(_ i: Int, defects: inout DefectCollector) -> (Phrase, Int) {
            var j = parseCFWS(i, defects: &defects).end
            var phrase = Phrase(start: j)
            var spaceBefore = false
            while j < s.endIndex {
                let b = s[j]
                let wordStart = j
                if b == UInt8(ascii: "\"") {
                    var content: [UInt8] = []
                    let (end, closed) = j < unterminatedQuoteFrom ? Lexer.parseQuotedString(s, j, into: &content) : (s.endIndex, false)
                    if closed {
                        phrase.words.append(Word(kind: .quoted, range: j..<end, unquoted: content, spaceBefore: spaceBefore))
                        j = end
                    } else {
                        defects.report(.addressListMalformed, "A quoted string is not terminated; its quote is ignored.", at: j - s.startIndex)
                        unterminatedQuoteFrom = min(unterminatedQuoteFrom, j)
                        j += 1
                        spaceBefore = true
                        continue
                    }
                } else if b == UInt8(ascii: ".") {
                    phrase.words.append(Word(kind: .dot, range: j..<j + 1, unquoted: [], spaceBefore: spaceBefore))
                    j += 1
                } else if let end = encodedWordEnd(j) {
                    phrase.words.append(Word(kind: .atom, range: j..<end, unquoted: [], spaceBefore: spaceBefore))
                    j = end
                } else if Lexer.isAtext(b) {
                    let end = Lexer.parseAtext(s, j)
                    phrase.words.append(Word(kind: .atom, range: j..<end, unquoted: [], spaceBefore: spaceBefore))
                    j = end
                } else {
                    break
                }
                if phrase.words.count == 1 { phrase.start = wordStart }
                let cfws = parseCFWS(j, defects: &defects)
                spaceBefore = cfws.skipped
                phrase.trailingComment = cfws.firstComment
                j = cfws.end
            }
            return (phrase, j)
        }

        /// The end of an RFC 2047 `encoded-word = "=?" charset "?" encoding "?" encoded-text "?="` starting
        /// at `i`, when one does; its text may hold specials (`,`, `.`, `"`) that would otherwise split it.
        func encodedWordEnd(_ i: Int) -> Int? {
            guard s.endIndex - i >= 8, s[i] == UInt8(ascii: "="), s[i + 1] == UInt8(ascii: "?") else { return nil }
            var j = i + 2
            var questionMarks = 0
            // Longer runs are not encoded words; the cap keeps `=?=?=?...` linear.
            let limit = min(s.endIndex, i + 256)
            while j < limit, !Lexer.isWhitespace(s[j]) {
                if s[j] == UInt8(ascii: "?") {
                    questionMarks += 1
                    if questionMarks >= 3, j + 1 < s.endIndex, s[j + 1] == UInt8(ascii: "=") { return j + 2 }
                }
                j += 1
            }
            return nil
        }

        /// `CFWS = (1*([FWS] comment) [FWS]) / FWS`, where an unclosed comment does not swallow the rest of
        /// the field: its `(` is skipped (malformed) and what follows is read as words; from there on `(`
        /// opens no comment, so broken input is not rescanned.
        mutating func parseCFWS(_ i: Int, defects: inout DefectCollector) -> RFC5322Lexer.CFWS {
            var result = RFC5322Lexer.CFWS(end: i, firstComment: nil, unclosedComment: nil, skipped: false)
            var j = i
            while j < s.endIndex {
                let b = s[j]
                if Lexer.isWhitespace(b) {
                    j += 1
                } else if b == UInt8(ascii: "("), j < unclosedCommentFrom {
                    let comment = Lexer.parseComment(s, j)
                    if comment.closed {
                        if result.firstComment == nil { result.firstComment = comment.content }
                        j = comment.end
                    } else {
                        defects.report(.addressListMalformed, "A comment is not closed; its '(' is ignored.", at: j - s.startIndex)
                        unclosedCommentFrom = j
                        result.unclosedComment = j
                        j += 1
                    }
                } else if b == UInt8(ascii: "(") {
                    j += 1
                } else {
                    break
                }
            }
            result.skipped = j > i
            result.end = j
            return result
        }

        // MARK: Building values

        /// Index of the first word of the local part at the end of `words`: the last words joined by dots
        /// (`a . b`); a white-space gap without a dot ends it (`John john@x` has local part `john`).
        func localPartStart(_ words: [Word]) -> Int {
            guard var k = words.indices.last else { return 0 }
            while k > 0 {
                let current = words[k], previous = words[k - 1]
                if current.kind == .dot || previous.kind == .dot || !current.spaceBefore { k -= 1 } else { break }
            }
            return k
        }

        /// The local part as an address shows it: atoms and dots as written, quoted strings unquoted, and the
        /// whole re-quoted only when it is not a run of atext and dots (`"john doe"`, as CPython does).
        func renderLocalPart(_ words: ArraySlice<Word>) -> [UInt8] {
            var out: [UInt8] = []
            var needsQuotes = false
            for word in words {
                switch word.kind {
                case .atom: out.append(contentsOf: s[word.range])
                case .dot: out.append(UInt8(ascii: "."))
                case .quoted:
                    if word.unquoted.isEmpty { needsQuotes = true }
                    for b in word.unquoted where !Lexer.isAtext(b) && b != UInt8(ascii: ".") { needsQuotes = true }
                    out.append(contentsOf: word.unquoted)
                }
            }
            guard needsQuotes else { return out }
            var quoted: [UInt8] = [UInt8(ascii: "\"")]
            for b in out {
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
                quoted.append(b)
            }
            quoted.append(UInt8(ascii: "\""))
            return quoted
        }

        /// `local@domain`, or the local part alone (`mime.address-missing-domain`) when there is no domain.
        func addrSpec(local: [UInt8], domain: [UInt8]?, at: Int, defects: inout DefectCollector) -> String {
            guard let domain else {
                defects.report(.addressMissingDomain, "An address has no domain.", at: at - s.startIndex)
                return string(local, defects: &defects)
            }
            return string(local + [UInt8(ascii: "@")] + domain, defects: &defects)
        }

        /// `display-name = phrase`: words joined by single spaces where the field had white space, quoted
        /// strings unquoted, then RFC 2047 decoded (encoded words inside quotes too, as GMime and CPython do).
        func displayName(_ phrase: Phrase, defects: inout DefectCollector) -> String? {
            guard !phrase.isEmpty else { return nil }
            var out: [UInt8] = []
            for word in phrase.words {
                if word.spaceBefore, !out.isEmpty { out.append(0x20) }
                switch word.kind {
                case .atom: out.append(contentsOf: s[word.range])
                case .dot: out.append(UInt8(ascii: "."))
                case .quoted: out.append(contentsOf: word.unquoted)
                }
            }
            return decodedName(out, defects: &defects)
        }

        /// The name held by a comment (`user@host (Real Name)`): quoted pairs resolved, RFC 2047 decoded.
        func commentName(_ content: Range<Int>, defects: inout DefectCollector) -> String? {
            var out: [UInt8] = []
            var j = content.lowerBound
            while j < content.upperBound {
                var b = s[j]
                if b == UInt8(ascii: "\\"), j + 1 < content.upperBound {
                    j += 1
                    b = s[j]
                }
                if b != 0x0D && b != 0x0A { out.append(b) }
                j += 1
            }
            return decodedName(out, defects: &defects)
        }

        /// Decodes a name's bytes; white space around it is dropped and an empty name is `nil`.
        func decodedName(_ bytes: [UInt8], defects: inout DefectCollector) -> String? {
            var lower = 0, upper = bytes.count
            while lower < upper, Lexer.isWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower, Lexer.isWhitespace(bytes[upper - 1]) { upper -= 1 }
            guard lower < upper else { return nil }
            let name = EncodedWordDecoder.decodePhrase(bytes[lower..<upper], defects: &defects)
            return name.isEmpty ? nil : name
        }

        /// Address bytes as a string: UTF-8 when valid (RFC 6532), else the fallback charset.
        func string(_ bytes: [UInt8], defects: inout DefectCollector) -> String {
            CharsetDecoder.decodeFallback(bytes[...])
        }
    }
}
