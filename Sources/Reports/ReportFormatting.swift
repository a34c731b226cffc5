import Investigation
import MailModel

/// Stable, locale-free formatting shared by the writers: dates, durations, counts, orderings, labels.
enum ReportFormatting {
    // MARK: Dates

    /// Seconds since the epoch as ISO 8601 UTC: `2026-11-26T09:30:00Z`.
    static func iso8601(_ seconds: Int64) -> String { UTCTimestamp.iso8601(seconds) }

    /// Seconds since the epoch for people: `2026-11-26 09:30:00 UTC`.
    static func readableDate(_ seconds: Int64) -> String { UTCTimestamp.readable(seconds) }

    // MARK: Numbers

    /// The number of decimals durations are written with.
    static let durationDecimals = 3

    /// A number with exactly `decimals` decimals, rounded half away from zero, `.` as the separator
    /// whatever the locale; non-finite values are written as `0`.
    static func fixed(_ value: Double, decimals: Int = durationDecimals) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        guard value.isFinite, abs(value * scale) < 9e15 else { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        let scaled = Int64((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let unit = Int64(scale)
        let whole = String(scaled / unit)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + whole }
        let fraction = String(scaled % unit)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A count with `,` between groups of three digits: `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `1 match`, `2 matches`.
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(value)) \(value == 1 ? singular : plural)"
    }

    // MARK: Ordering

    /// Natural order of keys: runs of digits compare by value (`f2` before `f10`), everything else
    /// by Unicode scalar; ties are broken by plain scalar order, so the order is total.
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                var ei = i, ej = j
                while ei < x.count && isDigit(x[ei]) { ei += 1 }
                while ej < y.count && isDigit(y[ej]) { ej += 1 }
                let da = x[i..<ei].drop { $0 == "0" }, db = y[j..<ej].drop { $0 == "0" }
                if da.count != db.count { return da.count < db.count }
                for (p, q) in zip(da, db) where p != q { return p.value < q.value }
                i = ei
                j = ej
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        if i == x.count && j < y.count { return true }
        if j == y.count && i < x.count { return false }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// A dictionary's entries in natural key order.
    static func sorted<V>(_ dictionary: [String: V]) -> [(key: String, value: V)] {
        dictionary.map { (key: $0.key, value: $0.value) }.sorted { naturalLess($0.key, $1.key) }
    }

    // MARK: Labels

    /// Where in its file a message is, compactly: `index=2 offset=5120`, `pointer=/value/3`, `line=4`.
    static func location(_ source: MessageSource) -> String {
        var parts: [String] = []
        if let index = source.index { parts.append("index=\(index)") }
        if let offset = source.offset { parts.append("offset=\(offset)") }
        if let line = source.line { parts.append("line=\(line)") }
        if let pointer = source.pointer { parts.append("pointer=\(pointer)") }
        if let descriptor = source.descriptor { parts.append("descriptor=\(descriptor)") }
        if source.recovered { parts.append("recovered") }
        return parts.joined(separator: " ")
    }

    /// Where in its input a diagnostic is, compactly: `line=3 part=1.2 byte=5120`.
    static func location(_ location: SourceLocation) -> String {
        var parts: [String] = []
        if let line = location.line { parts.append("line=\(line)" + (location.column.map { ":\($0)" } ?? "")) }
        if let part = location.partPath { parts.append("part=\(part)") }
        if let pointer = location.pointer { parts.append("pointer=\(pointer)") }
        if let offset = location.byteOffset { parts.append("byte=\(offset)") }
        return parts.joined(separator: " ")
    }

    /// The online product's "Source" column, for an offline input format.
    static func sourceLabel(_ format: String) -> String {
        switch format {
        case "eml": "EML file"
        case "mbox": "mbox"
        case "maildir": "Maildir"
        case "graph-json": "Graph JSON export"
        default: format
        }
    }

    /// The online product's "Status" column, for a planned action.
    static func statusLabel(_ plannedAction: String) -> String {
        switch plannedAction {
        case "none": "No action"
        case "would-warn": "Would warn"
        case "would-move-to-trash": "Would move to trash"
        case "would-delete": "Would delete"
        default: plannedAction
        }
    }

    /// A caveat code for people.
    static func caveatLabel(_ caveat: String) -> String {
        switch caveat {
        case "in-deleted-items": "already in Deleted Items"
        case "senders-own-copy": "sender's own copy"
        case "partly-read": "partly read"
        case "already-read": "already read"
        default: caveat
        }
    }

    /// A mailbox status or not-scanned reason for people.
    static func reasonLabel(_ status: MailboxStatus) -> String {
        switch status {
        case .scanned: "scanned"
        case .notScanned(.notAuthorized): "not authorized (outside authorizedDomains)"
        case .notScanned(.outOfScope): "out of scope (not in mailboxes or groups)"
        case .notScanned(.unreadable): "unreadable"
        case .notScanned(.notInExport): "no mail of it in the export"
        }
    }

    /// One evidence entry on a line: `f2 body (1.2): …snippet…`.
    static func evidenceLine(_ evidence: Evidence, includeSnippet: Bool) -> String {
        var line = "\(evidence.filter) \(evidence.field)"
        if let path = evidence.path, !path.isEmpty { line += " (\(path))" }
        if includeSnippet && !evidence.snippet.isEmpty { line += ": " + evidence.snippet }
        return line
    }
}
