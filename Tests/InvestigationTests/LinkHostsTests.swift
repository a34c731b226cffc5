import Investigation
import MailModel
import Testing

/// Drafts and campaigns take link hosts from where a link leads, never from a mail gateway's wrapper.
@Suite struct LinkHostsTests {
    private func item(_ links: [MailLink]) -> MailItem {
        var item = MailItem(source: MessageSource(format: "eml", path: "x.eml"), mailbox: "a@contoso.example", folder: "Inbox")
        item.links = links
        return item
    }

    @Test func wrappedLinksCountByTheirOriginalHost() {
        let safeLink = MailLink(
            url: "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fa&data=x", text: nil, path: "1",
            unwrapped: UnwrappedLink(layers: ["https://evil-login.example/a"], via: ["nam02.safelinks.protection.outlook.com"]))
        let plain = MailLink(url: "https://contoso-invoices.com/pay", text: nil, path: "1")
        #expect(LinkHosts.hosts(of: item([safeLink, plain])) == ["contoso-invoices.com", "evil-login.example"])
    }

    @Test func anOpaqueWrapperCountsByItsDomainHint() {
        let mimecast = MailLink(
            url: "https://protect-eu.mimecast.com/s/AbCd?domain=evil-login.example", text: nil, path: "1",
            unwrapped: UnwrappedLink(layers: [], via: ["protect-eu.mimecast.com"], domainHint: "Evil-Login.example"))
        #expect(LinkHosts.hosts(of: item([mimecast])) == ["evil-login.example"])
    }
}
