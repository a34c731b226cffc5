// Mozilla User Preferences

user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.identity.id1.fullName", "Erin Example");
user_pref("mail.identity.id1.useremail", "erin@corp.example");
user_pref("mail.server.server1.directory-rel", "[ProfD]ImapMail/imap.corp.example");
user_pref("mail.server.server1.hostname", "imap.corp.example");
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/Local Folders");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.type", "none");
