From: "IT Helpdesk" <helpdesk@example.net>
To: alice@example.com
Subject: in progress
Date: Mon, 05 Jan 2026 09:22:00 +0000
Message-ID: <maildir-22@example.net>

Message 22: in progress.
