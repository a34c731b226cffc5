#!/usr/bin/env python3
"""Writes the hand-made mbox fixtures of this folder (see README.md for what each one tests).

Usage:  python3 generate.py            # (re)writes every *.mbox next to this script
        python3 generate.py --check    # fails if a file on disk differs from what would be written

Every fixture is literal text below; Python only joins messages, computes Content-Length values,
converts line endings and makes the few bytes that cannot be typed (BOM, NUL, invalid UTF-8, a
20 000-byte line, base64 payloads). Deterministic: no clock, no randomness, no environment.
Names, addresses and domains are fictional (example.com/.org/.net); IPs are documentation ranges.
Nothing outside this folder is read or written.
"""

import base64
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Envelope lines. The tests look for these exact lines to compute offsets independently.
ALICE = "From alice@example.com Mon Jan  5 09:00:00 2026"
BOB = "From bob@example.org Mon Jan  5 09:05:00 2026"
CAROL = "From carol@example.net Tue Jan  6 10:00:00 2026"
DAVE = "From dave@example.com Wed Jan  7 11:30:00 2026"
ERIN = "From erin@example.org Thu Jan  8 12:45:00 2026"


def msg(subject: str, body: str, extra_headers: str = "", sender: str = "alice@example.com") -> str:
    """A small RFC 5322 message (LF line endings)."""
    return (
        f"From: {sender}\n"
        "To: investigator@example.com\n"
        f"Subject: {subject}\n"
        "Date: Mon, 05 Jan 2026 09:00:00 +0000\n"
        f"Message-ID: <{subject.lower().replace(' ', '-')}@example.com>\n"
        f"{extra_headers}"
        "\n"
        f"{body}"
    )


def mbox(*entries) -> str:
    """Joins (envelope line, message) pairs the way mbox writers do: From line, message, blank line."""
    return "".join(f"{env}\n{m}\n" for env, m in entries)


def with_content_length(m: str, crlf: bool = False, delta: int = 0) -> str:
    """Adds `Content-Length:` (of the body as it will be written, plus `delta`) as the last header."""
    head, body = m.split("\n\n", 1)
    size = len((body.replace("\n", "\r\n") if crlf else body).encode("utf-8")) + delta
    return f"{head}\nContent-Length: {size}\n\n{body}"


def b64(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "".join(s[i:i + 76] + "\n" for i in range(0, len(s), 76))


def multipart(subject: str, text: str, filename: str, payload: bytes, boundary: str, close: bool = True) -> str:
    body = (
        "This is a multi-part message in MIME format.\n"
        f"--{boundary}\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 7bit\n"
        "\n"
        f"{text}"
        f"--{boundary}\n"
        f"Content-Type: application/octet-stream; name=\"{filename}\"\n"
        "Content-Transfer-Encoding: base64\n"
        f"Content-Disposition: attachment; filename=\"{filename}\"\n"
        "\n"
        f"{b64(payload)}"
        + (f"--{boundary}--\n" if close else "")
    )
    return msg(subject, body, "MIME-Version: 1.0\n"
               f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\n")


FIXTURES: dict = {}

# 1. mboxo: `From ` in bodies quoted as `>From `; `> From` (with a space) is ordinary quoting.
FIXTURES["mboxo.mbox"] = mbox(
    (ALICE, msg("Quarterly invoice", "Please find the invoice attached.\n")),
    (BOB, msg("Re: Quarterly invoice",
              "Thanks.\n\n>From the start I thought this looked odd.\n> From your last mail: pay today.\n",
              sender="bob@example.org")),
    (CAROL, msg("Password expiry", "Your password expires today.\nClick here to keep it.\n",
                sender="carol@example.net")),
)

# 2. mboxrd: every `^>*From ` line in a body got one more `>` when written.
FIXTURES["mboxrd.mbox"] = mbox(
    (ALICE, msg("Quoting levels",
                "Stored lines below:\n\n"
                ">From a (was From a)\n"
                ">>From b (was >From b)\n"
                ">>>From c (was >>From c)\n"
                ">From\n"
                " >From x (leading space, not quoting)\n"
                "X>From y (not at line start)\n"
                "> >From z (space between)\n")),
    (BOB, msg("Second", ">>From the archive\n", sender="bob@example.org")),
)

# 3. mboxcl2 / mboxcl with correct Content-Length values.
FIXTURES["mboxcl2.mbox"] = (
    # m0: mboxcl2 (unquoted `From ` lines in the body, one of them an envelope look-alike followed by a
    # header look-alike); its `>From ` line is kept as is (mboxcl2 quotes nothing).
    f"{ALICE}\n" + with_content_length(msg(
        "Forwarded mbox",
        "Here is the raw mail you asked for:\n\n"
        f"{DAVE}\n"
        "Subject: not a separate message\n\n"
        "From the desk of the CFO.\n"
        ">From kept as stored\n")) + "\n"
    # m1: mboxcl (no unquoted `From ` line): `>From ` is unquoted.
    + f"{BOB}\n" + with_content_length(msg("Quoted", ">From quoted line\nend\n", sender="bob@example.org")) + "\n"
    # m2: Netscape style: no blank line before the next `From ` line; Content-Length counts to it.
    + f"{CAROL}\n" + with_content_length(msg("No blank after", "last line\n", sender="carol@example.net"))
    # m3: last message; Content-Length ends at the blank line that ends the file.
    + f"{ERIN}\n" + with_content_length(msg("Last", "bye\n", sender="erin@example.org")) + "\n"
)

# 4. Wrong Content-Length values: too large, too small, past the end of the file.
FIXTURES["content-length-wrong.mbox"] = mbox(
    (ALICE, with_content_length(msg("Too large", "short body\n"), delta=40)),
    (BOB, with_content_length(msg("Too small", "a longer body\nwith two lines\n", sender="bob@example.org"), delta=-7)),
    (CAROL, with_content_length(msg("Past end", "final body\n", sender="carol@example.net"), delta=5000)),
)

# 5. CRLF: the same kinds of things with CRLF line endings, one message with a correct CRLF Content-Length.
_crlf = mbox(
    (ALICE, msg("CRLF one", "line one\n\n>From quoted\n")),
    (BOB, with_content_length(msg("CRLF two", f"body\n\n{DAVE}\nSubject: inside the body\n", sender="bob@example.org"), crlf=True)),
    (CAROL, msg("CRLF three", "last\n", sender="carol@example.net")),
)
FIXTURES["crlf.mbox"] = _crlf.replace("\n", "\r\n")

# 6. Truncated: the second message is a multipart cut off inside a base64 line (no final line break).
_trunc = multipart("Cut off", "see attachment\n", "report.pdf", bytes(range(256)) * 2, "cut-boundary")
_trunc = _trunc[: _trunc.index("AAECAwQFBgcICQoLDA0ODxAR") + 300]
FIXTURES["truncated.mbox"] = mbox((ALICE, msg("Complete", "ok\n"))) + f"{BOB}\n" + _trunc

# 7. Leading garbage: junk text before the first `From ` line.
FIXTURES["leading-garbage.mbox"] = (
    "This file was saved by a tool that writes a banner first.\n"
    "=== export 42 ===\n\n"
    + mbox((ALICE, msg("After junk", "one\n")), (BOB, msg("Second after junk", "two\n", sender="bob@example.org")))
)

# 8. Leading bytes that are a message (headers, no `From ` line), then two mbox messages.
FIXTURES["leading-message.mbox"] = (
    msg("Headless", "I have no From line.\n", sender="mallory@example.net") + "\n"
    + mbox((ALICE, msg("First real", "one\n")), (BOB, msg("Second real", "two\n", sender="bob@example.org")))
)

# 9. Empty and blank files.
FIXTURES["empty.mbox"] = ""
FIXTURES["blank.mbox"] = "\n\n"

# 10. A single message.
FIXTURES["single.mbox"] = mbox((ALICE, msg("Only one", "The only message.\n")))

# 11. MIME multiparts with base64 attachments; a `From ` body line that is not after a blank line.
FIXTURES["multipart.mbox"] = mbox(
    (ALICE, multipart("Invoice 1", "Invoice attached.\nFrom the accounts team\n", "invoice1.pdf",
                      b"%PDF-1.4 fake invoice one\n" * 20, "b1-alice")),
    (BOB, multipart("Invoice 2", "Second invoice.\n\n>From accounts\n", "invoice2.zip",
                    bytes(range(200)), "b2-bob")),
    (CAROL, multipart("Invoice 3", "Third.\n", "invoice3.html",
                      b"<html><a href='http://198.51.100.7/login'>login</a></html>\n", "b3-carol")),
)

# 12. A broken message in the middle (in the spirit of MimeKit issue 1189): the reader must go on.
_broken = (
    "From: \"Payroll\" <payroll@example.net>\n"
    "To: investigator@example.com\n"
    "Subject: Broken in the middle\n"
    "this header line has no colon\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"never-closed\"\n"
    "Content-Disposition: attachment; filename=\"payroll.zip\"\n"   # no blank line: body follows
    "--never-closed\n"
    "Content-Type: application/zip\n"
    "Content-Transfer-Encoding: base64\n"
    + "QUJD" * 5000 + "\n"                     # a 20 000-byte line
    + "\x00\x00 NUL bytes and \udcff\udcfe invalid UTF-8\n"
    "From the finance team: please confirm\n"    # not after a blank line, not an envelope
    "From: spoofed@example.com\n"                # a header look-alike in the body
)
FIXTURES["broken-middle.mbox"] = (
    mbox((ALICE, msg("Before", "fine\n")))
    + f"{BOB}\n" + _broken + "\n"
    + mbox((CAROL, msg("After one", "fine\n", sender="carol@example.net")),
           (DAVE, msg("After two", "fine\n", sender="dave@example.com")))
)

# 13. Unmunged body lines (a writer that did not quote): `From Russia with love` must not split.
FIXTURES["unmunged.mbox"] = mbox(
    (ALICE, msg("Movie", "My favourite movie:\n\nFrom Russia with love\n\nWhat does your reader do?\n")),
    (BOB, msg("Movie again", "My favourite movie:\n\nFrom Russia with love\nYear: 1963\n\nAnd now?\n",
              sender="bob@example.org")),
)

# 14. Separators without a blank line before them: an envelope line and Mozilla's bare `From - `.
FIXTURES["missing-blank.mbox"] = (
    f"{ALICE}\n" + msg("No blank one", "one\n")
    + f"{BOB}\n" + msg("No blank two", "two\n", sender="bob@example.org")
    + "From - \n" + msg("Mozilla bare", "three\n", "X-Mozilla-Status: 0001\n", sender="mozilla@example.com")
    + "\nFrom - Mon Jun  3 12:50:27 1996\n" + msg("Mozilla dated", "four\n", sender="mozilla@example.com")
)

# 15. An empty message between two others.
FIXTURES["empty-message.mbox"] = mbox(
    (ALICE, msg("Before empty", "one\n")),
    (BOB, ""),
    (CAROL, msg("After empty", "three\n", sender="carol@example.net")),
)

# 16. UTF-8 BOM before the first `From ` line.
FIXTURES["bom.mbox"] = "\ufeff" + mbox((ALICE, msg("After BOM", "one\n")), (BOB, msg("Two", "two\n", sender="bob@example.org")))


# 17. `From  : ...` (a From field with white space before the colon, RFC 5322 sec. 4.5.1) is a header,
# never a separator: as the file's first line, right after an envelope line, and after a blank line.
_obsolete_from = (
    "From  : Mallory <mallory@example.net>\n"
    "To: investigator@example.com\n"
    "Subject: Obsolete From first\n"
    "\n"
    "I start with a From field, not an envelope line.\n"
)
FIXTURES["from-colon.mbox"] = _obsolete_from + "\n" + mbox(
    (ALICE, "From\t: Alice <alice@example.com>\nSubject: Obsolete From after the envelope\n\n"
            "Quoted header:\n\nFrom  : Someone <someone@example.org> Mon Jan  5 09:00:00 2026\n\nend\n"),
    (BOB, msg("Plain second", "two\n", sender="bob@example.org")),
)

def encode(text: str) -> bytes:
    # surrogateescape lets the broken fixture carry the bytes 0xFF 0xFE.
    return text.encode("utf-8", "surrogateescape")


def main() -> int:
    check = "--check" in sys.argv[1:]
    bad = 0
    for name, text in sorted(FIXTURES.items()):
        data = encode(text)
        path = os.path.join(HERE, name)
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
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
