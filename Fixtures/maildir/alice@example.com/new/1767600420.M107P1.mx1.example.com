From: "IT Helpdesk" <helpdesk@example.net>
To: alice@example.com
Subject: new, no info
Date: Mon, 05 Jan 2026 09:07:00 +0000
Message-ID: <maildir-7@example.net>

Message 7: new, no info.
