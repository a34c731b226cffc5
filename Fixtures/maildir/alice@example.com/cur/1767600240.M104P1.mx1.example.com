From: "IT Helpdesk" <helpdesk@example.net>
To: alice@example.com
Subject: no info suffix
Date: Mon, 05 Jan 2026 09:04:00 +0000
Message-ID: <maildir-4@example.net>

Message 4: no info suffix.
