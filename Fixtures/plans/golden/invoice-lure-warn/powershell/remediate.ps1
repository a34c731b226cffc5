# Dragnet remediation plan for the Microsoft Graph PowerShell SDK (dragnet plan --format powershell).
# Report SHA-256: 037750bd2932a759a55085ef810077d07c0da711133c470c00f23fd576e2cdda
# Report items: 9; items in this script: 9; planned action: would-warn
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

$ReportSha256 = '037750bd2932a759a55085ef810077d07c0da711133c470c00f23fd576e2cdda'
$ReportItems = 9
$WarningCategory = 'Dragnet phishing warning'
$WarningMessage = 'Known phishing: do not open links or attachments.'

$Items = @(
    @{ Match = 1; Action = 'warn'; Mailbox = 'alice.martin@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = 'AAMkADNiYjJkZjQzLWQ2MDUtNWFmYi1hYjExLTQ1OTdlMTFhMDc0NQBGAAAAAABAAryIFthIpFBWlJUj2bHOBwBAAryIFthIpFBWlJUj2bHOAAAAAAEMAABAAryIFthIpFBWlJUj2bHO-deLTx6OAAA='; Lookup = $null }
    @{ Match = 2; Action = 'warn'; Mailbox = 'bruno.keller@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>''' }
    @{ Match = 3; Action = 'warn'; Mailbox = 'bruno.keller@fabrikam.example'; MessageId = '<DB9PR05MB81219ACC0A7A5A4CC26999F49DA48@DB9PR05MB8121.eurprd05.prod.outlook.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<DB9PR05MB81219ACC0A7A5A4CC26999F49DA48@DB9PR05MB8121.eurprd05.prod.outlook.example>''' }
    @{ Match = 4; Action = 'warn'; Mailbox = 'chloe.nguyen@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = 'AAMkADJlN2UwYTEwLWMxYjUtNWJjNC1hN2M1LWEzYzM4ZjViNzhlYwBGAAAAAACsUncZaYZ_OW81XRw5EFnEBwCsUncZaYZ_OW81XRw5EFnEAAAAAAEMAACsUncZaYZ_OW81XRw5EFnET9PFcFwEAAA='; Lookup = $null }
    @{ Match = 5; Action = 'warn'; Mailbox = 'david.okafor@fabrikam.example'; MessageId = '<DB9PR05MB81219ACC0A7A5A4CC26999F49DA48@DB9PR05MB8121.eurprd05.prod.outlook.example>'; GraphId = 'AAMkADkxOTE4YjcyLWMyM2YtNWRkZi05MmQyLTc4ZTIzZTM3OTExMQBGAAAAAAC3FYbKqxh3MT51duY2cFesBwC3FYbKqxh3MT51duY2cFesAAAAAAEMAAC3FYbKqxh3MT51duY2cFes3EovvkSFAAA='; Lookup = $null }
    @{ Match = 6; Action = 'warn'; Mailbox = 'emma.schulz@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>''' }
    @{ Match = 7; Action = 'warn'; Mailbox = 'farid.haddad@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = 'AAMkAGExNmFiOGRlLTMxZWItNWY1OC1iNTYyLWExNzQ0ZGJiYzAzMwBGAAAAAACLxer8xausvArQCQb-xaPiBwCLxer8xausvArQCQb-xaPiAAAAAAEMAACLxer8xausvArQCQb-xaPi0p5b8f9oAAA='; Lookup = $null }
    @{ Match = 8; Action = 'warn'; Mailbox = 'grace.lee@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>''' }
    @{ Match = 9; Action = 'warn'; Mailbox = 'henry.wu@fabrikam.example'; MessageId = '<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>'; GraphId = 'AAMkADcxMWQ2NzA5LThiNGUtNTkzMi1iMzEyLTQ5ODVlZTE3YjQzZABGAAAAAACO8_NkzbJI2pfISp42ZP0YBwCO8_NkzbJI2pfISp42ZP0YAAAAAAEMAACO8_NkzbJI2pfISp42ZP0YoxPNmVOrAAA='; Lookup = $null }
)

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
