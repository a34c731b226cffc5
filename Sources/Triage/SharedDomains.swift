/// Sender domains many unrelated people send from (§15): a draft uses the sender's address there,
/// never the domain, and never the sending IP of their relays. Entries match the domain and its
/// subdomains.
///
/// - ``freemail``: mailbox providers anyone can sign up to. An address there is one person's (specific);
///   the domain is everyone's.
/// - ``cloudMailers``: bulk and transactional sending services, whose domains appear in the From of
///   many customers' mail.
/// - ``bigSenders``: platforms and brands that send legitimate mail to nearly everyone, and that phishing
///   imitates or abuses (a spoofed `service@paypal.com`, a real DocuSign envelope). Even the address is
///   shared: a role address there (`service@`, `no-reply@`, ...) is left out.
/// - `onmicrosoft.com`: every Microsoft 365 tenant's initial domain.
package enum SharedDomains {
    package enum Kind: String, Sendable {
        case freemail, cloudMailer = "cloud mailer", bigSender = "big sender", onmicrosoft = "onmicrosoft.com"
    }

    /// What kind of shared domain `domain` is, or `nil` for a domain that is nobody's in particular.
    package static func kind(of domain: String) -> Kind? {
        let domain = domain.lowercased()
        if RegistrableDomain.host(domain, isWithin: "onmicrosoft.com") { return .onmicrosoft }
        if within(domain, freemail) { return .freemail }
        if within(domain, cloudMailers) { return .cloudMailer }
        if within(domain, bigSenders) { return .bigSender }
        return nil
    }

    /// Whether `domain` is an entry of `set` or a subdomain of one.
    static func within(_ domain: String, _ set: Set<String>) -> Bool {
        var rest = Substring(domain)
        while true {
            if set.contains(String(rest)) { return true }
            guard let dot = rest.firstIndex(of: ".") else { return false }
            rest = rest[rest.index(after: dot)...]
        }
    }

    /// Local parts that name a role or a robot rather than a person (`no-reply`, `service`, ...).
    package static func isRoleAddress(_ localPart: String) -> Bool {
        let normalized = localPart.lowercased().filter { $0.isLetter || $0.isNumber }
        return roleLocalParts.contains(normalized)
    }

    static let roleLocalParts: Set<String> = [
        "noreply", "donotreply", "info", "support", "service", "services", "security", "account", "accounts",
        "billing", "notification", "notifications", "alert", "alerts", "admin", "help", "mail", "mailer",
        "newsletter", "news", "team", "hello", "contact", "customerservice", "update", "updates", "verify",
        "verification", "confirm", "office", "postmaster", "mailerdaemon", "no", "reply", "system", "messages",
        "message", "notice", "notices", "invoice", "invoices", "payments", "payment", "sales", "hr", "it",
        "helpdesk", "servicedesk", "webmaster", "root", "accountprotection", "msonlineservicesteam",
    ]

    static let freemail: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es",
        "yahoo.co.jp", "yahoo.com.br", "ymail.com", "rocketmail.com", "outlook.com", "outlook.fr", "outlook.de",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.com", "live.fr",
        "live.co.uk", "msn.com", "aol.com", "aim.com", "icloud.com", "me.com", "mac.com", "protonmail.com",
        "protonmail.ch", "proton.me", "pm.me", "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de",
        "mail.com", "email.com", "usa.com", "yandex.ru", "yandex.com", "ya.ru", "mail.ru", "bk.ru", "list.ru",
        "inbox.ru", "rambler.ru", "zoho.com", "zohomail.com", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com",
        "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "naver.com", "hanmail.net", "daum.net",
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "tiscali.it",
        "t-online.de", "freenet.de", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "comcast.net",
        "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net", "earthlink.net",
        "juno.com", "optonline.net", "btinternet.com", "sky.com", "virginmedia.com", "ntlworld.com",
        "shaw.ca", "rogers.com", "sympatico.ca", "bigpond.com", "optusnet.com.au", "xtra.co.nz", "rediffmail.com",
        "fastmail.com", "fastmail.fm", "hushmail.com", "inbox.com", "mail.ee", "abv.bg", "ukr.net", "gmail.co",
        "yopmail.com", "guerrillamail.com", "sharklasers.com", "mailinator.com", "temp-mail.org", "10minutemail.com",
        "cock.li", "disroot.org", "posteo.de", "mailbox.org", "runbox.com", "kolabnow.com", "startmail.com",
    ]

    static let cloudMailers: Set<String> = [
        "sendgrid.net", "sendgrid.com", "amazonses.com", "mailgun.org", "mailgun.net", "mailchimp.com", "mcsv.net",
        "mcdlv.net", "rsgsv.net", "list-manage.com", "mandrillapp.com", "sparkpostmail.com", "sparkpost.com",
        "mailjet.com", "mjt.lu", "sendinblue.com", "brevo.com", "sibmail.com", "constantcontact.com", "ctctcdn.com",
        "exacttarget.com", "exct.net", "salesforce.com", "force.com", "hubspot.com", "hubspotemail.net", "hs-email.net",
        "zendesk.com", "freshdesk.com", "mktomail.com", "marketo.com", "createsend.com", "cmail19.com", "cmail20.com",
        "postmarkapp.com", "mtasv.net", "elasticemail.com", "smtp2go.com", "sendpulse.com", "mailerlite.com",
        "aweber.com", "getresponse.com", "klaviyo.com", "klaviyomail.com", "intercom-mail.com", "intercom.io",
        "mailchannels.net", "emarsys.net", "mailup.com", "benchmarkemail.com", "icontact.com", "activecampaign.com",
        "acems1.com", "emsend1.com", "convertkit.com", "substack.com", "mailerq.com", "sendlane.com", "omnisend.com",
    ]

    static let bigSenders: Set<String> = [
        "google.com", "googlegroups.com", "youtube.com", "microsoft.com", "office.com", "office365.com",
        "microsoftonline.com", "outlook.office.com", "sharepoint.com", "sharepointonline.com", "onedrive.com",
        "live.net", "skype.com", "teams.microsoft.com", "apple.com", "amazon.com", "amazon.co.uk", "amazon.de",
        "amazonaws.com", "paypal.com", "paypal.co.uk", "ebay.com", "facebook.com", "facebookmail.com",
        "instagram.com", "linkedin.com", "twitter.com", "x.com", "netflix.com", "spotify.com", "dropbox.com",
        "dropboxmail.com", "docusign.net", "docusign.com", "adobe.com", "adobesign.com", "echosign.com",
        "box.com", "wetransfer.com", "zoom.us", "slack.com", "github.com", "atlassian.net", "atlassian.com",
        "intuit.com", "quickbooks.com", "chase.com", "bankofamerica.com", "wellsfargo.com", "citi.com",
        "americanexpress.com", "capitalone.com", "usps.com", "ups.com", "fedex.com", "dhl.com", "dhl.de",
        "irs.gov", "gov.uk", "hmrc.gov.uk", "coinbase.com", "binance.com", "blockchain.com", "walmart.com",
        "bestbuy.com", "costco.com", "target.com", "norton.com", "mcafee.com", "geeksquad.com", "booking.com",
        "airbnb.com", "uber.com", "whatsapp.com", "telegram.org", "yahoo-inc.com", "verisign.com", "godaddy.com",
    ]
}

/// Link hosts many unrelated messages share (§15). How a draft treats a link on one of them:
///
/// - ``shorteners`` and ``sharedContentHosts`` (file sharing, forms, cloud storage, site builders):
///   the host is everyone's but the link is the attacker's — **link shorteners are not benign**: the
///   full link (host and path, as the `url` filter compares it) is the indicator, never the host.
/// - ``sharedContentSuffixes``: platforms that give each customer a subdomain (`evil.web.app`,
///   `x.blob.core.windows.net`): that subdomain is the attacker's and is the indicator.
/// - ``wrappers``: mail gateways' link rewriters (Safe Links, URL Defense, ...): the wrapper host is the
///   organisation's; the wrapped link is per recipient. Left out (unwrapped hosts are used when the
///   reader unwraps them).
/// - ``infrastructure``: schema and font hosts, the home sites of big platforms whose footers every
///   newsletter carries (social networks, app stores, the big mail providers), the big senders' own
///   hosts and their image hosts (``brandAssets``). Left out.
package enum SharedLinkHosts {
    package enum Kind: String, Sendable {
        case shortener, sharedContent = "shared content host", customerSubdomain = "customer subdomain of a shared platform"
        case wrapper = "mail gateway link wrapper", infrastructure = "widely shared host"
    }

    package static func kind(of host: String) -> Kind? {
        let host = host.lowercased()
        if shorteners.contains(host) || shorteners.contains(dropWWW(host)) { return .shortener }
        if sharedContentHosts.contains(host) || sharedContentHosts.contains(dropWWW(host)) { return .sharedContent }
        for suffix in sharedContentSuffixes where host.hasSuffix("." + suffix) { return .customerSubdomain }
        if sharedContentSuffixes.contains(host) { return .sharedContent }
        if SharedDomains.within(host, wrappers) { return .wrapper }
        if SharedDomains.within(host, infrastructure) || SharedDomains.within(host, brandAssets)
            || SharedDomains.within(host, SharedDomains.bigSenders) || SharedDomains.within(host, SharedDomains.freemail)
        {
            return .infrastructure
        }
        return nil
    }

    static func dropWWW(_ host: String) -> String { host.hasPrefix("www.") ? String(host.dropFirst(4)) : host }

    static let shorteners: Set<String> = [
        "bit.ly", "bitly.com", "bit.do", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "v.gd", "buff.ly",
        "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "lnkd.in", "s.id", "t.ly", "bl.ink", "short.io",
        "qrco.de", "urlz.fr", "shorte.st", "adf.ly", "tr.im", "x.co", "soo.gd", "clck.ru", "u.to", "cli.re", "t2m.io",
        "shorturl.com", "tiny.one", "lnk.to", "linktr.ee", "tinu.be", "gg.gg", "1url.com", "l.ead.me", "qr.io",
        "forms.gle", "aka.ms", "1drv.ms", "we.tl", "dub.sh", "surl.li", "shrtco.de", "ln.run", "urlr.me",
    ]

    static let sharedContentHosts: Set<String> = [
        "docs.google.com", "drive.google.com", "sites.google.com", "storage.googleapis.com",
        "firebasestorage.googleapis.com", "script.google.com", "forms.office.com", "forms.microsoft.com",
        "onedrive.live.com", "dropbox.com", "dl.dropboxusercontent.com", "dl.dropbox.com", "raw.githubusercontent.com",
        "gist.github.com", "github.com", "ipfs.io", "cloudflare-ipfs.com", "dweb.link", "jotform.com", "form.jotform.com",
        "surveymonkey.com", "typeform.com", "wetransfer.com", "app.box.com", "mega.nz", "mediafire.com", "canva.com",
        "docsend.com", "acrobat.adobe.com", "express.adobe.com", "indd.adobe.com", "documentcloud.adobe.com",
        "s3.amazonaws.com", "translate.google.com", "t.me", "discord.com", "cdn.discordapp.com",
        "notion.so", "evernote.com", "padlet.com", "airtable.com", "hubspot.com", "zoho.com", "wixsite.com",
    ]

    static let sharedContentSuffixes: Set<String> = [
        "web.app", "firebaseapp.com", "appspot.com", "blob.core.windows.net", "azurewebsites.net", "azureedge.net",
        "sharepoint.com", "amazonaws.com", "cloudfront.net", "github.io", "pages.dev", "workers.dev", "r2.dev",
        "netlify.app", "vercel.app", "herokuapp.com", "glitch.me", "weebly.com", "wixsite.com", "wordpress.com",
        "blogspot.com", "000webhostapp.com", "ngrok.io", "ngrok-free.app", "notion.site", "webflow.io", "square.site",
        "godaddysites.com", "mailchimpsites.com", "typeform.com", "zohopublic.com", "canva.site", "myshopify.com",
        "framer.website", "framer.app", "replit.app", "repl.co", "onrender.com", "fly.dev", "surge.sh", "ipfs.dweb.link",
        "docsend.com", "jimdosite.com", "strikingly.com", "carrd.co", "glide.page", "my.canva.site",
    ]

    static let wrappers: Set<String> = [
        "safelinks.protection.outlook.com", "urldefense.com", "urldefense.proofpoint.com", "protect2.fireeye.com",
        "clicktime.symantec.com", "linkprotect.cudasvc.com", "protect-eu.mimecast.com", "protect-us.mimecast.com",
        "protect-au.mimecast.com", "protect-za.mimecast.com", "url.emailprotection.link", "secure-web.cisco.com",
        "scanner.topsec.com", "eu1.smartlinks.trendmicro.com", "imsva91-ctp.trendmicro.com", "link.edgepilot.com",
        "shared.outlook.inky.com", "url.avanan.click", "us.content.cisco.com",
    ]

    /// Image and asset hosts of big senders, which brand-imitating phishing hot-links and the brands'
    /// real mail uses too (hosts within ``SharedDomains/bigSenders`` and freemail domains count as well).
    static let brandAssets: Set<String> = [
        "paypalobjects.com", "ebaystatic.com", "ebayimg.com", "media-amazon.com", "ssl-images-amazon.com",
        "images-amazon.com", "fbcdn.net", "licdn.com", "twimg.com", "nflxext.com", "nflximg.net", "cdn-apple.com",
        "mzstatic.com", "msecnd.net", "office.net", "s-microsoft.com", "microsoftstore.com", "dhl.de", "dhl.com",
        "docusign.net", "adobelogin.com", "dropboxstatic.com", "googleusercontent.com", "ggpht.com", "ytimg.com",
    ]

    static let infrastructure: Set<String> = [
        "w3.org", "schemas.microsoft.com", "schemas.openxmlformats.org", "purl.org", "ns.adobe.com", "schema.org",
        "xmlns.com", "fonts.googleapis.com", "fonts.gstatic.com", "ajax.googleapis.com", "gstatic.com",
        "google.com", "www.google.com", "googleapis.com", "microsoft.com", "office.com", "office365.com",
        "outlook.com", "live.com", "microsoftonline.com", "windows.net", "apple.com", "icloud.com", "facebook.com",
        "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "youtube.com", "youtu.be", "pinterest.com",
        "tiktok.com", "whatsapp.com", "play.google.com", "apps.apple.com", "itunes.apple.com", "gravatar.com",
        "yahoo.com", "gmail.com", "wikipedia.org", "mozilla.org", "adobe.com", "get.adobe.com", "example.com",
        "example.org", "example.net", "localhost",
    ]
}
