/// Why a mailbox found (or named by the scope) was not scanned. The raw values are the report's.
public enum NotScannedReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Outside `authorizedDomains` (checked first).
    case notAuthorized = "not-authorized"
    /// Not in `mailboxes` or `groups`.
    case outOfScope = "out-of-scope"
    /// Nothing of it could be read.
    case unreadable
    /// The scope names it but the export holds no mail of it.
    case notInExport = "not-in-export"

    public var description: String { rawValue }
}

/// Whether a mailbox of a run was scanned, or why not. Its text is `scanned` or the reason's.
public enum MailboxStatus: Sendable, Hashable, CustomStringConvertible {
    case scanned
    case notScanned(NotScannedReason)

    /// `scanned`, `not-authorized`, `out-of-scope`, `unreadable` or `not-in-export`.
    public var rawValue: String {
        switch self {
        case .scanned: "scanned"
        case .notScanned(let reason): reason.rawValue
        }
    }

    /// The status a report writes as `rawValue`.
    public init?(rawValue: String) {
        if rawValue == "scanned" {
            self = .scanned
        } else if let reason = NotScannedReason(rawValue: rawValue) {
            self = .notScanned(reason)
        } else {
            return nil
        }
    }

    public var description: String { rawValue }

    /// Why it was not scanned, or `nil` when it was.
    public var notScannedReason: NotScannedReason? {
        if case .notScanned(let reason) = self { reason } else { nil }
    }
}
extension NotScannedReason: Codable {}
