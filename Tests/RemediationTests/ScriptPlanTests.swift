import Foundation
import Remediation
import Testing

/// The PowerShell and Purview scripts: every Message-ID of the report is in the PowerShell plan, a dry
/// run is the default, and hostile values (quotes, typographic quotes, $(...), backticks, ;, newlines,
/// `OR *`) read back as exactly the values they were, inside lines of the expected shape.
struct ScriptPlanTests {
    static func script(_ report: String, _ format: PlanFormat) throws -> String {
        let name = format == .powershell ? "remediate.ps1" : "purview.ps1"
        return try Support.artifacts(report, format).first { $0.name == name }!.text
    }

    /// The `$Items` (or `$Searches`) lines of a script, read back strictly.
    static func entries(_ script: String, list: String) -> [[(String, PowerShellLiterals.Value)]?] {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "$\(list) = @(") else { return [] }
        return lines[(start + 1)...].prefix { $0 != ")" }.map(PowerShellLiterals.hashtable)
    }

    @Test("every Message-ID of the report is in the powershell plan, and every match once", arguments: Support.reports.filter { $0 != "invoice-lure-none" })
    func everyMessageID(report: String) throws {
        let parsed = try Support.report(report)
        let entries = Self.entries(try Self.script(report, .powershell), list: "Items")
        #expect(entries.allSatisfy { $0 != nil }, "a line of $Items does not read back as a hashtable of literals")
        let values = entries.compactMap { $0 }.map { Dictionary($0, uniquingKeysWith: { a, _ in a }) }
        let actionable = parsed.items.filter { $0.action != nil }
        #expect(values.compactMap { if case .number(let n)? = $0["Match"] { n } else { nil } } == actionable.map(\.number))
        for item in actionable {
            let entry = values.first { $0["Match"] == .number(item.number) }
            #expect(entry?["Mailbox"]?.text == item.mailbox)
            #expect(entry?["MessageId"]?.text == item.messageID.map { "<" + $0 + ">" })
            if item.hasGraphAddress {
                #expect(entry?["GraphId"]?.text == item.graphID)
            } else if let id = item.messageID {
                #expect(entry?["Lookup"]?.text == "internetMessageId eq '" + "<\(id)>".replacingOccurrences(of: "'", with: "''") + "'")
            }
        }
    }

    @Test("scripts are a dry run unless -Apply: every change goes through ShouldProcess")
    func dryRunByDefault() throws {
        for format in [PlanFormat.powershell, .purview] {
            let script = try Self.script("invoice-lure-moveToTrash", format)
            #expect(script.contains("[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]"))
            #expect(script.contains("if (-not $Apply -and -not $PSBoundParameters.ContainsKey('WhatIf')) { $WhatIfPreference = $true }"))
            let changing = script.split(separator: "\n").filter { $0.contains("Invoke-MgGraphRequest -Method POST") || $0.contains("-Method PATCH") || $0.contains("New-ComplianceSearch ") }
            #expect(!changing.isEmpty)
        }
        let ps = try Self.script("invoice-lure-moveToTrash", .powershell)
        #expect(ps.components(separatedBy: "$PSCmdlet.ShouldProcess(").count - 1 == 3)
    }

    @Test("hostile values read back exactly; no line outside the data has anything of them")
    func hostileValues() throws {
        let report = try Support.report("hostile")
        for format in [PlanFormat.powershell, .purview] {
            let script = try Self.script("hostile", format)
            let list = format == .powershell ? "Items" : "Searches"
            let entries = Self.entries(script, list: list)
            #expect(!entries.isEmpty && entries.allSatisfy { $0 != nil }, "\(format): a data line does not read back")
            // Outside the data lines and comments, the script is the fixed program: no value leaks in.
            let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = lines.firstIndex(of: "$\(list) = @(")!
            let end = lines[start...].firstIndex(of: ")")!
            for (index, line) in lines.enumerated() where (index < start || index > end) && !line.hasPrefix("#") {
                for marker in ["Remove-", "calc", "Stop-Computer", "whoami", "evil.example", "contoso.example"] {
                    #expect(!line.contains(marker), "\(format) line \(index + 1) holds '\(marker)': \(line)")
                }
                if line.hasPrefix("$") && line.contains(" = '") { #expect(PowerShellLiterals.assignment(line) != nil, "\(line)") }
            }
            // Comment lines stay single lines: the investigation's name holds a newline, shown as a marker.
            #expect(script.contains("# Investigation: Hostile <values> '; $(x) `y` \"z\"[U+000A]second line"))
        }
        let ps = Self.entries(try Self.script("hostile", .powershell), list: "Items").compactMap { $0 }.map { Dictionary($0, uniquingKeysWith: { a, _ in a }) }
        #expect(ps.first { $0["Match"] == .number(2) }?["GraphId"]?.text == "AAMk' + $(Remove-Item C:\\ -Recurse) + '")
        #expect(ps.first { $0["Match"] == .number(2) }?["MessageId"]?.text == "<q’uote‘s‚‛@evil.example>")
        #expect(ps.first { $0["Match"] == .number(3) }?["MessageId"]?.text == "<new\nline\r\u{2028}sep@evil.example>")
        #expect(ps.first { $0["Match"] == .number(1) }?["Mailbox"]?.text == "o'brien@contoso.example")
        #expect(report.items.count == 12)
    }

    @Test("purview: quoted KQL phrases only; values that could widen the search are listed, not searched")
    func purviewQueries() throws {
        let entries = Self.entries(try Self.script("hostile", .purview), list: "Searches").compactMap { $0 }.map { Dictionary($0, uniquingKeysWith: { a, _ in a }) }
        #expect(entries.count == 1)
        let query = entries[0]["Query"]?.text ?? ""
        #expect(query == "(internetmessageid:\"<a'b$(calc)`c;d@evil.example>\")")
        #expect(entries[0]["Locations"] == .list(["o'brien@contoso.example"]))
        for entry in entries {
            let query = entry["Query"]?.text ?? ""
            // Each term is internetmessageid:"..." with no quote, backslash, * or white space inside.
            let terms = query.dropFirst().dropLast().components(separatedBy: " OR ")
            #expect(terms.allSatisfy { $0.range(of: #"^internetmessageid:"[!#-)+-\[\]-~]+"$"#, options: .regularExpression) != nil })
        }
        let unresolved = try JSON.parse(try Support.artifacts("hostile", .purview).first { $0.name == "purview-unresolved.json" }!.bytes)
        let listed = Set(unresolved["items"]?.array?.compactMap { $0["match"]?.int } ?? [])
        #expect(listed == [2, 3, 4, 5, 6, 7, 8, 9, 11, 12])
    }

    @Test("purview batches stay within 10 items per mailbox; mailboxes sharing the ids share a search")
    func purviewBatches() throws {
        var matches: [[String: Any]] = []
        // One campaign in 30 mailboxes, 23 different messages in one mailbox, 12 copies of one message in another.
        for n in 0..<30 { matches.append(Support.match(mailbox: "m\(n)@contoso.example", messageID: "campaign@x.example", graphID: nil, action: "would-delete", format: "eml")) }
        for n in 0..<23 { matches.append(Support.match(mailbox: "busy@contoso.example", messageID: "b\(n)@x.example", graphID: nil, action: "would-delete", format: "eml")) }
        for _ in 0..<12 { matches.append(Support.match(mailbox: "copies@contoso.example", messageID: "same@x.example", graphID: nil, action: "would-delete", format: "eml")) }
        let report = try PlanReport(bytes: try Support.syntheticReport(matches, action: "would-delete"))
        let artifacts = RemediationPlan.artifacts(for: report, format: .purview)
        let script = artifacts.first { $0.name == "purview.ps1" }!.text
        let entries = Self.entries(script, list: "Searches").compactMap { $0 }.map { Dictionary($0, uniquingKeysWith: { a, _ in a }) }
        var perMailbox: [String: Int] = [:]
        for entry in entries {
            guard case .list(let locations)? = entry["Locations"], let query = entry["Query"]?.text else { continue }
            let ids = query.components(separatedBy: " OR ").count
            for mailbox in locations { perMailbox[mailbox, default: 0] += ids }
            #expect(ids <= 10)
        }
        #expect(perMailbox["busy@contoso.example"] == 23)
        #expect(entries.filter { if case .list(let l)? = $0["Locations"] { l.contains("busy@contoso.example") } else { false } }.count == 3)
        #expect(entries.contains { if case .list(let l)? = $0["Locations"] { l.count == 30 } else { false } })
        #expect(perMailbox["copies@contoso.example"] == nil)
        let unresolved = try JSON.parse(artifacts.first { $0.name == "purview-unresolved.json" }!.bytes)
        #expect(unresolved["unresolved"]?.int == 12)
    }
}
