From: "IT Helpdesk" <helpdesk@example.net>
To: alice@example.com
Subject: reported, new
Date: Mon, 05 Jan 2026 09:21:00 +0000
Message-ID: <maildir-21@example.net>

Message 21: reported, new.
