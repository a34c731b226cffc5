#!/usr/bin/env python3
"""Writes a large synthetic Graph export twice — attachments expanded into the messages, and kept
apart from them — to time `dragnet` joining attachments saved apart (and its peak memory).

    scripts/generate-attachment-join-bench.py OUT_DIR [MESSAGES]     # default 100000 messages
    /usr/bin/time -v dragnet validate OUT_DIR/expanded
    /usr/bin/time -v dragnet validate OUT_DIR/apart

OUT_DIR/expanded/<mailbox>/messages-NNN.json: pages of 1,000 messages with `$expand=attachments`.
OUT_DIR/apart/<mailbox>/messages-NNN.json: the same pages without `attachments`, and
OUT_DIR/apart/<mailbox>/attachments-NNN.jsonl: each message's attachments page on one line (the
pages of 1,000 messages each), plus, for one message in ten, a file of its own in
OUT_DIR/apart/<mailbox>/attachments/<id>.json instead. Deterministic; standard library only.
"""
import base64
import hashlib
import json
import os
import sys

GRAPH = "https://graph.microsoft.com/v1.0"


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit("usage: scripts/generate-attachment-join-bench.py OUT_DIR [MESSAGES]")
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    mailboxes = ["bench%02d@contoso.example" % n for n in range(10)]
    per_box = total // len(mailboxes)
    for box in mailboxes:
        q = box.replace("@", "%40")
        exp_dir = os.path.join(out, "expanded", box)
        apart_dir = os.path.join(out, "apart", box)
        os.makedirs(exp_dir, exist_ok=True)
        os.makedirs(os.path.join(apart_dir, "attachments"), exist_ok=True)
        for page in range(0, per_box, 1000):
            expanded, bare, lines = [], [], []
            for i in range(page, min(page + 1000, per_box)):
                h = hashlib.sha256(("%s/%d" % (box, i)).encode()).hexdigest()
                mid = "AAMkAG" + base64.urlsafe_b64encode(bytes.fromhex(h[:48])).decode()
                atts = []
                for n in range(1 + i % 3):
                    data = ("attachment %d of message %d in %s\n" % (n, i, box)).encode() * (8 + n * 20)
                    atts.append({"@odata.type": "#microsoft.graph.fileAttachment", "id": mid + "_%d" % n,
                                 "name": "file-%d-%d.%s" % (i, n, ["pdf", "csv", "html"][n]), "contentType": "application/octet-stream",
                                 "size": len(data) + 150, "isInline": False, "contentBytes": base64.b64encode(data).decode()})
                m = {"id": mid, "internetMessageId": "<%s@bench.example>" % h[:32], "subject": "Bench message %d" % i,
                     "receivedDateTime": "2026-11-%02dT10:00:00Z" % (1 + i % 28), "sentDateTime": "2026-11-%02dT10:00:00Z" % (1 + i % 28),
                     "from": {"emailAddress": {"name": "Sender", "address": "s%d@example.com" % (i % 97)}},
                     "toRecipients": [{"emailAddress": {"address": box}}], "hasAttachments": True,
                     "body": {"contentType": "html", "content": "<p>Body of message %d %s</p>" % (i, h)}}
                bare.append(dict(m))
                m["attachments"] = atts
                expanded.append(m)
                apage = {"@odata.context": "%s/$metadata#users('%s')/messages('%s')/attachments" % (GRAPH, q, mid), "value": atts}
                if i % 10 == 0:
                    with open(os.path.join(apart_dir, "attachments", mid + ".json"), "w") as f:
                        json.dump(apage, f)
                else:
                    lines.append(json.dumps(apage, separators=(",", ":")))
            ctx = "%s/$metadata#users('%s')/messages" % (GRAPH, q)
            with open(os.path.join(exp_dir, "messages-%03d.json" % (page // 1000)), "w") as f:
                json.dump({"@odata.context": ctx + "(attachments())", "value": expanded}, f)
            with open(os.path.join(apart_dir, "messages-%03d.json" % (page // 1000)), "w") as f:
                json.dump({"@odata.context": ctx, "value": bare}, f)
            with open(os.path.join(apart_dir, "attachments-%03d.jsonl" % (page // 1000)), "w") as f:
                f.write("\n".join(lines) + "\n")
    print("wrote %d messages in %d mailboxes to %s/expanded and %s/apart" % (per_box * len(mailboxes), len(mailboxes), out, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
