#!/usr/bin/env python3
"""Generate Fixtures/graph-attachments: the same fictional mail exported from Microsoft Graph in the
layouts export scripts use when they keep attachments apart from their messages, for Dragnet's tests.

    python3 scripts/generate-graph-attachment-fixtures.py            # (re)writes Fixtures/graph-attachments/
    python3 scripts/generate-graph-attachment-fixtures.py --out DIR  # writes the same tree into DIR

Python 3 standard library only; deterministic (no clock, no randomness): running it twice gives
byte-identical files. Every export below holds the same 8 messages of one mailbox
(ana.silva@contoso.example) with the same attachments:

    expanded/     the reference: one page of messages with `$expand=attachments`
    per-message/  a page of messages without `attachments`, and one attachments page per message
                  named by the message id (`<id>.json`; a second page `<id>.page-2.json` when the
                  first has an @odata.nextLink; one message's attachment saved alone as `$entity`);
                  the attachment files come before `messages.json` in the walk
    jsonl/        messages page plus every attachments page in one JSON Lines file (`attachments.jsonl`)
    nested/       `Inbox/00-messages.json` and `Inbox/attachments/<id>.json` (folder-scoped contexts;
                  one file saved without any context, a bare array named by its message's id); here
                  the messages come first in the walk
    batch/        JSON batching responses (`POST /$batch`): a page of messages, single messages,
                  attachments pages (one continued in the next batch file) and one 404 error

plus `edge/`: an attachments page whose message is not in the export, a message whose attachments
page has an @odata.nextLink with no next page, and an attachments page in UTF-16LE JSON Lines.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import sys
import urllib.parse
from pathlib import Path

GRAPH = "https://graph.microsoft.com/v1.0"
UPN = "ana.silva@contoso.example"
UPN_Q = urllib.parse.quote(UPN, safe="")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "Fixtures" / "graph-attachments"
INBOX_ID = "AQMkADAwATM0MDAAMS1iNTcwLWJhYTktMDACLTAwCgAuAAADvT3jCc3Zl0yYgAaZdW2EYQEAwAAAAgEMAAAA"


def h(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def graph_id(key: str) -> str:
    # Shaped like Graph's REST ids (base64 of an entry id, URL-safe alphabet, '=' padding).
    raw = b"\x00\x00\x00\x00\x1b\x8e\x1c\x5f" + h("id", key)[:28] + b"\x07\x00"
    return ("AAMkAGI2" + base64.b64encode(raw).decode("ascii")).replace("/", "_").replace("+", "-")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def recip(name: str, address: str) -> dict:
    return {"emailAddress": {"name": name, "address": address}}


PHISH_HTML = (b"<!DOCTYPE html><html><head><title>Contoso billing</title></head><body>"
              b"<form action=\"https://contoso-billing.example/pay/7731/auth\" method=\"post\">"
              b"<p>Sign in to view invoice INV-7731</p><input name=\"u\"><input name=\"p\" type=\"password\">"
              b"</form></body></html>\n")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CSV = b"date,amount,reference\n2026-10-01,1200.00,PO-5512\n2026-10-15,880.40,PO-5530\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f7a0a40000000049454e44ae426082")
ISO = b"CD001" + bytes(range(64)) + b"disk image placeholder\n"
ZIP = b"PK\x03\x04" + b"\x14\x00" + b"payload-not-a-real-archive" + b"\x00" * 8


def file_att(key: str, name: str, ctype: str, data: bytes, inline: bool = False, cid: str | None = None) -> dict:
    return {
        "@odata.type": "#microsoft.graph.fileAttachment",
        "@odata.mediaContentType": ctype,
        "id": graph_id(key) + "BEgAQA" + b64(h("att", key, name)[:12]).replace("/", "_").replace("+", "-"),
        "lastModifiedDateTime": "2026-11-20T09:00:00Z",
        "name": name,
        "contentType": ctype,
        "size": len(data) + 160,
        "isInline": inline,
        "contentId": cid,
        "contentLocation": None,
        "contentBytes": b64(data),
    }


def ref_att(key: str, name: str) -> dict:
    return {
        "@odata.type": "#microsoft.graph.referenceAttachment",
        "id": graph_id(key) + "BEgAQA" + b64(h("ref", key, name)[:12]).replace("/", "_").replace("+", "-"),
        "lastModifiedDateTime": "2026-11-20T09:00:00Z",
        "name": name,
        "contentType": None,
        "size": 512,
        "isInline": False,
    }


def item_att(key: str) -> dict:
    inner = {
        "@odata.type": "#microsoft.graph.message",
        "id": "",
        "receivedDateTime": "2026-11-18T07:41:00Z",
        "sentDateTime": "2026-11-18T07:40:55Z",
        "internetMessageId": "<forwarded-7731@contoso-billing.example>",
        "subject": "Your parcel is held at customs",
        "body": {"contentType": "html", "content": "<p>Pay the customs fee at https://parcel-hold.example/fee</p>"},
        "from": recip("Parcel Desk", "desk@parcel-hold.example"),
        "toRecipients": [recip("Ana Silva", UPN)],
        "internetMessageHeaders": [],
        "attachments": [file_att(key + "/item", "customs-form.zip", "application/zip", ZIP)],
    }
    return {
        "@odata.type": "#microsoft.graph.itemAttachment",
        "id": graph_id(key) + "BEgAQA" + b64(h("item", key)[:12]).replace("/", "_").replace("+", "-"),
        "lastModifiedDateTime": "2026-11-18T08:00:00Z",
        "name": "Your parcel is held at customs",
        "contentType": None,
        "size": 4100,
        "isInline": False,
        "item@odata.navigationLink": "%s/users('%s')/messages('')" % (GRAPH, UPN_Q),
        "item": inner,
    }


# The mail: key, subject, sender, date, attachments.
MAIL = [
    ("invoice-lure", "Invoice INV-7731 overdue", ("Contoso Billing", "billing@contoso-billing.example"), "2026-11-20T08:12:09Z",
     [file_att("invoice-lure", "INV-7731.html", "text/html", PHISH_HTML)]),
    ("supplier-statement", "Statement October", ("Northwind Accounts", "accounts@northwind.example"), "2026-11-02T10:00:00Z",
     [file_att("supplier-statement", "statement-2026-10.pdf", "application/pdf", PDF),
      file_att("supplier-statement", "statement-2026-10.csv", "text/csv", CSV)]),
    ("forwarded-parcel", "FW: Your parcel is held at customs", ("Bruno Costa", "bruno.costa@contoso.example"), "2026-11-18T08:00:00Z",
     [item_att("forwarded-parcel")]),
    ("shared-plan", "Q4 plan (shared)", ("Carla Mendes", "carla.mendes@contoso.example"), "2026-11-05T14:30:00Z",
     [ref_att("shared-plan", "Q4 plan.docx")]),
    ("lunch", "Team lunch Friday", ("Carla Mendes", "carla.mendes@contoso.example"), "2026-11-06T11:00:00Z", []),
    ("many-files", "Scans from the copier", ("Copier", "scanner@contoso.example"), "2026-11-10T16:20:00Z",
     [file_att("many-files", "scan-%d.pdf" % n, "application/pdf", PDF + (b"%% page %d\n" % n)) for n in range(1, 4)] +
     [file_att("many-files", "drivers.iso", "application/octet-stream", ISO),
      file_att("many-files", "scan-4.pdf", "application/pdf", PDF + b"% page 4\n")]),
    ("newsletter", "Contoso weekly", ("Contoso Comms", "comms@contoso.example"), "2026-11-09T07:00:00Z",
     [file_att("newsletter", "logo.png", "image/png", PNG, inline=True, cid="logo@contoso")]),
    ("no-attachments-expanded", "Password expiry notice", ("IT Desk", "it@contoso.example"), "2026-11-12T06:00:00Z", []),
]
# Attachment pages of "many-files" hold 3 then 2 attachments.
PAGE_SIZE = {"many-files": 3}


def message(key: str, subject: str, frm: tuple, date: str, atts: list | None) -> dict:
    body = "<p>%s</p>" % subject
    if key == "newsletter":
        body = '<p><img src="cid:logo@contoso"> %s</p>' % subject
    m = {
        "@odata.etag": 'W/"CQAAABYAAAD%s"' % b64(h("ck", key)[:9]),
        "id": graph_id(key),
        "receivedDateTime": date,
        "sentDateTime": date,
        "hasAttachments": bool(atts) and key != "newsletter",
        "internetMessageId": "<%s.%s@contoso.example>" % (key, h("mid", key).hex()[:12]),
        "subject": subject,
        "bodyPreview": subject,
        "parentFolderId": INBOX_ID,
        "isRead": False,
        "body": {"contentType": "html", "content": body},
        "from": recip(*frm),
        "sender": recip(*frm),
        "toRecipients": [recip("Ana Silva", UPN)],
        "ccRecipients": [],
        "bccRecipients": [],
    }
    if atts is not None:
        m["attachments"] = atts
    return m


def msg_ctx(expand: bool) -> str:
    return "%s/$metadata#users('%s')/messages%s" % (GRAPH, UPN_Q, "(attachments())" if expand else "")


def att_ctx(key: str, folder: bool = False) -> str:
    mid = urllib.parse.quote(graph_id(key), safe="")
    scope = "mailFolders('inbox')/" if folder else ""
    return "%s/$metadata#users('%s')/%smessages('%s')/attachments" % (GRAPH, UPN_Q, scope, mid)


def att_pages(key: str, atts: list, folder: bool = False) -> list[dict]:
    """The attachments of a message as Graph pages (an empty page when it has none)."""
    size = PAGE_SIZE.get(key, 10)
    chunks = [atts[i:i + size] for i in range(0, len(atts), size)] or [[]]
    pages = []
    for n, chunk in enumerate(chunks):
        page = {"@odata.context": att_ctx(key, folder), "value": chunk}
        if n + 1 < len(chunks):
            page["@odata.nextLink"] = "%s/users/%s/messages/%s/attachments?%%24skip=%d" % (
                GRAPH, UPN_Q, urllib.parse.quote(graph_id(key), safe=""), (n + 1) * size)
        pages.append(page)
    return pages


def pretty(obj) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def compact(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def mailfolders() -> bytes:
    return pretty({"@odata.context": "%s/$metadata#users('%s')/mailFolders" % (GRAPH, UPN_Q),
                   "value": [{"id": INBOX_ID, "displayName": "Inbox", "parentFolderId": "root", "childFolderCount": 0,
                              "unreadItemCount": len(MAIL), "totalItemCount": len(MAIL), "isHidden": False}]})


def generate(out: Path) -> None:
    box = UPN
    # expanded: the reference
    write(out / "expanded" / box / "mailFolders.json", mailfolders())
    write(out / "expanded" / box / "messages.json",
          pretty({"@odata.context": msg_ctx(True), "value": [message(k, s, f, d, a) for k, s, f, d, a in MAIL]}))

    bare = [message(k, s, f, d, None) for k, s, f, d, a in MAIL]

    # per-message: <id>.json per message (before messages.json in the walk)
    root = out / "per-message" / box
    write(root / "mailFolders.json", mailfolders())
    write(root / "messages.json", pretty({"@odata.context": msg_ctx(False), "value": bare}))
    for k, s, f, d, atts in MAIL:
        if k == "newsletter":
            # One attachment fetched alone: GET .../attachments/{id}
            obj = {"@odata.context": att_ctx(k) + "/$entity"}
            obj.update(atts[0])
            write(root / (graph_id(k) + ".json"), pretty(obj))
            continue
        for n, page in enumerate(att_pages(k, atts)):
            name = graph_id(k) + (".json" if n == 0 else ".page-%d.json" % (n + 1))
            write(root / name, pretty(page))

    # jsonl: every attachments page on one line of attachments.jsonl
    root = out / "jsonl" / box
    write(root / "mailFolders.json", mailfolders())
    write(root / "messages.json", pretty({"@odata.context": msg_ctx(False), "value": bare}))
    lines = [compact(page) for k, s, f, d, atts in MAIL for page in att_pages(k, atts)]
    write(root / "attachments.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))

    # nested: Inbox/00-messages.json, then Inbox/attachments/<id>.json (folder-scoped contexts)
    root = out / "nested" / box
    write(root / "mailFolders.json", mailfolders())
    write(root / "Inbox" / "00-messages.json",
          pretty({"@odata.context": "%s/$metadata#users('%s')/mailFolders('inbox')/messages" % (GRAPH, UPN_Q), "value": bare}))
    for k, s, f, d, atts in MAIL:
        if k == "supplier-statement":
            # `$resp.value | ConvertTo-Json`: a bare array, no context; only its name says whose it is.
            write(root / "Inbox" / "attachments" / (graph_id(k) + ".json"), pretty(atts))
            continue
        for n, page in enumerate(att_pages(k, atts, folder=True)):
            write(root / "Inbox" / "attachments" / graph_id(k) / ("page-%d.json" % (n + 1)), pretty(page))

    # batch: JSON batching responses
    root = out / "batch" / box
    write(root / "mailFolders.json", mailfolders())
    first = [m for m in bare[:5]]
    responses1 = [
        {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"},
         "body": {"@odata.context": msg_ctx(False), "value": first}},
        {"id": "2", "status": 404, "headers": {"Content-Type": "application/json"},
         "body": {"error": {"code": "ErrorItemNotFound", "message": "The specified object was not found in the store."}}},
    ]
    rid = 3
    pages_by_key = {k: att_pages(k, atts) for k, s, f, d, atts in MAIL}
    for k, s, f, d, atts in MAIL[:4]:
        for page in pages_by_key[k]:
            responses1.append({"id": str(rid), "status": 200, "headers": {"Content-Type": "application/json"}, "body": page})
            rid += 1
    # many-files: page 1 here, page 2 in the next batch file
    responses1.append({"id": str(rid), "status": 200, "headers": {"Content-Type": "application/json"},
                       "body": pages_by_key["many-files"][0]})
    rid += 1
    write(root / "batch-001.json", pretty({"responses": responses1}))
    responses2 = []
    for m in bare[5:]:
        single = {"@odata.context": msg_ctx(False) + "/$entity"}
        single.update(m)
        responses2.append({"id": str(rid), "status": 200, "headers": {"Content-Type": "application/json"}, "body": single})
        rid += 1
    responses2.append({"id": str(rid), "status": 200, "headers": {"Content-Type": "application/json"},
                       "body": pages_by_key["many-files"][1]})
    rid += 1
    for k in ("lunch", "newsletter", "no-attachments-expanded"):
        for page in pages_by_key[k]:
            responses2.append({"id": str(rid), "status": 200, "headers": {"Content-Type": "application/json"}, "body": page})
            rid += 1
    write(root / "batch-002.json", pretty({"responses": responses2}))

    # edge cases
    root = out / "edge" / box
    orphan_key = "deleted-before-export"
    orphan = file_att(orphan_key, "orphan.pdf", "application/pdf", PDF)
    write(root / (graph_id(orphan_key) + ".json"), pretty({"@odata.context": att_ctx(orphan_key), "value": [orphan]}))
    cut = att_pages("many-files", MAIL[5][4])[0]
    write(root / "many-files-page-1.json", pretty(cut))
    utf16 = [compact(page) for page in att_pages("supplier-statement", MAIL[1][4])]
    write(root / "attachments-utf16.jsonl", b"\xff\xfe" + ("\r\n".join(utf16) + "\r\n").encode("utf-16-le"))
    edge_msgs = [message(k, s, f, d, None) for k, s, f, d, a in MAIL if k in ("many-files", "supplier-statement")]
    write(root / "messages.json", pretty({"@odata.context": msg_ctx(False), "value": edge_msgs}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    generate(out)
    doc = __doc__.strip().split("\n")
    write(out / "README.md", ("# Graph exports that keep attachments apart (generated)\n\n" + "\n".join(doc).strip() +
                              "\n\nDo not edit: change `scripts/generate-graph-attachment-fixtures.py` and run it.\n").encode("utf-8"))
    files = sorted(p for p in out.rglob("*") if p.is_file())
    print("wrote %s: %d files, %d bytes" % (out, len(files), sum(p.stat().st_size for p in files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
