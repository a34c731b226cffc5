import Ingest
import Investigation
import MIME
import MailModel

/// An investigation file: loading it never fails but with `rule.*` errors placed in the file, and a
/// valid one compiles and evaluates over sample items.
enum InvestigationFuzzTarget {
    static func run(_ input: [UInt8], into violations: inout Violations) {
        guard let file = ScratchFile(input, suffix: ".yaml") else {
            violations.add("no temporary file could be written")
            return
        }
        let loaded: LoadedInvestigation
        do {
            loaded = try InvestigationFile.load(path: file.path)
        } catch {
            violations.check(!error.errors.isEmpty, "the file was refused without an error")
            violations.check(error.errors.count <= InvestigationFile.maxErrors + 1, "\(error.errors.count) errors, over maxErrors")
            check(error.errors + error.warnings, input: input, into: &violations)
            return
        }
        check(loaded.warnings, input: input, into: &violations)
        let investigation = loaded.investigation
        let evaluator = InvestigationEvaluator(investigation: investigation)
        let ids = Set(investigation.conditions.map(\.id))
        let scope = ScopeEvaluator(scope: investigation.scope, groupMembers: ["fuzz@example.com"])
        for item in sampleItems {
            _ = scope.exclusion(ofMailbox: item.mailbox)
            _ = scope.placement(of: item)
            let verdict = evaluator.evaluate(item)
            violations.check(Set(verdict.matchedConditions).isSubset(of: ids), "matched conditions \(verdict.matchedConditions) not in the file")
            violations.check(Set(verdict.unknownConditions).isSubset(of: ids), "unknown conditions \(verdict.unknownConditions) not in the file")
        }
    }

    /// Every problem has a code of the investigation file catalogue, a message, and a place inside the file.
    static func check(_ problems: [InvestigationFileError], input: [UInt8], into violations: inout Violations) {
        let lines = yamlLineCount(input)
        for problem in problems {
            violations.check(InvestigationFileCode.all.contains(problem.code), "code \(problem.code) is not in InvestigationFileCode")
            violations.check(!problem.message.isEmpty, "[\(problem.code)] without a message")
            violations.check(problem.line >= 0 && problem.line <= lines && problem.column >= 0, "[\(problem.code)] at \(problem.line):\(problem.column), outside the file's \(lines) lines")
        }
    }

    /// Lines as YAML counts them: broken by CR LF, CR, LF, NEL, LS and PS (a UTF-16 file may count
    /// more, which only loosens the check).
    static func yamlLineCount(_ input: [UInt8]) -> Int {
        var lines = 1
        for (i, b) in input.enumerated() {
            switch b {
            case 0x0A: lines += 1
            case 0x0D where i + 1 == input.count || input[i + 1] != 0x0A: lines += 1
            case 0x85 where i > 0 && input[i - 1] == 0xC2: lines += 1
            case 0xA8 where i > 1 && input[i - 1] == 0x80 && input[i - 2] == 0xE2,
                 0xA9 where i > 1 && input[i - 1] == 0x80 && input[i - 2] == 0xE2: lines += 1
            default: break
            }
        }
        return lines
    }

    /// Items with every field an investigation reads: a phishing message, the same message as a
    /// Graph export without headers or attachments, and an empty message.
    static let sampleItems: [MailItem] = {
        let eml = """
            Received: from mail.fabrikam-invoices.example ([203.0.113.7]) by mx.contoso.example; Tue, 24 Nov 2026 09:12:00 +0000
            X-Originating-IP: [198.51.100.23]
            X-Mailer: PHPMailer 6.0
            From: "Accounts Payable" <billing@fabrikam-invoices.example>
            To: alice@contoso.example, Bob <bob@contoso.example>
            Cc: finance@contoso.example
            Bcc: audit@contoso.example
            Subject: =?utf-8?q?Overdue_invoice_INV-204331?=
            Date: Tue, 24 Nov 2026 09:11:40 +0000
            Message-ID: <inv-204331@fabrikam-invoices.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: multipart/alternative; boundary="b2"

            --b2
            Content-Type: text/plain; charset=utf-8

            Please pay by wire transfer today: https://fabrikam-invoices.example/pay?id=204331
            --b2
            Content-Type: text/html; charset=utf-8

            <p>Please pay by <b>wire transfer</b> today.</p><a href="https://xn--fabrkam-t2a.example/pay">Pay</a> <img src="http://203.0.113.9/p.gif">
            --b2--
            --b1
            Content-Type: text/html; name="invoice.html"
            Content-Disposition: attachment; filename="invoice.html"
            Content-Transfer-Encoding: base64

            PGh0bWw+PGJvZHk+SW52b2ljZTwvYm9keT48L2h0bWw+
            --b1--

            """
        let message = MIMEParser().parse(Array(eml.utf8))
        let source = MessageSource(format: "eml", path: "sample.eml")
        let phish = MIMEItemNormalizer().item(from: message, source: source, mailbox: "alice@contoso.example", folder: "Inbox")
        var uncollected = phish
        uncollected.source = MessageSource(format: "graph-json", path: "sample.json", pointer: "/value/0")
        uncollected.headers = .notCollected
        uncollected.senderIPs = .notCollected
        uncollected.attachments = .notCollected
        uncollected.unknownFields = ["to", "subject", "body"]
        let empty = MailItem(source: MessageSource(format: "eml", path: "empty.eml"))
        return [phish, uncollected, empty]
    }()
}
