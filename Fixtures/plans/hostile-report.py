#!/usr/bin/env python3
"""Writes Fixtures/plans/reports/hostile.json: a report (reduced to what `dragnet plan` reads) whose
Message-IDs, mailboxes, Graph ids and categories try to inject into the generated requests, scripts and
queries: quotes (straight and typographic), $(...), backticks, ;, newlines and line separators, `OR *`,
`..` and `/` in ids. Run from the package root."""
import json

def row(mailbox, fmt, path, mid, gid, action, cats=None, warn=None, pointer=None):
    src = {"format": fmt, "path": path}
    if pointer is not None:
        src["pointer"] = pointer
    return {"mailbox": mailbox, "folder": "Inbox", "source": src, "messageId": mid, "date": None, "from": "x@evil.example",
            "senderName": None, "to": [], "subject": "s", "hasAttachments": False, "attachments": [], "matchedFilters": [],
            "evidence": [], "plannedAction": action, "warningMessage": warn, "caveats": [], "isRead": None,
            "receivedDate": None, "graphId": gid, "categories": cats, "campaign": "c1"}

W = "Don't click – it's \"phishing\"; $(Stop-Computer) `whoami`"
matches = [
    row("o'brien@contoso.example", "graph-json", "export/x.json", "a'b$(calc)`c;d@evil.example", "AAMk/../../me/x?y=1#z%2F", "would-move-to-trash", pointer="/value/0"),
    row("eve@contoso.example'; Remove-Mailbox -Identity *; '", "graph-json", "export/x.json", "q’uote‘s‚‛@evil.example", "AAMk' + $(Remove-Item C:\\ -Recurse) + '", "would-delete", pointer="/value/1"),
    row("mallory@contoso.example", "graph-json", "export/x.json", "new\nline\r\u2028sep@evil.example", "..", "would-warn",
        cats=["Red category", "it's \"quoted\"", "Dragnet phishing warning"], warn=W, pointer="/value/2"),
    row("trent@contoso.example", "eml", "export/trent/1.eml", "x\" OR * OR \"y@evil.example", None, "would-delete"),
    row("trent@contoso.example", "eml", "export/trent/2.eml", "z) OR internetmessageid:*(@evil.example", None, "would-delete"),
    row("trent@contoso.example", "eml", "export/trent/3.eml", "it's') or (1 eq 1@evil.example", None, "would-move-to-trash"),
    row("trent@contoso.example", "eml", "export/trent/4.eml", "tab\there@evil.example", None, "would-delete"),
    row("trent@contoso.example", "eml", "export/trent/5.eml", None, None, "would-delete"),
    row("unknown", "eml", "export/unknown.eml", "lost@evil.example", None, "would-delete"),
    row("victor@contoso.example", "mbox", "export/victor.mbox", "ok-1@evil.example", None, "none"),
    row("trent@contoso.example", "eml", "export/trent/6.eml", "x\"OR*OR\"y@evil.example", None, "would-delete"),
    row("trent@contoso.example", "eml", "export/trent/7.eml", "back\\slash*@evil.example", None, "would-delete"),
]
doc = {"investigation": {"name": "Hostile <values> '; $(x) `y` \"z\"\nsecond line", "description": None, "path": "h.yaml",
                         "sha256": "00", "scope": {}, "match": "any", "filters": [],
                         "action": {"type": "delete", "message": None, "plannedAction": "would-delete"}},
       "summary": {}, "mailboxes": [], "campaigns": [], "matches": matches, "diagnostics": [], "run": {}}
with open("Fixtures/plans/reports/hostile.json", "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
