import Foundation
import Investigation
import MailModel
import Testing

/// Reports built by hand for the writer tests: a realistic one, an empty one, and one full of hostile
/// values. Timing fields are fixed so golden files are stable.
enum ReportSamples {
    static let startTime = "2026-11-26T10:00:00Z"

    static let investigation = Investigation(
        name: "Invoice lure, November",
        description: "Reported by finance on 26 Nov.\nSee ticket IR-4711.",
        scope: Scope(
            mailboxes: nil, groups: ["Finance"], authorizedDomains: ["contoso.com"],
            dateRange: DateRange(from: 1_793_491_200, until: 1_795_737_600, fromText: "2026-11-01", toText: "2026-11-26"),
            folders: ["Inbox", "Junk Email", "Deleted Items"]),
        match: .any,
        filters: [
            .condition(Condition(id: "f1", field: .from, op: .equals, values: [.text("billing@contoso-invoices.com")], location: FileLocation(line: 9, column: 5))),
            .condition(Condition(id: "f2", field: .subject, op: .contains, values: [.text("Invoice overdue")], location: FileLocation(line: 10, column: 5))),
            .condition(Condition(
                id: "f3", field: .attachmentSHA256, op: .equals,
                values: [.text("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")], location: FileLocation(line: 11, column: 5))),
            .all([
                .condition(Condition(id: "f4", field: .senderName, op: .contains, values: [.text("Accounts Payable")], caseSensitive: true, location: FileLocation(line: 13, column: 9))),
                .not(.condition(Condition(id: "f5", field: .from, op: .equals, values: [.text("contoso.com")], location: FileLocation(line: 14, column: 16)))),
            ]),
            .condition(Condition(id: "f6", field: .attachmentSize, op: .equals, values: [.size(min: 1000, max: 50_000), .size(min: 2048, max: 2048)], location: FileLocation(line: 15, column: 5))),
            .condition(Condition(id: "f7", field: .header, op: .contains, values: [.text("PHPMailer")], headerName: "X-Mailer", location: FileLocation(line: 16, column: 5))),
        ],
        action: Action(kind: .warn, message: "This email is a known phishing attempt. Do not open it."),
        path: "investigations/invoice-lure.yaml",
        fileSHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")

    static var report: InvestigationReport {
        var summary = InvestigationReport.Summary()
        summary.mailboxesScanned = 3
        summary.mailboxesNotScanned = [
            .init(mailbox: "dave@fabrikam.com", reason: .notAuthorized),
            .init(mailbox: "erin@contoso.com", reason: .outOfScope),
        ]
        summary.mailboxesWithMatches = 2
        summary.messagesScanned = 1245
        summary.messagesMatched = 3
        summary.messagesUndated = 4
        summary.messagesOutsideDateRange = 7
        summary.messagesOutsideFolders = 12
        summary.messagesUnsearchable = 6
        summary.unsearchableByFilter = ["f3": 6, "f7": 2]
        summary.matchesByFolder = ["Junk Email": 1, "Inbox": 1, "Deleted Items": 1]
        summary.matchesByFilter = ["f2": 1, "f1": 2, "f3": 1, "f4": 1, "f5": 1]
        summary.durationSeconds = 1.25

        let matches = [
            MatchRow(
                mailbox: "alice@contoso.com", folder: "Deleted Items",
                source: MessageSource(format: "eml", path: "export/alice@contoso.com/Deleted Items/0007.eml"),
                messageID: "inv-204311@contoso-invoices.com", date: 1_795_167_000,
                from: "billing@contoso-invoices.com", senderName: "Accounts Payable", to: ["alice@contoso.com"],
                subject: "Invoice overdue: INV-204311", hasAttachments: true, attachmentNames: ["INV-204311.html"],
                matchedFilters: ["f1", "f3"], matchedFilterLabels: [
                    "from equals \"billing@contoso-invoices.com\"",
                    "attachmentSHA256 equals \"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\"",
                ],
                evidence: [
                    Evidence(filter: "f1", field: "from", path: nil, snippet: "SNIPPET-FROM billing@contoso-invoices.com"),
                    Evidence(filter: "f3", field: "attachment", path: "1.2", snippet: "SNIPPET-ATTACHMENT INV-204311.html"),
                ],
                plannedAction: "would-warn", warningMessage: "This email is a known phishing attempt. Do not open it.",
                caveats: ["in-deleted-items"], isRead: nil),
            MatchRow(
                mailbox: "alice@contoso.com", folder: "Inbox",
                source: MessageSource(format: "graph-json", path: "export/alice@contoso.com/messages.json", pointer: "/value/3"),
                messageID: "inv-204311@contoso-invoices.com", date: 1_795_167_000,
                from: "billing@contoso-invoices.com", senderName: "Accounts Payable", to: ["alice@contoso.com", "finance@contoso.com"],
                subject: "Invoice overdue: INV-204311", hasAttachments: true, attachmentNames: ["INV-204311.html"],
                matchedFilters: ["f1", "f2"], matchedFilterLabels: [
                    "from equals \"billing@contoso-invoices.com\"", "subject contains \"Invoice overdue\"",
                ],
                evidence: [
                    Evidence(filter: "f1", field: "from", path: nil, snippet: "SNIPPET-FROM billing@contoso-invoices.com"),
                    Evidence(filter: "f2", field: "subject", path: nil, snippet: "SNIPPET-SUBJECT Invoice overdue: INV-204311"),
                ],
                plannedAction: "would-warn", warningMessage: "This email is a known phishing attempt. Do not open it.",
                caveats: ["already-read"], isRead: true, receivedDate: 1_795_167_012,
                graphID: "AAMkAGI2TG93AAA=", categories: ["Finance"]),
            MatchRow(
                mailbox: "bob@contoso.com", folder: "Junk Email",
                source: MessageSource(format: "mbox", path: "export/bob@contoso.com/Junk Email.mbox", index: 2, offset: 5120),
                messageID: nil, date: nil,
                from: "ap@contoso-billing.net", senderName: "Accounts Payable", to: [],
                subject: "Payment details", hasAttachments: false, attachmentNames: [],
                matchedFilters: ["f4", "f5"], matchedFilterLabels: [
                    "senderName contains \"Accounts Payable\" (case-sensitive)", "from equals \"contoso.com\"",
                ],
                evidence: [
                    Evidence(filter: "f4", field: "senderName", path: nil, snippet: "SNIPPET-NAME Accounts Payable"),
                    Evidence(filter: "f5", field: "body", path: "1.1", snippet: "SNIPPET-BODY please arrange the wire transfer\ntoday, \"urgent\""),
                ],
                plannedAction: "would-warn", warningMessage: "This email is a known phishing attempt. Do not open it.",
                caveats: ["partly-read"], isRead: false),
        ]

        let diagnostics = [
            Diagnostic(
                severity: .warning, code: "mime.close-boundary-not-found", message: "The closing boundary of multipart 1 is missing.",
                location: SourceLocation(path: "export/bob@contoso.com/Junk Email.mbox", byteOffset: 5120, partPath: "1")),
            Diagnostic(
                severity: .error, code: "input.unreadable", message: "Permission denied.",
                location: SourceLocation(path: "export/carol@contoso.com/broken.json")),
            Diagnostic(
                severity: .note, code: "graph.truncated-powershell", message: "A recipient list was cut by PowerShell's depth limit.",
                location: SourceLocation(path: "export/carol@contoso.com/page.json", line: 1, column: 7, pointer: "/value/0/toRecipients")),
        ]

        return InvestigationReport(
            investigation: investigation, summary: summary,
            mailboxes: [
                .init(mailbox: "alice@contoso.com", status: .scanned, messagesScanned: 1120, matches: 2),
                .init(mailbox: "bob@contoso.com", status: .scanned, messagesScanned: 80, matches: 1),
                .init(mailbox: "carol@contoso.com", status: .scanned, messagesScanned: 45, matches: 0),
                .init(mailbox: "dave@fabrikam.com", status: .notScanned(.notAuthorized), messagesScanned: 0, matches: 0),
                .init(mailbox: "erin@contoso.com", status: .notScanned(.outOfScope), messagesScanned: 0, matches: 0),
            ],
            matches: matches, diagnostics: diagnostics,
            run: .init(toolVersion: "0.1.0-test", options: ["jobs": "2", "format": "json"], startTime: startTime, inputs: ["export"], durationSeconds: 1.25))
    }

    /// A run that found nothing and read everything.
    static var empty: InvestigationReport {
        let investigation = Investigation(
            name: "Nothing to see", filters: [.condition(Condition(id: "f1", field: .keyword, op: .contains, values: [.text("wire transfer")]))])
        var summary = InvestigationReport.Summary()
        summary.mailboxesScanned = 1
        summary.messagesScanned = 10
        return InvestigationReport(
            investigation: investigation, summary: summary,
            mailboxes: [.init(mailbox: "alice@contoso.com", status: .scanned, messagesScanned: 10, matches: 0)],
            matches: [], diagnostics: [],
            run: .init(toolVersion: "0.1.0-test", options: [:], startTime: startTime, inputs: ["export"], durationSeconds: 0))
    }

    // MARK: hostile values

    static let scriptSubject = "<script>alert(1)</script>"
    static let hyperlinkSender = "=HYPERLINK(\"http://evil\")"
    static let ddeName = "+cmd|' /C calc'!A0"
    static let sumRecipient = "@SUM(1+1)*cmd|' /C calc'!A0"
    static let minusRecipient = "-2+3+cmd|' /C calc'!A0"
    static let tabAttachment = "\tinvoice\".html"
    static let rtlAttachment = "invoice\u{202E}lmth.exe"
    static let crFolder = "\rInbox"
    static let multilineSubject = "Line one, \"quoted\"\r\nLine two\nLine three\u{0}after NUL"
    static let hostileMessageID = "a,b\"c\nd<e>@evil"
    static let hostileName = "<b>Invoice</b> & \"lure\" 'x' </title><script>alert(2)</script>"
    static let hostileDescription = "<img src=x onerror=alert(3)>"
    static let hostileSnippet = "</span></td><script>evil()</script>\u{1B}[31m\u{0}"
    static let hostileMailbox = "\"><svg onload=alert(4)>@contoso.com"

    /// Every hostile value the tests check, as plain strings.
    static let hostileValues = [
        scriptSubject, hyperlinkSender, ddeName, sumRecipient, minusRecipient, tabAttachment, rtlAttachment, crFolder,
        multilineSubject, hostileMessageID, hostileName, hostileDescription, hostileSnippet, hostileMailbox,
    ]

    static var hostile: InvestigationReport {
        let investigation = Investigation(
            name: hostileName, description: hostileDescription,
            scope: Scope(mailboxes: [hostileMailbox], folders: [crFolder]),
            filters: [.condition(Condition(id: "f1", field: .subject, op: .contains, values: [.text(scriptSubject)]))],
            action: Action(kind: .warn, message: hyperlinkSender),
            path: "inv/\"quoted\" & <odd>.yaml", fileSHA256: "00")
        var summary = InvestigationReport.Summary()
        summary.mailboxesScanned = 1
        summary.mailboxesNotScanned = [.init(mailbox: scriptSubject, reason: .notAuthorized)]
        summary.mailboxesWithMatches = 1
        summary.messagesScanned = 2
        summary.messagesMatched = 2
        summary.matchesByFolder = [crFolder: 1, scriptSubject: 1]
        summary.matchesByFilter = ["f1": 2]
        let first = MatchRow(
            mailbox: hostileMailbox, folder: crFolder,
            source: MessageSource(format: "eml", path: "export/\"q\",<x>.eml"),
            messageID: hostileMessageID, date: 1_795_280_709,
            from: hyperlinkSender, senderName: ddeName, to: [sumRecipient, minusRecipient],
            subject: scriptSubject, hasAttachments: true, attachmentNames: [tabAttachment, rtlAttachment],
            matchedFilters: ["f1"], matchedFilterLabels: ["subject contains \"\(scriptSubject)\""],
            evidence: [Evidence(filter: "f1", field: "subject", path: nil, snippet: hostileSnippet)],
            plannedAction: "would-warn", warningMessage: hyperlinkSender, caveats: [], isRead: nil)
        let second = MatchRow(
            mailbox: hostileMailbox, folder: scriptSubject,
            source: MessageSource(format: "graph-json", path: "export/x.json", pointer: "/value/0\"<>"),
            messageID: nil, date: nil,
            from: ddeName, senderName: hyperlinkSender, to: [crFolder],
            subject: multilineSubject, hasAttachments: true, attachmentNames: [],
            matchedFilters: ["f1"], matchedFilterLabels: ["subject contains \"\(scriptSubject)\""],
            evidence: [Evidence(filter: "f1", field: "subject", path: "1\"<b>", snippet: multilineSubject)],
            plannedAction: "would-delete", warningMessage: nil, caveats: [minusRecipient], isRead: true,
            graphID: "AAMk'\"/../$(x)`;", categories: [scriptSubject])
        return InvestigationReport(
            investigation: investigation, summary: summary,
            mailboxes: [.init(mailbox: hostileMailbox, status: .scanned, messagesScanned: 2, matches: 2)],
            matches: [first, second],
            diagnostics: [
                Diagnostic(
                    severity: .error, code: "input.unreadable", message: scriptSubject,
                    location: SourceLocation(path: hostileMailbox, pointer: hostileMessageID))
            ],
            run: .init(
                toolVersion: "0.1.0-test", options: [scriptSubject: hyperlinkSender], startTime: startTime,
                inputs: [hostileMailbox], durationSeconds: 0.5))
    }
}

/// Golden files in `Fixtures/reports`, located from this file: Tests/ReportsTests/X.swift → ../../Fixtures.
enum Goldens {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reports", isDirectory: true)

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// The golden bytes for `name`; `RECORD_GOLDENS=1` writes them from `actual` first. A missing
    /// golden file is a failure, never recorded silently.
    static func expected(_ name: String, actual: [UInt8]) throws -> [UInt8] {
        let url = directory.appendingPathComponent(name)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual).write(to: url)
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing golden file Fixtures/reports/\(name); RECORD_GOLDENS=1 writes it (review the diff)")
            return []
        }
        return [UInt8](try Data(contentsOf: url))
    }
}

/// A strict RFC 4180 reader for the tests: CRLF record ends, quoted fields with doubled quotes.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var fieldStarted = false
        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            fieldStarted = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if !fieldStarted && c == "\"" {
                // Quoted field.
                i += 1
                while true {
                    guard i < scalars.count else { throw Malformed(description: "unterminated quoted field") }
                    if scalars[i] == "\"" {
                        if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                            field.append("\"")
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    field.append(scalars[i])
                    i += 1
                }
                fieldStarted = true
                guard i == scalars.count || scalars[i] == "," || scalars[i] == "\r" else {
                    throw Malformed(description: "text after a closing quote at \(i)")
                }
                continue
            }
            switch c {
            case ",":
                endField()
                fieldStarted = false
                i += 1
                continue
            case "\r":
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else { throw Malformed(description: "bare CR at \(i)") }
                endField()
                records.append(record)
                record = []
                i += 2
                continue
            case "\n": throw Malformed(description: "bare LF at \(i)")
            case "\"": throw Malformed(description: "quote inside an unquoted field at \(i)")
            default:
                field.append(c)
                fieldStarted = true
                i += 1
            }
        }
        if fieldStarted || !record.isEmpty { throw Malformed(description: "the last record does not end with CRLF") }
        return records
    }
}
