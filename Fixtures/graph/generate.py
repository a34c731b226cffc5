#!/usr/bin/env python3
"""Writes the Graph JSON fixtures in this folder (synthetic; see README.md for what each tests).

Run from anywhere: `python3 Fixtures/graph/generate.py`. The output is deterministic. Files that
need exact bytes (BOMs, UTF-16, raw control characters, invalid JSON) are written here rather than
by hand so that editors cannot "fix" them.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CTX = "https://graph.microsoft.com/v1.0/$metadata#users('alice%40contoso.example')/messages"


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def rcpt(address, name=None):
    return {"emailAddress": {"name": name or address.split("@")[0].title(), "address": address}}


def msg(n, **extra):
    m = {
        "id": "AAMkAGI2-msg-%d" % n,
        "receivedDateTime": "2026-11-2%dT09:30:00Z" % (n % 10),
        "sentDateTime": "2026-11-2%dT09:29:58Z" % (n % 10),
        "hasAttachments": False,
        "internetMessageId": "<msg-%d@mail.example>" % n,
        "subject": "Message %d" % n,
        "bodyPreview": "Preview of message %d" % n,
        "importance": "normal",
        "parentFolderId": "AQMkAGI2-inbox",
        "isRead": n % 2 == 0,
        "isDraft": False,
        "body": {"contentType": "html", "content": "<html><body><p>Body of message %d</p></body></html>" % n},
        "sender": rcpt("sender%d@evil.example" % n),
        "from": rcpt("sender%d@evil.example" % n),
        "toRecipients": [rcpt("alice@contoso.example", "Alice")],
        "ccRecipients": [],
        "bccRecipients": [],
        "replyTo": [],
    }
    m.update(extra)
    return m


def ps51(value):
    """Windows PowerShell 5.1 ConvertTo-Json layout: 4-space indent, two spaces after the colon, CRLF."""
    text = json.dumps(value, indent=4, ensure_ascii=False)
    text = text.replace('": ', '":  ')
    return text.replace("\n", "\r\n")


# 1. One message object, with headers and the raw header block.
write("single-message.json", json.dumps(dict(
    [("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('alice%40contoso.example')/messages/$entity"),
     ("@odata.etag", 'W/"CQAAABYAAAC"')] + list(msg(1, internetMessageHeaders=[
         {"name": "Received", "value": "from mx1.evil.example ([203.0.113.7]) by mail.example"},
         {"name": "Received", "value": "from laptop ([198.51.100.2]) by mx1.evil.example"},
         {"name": "Authentication-Results", "value": "spf=fail smtp.mailfrom=evil.example"},
     ], singleValueExtendedProperties=[
         {"id": "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color", "value": "Green"},
         {"id": "String 0x007D", "value": "Received: from mx1.evil.example\r\nSubject: Message 1\r\n"},
     ]).items())), indent=2))

# 2. A collection page with paging links.
write("page-next-link.json", json.dumps({
    "@odata.context": CTX,
    "@odata.count": 3,
    "value": [msg(1), msg(2), msg(3)],
    "@odata.nextLink": "https://graph.microsoft.com/v1.0/users/alice@contoso.example/messages?%24top=3&%24skip=3",
}))

# 3. A page whose @odata.context comes after its value array (PowerShell hashtable order).
write("page-context-after-value.json", json.dumps({
    "value": [msg(1), msg(2)],
    "@odata.nextLink": "https://graph.microsoft.com/v1.0/me/messages?%24skip=2",
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('bob%40contoso.example')/messages",
}, indent=1))

# 4. A bare array in Windows PowerShell 5.1 layout.
write("bare-array-ps51.json", ps51([msg(1), msg(2)]) + "\r\n")

# 5. TokenTactics: one array per page printed one after another.
write("concatenated-arrays.json", json.dumps([msg(1), msg(2)], indent=2) + "\n" + json.dumps([msg(3)], indent=2) + "\n")

# 6. -Append output without line breaks: objects glued together.
write("concatenated-objects.json", json.dumps(msg(1)) + json.dumps(msg(2)) + " " + json.dumps(msg(3)))

# 7. JSON Lines: line 3 is invalid, line 4 is an array of two messages, line 6 a page.
write("messages.jsonl", "\n".join([
    json.dumps(msg(1)),
    json.dumps(msg(2)),
    '{"subject": "broken", "from": {"emailAddress": {"address": "x@evil.example"}}, oops}',
    json.dumps([msg(4), msg(5)]),
    "",
    json.dumps({"@odata.context": CTX, "value": [msg(6)]}),
]) + "\n")

# 8-11. Encodings.
body = json.dumps([msg(1, subject="H\u00e9llo \u65e5\u672c \U0001F600")], indent=2, ensure_ascii=False) + "\n"
write("utf8-bom.json", b"\xef\xbb\xbf" + body.encode("utf-8"))
write("utf16le-bom.json", b"\xff\xfe" + body.replace("\n", "\r\n").encode("utf-16-le"))
write("utf16be-bom.json", b"\xfe\xff" + body.encode("utf-16-be"))
write("utf16le-no-bom.json", body.encode("utf-16-le"))

# 12. PowerShell SDK (Get-MgUserMessage | ConvertTo-Json): PascalCase, AdditionalProperties, nulls,
#     depth truncation of nested objects.
write("powershell-sdk-pascalcase.json", ps51({
    "Attachments": None, "BccRecipients": [], "Body": {"Content": "<p>Pay now</p>", "ContentType": "html"},
    "BodyPreview": "Pay now", "Categories": [], "CcRecipients": [], "ChangeKey": "CQAAAB",
    "ConversationId": "AAQkAD", "CreatedDateTime": "\\/Date(1795685400000)\\/", "Extensions": None,
    "From": {"EmailAddress": {"Address": "ceo@evil.example", "Name": "The CEO"}},
    "HasAttachments": False, "Id": "AAMkAD-ps", "Importance": "normal", "InternetMessageHeaders": None,
    "InternetMessageId": "<ps-1@mail.example>", "IsDraft": False, "IsRead": True,
    "ParentFolderId": "AQMkAD-inbox", "ReceivedDateTime": "\\/Date(1795685401000)\\/",
    "ReplyTo": [], "Sender": {"EmailAddress": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphEmailAddress"},
    "SentDateTime": {"value": "\\/Date(1795685399000)\\/", "DisplayHint": 2, "DateTime": "Wednesday, 26 November 2026 09:29:59"},
    "SingleValueExtendedProperties": None, "Subject": "Invoice overdue",
    "ToRecipients": ["@{emailAddress=@{name=Alice; address=alice@contoso.example}}", "System.Collections.Hashtable"],
    "UniqueBody": None, "WebLink": "https://outlook.office365.com/owa/?ItemID=AAMkAD",
    "AdditionalProperties": {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('carol%40contoso.example')/messages/$entity",
        "@odata.etag": 'W/"CQAAAB"',
        "@odata.type": "#microsoft.graph.message",
    },
}).replace("\\\\/", "\\/") + "\r\n")

# 13. Annotations and unknown keys.
write("annotations.json", json.dumps(dict([
    ("@odata.context", CTX + "/$entity"),
    ("@odata.id", "https://graph.microsoft.com/v1.0/users('alice@contoso.example')/messages('AAMk')"),
    ("@odata.etag", 'W/"CQAAABYAAAC"'),
    ("@odata.type", "#microsoft.graph.message"),
    ("subject@odata.annotation", "not the subject"),
    ("createDateTime", "2015-06-19T02:03:31Z"),
    ("futureField", {"nested": [1, 2, 3]}),
] + list(msg(1).items())), indent=2))

# 14. Event message subtypes and dateTimeTimeZone.
write("event-messages.json", json.dumps({"@odata.context": CTX, "value": [
    msg(1, **{"@odata.type": "#microsoft.graph.eventMessageRequest", "meetingMessageType": "meetingRequest",
              "startDateTime": {"dateTime": "2026-07-01T09:00:00.0000000", "timeZone": "Pacific Standard Time"},
              "endDateTime": {"dateTime": "2026-07-01T10:00:00.0000000", "timeZone": "Mars/Olympus_Mons"}}),
    msg(2, **{"@odata.type": "microsoft.graph.calendarSharingMessage"}),
    msg(3, **{"@odata.type": "#microsoft.graph.eventMessage",
              "startDateTime": {"dateTime": "2026-01-15T12:00:00.0000000", "timeZone": "Europe/Paris"},
              "endDateTime": {"dateTime": "2026-01-15T13:00:00.0000000", "timeZone": "UTC"}}),
]}, indent=2))

# 15. Attachments: file (inline, base64 with line breaks and no padding), item (nested message with
#     its own attachment), reference, and untyped ones whose kind is inferred.
inner = msg(9, id="", subject="Original phish", internetMessageHeaders=[], attachments=[
    {"@odata.type": "#microsoft.graph.fileAttachment", "name": "invoice.html", "contentType": "text/html",
     "size": 120, "isInline": False, "contentBytes": "PGgxPlBheTwvaDE+"},
])
del inner["parentFolderId"]
write("attachments.json", json.dumps(msg(1, hasAttachments=True, attachments=[
    {"@odata.type": "#microsoft.graph.fileAttachment", "@odata.mediaContentType": "image/png",
     "id": "att-1", "name": "logo.png", "contentType": "image/png", "size": 5000, "isInline": True,
     "contentId": "logo@01DC", "contentLocation": None, "contentBytes": "iVBORw0K\r\nGgo"},
    {"@odata.type": "#microsoft.graph.itemAttachment", "id": "att-2", "name": "Original phish", "size": 9000,
     "isInline": False, "contentType": None,
     "item@odata.navigationLink": "https://graph.microsoft.com/v1.0/users('x')/messages('')", "item": inner},
    {"@odata.type": "#microsoft.graph.referenceAttachment", "id": "att-3", "name": "Budget.xlsx",
     "contentType": None, "size": 400, "isInline": False},
    {"name": "untyped.txt", "contentType": "text/plain", "size": 10, "contentBytes": "aGVsbG8="},
    {"name": "untyped item", "item": {"subject": "Inner", "bodyPreview": "x"}},
    {"@odata.type": "microsoft.graph.fileAttachment", "name": "bad.bin", "contentBytes": "QUJD*$RA"},
])))

# 16. Every date form (one message per form, in sentDateTime).
dates = [
    "2026-11-26T09:30:00Z",
    "2026-11-26T10:30:00+01:00",
    "2026-11-26T09:30:00",
    "2026-11-26T09:30:00.1234567Z",
    "2026-11-26T04:30:00.5-05:00",
    "/Date(1795685400000)/",
    "/Date(1795685400000+0200)/",
    {"value": "/Date(1795685400000)/", "DisplayHint": 2, "DateTime": "Wednesday, 26 November 2026 09:30:00"},
    {"dateTime": "2026-11-26T09:30:00.0000000", "timeZone": "UTC"},
    "0001-01-01T00:00:00Z",
    "last Tuesday",
    None,
]
write("dates.json", json.dumps([{"id": "d%d" % i, "subject": "date form %d" % i, "sentDateTime": d,
                                 "internetMessageId": "<d%d@mail.example>" % i} for i, d in enumerate(dates)], indent=2))

# 17. null versus missing.
write("null-vs-missing.json", json.dumps([
    {"id": "nulls", "subject": None, "from": None, "sender": None, "toRecipients": None, "body": None,
     "internetMessageHeaders": [], "attachments": [], "sentDateTime": None, "isRead": None,
     "internetMessageId": None, "uniqueBody": None},
    {"id": "missing", "receivedDateTime": "2026-11-26T09:30:00Z"},
], indent=2))

# 18. Depth-truncated PowerShell output (ConvertTo-Json -Depth 2 and less).
write("truncated-powershell.json", ps51([{
    "Id": "trunc-1",
    "Subject": "Truncated",
    "InternetMessageId": "<trunc-1@mail.example>",
    "From": "@{emailAddress=@{name=Mallory; address=mallory@evil.example}}",
    "Sender": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphRecipient",
    "ToRecipients": "System.Collections.Hashtable System.Collections.Hashtable",
    "CcRecipients": "@{name=Bob; address=bob@contoso.example} @{name=Carol; address=carol@contoso.example}",
    "ReplyTo": ["class MicrosoftGraphRecipient {\n  EmailAddress: class MicrosoftGraphEmailAddress {\n    Address: reply@evil.example\n    Name: Reply\n  }\n}"],
    "Body": "System.Collections.Hashtable",
    "InternetMessageHeaders": "System.Object[]",
    "Attachments": "System.Collections.Hashtable",
    "ReceivedDateTime": "2026-11-26T09:30:00Z",
}]) + "\r\n")

# 19. An error response saved as a page, then a valid page appended.
write("error-page.json", json.dumps({"error": {"code": "TooManyRequests", "message": "Application is over its MailboxConcurrency limit.",
                                               "innerError": {"date": "2026-11-26T09:30:00", "request-id": "abc"}}}, indent=2)
      + "\n" + json.dumps({"@odata.context": CTX, "value": [msg(1)]}, indent=2) + "\n")

# 20. Raw control characters inside strings (Graph/SDK output that Corso sanitizes).
write("control-characters.json", b'{"id": "ctl", "subject": "Tab\there and bell\x07", "internetMessageId": "<ctl@mail.example>", '
      b'"bodyPreview": "line one\nline two", "body": {"contentType": "text", "content": "a\x01b"}}\n')

# 21. Invalid JSON in the middle of a pretty-printed array: the rest is kept.
broken = json.dumps([msg(1), msg(2), msg(3), msg(4), msg(5)], indent=2)
lines = broken.split("\n")
# Break message 3: replace its subject line with an unquoted value.
for i, line in enumerate(lines):
    if '"subject": "Message 3"' in line:
        lines[i] = line.replace('"Message 3"', "Message 3 \"unbalanced")
        break
write("invalid-middle-of-array.json", "\n".join(lines) + "\n")

# 22. Deep nesting: JSON nested 40 levels, and item attachments nested 5 levels.
deep = {"id": "deep", "subject": "deep", "internetMessageId": "<deep@mail.example>", "extra": 0}
node = deep
for _ in range(40):
    node["extra"] = {"level": {}}
    node = node["extra"]["level"]
item = {"subject": "level 5", "bodyPreview": "innermost"}
for level in range(4, 0, -1):
    item = {"subject": "level %d" % level, "bodyPreview": "x", "attachments": [
        {"@odata.type": "#microsoft.graph.itemAttachment", "name": "level %d" % (level + 1), "item": item}]}
write("deep-nesting.json", json.dumps([deep, dict(msg(7), attachments=item["attachments"])]))

# 23. users.json: department collected for some users only.
write("users.json", json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,mail,userPrincipalName,department)", "value": [
    {"id": "u1", "displayName": "Alice", "mail": "alice@contoso.example", "userPrincipalName": "alice@contoso.example", "department": "Finance"},
    {"id": "u2", "displayName": "Bob", "mail": None, "userPrincipalName": "bob@contoso.example", "department": None},
    {"id": "u3", "displayName": "Guest", "mail": "guest@other.example", "userPrincipalName": "guest_other.example#EXT#@contoso.example"},
]}, indent=2))

# 24. groups.json: the documented layout (members as strings) and a page with member objects.
write("groups.json", json.dumps([
    {"displayName": "Finance", "members": ["alice@contoso.example", "bob@contoso.example"]},
    {"displayName": "Everyone", "members": []},
], indent=2))
write("groups-page.json", json.dumps({"value": [
    {"id": "g1", "displayName": "Sales", "members": [
        {"@odata.type": "#microsoft.graph.user", "id": "u9", "mail": "dan@contoso.example", "userPrincipalName": "dan@contoso.example"},
        {"id": "u10", "userPrincipalName": "erin@contoso.example"}]},
]}))

# 25. mailFolders.json: a folder tree with a search folder and expanded child folders.
write("mailFolders.json", json.dumps({
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('alice%40contoso.example')/mailFolders",
    "value": [
        {"id": "AQMkAGI2-inbox", "displayName": "Inbox", "parentFolderId": "AQMkAGI2-root", "wellKnownName": "inbox",
         "childFolderCount": 1, "unreadItemCount": 2, "totalItemCount": 5, "isHidden": False,
         "childFolders": [{"id": "AQMkAGI2-phish", "displayName": "Reported", "parentFolderId": "AQMkAGI2-inbox",
                           "childFolderCount": 0, "unreadItemCount": 0, "totalItemCount": 1, "isHidden": False}]},
        {"@odata.type": "#microsoft.graph.mailSearchFolder", "id": "AAMkAGI2-search", "displayName": "Unread mail",
         "parentFolderId": "AQMkAGI2-searchroot", "childFolderCount": 0, "unreadItemCount": 0, "totalItemCount": 0,
         "isHidden": False, "isSupported": True, "filterQuery": "isRead eq false"},
    ]}, indent=2))

# 26. A delta page with a tombstone.
write("delta-tombstone.json", json.dumps({
    "@odata.context": CTX,
    "value": [msg(1), {"@odata.type": "#microsoft.graph.message", "id": "gone", "@removed": {"reason": "deleted"}}],
    "@odata.deltaLink": "https://graph.microsoft.com/v1.0/me/mailFolders('inbox')/messages/delta?$deltatoken=abc",
}))

# 27. An export cut off in the middle of an element.
write("truncated-file.json", json.dumps([msg(1), msg(2)], indent=2)[:-200])

# 28. Empty and blank files.
write("empty.json", b"")
write("blank.json", "  \r\n\r\n")

# 29. TokenTactics-style stdout capture: text lines between the arrays.
write("garbage-between-values.json", "WARNING: token expires soon\n" + json.dumps([msg(1)], indent=2)
      + "\nDumping folder: Inbox\n" + json.dumps([msg(2)], indent=2) + "\n")

# 30. Several pages inside one array (@($page1, $page2) | ConvertTo-Json).
write("pages-in-array.json", json.dumps([
    {"@odata.context": CTX, "value": [msg(1), msg(2)], "@odata.nextLink": "https://graph.microsoft.com/next"},
    {"@odata.context": CTX, "value": [msg(3)]},
], indent=2))

print("written to", HERE)
