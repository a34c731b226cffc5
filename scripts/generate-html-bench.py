#!/usr/bin/env python3
"""Builds an HTML-heavy benchmark corpus: modern, marketing-style phishing messages of 20-200 KB.

    scripts/generate-html-bench.py OUT_DIR [--count N] [--seed S] [--corpus DIR]

The SpamAssassin corpus (2002-2005, mostly plain text) is the wrong shape to time HTML reading. This
script takes every text/html part of the shared corpus (all suites, read with Python's email package)
and assembles them into messages the shape of today's phishing mail: multipart/alternative with a
text/plain part and a quoted-printable or base64 HTML part; a head with <style> and Outlook
conditional comments; nested layout tables with inline styles; long tracking links; tracking pixels
and base64 data: URI images; some attachments (PDF-like, .html, .zip). The default count gives about
300 MB in 7,000 files, the size of the set the issue was measured on; a smaller --count gives a
quick corpus. Output: OUT_DIR/NNNN/msg-NNNNNN.eml. Deterministic for a given seed and shared corpus.
Never commit the output. Standard library only.
"""
import argparse
import base64
import binascii
import email
import email.policy
import hashlib
import html as htmllib
import mailbox
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpus"))

BODY_RE = re.compile(rb"<body[^>]*>(.*?)(?:</body>|$)", re.S | re.I)
TAG_RE = re.compile(r"<[^>]*>")
SCRIPT_RE = re.compile(r"<(script|style)[^>]*>.*?</\1\s*>", re.S | re.I)
WS_RE = re.compile(r"[ \t\r\n]+")

WORDS = ("account verify secure update billing invoice payment delivery package confirm password "
         "mailbox storage limit suspended unusual activity sign review document shared wire transfer "
         "refund tax notice action required customer service support team bonus offer").split()
TRACKERS = ["click.mlsend.example", "u4821337.ct.sendgrid.example", "links.e.shopmail.example",
            "t.mail.bankofexample.example", "r20.rs6.example", "email.mg.notify.example",
            "trk.klclick.example", "go.pardot.example", "lnk.mailchimp-list.example"]
LANDING = ["https://bit.ly/3xQ%s", "https://www.example.com/login?session=%s",
           "http://198.51.100.%d/secure/%s", "https://docs-share.example.net/view/%s",
           "https://microsoft-365-verify.example.org/auth/%s", "https://geocities.com/~%s"]


def html_parts(corpus):
    """Every decoded text/html part of the corpus, as str, in a deterministic order."""
    seen, parts = set(), []

    def take(msg):
        for part in msg.walk():
            if part.get_content_type() != "text/html":
                continue
            try:
                raw = part.get_payload(decode=True) or b""
            except Exception:
                continue
            if len(raw) < 200:
                continue
            digest = hashlib.sha256(raw).digest()
            if digest in seen:
                continue
            seen.add(digest)
            charset = part.get_content_charset() or "utf-8"
            try:
                text = raw.decode(charset, errors="replace")
            except LookupError:
                text = raw.decode("latin-1")
            parts.append(text)

    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if "outlook" in path.split(os.sep) or name in ("SHA256SUMS",) or name.endswith(".md"):
                continue
            try:
                if name.endswith(".mbox"):
                    for msg in mailbox.mbox(path, create=False):
                        take(msg)
                else:
                    with open(path, "rb") as f:
                        take(email.message_from_binary_file(f, policy=email.policy.compat32))
            except Exception:
                continue
    return parts


def inner_body(html):
    m = BODY_RE.search(html.encode("utf-8", "surrogateescape"))
    body = m.group(1).decode("utf-8", "surrogateescape") if m else html
    return body


def plain_of(html):
    text = TAG_RE.sub(" ", SCRIPT_RE.sub(" ", html))
    return WS_RE.sub(" ", htmllib.unescape(text)).strip()


class Builder:
    def __init__(self, rng, bodies):
        self.rng = rng
        self.bodies = bodies
        self.landing_rate = 0.0

    def token(self, n):
        return base64.urlsafe_b64encode(self.rng.randbytes(n)).decode().rstrip("=")

    def tracking_link(self):
        r = self.rng
        host = r.choice(TRACKERS)
        if r.random() < self.landing_rate:
            target = r.choice(LANDING)
            target = target % ((r.randrange(1, 254), self.token(6)) if target.count("%") == 2 else self.token(8))
            return target
        return "https://%s/ls/click?upn=%s&amp;utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=%s" % (
            host, self.token(r.randrange(120, 420)), self.token(8))

    def data_uri(self, size):
        blob = b"\x89PNG\r\n\x1a\n" + self.rng.randbytes(size)
        return "data:image/png;base64," + base64.b64encode(blob).decode()

    def style(self):
        r = self.rng
        return ("font-family:Helvetica,Arial,sans-serif;font-size:%dpx;line-height:%dpx;color:#%06x;"
                "padding:%dpx %dpx;mso-line-height-rule:exactly;-webkit-text-size-adjust:100%%;text-align:%s"
                % (r.randrange(11, 18), r.randrange(16, 26), r.randrange(1 << 24), r.randrange(0, 30),
                   r.randrange(0, 30), r.choice(["left", "center", "right"])))

    def phrase(self, n):
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def block(self):
        """One layout row: a corpus HTML body (or a piece of it) inside styled tables and links."""
        r = self.rng
        body = r.choice(self.bodies)
        if len(body) > 12000:
            start = r.randrange(0, len(body) - 8000)
            body = body[start:start + r.randrange(3000, 8000)]
            body = body[body.find(">") + 1:] if ">" in body[:200] else body
        out = ['<tr><td class="content-block" style="%s" bgcolor="#ffffff" valign="top">' % self.style()]
        out.append('<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" '
                   'border="0"><tr><td width="600" style="width:600px"><![endif]-->')
        out.append('<table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" style="%s">'
                   '<tr><td style="%s">' % (self.style(), self.style()))
        out.append('<p style="%s"><a href="%s" target="_blank" style="%s">%s</a></p>' % (
            self.style(), self.tracking_link(), self.style(), self.phrase(r.randrange(3, 8))))
        out.append(body)
        out.append('</td></tr></table>')
        if r.random() < 0.5:
            out.append('<div style="%s"><span style="%s">%s</span> <a href="%s" style="%s">%s</a></div>' % (
                self.style(), self.style(), self.phrase(r.randrange(10, 40)), self.tracking_link(),
                self.style(), self.phrase(3)))
        if r.random() < 0.15:
            out.append('<img src="%s" width="600" alt="%s" style="display:block;border:0;outline:none">' % (
                self.data_uri(r.randrange(1500, 12000)), self.phrase(2)))
        out.append('<!--[if mso]></td></tr></table><![endif]-->')
        out.append("<!-- block %s -->" % self.token(6))
        out.append("</td></tr>\n")
        return "".join(out)

    def html(self, target):
        r = self.rng
        head = ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
                '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" '
                'xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
                '<title>%s</title>' % self.phrase(4),
                '<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/><o:PixelsPerInch>96'
                '</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->',
                '<style type="text/css">']
        for i in range(r.randrange(20, 120)):
            head.append(".c%s-%d{%s}\n" % (self.token(3), i, self.style()))
        head.append('@media only screen and (max-width:600px){.content-block{width:100%% !important}}</style>'
                    '</head>\n<body style="margin:0;padding:0;background-color:#f4f4f4" '
                    'leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">'
                    '<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">%s&zwnj;&nbsp;&zwnj;&nbsp;</div>'
                    '<center><table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" '
                    'bgcolor="#f4f4f4" style="%s">\n' % (self.phrase(12), self.style()))
        out = ["".join(head)]
        size = len(out[0])
        while size < target:
            b = self.block()
            out.append(b)
            size += len(b)
        out.append('</table></center><img src="https://%s/open/%s.gif" width="1" height="1" alt="" '
                   'style="display:none"></body></html>\n' % (r.choice(TRACKERS), self.token(40)))
        return "".join(out)


def qp(data):
    return binascii.b2a_qp(data, quotetabs=False, istext=True, header=False).replace(b"\n", b"\r\n")


def b64(data):
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def message(b, index, target):
    r = b.rng
    b.landing_rate = 0.1 if r.random() < 0.2 else 0.0
    html = b.html(int(target * r.uniform(0.55, 0.85)))
    plain = plain_of(html)
    if len(plain) > target // 4:
        plain = plain[: target // 4]
    lines, line = [], []
    for word in plain.split(" "):
        line.append(word)
        if sum(len(w) + 1 for w in line) > 72:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    plain = "\n".join(lines) + "\n"
    charset = "utf-8"
    if r.random() < 0.15:
        charset = "windows-1252"
    html_bytes = html.encode(charset, errors="xmlcharrefreplace")
    plain_bytes = plain.encode(charset, errors="replace")

    sender_dom = r.choice(["paypal-security.example", "notify.example.com", "hotmail.com", "outlook.example",
                           "secure-billing.example.net", "mailer.shop.example", "news.retail.example",
                           "e.airline.example", "alerts.bank.example", "mail.delivery.example",
                           "info.cloudstore.example", "noreply.docs.example", "members.club.example",
                           "updates.social.example", "gmail.com", "yahoo.example"])
    ip = "%d.%d.%d.%d" % (r.choice([64, 40, 52, 54, 77, 91, 103, 109, 146, 159, 172, 185, 192, 198, 203, 209]),
                          r.randrange(256), r.randrange(256), r.randrange(1, 255))
    day = r.randrange(1, 29)
    mid = b.token(18)
    boundary_alt = "----=_Part_%d_%s" % (index, b.token(9))
    boundary_mix = "----=_Mixed_%d_%s" % (index, b.token(9))
    subject = b.phrase(r.randrange(3, 9)).capitalize()
    if r.random() < 0.1:
        subject = "=?UTF-8?B?%s?=" % base64.b64encode(("Urgent: " + subject + " \u2713").encode()).decode()
    headers = [
        "Return-Path: <bounce-%s@%s>" % (b.token(6), sender_dom),
        "Received: from mail-%s.%s (mail.%s [%s])\r\n\tby mx.contoso.example with ESMTPS id %s\r\n"
        "\tfor <user%d@contoso.example>; %s, %d Nov 2024 %02d:%02d:%02d +0000" % (
            b.token(4), sender_dom, sender_dom, ip, b.token(10), index % 50, "Mon", day, r.randrange(24),
            r.randrange(60), r.randrange(60)),
        "Received: from [10.%d.%d.%d] by smtp.%s with HTTP; %d Nov 2024 %02d:%02d:00 -0800" % (
            r.randrange(256), r.randrange(256), r.randrange(256), sender_dom, day, r.randrange(24), r.randrange(60)),
        "Authentication-Results: mx.contoso.example;\r\n\tdkim=pass header.i=@%s header.s=s1;\r\n"
        "\tspf=pass (mx.contoso.example: domain of %s designates %s as permitted sender)" % (sender_dom, sender_dom, ip),
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=s1;\r\n\th=from:to:subject:date;"
        " bh=%s=;\r\n\tb=%s" % (sender_dom, b.token(32), b.token(190)),
        "From: \"%s\" <%s@%s>" % (r.choice(["Customer Service", "Security Team", "Billing", "IT Helpdesk", "Shop", "Microsoft 365",
                                            "DocuSign", "Delivery Notice", "Payroll", "Admin", "Netflix"]),
                                  r.choice(["no-reply", "support", "alerts", "news"]), sender_dom),
        "To: user%d@contoso.example" % (index % 50),
        "Subject: %s" % subject,
        "Date: Mon, %d Nov 2024 %02d:%02d:%02d +0000" % (day, r.randrange(24), r.randrange(60), r.randrange(60)),
        "Message-ID: <%s@%s>" % (mid, sender_dom),
        "MIME-Version: 1.0",
        "X-Mailer: %s" % r.choice(["PHPMailer 6.8.0", "Microsoft Outlook 16.0", "MailChimp Mailer", "Microsoft Outlook Express 6.00",
                                   "Zimbra 9.0", "Apple Mail (2.3654)", "SendGrid", "Mailgun", "Postfix"]),
        "List-Unsubscribe: <https://%s/unsubscribe/%s>, <mailto:unsub-%s@%s>" % (
            r.choice(TRACKERS), b.token(40), b.token(8), sender_dom),
    ]
    html_qp = r.random() < 0.6
    alt = [
        "--%s" % boundary_alt,
        "Content-Type: text/plain; charset=\"%s\"" % charset,
        "Content-Transfer-Encoding: quoted-printable",
        "",
        qp(plain_bytes).decode("ascii"),
        "--%s" % boundary_alt,
        "Content-Type: text/html; charset=\"%s\"" % charset,
        "Content-Transfer-Encoding: %s" % ("quoted-printable" if html_qp else "base64"),
        "",
        (qp(html_bytes) if html_qp else b64(html_bytes)).decode("ascii"),
        "--%s--" % boundary_alt,
        "",
    ]
    attachments = []
    if r.random() < 0.2:
        kind = r.choice(["pdf", "html", "zip", "docx"])
        if kind == "html":
            data = ('<html><body><form action="https://microsoft-365-verify.example.org/auth/%s">'
                    '<input name="password" type="password"></form></body></html>' % b.token(12)).encode()
        else:
            data = {"pdf": b"%PDF-1.7\n", "zip": b"PK\x03\x04", "docx": b"PK\x03\x04"}[kind] + r.randbytes(r.randrange(2000, 40000))
        name = "%s_%s.%s" % (r.choice(["Invoice", "Remittance", "Document", "Statement"]), b.token(4), kind)
        ctype = {"pdf": "application/pdf", "html": "text/html", "zip": "application/zip",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[kind]
        attachments.append("\r\n".join([
            "--%s" % boundary_mix,
            "Content-Type: %s; name=\"%s\"" % (ctype, name),
            "Content-Disposition: attachment; filename=\"%s\"" % name,
            "Content-Transfer-Encoding: base64",
            "",
            b64(data).decode("ascii"),
        ]))
    if attachments:
        headers.append("Content-Type: multipart/mixed; boundary=\"%s\"" % boundary_mix)
        body = "\r\n".join(["This is a multi-part message in MIME format.", "",
                            "--%s" % boundary_mix,
                            "Content-Type: multipart/alternative; boundary=\"%s\"" % boundary_alt, "",
                            "\r\n".join(alt)] + attachments + ["--%s--" % boundary_mix, ""])
    else:
        headers.append("Content-Type: multipart/alternative; boundary=\"%s\"" % boundary_alt)
        body = "\r\n".join(alt)
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode("ascii")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=7000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit("no corpus at %s" % args.corpus)
    parts = html_parts(args.corpus)
    bodies = [inner_body(p) for p in parts]
    bodies = [b for b in bodies if len(b.strip()) > 100]
    print("%d distinct HTML parts in %s" % (len(bodies), args.corpus), file=sys.stderr)
    rng = random.Random(args.seed)
    builder = Builder(rng, bodies)
    total = 0
    for i in range(args.count):
        # Sizes 20-200 KB, most near 25-45 KB (the hidden set averages 38 KB a message).
        target = int(min(200_000, max(20_000, rng.lognormvariate(10.35, 0.45))))
        data = message(builder, i, target)
        sub = os.path.join(args.out_dir, "%04d" % (i // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "msg-%06d.eml" % i), "wb") as f:
            f.write(data)
        total += len(data)
    print("%d messages, %.1f MB in %s" % (args.count, total / 1e6, args.out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
