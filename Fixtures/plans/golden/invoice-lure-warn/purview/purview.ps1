# Dragnet remediation plan for Microsoft Purview compliance search (dragnet plan --format purview).
# Report SHA-256: 037750bd2932a759a55085ef810077d07c0da711133c470c00f23fd576e2cdda
# Report items: 9; items in this script: 0; planned action: would-warn
# Investigation: Invoice lure INV-204981 (fabrikam-invoices.example)
#
# Dry run by default: each search and purge is only shown (What if: ...). To apply, after review:
#   Connect-IPPSSession
#   ./purview.ps1 -Apply              # asks before each search; add -Confirm:$false not to be asked
# A purge action removes at most 10 items per mailbox: every search below stays within it, and a
# search that finds more items than planned is not purged.
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param([switch]$Apply, [int]$TimeoutMinutes = 30)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if (-not $Apply -and -not $PSBoundParameters.ContainsKey('WhatIf')) { $WhatIfPreference = $true }

$ReportSha256 = '037750bd2932a759a55085ef810077d07c0da711133c470c00f23fd576e2cdda'
$ReportItems = 9
# Nothing to purge: Each compliance search holds at most 10 planned items per mailbox (Purview removes at most 10 items per mailbox per purge action); a search that finds more items than planned is not purged.
$Searches = @()

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
