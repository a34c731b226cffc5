import MailModel
// `scope` of an investigation file (§7).
//
// ```yaml
// scope:
//   mailboxes: all                  # default; or an address / a list of addresses or UPNs (lower-cased)
//   groups: [Finance]               # department or group names (compared case-insensitively)
//   authorizedDomains: [contoso.com]   # lower-cased; a leading '@' or '*.' is dropped
//   dateRange: {from: 2026-11-01, to: 2026-11-26}
//   folders: [Inbox, junk]          # normalised: junk → Junk Email (see MailModel.WellKnownFolder)
// ```
//
// Each list key also takes a single value (`groups: Finance`). An empty list is an error (leave the
// key out instead). With a ``DirectoryInfo``: a mailbox unknown to the export and the directory is
// `rule.unknown-mailbox`; a group that is neither a group nor a department, or has no members, is
// `rule.unknown-group` (§7: a group that matches nobody is an error, not an empty investigation). A
// listed mailbox outside `authorizedDomains` is a warning (it would never be scanned).
//
// dateRange (on the sending date; see ``DateText`` for the forms): `from` is inclusive; a date-only
// `to` includes that whole day (until the next midnight UTC); a timestamp `to` is exclusive. Either
// end may be left out. The range must not be empty (`from` before the end).

extension InvestigationFileParser {
    static let scopeKeys = ["mailboxes", "groups", "authorizedDomains", "dateRange", "folders"]

    func scope(from pair: YAMLPair) -> Scope {
        var scope = Scope()
        let value = pair.value
        if value.isNull { return scope }
        guard value.mapping != nil else {
            error(InvestigationFileCode.wrongType, "'scope' must be a mapping (mailboxes, groups, authorizedDomains, dateRange, folders); found \(value.shapeName)", at: value)
            return scope
        }
        let fields = fields(of: value, allowed: Self.scopeKeys)

        if let pair = fields["authorizedDomains"], let items = scalarList(pair, key: "authorizedDomains", expected: "a domain or a list of domains") {
            var domains: [String] = []
            var seen: Set<String> = []
            for (raw, node) in items {
                var text = Substring(raw.ruleTrimmed.lowercased())
                if text.hasPrefix("@") { text = text.dropFirst() } else if text.hasPrefix("*.") { text = text.dropFirst(2) }
                if text.hasSuffix(".") { text = text.dropLast() }
                guard !text.contains("@"), DomainMatcher(String(text)) != nil else {
                    error(InvestigationFileCode.invalidDomain, "'\(raw)' is not a domain; write it as contoso.com (subdomains are included)", at: node)
                    continue
                }
                if seen.insert(String(text)).inserted { domains.append(String(text)) }
            }
            scope.authorizedDomains = domains
        }

        if let pair = fields["mailboxes"] {
            scope.mailboxes = mailboxes(pair, authorizedDomains: scope.authorizedDomains)
        }

        if let pair = fields["groups"], let items = scalarList(pair, key: "groups", expected: "a group or department name, or a list of them") {
            var groups: [String] = []
            var seen: Set<String> = []
            for (raw, node) in items {
                let name = raw.ruleTrimmed
                if let directory { checkGroup(name, node: node, directory: directory) }
                if seen.insert(name.lowercased()).inserted { groups.append(name) }
            }
            scope.groups = groups
        }

        if let pair = fields["dateRange"] {
            scope.dateRange = dateRange(pair)
        }

        if let pair = fields["folders"], let items = scalarList(pair, key: "folders", expected: "a folder name or a list of them") {
            var folders: [String] = []
            var seen: Set<String> = []
            for (raw, _) in items {
                let name = WellKnownFolder.normalizePath(raw)
                if seen.insert(name).inserted { folders.append(name) }
            }
            scope.folders = folders
        }
        return scope
    }

    /// `all` (→ `nil`), or addresses / UPNs, lower-cased.
    func mailboxes(_ pair: YAMLPair, authorizedDomains: [String]) -> [String]? {
        if let s = pair.value.scalar, !pair.value.isNull, s.ruleTrimmed.lowercased() == "all" { return nil }
        guard let items = scalarList(pair, key: "mailboxes", expected: "'all' or a list of mailbox addresses") else { return nil }
        var result: [String] = []
        var seen: Set<String> = []
        let known = directory.map { $0.mailboxes.sorted() } ?? []
        for (raw, node) in items {
            let mailbox = raw.ruleTrimmed.lowercased()
            if mailbox == "all" {
                error(InvestigationFileCode.invalidMailbox, "'all' cannot be in a list; write 'mailboxes: all' alone", at: node)
                continue
            }
            guard let at = mailbox.lastIndex(of: "@"), at != mailbox.startIndex, !mailbox.contains(where: \.isWhitespace),
                  DomainMatcher(String(mailbox[mailbox.index(after: at)...])) != nil
            else {
                error(InvestigationFileCode.invalidMailbox, "'\(raw)' is not a mailbox address; write 'all' or addresses such as alice@contoso.com", at: node)
                continue
            }
            if let directory, !directory.mailboxes.contains(mailbox) {
                let hint = Suggestion.closest(to: mailbox, in: known).map { "; did you mean '\($0)'?" } ?? ""
                error(InvestigationFileCode.unknownMailbox, "the mailbox '\(raw.ruleTrimmed)' is neither in the export nor in its directory\(hint)", at: node)
            }
            if !authorizedDomains.isEmpty {
                let domain = String(mailbox[mailbox.index(after: at)...])
                if !authorizedDomains.contains(where: { domain == $0 || domain.hasSuffix("." + $0) }) {
                    warning(InvestigationFileCode.mailboxNotAuthorized, "the mailbox '\(mailbox)' is outside authorizedDomains, so it will not be scanned", at: node)
                }
            }
            if seen.insert(mailbox).inserted { result.append(mailbox) }
        }
        return result
    }

    func checkGroup(_ name: String, node: YAMLNode, directory: DirectoryInfo) {
        let key = name.lowercased()
        if let members = directory.groups[key] {
            if members.isEmpty {
                error(InvestigationFileCode.unknownGroup, "the group '\(name)' has no members, so the investigation would search nothing", at: node)
            } else if !directory.mailboxes.isEmpty, members.isDisjoint(with: directory.mailboxes) {
                // §7: a group that matches nobody is an error, not an empty investigation.
                error(InvestigationFileCode.unknownGroup, "the group '\(name)' matches nobody: none of its members is a mailbox of the export or a user of its directory", at: node)
            }
            return
        }
        if directory.groups.isEmpty {
            error(InvestigationFileCode.unknownGroup, "no group or department is named '\(name)'; the export has no users.json departments or groups.json", at: node)
            return
        }
        let hint = Suggestion.closest(to: key, in: directory.groups.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
        error(InvestigationFileCode.unknownGroup, "no group or department is named '\(name)'\(hint)", at: node)
    }

    /// `{from: ..., to: ...}`.
    func dateRange(_ pair: YAMLPair) -> DateRange? {
        let value = pair.value
        if value.isNull {
            error(InvestigationFileCode.emptyValue, "'dateRange' is empty; give 'from', 'to' or both, or leave it out", at: pair.key)
            return nil
        }
        guard let pairs = value.mapping else {
            error(InvestigationFileCode.wrongType, "'dateRange' must be a mapping such as {from: 2026-11-01, to: 2026-11-26}; found \(value.shapeName)", at: value)
            return nil
        }
        let fields = fields(of: value, allowed: ["from", "to"])
        var ok = fields.isComplete
        if pairs.isEmpty {
            error(InvestigationFileCode.emptyValue, "'dateRange' is empty; give 'from', 'to' or both, or leave it out", at: value)
            return nil
        }
        var from: (DateText.Parsed, String, YAMLNode)?
        var to: (DateText.Parsed, String, YAMLNode)?
        for (name, pair) in fields.pairs {
            guard let text = text(pair, key: name) else { ok = false; continue }
            guard let parsed = DateText.parse(text) else {
                error(InvestigationFileCode.invalidDate,
                      "'\(text)' is not a date; write 2026-11-24, or a timestamp such as 2026-11-24T08:00:00Z or 2026-11-24T09:00:00+01:00",
                      at: pair.value)
                ok = false
                continue
            }
            if name == "from" { from = (parsed, text.ruleTrimmed, pair.value) } else { to = (parsed, text.ruleTrimmed, pair.value) }
        }
        guard ok else { return nil }
        let start = from?.0.seconds
        let until = to.map { $0.0.isDateOnly ? $0.0.seconds + 86_400 : $0.0.seconds }
        if let start, let until, start >= until, let to {
            error(InvestigationFileCode.invalidDateRange,
                  "the date range is empty: 'from' (\(from?.1 ?? "")) is not before 'to' (\(to.1))\(to.0.isDateOnly ? "" : ", which is exclusive")",
                  at: to.2)
            return nil
        }
        return DateRange(from: start, until: until, fromText: from?.1, toText: to?.1)
    }
}
