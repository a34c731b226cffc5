/// One script for the Microsoft Graph PowerShell SDK covering every match (§16), `remediate.ps1`.
///
/// It changes nothing unless run with `-Apply`: without it `$WhatIfPreference` is set and every change
/// goes through `ShouldProcess`, so it is only shown (`What if: ...`). Matches with a Graph id are
/// addressed by it; the others are looked up in their mailbox by `internetMessageId eq '<...>'`
/// (`Get-MgUserMessage -Filter`, read-only). The changes are the Graph requests of the graph-batch plan
/// (`Invoke-MgGraphRequest`: `move` to `deleteditems`, `permanentDelete`, a `PATCH` adding the warning
/// category to the categories read first).
///
/// Every value from the report is a single-quoted PowerShell literal (``Escaping/powerShell(_:)``):
/// nothing in a Message-ID, an address or an id is ever interpolated or run.
struct PowerShellPlan {
    let report: PlanReport
    let options: PlanOptions

    func artifacts() -> [PlanArtifact] {
        [PlanArtifact(name: "remediate.ps1", bytes: Array(script().utf8))]
    }

    func script() -> String {
        let items = report.items.filter { $0.action != nil }
        var s = ScriptText()
        s.header(report: report, title: "Dragnet remediation plan for the Microsoft Graph PowerShell SDK (dragnet plan --format powershell).", itemsHere: items.count)
        s.line("#")
        s.line("# Dry run by default: each change is only shown (What if: ...). To apply, after review:")
        s.line("#   Connect-MgGraph -Scopes 'Mail.ReadWrite'")
        s.line("#   ./remediate.ps1 -Apply            # asks before each change; add -Confirm:$false not to be asked")
        s.line("# Matches known only by Message-ID (EML, mbox, Maildir sources) are looked up in their mailbox with")
        s.line("# Get-MgUserMessage -Filter \"internetMessageId eq '<...>'\" (read-only) before the change.")
        s.line("#Requires -Modules Microsoft.Graph.Authentication, Microsoft.Graph.Mail")
        s.line("[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]")
        s.line("param([switch]$Apply)")
        s.line("Set-StrictMode -Version 3.0")
        s.line("$ErrorActionPreference = 'Stop'")
        s.line("if (-not $Apply -and -not $PSBoundParameters.ContainsKey('WhatIf')) { $WhatIfPreference = $true }")
        s.line("")
        s.line("$ReportSha256 = " + Escaping.powerShell(report.sha256))
        s.line("$ReportItems = \(report.itemCount)")
        s.line("$WarningCategory = " + Escaping.powerShell(options.warningCategory))
        s.line("$WarningMessage = " + Escaping.powerShell(report.warningMessage ?? ""))
        s.line("")
        if items.isEmpty {
            s.line("# Nothing to do: " + Escaping.commentText(RemediationPlan.notes(report: report, format: .powershell).first ?? "no actionable match."))
            s.line("$Items = @()")
        } else {
            s.line("$Items = @(")
            for item in items {
                let messageID = item.messageID.map { "<" + $0 + ">" }
                let lookup = messageID.map { "internetMessageId eq " + Escaping.odataString($0) }
                var fields = [
                    "Match = \(item.number)", "Action = '\(item.action!.rawValue)'", "Mailbox = " + Escaping.powerShell(item.mailbox),
                    "MessageId = " + (messageID.map(Escaping.powerShell) ?? "$null"),
                ]
                fields.append("GraphId = " + (item.hasGraphAddress ? Escaping.powerShell(item.graphID ?? "") : "$null"))
                fields.append("Lookup = " + (item.hasGraphAddress ? "$null" : lookup.map(Escaping.powerShell) ?? "$null"))
                s.line("    @{ " + fields.joined(separator: "; ") + " }")
            }
            s.line(")")
        }
        s.line("")
        s.body(Self.loop)
        return s.text
    }

    /// The part of the script that is the same for every plan.
    static let loop = """
        foreach ($Item in $Items) {
            if (-not $Item.Mailbox -or $Item.Mailbox -eq 'unknown') {
                Write-Warning ('match ' + $Item.Match + ': the mailbox is unknown; remove the message by hand')
                continue
            }
            if ($Item.GraphId) {
                $Ids = @($Item.GraphId)
            } elseif ($Item.Lookup) {
                $Ids = @(Get-MgUserMessage -UserId $Item.Mailbox -Filter $Item.Lookup -Property 'id' -All | ForEach-Object { $_.Id })
                if ($Ids.Count -eq 0) {
                    Write-Warning ('match ' + $Item.Match + ': no message with this Message-ID in ' + $Item.Mailbox)
                    continue
                }
            } else {
                Write-Warning ('match ' + $Item.Match + ': no Graph id and no Message-ID to look it up by; remove it by hand')
                continue
            }
            foreach ($Id in $Ids) {
                $Uri = '/v1.0/users/' + [uri]::EscapeDataString($Item.Mailbox) + '/messages/' + [uri]::EscapeDataString($Id)
                $Target = 'match ' + $Item.Match + ' in ' + $Item.Mailbox + ' (' + $Id + ')'
                switch ($Item.Action) {
                    'moveToTrash' {
                        if ($PSCmdlet.ShouldProcess($Target, 'move to Deleted Items')) {
                            $Body = @{ destinationId = 'deleteditems' } | ConvertTo-Json -Compress
                            Invoke-MgGraphRequest -Method POST -Uri ($Uri + '/move') -Body $Body -ContentType 'application/json' | Out-Null
                        }
                    }
                    'delete' {
                        if ($PSCmdlet.ShouldProcess($Target, 'delete permanently')) {
                            Invoke-MgGraphRequest -Method POST -Uri ($Uri + '/permanentDelete') | Out-Null
                        }
                    }
                    'warn' {
                        if ($PSCmdlet.ShouldProcess($Target, 'add the category ' + $WarningCategory)) {
                            $Current = Invoke-MgGraphRequest -Method GET -Uri ($Uri + '?$select=categories')
                            $Categories = @(@($Current['categories']) | Where-Object { $_ -and $_ -ne $WarningCategory }) + @($WarningCategory)
                            $Body = @{ categories = $Categories } | ConvertTo-Json -Compress
                            Invoke-MgGraphRequest -Method PATCH -Uri $Uri -Body $Body -ContentType 'application/json' | Out-Null
                        }
                    }
                }
            }
        }
        """
}

/// Lines of a script, with the header every plan script starts with.
struct ScriptText {
    var text = ""

    mutating func line(_ s: String) { text += s + "\n" }
    mutating func body(_ s: String) { text += s + "\n" }

    mutating func header(report: PlanReport, title: String, itemsHere: Int) {
        line("# " + title)
        line("# Report SHA-256: " + report.sha256)
        line("# Report items: \(report.itemCount); items in this script: \(itemsHere); planned action: " + Escaping.commentText(report.plannedAction))
        line("# Investigation: " + Escaping.commentText(report.investigationName))
    }
}
