#!/usr/bin/env python3
"""Writes Fixtures/triage: reported phishing messages and a small export holding their copies among
look-alike ordinary mail, for the `dragnet draft` tests (§15). Deterministic: fixed dates, no clock,
no randomness; run it again and the folder is rewritten byte for byte.

    python3 Fixtures/triage/generate.py

Every domain is a reserved example domain, except the freemail, shortener, file-sharing and brand
hosts the tricky cases are about (gmail.com, bit.ly, docs.google.com, paypal.com, paypalobjects.com):
addresses and links at those hosts are invented. IPs are from the documentation ranges, except the
Google relay of the freemail phish (209.85.128.54), which is the point of that case.
"""
import base64
import json
import os
import shutil

ROOT = os.path.dirname(os.path.abspath(__file__))
ORG = "tailspin.example"
CRLF = "\r\n"


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return CRLF.join(text[i:i + 76] for i in range(0, len(text), 76))


def received_chain(mailbox, sender_host, sender_ip, day, hh, mm):
    """Microsoft-style Received chain: two internal hops over the connecting hop."""
    return [
        f"Received: from AM7P190CA0042.EURP190.PROD.OUTLOOK.EXAMPLE (2001:db8:77::42) by{CRLF}"
        f" DB9PR05MB0042.eurprd05.prod.outlook.example with Microsoft SMTP Server id{CRLF}"
        f" 15.20.8158.12; {day} {hh}:{mm + 1:02d}:05 +0000",
        f"Received: from AM3PEPF00000A01.eurprd04.prod.outlook.example (10.167.18.31) by{CRLF}"
        f" AM7P190CA0042.EURP190.PROD.OUTLOOK.EXAMPLE (2001:db8:77::42) with Microsoft SMTP{CRLF}"
        f" Server id 15.20.8158.12; {day} {hh}:{mm + 1:02d}:04 +0000",
        f"Received: from {sender_host} ({sender_ip}) by{CRLF}"
        f" AM3PEPF00000A01.eurprd04.prod.outlook.example (10.167.18.31) with Microsoft SMTP{CRLF}"
        f" Server (version=TLS1_2) id 15.20.8158.7 via Frontend Transport; {day} {hh}:{mm + 1:02d}:03 +0000",
    ]


class Mail:
    """One message: headers, a text body, an optional HTML body, attachments."""

    def __init__(self, key, sender, subject, message_id, date, sent_iso, text, html=None, attachments=(),
                 reply_to=None, extra_headers=(), hop=None, to="undisclosed-recipients:;"):
        self.key = key
        self.sender = sender            # (name, address)
        self.subject = subject
        self.message_id = message_id
        self.date = date                # RFC 5322 date
        self.sent_iso = sent_iso        # Graph sentDateTime
        self.text = text
        self.html = html
        self.attachments = list(attachments)   # (name, content type, bytes, inline)
        self.reply_to = reply_to
        self.extra_headers = list(extra_headers)
        self.hop = hop                  # (host, ip) of the connecting hop, or None for internal mail
        self.to = to

    def header_lines(self, mailbox, received=True):
        lines = []
        if received and self.hop:
            day = self.date[:16]
            hh, mm = self.date[17:19], int(self.date[20:22])
            lines += received_chain(mailbox, self.hop[0], self.hop[1], day, hh, mm)
            lines.append(f"X-Forefront-Antispam-Report: CIP:{self.hop[1]};CTRY:;LANG:en;SCL:1;H:{self.hop[0]};DIR:INB;")
        lines += self.extra_headers
        name, address = self.sender
        lines.append(f"From: {name} <{address}>" if name else f"From: {address}")
        lines.append(f"To: {self.to}")
        if self.reply_to:
            lines.append(f"Reply-To: {self.reply_to}")
        lines.append(f"Subject: {encode_subject(self.subject)}")
        lines.append(f"Date: {self.date}")
        lines.append(f"Message-ID: <{self.message_id}>")
        lines.append("MIME-Version: 1.0")
        return lines

    def eml(self, mailbox, received=True):
        lines = self.header_lines(mailbox, received)
        boundary_mixed = f"mixed_{self.key}"
        boundary_alt = f"alt_{self.key}"
        text_part = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", self.text.replace("\n", CRLF)]
        if self.html:
            body = [f'Content-Type: multipart/alternative; boundary="{boundary_alt}"', "",
                    f"--{boundary_alt}"] + text_part + [f"--{boundary_alt}",
                    "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", self.html,
                    f"--{boundary_alt}--"]
        else:
            body = text_part
        if self.attachments:
            lines.append(f'Content-Type: multipart/mixed; boundary="{boundary_mixed}"')
            out = lines + ["", f"--{boundary_mixed}"] + body
            for name, ctype, data, inline in self.attachments:
                disposition = "inline" if inline else "attachment"
                out += [f"--{boundary_mixed}", f'Content-Type: {ctype}; name="{name}"',
                        f'Content-Disposition: {disposition}; filename="{name}"', "Content-Transfer-Encoding: base64", "",
                        b64(data)]
            out.append(f"--{boundary_mixed}--")
        else:
            out = lines + body
        return (CRLF.join(out) + CRLF).encode("utf-8")

    def graph(self, graph_id, is_read, received_iso, with_headers=True, folder_id="inbox"):
        body_type, content = ("html", self.html) if self.html else ("text", self.text)
        message = {
            "id": graph_id,
            "receivedDateTime": received_iso,
            "sentDateTime": self.sent_iso,
            "hasAttachments": bool(self.attachments),
            "internetMessageId": f"<{self.message_id}>",
            "subject": self.subject,
            "isRead": is_read,
            "categories": [],
            "parentFolderId": folder_id,
            "body": {"contentType": body_type, "content": content},
            "from": {"emailAddress": {"name": self.sender[0], "address": self.sender[1]}},
            "sender": {"emailAddress": {"name": self.sender[0], "address": self.sender[1]}},
            "toRecipients": [],
            "replyTo": ([{"emailAddress": {"name": "", "address": self.reply_to.split("<")[-1].rstrip(">")}}]
                        if self.reply_to else []),
        }
        if with_headers:
            headers = []
            for line in self.header_lines(None):
                name, _, value = line.partition(":")
                headers.append({"name": name, "value": value.strip().replace(CRLF + " ", " ")})
            message["internetMessageHeaders"] = headers
        message["attachments"] = [
            {"@odata.type": "#microsoft.graph.fileAttachment", "id": f"{graph_id}-att{i}", "name": name,
             "contentType": ctype, "size": len(data) + 120, "isInline": inline,
             "contentBytes": base64.b64encode(data).decode()}
            for i, (name, ctype, data, inline) in enumerate(self.attachments)]
        return message


def encode_subject(subject):
    if all(ord(c) < 128 for c in subject):
        return subject
    return "=?UTF-8?B?" + base64.b64encode(subject.encode()).decode() + "?="


# ---------------------------------------------------------------------------------------------------
# The phishing messages (each delivered to several mailboxes) and their look-alikes.

PHISH_FORWARDED = Mail(
    "mailboxfull", ("IT Service Desk", "helpdesk@tailspin-support.example"),
    "Your mailbox storage is full – verify within 24 hours", "a1f04c9e77d2@smtp.tailspin-support.example",
    "Mon, 14 Dec 2026 07:41:02 +0000", "2026-12-14T07:41:02Z",
    "Your mailbox has reached 99% of its quota.\nVerify your account within 24 hours to keep receiving mail:\n"
    "https://tailspin-support.example/owa/verify?quota=99\n\nIT Service Desk",
    html='<p>Your mailbox has reached <b>99%</b> of its quota.</p><p><a href="https://tailspin-support.example/owa/verify?quota=99">'
         'Verify now</a></p><img src="https://tailspin-support.example/img/owa.png" alt="Outlook">',
    hop=("smtp.tailspin-support.example", "198.51.100.23"))

PHISH_FREEMAIL = Mail(
    "deposit", ("Tailspin Payroll", "payroll.tailspin.hr@gmail.com"),
    "Update your direct deposit details before Friday's payroll", "CAJx7Q2m+Vb8pL0kq=Z9TsPayroll2026@mail.gmail.com",
    "Tue, 15 Dec 2026 09:03:44 +0000", "2026-12-15T09:03:44Z",
    "Hello,\n\nPayroll is switching banks. Reply to this message with your new account number and\n"
    "routing number before Friday so that your salary is not delayed.\n\nTailspin Payroll",
    reply_to="Payroll Desk <hr.dept.tailspin@outlook.com>",
    hop=("mail-wm1-f54.google.com", "209.85.128.54"))

PHISH_SHORTENER = Mail(
    "shortlink", ("Accounts Receivable", "accounts@harbor-partners.example"),
    "Remittance advice 88213 for your records", "20261216101500.7741@relay.bulk-host.example",
    "Wed, 16 Dec 2026 10:15:00 +0000", "2026-12-16T10:15:00Z",
    "Please find the remittance advice for payment 88213 here:\nhttps://bit.ly/3Tq8XwZ\n\nRegards,\nAccounts Receivable",
    html='<p>Please find the remittance advice for payment 88213 <a href="https://bit.ly/3Tq8XwZ">here</a>.</p>',
    hop=("relay.bulk-host.example", "203.0.113.45"))

SCAN_HTML = (b'<html><body><form action="https://scan-viewer.example/auth" method="post">'
             b'<p>Sign in to view the scanned document</p><input name="u"><input name="p" type="password">'
             b'</form></body></html>\n')
PHISH_ATTACHMENT = Mail(
    "scan", ("MFP-3F Scanner", "scanner@tailspin.example"),
    "Scanned document 0045721 from printer MFP-3F", "scan0045721.1734340000@mfp3f.tailspin.example",
    "Thu, 17 Dec 2026 11:20:31 +0000", "2026-12-17T11:20:31Z",
    "A document was scanned and sent to you. Open the attachment to view it.",
    attachments=[("Scan_0045721.htm", "text/html", SCAN_HTML, False)],
    extra_headers=["Authentication-Results: spf=none (sender IP is 192.0.2.201)" + CRLF
                   + " smtp.mailfrom=cheap-hosting.example; dkim=none (message not signed)" + CRLF
                   + " header.d=none;dmarc=fail action=oreject header.from=tailspin.example;compauth=fail reason=000"],
    hop=("vps-2231.cheap-hosting.example", "192.0.2.201"))

PHISH_BRAND = Mail(
    "limited", ("PayPal", "service@paypal.com"),
    "Your account access has been limited until you confirm your details", "5f2a9c0e41@mx.pp-secure-mail.example",
    "Fri, 18 Dec 2026 06:55:12 +0000", "2026-12-18T06:55:12Z",
    "We noticed unusual activity. Confirm your details to restore access:\n"
    "https://docs.google.com/forms/d/e/1FAIpQLSfPpLimited88/viewform\n",
    html='<img src="https://www.paypalobjects.com/webstatic/icon/pp258.png" alt="PayPal">'
         '<p>We noticed unusual activity on your account.</p>'
         '<p><a href="https://docs.google.com/forms/d/e/1FAIpQLSfPpLimited88/viewform">Confirm your details</a></p>'
         '<p><a href="https://www.paypal.com/myaccount/privacy">Privacy</a></p>',
    extra_headers=["Return-Path: <bounce-88@mx.pp-secure-mail.example>"],
    hop=("mx.pp-secure-mail.example", "198.51.100.99"))

# Ordinary mail that a careless draft would catch.
LUNCH = Mail("lunch", ("Ben Ortiz", f"ben@{ORG}"), "Team lunch on Friday at noon", "lunch-1@tailspin.example",
             "Mon, 14 Dec 2026 12:00:00 +0000", "2026-12-14T12:00:00Z", "Who is in for lunch on Friday?", to=f"team@{ORG}")
NEWSLETTER = Mail(
    "digest", ("Logistics Digest", "news@digest-mailer.example"), "Logistics Digest: the week in freight, issue 51",
    "digest-51@digest-mailer.example", "Tue, 15 Dec 2026 05:00:00 +0000", "2026-12-15T05:00:00Z",
    "Top story: https://bit.ly/2AbCdEf\nFollow us: https://www.facebook.com/logisticsdigest https://twitter.com/logdigest",
    html='<p><a href="https://bit.ly/2AbCdEf">Top story</a></p><p><a href="https://www.facebook.com/logisticsdigest">Facebook</a> '
         '<a href="https://twitter.com/logdigest">Twitter</a></p>',
    hop=("out.digest-mailer.example", "192.0.2.88"))
RECEIPT = Mail(
    "receipt", ("PayPal", "service@paypal.com"), "Receipt for your payment to Fourth Coffee",
    "receipt-55102@mx.paypal.com", "Wed, 16 Dec 2026 08:30:00 +0000", "2026-12-16T08:30:00Z",
    "You sent EUR 42.00 to Fourth Coffee. https://www.paypal.com/activity/payment/55102",
    html='<img src="https://www.paypalobjects.com/webstatic/icon/pp258.png" alt="PayPal">'
         '<p>You sent EUR 42.00 to Fourth Coffee.</p><p><a href="https://www.paypal.com/activity/payment/55102">Details</a></p>',
    hop=("mx.paypal.com", "198.51.100.150"))
SCAN_LEGIT = Mail(
    "scanlegit", ("MFP-3F Scanner", "scanner@tailspin.example"), "Scanned document 0045690 from printer MFP-3F",
    "scan0045690.1734200000@mfp3f.tailspin.example", "Tue, 15 Dec 2026 16:02:10 +0000", "2026-12-15T16:02:10Z",
    "A document was scanned and sent to you. Open the attachment to view it.",
    attachments=[("Scan_0045690.pdf", "application/pdf", b"%PDF-1.4\n% scanned page\n%%EOF\n", False)], to=f"anna@{ORG}")
SURVEY = Mail(
    "pulse", ("People Team", f"people@{ORG}"), "Two minutes: the December pulse survey",
    "pulse-12@tailspin.example", "Thu, 17 Dec 2026 09:00:00 +0000", "2026-12-17T09:00:00Z",
    "Please answer: https://docs.google.com/forms/d/e/1FAIpQLSeInternalPulse/viewform", to=f"all@{ORG}")
FRIEND = Mail(
    "friend", ("Old Friend", "old.friend.ben@gmail.com"), "Dinner plans for the holidays, are you around?",
    "CAOldFriendDinner2026@mail.gmail.com", "Fri, 18 Dec 2026 19:45:00 +0000", "2026-12-18T19:45:00Z",
    "Are you around for dinner between the holidays?", hop=("mail-wr1-f41.google.com", "209.85.221.41"), to=f"ben@{ORG}")
INVOICE = Mail(
    "invoice", ("Wingtip Toys Billing", "billing@wingtiptoys.example"), "Invoice WT-7781 for December deliveries",
    "wt-7781@wingtiptoys.example", "Fri, 18 Dec 2026 10:10:10 +0000", "2026-12-18T10:10:10Z",
    "Our invoice for December is attached.", attachments=[("invoice.pdf", "application/pdf", b"%PDF-1.4\n% WT-7781\n%%EOF\n", False)],
    hop=("mail.wingtiptoys.example", "192.0.2.77"), to=f"ben@{ORG}")

# Where each message lies: (mail, mailbox, format, folder, isRead for Graph).
COPIES = {
    "forwarded": [(PHISH_FORWARDED, "anna", "eml", "Inbox", None), (PHISH_FORWARDED, "ben", "graph", "inbox", True),
                  (PHISH_FORWARDED, "carl", "eml", "Inbox", None)],
    "freemail": [(PHISH_FREEMAIL, "ben", "graph", "inbox", False), (PHISH_FREEMAIL, "carl", "eml", "Inbox", None)],
    "shortener": [(PHISH_SHORTENER, "anna", "eml", "Inbox", None), (PHISH_SHORTENER, "ben", "graph", "inbox", True),
                  (PHISH_SHORTENER, "carl", "eml", "Junk Email", None)],
    "attachment": [(PHISH_ATTACHMENT, "anna", "eml", "Inbox", None), (PHISH_ATTACHMENT, "ben", "graph", "junkemail", False),
                   (PHISH_ATTACHMENT, "carl", "eml", "Inbox", None)],
    "brand": [(PHISH_BRAND, "anna", "eml", "Inbox", None), (PHISH_BRAND, "ben", "graph", "inbox", True)],
}
ORDINARY = [
    (LUNCH, "anna", "eml", "Inbox", None), (NEWSLETTER, "anna", "eml", "Inbox", None), (RECEIPT, "anna", "eml", "Inbox", None),
    (SCAN_LEGIT, "anna", "eml", "Inbox", None), (NEWSLETTER, "carl", "eml", "Inbox", None), (LUNCH, "carl", "eml", "Inbox", None),
    (SURVEY, "ben", "graph", "inbox", True), (FRIEND, "ben", "graph", "inbox", False), (INVOICE, "ben", "graph", "inbox", True),
    (RECEIPT, "ben", "graph", "inbox", True), (SURVEY, "carl", "eml", "Inbox", None),
]


def forward_as_attachment(inner_bytes):
    """Carl reports the mailbox-full phish to the security team as an attached message."""
    lines = [
        f"From: Carl Jensen <carl@{ORG}>", f"To: Security Team <soc@{ORG}>",
        f"Subject: {encode_subject('FW: Your mailbox storage is full – verify within 24 hours')}",
        "Date: Mon, 14 Dec 2026 08:02:11 +0000", "Message-ID: <fw-carl-0001@tailspin.example>", "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="report_boundary"', "", "--report_boundary",
        "Content-Type: text/plain; charset=utf-8", "", "This looks like phishing, please check.",
        "--report_boundary", "Content-Type: message/rfc822", "Content-Disposition: attachment", "",
    ]
    return (CRLF.join(lines) + CRLF).encode() + inner_bytes + (CRLF + "--report_boundary--" + CRLF).encode()


def main():
    for sub in ("reported", "export"):
        shutil.rmtree(os.path.join(ROOT, sub), ignore_errors=True)
    reported = os.path.join(ROOT, "reported")
    os.makedirs(reported)
    files = {
        "forward-as-attachment.eml": forward_as_attachment(PHISH_FORWARDED.eml(f"carl@{ORG}")),
        "freemail-sender.eml": PHISH_FREEMAIL.eml(f"carl@{ORG}"),
        "shortener-only.eml": PHISH_SHORTENER.eml(f"anna@{ORG}"),
        "attachment-only.eml": PHISH_ATTACHMENT.eml(f"anna@{ORG}"),
    }
    for name, data in files.items():
        with open(os.path.join(reported, name), "wb") as f:
            f.write(data)
    brand = PHISH_BRAND.graph("AAMkAGReportedBrand001=", True, "2026-12-18T06:55:20Z")
    brand["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('dana%40tailspin.example')/messages/$entity"
    with open(os.path.join(reported, "brand-spoof-graph.json"), "w", encoding="utf-8") as f:
        json.dump(brand, f, indent=2, ensure_ascii=False)
        f.write("\n")

    export = os.path.join(ROOT, "export")
    graph_pages = {}
    counters = {}
    expected = {}
    for case, copies in list(COPIES.items()) + [("ordinary", ORDINARY)]:
        for mail, who, fmt, folder, is_read in copies:
            mailbox = f"{who}@{ORG}"
            n = counters[mailbox] = counters.get(mailbox, 0) + 1
            if fmt == "eml":
                rel = os.path.join(mailbox, folder, f"{n:03d}-{mail.key}.eml")
                path = os.path.join(export, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(mail.eml(mailbox))
                location = rel
            else:
                page = graph_pages.setdefault(mailbox, [])
                graph_id = f"AAMkAG{who.capitalize()}{n:04d}{mail.key}="
                received = mail.sent_iso[:-3] + "20Z"
                page.append(mail.graph(graph_id, is_read, received, with_headers=(mail.key != "limited"), folder_id=folder))
                location = f"{mailbox}/messages.json#/value/{len(page) - 1}"
            expected.setdefault(case, []).append(location)
    for mailbox, messages in graph_pages.items():
        folder = os.path.join(export, mailbox)
        os.makedirs(folder, exist_ok=True)
        page = {"@odata.context": f"https://graph.microsoft.com/v1.0/$metadata#users('{mailbox.replace('@', '%40')}')/messages",
                "value": messages}
        with open(os.path.join(folder, "messages.json"), "w", encoding="utf-8") as f:
            json.dump(page, f, indent=2, ensure_ascii=False)
            f.write("\n")
        folders = {"value": [{"id": "inbox", "displayName": "Inbox"}, {"id": "junkemail", "displayName": "Junk Email"}]}
        with open(os.path.join(folder, "mailFolders.json"), "w", encoding="utf-8") as f:
            json.dump(folders, f, indent=2)
            f.write("\n")
    with open(os.path.join(ROOT, "expected-copies.json"), "w", encoding="utf-8") as f:
        json.dump({k: sorted(v) for k, v in expected.items() if k != "ordinary"}, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
