public import MailModel

/// How a matched link is shown as evidence (§6): the original link, and the gateways that wrapped it.
///
/// - `https://evil-login.example/login (via nam02.safelinks.protection.outlook.com)`
/// - `https://evil-login.example/login (via nam02.safelinks.protection.outlook.com, urldefense.com)` (nested)
/// - `https://url.uk.m.mimecastprotect.com/s/Ab1?domain=evil-login.example (target hidden; domain evil-login.example)`
/// - a link no gateway wrote: the link as written.
public enum LinkEvidence {
    public static func text(_ link: MailLink) -> String {
        guard let unwrapped = link.unwrapped else { return link.url }
        var notes: [String] = []
        let peeled = unwrapped.via.prefix(unwrapped.layers.count)
        if !peeled.isEmpty { notes.append("via " + peeled.joined(separator: ", ")) }
        if let hint = unwrapped.domainHint { notes.append("target hidden; domain \(hint)") }
        let shown = unwrapped.original ?? link.url
        return notes.isEmpty ? shown : shown + " (" + notes.joined(separator: "; ") + ")"
    }
}
