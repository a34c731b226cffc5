#!/usr/bin/env python3
"""Writes the Outlook fixtures of this folder: .msg files (OLE2 compound files of MAPI property
streams, MS-CFB + MS-OXMSG), TNEF streams (MS-OXTNEF) and the mail that carries them, and damaged
copies. Everything is built here from the specifications; nothing is copied from elsewhere.

Run from this folder: python3 make-fixtures.py (output is deterministic)."""

import base64
import struct

# ---------------------------------------------------------------- compressed RTF (MS-OXRTFCP)

PREAMBLE = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
            b"\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
            b"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")


def crc32(data):
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = 0xEDB88320 ^ (c >> 1) if c & 1 else c >> 1
        table.append(c)
    crc = 0
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc


def compress_rtf(raw):
    """LZFu with greedy longest matches in the 4096-byte dictionary (§2.1.3.1)."""
    dictionary = bytearray(4096)
    dictionary[:len(PREAMBLE)] = PREAMBLE
    write = len(PREAMBLE)
    out = bytearray()
    i = 0
    tokens = []
    while i < len(raw):
        best_len, best_off = 0, 0
        for off in range(4096):
            length = 0
            while length < 17 and i + length < len(raw):
                # Bytes written by this very match are read back as they are written.
                pos = (off + length) % 4096
                if (pos - write) % 4096 < length:
                    src = raw[i + ((pos - write) % 4096)]
                else:
                    src = dictionary[pos]
                if src != raw[i + length]:
                    break
                length += 1
            if length > best_len and off != write:
                best_len, best_off = length, off
        if best_len >= 2:
            tokens.append(("ref", best_off, best_len))
            for k in range(best_len):
                dictionary[write] = raw[i + k]
                write = (write + 1) % 4096
            i += best_len
        else:
            tokens.append(("lit", raw[i]))
            dictionary[write] = raw[i]
            write = (write + 1) % 4096
            i += 1
    tokens.append(("ref", write, 2))  # the end marker: a reference to the write position
    for start in range(0, len(tokens), 8):
        group = tokens[start:start + 8]
        control = 0
        body = bytearray()
        for bit, token in enumerate(group):
            if token[0] == "lit":
                body.append(token[1])
            else:
                control |= 1 << bit
                body += struct.pack(">H", (token[1] << 4) | (token[2] - 2))
        out.append(control)
        out += body
    header = struct.pack("<IIII", len(out) + 12, len(raw), 0x75465A4C, crc32(out))
    return header + bytes(out)


# ---------------------------------------------------------------- OLE2 compound file (MS-CFB v3)

FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


class Storage:
    def __init__(self, name, children=None):
        self.name = name
        self.children = children or []


class Stream:
    def __init__(self, name, data, declared_size=None):
        self.name = name
        self.data = data
        self.declared_size = declared_size  # a lie about the size (hostile fixtures)


def cfb_key(entry):
    return (len(entry.name), entry.name.upper())


def write_cfb(root_children):
    entries = []  # (entry, object type)

    def add(entry, kind):
        entries.append([entry, kind, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0])
        return len(entries) - 1

    def tree(children):
        """A balanced binary search tree of the children (all black); returns the root's index."""
        ordered = sorted(children, key=cfb_key)
        ids = [build(child) for child in ordered]

        def balance(lo, hi):
            if lo > hi:
                return NOSTREAM
            mid = (lo + hi) // 2
            node = ids[mid]
            entries[node][2] = balance(lo, mid - 1)
            entries[node][3] = balance(mid + 1, hi)
            return node
        return balance(0, len(ids) - 1)

    def build(entry):
        if isinstance(entry, Stream):
            return add(entry, 2)
        index = add(entry, 1)
        entries[index][4] = tree(entry.children)
        return index

    root = Storage("Root Entry", root_children)
    add(root, 5)
    entries[0][4] = tree(root_children)

    # Small streams go to the mini stream (64-byte sectors), the others to 512-byte sectors.
    mini = bytearray()
    minifat = []
    big = []
    for record in entries:
        entry, kind = record[0], record[1]
        if kind != 2:
            continue
        if len(entry.data) < 4096 and entry.declared_size is None:
            start = len(mini) // 64
            count = max(1, (len(entry.data) + 63) // 64)
            for k in range(count):
                minifat.append(start + k + 1 if k < count - 1 else END)
            mini += entry.data + bytes(count * 64 - len(entry.data))
            record[5] = start if entry.data else END
            if not entry.data:
                minifat.pop()
                mini = mini[:-64]
        else:
            big.append(record)

    sectors = []  # bytes of each sector
    fat = []

    def allocate(data):
        count = max(1, (len(data) + 511) // 512)
        start = len(sectors)
        for k in range(count):
            sectors.append(bytes(data[k * 512:(k + 1) * 512]).ljust(512, b"\0"))
            fat.append(start + k + 1 if k < count - 1 else END)
        return start

    for record in big:
        record[5] = allocate(record[0].data)
    mini_start = allocate(bytes(mini)) if mini else END
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_start = allocate(minifat_bytes.ljust(((len(minifat_bytes) + 511) // 512) * 512, b"\xff")) if minifat else END
    minifat_count = (len(minifat_bytes) + 511) // 512 if minifat else 0

    def direntry(record):
        entry, kind, left, right, child, start, _ = record
        name = entry.name.encode("utf-16-le")
        raw = bytearray(128)
        raw[0:len(name)] = name
        struct.pack_into("<H", raw, 64, len(name) + 2)
        raw[66] = kind
        raw[67] = 1  # black
        struct.pack_into("<III", raw, 68, left, right, child)
        if kind == 5:
            struct.pack_into("<I", raw, 116, mini_start)
            struct.pack_into("<I", raw, 120, len(mini))
        elif kind == 2:
            size = entry.declared_size if entry.declared_size is not None else len(entry.data)
            struct.pack_into("<I", raw, 116, start if entry.data or entry.declared_size else END)
            struct.pack_into("<I", raw, 120, size)
        return bytes(raw)

    directory = b"".join(direntry(r) for r in entries)
    directory = directory.ljust(((len(directory) + 511) // 512) * 512, b"\0")
    # Unused directory slots are empty entries with no siblings.
    directory = bytearray(directory)
    for k in range(len(entries), len(directory) // 128):
        struct.pack_into("<III", directory, k * 128 + 68, NOSTREAM, NOSTREAM, NOSTREAM)
    dir_start = allocate(bytes(directory))

    # FAT sectors: enough for every sector, themselves included.
    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * 128:
        fat_count += 1
    fat_start = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * 128 - len(fat))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    for k in range(fat_count):
        sectors.append(fat_bytes[k * 512:(k + 1) * 512])
    assert fat_count <= 109

    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, fat_count)
    struct.pack_into("<I", header, 48, dir_start)
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<III", header, 60, minifat_start, minifat_count, END)
    struct.pack_into("<I", header, 72, 0)
    for k in range(109):
        struct.pack_into("<I", header, 76 + 4 * k, fat_start + k if k < fat_count else FREE)
    return bytes(header) + b"".join(sectors)


# ---------------------------------------------------------------- MAPI properties in a .msg (MS-OXMSG)

PT_LONG, PT_BOOLEAN, PT_SYSTIME = 0x0003, 0x000B, 0x0040
PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT = 0x001E, 0x001F, 0x0102, 0x000D


def filetime(year, month, day, hour, minute, second):
    import calendar
    seconds = calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0))
    return (seconds + 11644473600) * 10_000_000


def unicode(text):
    return text.encode("utf-16-le") + b"\0\0"


def properties(props, header):
    """A storage's children: the property stream (fixed-size values inline) and one stream per
    variable-size value. `props` is a list of (id, type, value)."""
    stream = bytearray(header)
    children = []
    for pid, ptype, value in props:
        tag = (pid << 16) | ptype
        if ptype in (PT_LONG, PT_BOOLEAN):
            stream += struct.pack("<IIQ", tag, 6, value)
        elif ptype == PT_SYSTIME:
            stream += struct.pack("<IIQ", tag, 6, value)
        elif ptype == PT_OBJECT:
            stream += struct.pack("<IIII", tag, 6, 0xFFFFFFFF, 0)
            children.append(value)  # the storage itself
        else:
            data = value if isinstance(value, (bytes, bytearray)) else unicode(value)
            stream += struct.pack("<IIII", tag, 6, len(data), 0)
            children.append(Stream("__substg1.0_%08X" % tag, bytes(data)))
    return [Stream("__properties_version1.0", bytes(stream))] + children


def message_storage(props, recipients, attachments, top_level):
    if top_level:
        header = struct.pack("<QIIIIQ", 0, len(recipients), len(attachments), len(recipients), len(attachments), 0)
    else:
        header = struct.pack("<QIIII", 0, len(recipients), len(attachments), len(recipients), len(attachments))
    children = properties(props, header)
    for n, recipient in enumerate(recipients):
        children.append(Storage("__recip_version1.0_#%08X" % n, properties(recipient, bytes(8))))
    for n, attachment in enumerate(attachments):
        children.append(Storage("__attach_version1.0_#%08X" % n, properties(attachment, bytes(8))))
    if top_level:
        children.append(Storage("__nameid_version1.0", [
            Stream("__substg1.0_00020102", b""), Stream("__substg1.0_00030102", b""), Stream("__substg1.0_00040102", b"")]))
    return children


# ---------------------------------------------------------------- TNEF (MS-OXTNEF)

def tnef_attribute(level, attribute_id, data):
    return struct.pack("<BII", level, attribute_id, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def tnef_props(props):
    """A MAPI property list as TNEF encodes it (§2.1.3.4): values padded to 4 bytes."""
    out = struct.pack("<I", len(props))
    for pid, ptype, value in props:
        out += struct.pack("<HH", ptype, pid)
        if ptype in (PT_LONG, PT_BOOLEAN):
            out += struct.pack("<I", value)
        elif ptype == PT_SYSTIME:
            out += struct.pack("<Q", value)
        else:
            data = value if isinstance(value, (bytes, bytearray)) else (
                unicode(value) if ptype == PT_UNICODE else value.encode("cp1252") + b"\0")
            out += struct.pack("<II", 1, len(data)) + data + bytes((4 - len(data) % 4) % 4)
    return out


def tnef(message_class, subject, rtf_text, files):
    out = struct.pack("<IH", 0x223E9F78, 0x0101)
    out += tnef_attribute(1, 0x00089006, struct.pack("<I", 0x00010000))        # attTnefVersion
    out += tnef_attribute(1, 0x00069007, struct.pack("<II", 1252, 0))          # attOemCodepage
    out += tnef_attribute(1, 0x00078008, message_class.encode() + b"\0")       # attMessageClass
    out += tnef_attribute(1, 0x00018004, subject.encode("cp1252") + b"\0")      # attSubject
    out += tnef_attribute(1, 0x00069003, tnef_props([                          # attMAPIProps
        (0x1009, PT_BINARY, compress_rtf(rtf_text)),
        (0x0E07, PT_LONG, 1),
    ]))
    for long_name, short_name, mime, data in files:
        out += tnef_attribute(2, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))  # attAttachRendData
        out += tnef_attribute(2, 0x00018010, short_name.encode() + b"\0")                    # attAttachTitle
        out += tnef_attribute(2, 0x0006800F, data)                                           # attAttachData
        out += tnef_attribute(2, 0x00069005, tnef_props([                                    # attAttachment
            (0x3707, PT_UNICODE, long_name), (0x370E, PT_STRING8, mime), (0x3705, PT_LONG, 1)]))
    return out


# ---------------------------------------------------------------- the fixtures

JPEG = bytes.fromhex("FFD8FFE000104A46494600010100000100010000FFDB004300") + bytes(range(64)) + bytes.fromhex("FFD9")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NOTES = "Wire the payment to IBAN DE00 1234 5678 9012 before Friday.\r\n".encode()

TNEF_FILES = [
    ("kitten photo.jpg", "KITTEN~1.JPG", "image/jpeg", JPEG),
    ("Statement November.pdf", "STATEM~1.PDF", "application/pdf", PDF),
    ("notes.txt", "NOTES.TXT", "text/plain", NOTES),
]
TNEF_RTF = (b"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\\pard\\f0 Please find the statements attached. "
            b"Confirm at https://statements.fabrikam-billing.example/confirm\\par}")

HTML_RTF = (b"{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
            b"{\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}\\htmlrtf {\\htmlrtf0 "
            b"{\\*\\htmltag84 <p>}\\htmlrtf {\\htmlrtf0 Your mailbox is full. Release your messages at "
            b"{\\*\\htmltag84 <a href=\"https://mail-release.fabrikam-secure.example/login\">}\\htmlrtf {\\htmlrtf0 the quarantine portal"
            b"{\\*\\htmltag92 </a>}\\htmlrtf }\\htmlrtf0 .{\\*\\htmltag92 </p>}\\htmlrtf }\\htmlrtf0 }"
            b"{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}")

HEADERS = ("Received: from mail.fabrikam-secure.example (mail.fabrikam-secure.example [203.0.113.77])\r\n"
           " by mx.fabrikam.example with ESMTPS id 4QmZ; Tue, 24 Nov 2026 08:14:02 +0000\r\n"
           "X-Originating-IP: [198.51.100.23]\r\n"
           "From: IT Service Desk <it-support@fabrikam-secure.example>\r\n"
           "To: Alice Martin <alice.martin@fabrikam.example>\r\n"
           "Subject: Mailbox quota exceeded\r\n"
           "Date: Tue, 24 Nov 2026 08:13:58 +0000\r\n"
           "Message-ID: <quota-7731@fabrikam-secure.example>\r\n"
           "X-Mailer: Dragnet fixture\r\n")


def phish_msg(absurd_attachment=False):
    inner = message_storage([
        (0x001A, PT_UNICODE, "IPM.Note"),
        (0x0037, PT_UNICODE, "Account verification required"),
        (0x0042, PT_UNICODE, "Payroll Team"),
        (0x0064, PT_UNICODE, "SMTP"),
        (0x0065, PT_UNICODE, "payroll@fabrikam-hr.example"),
        (0x0039, PT_SYSTIME, filetime(2026, 11, 23, 17, 2, 0)),
        (0x1000, PT_UNICODE, "Verify your salary account at https://payroll.fabrikam-hr.example/verify today.\r\n"),
    ], [
        [(0x0C15, PT_LONG, 1), (0x3001, PT_UNICODE, "IT Service Desk"), (0x3002, PT_UNICODE, "SMTP"),
         (0x3003, PT_UNICODE, "it-support@fabrikam-secure.example")],
    ], [
        [(0x3705, PT_LONG, 1), (0x3707, PT_UNICODE, "payroll-form.html"), (0x370E, PT_UNICODE, "text/html"),
         (0x3701, PT_BINARY, b"<html><body><form action='https://payroll.fabrikam-hr.example/collect'></form></body></html>")],
    ], top_level=False)
    attachments = [
        [(0x3705, PT_LONG, 1), (0x3707, PT_UNICODE, "Quota-Release-Form.pdf"), (0x3704, PT_UNICODE, "QUOTA-~1.PDF"),
         (0x370E, PT_UNICODE, "application/pdf"), (0x3701, PT_BINARY, PDF)],
        [(0x3705, PT_LONG, 1), (0x3707, PT_UNICODE, "winmail.dat"), (0x370E, PT_UNICODE, "application/ms-tnef"),
         (0x3701, PT_BINARY, tnef("IPM.Microsoft Mail.Note", "Statements", TNEF_RTF, TNEF_FILES[:2]))],
        [(0x3705, PT_LONG, 5), (0x3001, PT_UNICODE, "Account verification required"),
         (0x3701, PT_OBJECT, Storage("__substg1.0_3701000D", inner))],
    ]
    if absurd_attachment:
        # A stream that claims 300 MB (its sectors hold 600 bytes): a hostile size, never read.
        attachments.append([(0x3705, PT_LONG, 1), (0x3707, PT_UNICODE, "huge.bin")])
    children = message_storage([
        (0x001A, PT_UNICODE, "IPM.Note"),
        (0x0037, PT_UNICODE, "Mailbox quota exceeded"),
        (0x1035, PT_UNICODE, "<quota-7731@fabrikam-secure.example>"),
        (0x0042, PT_UNICODE, "IT Service Desk"),
        (0x0064, PT_UNICODE, "SMTP"),
        (0x0065, PT_UNICODE, "it-support@fabrikam-secure.example"),
        (0x0C1A, PT_UNICODE, "IT Service Desk"),
        (0x0C1E, PT_UNICODE, "SMTP"),
        (0x0C1F, PT_UNICODE, "it-support@fabrikam-secure.example"),
        (0x5D01, PT_UNICODE, "it-support@fabrikam-secure.example"),
        (0x0E04, PT_UNICODE, "Alice Martin"),
        (0x0E03, PT_UNICODE, "Bruno Keller"),
        (0x0039, PT_SYSTIME, filetime(2026, 11, 24, 8, 13, 58)),
        (0x0E06, PT_SYSTIME, filetime(2026, 11, 24, 8, 14, 2)),
        (0x0E07, PT_LONG, 0),
        (0x007D, PT_UNICODE, HEADERS),
        (0x1000, PT_UNICODE, "Your mailbox is full. Release your messages at the quarantine portal.\r\n"),
        (0x1009, PT_BINARY, compress_rtf(HTML_RTF)),
    ], [
        [(0x0C15, PT_LONG, 1), (0x3001, PT_UNICODE, "Alice Martin"), (0x3002, PT_UNICODE, "SMTP"),
         (0x3003, PT_UNICODE, "alice.martin@fabrikam.example"), (0x39FE, PT_UNICODE, "alice.martin@fabrikam.example")],
        [(0x0C15, PT_LONG, 2), (0x3001, PT_UNICODE, "Bruno Keller"), (0x3002, PT_UNICODE, "EX"),
         (0x3003, PT_UNICODE, "/o=Fabrikam/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bkeller")],
    ], attachments, top_level=True)
    if absurd_attachment:
        storage = children[-2] if children[-1].name.startswith("__nameid") else children[-1]
        storage.children.append(Stream("__substg1.0_37010102", bytes(600), declared_size=300_000_000))
    return write_cfb(children)


def mime_with_tnef(tnef_bytes, subject):
    encoded = base64.encodebytes(tnef_bytes).decode().replace("\n", "\r\n")
    return ("From: Billing <billing@fabrikam-billing.example>\r\n"
            "To: Alice Martin <alice.martin@fabrikam.example>\r\n"
            f"Subject: {subject}\r\n"
            "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
            "Message-ID: <statements-2211@fabrikam-billing.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            "\r\n"
            "--b1\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n"
            "\r\n"
            "Please see the attached statements.\r\n"
            "--b1\r\n"
            "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n"
            "\r\n"
            f"{encoded}"
            "--b1--\r\n").encode()


def main():
    phish = phish_msg()
    open("phish.msg", "wb").write(phish)
    open("absurd-attachment.msg", "wb").write(phish_msg(absurd_attachment=True))
    open("truncated.msg", "wb").write(phish[:1536])
    open("word-document.doc", "wb").write(write_cfb([Stream("WordDocument", b"\xec\xa5" + bytes(600)), Stream("\x05SummaryInformation", bytes(200))]))
    winmail = tnef("IPM.Microsoft Mail.Note", "Statements", TNEF_RTF, TNEF_FILES)
    open("winmail.dat", "wb").write(winmail)
    open("tnef-mail.eml", "wb").write(mime_with_tnef(winmail, "Your statements"))
    # Cut inside the second file's data: the first file and the body survive.
    cut = winmail.index(PDF) + 20
    open("tnef-truncated.eml", "wb").write(mime_with_tnef(winmail[:cut], "Your statements (cut)"))


if __name__ == "__main__":
    main()
