/// A sender or recipient as Outlook stores it: a display name, an address type (`SMTP`, `EX`) and the
/// address of that type, and the SMTP address when the store knows it.
public struct OutlookAddress: Sendable, Hashable {
    /// The display name, if any.
    public var name: String?
    /// The address type as stored (`SMTP`, `EX` for Exchange X.500 addresses), if any.
    public var addressType: String?
    /// The address of that type as stored (`alice@example.com`, `/o=Org/ou=.../cn=alice`).
    public var storedAddress: String?
    /// The SMTP address: PidTagSmtpAddress / PidTagSenderSmtpAddress, or the stored address when its
    /// type is SMTP (or it looks like one).
    public var smtpAddress: String?

    public init(name: String?, addressType: String?, storedAddress: String?, smtpAddress: String?) {
        self.name = name
        self.addressType = addressType
        self.storedAddress = storedAddress
        var smtp = smtpAddress
        if smtp == nil, let stored = storedAddress, addressType?.uppercased() == "SMTP" || Self.looksLikeSMTP(stored) {
            smtp = stored
        }
        self.smtpAddress = smtp
    }

    /// The address investigations see: SMTP when known, else the stored (X.500) address; `nil` when
    /// only a display name is stored (an unsent draft's sender, a one-off recipient).
    public var bestAddress: String? { smtpAddress ?? storedAddress }

    /// Whether the address investigations see is not an SMTP address.
    public var isSMTP: Bool { smtpAddress != nil }

    /// `local@domain` with no white space, slash or `=` (an X.500 DN has both).
    static func looksLikeSMTP(_ s: String) -> Bool {
        guard let at = s.firstIndex(of: "@"), at != s.startIndex, s.index(after: at) != s.endIndex else { return false }
        return !s.contains { $0 == " " || $0 == "/" || $0 == "=" }
    }
}

/// A row of the message's recipient table.
public struct OutlookRecipient: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case to, cc, bcc
    }

    public var kind: Kind
    public var address: OutlookAddress

    public init(kind: Kind, address: OutlookAddress) {
        self.kind = kind
        self.address = address
    }
}
