/// Recognises mailbox identities in folder names (§3.2). Graph `@odata.context` owners are read by
/// `GraphContext.mailbox(fromContext:)`.
package enum MailboxName {
    /// Whether a folder name is an address or UPN (`local@domain.tld`), the convention for mailbox folders.
    package static func isAddress(_ name: String) -> Bool {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !name.contains(" ") && !name.contains("/")
    }
}
