#!/usr/bin/env python3
"""Writes the export-layout fixtures in this folder (synthetic messages; see README.md).

Run from anywhere: `python3 Fixtures/layouts/generate.py`. The output is deterministic: archive
timestamps, owners and the bytes an encrypted zip would draw at random are fixed. Every message is
written here; nothing comes from any other corpus.

Layouts (rebuilt from their exporters' documentation):
  apple-mail/       Apple Mail V10 library (.emlx, .partial.emlx + Attachments/, Info.plist), a V2
                    account folder, and an exported `Inbox.mbox/mbox`
  takeout/          Google Takeout: one mbox with X-Gmail-Labels, archive_browser.html, settings
  vault/            Google Vault: export-1.zip (one mbox per account) beside its CSV reports and XML
  thunderbird/      a Thunderbird profile: prefs.js, ImapMail/<host>/INBOX (+ .msf), INBOX.sbd/Projects,
                    Junk, Trash, Local Folders
  purview/          a Purview eDiscovery export of individual messages, zipped: custodian folders
                    `alice@corp.example (Primary)` / `(Archive)`, Results.csv, trace.log, Manifest.xml
  extractor-suite/  Microsoft-Extractor-Suite output: EML files beside CSV and JSON logs
  mh/               MH: numbered files, ,N removed messages, .mh_sequences, .mh_profile, context
  exchange-tree/    an Exchange compliance tree on disk (Top of Information Store/Inbox/Vendors/Sub)
  handoff/          zipped and gzipped hand-offs: zip, .eml.gz, .mbox.gz, tar, tar.gz/.bz2/.xz,
                    an archive in an archive
  hostile/          a zip bomb, an encrypted zip, a tar with path-traversal names, a gzip cut short,
                    a corrupt zip, archives nested past the depth limit, an Office document
"""
import bz2
import gzip
import io
import lzma
import os
import shutil
import struct
import tarfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP_TIME = (2026, 11, 20, 9, 30, 0)


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write(rel, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path(*rel.split("/")), "wb") as f:
        f.write(data)


def message(n, sender, to, subject, body="Hello,\n\nplease see below.\n", headers=(), date=None, parts=None):
    """An RFC 5322 message (LF line ends); `parts` makes it multipart/mixed with attachments."""
    lines = [
        "From: %s" % sender,
        "To: %s" % to,
        "Subject: %s" % subject,
        "Date: %s" % (date or "Fri, 20 Nov 2026 09:%02d:00 +0000" % (n % 60)),
        "Message-ID: <layout-%d@fixtures.example>" % n,
    ]
    lines += list(headers)
    lines.append("MIME-Version: 1.0")
    if not parts:
        lines.append("Content-Type: text/plain; charset=utf-8")
        return "\n".join(lines) + "\n\n" + body
    lines.append('Content-Type: multipart/mixed; boundary="b%d"' % n)
    out = "\n".join(lines) + "\n\n"
    out += "--b%d\nContent-Type: text/plain; charset=utf-8\n\n%s\n" % (n, body)
    for part in parts:
        out += "--b%d\n%s\n" % (n, part)
    return out + "--b%d--\n" % n


def mbox(messages):
    out = ""
    for i, m in enumerate(messages):
        out += "From MAILER-DAEMON Fri Nov 20 09:%02d:00 2026\n" % i
        out += m.replace("\nFrom ", "\n>From ")
        if not out.endswith("\n"):
            out += "\n"
        out += "\n"
    return out


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode() if isinstance(data, str) else data)
    return buf.getvalue()


def tar_bytes(members, mode="w"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.USTAR_FORMAT) as t:
        for name, data in members:
            data = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1795000000
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def gz(data):
    data = data.encode() if isinstance(data, str) else data
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


# ---------------------------------------------------------------- Apple Mail

def apple_mail():
    pdf = b"%PDF-1.4\n% stored invoice\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"
    base = "apple-mail/Library/Mail/V10/0D3B7A52-4C1E-4F8A-9D1B-2A6C9E8F1B01"
    inbox = base + "/INBOX.mbox/6C1F2E3D-8A9B-4C5D-9E0F-1A2B3C4D5E6F/Data"

    def emlx(msg, flags, partial=False):
        data = msg.encode()
        plist = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
            '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n'
            "\t<key>date-received</key>\n\t<integer>1795000000</integer>\n"
            "\t<key>flags</key>\n\t<integer>%d</integer>\n"
            "\t<key>subject</key>\n\t<string>PLIST-TRAILER-TEXT</string>\n</dict>\n</plist>\n" % flags
        )
        return ("%d\n" % len(data)).encode() + data + plist.encode()

    write(inbox + "/Messages/101.emlx", emlx(message(101, "Vendor <billing@vendor.example>", "alice@corp.example",
                                                     "Apple read message"), flags=0x10001))
    write(inbox + "/Messages/102.emlx", emlx(message(102, "Vendor <billing@vendor.example>", "alice@corp.example",
                                                     "Apple unread message"), flags=0x0))
    # A partial message: the attachment's body is left out; Mail stored it under Attachments/103/2/.
    stripped = ('Content-Type: application/pdf; name="invoice-103.pdf"\nContent-Disposition: attachment; '
                'filename="invoice-103.pdf"\nContent-Transfer-Encoding: base64\nX-Apple-Content-Length: %d\n' % len(pdf))
    write(inbox + "/Messages/103.partial.emlx", emlx(message(103, "Vendor <billing@vendor.example>", "alice@corp.example",
                                                             "Apple partial with stored attachment", parts=[stripped]), flags=1))
    write(inbox + "/Attachments/103/2/invoice-103.pdf", pdf)
    # A partial message whose stored attachment was not collected.
    write(inbox + "/Messages/104.partial.emlx", emlx(message(104, "Vendor <billing@vendor.example>", "alice@corp.example",
                                                             "Apple partial without stored attachment",
                                                             parts=[stripped.replace("103", "104")]), flags=1))
    write(base + "/INBOX.mbox/Info.plist", '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict/></plist>\n')
    projects = base + "/Work.mbox/Projects.mbox/9A8B7C6D-5E4F-4321-8765-0FEDCBA98765/Data/2/Messages"
    write(projects + "/2201.emlx", emlx(message(2201, "pm@corp.example", "alice@corp.example", "Apple nested folder"), flags=1))
    write(base + "/Work.mbox/.mboxCache.plist", '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict/></plist>\n')
    write("apple-mail/Library/Mail/V10/MailData/Envelope Index", b"SQLite format 3\x00" + b"\x00" * 84)
    # A V2 account folder names its mailbox.
    write("apple-mail/Library/Mail/V2/IMAP-dave@corp.example@imap.corp.example/INBOX.mbox/Messages/301.emlx",
          emlx(message(301, "it@corp.example", "dave@corp.example", "Apple account folder"), flags=0))
    # Mail's "Export Mailbox": a folder Inbox.mbox with the mbox file `mbox`.
    write("apple-mail/Exported/Inbox.mbox/mbox", mbox([
        message(401, "a@vendor.example", "alice@corp.example", "Apple export one"),
        message(402, "b@vendor.example", "alice@corp.example", "Apple export two")]))
    write("apple-mail/Exported/Inbox.mbox/table_of_contents", b"\x00\x00\x00\x01toc")
    write("apple-mail/Exported/Inbox.mbox/Info.plist", '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict/></plist>\n')


# ---------------------------------------------------------------- Google Takeout

def takeout():
    owner = "carol@personal.example"
    msgs = [
        message(501, "news@vendor.example", owner, "Takeout inbox", headers=["X-GM-THRID: 1801", "X-Gmail-Labels: Inbox,Important,Opened"]),
        message(502, "spam@bad.example", owner, "Takeout spam", headers=["X-GM-THRID: 1802", "X-Gmail-Labels: Spam,Unread"]),
        message(503, "old@vendor.example", owner, "Takeout trash", headers=["X-GM-THRID: 1803", "X-Gmail-Labels: Trash,Inbox,Opened"]),
        message(504, owner, "friend@vendor.example", "Takeout sent", headers=["X-GM-THRID: 1804", "X-Gmail-Labels: Sent,Opened"]),
        message(505, "pm@vendor.example", owner, "Takeout user label",
                headers=["X-GM-THRID: 1805", 'X-Gmail-Labels: Archived,"Projects/Q4, budget",Category Updates,Opened']),
    ]
    write("takeout/Takeout/Mail/All mail Including Spam and Trash.mbox", mbox(msgs))
    write("takeout/Takeout/archive_browser.html",
          "<!DOCTYPE html><html><head><title>Google Takeout</title></head><body>"
          "<h1>Your account, %s</h1><p>Archive created for %s. Mail: MBOX format.</p>"
          '<a href="https://support.google.com/accounts">Help</a></body></html>\n' % (owner, owner))
    write("takeout/Takeout/Mail/User Settings/Labels.json", '{"labels": [{"name": "Projects/Q4, budget"}]}\n')
    write("takeout/Takeout/Mail/User Settings/Filters.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>\n')


# ---------------------------------------------------------------- Google Vault

def vault():
    alice = [message(601, "billing@vendor.example", "alice@corp.example", "Vault alice one"),
             message(602, "billing@vendor.example", "alice@corp.example", "Vault alice two")]
    bob = [message(603, "billing@vendor.example", "bob@corp.example", "Vault bob one")]
    write("vault/export-1.zip", zip_bytes([("alice@corp.example-0001.mbox", mbox(alice)),
                                           ("bob@corp.example-0001.mbox", mbox(bob))]))
    write("vault/export-results-count.csv", "Account,Count\nalice@corp.example,2\nbob@corp.example,1\n")
    write("vault/export-metadata.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<Root><Batch name="export"><Documents/></Batch></Root>\n')
    write("vault/export-1.zip.md5", "0123456789abcdef0123456789abcdef  export-1.zip\n")


# ---------------------------------------------------------------- Thunderbird

def thunderbird():
    profile = "thunderbird/Profiles/k3x9q2ab.default-release"
    write(profile + "/prefs.js", "\n".join([
        "// Mozilla User Preferences",
        "",
        'user_pref("mail.account.account1.identities", "id1");',
        'user_pref("mail.account.account1.server", "server1");',
        'user_pref("mail.account.account2.server", "server2");',
        'user_pref("mail.accountmanager.accounts", "account1,account2");',
        'user_pref("mail.identity.id1.fullName", "Erin Example");',
        'user_pref("mail.identity.id1.useremail", "erin@corp.example");',
        'user_pref("mail.server.server1.directory-rel", "[ProfD]ImapMail/imap.corp.example");',
        'user_pref("mail.server.server1.hostname", "imap.corp.example");',
        'user_pref("mail.server.server1.type", "imap");',
        'user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/Local Folders");',
        'user_pref("mail.server.server2.hostname", "Local Folders");',
        'user_pref("mail.server.server2.type", "none");',
        "",
    ]))
    mork = "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)\n  (B8=Subject)(B9=From)>\n"
    imap = profile + "/ImapMail/imap.corp.example"
    write(imap + "/INBOX", mbox([message(701, "billing@vendor.example", "erin@corp.example", "Thunderbird inbox one"),
                                 message(702, "billing@vendor.example", "erin@corp.example", "Thunderbird inbox two")]))
    write(imap + "/INBOX.msf", mork)
    write(imap + "/INBOX.sbd/Projects", mbox([message(703, "pm@corp.example", "erin@corp.example", "Thunderbird subfolder")]))
    write(imap + "/INBOX.sbd/Projects.msf", mork)
    write(imap + "/Junk", mbox([message(704, "spam@bad.example", "erin@corp.example", "Thunderbird junk")]))
    write(imap + "/Junk.msf", mork)
    write(imap + "/Trash", mbox([message(705, "old@vendor.example", "erin@corp.example", "Thunderbird trash")]))
    write(imap + "/Trash.msf", mork)
    write(imap + "/msgFilterRules.dat", 'version="9"\nlogging="no"\n')
    local = profile + "/Mail/Local Folders"
    write(local + "/Unsent Messages", b"")
    write(local + "/Unsent Messages.msf", mork)
    write(local + "/popstate.dat", "# POP3 State File\n")


# ---------------------------------------------------------------- Purview

def purview():
    primary = "Exchange/alice@corp.example (Primary)/Top of Information Store"
    archive = "Exchange/alice@corp.example (Archive)/Top of Information Store"
    members = [
        (primary + "/Inbox/Vendors/Sub/Invoice overdue.eml",
         message(801, "billing@vendor.example", "alice@corp.example", "Purview inbox subfolder")),
        (primary + "/Inbox/Invoice reminder.eml", message(802, "billing@vendor.example", "alice@corp.example", "Purview inbox")),
        (primary + "/Deleted Items/Old invoice.eml", message(803, "billing@vendor.example", "alice@corp.example", "Purview deleted")),
        (primary + "/Sent Items/Re Invoice.eml", message(804, "alice@corp.example", "billing@vendor.example", "Purview sent")),
        (archive + "/Inbox/2019 invoice.eml", message(805, "billing@vendor.example", "alice@corp.example", "Purview archive inbox")),
        ("Results.csv", "Location,Subject,Original Path,Item class\n"
                        "alice@corp.example,Purview inbox,/Top of Information Store/Inbox,IPM.Note\n"),
        ("trace.log", "2026-11-21 10:00:00.000 Export started\nInfo: exporting 5 items\nFrom: the export service\n"),
        ("Manifest.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<Root DataMigrationTool="false"><Batch/></Root>\n'),
    ]
    write("purview/Alice-phish-export.zip", zip_bytes(members))


# ---------------------------------------------------------------- Microsoft-Extractor-Suite

def extractor_suite():
    out = "extractor-suite/Output"
    write(out + "/EmailExport/20261120-Invoice_overdue.eml",
          message(901, "billing@vendor.example", "frank@corp.example", "Extractor suite message"))
    write(out + "/MessageTrace/MessageTrace-frank@corp.example.csv",
          '"Received","SenderAddress","RecipientAddress","Subject","Status"\n'
          '"11/20/2026 9:01:00 AM","billing@vendor.example","frank@corp.example","Invoice overdue","Delivered"\n')
    write(out + "/MailItemsAccessed/MailItemsAccessed.json", '[{"CreationTime": "2026-11-20T09:05:00", "Operation": "MailItemsAccessed"}]\n')
    write(out + "/Logs/Output.log", "Date: 2026-11-20 09:00:00\nInfo: Get-Email started\nMessage: 1 email exported\n")


# ---------------------------------------------------------------- MH

def mh():
    inbox = "mh/Mail/inbox"
    write(inbox + "/1", message(1001, "billing@vendor.example", "gina@corp.example", "MH read"))
    write(inbox + "/2", message(1002, "billing@vendor.example", "gina@corp.example", "MH unseen"))
    write(inbox + "/,3", message(1003, "billing@vendor.example", "gina@corp.example", "MH removed"))
    write(inbox + "/.mh_sequences", "cur: 2\nunseen: 2 4-5\n")
    write(inbox + "/vendors/1", message(1004, "billing@vendor.example", "gina@corp.example", "MH subfolder"))
    write("mh/Mail/context", "Current-Folder: inbox\n")
    write("mh/.mh_profile", "Path: Mail\nUnseen-Sequence: unseen\n")


# ---------------------------------------------------------------- Exchange compliance tree on disk

def exchange_tree():
    top = "exchange-tree/henry@corp.example/Top of Information Store"
    write(top + "/Inbox/Vendors/Sub/1.eml", message(1101, "billing@vendor.example", "henry@corp.example", "Exchange tree sub"))
    write(top + "/Inbox/1.eml", message(1102, "billing@vendor.example", "henry@corp.example", "Exchange tree inbox"))
    write(top + "/Deleted Items/Old/1.eml", message(1103, "billing@vendor.example", "henry@corp.example", "Exchange tree deleted"))
    write(top + "/Junk E-Mail/1.eml", message(1104, "spam@bad.example", "henry@corp.example", "Exchange tree junk"))


# ---------------------------------------------------------------- hand-offs

def handoff():
    eml = lambda n, s: message(n, "billing@vendor.example", "ivan@corp.example", s)
    write("handoff/evidence.zip", zip_bytes([
        ("ivan@corp.example/Inbox/lure.eml", eml(1201, "Handoff zip inbox")),
        ("ivan@corp.example/Inbox/Vendors/lure2.eml", eml(1202, "Handoff zip subfolder")),
        ("ivan@corp.example/", ""),
        ("notes.txt", "Collected by the SOC on 2026-11-21.\n"),
    ]))
    write("handoff/reported.eml.gz", gz(eml(1203, "Handoff eml gz")))
    write("handoff/Inbox.mbox.gz", gz(mbox([eml(1204, "Handoff mbox gz one"), eml(1205, "Handoff mbox gz two")])))
    members = [("Inbox/a.eml", eml(1206, "Handoff tar")), ("Junk/b.eml", eml(1207, "Handoff tar junk"))]
    write("handoff/bundle.tar", tar_bytes(members))
    write("handoff/bundle.tar.gz", gz(tar_bytes([("Inbox/a.eml", eml(1208, "Handoff tar gz"))])))
    write("handoff/bundle.tar.bz2", bz2.compress(tar_bytes([("Inbox/a.eml", eml(1209, "Handoff tar bz2"))]), 9))
    write("handoff/bundle.tar.xz", lzma.compress(tar_bytes([("Inbox/a.eml", eml(1210, "Handoff tar xz"))])))
    # The Apple Mail library above, zipped: stored attachments are members too.
    library = []
    top = os.path.join(HERE, "apple-mail", "Library")
    for folder, dirs, files in sorted(os.walk(top)):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(folder, name)
            with open(full, "rb") as f:
                library.append((os.path.relpath(full, os.path.join(HERE, "apple-mail")), f.read()))
    # Stored attachments first and messages last would be easy; real zips list them in any order.
    write("handoff/apple-library.zip", zip_bytes(sorted(library, key=lambda m: ("Attachments" in m[0], m[0]))))
    inner = gz(tar_bytes([("Inbox/deep.eml", eml(1211, "Handoff nested"))]))
    write("handoff/nested.zip", zip_bytes([("batch-2/inner.tar.gz", inner), ("top.eml", eml(1212, "Handoff nested top"))]))


# ---------------------------------------------------------------- hostile archives

CRC_TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    CRC_TABLE.append(c)


def zipcrypto(data, password, crc):
    """PKWARE traditional encryption with a fixed (not random) 12-byte header, for determinism."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(c):
        keys[0] = CRC_TABLE[(keys[0] ^ c) & 0xFF] ^ (keys[0] >> 8)
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = CRC_TABLE[(keys[2] ^ (keys[1] >> 24)) & 0xFF] ^ (keys[2] >> 8)

    for c in password:
        update(c)
    out = bytearray()
    for p in bytes(range(11)) + bytes([crc >> 24]) + data:
        t = (keys[2] | 2) & 0xFFFF
        out.append(p ^ (((t * (t ^ 1)) >> 8) & 0xFF))
        update(p)
    return bytes(out)


def encrypted_zip(name, data, password=b"infected"):
    crc = zlib.crc32(data) & 0xFFFFFFFF
    body = zipcrypto(data, password, crc)
    fname = name.encode()
    dos_time, dos_date = (9 << 11) | (30 << 5), ((2026 - 1980) << 9) | (11 << 5) | 20
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 1, 0, dos_time, dos_date, crc, len(body), len(data), len(fname), 0) + fname
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 1, 0, dos_time, dos_date, crc, len(body), len(data),
                          len(fname), 0, 0, 0, 0, 0o644 << 16, 0) + fname
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(body), 0)
    return local + body + central + end


def hostile():
    eml = lambda n, s: message(n, "attacker@bad.example", "judy@corp.example", s)
    # 32 MiB of zeros compress about a thousand times: past the default ratio limit.
    write("hostile/bomb.zip", zip_bytes([("readme.eml", eml(1301, "Hostile before bomb")), ("bomb.eml", b"\x00" * (32 << 20))]))
    write("hostile/encrypted.zip", encrypted_zip("secret.eml", eml(1302, "Hostile encrypted").encode()))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, n in [("../../etc/evil.eml", 1303), ("/abs/evil.eml", 1304)]:
            data = eml(n, "Hostile traversal %d" % n).encode()
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1795000000, 0o644
            t.addfile(info, io.BytesIO(data))
    write("hostile/traversal.tar", buf.getvalue())
    # A gzip cut short: the second message (made of varied text) ends in the middle.
    filler = "".join("line %d of a long message body, checksum %08x\n" % (i, zlib.crc32(b"%d" % i)) for i in range(4000))
    full = gz(mbox([eml(1305, "Hostile cut one"), eml(1306, "Hostile cut two") + filler]))
    write("hostile/cut.mbox.gz", full[: len(full) * 3 // 5])
    write("hostile/corrupt.zip", b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + b"\xde\xad\xbe\xef" * 30)
    deep = eml(1307, "Hostile too deep")
    data = deep.encode()
    for level in range(5):
        data = zip_bytes([("level%d.%s" % (level, "eml" if level == 0 else "zip"), data)])
    write("hostile/deep.zip", data)
    write("hostile/report.docx", zip_bytes([("[Content_Types].xml", '<?xml version="1.0"?><Types/>'),
                                            ("word/document.xml", "<w:document/>")]))


def main():
    for name in os.listdir(HERE):
        full = os.path.join(HERE, name)
        if os.path.isdir(full):
            shutil.rmtree(full)
    apple_mail()
    takeout()
    vault()
    thunderbird()
    purview()
    extractor_suite()
    mh()
    exchange_tree()
    handoff()
    hostile()


if __name__ == "__main__":
    main()
