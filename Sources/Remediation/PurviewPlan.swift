import JSONOutput

/// Compliance-search and purge commands by Message-ID (§16), `purview.ps1`, for Security & Compliance
/// PowerShell (`Connect-IPPSSession`).
///
/// Purview removes at most ``PlanOptions/purgeItemsPerMailbox`` (10) items per mailbox per purge
/// action. Each mailbox's Message-IDs are cut into chunks whose planned items in that mailbox stay
/// within the limit; mailboxes with the same chunk share one search (`-ExchangeLocation`, at most
/// ``PlanOptions/locationsPerSearch``), whose query is `(internetmessageid:"<id>" OR ...)` — each a
/// quoted KQL phrase (``Escaping/kqlPhrase(_:)``). A search only ever names the mailboxes whose matches
/// have those ids, and a search that finds more items than planned is not purged, so no value can
/// widen a purge. moveToTrash purges with `SoftDelete`, delete with `HardDelete`; warn has no purge.
/// Matches that cannot be searched by Message-ID (none, one a phrase cannot carry, an unknown mailbox,
/// more copies of one Message-ID in one mailbox than one purge removes) are in `purview-unresolved.json`. Dry run unless `-Apply`.
struct PurviewPlan {
    let report: PlanReport
    let options: PlanOptions

    struct Search {
        var locations: [String]
        var messageIDs: [String]
        /// Planned items over all its locations.
        var expected: Int
    }

    func artifacts() -> [PlanArtifact] {
        let actionable = report.items.filter { $0.action == .moveToTrash || $0.action == .delete }
        var searchable: [PlanItem] = []
        var unresolved: [(PlanItem, String)] = []
        for item in report.items where item.action == .warn {
            unresolved.append((item, "Purview search actions cannot warn: use the graph-batch or powershell plan"))
        }
        for item in actionable {
            if !item.isKnownMailbox {
                unresolved.append((item, "the mailbox is unknown"))
            } else if let id = item.messageID, Escaping.kqlPhrase("<" + id + ">") != nil {
                searchable.append(item)
            } else if item.messageID == nil {
                unresolved.append((item, "no Message-ID to search by"))
            } else {
                unresolved.append((item, "the Message-ID holds characters a KQL phrase cannot carry safely (quote, backslash, *, white space, control or non-ASCII)"))
            }
        }
        // More copies of one Message-ID in one mailbox than one purge action removes cannot stay within
        // the limit: listed, not searched.
        var copies: [String: Int] = [:]
        for item in searchable { copies[item.mailbox + "\u{0}" + item.messageID!, default: 0] += 1 }
        let limit = max(1, options.purgeItemsPerMailbox)
        searchable.removeAll { item in
            guard copies[item.mailbox + "\u{0}" + item.messageID!, default: 0] > limit else { return false }
            unresolved.append((item, "more than \(limit) copies of this Message-ID in one mailbox: one purge action removes at most \(limit); use the powershell plan"))
            return true
        }
        unresolved.sort { $0.0.number < $1.0.number }
        let deletes = searchable.filter { $0.action == .delete }
        let moves = searchable.filter { $0.action == .moveToTrash }
        let script = self.script(hard: searches(deletes), soft: searches(moves), items: searchable.count)
        return [PlanArtifact(name: "purview.ps1", bytes: Array(script.utf8)), unresolvedArtifact(unresolved)]
    }

    /// The searches for `items`: per mailbox, chunks of ids within the per-mailbox purge limit; mailboxes
    /// with the same chunk grouped; in a stable order.
    func searches(_ items: [PlanItem]) -> [Search] {
        var perMailbox: [String: [String: Int]] = [:]
        for item in items { perMailbox[item.mailbox, default: [:]]["<" + item.messageID! + ">", default: 0] += 1 }
        let limit = max(1, options.purgeItemsPerMailbox)
        var chunksByKey: [[String]: [(mailbox: String, items: Int)]] = [:]
        for (mailbox, counts) in perMailbox {
            var chunk: [String] = []
            var inChunk = 0
            func flush() {
                if !chunk.isEmpty { chunksByKey[chunk, default: []].append((mailbox, inChunk)) }
                chunk = []
                inChunk = 0
            }
            for id in counts.keys.sorted() {
                let n = counts[id]!
                if inChunk + n > limit { flush() }
                chunk.append(id)
                inChunk += n
            }
            flush()
        }
        var searches: [Search] = []
        for key in chunksByKey.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let members = chunksByKey[key]!.sorted { $0.mailbox < $1.mailbox }
            let size = max(1, options.locationsPerSearch)
            for start in stride(from: 0, to: members.count, by: size) {
                let part = members[start..<min(start + size, members.count)]
                searches.append(Search(locations: part.map(\.mailbox), messageIDs: key, expected: part.reduce(0) { $0 + $1.items }))
            }
        }
        return searches
    }

    func query(_ ids: [String]) -> String {
        "(" + ids.compactMap { Escaping.kqlPhrase($0).map { "internetmessageid:" + $0 } }.joined(separator: " OR ") + ")"
    }

    func script(hard: [Search], soft: [Search], items: Int) -> String {
        var s = ScriptText()
        s.header(report: report, title: "Dragnet remediation plan for Microsoft Purview compliance search (dragnet plan --format purview).", itemsHere: items)
        s.line("#")
        s.line("# Dry run by default: each search and purge is only shown (What if: ...). To apply, after review:")
        s.line("#   Connect-IPPSSession")
        s.line("#   ./purview.ps1 -Apply              # asks before each search; add -Confirm:$false not to be asked")
        s.line("# A purge action removes at most 10 items per mailbox: every search below stays within it, and a")
        s.line("# search that finds more items than planned is not purged.")
        s.line("[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]")
        s.line("param([switch]$Apply, [int]$TimeoutMinutes = 30)")
        s.line("Set-StrictMode -Version 3.0")
        s.line("$ErrorActionPreference = 'Stop'")
        s.line("if (-not $Apply -and -not $PSBoundParameters.ContainsKey('WhatIf')) { $WhatIfPreference = $true }")
        s.line("")
        s.line("$ReportSha256 = " + Escaping.powerShell(report.sha256))
        s.line("$ReportItems = \(report.itemCount)")
        let all = hard.map { ($0, "HardDelete") } + soft.map { ($0, "SoftDelete") }
        if all.isEmpty {
            s.line("# Nothing to purge: " + Escaping.commentText(RemediationPlan.notes(report: report, format: .purview).first ?? "no match to delete or move to trash."))
            s.line("$Searches = @()")
        } else {
            s.line("$Searches = @(")
            let prefix = "Dragnet-" + String(report.sha256.prefix(12)) + "-"
            for (index, (search, purgeType)) in all.enumerated() {
                let fields = [
                    "Name = " + Escaping.powerShell(prefix + threeDigits(index + 1)),
                    "Locations = @(" + search.locations.map(Escaping.powerShell).joined(separator: ", ") + ")",
                    "Query = " + Escaping.powerShell(query(search.messageIDs)),
                    "Expected = \(search.expected)",
                    "PurgeType = '\(purgeType)'",
                ]
                s.line("    @{ " + fields.joined(separator: "; ") + " }")
            }
            s.line(")")
        }
        s.line("")
        s.body(Self.loop)
        return s.text
    }

    static let loop = """
        foreach ($Search in $Searches) {
            $Where = $Search.Locations -join ', '
            $What = 'search ' + $Search.Query + ' and purge (' + $Search.PurgeType + ') at most ' + $Search.Expected + ' items'
            if (-not $PSCmdlet.ShouldProcess($Where, $What)) { continue }
            New-ComplianceSearch -Name $Search.Name -ExchangeLocation $Search.Locations -ContentMatchQuery $Search.Query | Out-Null
            Start-ComplianceSearch -Identity $Search.Name
            $Deadline = (Get-Date).AddMinutes($TimeoutMinutes)
            do {
                Start-Sleep -Seconds 15
                $State = Get-ComplianceSearch -Identity $Search.Name
            } while ($State.Status -ne 'Completed' -and (Get-Date) -lt $Deadline)
            if ($State.Status -ne 'Completed') {
                Write-Warning ($Search.Name + ': the search did not complete in time; not purged')
                continue
            }
            if ($State.Items -gt $Search.Expected) {
                Write-Warning ($Search.Name + ' found ' + $State.Items + ' items, more than the ' + $Search.Expected + ' planned: not purged')
                continue
            }
            New-ComplianceSearchAction -SearchName $Search.Name -Purge -PurgeType $Search.PurgeType -Confirm:$false | Out-Null
        }
        """

    func unresolvedArtifact(_ items: [(PlanItem, String)]) -> PlanArtifact {
        var json = JSONWriter(prettyDepth: 0)
        json.beginObject()
        json.key("report")
        RemediationPlan.reportObject(report, into: &json)
        json.field("unresolved", items.count)
        json.key("items")
        json.beginArray()
        for (item, reason) in items {
            json.beginObject()
            json.field("match", item.number)
            json.field("mailbox", item.mailbox)
            json.field("messageId", item.messageID)
            json.field("plannedAction", item.plannedAction)
            json.field("reason", reason)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return PlanArtifact(name: "purview-unresolved.json", bytes: json.bytes + [0x0A])
    }
}
