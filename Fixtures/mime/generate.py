#!/usr/bin/env python3
"""Writes the hand-made MIME fixtures of this folder (see README.md for what each one tests).

Usage:  python3 generate.py            # (re)writes every NN-*.eml next to this script
        python3 generate.py --check    # fails if a file on disk differs from what would be written

Every fixture is defined below as literal text or literal bytes. Python is only used where the
bytes must be exact and cannot be typed by hand: 8-bit / legacy-charset bytes, base64, quoted-
printable and uuencode payloads (real encodings of the literal content next to them, except
where a fixture breaks them on purpose), the 3000-byte line and the 80-level nesting.

The output is deterministic: no clock, no randomness, no environment. Fixtures are written with
LF line endings (the tests derive the CRLF form), except 41-mixed-line-endings.eml, which keeps
its deliberate mix of CRLF and LF. Nothing outside this folder is read or written.
"""

import base64
import binascii
import io
import os
import quopri
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------- helpers

def t(s: str) -> bytes:
    """Literal text (ASCII or UTF-8) as bytes."""
    return s.encode("utf-8")


def b64(data: bytes, width: int = 76) -> str:
    """Base64 body, `width` characters a line, with a final line break."""
    s = base64.b64encode(data).decode("ascii")
    return "".join(s[i:i + width] + "\n" for i in range(0, len(s), width))


def qp(data: bytes) -> str:
    """Quoted-printable body (RFC 2045 sec. 6.7, soft breaks at 76 columns)."""
    return quopri.encodestring(data).decode("ascii")


def uu(data: bytes, name: str, mode: str = "644") -> str:
    """A uuencoded block, `begin` ... `end`, with backticks for zero."""
    out = [f"begin {mode} {name}\n"]
    for i in range(0, len(data), 45):
        out.append(binascii.b2a_uu(data[i:i + 45], backtick=True).decode("ascii"))
    out.append("`\nend\n")
    return "".join(out)


def png_1x1() -> bytes:
    """A valid 1x1 RGBA PNG (stored deflate, so the bytes do not depend on the zlib build)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
    ihdr = (1).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes([8, 6, 0, 0, 0])
    raw = b"\x00" + bytes([0x1F, 0x6F, 0xB4, 0xFF])  # filter 0, one pixel
    stored = b"\x78\x01" + b"\x01" + len(raw).to_bytes(2, "little") + (len(raw) ^ 0xFFFF).to_bytes(2, "little") \
        + raw + zlib.adler32(raw).to_bytes(4, "big")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", stored) + chunk(b"IEND", b"")


def small_zip(name: str, content: bytes) -> bytes:
    """A one-member ZIP, stored (no compression), fixed timestamp and attributes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        info = zipfile.ZipInfo(name, date_time=(2026, 3, 11, 9, 0, 0))
        info.create_system = 0
        info.external_attr = 0x20  # archive bit
        z.writestr(info, content)
    return buf.getvalue()


PDF_LIKE = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"3 0 obj\n<< /Length 16 >>\nstream\n" + bytes(range(0xF0, 0x100)) + b"\nendstream\nendobj\n"
    b"trailer\n<< /Size 4 /Root 1 0 R >>\n%%EOF\n"
)


# ----------------------------------------------------------------------------- fixtures

F = {}


F["01-simple-plain.eml"] = t("""\
X-Fixture: simple single-part text/plain us-ascii message (RFC 5322 sec. 3.6, RFC 2045 sec. 5.2)
Return-Path: <alice@example.com>
Message-ID: <20260302083000.1234@mail.example.com>
Date: Mon, 2 Mar 2026 08:30:00 -0800 (PST)
From: Alice Example <alice@example.com>
To: Bob Example <bob@example.org>
Subject: Lunch on Thursday?
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Hi Bob,

Are you free for lunch on Thursday at 12:30? The usual place.
The menu is at https://www.example.com/menu?day=thu

Alice
""")


_ALT_PLAIN = t("""\
Hello team,

the quarterly review meeting has moved to the main conference room on the second floor.
Please confirm on the RSVP page: https://intranet.example.com/rsvp?event=q1-review&user=bob
Coffee & croissants at the café from 8:45.
""")
_ALT_HTML = t("""\
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><p style="font-family: Arial, sans-serif; font-size: 11pt; color: #1f1f1f;">Hello team, the quarterly review meeting has moved to the main conference room on the second floor.</p>
<p>Please confirm on <a href="https://intranet.example.com/rsvp?event=q1-review&amp;user=bob">the RSVP page</a>. Coffee &amp; croissants at the café from 8:45.</p>
</body></html>
""")
F["02-alternative-qp-html.eml"] = t(f"""\
X-Fixture: multipart/alternative, plain + quoted-printable HTML with soft breaks and =3D (RFC 2046 sec. 5.1.4, RFC 2045 sec. 6.7)
Message-ID: <alt.20260303.5678@mail.example.com>
Date: Tue, 3 Mar 2026 10:05:00 +0100
From: Office Manager <office@example.com>
To: team@example.com
Subject: Room change for the quarterly review
MIME-Version: 1.0
Content-Type: multipart/alternative;
 boundary="----=_Part_1234_5678.1772528700000"

------=_Part_1234_5678.1772528700000
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(_ALT_PLAIN)}
------=_Part_1234_5678.1772528700000
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(_ALT_HTML)}
------=_Part_1234_5678.1772528700000--
""")


F["03-mixed-rfc2231-filename.eml"] = t(f"""\
X-Fixture: multipart/mixed, base64 attachment named by RFC 2231 continuations with charset, and one named only by Content-Type name= (RFC 2231 sec. 3-4, RFC 2183 sec. 2.3)
Message-ID: <inv.20260304.0042@billing.example.com>
Date: Wed, 4 Mar 2026 09:12:45 +0100
From: Billing <billing@example.com>
To: Kunde <kunde@example.org>
Subject: Ihre Rechnung
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1_7f3c2a9e41d05b68"

--b1_7f3c2a9e41d05b68
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Please find the invoice attached.
--b1_7f3c2a9e41d05b68
Content-Type: application/pdf; name="Rechnung.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
 filename*0*=utf-8''Rechnung%20M%C3%A4rz%20;
 filename*1*=2026%20%E2%80%93%20Kopie;
 filename*2=".pdf"

{b64(PDF_LIKE)}
--b1_7f3c2a9e41d05b68
Content-Type: image/png; name="logo.png"
Content-Transfer-Encoding: base64

{b64(png_1x1())}
--b1_7f3c2a9e41d05b68--
""")


F["04-encoded-words-subject.eml"] = t(f"""\
X-Fixture: RFC 2047 B and Q words, utf-8 and iso-8859-1, adjacent words, a character split over two words, RFC 2231 language (RFC 2047 sec. 4, sec. 6.2; RFC 2231 sec. 5)
Message-ID: <ew.20260305.0001@example.com>
Date: Thu, 5 Mar 2026 11:00:00 +0100
From: =?ISO-8859-1*de?Q?J=FCrgen_M=FCller?= <juergen.mueller@example.com>
To: =?utf-8?b?{base64.b64encode(t("Štěpán Novák")).decode()}?= <stepan@example.org>
Subject: =?UTF-8?B?{base64.b64encode(t("Überweisung ")).decode()}?= =?iso-8859-1?q?f=FCr_M=E4rz?= - Rechnung
 =?utf-8?Q?Nr=2E_42_=E2=82?=
	=?utf-8?Q?=AC_offen?=
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The subject decodes to a single line with a euro sign.
""")


F["05-encoded-words-malformed.eml"] = t("""\
X-Fixture: malformed encoded words in a Subject: bad base64, unknown encoding, unknown charset, missing ?= (RFC 2047 sec. 2, sec. 6.3)
Message-ID: <ewbad.20260305.0002@example.com>
Date: Thu, 5 Mar 2026 11:30:00 +0100
From: Notifications <notify@example.com>
To: user@example.org
Subject: Account =?utf-8?B?Zm9v!!YmFy?= notice =?utf-8?X?abc?= status
 =?x-unknown-charset?Q?caf=E9?= =?utf-8?Q?unterminated_word
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Body is plain.
""")


F["06-folded-headers.eml"] = t("""\
X-Fixture: folded header fields, tabs and several continuation lines (RFC 5322 sec. 2.2.3, sec. 3.2.2)
Received: from mx1.example.net (mx1.example.net [198.51.100.7])
	by mail.example.com (Postfix) with ESMTPS id 4A1B2C3D4E
	for <bob@example.com>; Tue, 10 Mar 2026 11:02:03 +0100 (CET)
Message-ID:
 <folded.20260310@example.net>
Date: Tue, 10 Mar 2026
 11:00:00
	+0100
From: Carol
 Example <carol@example.net>
To: bob@example.com,
	dave@example.com,
	  erin@example.com
Subject: This subject is folded
	with a tab,
  with two spaces,
 and with one space
References: <a1@example.net>
	<b2@example.net>
	<c3@example.net>
MIME-Version: 1.0
Content-Type: text/plain;
	charset="us-ascii"

Folded headers above.
""")


F["07-utf8-raw-headers.eml"] = t("""\
X-Fixture: raw 8-bit UTF-8 in Subject, display names and a local part (RFC 6532 sec. 3.2)
Message-ID: <utf8.20260306.0007@example.com>
Date: Fri, 6 Mar 2026 15:20:00 +0100
From: José Müller <jose.mueller@example.com>
To: "Ünsal Yılmaz" <ünsal@example.com>
Subject: Überprüfung Ihres Kontos – 確認済み ✓
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Grüße aus Zürich – 日本語もあります.
""")


F["08-latin1-raw-subject.eml"] = (
    t("X-Fixture: raw latin-1 / windows-1252 8-bit bytes in a Subject (RFC 5322 sec. 2.2, sec. 3.6.5; fallback windows-1252)\n")
    + t("""\
Message-ID: <latin1.20260306.0008@example.com>
Date: Fri, 6 Mar 2026 16:00:00 +0100
From: Rene Dupont <rene.dupont@example.com>
To: equipe@example.org
""")
    + b"Subject: R\xe9sum\xe9 de la r\xe9union \x96 co\xfbt 5 \x80\n"
    + t("""\
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

""")
    + "Voici le résumé. À bientôt, René.\n".encode("latin-1")
)


F["09-addresses-groups-comments.eml"] = t("""\
X-Fixture: address lists: quoted display names with escapes, comments, groups empty and with members (RFC 5322 sec. 3.4, sec. 3.2.2, sec. 3.2.4)
Message-ID: <addr.20260309.0009@example.com>
Date: Mon, 9 Mar 2026 09:00:00 +0000
From: "Doe, John \\"JD\\"" <john.doe@example.com>
Sender: "Support \\\\ Desk" <"support team"@example.com>
To: Mary Smith <mary@example.org>, jdoe@example.com (John Doe),
 Pete(A nice \\) chap) <pete(his account)@silly.example(his host)>,
 Team: alice@example.com, "Bob B." <bob@example.com>, carol@example.com (Carol C.);,
 "Last, First" <last.first@example.com>
Cc: Undisclosed recipients:;
Reply-To: =?utf-8?Q?Fran=C3=A7ois_Ex?= <francois@example.com>
Subject: Address list shapes
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

See the headers.
""")


F["10-addresses-obsolete-broken.eml"] = t("""\
X-Fixture: obsolete route, missing domain, raw UTF-8 IDN domain, unbalanced quote, empty list items (RFC 5322 sec. 4.4, sec. 3.4; RFC 6532 sec. 3.2)
Message-ID: <addr.20260309.0010@example.com>
Date: Mon, 9 Mar 2026 09:30:00 +0000
From: Relay User <@relay.example,@relay2.example:user@example.com>
To: Local Only <postmaster>, root, Bücher Shop <info@bücher.example>
Cc: "Unbalanced <broken@example.com>, other@example.org
Bcc: a@example.com,, , b@example.com
Subject: Broken address lists
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

See the headers.
""")


def _dated(n: str, purpose: str, date: str, subject: str) -> bytes:
    return t(f"""\
X-Fixture: {purpose}
Message-ID: <date.{n}@example.com>
Date: {date}
From: Scheduler <scheduler@example.com>
To: ops@example.org
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Only the Date header matters here.
""")


F["11-date-obsolete-zone.eml"] = _dated(
    "11", "date with obsolete zone name EST (RFC 5322 sec. 4.3)",
    "Tue, 3 Mar 2026 09:15:00 EST", "Obsolete zone")
F["12-date-missing-zone.eml"] = _dated(
    "12", "date without any zone (RFC 5322 sec. 3.3)",
    "Wed, 4 Mar 2026 10:20:30", "Missing zone")
F["13-date-two-digit-year.eml"] = _dated(
    "13", "date with a two-digit year (RFC 5322 sec. 4.3)",
    "Thu, 05 Mar 26 08:00:00 +0100", "Two-digit year")
F["14-date-no-weekday.eml"] = _dated(
    "14", "date without day-of-week, negative offset crossing midnight UTC (RFC 5322 sec. 3.3)",
    "6 Mar 2026 17:45:00 -0800", "No weekday")
F["15-date-asctime.eml"] = _dated(
    "15", "asctime-style date, no zone (RFC 5322 sec. 3.3 not followed; C asctime format)",
    "Sat Mar  7 12:00:00 2026", "asctime date")


# No X-Fixture: the point of these is the very start of the message (see README.md).
F["16-mbox-from-line.eml"] = t("""\
From alice@example.com Wed Mar 11 09:00:00 2026
Return-Path: <alice@example.com>
Message-ID: <mbox.20260311.0016@example.com>
Date: Wed, 11 Mar 2026 09:00:00 +0000
From: Alice Example <alice@example.com>
To: bob@example.org
Subject: Saved from an mbox
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

This message was cut out of an mbox file with its envelope line.
>From here on the line above was escaped by the mbox writer.
""")

F["17-junk-before-headers.eml"] = t("""\
Microsoft Mail Internet Headers Version 2.0
Received: from mail.example.net ([198.51.100.23]) by mx.example.com with Microsoft SMTPSVC(10.0.14393.4169);
	 Wed, 11 Mar 2026 10:15:00 +0100
Message-ID: <junk.20260311.0017@example.net>
Date: Wed, 11 Mar 2026 10:14:58 +0100
From: Sales <sales@example.net>
To: buyer@example.com
Subject: Junk line before the headers
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The first line of this file is not a header.
""")


F["18-header-line-without-colon.eml"] = t("""\
X-Fixture: a header line without a colon in the middle of the header block (RFC 5322 sec. 2.2)
Message-ID: <nocolon.20260311.0018@example.com>
From: Finance <finance@example.com>
To: auditors@example.org
Subject: Quarterly report for the finance
team and auditors
Date: Wed, 11 Mar 2026 12:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The Subject above was folded without leading white space by a broken gateway.
""")


F["19-missing-header-body-separator.eml"] = t("""\
X-Fixture: no empty line between header block and body (RFC 5322 sec. 2.1)
Message-ID: <nosep.20260311.0019@example.com>
Date: Wed, 11 Mar 2026 13:00:00 +0000
From: Build Bot <build@example.com>
To: dev@example.org
Subject: Status update
Hello team,
the build is green again and the release goes out tomorrow.
Note: deploy window 22:00 UTC
Thanks
""")


# No X-Fixture: the point is the very first line (see README.md).
F["20-first-line-continuation.eml"] = t("""\
	by mail.example.com (Postfix) with ESMTP id 9F8E7D6C5B;
	Thu, 12 Mar 2026 14:00:00 +0000 (UTC)
Message-ID: <cont.20260312.0020@example.net>
Date: Thu, 12 Mar 2026 13:59:58 +0000
From: Newsletter <news@example.net>
To: reader@example.com
Subject: Truncated header dump
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The header block of this file starts in the middle of a Received field.
""")


F["21-missing-close-boundary.eml"] = t("""\
X-Fixture: multipart whose close boundary is missing; the last part runs to the end of input (RFC 2046 sec. 5.1.1)
Message-ID: <noclose.20260312.0021@example.com>
Date: Thu, 12 Mar 2026 15:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Truncated multipart
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="trunc-0021"

--trunc-0021
Content-Type: text/plain; charset=us-ascii

First part.
--trunc-0021
Content-Type: text/plain; charset=us-ascii

Second part, and the message ends without a close boundary.
""")


F["22-start-boundary-not-found.eml"] = t("""\
X-Fixture: multipart whose declared boundary never appears in the body (RFC 2046 sec. 5.1.1)
Message-ID: <nostart.20260312.0022@example.com>
Date: Thu, 12 Mar 2026 15:10:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Boundary mismatch
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="declared-0022"

--actual-0022
Content-Type: text/plain; charset=us-ascii

A gateway rewrote the boundary in the header but not in the body.
--actual-0022
Content-Type: text/html; charset=us-ascii

<p>Second part that never becomes a part.</p>
--actual-0022--
""")


F["23-multipart-no-boundary.eml"] = t("""\
X-Fixture: multipart Content-Type without a boundary parameter (RFC 2046 sec. 5.1.1, RFC 2045 sec. 5.1)
Message-ID: <noboundary.20260312.0023@example.com>
Date: Thu, 12 Mar 2026 15:20:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: No boundary parameter
MIME-Version: 1.0
Content-Type: multipart/mixed

--unannounced
Content-Type: text/plain; charset=us-ascii

This looks like a part, but no boundary was declared.
--unannounced--
""")


F["24-parent-boundary-closes-child.eml"] = t("""\
X-Fixture: nested multipart whose close boundary is missing; the parent's boundary ends it (RFC 2046 sec. 5.1.1)
Message-ID: <nested.20260312.0024@example.com>
Date: Thu, 12 Mar 2026 15:30:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Child multipart not closed
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-0024"

--outer-0024
Content-Type: multipart/alternative; boundary="inner-0024"

--inner-0024
Content-Type: text/plain; charset=us-ascii

Plain alternative.
--inner-0024
Content-Type: text/html; charset=us-ascii

<p>HTML alternative.</p>
--outer-0024
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

AAECAwQFBgcICQ==
--outer-0024--
""")


F["25-boundary-prefixes.eml"] = t(f"""\
X-Fixture: boundaries that are prefixes of each other, outer/outer-inner and abcdef/abc (RFC 2046 sec. 5.1.1)
Message-ID: <prefix.20260312.0025@example.com>
Date: Thu, 12 Mar 2026 15:40:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Prefix boundaries
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="outer-inner"

--outer-inner
Content-Type: text/plain; charset=us-ascii

Plain body inside outer-inner.
--outer-inner
Content-Type: text/html; charset=us-ascii

<p>HTML body inside outer-inner.</p>
--outer-inner--
--outer
Content-Type: multipart/mixed; boundary="abcdef"

--abcdef
Content-Type: multipart/related; boundary="abc"

--abc
Content-Type: text/html; charset=us-ascii

<p><img src="cid:dot@example.com"></p>
--abc
Content-Type: image/png
Content-ID: <dot@example.com>
Content-Transfer-Encoding: base64

{b64(png_1x1())}
--abc--
--abcdef
Content-Type: text/plain; charset=us-ascii
Content-Disposition: attachment; filename="notes.txt"

Attached notes inside abcdef.
--abcdef--
--outer
Content-Type: text/plain; charset=us-ascii

Last part of outer.
--outer--
""")


F["26-boundary-padding-preamble-epilogue.eml"] = t("""\
X-Fixture: boundary lines with trailing transport padding, plus preamble and epilogue (RFC 2046 sec. 5.1.1)
Message-ID: <padding.20260312.0026@example.com>
Date: Thu, 12 Mar 2026 15:50:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Transport padding
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="pad-0026"

This is a multi-part message in MIME format.
It is a preamble and must not become a part.

--pad-0026   \t
Content-Type: text/plain; charset=us-ascii

Part one.
--pad-0026\t
Content-Type: text/plain; charset=us-ascii

Part two.
--pad-0026--  
This is the epilogue, after the close boundary.
It must not become a part either.
""")


_LONG = ("The quick brown fox jumps over the lazy dog, again and again. " * 60)[:2999] + "."
assert len(_LONG) == 3000 and _LONG.isascii()
F["27-long-line.eml"] = t(f"""\
X-Fixture: a 3000-byte body line in a part, directly followed by a boundary (RFC 5322 sec. 2.1.1, RFC 2045 sec. 2.7)
Message-ID: <long.20260313.0027@example.com>
Date: Fri, 13 Mar 2026 08:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Very long line
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="long-0027"

--long-0027
Content-Type: text/plain; charset=us-ascii

Short first line.
{_LONG}
--long-0027
Content-Type: text/plain; charset=us-ascii

Second part after the long line.
--long-0027--
""")


_PHISH_HTML = t("""\
<html><body>
<p>We detected an unusual sign-in to your account from a new device.</p>
<p>If this was not you, <a href="https://examp1e.org/verify?u=bob&amp;t=7731">verify your account now</a>.</p>
<p>Account Team</p>
</body></html>
""")
_ZIP = small_zip("Statement_0311.js", b"// fixture placeholder, not a script\n")
F["28-forwarded-rfc822-phish.eml"] = t(f"""\
X-Fixture: message/rfc822 attachment with its own multipart and attachment, forwarded phish (RFC 2046 sec. 5.2.1)
Message-ID: <fwd.20260313.0028@example.org>
Date: Fri, 13 Mar 2026 09:10:00 +0100
From: Bob Example <bob@example.org>
To: security@example.org
Subject: FW: Unusual sign-in activity
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd-outer-0028"

--fwd-outer-0028
Content-Type: text/plain; charset=us-ascii

Hi security team, I received the attached message. It looks suspicious.
Bob
--fwd-outer-0028
Content-Type: message/rfc822; name="Unusual sign-in activity.eml"
Content-Disposition: attachment; filename="Unusual sign-in activity.eml"

Received: from mail.examp1e.org (mail.examp1e.org [203.0.113.80])
	by mx.example.org with ESMTP id 11AA22BB; Fri, 13 Mar 2026 07:55:00 +0000
Message-ID: <alert.7731@examp1e.org>
Date: Fri, 13 Mar 2026 07:54:50 +0000
From: "Account Team" <no-reply@examp1e.org>
To: bob@example.org
Subject: Unusual sign-in activity
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="inner-phish-0028"

--inner-phish-0028
Content-Type: text/html; charset=us-ascii
Content-Transfer-Encoding: quoted-printable

{qp(_PHISH_HTML)}
--inner-phish-0028
Content-Type: application/zip; name="Statement_0311.zip"
Content-Disposition: attachment; filename="Statement_0311.zip"
Content-Transfer-Encoding: base64

{b64(_ZIP)}
--inner-phish-0028--

--fwd-outer-0028--
""")


F["29-message-global.eml"] = t("""\
X-Fixture: message/global attachment with raw UTF-8 headers (RFC 6532 sec. 3.7, sec. 3.2)
Message-ID: <global.20260313.0029@example.com>
Date: Fri, 13 Mar 2026 10:00:00 +0000
From: Travel Desk <travel@example.com>
To: zoe@example.org
Subject: Forwarded booking
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="glob-0029"

--glob-0029
Content-Type: text/plain; charset=us-ascii

The original confirmation is attached.
--glob-0029
Content-Type: message/global
Content-Disposition: attachment; filename="confirmation.u8msg"
Content-Transfer-Encoding: 8bit

Message-ID: <résa.4411@hôtel.example>
Date: Thu, 12 Mar 2026 18:30:00 +0900
From: Hôtel Étoile <réservations@hôtel.example>
To: Zoë Dupré <zoë@example.org>
Subject: Réservation confirmée – 東京
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Votre réservation à Tōkyō est confirmée.
--glob-0029--
""")


F["30-digest-default-rfc822.eml"] = t("""\
X-Fixture: multipart/digest whose parts without Content-Type default to message/rfc822 (RFC 2046 sec. 5.1.5)
Message-ID: <digest.20260313.0030@lists.example.com>
Date: Fri, 13 Mar 2026 12:00:00 +0000
From: list-request@lists.example.com
To: list@lists.example.com
Subject: Example-list Digest, Vol 4, Issue 12
MIME-Version: 1.0
Content-Type: multipart/digest; boundary="digest-0030"

Today's topics: item one, item two.

--digest-0030

Message-ID: <d1@example.com>
Date: Fri, 13 Mar 2026 08:00:00 +0000
From: alice@example.com
Subject: Digest item one

First item body, implicitly text/plain us-ascii.
--digest-0030

Message-ID: <d2@example.org>
Date: Fri, 13 Mar 2026 09:00:00 +0000
From: bob@example.org
Subject: Digest item two
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Second item body – with UTF-8.
--digest-0030
Content-Type: text/plain; charset=us-ascii

This part declares text/plain, which a digest allows.
--digest-0030--
""")


_B64_A = bytes((i * 37 + 11) % 256 for i in range(150))
_B64_B = bytes((i * 53 + 7) % 256 for i in range(90))
_B64_C = t("Grüße ohne Padding")  # 20 bytes: base64 needs one "="


def _garbled(data: bytes) -> str:
    """Base64 of `data`, 60 a line, with non-alphabet characters slipped between whole quads."""
    s = base64.b64encode(data).decode("ascii")
    quads = [s[i:i + 4] for i in range(0, len(s), 4)]
    junk = ["!", "*", "#", ".", "%", "$", "&", "~"]
    out = ""
    for i, q in enumerate(quads):
        out += q
        if i % 4 == 3:
            out += junk[(i // 4) % len(junk)]
    return "".join(out[i:i + 60] + "\n" for i in range(0, len(out), 60))


_C_NOPAD = base64.b64encode(_B64_C).decode("ascii")
assert _C_NOPAD.endswith("=") and not _C_NOPAD.endswith("==")
F["31-base64-oddities.eml"] = t(f"""\
X-Fixture: base64 with 60-character lines, with non-alphabet garbage, and without padding (RFC 2045 sec. 6.8)
Message-ID: <b64.20260313.0031@example.com>
Date: Fri, 13 Mar 2026 13:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Base64 oddities
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b64-0031"

--b64-0031
Content-Type: text/plain; charset=us-ascii

Three base64 parts follow.
--b64-0031
Content-Type: application/octet-stream; name="sixty.bin"
Content-Disposition: attachment; filename="sixty.bin"
Content-Transfer-Encoding: base64

{b64(_B64_A, 60)}
--b64-0031
Content-Type: application/octet-stream; name="garbage.bin"
Content-Disposition: attachment; filename="garbage.bin"
Content-Transfer-Encoding: base64

{_garbled(_B64_B)}
--b64-0031
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{_C_NOPAD.rstrip("=")}
--b64-0031--
""")


F["32-qp-invalid-escapes.eml"] = t("""\
X-Fixture: quoted-printable with invalid escapes (=ZZ, "= " then text, truncated =4) and lower-case hex (RFC 2045 sec. 6.7)
Message-ID: <qp.20260313.0032@example.com>
Date: Fri, 13 Mar 2026 14:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Broken quoted-printable
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Lower-case hex: caf=c3=a9, upper-case hex: caf=C3=A9
Invalid escape: 100 =ZZ percent
Equals then space: a = b and x =  y
Soft break with padding: this line continues=  \t
 here
Truncated escape at end of line: =4
Last line ends with a soft break=
""")


_UU_DATA = t("""\
date,account,amount
2026-03-01,ACME-001,1200.00
2026-03-02,ACME-002,-75.50
2026-03-03,ACME-003,310.25
""")
F["33-x-uuencode-attachment.eml"] = t(f"""\
X-Fixture: attachment with Content-Transfer-Encoding x-uuencode (RFC 2045 sec. 6.3 x-token; POSIX uuencode)
Message-ID: <uu.20260313.0033@example.com>
Date: Fri, 13 Mar 2026 15:00:00 +0000
From: Legacy System <legacy@example.com>
To: rcpt@example.org
Subject: Report (uuencoded)
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="uu-0033"

--uu-0033
Content-Type: text/plain; charset=us-ascii

The report is attached.
--uu-0033
Content-Type: application/octet-stream; name="report.csv"
Content-Disposition: attachment; filename="report.csv"
Content-Transfer-Encoding: x-uuencode

{uu(_UU_DATA, "report.csv")}
--uu-0033--
""")


_INV = t("Invoice 2026-0042\nAmount due: 99.00 EUR\nPay to: IBAN XX00 EXAMPLE 0000 0000\n")
F["34-embedded-uuencode-text.eml"] = t(f"""\
X-Fixture: text/plain body with an embedded uuencoded block between text lines (POSIX uuencode; RFC 2046 sec. 4.1)
Message-ID: <uutext.20260313.0034@example.com>
Date: Fri, 13 Mar 2026 15:30:00 +0000
From: Old Client <oldclient@example.net>
To: accounts@example.com
Subject: invoice
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Hello,

the invoice is below.

{uu(_INV, "invoice.txt")}
Regards,
Old Client
""")


F["35-unknown-transfer-encoding.eml"] = t("""\
X-Fixture: unknown Content-Transfer-Encoding x-foo on a text part (RFC 2045 sec. 6.4)
Message-ID: <xfoo.20260313.0035@example.com>
Date: Fri, 13 Mar 2026 16:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Unknown transfer encoding
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: x-foo

Uryyb, guvf obql vf ebg13 naq gur rapbqvat anzr vf haxabja.
""")


def _cs_part(charset: str, cte: str, body: bytes) -> bytes:
    return (t(f"--cs-0036\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n")
            + body + b"\n")


F["36-legacy-charsets.eml"] = (
    t("""\
X-Fixture: text parts in legacy charsets and aliases: latin1, ks_c_5601-1987, x-sjis, iso-2022-jp, windows-874, gb2312, koi8-r (RFC 2046 sec. 4.1.2)
Message-ID: <charsets.20260316.0036@example.com>
Date: Mon, 16 Mar 2026 09:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Legacy charsets
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cs-0036"

""")
    + _cs_part("latin1", "8bit", "Grüße aus Köln, naïve Ça".encode("latin-1"))
    + _cs_part("ks_c_5601-1987", "8bit", "안녕하세요 똠방각하".encode("cp949"))
    + _cs_part("x-sjis", "8bit", "こんにちは、表示テスト".encode("shift_jis"))
    + _cs_part("iso-2022-jp", "7bit", "日本語のテキストです。".encode("iso2022_jp"))
    + _cs_part("windows-874", "8bit", "สวัสดีครับ ราคา 100€".encode("cp874"))
    + _cs_part("gb2312", "8bit", "你好，朱镕基".encode("gbk"))
    + _cs_part("koi8-r", "8bit", "Привет, мир! Счёт 42".encode("koi8_r"))
    + t("--cs-0036--\n")
)


F["37-bogus-charset-utf8.eml"] = t("""\
X-Fixture: bogus charset name on valid UTF-8 text; fallback UTF-8 (RFC 2046 sec. 4.1.2)
Message-ID: <bogus.20260316.0037@example.com>
Date: Mon, 16 Mar 2026 09:10:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Bogus charset, UTF-8 bytes
MIME-Version: 1.0
Content-Type: text/plain; charset="foo-bar"
Content-Transfer-Encoding: 8bit

Grüße – ✓ alles gut.
""")


F["38-bogus-charset-latin1.eml"] = (
    t("""\
X-Fixture: bogus charset name on latin-1 / windows-1252 bytes; fallback windows-1252 (RFC 2046 sec. 4.1.2)
Message-ID: <bogus.20260316.0038@example.com>
Date: Mon, 16 Mar 2026 09:20:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Bogus charset, latin-1 bytes
MIME-Version: 1.0
Content-Type: text/plain; charset="foo-bar"
Content-Transfer-Encoding: 8bit

""")
    + b"Gr\xfc\xdfe aus M\xfcnchen, Preis 5 \x80.\n"
)


F["39-missing-charset-8bit.eml"] = (
    t("""\
X-Fixture: text/plain without charset whose body has 8-bit bytes (RFC 2045 sec. 5.2, RFC 2046 sec. 4.1.2)
Message-ID: <nocs.20260316.0039@example.com>
Date: Mon, 16 Mar 2026 09:30:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: No charset, 8-bit body
MIME-Version: 1.0
Content-Type: text/plain
Content-Transfer-Encoding: 8bit

""")
    + b"Caf\xe9 cr\xe8me \x96 tr\xe8s bien.\n"
)


F["40-html-script-style.eml"] = t("""\
X-Fixture: text/html with head, style, script, entities, links and an image (RFC 2854, RFC 2046 sec. 4.1)
Message-ID: <html.20260316.0040@example.com>
Date: Mon, 16 Mar 2026 10:00:00 +0000
From: Portal <portal@example.com>
To: user@example.org
Subject: Your monthly summary
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit

<!DOCTYPE html>
<html>
<head>
<title>Monthly summary</title>
<style type="text/css">body { font-family: sans-serif; } .hidden { display: none; }</style>
<script type="text/javascript">var tracking = "do-not-index-this"; document.write("<p>script text</p>");</script>
</head>
<body>
<p>Hello&nbsp;user, your balance is &euro;&#8239;12&#44;50 &amp; your status is &lt;active&gt; &#x2713;.</p>
<p>Caf&eacute; vouchers: <a href="https://portal.example.com/login?user=a&amp;next=%2Fvouchers">open the portal</a>
or visit <a href='http://www.example.net/help'>help</a>.</p>
<img src="https://cdn.example.net/pixel.gif?id=42" width="1" height="1" alt="">
<!-- a comment with https://comment.example.org/ should not be a link -->
</body>
</html>
""")


def _mixed_endings() -> bytes:
    # (text, ending) pairs; the ending alternates between CRLF and LF on purpose.
    lines = [
        ("X-Fixture: mixed CRLF and LF line endings in one message (RFC 5322 sec. 2.1, sec. 2.3)", "\r\n"),
        ("Message-ID: <eol.20260316.0041@example.com>", "\n"),
        ("Date: Mon, 16 Mar 2026 11:00:00 +0000", "\r\n"),
        ("From: Sender <sender@example.com>", "\n"),
        ("To: rcpt@example.org", "\r\n"),
        ("Subject: Mixed line", "\r\n"),
        (" endings", "\n"),
        ("MIME-Version: 1.0", "\n"),
        ("Content-Type: multipart/mixed; boundary=\"eol-0041\"", "\r\n"),
        ("", "\n"),
        ("--eol-0041", "\r\n"),
        ("Content-Type: text/plain; charset=us-ascii", "\n"),
        ("", "\r\n"),
        ("CRLF line.", "\r\n"),
        ("LF line.", "\n"),
        ("CRLF line again.", "\r\n"),
        ("--eol-0041", "\n"),
        ("Content-Type: text/plain; charset=us-ascii", "\r\n"),
        ("", "\n"),
        ("Second part, LF then CRLF.", "\n"),
        ("Last line.", "\r\n"),
        ("--eol-0041--", "\n"),
    ]
    return b"".join(t(s + e) for s, e in lines)


F["41-mixed-line-endings.eml"] = _mixed_endings()


F["42-content-type-case-no-semicolon.eml"] = t("""\
X-Fixture: upper-case types and parameter names, and a Content-Type missing its semicolon (RFC 2045 sec. 5.1)
Message-ID: <ctcase.20260316.0042@example.com>
Date: Mon, 16 Mar 2026 11:10:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Content-Type case and missing semicolon
MIME-Version: 1.0
Content-Type: MULTIPART/MIXED; BOUNDARY="Part_Boundary_0042"

--Part_Boundary_0042
Content-Type: TEXT/PLAIN charset=us-ascii

Missing semicolon before charset.
--Part_Boundary_0042
Content-Type: Text/HTML;Charset="US-ASCII"

<p>Mixed-case type, no space after the semicolon.</p>
--Part_Boundary_0042--
""")


_NAME1 = "Überweisungsbeleg März.pdf"
_NAME1_B = "=?utf-8?B?" + base64.b64encode(t(_NAME1)).decode("ascii") + "?="
F["43-rfc2047-filename-quoted.eml"] = t(f"""\
X-Fixture: attachment filenames RFC 2047-encoded inside quoted strings, Outlook style (RFC 2047 sec. 5, RFC 2183 sec. 2.3)
Message-ID: <fn2047.20260316.0043@example.com>
Date: Mon, 16 Mar 2026 11:20:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Filenames in encoded words
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fn-0043"

--fn-0043
Content-Type: text/plain; charset=us-ascii

Two attachments.
--fn-0043
Content-Type: application/pdf; name="{_NAME1_B}"
Content-Disposition: attachment; filename="{_NAME1_B}"
Content-Transfer-Encoding: base64

{b64(PDF_LIKE)}
--fn-0043
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
 name="=?iso-8859-1?Q?R=E9sum=E9?= =?iso-8859-1?Q?_2026.docx?="
Content-Disposition: attachment;
 filename="=?iso-8859-1?Q?R=E9sum=E9?= =?iso-8859-1?Q?_2026.docx?="
Content-Transfer-Encoding: base64

{b64(b"PK placeholder, not a real docx")}
--fn-0043--
""")


def _deep(levels: int) -> bytes:
    head = t(f"""\
X-Fixture: multipart nested {levels} levels deep, past a nesting limit of 64 (RFC 2046 sec. 5.1.1)
Message-ID: <deep.20260316.0044@example.com>
Date: Mon, 16 Mar 2026 11:30:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Deep nesting
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="d01"

""")
    out = [head]
    for n in range(1, levels + 1):
        out.append(t(f"--d{n:02d}\n"))
        if n < levels:
            out.append(t(f"Content-Type: multipart/mixed; boundary=\"d{n + 1:02d}\"\n\n"))
        else:
            out.append(t("Content-Type: text/plain; charset=us-ascii\n\nBottom of the nest.\n"))
    for n in range(levels, 0, -1):
        out.append(t(f"--d{n:02d}--\n"))
    return b"".join(out)


F["44-deep-nesting-80.eml"] = _deep(80)


F["45-multipart-base64-cte.eml"] = t("""\
X-Fixture: multipart declared with Content-Transfer-Encoding base64, which multiparts may not have (RFC 2045 sec. 6.4)
Message-ID: <mpcte.20260316.0045@example.com>
Date: Mon, 16 Mar 2026 11:40:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Multipart with base64 CTE
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cte-0045"
Content-Transfer-Encoding: base64

--cte-0045
Content-Type: text/plain; charset=us-ascii

The multipart body is not base64 at all.
--cte-0045
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: base64

""" + b64(t("This part really is base64.\n")) + """\
--cte-0045--
""")


F["46-empty.eml"] = b""


F["47-headers-only.eml"] = t("""\
X-Fixture: header block only, no empty line and no body (RFC 5322 sec. 3.5)
Message-ID: <hdronly.20260316.0047@example.com>
Date: Mon, 16 Mar 2026 11:50:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Headers only
""")


F["48-disposition-inline-attachment.eml"] = t("""\
X-Fixture: Content-Disposition inline vs attachment on text parts; an attached text part is not body text (RFC 2183 sec. 2.1, sec. 2.2)
Message-ID: <disp.20260316.0048@example.com>
Date: Mon, 16 Mar 2026 12:00:00 +0000
From: Sender <sender@example.com>
To: rcpt@example.org
Subject: Inline and attached text
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="disp-0048"

--disp-0048
Content-Type: text/plain; charset=us-ascii
Content-Disposition: inline

Inline body text.
--disp-0048
Content-Type: text/plain; charset=us-ascii; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

Attached notes: this must not count as body text.
--disp-0048
Content-Type: text/plain; charset=us-ascii

Text part without Content-Disposition (inline by default).
--disp-0048
Content-Type: text/plain; charset=us-ascii
Content-Disposition: inline; filename="readme.txt"

Inline text part that also has a filename.
--disp-0048
Content-Type: text/html; charset=us-ascii
Content-Disposition: ATTACHMENT; filename="page.html"

<p>Attached HTML page, not body text.</p>
--disp-0048--
""")


_PH_SUBJECT = "⚠ Action required: mailbox storage 98% full"
_PH_SUBJECT_B = "=?UTF-8?B?" + base64.b64encode(t(_PH_SUBJECT)).decode("ascii") + "?="
_PH_BODY = t("""\
<html><body style="font-family:Segoe UI,sans-serif">
<p>Dear Dana,</p>
<p>Your mailbox has reached 98% of its storage quota. Messages will be rejected in 24 hours.</p>
<p><a href="https://login.c0ntoso-support.example/owa/auth?user=dana%40contoso.example&amp;r=1">https://login.contoso.example/owa</a></p>
<p>Contoso IT Helpdesk</p>
</body></html>
""")
_PH_ATTACH = t("""\
<html><head><script>window.location.href="https://login.c0ntoso-support.example/owa/?v=0316";</script></head>
<body><form action="https://login.c0ntoso-support.example/collect" method="post">
<input name="email" value="dana@contoso.example"><input name="password" type="password"></form></body></html>
""")
F["49-phish-lookalike-html.eml"] = t(f"""\
X-Fixture: phishing-style HTML: lookalike domain, encoded subject, .html attachment, Received chain (RFC 5322 sec. 3.6.7, RFC 2047)
Return-Path: <bounce-7731@mail.c0ntoso-support.example>
Received: from mail.c0ntoso-support.example (unknown [203.0.113.45])
	by mx1.contoso.example (Postfix) with ESMTP id 3C2B1A0F9E
	for <dana@contoso.example>; Mon, 16 Mar 2026 07:42:10 +0000 (UTC)
Received: from [10.0.0.15] (helo=workstation)
	by mail.c0ntoso-support.example with esmtpa (Exim 4.96)
	id 1w2X3y-0004Ab-7Q
	for dana@contoso.example; Mon, 16 Mar 2026 08:42:05 +0100
Received: from localhost (localhost [127.0.0.1])
	by workstation (Postfix) with SMTP id 77AA11;
	Mon, 16 Mar 2026 08:42:01 +0100
X-Originating-IP: [203.0.113.45]
Authentication-Results: mx1.contoso.example;
	spf=fail smtp.mailfrom=c0ntoso-support.example;
	dkim=none; dmarc=fail header.from=c0ntoso-support.example
From: "Contoso IT Helpdesk" <helpdesk@c0ntoso-support.example>
Reply-To: helpdesk-verify@mailbox.example.net
To: Dana Whitfield <dana@contoso.example>
Subject: {_PH_SUBJECT_B}
Date: Mon, 16 Mar 2026 08:41:58 +0100
Message-ID: <0b7e5f3a.4d21@c0ntoso-support.example>
X-Mailer: Microsoft Outlook 16.0
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="=_phish_a1b2c3"

--=_phish_a1b2c3
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(_PH_BODY)}
--=_phish_a1b2c3
Content-Type: text/html; charset=utf-8; name="Voicemail_Message_0316.html"
Content-Disposition: attachment; filename="Voicemail_Message_0316.html"
Content-Transfer-Encoding: base64

{b64(_PH_ATTACH)}
--=_phish_a1b2c3--
""")


# ----------------------------------------------------------------------------- 50-55: real-world header and boundary gaps

F["50-header-name-with-space.eml"] = t(f"""\
X-Fixture: header field names holding white space are skipped and the header block goes on (RFC 5322 sec. 3.6.8)
Message-ID: <name-space.20260317.0050@example.com>
Date: Tue, 17 Mar 2026 09:00:00 +0000
From: Scan Station <scanner@example.com>
X Scan Station: model 3000
	build 42
To: records@example.org
Subject: Scanned document
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="scan-0050"

--scan-0050
Content-Type: text/plain; charset=us-ascii

The scanned document is attached.
--scan-0050
X Scan Id: 0050
Content-Type: application/pdf; name="scan-0050.pdf"
Content-Disposition: attachment; filename="scan-0050.pdf"
Content-Transfer-Encoding: base64

{b64(PDF_LIKE)}
--scan-0050
Content-Type: text/plain; charset=us-ascii
X\tPage Count: 1

Scanned pages: 1.
--scan-0050--
""")

F["51-repeated-address-headers.eml"] = t("""\
X-Fixture: repeated To, Cc, Bcc, From, Subject, Date and Message-ID fields (RFC 5322 sec. 3.6)
From: Payroll <payroll@example.com>
From: Other Sender <other@example.net>
To: (none) <<>>
To: Dana <dana@example.org>, erin@example.org
Cc: finance@example.org
Subject: First subject wins
Cc: "Audit, Team" <audit@example.org>
Bcc: hidden1@example.org
Bcc: hidden2@example.org
Subject: Second subject
Message-ID: <first.20260317.0051@example.com>
Message-ID: <second.20260317.0051@example.com>
Date: Tue, 17 Mar 2026 10:00:00 +0000
Date: Wed, 18 Mar 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

A list server added a second To and a second Cc field.
""")

# No X-Fixture: the point is the very first line (see README.md).
F["52-obsolete-from-colon-first-line.eml"] = t("""\
From  : John Doe <jdoe@example.com>
To: records@example.org
Subject: Obsolete From field with white space before the colon
Date: Tue, 17 Mar 2026 11:00:00 +0000
Message-ID: <obs-from.20260317.0052@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The first line is a From field in the obsolete form, not an mbox envelope line.
""")

F["53-empty-boundary.eml"] = t(f"""\
X-Fixture: an empty boundary parameter is a boundary of zero length (RFC 2046 sec. 5.1.1)
Message-ID: <empty-boundary.20260317.0053@example.com>
Date: Tue, 17 Mar 2026 12:00:00 +0000
From: Legacy Mailer <legacy@example.com>
To: records@example.org
Subject: Empty boundary
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=""

This is the preamble.
--
Content-Type: text/plain; charset=us-ascii

First part.
--
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

{b64(bytes(range(10)))}
----
This is the epilogue.
""")

F["54-msg-id-cfws.eml"] = t("""\
X-Fixture: white space and comments inside msg-id (RFC 5322 sec. 3.6.4 and sec. 4.5.4)
Message-ID: <cfws.20260317.0054@ mail.example.com >
In-Reply-To: <parent.0053 (the parent) @ mail.example.com>
References: <root.0050@mail.example.com> (thread root)
 < reply.0051 . x @ mail.example.com > Re: a phrase
 <parent.0053(left)@(right)mail.example.com>
Date: Tue, 17 Mar 2026 13:00:00 +0000
From: Threaded <thread@example.com>
To: records@example.org
Subject: Re: Identifiers with white space
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

The identifiers above are obsolete syntax with white space and comments.
""")

# No X-Fixture: the point is the very start of the file (see README.md).
F["55-leading-blank-lines.eml"] = t("""\

  
Received: from mail.example.net (mail.example.net [198.51.100.7]) by mx.example.com; Tue, 17 Mar 2026 14:00:05 +0000
Message-ID: <leading-blank.20260317.0055@example.net>
Date: Tue, 17 Mar 2026 14:00:00 +0000
From: Corporate Archive <archive@example.net>
To: records@example.com
Subject: Saved with leading blank lines
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

This file starts with two blank lines (the second holds spaces) before its headers.
""")


# ----------------------------------------------------------------------------- sanity checks

def _checks() -> None:
    for name, data in F.items():
        if name == "44-deep-nesting-80.eml" or name == "27-long-line.eml":
            pass
        elif len(data) >= 4096:
            raise SystemExit(f"{name}: {len(data)} bytes, over 4 KB")
        if name != "41-mixed-line-endings.eml" and b"\r" in data:
            raise SystemExit(f"{name}: contains CR")
    # Round trips of the encodings that are meant to be valid.
    assert quopri.decodestring(qp(_ALT_HTML).encode()) == _ALT_HTML
    assert "=3D" in qp(_ALT_HTML) and "=\n" in qp(_ALT_HTML)
    assert binascii.a2b_uu(uu(_UU_DATA, "x").splitlines()[1]) == _UU_DATA[:45]
    for i in ("你好，朱镕基",):
        try:
            i.encode("gb2312")
            raise SystemExit("GBK-only character is in GB2312")
        except UnicodeEncodeError:
            pass


def main() -> None:
    _checks()
    check = "--check" in sys.argv[1:]
    bad = 0
    for name in sorted(F):
        path = os.path.join(HERE, name)
        data = F[name]
        if check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except FileNotFoundError:
                same = False
            if not same:
                print(f"differs: {name}")
                bad += 1
        else:
            with open(path, "wb") as f:
                f.write(data)
    if check and bad:
        sys.exit(1)
    if not check:
        print(f"wrote {len(F)} fixtures")


if __name__ == "__main__":
    main()
