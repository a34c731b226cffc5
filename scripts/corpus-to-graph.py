#!/usr/bin/env python3
"""Turns a folder of EML files (default: the SpamAssassin corpus) into a one-mailbox Graph JSON export
(pages of 1,000 messages with bodies, headers and file attachments), to time `dragnet investigate` on
Graph JSON as well as on EML. The corpus is only read; everything is written below OUTPUT_DIR.

    scripts/corpus-to-graph.py /tmp/graph-export
    hyperfine 'dragnet investigate --investigation scripts/bench-investigation.yaml /tmp/graph-export'
"""
import email, glob, json, os, base64, codecs
from email import policy
from email.utils import getaddresses, parsedate_to_datetime
def dec(b, cs):
    try: codecs.lookup(cs or "latin-1"); return b.decode(cs or "latin-1", "replace")
    except Exception: return b.decode("latin-1", "replace")
import sys
if len(sys.argv) < 2:
    sys.exit("usage: scripts/corpus-to-graph.py OUTPUT_DIR [CORPUS_DIR]")
out_dir = sys.argv[1]
corpus = sys.argv[2] if len(sys.argv) > 2 else "../shared/corpus/spamassassin"
files=sorted(p for p in glob.glob(os.path.join(corpus, '**', '*'), recursive=True) if os.path.isfile(p))
msgs=[]
for i,p in enumerate(files):
    raw=open(p,'rb').read()
    m=email.message_from_bytes(raw, policy=policy.compat32)
    def addr(h):
        v=m.get_all(h) or []
        try: return [{"emailAddress":{"name":n or None,"address":a}} for n,a in getaddresses([str(x) for x in v]) if a]
        except Exception: return []
    html=None; text=None; atts=[]
    for part in m.walk():
        if part.is_multipart(): continue
        ct=part.get_content_type(); fn=part.get_filename()
        try: payload=part.get_payload(decode=True) or b""
        except Exception: payload=b""
        if fn:
            atts.append({"@odata.type":"#microsoft.graph.fileAttachment","name":str(fn),"contentType":ct,"size":len(payload),"isInline":False,"contentBytes":base64.b64encode(payload).decode()})
        elif ct=="text/html" and html is None: html=dec(payload, part.get_content_charset())
        elif ct=="text/plain" and text is None: text=dec(payload, part.get_content_charset())
    body={"contentType":"html","content":html} if html is not None else {"contentType":"text","content":text or ""}
    try: d=parsedate_to_datetime(m.get("Date")).astimezone().strftime("%Y-%m-%dT%H:%M:%SZ")
    except Exception: d=None
    hdrs=[{"name":k,"value":str(v)} for k,v in m.items()]
    f=addr("From")
    msgs.append({"id":"AAMk%06d"%i,"internetMessageId":m.get("Message-ID"),"subject":str(m.get("Subject") or ""),"sentDateTime":d,"receivedDateTime":d,
      "from":f[0] if f else None,"sender":f[0] if f else None,"toRecipients":addr("To"),"ccRecipients":addr("Cc"),"bccRecipients":[],
      "isRead":False,"hasAttachments":bool(atts),"parentFolderId":"inbox","body":body,"internetMessageHeaders":hdrs,"attachments":atts})
ctx="https://graph.microsoft.com/v1.0/$metadata#users('alice%40contoso.example')/messages"
mailbox = os.path.join(out_dir, "alice@contoso.example")
os.makedirs(mailbox, exist_ok=True)
for k in range(0,len(msgs),1000):
    with open(os.path.join(mailbox, f"messages-{k//1000:02d}.json"), "w") as page:
        json.dump({"@odata.context":ctx,"value":msgs[k:k+1000]}, page)
print(len(msgs), "messages written to", mailbox)
