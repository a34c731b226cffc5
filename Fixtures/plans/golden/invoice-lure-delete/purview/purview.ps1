# Dragnet remediation plan for Microsoft Purview compliance search (dragnet plan --format purview).
# Report SHA-256: 26f4989adc8abe050f031687bf41946fe227322ad5d48c07b7ec7018ac64dc74
# Report items: 9; items in this script: 9; planned action: would-delete
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

$ReportSha256 = '26f4989adc8abe050f031687bf41946fe227322ad5d48c07b7ec7018ac64dc74'
$ReportItems = 9
$Searches = @(
    @{ Name = 'Dragnet-26f4989adc8a-001'; Locations = @('david.okafor@fabrikam.example'); Query = '(internetmessageid:"<DB9PR05MB81219ACC0A7A5A4CC26999F49DA48@DB9PR05MB8121.eurprd05.prod.outlook.example>")'; Expected = 1; PurgeType = 'HardDelete' }
    @{ Name = 'Dragnet-26f4989adc8a-002'; Locations = @('bruno.keller@fabrikam.example'); Query = '(internetmessageid:"<DB9PR05MB81219ACC0A7A5A4CC26999F49DA48@DB9PR05MB8121.eurprd05.prod.outlook.example>" OR internetmessageid:"<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>")'; Expected = 2; PurgeType = 'HardDelete' }
    @{ Name = 'Dragnet-26f4989adc8a-003'; Locations = @('alice.martin@fabrikam.example', 'chloe.nguyen@fabrikam.example', 'emma.schulz@fabrikam.example', 'farid.haddad@fabrikam.example', 'grace.lee@fabrikam.example', 'henry.wu@fabrikam.example'); Query = '(internetmessageid:"<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>")'; Expected = 6; PurgeType = 'HardDelete' }
)

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
