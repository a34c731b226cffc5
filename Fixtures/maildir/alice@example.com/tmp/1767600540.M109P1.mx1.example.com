From: "IT Helpdesk" <helpdesk@example.net>
To: alice@example.com
Subject: delivery in progress
Date: Mon, 05 Jan 2026 09:09:00 +0000
Message-ID: <maildir-9@example.net>

Message 9: delivery in progress.
