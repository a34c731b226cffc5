#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generate Fixtures/sample-tenant: a small, fictional Microsoft 365 mailbox export for Dragnet.

    python3 scripts/generate-sample-tenant.py            # (re)writes Fixtures/sample-tenant/
    python3 scripts/generate-sample-tenant.py --out DIR  # writes the same tree into DIR instead

Python 3 standard library only. The output is deterministic: a fixed seed, fixed dates, no clock,
no set or hash() ordering, hand-written MIME and JSON serialisers. Running the script twice gives
byte-identical files. After writing, the script re-reads everything it wrote and checks it (JSON
parses, EML parses with the `email` package, attachment digests, indicator isolation, counts) and
exits non-zero if anything is off.

Everything here is fictional: company "Fabrikam Logistics" on fabrikam.example; every domain is a
reserved example domain (*.example, example.com/net/org). The planted phishing campaign and every
copy of it are described in the generated README.md.
"""
from __future__ import annotations

import argparse
import base64
import email
import email.policy
import hashlib
import html as htmlmod
import json
import random
import re
import shutil
import sys
import unicodedata
import urllib.parse
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261124
UTC = timezone.utc
DOMAIN = "fabrikam.example"
NS = uuid.UUID("3f9c1e52-7a0b-4d8e-9c61-2b5a7d40e1f3")
GRAPH = "https://graph.microsoft.com/v1.0"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "Fixtures" / "sample-tenant"

rng = random.Random(SEED)


def digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ----------------------------------------------------------------------------------------------
# People
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Addr:
    name: str
    address: str


@dataclass
class User:
    key: str
    display: str
    upn: str
    dept: str
    title: str
    fmt: str | None  # mailbox format in the export, None = no mailbox exported
    shared: bool = False  # a shared (functional) mailbox: not on the All Staff list

    @property
    def addr(self) -> Addr:
        return Addr(self.display, self.upn)


USERS = [
    User("alice", "Alice Martin", "alice.martin@fabrikam.example", "Finance", "Accounts Payable Lead", "graph-pages"),
    User("bruno", "Bruno Keller", "bruno.keller@fabrikam.example", "Finance", "Financial Controller", "eml"),
    User("chloe", "Chloé Nguyen", "chloe.nguyen@fabrikam.example", "Sales", "Account Manager", "graph-array"),
    User("david", "David Okafor", "david.okafor@fabrikam.example", "IT", "Security Analyst", "graph-jsonl"),
    User("emma", "Emma Schulz", "emma.schulz@fabrikam.example", "HR", "HR Business Partner", "eml"),
    User("farid", "Farid Haddad", "farid.haddad@fabrikam.example", "Sales", "Sales Director", "graph-ps51"),
    User("grace", "Grace Lee", "grace.lee@fabrikam.example", "Executive", "Chief Executive Officer", "eml"),
    User("henry", "Henry Wu", "henry.wu@fabrikam.example", "IT", "Systems Administrator", "graph-page-noheaders"),
    User("ines", "Inès Romero", "ines.romero@fabrikam.example", "Finance", "Payroll Specialist", None),
    # Shared mailboxes of the operations team, exported by a script that fetches each message's
    # attachments with a separate call (GET .../messages/{id}/attachments) or with JSON batching.
    User("invoices", "Supplier Invoices", "supplier.invoices@fabrikam.example", "Operations", "Shared mailbox",
         "graph-att-per-message", shared=True),
    User("customs", "Customs Desk", "customs.desk@fabrikam.example", "Operations", "Shared mailbox",
         "graph-att-jsonl", shared=True),
    User("claims", "Freight Claims", "freight.claims@fabrikam.example", "Operations", "Shared mailbox",
         "graph-att-nested", shared=True),
    User("lyon", "Warehouse Lyon", "warehouse.lyon@fabrikam.example", "Operations", "Shared mailbox",
         "graph-batch", shared=True),
]
U = {u.key: u for u in USERS}
BY_ADDRESS = {u.upn: u for u in USERS}
MAILBOX_KEYS = [u.key for u in USERS if u.fmt]

GROUPS = [
    ("Finance Approvers", ["alice", "bruno", "ines"]),
    ("IT Admins", ["david", "henry"]),
    ("Executives", ["grace", "farid"]),
]

ITDESK = Addr("Fabrikam IT Service Desk", "it-servicedesk@fabrikam.example")
SECURITY = Addr("Fabrikam IT Security", "security@fabrikam.example")
AP = Addr("Accounts Payable", "ap@fabrikam.example")
CRM = Addr("Fabrikam CRM", "noreply@crm.fabrikam.example")
ALLSTAFF = Addr("All Staff", "allstaff@fabrikam.example")

# Folders: display name -> well-known byte used in the synthetic folder ids (as in Graph's AQMk... ids)
FOLDER_WK = {
    "Archive": 0x5D, "Conversation History": 0x15, "Deleted Items": 0x0A, "Drafts": 0x0F,
    "Inbox": 0x0C, "Junk Email": 0x19, "Outbox": 0x0B, "Sent Items": 0x09,
}
FOLDER_ORDER = ["Inbox", "Sent Items", "Drafts", "Archive", "Deleted Items", "Junk Email"]


# ----------------------------------------------------------------------------------------------
# External senders (every domain is reserved for documentation)
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Origin:
    ip: str
    helo: str
    tz: str          # eu | us | uk | utc
    mailer: str | None = None
    auth: str = "pass"


ORIGINS = {
    "northwindtraders.example": Origin("198.51.100.41", "mail.northwindtraders.example", "uk"),
    "woodgrovebank.example": Origin("192.0.2.15", "smtp-out.woodgrovebank.example", "eu"),
    "tailspintoys.example": Origin("198.51.100.87", "mx-out.tailspintoys.example", "eu", "Microsoft Outlook 16.0"),
    "wingtiptoys.example": Origin("192.0.2.44", "mail.wingtiptoys.example", "uk", "Microsoft Outlook 16.0"),
    "spedition-weiss.example": Origin("198.51.100.120", "mail.spedition-weiss.example", "eu", "Microsoft Outlook 16.0"),
    "logisticsweekly.example.org": Origin("192.0.2.200", "mta7.email.logisticsweekly.example.org", "us", "Mailgun"),
    "adatum.example": Origin("192.0.2.61", "alerts-smtp.adatum.example", "utc"),
    "cloud.adatum.example": Origin("192.0.2.62", "status-smtp.adatum.example", "utc"),
    "litwareinc.example": Origin("198.51.100.150", "out.litwareinc.example", "eu"),
    "mail.example.net": Origin("192.0.2.91", "smtp.mail.example.net", "eu"),
    "example.com": Origin("192.0.2.92", "smtp.example.com", "eu"),
    "example.org": Origin("192.0.2.93", "relay.example.org", "uk"),
    "proseware.example": Origin("198.51.100.175", "smtp.proseware.example", "eu", "Microsoft Outlook 16.0"),
    "fourthcoffee.example": Origin("192.0.2.130", "mail.fourthcoffee.example", "eu"),
    # Ordinary spam. 203.0.113.7 is a deliberate near-miss of the campaign IP 203.0.113.77.
    "rewards-center.example.net": Origin("203.0.113.7", "bulk1.rewards-center.example.net", "us", "Sendy 6.1", "fail"),
    "seo-growth.example.com": Origin("192.0.2.222", "vps-1182.seo-growth.example.com", "us", None, "softfail"),
    # The campaign.
    "fabrikam-invoices.example": Origin("203.0.113.77", "mail.fabrikam-invoices.example", "utc",
                                        "PHPMailer 6.9.1", "phish"),
}

NORTHWIND = Addr("Northwind Traders Billing", "billing@northwindtraders.example")
WOODGROVE = Addr("Woodgrove Bank", "notifications@woodgrovebank.example")
TAILSPIN = Addr("Marta Kowalska", "m.kowalska@tailspintoys.example")
WINGTIP = Addr("Liam O'Brien", "liam.obrien@wingtiptoys.example")
WEISS = Addr("Jürgen Weiß", "j.weiss@spedition-weiss.example")
LWEEKLY = Addr("Logistics Weekly", "newsletter@logisticsweekly.example.org")
DEFENDER = Addr("Adatum Defender", "alerts@adatum.example")
ADATUMCLOUD = Addr("Adatum Cloud Status", "status@cloud.adatum.example")
LITWARE = Addr("Litware Benefits", "service@litwareinc.example")
JOSE = Addr("José Muñoz", "jose.munoz@mail.example.net")
SOREN = Addr("Søren Østergaard", "soren.ostergaard@example.com")
PRIYA = Addr("Priya Raman", "priya.raman@example.org")
AMELIE = Addr("Amélie Laurent", "amelie.laurent@proseware.example")
FOURTH = Addr("Fourth Coffee Catering", "orders@fourthcoffee.example")
REWARDS = Addr("Rewards Center", "promo@rewards-center.example.net")
SEO = Addr("SEO Growth Partners", "sales@seo-growth.example.com")
PHISH_FROM = Addr("Accounts Payable", "billing@fabrikam-invoices.example")
PHISH_REPLYTO = Addr("Accounts Payable", "ap-desk@fabrikam-invoices.example")


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[1].lower()


def is_internal(address: str) -> bool:
    d = domain_of(address)
    return d == DOMAIN or d.endswith("." + DOMAIN)


def origin_for(address: str) -> Origin:
    return ORIGINS[domain_of(address)]


# ----------------------------------------------------------------------------------------------
# Dates
# ----------------------------------------------------------------------------------------------

EU_DST_END = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
US_DST_END = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


def T(month: int, day: int, hour: int, minute: int, second: int | None = None) -> datetime:
    if second is None:
        second = rng.randint(0, 59)
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


def tz_offset(tz: str, dt: datetime) -> int:
    """Offset in minutes for a fixed set of zones (2026 rules)."""
    if tz == "eu":
        return 120 if dt < EU_DST_END else 60
    if tz == "uk":
        return 60 if dt < EU_DST_END else 0
    if tz == "us":
        return -240 if dt < US_DST_END else -300
    return 0


def rfc5322_date(dt: datetime, offset_min: int = 0) -> str:
    local = dt + timedelta(minutes=offset_min)
    sign = "+" if offset_min >= 0 else "-"
    om = abs(offset_min)
    return "%s, %d %s %d %02d:%02d:%02d %s%02d%02d" % (
        WEEKDAYS[local.weekday()], local.day, MONTHS[local.month - 1], local.year,
        local.hour, local.minute, local.second, sign, om // 60, om % 60)


def iso_z(dt: datetime) -> str:
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)


def iso_local(dt: datetime, offset_min: int) -> str:
    local = dt + timedelta(minutes=offset_min)
    sign = "+" if offset_min >= 0 else "-"
    om = abs(offset_min)
    return "%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d" % (
        local.year, local.month, local.day, local.hour, local.minute, local.second, sign, om // 60, om % 60)


def outlook_sent_line(dt: datetime) -> str:
    h = dt.hour % 12 or 12
    return "%s, %s %d, %d %d:%02d %s" % (WEEKDAYS_LONG[dt.weekday()], MONTHS_LONG[dt.month - 1], dt.day,
                                         dt.year, h, dt.minute, "AM" if dt.hour < 12 else "PM")


def epoch_ms(dt: datetime) -> int:
    return int((dt - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()) * 1000


# ----------------------------------------------------------------------------------------------
# Messages (the logical send) and copies (one per mailbox folder)
# ----------------------------------------------------------------------------------------------

@dataclass
class Att:
    name: str
    content_type: str
    data: bytes
    rfc2231: bool = False   # EML: RFC 2231 filename*= (else an Outlook-style encoded word) for non-ASCII names
    reference: bool = False  # Graph referenceAttachment: a link to a cloud file, no bytes (Graph mailboxes only)
    inline_cid: str | None = None  # an inline image: isInline and this contentId


@dataclass
class Msg:
    key: str
    frm: Addr
    to: list
    subject: str
    sent: datetime
    own_text: str
    cc: list = field(default_factory=list)
    bcc_only: bool = False            # To: undisclosed-recipients:; (real recipients were Bcc)
    bcc: list = field(default_factory=list)
    html: str | None = None           # explicit HTML body; "auto" renders own text as HTML
    atts: list = field(default_factory=list)
    parent: "Msg | None" = None
    parent_mode: str = "reply"        # reply | forward (inline quote)
    folders: dict = field(default_factory=dict)   # mailbox key -> folder
    read: dict = field(default_factory=dict)      # mailbox key -> bool
    delays: dict = field(default_factory=dict)    # mailbox key -> seconds after `sent`
    modified: dict = field(default_factory=dict)  # mailbox key -> lastModified datetime
    importance: str = "normal"
    charset: str = "utf-8"
    lang: str = "en-US"
    event: dict | None = None
    draft: bool = False
    campaign: bool = False
    reply_to: list = field(default_factory=list)
    list_unsubscribe: str | None = None
    attached: "tuple[Msg, str] | None" = None    # forward as attachment: (message, mailbox whose copy)
    subject_b: bool = False           # RFC 2047 B-encoding for a non-ASCII subject (else Q)
    # computed
    message_id: str = ""
    thread_index: bytes = b""
    references: list = field(default_factory=list)
    conv_root: str = ""

    @property
    def text(self) -> str:
        if self.parent is None:
            return self.own_text
        p = self.parent
        to = "; ".join(a.name for a in p.to) if not p.bcc_only else ""
        quoted = ("\n\n________________________________\nFrom: %s <%s>\nSent: %s\nTo: %s\n%sSubject: %s\n\n%s" % (
            p.frm.name, p.frm.address, outlook_sent_line(p.sent), to,
            ("Cc: %s\n" % "; ".join(a.name for a in p.cc)) if p.cc else "", p.subject, p.text))
        return self.own_text + quoted


@dataclass
class Copy:
    msg: Msg
    mbx: str
    folder: str
    is_read: bool
    received: datetime
    modified: datetime
    # filled when written
    path: str = ""
    pointer: str = ""
    graph_id: str = ""


MSGS: list[Msg] = []


def server_of(address: str) -> str:
    h = digest("server", address.lower())
    region = ["AM9", "DB9", "VI1", "PA4", "AS8"][h[0] % 5]
    n = 4 + h[1] % 4
    return "%sPR0%dMB%04d.eurprd0%d.prod.outlook.example" % (region, n, 1000 + int.from_bytes(h[2:4], "big") % 9000, n)


def ipv6_of(name: str) -> str:
    h = digest("ip6", name)
    return "2001:db8:%x:%x::%x" % (int.from_bytes(h[0:2], "big"), int.from_bytes(h[2:4], "big"),
                                   int.from_bytes(h[4:6], "big"))


def make_message_id(m: Msg) -> str:
    h = digest("msgid", m.key)
    d = domain_of(m.frm.address)
    if is_internal(m.frm.address):
        srv = server_of(m.frm.address)
        return "<%s%s@%s>" % (srv.split(".")[0], h.hex().upper()[:25], srv)
    if m.campaign:
        return "<b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>"
    stamp = "%04d%02d%02d%02d%02d%02d" % (m.sent.year, m.sent.month, m.sent.day, m.sent.hour, m.sent.minute,
                                         m.sent.second)
    if d == "logisticsweekly.example.org":
        return "<0102019%s-%s-%s-000000@email.logisticsweekly.example.org>" % (
            h.hex()[:9], h.hex()[9:13], h.hex()[13:25])
    origin = ORIGINS[d]
    if origin.mailer and "Outlook" in origin.mailer:
        srv = "%sPR0%dMB%04d.eurprd0%d.prod.outlook.example" % ("DU2", 1 + h[0] % 9, 1000 + h[1] * 31 % 9000,
                                                            1 + h[0] % 9)
        return "<%s%s@%s>" % (srv.split(".")[0], h.hex().upper()[:25], srv)
    return "<%s.%s@%s>" % (stamp, h.hex()[:12].upper(), origin.helo)


def add(**kw) -> Msg:
    m = Msg(**kw)
    if m.html == "auto":
        m.html = auto_html(m.text)
    p = m.parent
    if p is not None:
        m.thread_index = p.thread_index + digest("ti", m.key)[:5]
        m.references = p.references + [p.message_id]
        m.conv_root = p.conv_root
    else:
        h = digest("ti", m.key)
        m.thread_index = b"\x01" + h[:21]
        m.conv_root = m.key
    m.message_id = make_message_id(m)
    MSGS.append(m)
    return m


def recipients_of(m: Msg) -> list[str]:
    """Mailbox keys (exported mailboxes only) that receive a copy, in a stable order."""
    out: list[str] = []
    for a in m.to + m.cc + m.bcc:
        if a.address == ALLSTAFF.address:
            keys = [k for k in MAILBOX_KEYS if U[k].upn != m.frm.address and not U[k].shared]
        else:
            u = BY_ADDRESS.get(a.address)
            keys = [u.key] if u and u.fmt else []
        for k in keys:
            if k not in out:
                out.append(k)
    return out


def copies_of(m: Msg) -> list[Copy]:
    out = []
    sender = BY_ADDRESS.get(m.frm.address)
    if sender and sender.fmt:
        folder = "Drafts" if m.draft else m.folders.get(sender.key, "Sent Items")
        out.append(Copy(m, sender.key, folder, True, m.sent, m.modified.get(sender.key, m.sent)))
    if m.draft:
        return out
    for k in recipients_of(m):
        delay = m.delays.get(k, 2 + int.from_bytes(digest("delay", m.key, k)[:1], "big") % 5)
        received = m.sent + timedelta(seconds=delay)
        folder = m.folders.get(k, "Inbox")
        if k in m.read:
            is_read = m.read[k]
        else:
            is_read = digest("read", m.key, k)[0] < 218   # ~85 % read
        modified = m.modified.get(k, received + timedelta(seconds=30 + digest("mod", m.key, k)[0] * 7))
        out.append(Copy(m, k, folder, is_read, received, modified))
    return out


# ----------------------------------------------------------------------------------------------
# Bodies and attachments
# ----------------------------------------------------------------------------------------------

URL_RE = re.compile(r"https?://[^\s<>\"]+")


def auto_html(text: str) -> str:
    paras = []
    for p in text.split("\n\n"):
        esc = htmlmod.escape(p, quote=False)
        esc = URL_RE.sub(lambda mm: '<a href="%s">%s</a>' % (mm.group(0), mm.group(0)), esc)
        paras.append("<p>%s</p>" % esc.replace("\n", "<br>\r\n"))
    return ('<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>'
            '</head><body dir="ltr">\r\n<div style="font-family:Aptos,Calibri,Helvetica,sans-serif;'
            'font-size:11pt;color:rgb(0,0,0)">\r\n' + "\r\n".join(paras) + "\r\n</div>\r\n</body></html>")


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def preview(text: str) -> str:
    flat = crlf(text.strip())
    return flat[:255]


def tiny_pdf(title: str, *lines: str) -> bytes:
    out = "%PDF-1.4\n% Fabrikam sample fixture - not a real PDF document\n"
    out += "1 0 obj << /Type /Catalog /Title (%s) >> endobj\n" % title
    for ln in lines:
        out += "% " + ln + "\n"
    out += "trailer << /Root 1 0 R >>\n%%EOF\n"
    return out.encode("ascii")


def csv_bytes(rows: list[list[str]]) -> bytes:
    return ("".join(",".join(r) + "\r\n" for r in rows)).encode("utf-8")


# The campaign's attachment: identical bytes in every copy.
PHISH_ATTACHMENT = (
    b'<!DOCTYPE html>\n'
    b'<html><head><meta charset="utf-8"><title>Invoice INV-204981 - Secure document</title></head>\n'
    b'<body style="font-family:Segoe UI,Arial,sans-serif;background:#f2f2f2">\n'
    b'<div style="max-width:360px;margin:40px auto;background:#fff;padding:24px">\n'
    b'<h2>Microsoft 365</h2>\n'
    b'<p>Invoice INV-204981 is a protected document. Sign in with your work account to view it.</p>\n'
    b'<form method="post" action="https://fabrikam-invoices.example/pay/204981/auth">\n'
    b'<input type="email" name="login" placeholder="someone@fabrikam.example"><br>\n'
    b'<input type="password" name="passwd" placeholder="Password"><br>\n'
    b'<button type="submit">View invoice</button>\n'
    b'</form>\n'
    b'</div>\n'
    b'</body></html>\n')
PHISH_ATT_NAME = "INV-204981.html"
PHISH_SUBJECT = "Overdue invoice INV-204981 \u2013 action required"
PHISH_URL = "https://fabrikam-invoices.example/pay/204981"
PHISH_IP = "203.0.113.77"

PHISH_TEXT = (
    "Dear colleague,\n\n"
    "Our records show that invoice INV-204981 (EUR 18,460.00, due 10 November 2026) is now 14 days "
    "overdue. To avoid a late-payment fee and a hold on your deliveries, please review and settle the "
    "invoice today:\n\n"
    + PHISH_URL + "\n\n"
    "If you have already made a wire transfer, confirm the payment reference on the portal. The invoice "
    "is attached for your reference.\n\n"
    "Kind regards,\nAccounts Payable\nFabrikam Logistics \u2013 Billing Services")

PHISH_HTML = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\r\n'
    '<body style="font-family:Arial,sans-serif;font-size:14px">\r\n'
    '<p>Dear colleague,</p>\r\n'
    '<p>Our records show that invoice <b>INV-204981</b> (EUR 18,460.00, due 10 November 2026) is now '
    '<b>14 days overdue</b>. To avoid a late-payment fee and a hold on your deliveries, please review and '
    'settle the invoice today.</p>\r\n'
    '<p><a href="' + PHISH_URL + '" style="background:#0067b8;color:#ffffff;padding:8px 16px;'
    'text-decoration:none">View and pay invoice INV-204981</a></p>\r\n'
    '<p>If you have already made a wire transfer, confirm the payment reference on the portal. The invoice '
    'is attached for your reference.</p>\r\n'
    '<p>Kind regards,<br>Accounts Payable<br>Fabrikam Logistics &ndash; Billing Services</p>\r\n'
    '</body></html>')


# ----------------------------------------------------------------------------------------------
# The catalogue of ordinary mail (about 200 copies) and the campaign
# ----------------------------------------------------------------------------------------------

def build_catalogue() -> dict:
    a, b, c, d, e, f, g, h, i = (U[k].addr for k in ["alice", "bruno", "chloe", "david", "emma", "farid",
                                                     "grace", "henry", "ines"])
    named: dict[str, Msg] = {}

    # --- Tenant-wide notices -----------------------------------------------------------------
    add(key="it-vpn", frm=ITDESK, to=[ALLSTAFF], sent=T(10, 5, 7, 30),
        subject="Planned maintenance: VPN gateway upgrade on Saturday 10 October",
        own_text=("Hello all,\n\nThe VPN gateway will be upgraded on Saturday 10 October between 06:00 and "
                  "10:00 CEST. Remote access will be unavailable during that window. Office networks are "
                  "not affected.\n\nFabrikam IT Service Desk"),
        folders={"alice": "Archive", "grace": "Deleted Items", "david": "Archive"})
    add(key="hr-holidays", frm=e, to=[ALLSTAFF], sent=T(10, 12, 9, 2),
        subject="Holiday schedule 2027",
        own_text=("Hi everyone,\n\nAttached is the public holiday calendar for 2027 for the Rotterdam and "
                  "Lyon sites. Please plan your leave requests accordingly.\n\nBest regards,\nEmma"),
        atts=[Att("holiday-calendar-2027.csv", "text/csv", csv_bytes([
            ["date", "site", "holiday"], ["2027-01-01", "all", "New Year's Day"],
            ["2027-04-27", "Rotterdam", "King's Day"], ["2027-07-14", "Lyon", "Bastille Day"],
            ["2027-12-25", "all", "Christmas Day"]]))],
        folders={"alice": "Archive"})
    add(key="ceo-townhall", frm=g, to=[ALLSTAFF], sent=T(10, 28, 16, 5), html="auto",
        subject="Q3 results and town hall on 4 November",
        own_text=("Dear colleagues,\n\nQ3 volumes grew 6% year on year, and on-time delivery reached 97.2%. "
                  "Thank you all for an excellent quarter.\n\nJoin the town hall on Wednesday 4 November at "
                  "15:00 CET in the Rotterdam canteen or online. Slides will be posted on "
                  "https://intranet.fabrikam.example/townhall/2026-q3 afterwards.\n\nGrace"))
    add(key="it-report-button", frm=ITDESK, to=[ALLSTAFF], sent=T(11, 2, 8, 0), html="auto",
        subject="New: Report Phishing button in Outlook",
        own_text=("Hello all,\n\nFrom today Outlook shows a Report Phishing button on the ribbon. Use it for "
                  "any suspicious message; it sends the message to IT Security as an attachment.\n\nGuide: "
                  "https://intranet.fabrikam.example/security/report-phishing\n\nFabrikam IT Service Desk"))
    add(key="hr-enrolment", frm=e, to=[ALLSTAFF], sent=T(11, 9, 10, 0), html="auto",
        subject="Open enrolment for benefits closes 20 November",
        own_text=("Hi everyone,\n\nOpen enrolment for 2027 benefits is open until Friday 20 November. Our "
                  "provider Litware Benefits hosts the portal: https://benefits.litwareinc.example/fabrikam\n\n"
                  "You will need your employee number. Questions: reply to this e-mail.\n\nEmma"))
    # Near-miss: internal "password expiry ... action required", links only to the real domain.
    add(key="it-password-expiry", frm=ITDESK, to=[ALLSTAFF], sent=T(11, 16, 6, 45), html="auto",
        subject="Password expiry notice \u2013 action required",
        own_text=("Hello,\n\nPasswords for Fabrikam accounts now expire every 180 days. If your password "
                  "expires within the next 7 days, change it from a company device: press Ctrl+Alt+Del and "
                  "choose Change a password, or use https://portal.fabrikam.example/password/change\n\n"
                  "IT will never ask for your password by e-mail.\n\nFabrikam IT Service Desk"),
        folders={"emma": "Deleted Items"})
    add(key="lunch", frm=c, to=[ALLSTAFF], sent=T(11, 18, 11, 20),
        subject="Friday team lunch \U0001F355 \u2013 who's in?",
        own_text=("Hi all,\n\nPizza lunch in the Rotterdam canteen this Friday at 12:30. Reply by Thursday "
                  "noon so I can order enough.\n\nChlo\u00e9"),
        folders={"henry": "Deleted Items"})
    # Near-miss: internal advisory that names the invoice number, but has no link, no attachment,
    # and does not name the look-alike domain.
    add(key="security-advisory", frm=SECURITY, to=[ALLSTAFF], sent=T(11, 25, 9, 30, 0), html="auto",
        importance="high",
        subject="Security advisory: fake overdue-invoice e-mails",
        own_text=("Hello all,\n\nOn 24 November several colleagues received an e-mail from \"Accounts "
                  "Payable\" about an overdue invoice INV-204981. It did not come from Fabrikam. If you "
                  "still have it, do not open the attachment or click the button; report it with the "
                  "Report Phishing button and delete it.\n\nIf you entered your password, call the "
                  "service desk on extension 4400 now.\n\nFabrikam IT Security"))

    # --- Newsletters (one send per subscriber, each with its own Message-ID) -------------------
    issues = [("2026-41", T(10, 7, 13, 0, 0), "Rotterdam port congestion eases; rail freight rates up 3%"),
              ("2026-43", T(10, 21, 13, 0, 0), "Reefer capacity outlook for the winter season"),
              ("2026-45", T(11, 4, 14, 0, 0), "EU road toll changes from January 2027"),
              ("2026-47", T(11, 18, 14, 0, 0), "Peak season: how shippers are planning for December")]
    nl_folders = {("2026-41", "bruno"): "Deleted Items", ("2026-41", "grace"): "Archive",
                  ("2026-43", "chloe"): "Deleted Items",
                  ("2026-45", "grace"): "Junk Email"}
    for num, when, headline in issues:
        for who in ["bruno", "chloe", "grace"]:
            u = U[who]
            url = "https://logisticsweekly.example.org/issues/%s" % num
            html = ('<html><head><meta charset="utf-8"><title>Logistics Weekly %s</title></head>\r\n'
                    '<body style="margin:0;background:#eef1f4">\r\n<table width="600" align="center" '
                    'style="background:#ffffff;font-family:Georgia,serif"><tr><td>\r\n'
                    '<h1 style="font-size:22px">Logistics Weekly &middot; %s</h1>\r\n'
                    '<h2 style="font-size:18px"><a href="%s?utm_source=newsletter&amp;utm_medium=email">%s</a></h2>\r\n'
                    '<p>Your weekly digest of freight, ports and supply-chain news.</p>\r\n'
                    '<p style="font-size:11px;color:#777">You receive this because %s subscribed. '
                    '<a href="https://logisticsweekly.example.org/unsubscribe?u=%s">Unsubscribe</a></p>\r\n'
                    '<img src="https://logisticsweekly.example.org/o/%s.gif" width="1" height="1" alt="">\r\n'
                    '</td></tr></table>\r\n</body></html>') % (
                num, num, url, htmlmod.escape(headline), u.upn, digest("u", u.upn).hex()[:10],
                digest("o", num, u.upn).hex()[:12])
            add(key="nl-%s-%s" % (num, who), frm=LWEEKLY, to=[u.addr], sent=when,
                subject="Logistics Weekly %s: %s" % (num, headline),
                own_text=("Logistics Weekly %s\n\n%s\n%s\n\nYour weekly digest of freight, ports and "
                          "supply-chain news.\n\nUnsubscribe: https://logisticsweekly.example.org/unsubscribe"
                          % (num, headline, url)),
                html=html, list_unsubscribe="<https://logisticsweekly.example.org/unsubscribe?u=%s>" %
                digest("u", u.upn).hex()[:10],
                folders={who: nl_folders[(num, who)]} if (num, who) in nl_folders else {})

    # --- Finance -------------------------------------------------------------------------------
    add(key="nw-inv-1103", frm=NORTHWIND, to=[a], cc=[b], sent=T(10, 3, 9, 12),
        subject="Invoice NW-2026-1103 from Northwind Traders",
        own_text=("Dear Accounts Payable,\n\nPlease find attached invoice NW-2026-1103 for pallet "
                  "handling in September (EUR 6,120.00), payable within 30 days.\n\nNorthwind Traders "
                  "Billing\nhttps://portal.northwindtraders.example"),
        atts=[Att("NW-2026-1103.pdf", "application/pdf", tiny_pdf("Invoice NW-2026-1103",
                                                                 "Northwind Traders", "EUR 6,120.00"))],
        folders={"alice": "Archive"})
    nw1187 = add(key="nw-inv-1187", frm=NORTHWIND, to=[a], cc=[b], sent=T(10, 31, 8, 40),
                 subject="Invoice NW-2026-1187 from Northwind Traders",
                 own_text=("Dear Accounts Payable,\n\nPlease find attached invoice NW-2026-1187 for "
                           "cross-docking in October (EUR 4,312.50), payable by 20 November.\n\nNorthwind "
                           "Traders Billing\nhttps://portal.northwindtraders.example"),
                 atts=[Att("NW-2026-1187.pdf", "application/pdf", tiny_pdf("Invoice NW-2026-1187",
                                                                          "Northwind Traders", "EUR 4,312.50"))])
    add(key="nw-statement", frm=NORTHWIND, to=[a], cc=[b], sent=T(11, 20, 10, 15), html="auto",
        subject="Statement of account \u2013 November 2026",
        own_text=("Dear Accounts Payable,\n\nYour statement of account for November is attached. Open "
                  "items: NW-2026-1187.\n\nNorthwind Traders Billing"),
        atts=[Att("Statement-2026-11.pdf", "application/pdf", tiny_pdf("Statement 2026-11",
                                                                      "Open: NW-2026-1187 EUR 4,312.50"))])
    named["nw-statement"] = MSGS[-1]
    # Near-miss: the real supplier, same day as the campaign, "invoice ... overdue", a real link.
    add(key="nw-reminder", frm=NORTHWIND, to=[a], cc=[b], sent=T(11, 24, 10, 5, 31), html="auto",
        parent=None,
        subject="Reminder: invoice NW-2026-1187 overdue",
        own_text=("Dear Accounts Payable,\n\nOur records show invoice NW-2026-1187 (EUR 4,312.50, due 20 "
                  "November) as overdue. If you have already paid, please ignore this reminder. You can "
                  "download a copy from https://portal.northwindtraders.example/invoices/NW-2026-1187\n\n"
                  "Kind regards,\nNorthwind Traders Billing"),
        read={"alice": False})
    add(key="nw-reply", frm=a, to=[NORTHWIND], sent=T(11, 21, 8, 3), parent=named["nw-statement"],
        subject="RE: Statement of account \u2013 November 2026",
        own_text=("Hello,\n\nThanks. NW-2026-1187 is scheduled in our payment run of 27 November.\n\n"
                  "Regards,\nAlice Martin\nFabrikam Logistics"))
    wg_folders = {"wg-statement": {"bruno": "Deleted Items"}}
    add(key="wg-wire-1", frm=WOODGROVE, to=[b], sent=T(10, 15, 11, 0),
        subject="Incoming wire transfer received",
        own_text=("Dear customer,\n\nAn incoming wire transfer of EUR 82,400.00 was credited to your "
                  "account ending 4471 on 15 October 2026. Reference: TAILSPIN PO 55120.\n\nSign in to "
                  "online banking to see the details. We will never ask for your credentials by e-mail.\n\n"
                  "Woodgrove Bank"))
    add(key="wg-statement", frm=WOODGROVE, to=[b], sent=T(11, 3, 6, 0),
        subject="Your October statement is ready",
        own_text=("Dear customer,\n\nYour statement for October 2026 for the account ending 4471 is "
                  "available in online banking.\n\nWoodgrove Bank"),
        folders=wg_folders["wg-statement"])
    add(key="wg-wire-2", frm=WOODGROVE, to=[b], sent=T(11, 13, 11, 30),
        subject="Incoming wire transfer received",
        own_text=("Dear customer,\n\nAn incoming wire transfer of EUR 41,950.00 was credited to your "
                  "account ending 4471 on 13 November 2026. Reference: WINGTIP Q-7702.\n\nWoodgrove Bank"))
    for key, day, total in [("ap-run-1023", T(10, 23, 15, 10), "23"), ("ap-run-1106", T(11, 6, 15, 5), "06"),
                            ("ap-run-1120", T(11, 20, 15, 20), "20")]:
        month = "10" if key.endswith("1023") else "11"
        run = "2026-%s-%s" % (month, total)
        # Near-miss: a legitimate internal sender whose display name is also "Accounts Payable".
        add(key=key, frm=AP, to=[a, b], sent=day, html="auto",
            subject="Payment run %s completed" % run,
            own_text=("The payment run of %s has been executed. Details: "
                      "https://invoices.fabrikam.example/runs/%s\n\nAccounts Payable (shared mailbox)" % (run, run)),
            atts=[Att("payment-run-%s.csv" % run, "text/csv", csv_bytes([
                ["supplier", "invoice", "amount_eur"],
                ["Northwind Traders", "NW-2026-1103" if month == "10" else "NW-2026-1155", "6120.00"],
                ["Spedition Weiss", "2026-8%02d" % (int(total) + 40), "2890.40"]]))] if key == "ap-run-1120" else [],
            folders={"alice": "Archive"} if key == "ap-run-1023" else {})
    q1 = add(key="q4-accruals-1", frm=a, to=[b], sent=T(11, 10, 8, 14), html="auto",
             subject="Q4 accruals \u2013 freight",
             own_text=("Hi Bruno,\n\nFor the Q4 accruals: Northwind cross-docking for November is not "
                       "invoiced yet. I estimate EUR 4,500. OK to accrue?\n\nAlice"))
    q2 = add(key="q4-accruals-2", frm=b, to=[a], sent=T(11, 10, 9, 2), parent=q1, html="auto",
             subject="RE: Q4 accruals \u2013 freight",
             own_text="Hi Alice,\n\nYes, accrue EUR 4,500 and add a note to the checklist.\n\nBruno")
    add(key="q4-accruals-3", frm=a, to=[b], sent=T(11, 11, 7, 55), parent=q2, html="auto",
        subject="RE: Q4 accruals \u2013 freight",
        own_text="Done, booked as ACC-2026-118.\n\nAlice")
    add(key="month-end", frm=b, to=[a], sent=T(10, 30, 16, 40),
        subject="Month-end close checklist (October)",
        own_text="Alice,\n\nChecklist for the October close attached. Items 4 and 7 are yours.\n\nBruno",
        atts=[Att("close-checklist-2026-10.csv", "text/csv", csv_bytes([
            ["item", "owner", "due"], ["1 Bank reconciliation", "bruno", "2026-11-02"],
            ["4 Supplier accruals", "alice", "2026-11-03"], ["7 AP ageing review", "alice", "2026-11-04"]]))],
        folders={"alice": "Archive"})
    add(key="payroll-cutoff", frm=i, to=[a], sent=T(11, 12, 13, 45),
        subject="Payroll cut-off moved to 19 November",
        own_text=("Hi Alice,\n\nThis month the payroll cut-off is Thursday 19 November instead of the 20th. "
                  "Please send any expense claims before then.\n\nIn\u00e8s"))
    add(key="overtime-oct", frm=i, to=[a, b], sent=T(11, 2, 10, 20),
        subject="Overtime report October",
        own_text="Hello both,\n\nOctober overtime per site attached for your review.\n\nIn\u00e8s",
        atts=[Att("overtime-2026-10.csv", "text/csv", csv_bytes([
            ["site", "hours", "cost_eur"], ["Rotterdam", "412", "14210.00"], ["Lyon", "188", "6580.00"]]))])
    add(key="cash-forecast", frm=b, to=[g], sent=T(11, 19, 17, 5),
        subject="Cash forecast December",
        own_text="Grace,\n\nDecember cash forecast attached. Headroom stays above EUR 2.1m.\n\nBruno",
        atts=[Att("cash-forecast-2026-12.csv", "text/csv", csv_bytes([
            ["week", "inflow_eur", "outflow_eur"], ["49", "910000", "860000"], ["50", "880000", "905000"],
            ["51", "1020000", "940000"], ["52", "640000", "720000"]]))])

    # --- Sales ---------------------------------------------------------------------------------
    add(key="po-55120", frm=TAILSPIN, to=[c], cc=[f], sent=T(10, 8, 7, 50),
        subject="PO 55120 \u2013 40 pallets Rotterdam \u2192 Lyon",
        own_text=("Hello Chlo\u00e9,\n\nPlease find our purchase order 55120 attached: 40 pallets from "
                  "Rotterdam to Lyon, pick-up 14 October.\n\nBest regards,\nMarta Kowalska\nTailspin Toys"),
        atts=[Att("PO-55120.csv", "text/csv", csv_bytes([
            ["po", "pallets", "from", "to", "pickup"], ["55120", "40", "Rotterdam", "Lyon", "2026-10-14"]]))],
        folders={"farid": "Deleted Items"})
    add(key="po-55163", frm=TAILSPIN, to=[c], cc=[f], sent=T(11, 5, 8, 25),
        subject="PO 55163 \u2013 weekly consolidation",
        own_text="Hello Chlo\u00e9,\n\nPO 55163 attached for the weekly consolidation.\n\nMarta",
        atts=[Att("PO-55163.csv", "text/csv", csv_bytes([
            ["po", "pallets", "from", "to", "pickup"], ["55163", "12", "Rotterdam", "Antwerp", "2026-11-09"]]))])
    # Late on 23 Nov UTC: local time in chloe's file is already 24 Nov (+01:00). Date-range near-miss.
    add(key="po-55187", frm=TAILSPIN, to=[c], cc=[f], sent=T(11, 23, 23, 40, 12),
        subject="PO 55187 \u2013 urgent reefer capacity",
        own_text=("Chlo\u00e9,\n\nWe need two reefer trucks Rotterdam to Milan on Thursday. Can you confirm "
                  "capacity by tomorrow 10:00?\n\nMarta"),
        read={"chloe": True, "farid": False})
    r1 = add(key="renewal-1", frm=c, to=[f], sent=T(11, 12, 9, 30), html="auto",
             subject="Tailspin renewal pricing",
             own_text=("Farid,\n\nTailspin's contract renews on 1 January. I propose +2.5% on road and flat "
                       "rail rates. Draft attached to the CRM opportunity.\n\nChlo\u00e9"))
    r2 = add(key="renewal-2", frm=f, to=[c], sent=T(11, 12, 11, 2), parent=r1, html="auto",
             subject="RE: Tailspin renewal pricing",
             own_text="Agreed on road. For rail, offer -1% if they commit 300 pallets a month.\n\nFarid")
    add(key="renewal-3", frm=c, to=[f], sent=T(11, 13, 8, 45), parent=r2, html="auto",
        subject="RE: Tailspin renewal pricing",
        own_text="Sent to Marta this morning, meeting on the 19th.\n\nChlo\u00e9")
    wq1 = add(key="wingtip-rfq", frm=WINGTIP, to=[c], sent=T(10, 20, 10, 5),
              subject="Request for quote \u2013 Dublin lane",
              own_text=("Hi Chlo\u00e9,\n\nCould you quote weekly full truckloads Rotterdam to Dublin from "
                        "January? Around 6 trucks a week.\n\nThanks,\nLiam O'Brien\nWingtip Toys"))
    wq2 = add(key="wingtip-quote", frm=c, to=[WINGTIP], sent=T(10, 21, 14, 10), parent=wq1,
              subject="RE: Request for quote \u2013 Dublin lane",
              own_text=("Hi Liam,\n\nOur quote Q-7702 is EUR 1,840 per truck including the ferry. Valid "
                        "until 31 December.\n\nBest,\nChlo\u00e9 Nguyen\nFabrikam Logistics"))
    add(key="wingtip-accept", frm=WINGTIP, to=[c], sent=T(10, 22, 9, 15), parent=wq2,
        subject="RE: Request for quote \u2013 Dublin lane",
        own_text="Chlo\u00e9, accepted. Our PO follows next week.\n\nLiam")
    rate = add(key="rate-card-orig", frm=c, to=[WINGTIP], sent=T(11, 16, 15, 0),
               subject="Rate card 2027",
               own_text="Liam,\n\nOur 2027 rate card is attached.\n\nChlo\u00e9",
               atts=[Att("rate-card-2027.csv", "text/csv", csv_bytes([
                   ["lane", "mode", "eur_per_unit"], ["RTM-DUB", "FTL", "1840"], ["RTM-LYS", "FTL", "1320"],
                   ["RTM-MIL", "Reefer", "2210"]]))])
    add(key="rate-card-fw", frm=f, to=[c], sent=T(11, 17, 9, 40), parent=rate, parent_mode="forward",
        subject="FW: Rate card 2027",
        own_text="Chlo\u00e9, please also send this to Tailspin.\n\nFarid",
        atts=[Att("rate-card-2027.csv", "text/csv", rate.atts[0].data)])
    add(key="quote-7731", frm=c, to=[TAILSPIN], sent=T(11, 24, 7, 40, 3),
        subject="Quote Q-7731 for reefer capacity",
        own_text=("Marta,\n\nTwo reefers Rotterdam to Milan on Thursday are confirmed: EUR 2,210 each. Quote "
                  "Q-7731.\n\nChlo\u00e9"))
    add(key="weiss-avis", frm=WEISS, to=[f], sent=T(11, 9, 7, 5), lang="de-DE", subject_b=True,
        subject="Lieferavis KW 46 \u2013 \u00dcbersicht",
        own_text=("Sehr geehrter Herr Haddad,\n\nanbei die \u00dcbersicht der Lieferungen f\u00fcr KW 46: "
                  "18 Sendungen, davon 3 mit Gefahrgut.\n\nMit freundlichen Gr\u00fc\u00dfen\nJ\u00fcrgen "
                  "Wei\u00df\nSpedition Wei\u00df GmbH"),
        atts=[Att("Lieferavis_KW46.csv", "text/csv", csv_bytes([
            ["sendung", "ziel", "gefahrgut"], ["SW-46-001", "Duisburg", "nein"], ["SW-46-002", "K\u00f6ln", "ja"]]))])
    add(key="weiss-invoice", frm=WEISS, to=[f], sent=T(11, 16, 8, 30), lang="de-DE",
        subject="Rechnung 2026-889 / Spedition Wei\u00df",
        own_text=("Sehr geehrter Herr Haddad,\n\nanbei unsere Rechnung 2026-889 \u00fcber EUR 2.890,40, "
                  "zahlbar innerhalb von 30 Tagen.\n\nMit freundlichen Gr\u00fc\u00dfen\nJ\u00fcrgen Wei\u00df"),
        atts=[Att("Rechnung_2026-889.pdf", "application/pdf", tiny_pdf("Rechnung 2026-889",
                                                                      "Spedition Weiss GmbH", "EUR 2.890,40"))])
    for key, when in [("crm-1019", T(10, 19, 5, 0, 0)), ("crm-1102", T(11, 2, 5, 0, 0)), ("crm-1116", T(11, 16, 5, 0, 0))]:
        add(key=key, frm=CRM, to=[c, f], sent=when, html="auto",
            subject="Weekly pipeline report \u2013 week %d" % when.isocalendar()[1],
            own_text=("Open opportunities: %d. Weighted pipeline: EUR %s.\n\nOpen the dashboard: "
                      "https://crm.fabrikam.example/reports/pipeline?week=%d" % (
                          14 + when.day % 5, "{:,}".format(1200000 + when.day * 13000), when.isocalendar()[1])))
    add(key="board-slide", frm=f, to=[g], sent=T(11, 18, 16, 30),
        subject="Board deck: sales slide",
        own_text="Grace,\n\nThe sales slide for the board deck is in the shared folder, version 3.\n\nFarid")

    # --- IT ------------------------------------------------------------------------------------
    c1 = add(key="chg-1", frm=h, to=[d], sent=T(11, 3, 9, 10), html="auto",
             subject="Firewall change request CHG-1182",
             own_text=("David,\n\nCHG-1182 opens TCP 443 from the new WMS servers to the carrier API. "
                       "Can you review the rule before Thursday's CAB?\n\nHenry"))
    c2 = add(key="chg-2", frm=d, to=[h], sent=T(11, 3, 10, 25), parent=c1, html="auto",
             subject="RE: Firewall change request CHG-1182",
             own_text="Looks fine, but restrict the destination to the carrier's published range.\n\nDavid")
    add(key="chg-3", frm=h, to=[d], sent=T(11, 4, 8, 5), parent=c2, html="auto",
        subject="RE: Firewall change request CHG-1182",
        own_text="Updated, approved at CAB.\n\nHenry")
    alerts = [("edr-1", T(10, 14, 3, 12), "[Low] Unwanted software detected on FAB-LT-0231", "Adware bundle quarantined."),
              ("edr-2", T(10, 29, 6, 48), "[Medium] Impossible travel sign-in \u2013 farid.haddad",
               "Sign-ins from Lyon and Casablanca 40 minutes apart. Conditional access required MFA; MFA succeeded."),
              ("edr-3", T(11, 8, 4, 0, 0), "[Informational] Weekly threat summary", "3 alerts, 0 incidents."),
              ("edr-4", T(11, 19, 13, 37), "[Low] USB storage blocked on FAB-LT-0107", "Device control policy applied.")]
    for key, when, subj, detail in alerts:
        add(key=key, frm=DEFENDER, to=[d, h], sent=when, html="auto", subject=subj,
            own_text=("%s\n\n%s\n\nInvestigate: https://security.adatum.example/alerts/%s" % (
                subj, detail, digest("alert", key).hex()[:16])),
            folders={"david": "Deleted Items"} if key == "edr-3" else ({"david": "Archive"} if key == "edr-1" else {}))
    for key, when, subj in [("cloud-1", T(10, 16, 16, 0), "Scheduled maintenance: West Europe storage, 24 October"),
                            ("cloud-2", T(11, 12, 16, 0), "Scheduled maintenance: West Europe compute, 21 November")]:
        add(key=key, frm=ADATUMCLOUD, to=[h, d], sent=when, subject=subj,
            own_text=("%s\n\nNo action is required. Status page: https://status.cloud.adatum.example\n\n"
                      "Adatum Cloud" % subj),
            folders={"henry": "Deleted Items"} if key == "cloud-1" else {})
    dk = add(key="dock-1", frm=g, to=[h], sent=T(11, 6, 8, 20),
             subject="Docking station not charging",
             own_text="Henry, my docking station stopped charging the laptop this morning. Can you look?\n\nGrace")
    add(key="dock-2", frm=h, to=[g], sent=T(11, 6, 8, 55), parent=dk,
        subject="RE: Docking station not charging",
        own_text="Grace, a replacement is on your desk. The old one had a faulty power brick.\n\nHenry")
    lit1 = add(key="litware-open", frm=LITWARE, to=[e], sent=T(10, 30, 9, 0), html="auto",
               subject="Enrolment portal open for Fabrikam Logistics",
               own_text=("Dear HR team,\n\nThe 2027 enrolment portal for Fabrikam Logistics is open: "
                         "https://benefits.litwareinc.example/fabrikam\n\nLitware Benefits"))
    legit1 = add(key="is-this-legit-1", frm=e, to=[d], sent=T(11, 10, 14, 2), parent=lit1,
                 parent_mode="forward", subject="FW: Enrolment portal open for Fabrikam Logistics",
                 own_text="David, is this e-mail legit? Colleagues are asking before they click.\n\nEmma")
    add(key="is-this-legit-2", frm=d, to=[e], sent=T(11, 10, 14, 40), parent=legit1,
        subject="RE: FW: Enrolment portal open for Fabrikam Logistics",
        own_text=("Emma, yes: Litware is our benefits provider and the link goes to their real domain. "
                  "Fine to use.\n\nDavid"))
    add(key="edr-rollout", frm=d, to=[h], sent=T(10, 22, 15, 15),
        subject="EDR rollout status",
        own_text="Henry, rollout status per site attached. Lyon still has 12 devices pending.\n\nDavid",
        atts=[Att("edr-rollout-2026-10-22.csv", "text/csv", csv_bytes([
            ["site", "devices", "onboarded"], ["Rotterdam", "142", "142"], ["Lyon", "61", "49"]]))],
        folders={"david": "Sent Items"})

    # --- HR --------------------------------------------------------------------------------------
    add(key="cv-jose", frm=JOSE, to=[e], sent=T(10, 19, 18, 22), lang="es-ES",
        subject="Application \u2013 Warehouse Supervisor (Jos\u00e9 Mu\u00f1oz)",
        own_text=("Dear Ms Schulz,\n\nPlease find my CV attached for the Warehouse Supervisor position in "
                  "Rotterdam.\n\nKind regards,\nJos\u00e9 Mu\u00f1oz"),
        atts=[Att("CV_Jos\u00e9_Mu\u00f1oz.pdf", "application/pdf", tiny_pdf("CV Jose Munoz", "Warehouse Supervisor"),
                  rfc2231=True)])
    add(key="cv-soren", frm=SOREN, to=[e], sent=T(10, 26, 20, 3), lang="da-DK",
        subject="Application: Transport Planner (Aarhus)",
        own_text="Dear Emma Schulz,\n\nI attach my CV for the Transport Planner role.\n\nBest regards,\nS\u00f8ren",
        atts=[Att("S\u00f8ren_\u00d8stergaard_CV.pdf", "application/pdf", tiny_pdf("CV Soren Ostergaard", "Transport Planner"))])
    add(key="cv-priya", frm=PRIYA, to=[e], sent=T(11, 4, 12, 47),
        subject="Application \u2013 Data Analyst",
        own_text="Hello,\n\nAttached is my application for the Data Analyst opening.\n\nPriya Raman",
        atts=[Att("Priya_Raman_CV.pdf", "application/pdf", tiny_pdf("CV Priya Raman", "Data Analyst"))])
    add(key="interview", frm=e, to=[JOSE], sent=T(10, 22, 10, 30),
        subject="Interview invitation \u2013 Warehouse Supervisor",
        own_text=("Dear Jos\u00e9,\n\nWe would like to invite you to an interview on 29 October at 10:00 in "
                  "Rotterdam.\n\nKind regards,\nEmma Schulz\nFabrikam Logistics"))
    add(key="litware-stats", frm=LITWARE, to=[e], sent=T(11, 13, 7, 0),
        subject="Weekly enrolment statistics",
        own_text="Dear HR team,\n\nEnrolment statistics for week 46 attached.\n\nLitware Benefits",
        atts=[Att("enrolment-week46.csv", "text/csv", csv_bytes([
            ["plan", "enrolled"], ["Basic", "64"], ["Plus", "121"], ["Family", "37"]]))])
    hc = add(key="headcount-1", frm=e, to=[g], sent=T(11, 5, 9, 45),
             subject="Headcount plan 2027",
             own_text="Grace,\n\nDraft headcount plan for 2027 attached, +9 FTE in operations.\n\nEmma",
             atts=[Att("headcount-2027.csv", "text/csv", csv_bytes([
                 ["department", "2026", "2027"], ["Operations", "142", "151"], ["Sales", "18", "19"],
                 ["Finance", "11", "11"]]))])
    add(key="headcount-2", frm=g, to=[e], sent=T(11, 6, 7, 30), parent=hc,
        subject="RE: Headcount plan 2027",
        own_text="Emma, approved, but phase the operations hires over Q1 and Q2.\n\nGrace")
    add(key="welcome-ines", frm=e, to=[a, b], cc=[i], sent=T(10, 5, 8, 0), html="auto",
        subject="Welcome In\u00e8s Romero to Finance",
        own_text=("Hello Alice and Bruno,\n\nIn\u00e8s Romero joins Finance today as Payroll Specialist. Her "
                  "laptop and accounts are ready.\n\nEmma"),
        folders={"alice": "Archive"})

    # --- Executive -------------------------------------------------------------------------------
    bn = add(key="board-notes", frm=g, to=[b, f], sent=T(11, 12, 17, 40), html="auto",
             subject="Board meeting notes \u2013 12 November",
             own_text=("Bruno, Farid,\n\nNotes from today's board meeting:\n- Lyon cross-dock expansion "
                       "approved\n- Q4 guidance unchanged\n- Next meeting 10 December\n\nGrace"))
    add(key="board-notes-re", frm=b, to=[g], sent=T(11, 13, 8, 5), parent=bn, html="auto",
        subject="RE: Board meeting notes \u2013 12 November",
        own_text="Thanks Grace, I will update the capex plan for Lyon.\n\nBruno")
    am = add(key="amelie", frm=AMELIE, to=[g], sent=T(11, 13, 15, 20), charset="iso-8859-1", lang="fr-FR",
             subject="R\u00e9sum\u00e9 des d\u00e9cisions \u2013 comit\u00e9 de pilotage",
             own_text=("Bonjour Grace,\n\nVoici le r\u00e9sum\u00e9 des d\u00e9cisions du comit\u00e9 de pilotage "
                       "du 12 novembre :\n- lancement du pilote Lyon-Rotterdam en janvier\n- revue des tarifs "
                       "en f\u00e9vrier\n\nBien cordialement,\nAm\u00e9lie Laurent\nProseware"))
    add(key="amelie-re", frm=g, to=[AMELIE], sent=T(11, 14, 9, 10), parent=am,
        subject="RE: R\u00e9sum\u00e9 des d\u00e9cisions \u2013 comit\u00e9 de pilotage",
        own_text="Merci Am\u00e9lie, c'est parfait.\n\nGrace")
    add(key="coffee", frm=FOURTH, to=[g], sent=T(11, 19, 12, 0), html="auto",
        subject="Caf\u00e9 order for the offsite (26 November)",
        own_text=("Hello Grace,\n\nYour order FC-40417 is confirmed: coffee and pastries for 24 people on "
                  "26 November, delivered at 08:30.\n\nFourth Coffee Catering"))
    ics = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
           "BEGIN:VEVENT\r\nORGANIZER;CN=Grace Lee:mailto:grace.lee@fabrikam.example\r\n"
           "SUMMARY;LANGUAGE=en-US:Q4 business review\r\nDTSTART:20261127T090000Z\r\nDTEND:20261127T100000Z\r\n"
           "UID:040000008200E00074C5B7101A82E008000000001A2B3C4D5E6FDB01000000000000000010000000\r\n"
           "LOCATION;LANGUAGE=en-US:Rotterdam boardroom\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    add(key="qbr-invite", frm=g, to=[a, c, d, h], sent=T(11, 10, 12, 0),
        subject="Q4 business review",
        own_text="Let's review Q4 per department. 20 minutes each.\n\nGrace",
        event={"start": "2026-11-27T09:00:00.0000000", "end": "2026-11-27T10:00:00.0000000",
               "location": "Rotterdam boardroom", "ics": ics})

    # --- Ordinary spam (Junk Email) ---------------------------------------------------------------
    add(key="spam-rewards", frm=REWARDS, to=[], bcc_only=True, bcc=[b, e, c, f], sent=T(11, 8, 2, 17),
        html="auto", subject="You've been selected: \u20ac500 gift card",
        own_text=("Congratulations! You have been selected for a \u20ac500 gift card. Claim it before "
                  "midnight: https://rewards-center.example.net/claim?id=88231\n\nRewards Center"),
        folders={"bruno": "Junk Email", "emma": "Junk Email", "chloe": "Junk Email", "farid": "Junk Email"},
        read={"bruno": False, "emma": False, "chloe": False, "farid": False})
    add(key="spam-seo", frm=SEO, to=[], bcc_only=True, bcc=[g, a], sent=T(10, 27, 4, 41),
        subject="Rank #1 on search engines in 30 days",
        own_text=("Hello,\n\nWe can put fabrikam on page one of every search engine in 30 days, guaranteed. "
                  "Reply YES for a free audit.\n\nSEO Growth Partners"),
        folders={"grace": "Junk Email", "alice": "Junk Email"}, read={"grace": False, "alice": False})

    # --- A draft --------------------------------------------------------------------------------
    add(key="draft-onboarding", frm=a, to=[b], sent=T(11, 25, 14, 5), draft=True,
        subject="Supplier onboarding checklist",
        own_text="Bruno,\n\nDraft checklist for onboarding new suppliers:\n1. Verify bank details by phone\n2.")

    # --- The planted campaign ------------------------------------------------------------------
    phish_sent = datetime(2026, 11, 24, 8, 12, 9, tzinfo=UTC)
    phish = add(key="phish", frm=PHISH_FROM, to=[], bcc_only=True,
                bcc=[a, b, c, e, f, g, h], sent=phish_sent, campaign=True, subject_b=True,
                subject=PHISH_SUBJECT, own_text=PHISH_TEXT, html=PHISH_HTML, reply_to=[PHISH_REPLYTO],
                atts=[Att(PHISH_ATT_NAME, "text/html", PHISH_ATTACHMENT)],
                folders={"chloe": "Junk Email", "emma": "Deleted Items", "grace": "Junk Email",
                         "henry": "Deleted Items"},
                read={"alice": True, "chloe": False, "farid": False, "henry": True},
                delays={"alice": 5, "bruno": 6, "chloe": 7, "emma": 9, "farid": 53, "grace": 56, "henry": 438},
                modified={"alice": datetime(2026, 11, 24, 8, 31, 40, tzinfo=UTC),
                          "chloe": datetime(2026, 11, 24, 8, 12, 16, tzinfo=UTC),
                          "farid": datetime(2026, 11, 24, 8, 13, 2, tzinfo=UTC),
                          "henry": datetime(2026, 11, 24, 8, 57, 3, tzinfo=UTC)})
    add(key="phish-forward", frm=b, to=[d], sent=datetime(2026, 11, 24, 8, 41, 30, tzinfo=UTC),
        subject="FW: " + PHISH_SUBJECT, subject_b=True, campaign=True,
        own_text=("Hi David,\n\nThis arrived this morning and claims to be from our Accounts Payable, but "
                  "the sender is external. I did not click the button or open the attachment. Forwarding it "
                  "as an attachment, as the phishing procedure says.\n\nBruno"),
        attached=(phish, "bruno"), read={"david": True}, delays={"david": 4},
        modified={"david": datetime(2026, 11, 24, 8, 52, 10, tzinfo=UTC)})
    add_shared_mailbox_mail()
    return {"phish": phish}


# A tiny 2x2 PNG (valid signature and chunks), for inline images and damage photos.
def tiny_png(seed: str) -> bytes:
    return (bytes.fromhex("89504e470d0a1a0a0000000d49484452000000020000000208060000007279e0d8") +
            b"\x00\x00\x00\x10tEXtComment\x00" + digest("png", seed)[:4].hex().encode("ascii") +
            bytes.fromhex("0000000049454e44ae426082"))


def add_shared_mailbox_mail() -> None:
    """Ordinary mail of the four shared mailboxes (none of it touches the campaign). Every date has
    its seconds, so the random generator is not consumed and the rest of the tenant is unchanged."""
    inv, cus, clm, lyon = (U[k].addr for k in ["invoices", "customs", "claims", "lyon"])
    scanner = Addr("Lyon Copier", "scan.lyon@fabrikam.example")
    inventory = Addr("Lyon Inventory", "inventory.lyon@fabrikam.example")

    # Supplier Invoices: one attachments file per message, named by the message id.
    weiss_inv = add(key="sh-weiss-4471", frm=WEISS, to=[inv], sent=T(11, 3, 9, 14, 21), html="auto",
                    subject="Rechnung 2026-4471 / Invoice 2026-4471",
                    own_text=("Sehr geehrte Damen und Herren,\n\nanbei unsere Rechnung 2026-4471 fuer den Transport "
                              "Rotterdam - Lyon (EUR 2,940.00).\n\nMit freundlichen Gruessen\nJ. Weiss"),
                    atts=[Att("RE-2026-4471.pdf", "application/pdf", tiny_pdf("Rechnung 2026-4471", "EUR 2,940.00"))])
    add(key="sh-nw-1211", frm=NORTHWIND, to=[inv], sent=T(11, 6, 8, 2, 44),
        subject="Invoice NW-2026-1211 from Northwind Traders",
        own_text=("Dear Accounts Payable,\n\nPlease find attached invoice NW-2026-1211 for storage in "
                  "October (EUR 1,180.00).\n\nNorthwind Traders Billing"),
        atts=[Att("NW-2026-1211.pdf", "application/pdf", tiny_pdf("Invoice NW-2026-1211", "EUR 1,180.00"))])
    add(key="sh-proseware-cn", frm=AMELIE, to=[inv], sent=T(11, 12, 15, 37, 5), html="auto",
        subject="Credit note CN-2211",
        own_text="Hello,\n\nAs agreed, our credit note CN-2211 and the corrected lines.\n\nAm\u00e9lie",
        atts=[Att("CN-2211.pdf", "application/pdf", tiny_pdf("Credit note CN-2211", "EUR -312.00")),
              Att("CN-2211-lines.csv", "text/csv", csv_bytes([["line", "amount"], ["1", "-200.00"], ["2", "-112.00"]]))])
    add(key="sh-tailspin-query", frm=TAILSPIN, to=[inv], sent=T(11, 16, 10, 21, 50),
        subject="Question about the PO 55187 invoice",
        own_text="Hi,\n\nCould you confirm you received our invoice for PO 55187? No need to resend.\n\nMarta")
    add(key="sh-scans", frm=scanner, to=[inv], sent=T(11, 19, 17, 2, 13),
        subject="Scanned documents (5 pages)",
        own_text="Scanned on Lyon Copier. 5 documents attached.",
        atts=[Att("scan-%03d.pdf" % n, "application/pdf", tiny_pdf("Scan %d" % n, "delivery note page %d" % n))
              for n in range(1, 6)])
    # Forwarded as an attachment to Freight Claims (an itemAttachment with its own PDF).
    add(key="sh-fw-4471", frm=inv, to=[clm], sent=T(11, 20, 11, 30, 2),
        subject="FW: Rechnung 2026-4471 / Invoice 2026-4471",
        own_text="Claims team,\n\nThe load on this invoice arrived damaged; see the attached message.\n\nSupplier Invoices",
        attached=(weiss_inv, "invoices"))

    # Customs Desk: every attachments page on one line of attachments.jsonl.
    add(key="sh-mrn", frm=WEISS, to=[cus], sent=T(11, 4, 7, 55, 40),
        subject="Export declaration MRN 26NL00000123456789",
        own_text="Guten Morgen,\n\nthe export declaration for shipment 4471 is attached.\n\nJ. Weiss",
        atts=[Att("MRN-26NL00000123456789.pdf", "application/pdf", tiny_pdf("Export declaration", "MRN 26NL00000123456789"))])
    add(key="sh-t1", frm=JOSE, to=[cus], sent=T(11, 9, 13, 12, 9),
        subject="T1 transit document for container MSKU 7781234",
        own_text="Hello,\n\nT1 attached for MSKU 7781234, arriving Lyon on Thursday.\n\nJos\u00e9",
        atts=[Att("T1-MSKU7781234.pdf", "application/pdf", tiny_pdf("T1 transit", "MSKU 7781234"))])
    add(key="sh-wingtip-ci", frm=WINGTIP, to=[cus], sent=T(11, 13, 16, 44, 31),
        subject="Commercial invoice and packing list, order WT-3390",
        own_text="Hi,\n\nCommercial invoice and packing list for WT-3390 attached.\n\nLiam",
        atts=[Att("CI-WT-3390.pdf", "application/pdf", tiny_pdf("Commercial invoice WT-3390", "GBP 9,120.00")),
              Att("packing-list-WT-3390.csv", "text/csv", csv_bytes([["carton", "sku", "qty"], ["1", "WT-TRAIN-01", "24"]]))])
    add(key="sh-broker-portal", frm=PRIYA, to=[cus], sent=T(11, 17, 9, 3, 58), html="auto",
        subject="Documents shared on the broker portal",
        own_text="Hello,\n\nI shared the customs file for WT-3390 with you (link attached).\n\nPriya",
        atts=[Att("Customs file WT-3390.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  b"", reference=True)])
    add(key="sh-marks", frm=WINGTIP, to=[cus], sent=T(11, 23, 12, 18, 27),
        html='<html><body><p>Shipping marks for WT-3390:</p><p><img src="cid:marks-wt3390"></p></body></html>',
        subject="Shipping marks WT-3390",
        own_text="Shipping marks for WT-3390 (image inline).",
        atts=[Att("marks.png", "image/png", tiny_png("marks"), inline_cid="marks-wt3390")])

    # Freight Claims: Inbox/attachments/<id>/page-N.json beside Inbox/messages.json.
    add(key="sh-damage", frm=TAILSPIN, to=[clm], sent=T(11, 10, 8, 27, 16),
        subject="Damaged pallets on delivery 88213",
        own_text="Hello,\n\nTwo pallets of delivery 88213 arrived crushed. Photos attached.\n\nMarta",
        atts=[Att("damage-1.png", "image/png", tiny_png("damage-1")), Att("damage-2.png", "image/png", tiny_png("damage-2"))])
    add(key="sh-claim-form", frm=WEISS, to=[clm], sent=T(11, 14, 14, 9, 47),
        subject="Claim form for shipment 4471",
        own_text="Anbei das Schadensformular.\n\nJ. Weiss",
        atts=[Att("claim-form-4471.pdf", "application/pdf", tiny_pdf("Claim form", "shipment 4471"))],
        folders={"claims": "Archive"})
    add(key="sh-claim-status", frm=SOREN, to=[clm], sent=T(11, 21, 10, 40, 33),
        subject="Claim status?",
        own_text="Hi,\n\nAny news on claim 2026-118?\n\nS\u00f8ren")

    # Warehouse Lyon: JSON batching responses.
    add(key="sh-dn-5519", frm=WEISS, to=[lyon], sent=T(11, 5, 6, 31, 12),
        subject="Delivery note DN-5519",
        own_text="Lieferschein DN-5519 anbei.\n\nJ. Weiss",
        atts=[Att("DN-5519.pdf", "application/pdf", tiny_pdf("Delivery note DN-5519", "12 pallets"))])
    add(key="sh-stock-count", frm=inventory, to=[lyon], sent=T(11, 25, 18, 0, 4),
        subject="Stock count November",
        own_text="Monthly stock count attached.",
        atts=[Att("stock-count-2026-11.csv", "text/csv", csv_bytes([["sku", "qty"], ["FL-PAL-120", "318"], ["FL-BOX-40", "1204"]]))])
    add(key="sh-labels", frm=TAILSPIN, to=[lyon], sent=T(11, 11, 9, 50, 45),
        subject="Pallet labels for order TT-7812",
        own_text="Hi,\n\nLabels for TT-7812 attached (two files).\n\nMarta",
        atts=[Att("labels-TT-7812-a.pdf", "application/pdf", tiny_pdf("Labels TT-7812", "A")),
              Att("labels-TT-7812-b.pdf", "application/pdf", tiny_pdf("Labels TT-7812", "B"))])
    add(key="sh-site-visit", frm=JOSE, to=[lyon], sent=T(11, 18, 15, 5, 26),
        subject="Site visit on Thursday",
        own_text="Hello,\n\nI will visit the Lyon warehouse on Thursday at 10:00.\n\nJos\u00e9")


# ----------------------------------------------------------------------------------------------
# RFC 5322 / MIME writer
# ----------------------------------------------------------------------------------------------

def fold(name: str, value: str, width: int = 78) -> str:
    line = name + ":"
    if value == "":
        return line + " "
    lines = []
    tokens, cur, quoted = [], "", False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == " " and not quoted:
            tokens.append(cur)
            cur = ""
        else:
            cur += ch
    tokens.append(cur)
    for tok in tokens:
        if len(line) + 1 + len(tok) > width and line.strip() not in (name + ":", ""):
            lines.append(line)
            line = " " + tok
        else:
            line += " " + tok
    lines.append(line)
    return "\r\n".join(lines)


Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def encode_words(text: str, mode: str = "Q", charset: str = "UTF-8") -> str:
    """RFC 2047 encoded words, each at most 75 characters, never splitting a character."""
    words, cur = [], ""

    def enc(s: str) -> str:
        raw = s.encode("utf-8")
        if mode == "B":
            return "=?%s?B?%s?=" % (charset, b64(raw))
        return "=?%s?Q?%s?=" % (charset, "".join(
            chr(x) if x in Q_SAFE else ("_" if x == 0x20 else "=%02X" % x) for x in raw))

    for ch in text:
        if cur and len(enc(cur + ch)) > 75:
            words.append(enc(cur))
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(enc(cur))
    return " ".join(words)


def header_text(text: str, b_mode: bool = False) -> str:
    if all(ord(ch) < 128 for ch in text):
        return text
    return encode_words(text, "B" if b_mode else "Q")


SPECIALS = set('()<>[]:;@\\,."')


def fmt_addr(a: Addr) -> str:
    if not a.name:
        return a.address
    if any(ord(ch) > 127 for ch in a.name):
        return "%s <%s>" % (encode_words(a.name, "Q", "utf-8"), a.address)
    if any(ch in SPECIALS for ch in a.name):
        return '"%s" <%s>' % (a.name.replace("\\", "\\\\").replace('"', '\\"'), a.address)
    return "%s <%s>" % (a.name, a.address)


def qp_encode(text: str, charset: str) -> str:
    raw_lines = text.replace("\r\n", "\n").split("\n")
    out = []
    for ln in raw_lines:
        data = ln.encode(charset)
        tokens = []
        for idx, x in enumerate(data):
            last = idx == len(data) - 1
            if x in (0x20, 0x09):
                tokens.append("=%02X" % x if last else chr(x))
            elif 33 <= x <= 126 and x != 0x3D:
                tokens.append(chr(x))
            else:
                tokens.append("=%02X" % x)
        cur = ""
        for t in tokens:
            if len(cur) + len(t) > 75:
                out.append(cur + "=")
                cur = t
            else:
                cur += t
        out.append(cur)
    return "\r\n".join(out)


def b64_lines(data: bytes) -> str:
    s = b64(data)
    return "\r\n".join(s[k:k + 76] for k in range(0, len(s), 76))


def boundary_for(m: Msg, level: int) -> str:
    h = digest("boundary", m.key, str(level)).hex()
    if m.campaign and m.frm == PHISH_FROM:
        return "b%d_%s" % (level, h[:32])
    return "_%03d_%s_" % (level, h[:40].upper())


@dataclass
class Part:
    headers: list          # [(name, value)]
    body: str = ""         # already transfer-encoded, CRLF
    children: list = field(default_factory=list)
    boundary: str = ""

    def render(self) -> str:
        head = "\r\n".join(fold(n, v) for n, v in self.headers)
        if self.children:
            out = head + "\r\n\r\n"
            for ch in self.children:
                out += "--" + self.boundary + "\r\n" + ch.render() + "\r\n"
            out += "--" + self.boundary + "--\r\n"
            return out
        return head + "\r\n\r\n" + self.body


def text_part(text: str, subtype: str, charset: str) -> Part:
    body = crlf(text)
    ascii_ok = all(ord(ch) < 128 for ch in body) and all(len(ln) <= 76 for ln in body.split("\r\n"))
    if ascii_ok and subtype == "plain":
        return Part([("Content-Type", 'text/plain; charset="us-ascii"'), ("Content-Transfer-Encoding", "7bit")],
                    body + "\r\n")
    return Part([("Content-Type", 'text/%s; charset="%s"' % (subtype, charset)),
                 ("Content-Transfer-Encoding", "quoted-printable")], qp_encode(body, charset) + "\r\n")


def attachment_part(att: Att, m: Msg) -> Part:
    name = att.name
    date = rfc5322_date(m.sent).replace("+0000", "GMT")
    if all(ord(ch) < 128 for ch in name):
        ct = '%s; name="%s"' % (att.content_type, name)
        cd = 'attachment; filename="%s"; size=%d; creation-date="%s"; modification-date="%s"' % (
            name, len(att.data), date, date)
        desc = name
    elif att.rfc2231:
        # RFC 2231 (what Thunderbird and most MTAs write)
        pct = urllib.parse.quote(name.encode("utf-8"), safe="")
        ct = "%s; name*=utf-8''%s" % (att.content_type, pct)
        cd = "attachment; filename*=utf-8''%s; size=%d" % (pct, len(att.data))
        desc = None
    else:
        # Outlook: an encoded word inside the quoted parameter (not RFC 2231, very common)
        ew = encode_words(name, "B", "utf-8")
        ct = '%s; name="%s"' % (att.content_type, ew)
        cd = 'attachment; filename="%s"; size=%d' % (ew, len(att.data))
        desc = ew
    headers = [("Content-Type", ct)]
    if desc:
        headers.append(("Content-Description", desc))
    headers += [("Content-Disposition", cd), ("Content-Transfer-Encoding", "base64")]
    return Part(headers, b64_lines(att.data) + "\r\n")


def mime_body(m: Msg, attached_eml: bytes | None) -> Part:
    """The MIME tree below the top-level headers; the top Part's headers are Content-Type (and CTE)."""
    if m.event:
        body = Part([("Content-Type", 'multipart/alternative; boundary="%s"' % boundary_for(m, 2))],
                    boundary=boundary_for(m, 2),
                    children=[text_part(m.text, "plain", m.charset),
                              Part([("Content-Type", 'text/calendar; charset="utf-8"; method=REQUEST'),
                                    ("Content-Transfer-Encoding", "base64")],
                                   b64_lines(m.event["ics"].encode("utf-8")) + "\r\n")])
    elif m.html:
        body = Part([("Content-Type", 'multipart/alternative; boundary="%s"' % boundary_for(m, 2))],
                    boundary=boundary_for(m, 2),
                    children=[text_part(m.text, "plain", m.charset), text_part(m.html, "html", m.charset)])
    else:
        body = text_part(m.text, "plain", m.charset)
    if not m.atts and attached_eml is None:
        return body
    children = [body]
    for idx, att in enumerate(m.atts):
        children.append(attachment_part(att, m))
    if attached_eml is not None:
        inner = m.attached[0]
        children.append(Part([("Content-Type", "message/rfc822"),
                              ("Content-Description", encode_words(inner.subject, "Q", "utf-8")),
                              ("Content-Disposition", "attachment")],
                             attached_eml.decode("ascii")))
    return Part([("Content-Type", 'multipart/mixed; boundary="%s"' % boundary_for(m, 1))],
                boundary=boundary_for(m, 1), children=children)


def thread_index_b64(m: Msg) -> str:
    return b64(m.thread_index)


def delivery_headers(cp: Copy) -> list:
    """Top-level transport headers of one copy, in Exchange $value order (unfolded)."""
    m = cp.msg
    mbx_upn = U[cp.mbx].upn
    rsrv = server_of(mbx_upn)
    hs: list = []
    sender_copy = cp.folder in ("Sent Items", "Drafts") and U[cp.mbx].upn == m.frm.address
    received = cp.received
    internal = is_internal(m.frm.address)
    offset = 0 if internal else tz_offset(origin_for(m.frm.address).tz, m.sent)
    if not sender_copy:
        if internal:
            ssrv = server_of(m.frm.address)
            hs.append(("Received", "from %s (%s) by %s (%s) with Microsoft SMTP Server id 15.20.8158.12; %s" % (
                ssrv, ipv6_of(ssrv), rsrv, ipv6_of(rsrv), rfc5322_date(received))))
            hs.append(("Received", "from %s ([%s]) by %s ([%s%%4]) with mapi id 15.20.8158.012; %s" % (
                ssrv, ipv6_of("ll" + ssrv).replace("2001:db8", "fe80:0"), ssrv,
                ipv6_of("ll" + ssrv).replace("2001:db8", "fe80:0"), rfc5322_date(m.sent))))
        else:
            o = origin_for(m.frm.address)
            hh = digest("eop", m.key, cp.mbx)
            fe = "AM%dPEPF0000%04X.eurprd0%d.prod.outlook.example" % (2 + hh[0] % 3, int.from_bytes(hh[1:3], "big"),
                                                                   4 + hh[3] % 3)
            be = "AM%dP190CA%04d.EURP190.PROD.OUTLOOK.EXAMPLE" % (6 + hh[4] % 3, int.from_bytes(hh[5:7], "big") % 10000)
            fe_ip = "10.167.%d.%d" % (16 + hh[7] % 8, 10 + hh[8] % 240)
            t1 = m.sent + timedelta(seconds=max(1, (received - m.sent).seconds - 2))
            t2 = t1 + timedelta(seconds=1)
            hs.append(("Received", "from %s (%s) by %s with Microsoft SMTP Server id 15.20.8158.12; %s" % (
                be, ipv6_of(be), rsrv, rfc5322_date(received))))
            hs.append(("Received", "from %s (%s) by %s (%s) with Microsoft SMTP Server id 15.20.8158.12; %s" % (
                fe, fe_ip, be, ipv6_of(be), rfc5322_date(t2))))
            hs.append(("Received", "from %s (%s) by %s (%s) with Microsoft SMTP Server (version=TLS1_2, "
                       "cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.7 via Frontend Transport; %s" % (
                           o.helo, o.ip, fe, fe_ip, rfc5322_date(t1))))
            dom = domain_of(m.frm.address)
            if o.auth == "pass":
                ar = ("spf=pass (sender IP is %s) smtp.mailfrom=%s; dkim=pass (signature was verified) "
                      "header.d=%s;dmarc=pass action=none header.from=%s;compauth=pass reason=100" % (o.ip, dom, dom, dom))
                spf = "Pass"
            elif o.auth == "phish":
                ar = ("spf=pass (sender IP is %s) smtp.mailfrom=%s; dkim=none (message not signed) "
                      "header.d=none;dmarc=none action=none header.from=%s;compauth=softpass reason=201" % (o.ip, dom, dom))
                spf = "Pass"
            else:
                ar = ("spf=%s (sender IP is %s) smtp.mailfrom=%s; dkim=none (message not signed) "
                      "header.d=none;dmarc=fail action=none header.from=%s;compauth=fail reason=001" % (o.auth, o.ip, dom, dom))
                spf = o.auth.capitalize()
            hs.append(("Authentication-Results", ar))
            hs.append(("Received-SPF", "%s (protection.outlook.example: domain of %s designates %s as permitted "
                       "sender) receiver=protection.outlook.example; client-ip=%s; helo=%s; pr=C" % (
                           spf, dom, o.ip, o.ip, o.helo)))
    hs.append(("From", fmt_addr(m.frm)))
    if m.bcc_only:
        hs.append(("To", "undisclosed-recipients:;"))
    else:
        hs.append(("To", ", ".join(fmt_addr(x) for x in m.to)))
    if m.cc:
        hs.append(("CC", ", ".join(fmt_addr(x) for x in m.cc)))
    if m.reply_to:
        hs.append(("Reply-To", ", ".join(fmt_addr(x) for x in m.reply_to)))
    hs.append(("Subject", header_text(m.subject, m.subject_b)))
    outlook_sender = internal or (origin_for(m.frm.address).mailer or "").startswith("Microsoft Outlook")
    if outlook_sender:
        hs.append(("Thread-Topic", header_text(re.sub(r"^(RE|FW): (RE: |FW: )*", "", m.subject), m.subject_b)))
        hs.append(("Thread-Index", thread_index_b64(m)))
    hs.append(("Date", rfc5322_date(m.sent, offset)))
    hs.append(("Message-ID", m.message_id))
    if m.references:
        hs.append(("References", " ".join(m.references)))
        hs.append(("In-Reply-To", m.references[-1]))
    if m.list_unsubscribe:
        hs.append(("List-Unsubscribe", m.list_unsubscribe))
        hs.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    if internal:
        hs.append(("Accept-Language", "en-US"))
        hs.append(("Content-Language", m.lang))
        hs.append(("X-MS-Has-Attach", "yes" if (m.atts or m.attached) else ""))
    if m.importance == "high":
        hs.append(("Importance", "high"))
        hs.append(("X-Priority", "1"))
    if not internal:
        o = origin_for(m.frm.address)
        if o.mailer:
            hs.append(("X-Mailer", o.mailer))
        if m.campaign:
            hs.append(("X-Originating-IP", "[%s]" % o.ip))
    else:
        # Internal senders submit from the office (198.51.100.10); Farid works remotely (192.0.2.147).
        hs.append(("X-Originating-IP", "[192.0.2.147]" if m.frm.address == U["farid"].upn else "[198.51.100.10]"))
    if not sender_copy:
        junk = cp.folder == "Junk Email"
        scl = -1 if internal else (5 if junk else 1)
        hs.append(("X-MS-Exchange-Organization-SCL", str(scl)))
        hs.append(("X-MS-Exchange-Organization-AuthAs", "Internal" if internal else "Anonymous"))
        if not internal:
            o = origin_for(m.frm.address)
            hs.append(("X-Forefront-Antispam-Report",
                       "CIP:%s;CTRY:;LANG:%s;SCL:%d;SRV:;IPV:NLI;SFV:%s;H:%s;PTR:%s;CAT:%s;SFS:;DIR:INB;" % (
                           o.ip, m.lang.split("-")[0], scl, "SPM" if junk else "NSPM", o.helo, o.helo,
                           "SPM" if junk else "NONE")))
        hs.append(("X-Microsoft-Antispam-Mailbox-Delivery",
                   "ucf:0;jmr:0;auth:0;dest:%s;ENG:(910001)(944506478)(944626604)(920097)(930097);" % (
                       "J" if junk else "I")))
    return hs


EML_CACHE: dict = {}


def eml_bytes(cp: Copy) -> bytes:
    m = cp.msg
    attached = None
    if m.attached:
        inner, inner_mbx = m.attached
        inner_copy = next(x for x in copies_of(inner) if x.mbx == inner_mbx)
        attached = eml_bytes(inner_copy)
    body = mime_body(m, attached)
    hs = delivery_headers(cp)
    hs += body.headers
    hs.append(("MIME-Version", "1.0"))
    top = Part(hs, body.body, body.children, body.boundary)
    return top.render().encode("ascii")


def graph_headers(cp: Copy) -> list:
    m = cp.msg
    body = mime_body(m, b"" if m.attached else None)
    return [{"name": n, "value": v} for n, v in delivery_headers(cp) + [(body.headers[0][0], body.headers[0][1]),
                                                                         ("MIME-Version", "1.0")]]


# ----------------------------------------------------------------------------------------------
# Graph JSON
# ----------------------------------------------------------------------------------------------

def mailbox_guid(k: str) -> str:
    return str(uuid.uuid5(NS, "mailbox:" + U[k].upn))


def store_bytes(k: str) -> bytes:
    return digest("store", U[k].upn)[:16]


def graph_item_id(k: str, item_key: str) -> str:
    g = mailbox_guid(k).encode("ascii")
    s = store_bytes(k)
    item = digest("item", U[k].upn, item_key)[:6]
    raw = (b"\x00\x03\x24\x00" + g + b"\x00\x46\x00\x00\x00\x00\x00" + s + b"\x07\x00" + s +
           b"\x00\x00\x00\x00\x01\x0c\x00\x00" + s + item + b"\x00\x00")
    return b64(raw).replace("/", "_").replace("+", "-")


def folder_id(k: str, folder: str) -> str:
    g = mailbox_guid(k).encode("ascii")
    s = store_bytes(k)
    wk = FOLDER_WK.get(folder, 0x08)
    raw = b"\x01\x03\x24\x00" + g + b"\x00\x2e\x00\x00\x03" + s + b"\x01\x00" + s + b"\x00\x00\x02\x01" + bytes([wk]) + b"\x00\x00\x00"
    return b64(raw).replace("/", "_").replace("+", "-")


def change_key(k: str, item_key: str) -> str:
    return b64(b"\x09\x00\x00\x00\x16\x00\x00\x00" + store_bytes(k) + digest("ck", k, item_key)[:4])


def conversation_id(k: str, m: Msg) -> str:
    raw = b"\x00\x04\x24\x00" + mailbox_guid(k).encode("ascii") + b"\x00\x10\x00" + digest("conv", m.conv_root)[:16]
    return b64(raw).replace("/", "_").replace("+", "-")


def recip(a: Addr) -> dict:
    return {"emailAddress": {"name": a.name, "address": a.address}}


def graph_file_attachment(k: str, item_key: str, idx: int, att: Att, when: datetime, dates) -> dict:
    aid = graph_item_id(k, item_key) + b64(b"\x01\x12\x00\x10\x00" + digest("att", k, item_key, str(idx))[:16])
    if att.reference:
        return {
            "@odata.type": "#microsoft.graph.referenceAttachment",
            "id": aid.replace("/", "_").replace("+", "-"),
            "lastModifiedDateTime": dates(when),
            "name": att.name,
            "contentType": att.content_type,
            # v1.0: the size of the link's metadata, not of the cloud file.
            "size": 420,
            "isInline": False,
        }
    if att.inline_cid:
        return {
            "@odata.type": "#microsoft.graph.fileAttachment",
            "@odata.mediaContentType": att.content_type,
            "id": aid.replace("/", "_").replace("+", "-"),
            "lastModifiedDateTime": dates(when),
            "name": att.name,
            "contentType": att.content_type,
            "size": len(att.data) + 180 + 2 * len(att.name.encode("utf-8")),
            "isInline": True,
            "contentId": att.inline_cid,
            "contentLocation": None,
            "contentBytes": b64(att.data),
        }
    return {
        "@odata.type": "#microsoft.graph.fileAttachment",
        "@odata.mediaContentType": att.content_type,
        "id": aid.replace("/", "_").replace("+", "-"),
        "lastModifiedDateTime": dates(when),
        "name": att.name,
        "contentType": att.content_type,
        # Like the service: `size` includes MIME/metadata overhead, it is NOT the decoded length.
        "size": len(att.data) + 180 + 2 * len(att.name.encode("utf-8")),
        "isInline": False,
        "contentId": None,
        "contentLocation": None,
        "contentBytes": b64(att.data),
    }


def graph_message(cp: Copy, headers: bool, dates, context_attachments: bool = False) -> dict:
    m = cp.msg
    k = cp.mbx
    gid = graph_item_id(k, m.key)
    cp.graph_id = gid
    ck = change_key(k, m.key)
    o: dict = {}
    if m.event:
        o["@odata.type"] = "#microsoft.graph.eventMessageRequest"
    o["@odata.etag"] = 'W/"%s"' % ck
    o["id"] = gid
    o["createdDateTime"] = dates(cp.received)
    o["lastModifiedDateTime"] = dates(cp.modified)
    o["changeKey"] = ck
    o["categories"] = []
    o["receivedDateTime"] = dates(cp.received)
    o["sentDateTime"] = None if m.draft else dates(m.sent)
    o["hasAttachments"] = bool([x for x in m.atts if not x.inline_cid] or m.attached)
    o["internetMessageId"] = m.message_id
    o["subject"] = m.subject
    o["bodyPreview"] = preview(m.text)
    o["importance"] = m.importance
    o["parentFolderId"] = folder_id(k, cp.folder)
    o["conversationId"] = conversation_id(k, m)
    o["conversationIndex"] = thread_index_b64(m)
    o["isDeliveryReceiptRequested"] = False
    o["isReadReceiptRequested"] = False
    o["isRead"] = cp.is_read
    o["isDraft"] = m.draft
    o["webLink"] = "https://outlook.office365.com/owa/?ItemID=%s&exvsurl=1&viewmodel=ReadMessageItem" % (
        urllib.parse.quote(gid, safe=""))
    o["inferenceClassification"] = "other" if m.list_unsubscribe else "focused"
    if m.event:
        o["meetingMessageType"] = "meetingRequest"
        o["type"] = "singleInstance"
        o["isOutOfDate"] = False
        o["isAllDay"] = False
        o["isDelegated"] = False
        o["responseRequested"] = True
        o["allowNewTimeProposals"] = True
        o["meetingRequestType"] = "newMeetingRequest"
        o["startDateTime"] = {"dateTime": m.event["start"], "timeZone": "UTC"}
        o["endDateTime"] = {"dateTime": m.event["end"], "timeZone": "UTC"}
        o["location"] = {"displayName": m.event["location"], "locationType": "default",
                         "uniqueIdType": "unknown"}
        o["previousStartDateTime"] = None
        o["previousEndDateTime"] = None
        o["previousLocation"] = None
        o["recurrence"] = None
    if m.html:
        o["body"] = {"contentType": "html", "content": m.html}
    else:
        o["body"] = {"contentType": "text", "content": crlf(m.text)}
    o["sender"] = recip(m.frm)
    o["from"] = recip(m.frm)
    o["toRecipients"] = [] if m.bcc_only else [recip(x) for x in m.to]
    o["ccRecipients"] = [recip(x) for x in m.cc]
    o["bccRecipients"] = [recip(x) for x in m.bcc] if (k == _sender_key(m) and not m.bcc_only) else []
    o["replyTo"] = [recip(x) for x in m.reply_to]
    o["flag"] = {"flagStatus": "notFlagged"}
    if headers:
        # A draft has never been through transport: the collected header list is empty.
        o["internetMessageHeaders"] = [] if m.draft else graph_headers(cp)
    atts = [graph_file_attachment(k, m.key, idx, att, cp.received, dates) for idx, att in enumerate(m.atts)]
    if m.attached:
        atts.append(graph_item_attachment(cp, dates))
    if context_attachments:
        o["attachments@odata.context"] = "%s/$metadata#users('%s')/messages('%s')/attachments" % (
            GRAPH, urllib.parse.quote(U[k].upn, safe=""), urllib.parse.quote(gid, safe=""))
    o["attachments"] = atts
    return o


def _sender_key(m: Msg) -> str | None:
    u = BY_ADDRESS.get(m.frm.address)
    return u.key if u else None


def graph_item_attachment(cp: Copy, dates) -> dict:
    """The forward-as-attachment in Graph form: an itemAttachment with the original message as `item`."""
    m = cp.msg
    k = cp.mbx
    inner, inner_mbx = m.attached
    inner_copy = next(x for x in copies_of(inner) if x.mbx == inner_mbx)
    aid = graph_item_id(k, m.key) + b64(b"\x01\x12\x00\x10\x00" + digest("itematt", k, m.key)[:16])
    aid = aid.replace("/", "_").replace("+", "-")
    upn_q = urllib.parse.quote(U[k].upn, safe="")
    item = {
        "@odata.type": "#microsoft.graph.message",
        "id": "",
        "createdDateTime": dates(m.sent),
        "lastModifiedDateTime": dates(m.sent),
        "receivedDateTime": dates(inner_copy.received),
        "sentDateTime": dates(inner.sent),
        "hasAttachments": True,
        "internetMessageId": inner.message_id,
        "subject": inner.subject,
        "bodyPreview": preview(inner.text),
        "importance": inner.importance,
        "conversationId": conversation_id(k, inner),
        "conversationIndex": thread_index_b64(inner),
        "isDeliveryReceiptRequested": False,
        "isReadReceiptRequested": False,
        "isRead": True,
        "isDraft": False,
        "webLink": "https://outlook.office365.com/owa/?AttachmentItemID=%s&exvsurl=1&viewmodel=ItemAttachment" % (
            urllib.parse.quote(aid, safe="")),
        # As Graph returns it for an attached item: the key is present but empty.
        "internetMessageHeaders": [],
        "body": {"contentType": "html", "content": inner.html},
        "sender": recip(inner.frm),
        "from": recip(inner.frm),
        "toRecipients": [],
        "ccRecipients": [],
        "bccRecipients": [],
        "replyTo": [recip(x) for x in inner.reply_to],
        "flag": {"flagStatus": "notFlagged"},
        "attachments": [graph_file_attachment(k, m.key + "/item", idx, att, m.sent, dates)
                        for idx, att in enumerate(inner.atts)],
    }
    return {
        "@odata.type": "#microsoft.graph.itemAttachment",
        "id": aid,
        "lastModifiedDateTime": dates(m.sent),
        "name": inner.subject,
        "contentType": None,
        "size": 9214,
        "isInline": False,
        "item@odata.navigationLink": "%s/users('%s')/messages('')" % (GRAPH, upn_q),
        "item@odata.associationLink": "%s/users('%s')/messages('')/$ref" % (GRAPH, upn_q),
        "item": item,
    }


# --- PowerShell 5.1 ConvertTo-Json emulation (PascalCase SDK objects) ------------------------------

class PSDate:
    def __init__(self, dt: datetime):
        self.ms = epoch_ms(dt)


PS_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
          "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def ps_str(s: str) -> str:
    out = []
    for ch in s:
        if ch in PS_ESC:
            out.append(PS_ESC[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def ps51(v, col: int) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, PSDate):
        return '"\\/Date(%d)\\/"' % v.ms
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return ps_str(v)
    if isinstance(v, list):
        if not v:
            return "[\n\n" + " " * col + "]"
        return "[\n" + ",\n".join(" " * (col + 4) + ps51(x, col + 4) for x in v) + "\n" + " " * col + "]"
    if isinstance(v, dict):
        if not v:
            return "{\n\n" + " " * col + "}"
        parts = []
        for key, val in v.items():
            prefix = '"%s":  ' % key
            parts.append(" " * (col + 4) + prefix + ps51(val, col + 4 + len(prefix)))
        return "{\n" + ",\n".join(parts) + "\n" + " " * col + "}"
    raise TypeError(type(v))


DATE_KEYS = {"createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime"}
MESSAGE_NULLS = ["Extensions", "MultiValueExtendedProperties", "SingleValueExtendedProperties", "UniqueBody"]


def to_pascal(v, top: bool = False):
    if isinstance(v, list):
        return [to_pascal(x) for x in v]
    if not isinstance(v, dict):
        return v
    add_props, out = {}, {}
    for key, val in v.items():
        if "@" in key:
            add_props[key] = val
            continue
        pk = key[0].upper() + key[1:]
        if key in DATE_KEYS and isinstance(val, datetime):
            out[pk] = PSDate(val)
        else:
            out[pk] = to_pascal(val)
    if "FlagStatus" in out:
        for n in ["CompletedDateTime", "DueDateTime", "StartDateTime"]:
            out.setdefault(n, None)
    if top or "ContentBytes" in out or "Name" in out and "Size" in out:
        out["AdditionalProperties"] = add_props
    if top:
        for n in MESSAGE_NULLS:
            out.setdefault(n, None)
    return dict(sorted(out.items()))


# ----------------------------------------------------------------------------------------------
# Writing the export
# ----------------------------------------------------------------------------------------------

def slug(subject: str) -> str:
    s = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r'[\\/:*?"<>|]', "_", s)
    s = re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("_")
    return s[:60].rstrip("_.")


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def graph_dates_z(dt: datetime) -> str:
    return iso_z(dt)


def graph_dates_local(dt: datetime) -> str:
    return iso_local(dt, tz_offset("eu", dt))


def sort_desc(cps: list[Copy]) -> list[Copy]:
    return sorted(cps, key=lambda x: (x.received, x.msg.key), reverse=True)


def mail_folders_page(k: str, cps: list[Copy]) -> dict:
    root = folder_id(k, "__root__")
    value = []
    for name in sorted(FOLDER_WK):
        inside = [x for x in cps if x.folder == name]
        value.append({
            "id": folder_id(k, name),
            "displayName": name,
            "parentFolderId": root,
            "childFolderCount": 0,
            "unreadItemCount": sum(1 for x in inside if not x.is_read),
            "totalItemCount": len(inside),
            "isHidden": False,
        })
    return {"@odata.context": "%s/$metadata#users('%s')/mailFolders" % (GRAPH, urllib.parse.quote(U[k].upn, safe="")),
            "value": value}


def dumps_pretty(obj, ascii_only: bool = False) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=ascii_only) + "\n"


def write_export(out: Path, all_copies: list[Copy]) -> dict:
    by_mbx: dict[str, list[Copy]] = {k: [] for k in MAILBOX_KEYS}
    for cp in all_copies:
        by_mbx[cp.mbx].append(cp)
    files: dict[str, list[str]] = {k: [] for k in MAILBOX_KEYS}

    # users.json and groups.json
    users = {"@odata.context": "%s/$metadata#users(id,displayName,mail,userPrincipalName,department,jobTitle)" % GRAPH,
             "value": [{"id": str(uuid.uuid5(NS, "user:" + u.upn)), "displayName": u.display, "mail": u.upn,
                        "userPrincipalName": u.upn, "department": u.dept, "jobTitle": u.title}
                       for u in sorted(USERS, key=lambda x: x.upn)]}
    write(out / "users.json", dumps_pretty(users).encode("utf-8"))
    groups = [{"displayName": name, "members": [U[k].upn for k in members]} for name, members in GROUPS]
    write(out / "groups.json", dumps_pretty(groups).encode("utf-8"))

    for k in MAILBOX_KEYS:
        u = U[k]
        mdir = out / u.upn
        cps = by_mbx[k]
        upn_q = urllib.parse.quote(u.upn, safe="")
        ctx = "%s/$metadata#users('%s')/messages(attachments())" % (GRAPH, upn_q)

        def rel(p: Path) -> str:
            return p.relative_to(out).as_posix()

        if u.fmt == "eml":
            for folder in FOLDER_ORDER:
                inside = sorted([x for x in cps if x.folder == folder], key=lambda x: (x.received, x.msg.key))
                for n, cp in enumerate(inside, 1):
                    r = cp.received
                    ext = ".txt" if (k == "grace" and cp.msg.key == "coffee") else ".eml"
                    name = "%03d-%04d%02d%02d_%02d%02d%02d-%s%s" % (n, r.year, r.month, r.day, r.hour, r.minute,
                                                                  r.second, slug(cp.msg.subject), ext)
                    p = mdir / folder / name
                    write(p, eml_bytes(cp))
                    cp.path = rel(p)
                    files[k].append(cp.path)
            continue

        # Graph mailboxes: folders page first
        if u.fmt == "graph-ps51":
            folders = []
            root = folder_id(k, "__root__")
            for name in sorted(FOLDER_WK):
                inside = [x for x in cps if x.folder == name]
                folders.append(dict(sorted({
                    "AdditionalProperties": {}, "ChildFolderCount": 0, "ChildFolders": None,
                    "DisplayName": name, "Id": folder_id(k, name), "IsHidden": False, "MessageRules": None,
                    "Messages": None, "MultiValueExtendedProperties": None, "ParentFolderId": root,
                    "SingleValueExtendedProperties": None, "TotalItemCount": len(inside),
                    "UnreadItemCount": sum(1 for x in inside if not x.is_read)}.items())))
            p = mdir / "mailFolders.json"
            write(p, b"\xef\xbb\xbf" + (ps51(folders, 0) + "\n").encode("utf-8"))
        else:
            p = mdir / "mailFolders.json"
            write(p, dumps_pretty(mail_folders_page(k, cps)).encode("utf-8"))
        files[k].append(rel(p))

        ordered = sort_desc(cps)
        if u.fmt == "graph-pages":
            pages = [ordered[0:10], ordered[10:20], ordered[20:]]
            for n, page in enumerate(pages, 1):
                value = []
                for idx, cp in enumerate(page):
                    value.append(graph_message(cp, True, graph_dates_z, context_attachments=True))
                    cp.path = rel(mdir / ("messages-page-%d.json" % n))
                    cp.pointer = "/value/%d" % idx
                doc = {"@odata.context": ctx, "value": value}
                if n < len(pages):
                    doc["@odata.nextLink"] = ("%s/users/%s/messages?%%24expand=attachments&%%24top=10&%%24skip=%d" %
                                              (GRAPH, upn_q, n * 10))
                p = mdir / ("messages-page-%d.json" % n)
                write(p, json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
                files[k].append(rel(p))
        elif u.fmt == "graph-array":
            arr = []
            for idx, cp in enumerate(ordered):
                arr.append(graph_message(cp, True, graph_dates_local))
                cp.path = rel(mdir / "messages.json")
                cp.pointer = "/%d" % idx
            p = mdir / "messages.json"
            write(p, dumps_pretty(arr).encode("utf-8"))
            files[k].append(rel(p))
        elif u.fmt == "graph-jsonl":
            single = [x for x in ordered if x.msg.key == "phish-forward"]
            rest = [x for x in ordered if x.msg.key != "phish-forward"]
            lines = []
            for idx, cp in enumerate(rest):
                lines.append(json.dumps(graph_message(cp, True, graph_dates_z)))
                cp.path = rel(mdir / "messages.jsonl")
                cp.pointer = "line %d" % (idx + 1)
            p = mdir / "messages.jsonl"
            write(p, ("\n".join(lines) + "\n").encode("utf-8"))
            files[k].append(rel(p))
            for cp in single:
                obj = {"@odata.context": "%s/$entity" % ctx}
                obj.update(graph_message(cp, True, graph_dates_z))
                p = mdir / "reported-phish-forward.json"
                write(p, dumps_pretty(obj).encode("utf-8"))
                cp.path = rel(p)
                cp.pointer = ""
                files[k].append(rel(p))
        elif u.fmt == "graph-ps51":
            arr = []
            for idx, cp in enumerate(ordered):
                gm = graph_message(cp, True, lambda dt: dt)
                arr.append(to_pascal(gm, top=True))
                cp.path = rel(mdir / "messages-ps51.json")
                cp.pointer = "/%d" % idx
            p = mdir / "messages-ps51.json"
            write(p, b"\xef\xbb\xbf" + (ps51(arr, 0) + "\n").encode("utf-8"))
            files[k].append(rel(p))
        elif u.fmt in APART_FORMATS:
            write_attachments_apart(out, mdir, k, ordered, files[k], rel)
        elif u.fmt == "graph-page-noheaders":
            single = [x for x in ordered if x.msg.key == "phish"]
            rest = [x for x in ordered if x.msg.key != "phish"]
            value = []
            for idx, cp in enumerate(rest):
                value.append(graph_message(cp, False, graph_dates_z))
                cp.path = rel(mdir / "messages.json")
                cp.pointer = "/value/%d" % idx
            p = mdir / "messages.json"
            write(p, dumps_pretty({"@odata.context": ctx, "value": value}).encode("utf-8"))
            files[k].append(rel(p))
            for cp in single:
                obj = {"@odata.context": "%s/$entity" % ctx}
                obj.update(graph_message(cp, False, graph_dates_z))
                p = mdir / "single-message.json"
                write(p, dumps_pretty(obj).encode("utf-8"))
                cp.path = rel(p)
                cp.pointer = ""
                files[k].append(rel(p))
    return files


APART_FORMATS = ("graph-att-per-message", "graph-att-jsonl", "graph-att-nested", "graph-batch")
ATTACHMENT_PAGE_SIZE = 3   # as if the script asked for `$top=3`: 4+ attachments take two pages


def attachment_pages(k: str, cp: Copy, atts: list, folder_scoped: bool) -> list[dict]:
    """A message's attachments as the pages of GET .../messages/{id}/attachments (an empty page when
    it has none; an @odata.nextLink on every page but the last)."""
    upn_q = urllib.parse.quote(U[k].upn, safe="")
    gid_q = urllib.parse.quote(cp.graph_id, safe="")
    scope = "mailFolders('%s')/" % folder_id(k, cp.folder) if folder_scoped else ""
    ctx = "%s/$metadata#users('%s')/%smessages('%s')/attachments" % (GRAPH, upn_q, scope, gid_q)
    chunks = [atts[i:i + ATTACHMENT_PAGE_SIZE] for i in range(0, len(atts), ATTACHMENT_PAGE_SIZE)] or [[]]
    pages = []
    for n, chunk in enumerate(chunks):
        page = {"@odata.context": ctx, "value": chunk}
        if n + 1 < len(chunks):
            page["@odata.nextLink"] = "%s/users/%s/messages/%s/attachments?%%24top=%d&%%24skip=%d" % (
                GRAPH, upn_q, gid_q, ATTACHMENT_PAGE_SIZE, (n + 1) * ATTACHMENT_PAGE_SIZE)
        pages.append(page)
    return pages


def write_attachments_apart(out: Path, mdir: Path, k: str, ordered: list, files: list, rel) -> None:
    """The shared mailboxes: messages without `attachments`, their attachments saved apart."""
    u = U[k]
    upn_q = urllib.parse.quote(u.upn, safe="")
    msgs_ctx = "%s/$metadata#users('%s')/messages" % (GRAPH, upn_q)
    pairs = []
    for cp in ordered:
        gm = graph_message(cp, True, graph_dates_z)
        atts = gm.pop("attachments")
        pairs.append((cp, gm, atts))

    def compact(o) -> str:
        return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

    if u.fmt == "graph-att-per-message":
        # messages.json, and <message id>.json (then <id>.page-2.json) for each message's attachments.
        p = mdir / "messages.json"
        for idx, (cp, gm, atts) in enumerate(pairs):
            cp.path = rel(p)
            cp.pointer = "/value/%d" % idx
        write(p, dumps_pretty({"@odata.context": msgs_ctx, "value": [gm for _, gm, _ in pairs]}).encode("utf-8"))
        att_files = []
        for cp, gm, atts in pairs:
            for n, page in enumerate(attachment_pages(k, cp, atts, False)):
                ap = mdir / (cp.graph_id + (".json" if n == 0 else ".page-%d.json" % (n + 1)))
                write(ap, dumps_pretty(page).encode("utf-8"))
                att_files.append(rel(ap))
        files.extend(sorted(att_files) + [rel(p)])
    elif u.fmt == "graph-att-jsonl":
        # messages.json, and every attachments page on one line of attachments.jsonl.
        p = mdir / "messages.json"
        for idx, (cp, gm, atts) in enumerate(pairs):
            cp.path = rel(p)
            cp.pointer = "/value/%d" % idx
        write(p, dumps_pretty({"@odata.context": msgs_ctx, "value": [gm for _, gm, _ in pairs]}).encode("utf-8"))
        lines = [compact(page) for cp, gm, atts in pairs for page in attachment_pages(k, cp, atts, False)]
        ap = mdir / "attachments.jsonl"
        write(ap, ("\n".join(lines) + "\n").encode("utf-8"))
        files.extend([rel(ap), rel(p)])
    elif u.fmt == "graph-att-nested":
        # <Folder>/messages.json (mailFolders('…')/messages), <Folder>/attachments/<id>/page-N.json.
        for folder in FOLDER_ORDER:
            inside = [(cp, gm, atts) for cp, gm, atts in pairs if cp.folder == folder]
            if not inside:
                continue
            p = mdir / folder / "messages.json"
            ctx = "%s/$metadata#users('%s')/mailFolders('%s')/messages" % (GRAPH, upn_q, folder_id(k, folder))
            for idx, (cp, gm, atts) in enumerate(inside):
                cp.path = rel(p)
                cp.pointer = "/value/%d" % idx
            write(p, dumps_pretty({"@odata.context": ctx, "value": [gm for _, gm, _ in inside]}).encode("utf-8"))
            att_files = []
            for cp, gm, atts in inside:
                for n, page in enumerate(attachment_pages(k, cp, atts, True)):
                    ap = mdir / folder / "attachments" / cp.graph_id / ("page-%d.json" % (n + 1))
                    write(ap, dumps_pretty(page).encode("utf-8"))
                    att_files.append(rel(ap))
            files.extend(sorted(att_files) + [rel(p)])
    elif u.fmt == "graph-batch":
        # JSON batching: batch-001.json holds a page of the first messages and their attachments pages;
        # batch-002.json the other messages one by one ($entity) and theirs.
        half = (len(pairs) + 1) // 2
        for name, group, as_page in (("batch-001.json", pairs[:half], True), ("batch-002.json", pairs[half:], False)):
            p = mdir / name
            responses = []
            if as_page:
                responses.append({"id": "1", "status": 200, "headers": {"Content-Type": "application/json"},
                                  "body": {"@odata.context": msgs_ctx, "value": [gm for _, gm, _ in group]}})
                for idx, (cp, gm, atts) in enumerate(group):
                    cp.path = rel(p)
                    cp.pointer = "/responses/0/body/value/%d" % idx
            else:
                for cp, gm, atts in group:
                    body = {"@odata.context": msgs_ctx + "/$entity"}
                    body.update(gm)
                    cp.path = rel(p)
                    cp.pointer = "/responses/%d/body" % len(responses)
                    responses.append({"id": str(len(responses) + 1), "status": 200,
                                      "headers": {"Content-Type": "application/json"}, "body": body})
            for cp, gm, atts in group:
                for page in attachment_pages(k, cp, atts, False):
                    responses.append({"id": str(len(responses) + 1), "status": 200,
                                      "headers": {"Content-Type": "application/json"}, "body": page})
            write(p, dumps_pretty({"responses": responses}).encode("utf-8"))
            files.append(rel(p))


# ----------------------------------------------------------------------------------------------
# README
# ----------------------------------------------------------------------------------------------

FORMAT_TEXT = {
    "graph-pages": "Graph JSON, 3 collection pages (`@odata.context` + `value` + `@odata.nextLink`), compact one-line JSON as the service returns it, headers and attachments collected",
    "eml": "EML (MIME, CRLF), one folder per mail folder",
    "graph-array": "Graph JSON, one bare array (`$resp.value | ConvertTo-Json` in PowerShell 7): 2-space indent, dates as local time with an offset (`+01:00`/`+02:00`), no `@odata.context`",
    "graph-jsonl": "Graph JSON Lines (one compact message per line, non-ASCII escaped as `\\uXXXX`, no `@odata.context`) plus one single-message file",
    "graph-ps51": "PowerShell SDK style: PascalCase keys, `AdditionalProperties`, unset fields `null`, `\\/Date(ms)\\/` dates, Windows PowerShell 5.1 `ConvertTo-Json` layout (`\"Key\":  value`, `<>&'` escaped as `\\u003c`...), UTF-8 **with BOM**; `mailFolders.json` in the same style",
    "graph-page-noheaders": "Graph JSON collection page (single page, no nextLink) plus one single-message file; **`internetMessageHeaders` was not collected** (the key is absent on every message)",
    "graph-att-per-message": "Graph JSON page of messages **without `attachments`**; each message's attachments saved apart by a separate call (`GET …/messages/{id}/attachments`, `$top=3`), one file per message named by its id (`<id>.json`, then `<id>.page-2.json` after an `@odata.nextLink`); an empty page for a message without attachments",
    "graph-att-jsonl": "Graph JSON page of messages without `attachments`; every attachments page on one line of `attachments.jsonl`",
    "graph-att-nested": "Graph JSON, one page per folder (`<Folder>/messages.json`, folder-scoped context) without `attachments`; attachments pages in `<Folder>/attachments/<id>/page-N.json` (folder-scoped contexts)",
    "graph-batch": "JSON batching responses (`POST /$batch`): `batch-001.json` holds a page of messages and their attachments pages, `batch-002.json` single messages (`$entity`) and theirs",
}


def readme_files(k: str, paths: list[str]) -> list[str]:
    """A mailbox's files for the README, relative to the mailbox folder; attachments files saved one
    per message are summarised by their pattern."""
    inner = [p.split("/", 1)[1] for p in paths]
    if U[k].fmt == "graph-att-per-message":
        pages = [p for p in inner if p != "messages.json" and p != "mailFolders.json"]
        firsts = [p for p in pages if ".page-" not in p]
        return ["mailFolders.json", "<message id>.json (%d files, one per message)" % len(firsts),
                "<message id>.page-2.json (%d)" % (len(pages) - len(firsts)), "messages.json"]
    if U[k].fmt == "graph-att-nested":
        out = []
        for p in inner:
            if "/attachments/" in p:
                folder = p.split("/")[0]
                line = "%s/attachments/<message id>/page-N.json" % folder
                if line not in out:
                    out.append(line)
            else:
                out.append(p)
        return out
    return inner


def md_table(header: list[str], rows: list[list[str]]) -> str:
    out = "| " + " | ".join(header) + " |\n|" + "|".join("---" for _ in header) + "|\n"
    for r in rows:
        out += "| " + " | ".join(r) + " |\n"
    return out


def write_readme(out: Path, all_copies: list[Copy], files: dict, phish: Msg) -> str:
    att = PHISH_ATTACHMENT
    md5 = hashlib.md5(att).hexdigest()
    sha1 = hashlib.sha1(att).hexdigest()
    sha256 = hashlib.sha256(att).hexdigest()
    sha512 = hashlib.sha512(att).hexdigest()
    ordinary = [x for x in all_copies if not x.msg.campaign]
    camp = [x for x in all_copies if x.msg.campaign]

    s = []
    s.append("# Sample tenant: Fabrikam Logistics (fictional)\n")
    s.append("A small, fictional Microsoft 365 mailbox export used by Dragnet's tests and examples. It is "
             "**generated**: do not edit it by hand, change `scripts/generate-sample-tenant.py` and run\n\n"
             "```sh\npython3 scripts/generate-sample-tenant.py\n```\n\n"
             "The script is deterministic (seed %d, fixed dates, no clock): re-running it rewrites this folder "
             "byte for byte. It checks what it wrote before it exits (JSON parses, every EML parses with "
             "Python's `email` package, attachment digests, indicator isolation, counts).\n" % SEED)
    s.append("Fabrikam Logistics is a freight and warehousing company (Rotterdam HQ, Lyon site) on the domain "
             "`fabrikam.example`. Every name, address, IP and document is invented; every domain is a "
             "reserved example domain (`*.example`, `example.com/net/org`) and every IP is from the "
             "documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32). Received "
             "hops use fictional `*.prod.outlook.example` hosts. Only `@odata.context`/`nextLink` "
             "(`graph.microsoft.com`) and `webLink` (`outlook.office365.com`) keep the real service hosts, "
             "as real exports do; they are never in a message body.\n")
    s.append("Mail dates run from 3 October to 25 November 2026; the campaign is on 24 November 2026. The "
             "export was taken on 26 November 2026.\n")

    s.append("## Users (`users.json`)\n")
    s.append("Graph `/users` collection page with `$select=id,displayName,mail,userPrincipalName,department,"
             "jobTitle` (so `department` is collected). User ids are UUIDv5 values.\n")
    rows = []
    for u in sorted(USERS, key=lambda x: x.upn):
        rows.append(["`%s`" % u.upn, u.display, u.dept, u.title,
                     ("yes, %s" % ("EML" if u.fmt == "eml" else "Graph JSON")) if u.fmt else "**no** (in users.json only)"])
    s.append(md_table(["userPrincipalName", "displayName", "department", "jobTitle", "mailbox in export"], rows))
    s.append("\nDepartments: Finance (3, one without mailbox), Sales (2), IT (2), HR (1), Executive (1), Operations "
             "(4 shared mailboxes: not on the All Staff list, so they receive none of the tenant-wide notices).\n")

    s.append("## Groups (`groups.json`)\n")
    s.append(md_table(["displayName", "members"],
                      [[name, ", ".join("`%s`" % U[k].upn for k in members)] for name, members in GROUPS]))
    s.append("\nNote: the group is called **Executives** while Grace's department is **Executive**; Farid is "
             "in Executives but his department is Sales; Inès is in Finance Approvers but has no mailbox.\n")

    s.append("## Layout\n")
    tree = ["sample-tenant/", "  README.md            (this file; not part of any export format)",
            "  users.json", "  groups.json"]
    for k in MAILBOX_KEYS:
        u = U[k]
        tree.append("  %s/" % u.upn)
        if u.fmt == "eml":
            by_folder: dict[str, int] = {}
            for cp in [x for x in all_copies if x.mbx == k]:
                by_folder[cp.folder] = by_folder.get(cp.folder, 0) + 1
            for folder in FOLDER_ORDER:
                if folder in by_folder:
                    tree.append("    %s/  (%d file%s)" % (folder, by_folder[folder], "" if by_folder[folder] == 1 else "s"))
        else:
            for fpath in readme_files(k, files[k]):
                tree.append("    " + fpath)
    s.append("```\n" + "\n".join(tree) + "\n```\n")

    s.append("## Mailboxes and formats\n")
    rows = []
    for k in MAILBOX_KEYS:
        u = U[k]
        fl = ", ".join("`%s`" % p for p in readme_files(k, files[k])) if u.fmt != "eml" else "`<Folder>/NNN-yyyyMMdd_HHmmss-<subject>.eml`"
        rows.append(["`%s`" % u.upn, FORMAT_TEXT[u.fmt], fl])
    s.append(md_table(["mailbox", "format", "files"], rows))
    s.append("\nGraph mailboxes resolve `parentFolderId` through their own `mailFolders.json` (all eight "
             "standard folders are listed, with `totalItemCount`/`unreadItemCount` that match the messages). "
             "EML mailboxes name the folder by the directory. Every Graph message file (except the JSONL "
             "lines and the bare arrays) names its mailbox in `@odata.context` "
             "(`users('alice.martin%40fabrikam.example')`); the others rely on the mailbox folder name.\n")

    s.append("## Message counts\n")
    s.append("Items are top-level messages (one per EML file, one per Graph message object). A message "
             "attached to another message is part of its carrier, not a separate item.\n")
    folders_used = [f for f in FOLDER_ORDER if any(x.folder == f for x in all_copies)]
    rows = []
    tot_by_folder = {f: 0 for f in folders_used}
    for k in MAILBOX_KEYS:
        row = ["`%s`" % U[k].upn]
        total = 0
        for f in folders_used:
            n = sum(1 for x in all_copies if x.mbx == k and x.folder == f)
            nc = sum(1 for x in camp if x.mbx == k and x.folder == f)
            row.append(("%d (%d campaign)" % (n, nc)) if nc else (str(n) if n else "-"))
            total += n
            tot_by_folder[f] += n
        nc_total = sum(1 for x in camp if x.mbx == k)
        row.append("**%d** (%d ordinary + %d campaign)" % (total, total - nc_total, nc_total))
        rows.append(row)
    rows.append(["**total**"] + ["**%d**" % tot_by_folder[f] for f in folders_used] +
                ["**%d** (%d ordinary + %d campaign)" % (len(all_copies), len(ordinary), len(camp))])
    s.append(md_table(["mailbox"] + folders_used + ["total"], rows))
    fmt_counts: dict[str, int] = {}
    for cp in all_copies:
        key = "EML" if U[cp.mbx].fmt == "eml" else "Graph JSON"
        fmt_counts[key] = fmt_counts.get(key, 0) + 1
    s.append("\nBy format: %s. Distinct logical messages (by Message-ID): %d ordinary + 2 campaign "
             "(the phish and Bruno's forward).\n" % (
                 ", ".join("%s %d" % (k2, v) for k2, v in sorted(fmt_counts.items())),
                 len({x.msg.message_id for x in ordinary})))

    s.append("Ordinary mail: tenant-wide notices (IT maintenance, password expiry, the new Report Phishing "
             "button, HR holiday calendar and benefits enrolment, the CEO's town hall, a team lunch, and a "
             "security advisory after the campaign), supplier invoices and statements (Northwind Traders, "
             "Spedition Weiß), bank notices (Woodgrove Bank), customer orders and quotes (Tailspin Toys, Wingtip "
             "Toys), a newsletter (Logistics Weekly), security and cloud alerts (Adatum), job applications, "
             "internal threads with replies and forwards, a meeting request, a draft and two spam sends.\n")
    s.append("## The planted campaign\n")
    s.append("One phishing e-mail, sent once on 2026-11-24 at 08:12:09 UTC to seven people as Bcc "
             "(`To: undisclosed-recipients:;`, so Graph `toRecipients` is `[]`), delivered between 08:12:14 "
             "and 08:19:27 UTC. Bruno forwarded it to David (IT security) **as an attachment** at 08:41:30 "
             "UTC. Every copy carries the same Message-ID and the same attachment bytes.\n")
    s.append("### Indicators\n")
    ind = [
        ["sender (From)", "`Accounts Payable <billing@fabrikam-invoices.example>`"],
        ["sender display name", "`Accounts Payable` (also used by the legitimate internal `ap@fabrikam.example`)"],
        ["sender domain", "`fabrikam-invoices.example` (look-alike of `fabrikam.example`)"],
        ["Reply-To", "`Accounts Payable <ap-desk@fabrikam-invoices.example>`"],
        ["subject (decoded)", "`%s` (U+2013 EN DASH)" % PHISH_SUBJECT],
        ["subject (EML, raw)", "`%s`" % encode_words(PHISH_SUBJECT, "B")],
        ["link in body", "`%s` (HTML `href` and plain-text part)" % PHISH_URL],
        ["link in attachment", "form `action=\"https://fabrikam-invoices.example/pay/204981/auth\"`"],
        ["sending IP", "`%s` (first `Received` hop, `X-Originating-IP: [%s]`, `Received-SPF` client-ip, "
                       "`X-Forefront-Antispam-Report` CIP)" % (PHISH_IP, PHISH_IP)],
        ["HELO / sending host", "`mail.fabrikam-invoices.example`"],
        ["X-Mailer", "`PHPMailer 6.9.1`"],
        ["authentication", "`spf=pass` (the look-alike domain is the attacker's own), `dkim=none`, `dmarc=none`, `compauth=softpass`"],
        ["Message-ID / internetMessageId", "`%s`" % phish.message_id],
        ["Date (sending date)", "`Tue, 24 Nov 2026 08:12:09 +0000` (`sentDateTime` 2026-11-24T08:12:09Z)"],
        ["body keywords", "`INV-204981`, `EUR 18,460.00`, `wire transfer`, `14 days overdue`"],
        ["attachment name", "`%s` (`text/html`, extension `html`)" % PHISH_ATT_NAME],
        ["attachment size (decoded)", "**%d bytes** (Graph `size` says %d: the service's `size` includes overhead)" % (
            len(att), len(att) + 180 + 2 * len(PHISH_ATT_NAME))],
        ["attachment MD5", "`%s`" % md5],
        ["attachment SHA-1", "`%s`" % sha1],
        ["attachment SHA-256", "`%s`" % sha256],
        ["attachment SHA-512", "`%s`" % sha512],
    ]
    s.append(md_table(["indicator", "value"], ind))

    s.append("\n### Every copy\n")
    s.append("Paths are relative to this folder. Graph rows give the JSON pointer of the message (`\"\"` = the "
             "whole file is one message object) or the 1-based line of a JSON Lines file. MIME part paths "
             "follow Dragnet's convention (top entity `1`, children `1.1`, `1.2`, root of an attached message "
             "at `P.1`).\n")
    rows = []
    order = {"alice": 0, "bruno": 1, "chloe": 2, "david": 3, "emma": 4, "farid": 5, "grace": 6, "henry": 7}
    for n, cp in enumerate(sorted(camp, key=lambda x: (order[x.mbx], x.folder)), 1):
        u = U[cp.mbx]
        fmt = "eml" if u.fmt == "eml" else {"graph-ps51": "graph-json (PascalCase, BOM)"}.get(u.fmt, "graph-json")
        where = "`%s`" % cp.path + ((" `%s`" % cp.pointer) if cp.pointer.startswith("/") else
                                   (" %s" % cp.pointer if cp.pointer.startswith("line") else
                                    (" `\"\"`" if u.fmt != "eml" else "")))
        if cp.msg.key == "phish":
            hdr = "yes" if u.fmt != "graph-page-noheaders" else "**no** (key absent)"
            fwd = "no"
            if u.fmt == "eml":
                parts = "attachment at part `1.2`"
            else:
                parts = "fileAttachment at `%s/%s/0`" % (cp.pointer if cp.pointer.startswith("/") else "",
                                                         "Attachments" if u.fmt == "graph-ps51" else "attachments")
        else:
            hdr = "yes (outer: internal hops only; see below)"
            fwd = "**yes**"
            if u.fmt == "eml":
                parts = "`message/rfc822` at part `1.2`; the phish inside at `1.2.1`, its attachment at `1.2.1.2`"
            else:
                parts = "itemAttachment at `/attachments/0`, phish at `/attachments/0/item`, its attachment at `/attachments/0/item/attachments/0`"
        isread = ("`%s`" % str(cp.is_read).lower()) if u.fmt != "eml" else "n/a (EML)"
        rows.append([str(n), "`%s`" % u.upn, cp.folder, where, fmt, hdr, fwd, isread,
                     iso_z(cp.received).replace("2026-11-24T", "").replace("Z", ""), parts])
    s.append(md_table(["#", "mailbox", "folder", "file", "format", "headers collected?", "forwarded as attachment?",
                       "isRead", "received (UTC)", "where the attachment is"], rows))
    s.append("\nRows 3 and 5 are the **2 forward carriers** (Bruno's Sent Items copy as EML and David's Inbox "
             "copy as Graph JSON of the same forward); the other 7 rows are the **7 direct copies** (Alice, "
             "Bruno, Chloé, Emma, Farid, Grace, Henry).\n")
    s.append("By folder: Inbox 4 (Alice, Bruno, Farid, David's forward), Junk Email 2 (Chloé, Grace), Deleted "
             "Items 2 (Emma, Henry), Sent Items 1 (Bruno's forward). By format: 4 EML, 5 Graph JSON. Read "
             "state (Graph only): read = Alice, Henry, David (forward); unread = Chloé, Farid.\n")

    s.append("### The forward, in both formats\n")
    s.append("Bruno forwarded the phish to David at 08:41:30 UTC: `From: Bruno Keller "
             "<bruno.keller@fabrikam.example>`, `To: David Okafor <david.okafor@fabrikam.example>`, subject "
             "`FW: %s`, a short plain-text note (no link, no look-alike domain), Message-ID `%s`.\n" % (
                 PHISH_SUBJECT, next(x.msg.message_id for x in camp if x.msg.key == "phish-forward")))
    s.append("- **EML** (Bruno, Sent Items): `multipart/mixed` with `text/plain` (`1.1`) and a "
             "`message/rfc822` part (`1.2`, `Content-Disposition: attachment`, no file name, "
             "`Content-Description` = encoded subject). The attached message is byte-for-byte Bruno's Inbox "
             "copy, full headers included (so `203.0.113.77`, the From, the link and `INV-204981.html` are all "
             "inside the attachment). The outer message has no `Received` headers (a sender's own copy).\n"
             "- **Graph JSON** (David, Inbox, `reported-phish-forward.json`): an `itemAttachment` "
             "(`contentType: null`, `item@odata.navigationLink`) whose `item` is the phish as a "
             "`#microsoft.graph.message` with `id: \"\"`, no `parentFolderId`, the phish's "
             "`internetMessageId`, `from`, HTML body with the link, and its own `fileAttachment` "
             "`INV-204981.html` (same bytes). As Graph does for attached items, the nested `item` has "
             "`internetMessageHeaders: []` (present but empty), so **no** header of the nested item carries "
             "203.0.113.77. The outer message's headers are internal hops only.\n")
    s.append("What each filter should find (7 direct copies + 2 forward carriers):\n")
    s.append(md_table(["filter", "direct copies", "forward carriers"], [
        ["`from: billing@fabrikam-invoices.example` / `from: fabrikam-invoices.example`", "7",
         "0 on the outer From (Bruno); inside the attached message only"],
        ["`subject: Overdue invoice INV-204981`", "7", "2 (`FW: ...`)"],
        ["`url: fabrikam-invoices.example`", "7", "2 (the link is in the attached message's body, which §4 includes)"],
        ["`attachmentSHA256` / `MD5` / `SHA1` / name `INV-204981.html`", "7", "2 (attachment inside the attached message)"],
        ["`ip: 203.0.113.77`", "6 searchable + 1 **unsearchable** (Henry: headers not collected)",
         "EML: only inside the attached message's headers; Graph: nowhere (nested headers empty)"],
        ["`messageId: %s`" % phish.message_id, "7", "0 (the forward has its own Message-ID)"],
    ]))

    s.append("\n## Near misses (ordinary mail a careless rule would catch)\n")
    nm = [
        ["Northwind reminder: `Reminder: invoice NW-2026-1187 overdue`, 2026-11-24 10:05 UTC, from the real "
         "supplier `billing@northwindtraders.example`, link to `portal.northwindtraders.example`",
         "Alice (Inbox, unread), Bruno (Inbox)", "keywords `invoice`, `overdue`; the campaign's date"],
        ["`Password expiry notice – action required` from `it-servicedesk@fabrikam.example`, link "
         "`https://portal.fabrikam.example/password/change`", "all 8 staff mailboxes (Emma: Deleted Items)",
         "subject `action required`; `url: fabrikam.example` matches it (real domain)"],
        ["`Payment run ... completed` ×3 from the internal shared mailbox `Accounts Payable <ap@fabrikam.example>`, "
         "links to `https://invoices.fabrikam.example/runs/...`", "Alice, Bruno",
         "`senderName: Accounts Payable`; a substring `invoices` + `fabrikam` rule"],
        ["`Security advisory: fake overdue-invoice e-mails` from `security@fabrikam.example` (2026-11-25) "
         "naming `INV-204981` and `Accounts Payable` in the body (no link, no attachment, no look-alike domain)",
         "all 8 staff mailboxes", "`keyword: INV-204981`, `keyword: Accounts Payable`, the regex `(?i)\\binv[-_ ]?\\d{6}\\b`"],
        ["Woodgrove Bank `Incoming wire transfer received` ×2", "Bruno", "`keyword: wire transfer`"],
        ["Spam `You've been selected: €500 gift card` from `203.0.113.7` (Junk Email)",
         "Bruno, Emma, Chloé, Farid", "`ip: 203.0.113.0/24` (CIDR) or a prefix/substring IP match"],
        ["`PO 55187 – urgent reefer capacity` sent 2026-11-23 23:40:12 UTC; in Chloé's bare array its dates "
         "read `2026-11-24T00:40:12+01:00`", "Chloé, Farid", "`dateRange` 2026-11-24 must not include it (UTC)"],
    ]
    s.append(md_table(["message", "where", "what it trips"], nm))
    s.append("\n`INV-204981.html` is the only `.html` attachment in the tenant; ordinary attachments are `.pdf` "
             "and `.csv` files (plus one `text/calendar` body part). No ordinary message contains "
             "`fabrikam-invoices`, `203.0.113.77`, or the attachment's bytes (the generator checks this).\n")

    s.append("## Quirks planted on purpose\n")
    s.append("\n".join([
        "- `henry.wu@fabrikam.example`: **no `internetMessageHeaders` key** anywhere (not collected). The phish "
        "copy there (`single-message.json`) is unsearchable for `ip`/`header` filters, not a non-match.",
        "- The nested `item` of David's itemAttachment has `internetMessageHeaders: []` (collected, empty) and "
        "`id: \"\"`.",
        ("- `farid.haddad@fabrikam.example/messages-ps51.json` and its `mailFolders.json`: UTF-8 BOM, PascalCase, "
         "`\"\\/Date(%d)\\/\"`-style dates (this one is the phish's `SentDateTime`), `null` for unset "
         "properties (`Extensions`, `UniqueBody`, `SingleValueExtendedProperties`, `MultiValueExtendedProperties`, "
         "flag dates), annotations under `AdditionalProperties` (including each attachment's `@odata.type`), "
         "`<`, `>`, `&`, `'` written as `\\u003c`, `\\u003e`, `\\u0026`, `\\u0027` (HTML bodies included). "
         "Attachments were expanded: messages without attachments have `\"Attachments\": []` (PS 5.1 prints it "
         "as `[`, a blank line, `]`)." % epoch_ms(phish.sent)),
        "- `chloe.nguyen@fabrikam.example/messages.json`: dates are local (`+02:00` before 25 October 2026, "
        "`+01:00` after), not `Z`.",
        "- `alice.martin@fabrikam.example/messages-page-*.json`: compact one-line JSON; pages are ordered by "
        "`receivedDateTime` descending across all folders (as Graph does), 10 per page; each message has an "
        "`attachments@odata.context` annotation.",
        "- `david.okafor@fabrikam.example/messages.jsonl`: non-ASCII escaped (`\\u00e9`), no `@odata.context`.",
        "- Graph attachment `size` is the decoded length + overhead, like the service; use the decoded length "
        "for `attachmentSize`.",
        "- Graph `internetMessageHeaders` hold raw header values: the phish's `Subject` header there is the "
        "RFC 2047 form, while the `subject` property is decoded.",
        "- The phish's `bodyPreview` is cut at 255 characters in the middle of the URL "
        "(`https://fabrikam-invoices.e`); links must come from `body`.",
        "- A draft has `internetMessageHeaders: []`.",
        "- One `eventMessageRequest` (`Q4 business review`, from Grace) with `dateTimeTimeZone` start/end; in "
        "Grace's Sent Items (EML) it is `multipart/alternative` with a `text/calendar; method=REQUEST` part.",
        "- One draft in Alice's Drafts: `isDraft: true`, `sentDateTime: null` (dated by `receivedDateTime`).",
        "- `grace.lee@fabrikam.example/Inbox/` holds one MIME file with a `.txt` extension (the Fourth Coffee "
        "order), as Extractor-Suite's `-Output txt` writes them.",
        "- EML headers: RFC 2047 `B` and `Q` encoded words (the phish subject is two `B` words; an emoji "
        "subject; `Jürgen Weiß`, `Chloé Nguyen`, `Inès Romero`, `Søren Østergaard` display names), an empty "
        "header value (`X-MS-Has-Attach:`), folded `Received`/`References`. Attachment names: RFC 2231 "
        "`filename*=utf-8''...` and Outlook-style encoded words inside a quoted `filename=\"=?utf-8?B?...?=\"`. "
        "One body in `iso-8859-1` (the French message to Grace). Everything else `utf-8` or `us-ascii`.",
        "- Internal mail is sent from `X-Originating-IP: [198.51.100.10]` (the office); Farid's own sent copies "
        "use `192.0.2.147`. External senders use other 192.0.2.x / 198.51.100.x addresses; Received hops in "
        "10.167.x.x and 2001:db8::/32 are shared by many messages.",
        "- Newsletters (`Logistics Weekly`) are sent once per subscriber, each with its own Message-ID; the "
        "two spam sends and the phish use one Message-ID for all their Bcc recipients.",
        "- The four shared mailboxes (`supplier.invoices@`, `customs.desk@`, `freight.claims@`, "
        "`warehouse.lyon@`) were exported without `$expand=attachments`: every message's attachments are "
        "saved apart, one layout per mailbox (see the formats table), as pages of `GET …/messages/{id}/"
        "attachments` whose `@odata.context` names the message (`messages('<id>')/attachments`). Among them: "
        "a message with 5 attachments on two pages (`@odata.nextLink`), empty pages for messages without "
        "attachments, an `itemAttachment` (an invoice forwarded as an attachment, with its own PDF), a "
        "`referenceAttachment` (a link, no bytes) and an inline image. Their mail touches nothing of the "
        "campaign.",
        "- `README.md` sits in the export root: a reader will see it as a non-mail file.",
    ]) + "\n")

    s.append("## Example files\n")
    s.append("Two single-message Graph files are meant for a first `dragnet inspect`:\n\n"
             "```sh\nswift run dragnet inspect --format tree \\\n"
             "  Fixtures/sample-tenant/henry.wu@fabrikam.example/single-message.json \\\n"
             "  Fixtures/sample-tenant/david.okafor@fabrikam.example/reported-phish-forward.json\n```\n\n"
             "- `henry.wu@fabrikam.example/single-message.json`: the phish (`$entity`), HTML body with the "
             "look-alike link, `fileAttachment` `INV-204981.html`, no headers collected.\n"
             "- `david.okafor@fabrikam.example/reported-phish-forward.json`: Bruno's forward with the phish as "
             "an `itemAttachment` (nested `item` with its own `fileAttachment`).\n\n"
             "The EML counterparts are in `bruno.keller@fabrikam.example/Inbox/` and "
             "`bruno.keller@fabrikam.example/Sent Items/` (see the table above).\n")
    text = "\n".join(s)
    write(out / "README.md", text.encode("utf-8"))
    return text


# ----------------------------------------------------------------------------------------------
# Self-check
# ----------------------------------------------------------------------------------------------

def check(out: Path, all_copies: list[Copy], phish: Msg) -> list[str]:
    errors: list[str] = []
    sha = hashlib.sha256(PHISH_ATTACHMENT).hexdigest()
    phish_mid = phish.message_id
    ordinary_ids = {x.msg.message_id for x in all_copies if not x.msg.campaign}
    campaign_ids = {x.msg.message_id for x in all_copies if x.msg.campaign}
    found_items = 0
    found_phish_att = 0

    def err(msg: str) -> None:
        errors.append(msg)

    def walk_graph(obj, where: str):
        nonlocal found_phish_att
        # returns list of message-like dicts
        if isinstance(obj, dict):
            for key, val in obj.items():
                if key.lower() == "contentbytes" and isinstance(val, str):
                    data = base64.b64decode(val, validate=True)
                    if hashlib.sha256(data).hexdigest() == sha:
                        found_phish_att += 1
                walk_graph(val, where)
        elif isinstance(obj, list):
            for x in obj:
                walk_graph(x, where)

    total_total = 0
    apart: dict[str, list[str]] = {}
    for p in sorted(out.rglob("*")):
        if p.is_dir() or p.name == "README.md":
            continue
        raw = p.read_bytes()
        rel = p.relative_to(out).as_posix()
        if p.suffix in (".json", ".jsonl"):
            text = raw.decode("utf-8-sig")
            if raw.startswith(b"\xef\xbb\xbf") != ("farid" in rel):
                err("%s: BOM expected only in Farid's files" % rel)
            docs = [json.loads(ln) for ln in text.splitlines()] if p.suffix == ".jsonl" else [json.loads(text)]
            if p.name in ("users.json", "groups.json", "mailFolders.json"):
                continue
            bodies = []
            for doc in docs:
                if isinstance(doc, dict) and "responses" in doc:
                    bodies += [r["body"] for r in doc["responses"] if 200 <= r["status"] < 300]
                else:
                    bodies.append(doc)
            for doc in bodies:
                if isinstance(doc, dict) and "/attachments" in doc.get("@odata.context", ""):
                    # An attachments page saved apart: its message is elsewhere.
                    owner = re.search(r"messages\('([^']*)'\)/attachments", doc["@odata.context"]).group(1)
                    apart.setdefault(urllib.parse.unquote(owner), []).extend(a["name"] for a in doc["value"])
                    walk_graph(doc, rel)
                    continue
                if isinstance(doc, dict) and "value" in doc:
                    msgs = doc["value"]
                elif isinstance(doc, list):
                    msgs = doc
                else:
                    msgs = [doc]
                for m in msgs:
                    found_items += 1
                    total_total += 1
                    walk_graph(m, rel)
                    mid = m.get("internetMessageId") or m.get("InternetMessageId")
                    blob = json.dumps(m, ensure_ascii=False)
                    if mid not in campaign_ids:
                        for bad in ("fabrikam-invoices", PHISH_IP):
                            if bad in blob:
                                err("%s: ordinary message %s contains %s" % (rel, mid, bad))
                    if "henry" in rel and ("internetMessageHeaders" in m):
                        err("%s: Henry's export must not have internetMessageHeaders" % rel)
        elif p.suffix in (".eml", ".txt"):
            total_total += 1
            found_items += 1
            if b"\r\n" not in raw or re.search(rb"[^\r]\n", raw):
                err("%s: not CRLF" % rel)
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            if msg.defects:
                err("%s: defects %r" % (rel, msg.defects))
            for part in msg.walk():
                if part.defects:
                    err("%s: part defects %r" % (rel, part.defects))
            subj = str(msg["subject"])
            mid = str(msg["message-id"]).strip()
            if mid == phish_mid:
                if subj != PHISH_SUBJECT:
                    err("%s: subject %r" % (rel, subj))
                if msg["from"].addresses[0].addr_spec != PHISH_FROM.address or \
                        msg["from"].addresses[0].display_name != "Accounts Payable":
                    err("%s: from %r" % (rel, str(msg["from"])))
                atts = list(msg.iter_attachments())
                if len(atts) != 1 or atts[0].get_filename() != PHISH_ATT_NAME or \
                        hashlib.sha256(atts[0].get_payload(decode=True)).hexdigest() != sha:
                    err("%s: phish attachment wrong" % rel)
                else:
                    found_phish_att += 1
                if PHISH_IP not in str(msg.get_all("received")) or "[%s]" % PHISH_IP != str(msg["x-originating-ip"]):
                    err("%s: IP missing" % rel)
            elif subj == "FW: " + PHISH_SUBJECT:
                atts = list(msg.iter_attachments())
                if len(atts) != 1 or atts[0].get_content_type() != "message/rfc822":
                    err("%s: forward should carry one message/rfc822" % rel)
                else:
                    inner = atts[0].get_content()
                    if str(inner["message-id"]).strip() != phish_mid or str(inner["subject"]) != PHISH_SUBJECT:
                        err("%s: attached message is not the phish" % rel)
                    ia = list(inner.iter_attachments())
                    if len(ia) == 1 and hashlib.sha256(ia[0].get_payload(decode=True)).hexdigest() == sha:
                        found_phish_att += 1
                    else:
                        err("%s: inner attachment wrong" % rel)
            else:
                if mid not in ordinary_ids:
                    err("%s: unknown Message-ID %s" % (rel, mid))
                low = raw.decode("ascii")
                for bad in ("fabrikam-invoices", PHISH_IP):
                    if bad in low:
                        err("%s: ordinary EML contains %s" % (rel, bad))
                for part in msg.walk():
                    if part.get_content_maintype() != "multipart" and part.get_content_type() != "message/rfc822":
                        data = part.get_payload(decode=True) or b""
                        if hashlib.sha256(data).hexdigest() == sha:
                            err("%s: ordinary EML has the phish attachment" % rel)
                        if b"fabrikam-invoices" in data or PHISH_IP.encode() in data:
                            err("%s: ordinary EML body contains an indicator" % rel)
                # decoded names and subjects must round-trip
                expected = next(x.msg for x in all_copies if x.msg.message_id == mid)
                if subj != expected.subject:
                    err("%s: subject %r != %r" % (rel, subj, expected.subject))
                names = [a.get_filename() for a in msg.iter_attachments()]
                if names != [a.name for a in expected.atts]:
                    err("%s: attachment names %r != %r" % (rel, names, [a.name for a in expected.atts]))
                fa = msg["from"].addresses[0]
                if fa.addr_spec != expected.frm.address or fa.display_name != expected.frm.name:
                    err("%s: from %r" % (rel, str(msg["from"])))
        else:
            err("%s: unexpected file" % rel)

    if found_items != len(all_copies):
        err("items on disk %d != copies %d" % (found_items, len(all_copies)))
    # Every message of the shared mailboxes has its attachments saved apart, all of them.
    for cp in all_copies:
        if U[cp.mbx].fmt in APART_FORMATS:
            expected = [a.name for a in cp.msg.atts] + ([cp.msg.attached[0].subject] if cp.msg.attached else [])
            if sorted(apart.get(cp.graph_id, ["<missing>"])) != sorted(expected):
                err("%s: attachments saved apart %r != %r" % (cp.path, apart.get(cp.graph_id), expected))
            for a in cp.msg.atts:
                if not a.reference and 660 <= len(a.data) <= 680:
                    err("%s: %s is %d bytes, inside the campaign attachment's size range" % (cp.path, a.name, len(a.data)))
    # 5 direct Graph copies... 7 direct + 2 carriers hold the attachment
    if found_phish_att != 9:
        err("phish attachment found %d times, expected 9" % found_phish_att)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    if size > 1_400_000:
        err("export too large: %d bytes" % size)
    return errors


# ----------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    args = ap.parse_args()
    out: Path = args.out
    named = build_catalogue()
    phish = named["phish"]
    all_copies: list[Copy] = []
    for m in MSGS:
        all_copies.extend(copies_of(m))
    if out.exists():
        # Only ever replace a folder this script wrote (or an empty one).
        readme = out / "README.md"
        ours = readme.is_file() and readme.read_bytes().startswith(b"# Sample tenant: Fabrikam Logistics")
        if any(out.iterdir()) and not ours:
            print("error: %s exists and was not written by this script; not touching it" % out, file=sys.stderr)
            return 2
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = write_export(out, all_copies)
    write_readme(out, all_copies, files, phish)
    errors = check(out, all_copies, phish)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    nfiles = sum(1 for p in out.rglob("*") if p.is_file())
    ordinary = sum(1 for x in all_copies if not x.msg.campaign)
    print("wrote %s: %d files, %d bytes, %d items (%d ordinary, %d campaign)" % (
        out, nfiles, size, len(all_copies), ordinary, len(all_copies) - ordinary))
    for e in errors:
        print("error: " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
