#!/usr/bin/env python3
"""Writes the hand-made Maildir fixtures of this folder (see README.md for what each one tests).

Usage:  python3 generate.py            # (re)writes every fixture file below this folder
        python3 generate.py --check    # fails if a file on disk differs or is missing

Deterministic: no clock, no randomness, no environment. Names and addresses are fictional.
Git keeps no empty folders, so every folder a test needs holds at least one file.
Nothing outside this folder is read or written.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "mx1.example.com"


def msg(n: int, subject: str) -> str:
    return (
        "From: \"IT Helpdesk\" <helpdesk@example.net>\n"
        "To: alice@example.com\n"
        f"Subject: {subject}\n"
        f"Date: Mon, 05 Jan 2026 09:{n:02d}:00 +0000\n"
        f"Message-ID: <maildir-{n}@example.net>\n"
        "\n"
        f"Message {n}: {subject}.\n"
    )


def name(n: int, suffix: str = "") -> str:
    return f"{1767600000 + 60 * n}.M{100 + n}P1.{HOST}{suffix}"


FILES: dict = {}

# A Maildir++ root named after its owner: folder name INBOX.
ROOT = "alice@example.com"
FILES[f"{ROOT}/cur/{name(0, ':2,S')}"] = msg(0, "seen")
FILES[f"{ROOT}/cur/{name(1, ',S=312:2,FRS')}"] = msg(1, "flagged replied seen, with a size field")
FILES[f"{ROOT}/cur/{name(2, '!2,RT')}"] = msg(2, "bang separator, replied trashed")
FILES[f"{ROOT}/cur/{name(3, ';2,DP')}"] = msg(3, "semicolon separator, draft passed")
FILES[f"{ROOT}/cur/{name(4)}"] = msg(4, "no info suffix")
FILES[f"{ROOT}/cur/{name(5, ':2,Sab')}"] = msg(5, "seen with keywords a and b")
FILES[f"{ROOT}/cur/{name(6, ':1,experimental')}"] = msg(6, "experimental info")
FILES[f"{ROOT}/cur/.hidden-file"] = "not a message\n"
FILES[f"{ROOT}/cur/stray-folder/readme.txt"] = "a folder inside cur/ is not a message\n"
FILES[f"{ROOT}/new/{name(7)}"] = msg(7, "new, no info")
FILES[f"{ROOT}/new/{name(8, ':2,')}"] = msg(8, "new, empty flags")
FILES[f"{ROOT}/tmp/{name(9)}"] = msg(9, "delivery in progress")
FILES[f"{ROOT}/.Sent/cur/{name(10, ':2,S')}"] = msg(10, "sent")
FILES[f"{ROOT}/.INBOX.Archive/cur/{name(11, ':2,S')}"] = msg(11, "archived")
FILES[f"{ROOT}/.Junk/new/{name(12)}"] = msg(12, "junk")
FILES[f"{ROOT}/.Entw&APw-rfe/cur/{name(13, ':2,DS')}"] = msg(13, "draft in a modified UTF-7 folder")

# A plain Maildir (no Maildir++ subfolders): folder name is its own name.
PLAIN = "plain/Phishing Reports"
FILES[f"{PLAIN}/cur/{name(20, ':2,S')}"] = msg(20, "reported")
FILES[f"{PLAIN}/new/{name(21)}"] = msg(21, "reported, new")
FILES[f"{PLAIN}/tmp/{name(22)}"] = msg(22, "in progress")

# Not a Maildir.
FILES["not-a-maildir/readme.txt"] = "no cur/ or new/ here\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    bad = 0
    for rel, text in sorted(FILES.items()):
        path = os.path.join(HERE, rel)
        data = text.encode("utf-8")
        if check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except FileNotFoundError:
                same = False
            if not same:
                print(f"differs: {rel}")
                bad += 1
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
