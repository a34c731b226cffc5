/// Content of an item that is there but cannot be read offline: encrypted (S/MIME, PGP/MIME, inline
/// PGP) or protected by Microsoft rights management (IRM, Purview / Office 365 Message Encryption).
///
/// Body filters (`keyword`, `regex`, `url`) cannot decide on what is hidden: unless what can be read
/// already matches, the item is unsearchable for them, never a silent non-match. Envelope filters
/// (sender, recipients, subject) and the attachments that can be seen still decide.
public struct ProtectedContent: Sendable, Hashable {
    public enum Protection: String, Sendable, Hashable, CaseIterable {
        /// S/MIME encryption, or S/MIME content that cannot be read (compressed, malformed).
        case smime
        /// PGP/MIME (`multipart/encrypted`).
        case pgpMIME = "pgp-mime"
        /// An OpenPGP message block in body text.
        case pgpInline = "pgp-inline"
        /// Microsoft rights management (`message.rpmsg`).
        case rightsManagement = "rights-management"

        /// A name for people.
        public var displayName: String {
            switch self {
            case .smime: "S/MIME"
            case .pgpMIME: "PGP/MIME"
            case .pgpInline: "inline PGP"
            case .rightsManagement: "rights management (RPMSG)"
            }
        }
    }

    public var protection: Protection
    /// MIME part path (or JSON pointer) of the protected content.
    public var path: String

    public init(protection: Protection, path: String) {
        self.protection = protection
        self.path = path
    }
}
