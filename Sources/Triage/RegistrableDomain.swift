/// The registrable part of a host name ("eTLD+1"), closely enough for telling one organisation's hosts
/// from another's without the Public Suffix List: the last two labels, or the last three when the
/// last two are a second-level public suffix in ``twoLabelSuffixes`` (`co.uk`, `com.au`, ...).
/// `mail.fabrikam-invoices.example` → `fabrikam-invoices.example`; `a.b.example.co.uk` → `example.co.uk`.
package enum RegistrableDomain {
    package static func of(_ host: String) -> String {
        let labels = host.lowercased().split(separator: ".", omittingEmptySubsequences: true)
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let keep = twoLabelSuffixes.contains(lastTwo) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }

    /// Whether `host` is `domain` or one of its subdomains (both lower-cased).
    package static func host(_ host: String, isWithin domain: String) -> Bool {
        let host = host.lowercased()
        return host == domain || host.hasSuffix("." + domain)
    }

    /// Second-level public suffixes under which organisations register names.
    static let twoLabelSuffixes: Set<String> = [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "net.uk", "ltd.uk", "plc.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr", "co.in", "net.in", "org.in", "gov.in",
        "com.br", "net.br", "org.br", "gov.br", "com.mx", "com.ar", "com.co", "com.pe", "com.ve",
        "com.cn", "net.cn", "org.cn", "gov.cn", "com.hk", "com.tw", "com.sg", "com.my", "com.ph",
        "co.za", "co.il", "co.id", "co.th", "com.tr", "com.sa", "com.eg", "com.ng", "com.pk", "com.ua",
        "com.vn", "co.ke", "com.gh",
    ]
}
