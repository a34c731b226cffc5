#!/usr/bin/env python3
"""Writes an export in which an investigation matches many messages (default 5,000), with values
that strain a table: long Message-IDs without a break, long addresses, subjects, file names and
folder paths, and a few ordinary messages that must not match.

    Fixtures/html-report/generate-many-matches.py OUTDIR [COUNT]

OUTDIR/export/<mailbox>/<folder path>.mbox holds the messages (one mbox per mailbox and folder),
OUTDIR/investigation.yaml the investigation. Deterministic: the same COUNT gives the same bytes.
Nothing is committed: the HTML report's browser test writes it into a temporary folder.
"""
import os
import sys

MAILBOXES = 40


def message(i, mailbox):
    sender = "billing-department-notifications-%04d@fabrikam-invoices-and-payments-portal.example" % (i % 97)
    subject = "Invoice INV-%06d overdue: please review the attached statement and confirm the payment details today" % i
    # A Message-ID of ~180 characters with no break opportunity at all.
    message_id = "<%s.%06d@mail-gateway-outbound-relay.fabrikam-invoices-and-payments-portal.example>" % ("A1b2C3d4" * 14, i)
    attachment = "Statement_of_account_%06d_for_the_period_ending_November_2026_FINAL_v2.html" % i
    day = 1 + i % 28
    body = (
        "Dear customer,\n\nYour invoice is overdue. Review it at "
        "https://fabrikam-invoices-and-payments-portal.example/pay/%06d/%s\n\nBilling\n" % (i, "x" * 120)
    )
    return (
        "From billing@fabrikam-invoices-and-payments-portal.example Mon Nov %2d 09:00:00 2026\n" % day
        + "From: Billing Department <%s>\n" % sender
        + "To: %s\n" % mailbox
        + "Subject: %s\n" % subject
        + "Date: Mon, %d Nov 2026 09:%02d:%02d +0000\n" % (day, i % 60, (i // 60) % 60)
        + "Message-ID: %s\n" % message_id
        + "MIME-Version: 1.0\n"
        + 'Content-Type: multipart/mixed; boundary="b%06d"\n\n' % i
        + "--b%06d\nContent-Type: text/plain; charset=utf-8\n\n%s\n" % (i, body)
        + '--b%06d\nContent-Type: text/html; name="%s"\nContent-Disposition: attachment; filename="%s"\n\n' % (i, attachment, attachment)
        + "<html><body><form>INV-%06d</form></body></html>\n" % i
        + "--b%06d--\n\n" % i
    )


def ordinary(i, mailbox):
    return (
        "From colleague@fabrikam.example Tue Nov  3 10:00:00 2026\n"
        "From: Colleague <colleague@fabrikam.example>\n"
        "To: %s\nSubject: Lunch on Friday %d\nDate: Tue, 3 Nov 2026 10:00:00 +0000\n"
        "Message-ID: <lunch-%d@fabrikam.example>\n\nShall we meet at noon?\n\n" % (mailbox, i, i)
    )


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 5000
    folders = [
        "Inbox",
        os.path.join("Inbox", "Vendors and suppliers (accounts payable)", "Invoices awaiting approval by the finance team"),
        "Junk Email",
    ]
    boxes = {}
    for i in range(count):
        mailbox = "firstname.lastname-with-a-long-name-%02d@fabrikam.example" % (i % MAILBOXES)
        folder = folders[i % len(folders)]
        boxes.setdefault((mailbox, folder), []).append(message(i, mailbox))
    for m in range(MAILBOXES):
        mailbox = "firstname.lastname-with-a-long-name-%02d@fabrikam.example" % m
        boxes.setdefault((mailbox, "Inbox"), []).append(ordinary(m, mailbox))
    for (mailbox, folder), messages in sorted(boxes.items()):
        # An mbox file is named after its folder: <mailbox>/Inbox/Vendors .../Invoices ....mbox.
        directory = os.path.join(out, "export", mailbox, os.path.dirname(folder))
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, os.path.basename(folder) + ".mbox"), "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(messages))
    with open(os.path.join(out, "investigation.yaml"), "w", encoding="utf-8") as f:
        f.write(
            "name: Overdue invoice lure (fabrikam-invoices-and-payments-portal.example)\n"
            "description: Many copies, long values.\n"
            "scope:\n  mailboxes: all\n"
            "match: any\n"
            "filters:\n"
            "  - from: fabrikam-invoices-and-payments-portal.example\n"
            "  - attachmentName: Statement_of_account_*\n"
            "action:\n  type: moveToTrash\n"
        )


if __name__ == "__main__":
    main()
