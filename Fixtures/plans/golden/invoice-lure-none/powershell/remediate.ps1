# Dragnet remediation plan for the Microsoft Graph PowerShell SDK (dragnet plan --format powershell).
# Report SHA-256: fc0580aed19708c651a42af567b604fc5c739eb2b8f8846ad837bef81c5189af
# Report items: 9; items in this script: 0; planned action: none
# Investigation: Invoice lure INV-204981 (fabrikam-invoices.example)
#
# Dry run by default: each change is only shown (What if: ...). To apply, after review:
#   Connect-MgGraph -Scopes 'Mail.ReadWrite'
#   ./remediate.ps1 -Apply            # asks before each change; add -Confirm:$false not to be asked
# Matches known only by Message-ID (EML, mbox, Maildir sources) are looked up in their mailbox with
# Get-MgUserMessage -Filter "internetMessageId eq '<...>'" (read-only) before the change.
#Requires -Modules Microsoft.Graph.Authentication, Microsoft.Graph.Mail
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param([switch]$Apply)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if (-not $Apply -and -not $PSBoundParameters.ContainsKey('WhatIf')) { $WhatIfPreference = $true }

$ReportSha256 = 'fc0580aed19708c651a42af567b604fc5c739eb2b8f8846ad837bef81c5189af'
$ReportItems = 9
$WarningCategory = 'Dragnet phishing warning'
$WarningMessage = ''

# Nothing to do: The report's planned action is none: there is nothing to remediate (change the investigation's action and run it again).
$Items = @()

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
