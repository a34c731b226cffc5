From: "IT Helpdesk" <helpdesk@example.net>
To: alice@example.com
Subject: junk
Date: Mon, 05 Jan 2026 09:12:00 +0000
Message-ID: <maildir-12@example.net>

Message 12: junk.
