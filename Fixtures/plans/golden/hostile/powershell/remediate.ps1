# Dragnet remediation plan for the Microsoft Graph PowerShell SDK (dragnet plan --format powershell).
# Report SHA-256: 622c08a6ca184849c15ad072a8acadc54da5a79f236385af25f66e37dd5fda92
# Report items: 12; items in this script: 11; planned action: would-delete
# Investigation: Hostile <values> '; $(x) `y` "z"[U+000A]second line
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

$ReportSha256 = '622c08a6ca184849c15ad072a8acadc54da5a79f236385af25f66e37dd5fda92'
$ReportItems = 12
$WarningCategory = 'Dragnet phishing warning'
$WarningMessage = ''

$Items = @(
    @{ Match = 1; Action = 'moveToTrash'; Mailbox = 'o''brien@contoso.example'; MessageId = '<a''b$(calc)`c;d@evil.example>'; GraphId = 'AAMk/../../me/x?y=1#z%2F'; Lookup = $null }
    @{ Match = 2; Action = 'delete'; Mailbox = 'eve@contoso.example''; Remove-Mailbox -Identity *; '''; MessageId = '<q’’uote‘‘s‚‚‛‛@evil.example>'; GraphId = 'AAMk'' + $(Remove-Item C:\ -Recurse) + '''; Lookup = $null }
    @{ Match = 3; Action = 'warn'; Mailbox = 'mallory@contoso.example'; MessageId = ('<new' + [char]0x000A + 'line' + [char]0x000D + [char]0x2028 + 'sep@evil.example>'); GraphId = '..'; Lookup = $null }
    @{ Match = 4; Action = 'delete'; Mailbox = 'trent@contoso.example'; MessageId = '<x" OR * OR "y@evil.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<x" OR * OR "y@evil.example>''' }
    @{ Match = 5; Action = 'delete'; Mailbox = 'trent@contoso.example'; MessageId = '<z) OR internetmessageid:*(@evil.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<z) OR internetmessageid:*(@evil.example>''' }
    @{ Match = 6; Action = 'moveToTrash'; Mailbox = 'trent@contoso.example'; MessageId = '<it''s'') or (1 eq 1@evil.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<it''''s'''') or (1 eq 1@evil.example>''' }
    @{ Match = 7; Action = 'delete'; Mailbox = 'trent@contoso.example'; MessageId = ('<tab' + [char]0x0009 + 'here@evil.example>'); GraphId = $null; Lookup = ('internetMessageId eq ''<tab' + [char]0x0009 + 'here@evil.example>''') }
    @{ Match = 8; Action = 'delete'; Mailbox = 'trent@contoso.example'; MessageId = $null; GraphId = $null; Lookup = $null }
    @{ Match = 9; Action = 'delete'; Mailbox = 'unknown'; MessageId = '<lost@evil.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<lost@evil.example>''' }
    @{ Match = 11; Action = 'delete'; Mailbox = 'trent@contoso.example'; MessageId = '<x"OR*OR"y@evil.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<x"OR*OR"y@evil.example>''' }
    @{ Match = 12; Action = 'delete'; Mailbox = 'trent@contoso.example'; MessageId = '<back\slash*@evil.example>'; GraphId = $null; Lookup = 'internetMessageId eq ''<back\slash*@evil.example>''' }
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
