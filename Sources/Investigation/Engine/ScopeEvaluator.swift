public import MailModel

/// Decides which mailboxes and items an investigation covers (§7).
///
/// - `authorizedDomains`: a mailbox outside them (its domain neither equal to nor a subdomain of one)
///   is never scanned: `not-authorized`. This is checked first.
/// - `mailboxes` and `groups` select the target users: with `mailboxes: all` and no groups, every
///   mailbox; with groups only, their members; with a list of mailboxes (and maybe groups), the listed
///   mailboxes plus the groups' members. Other mailboxes are `out-of-scope`.
/// - A user is one mailbox whatever it is named by: with a directory, a mailbox named by a user's
///   address, UPN or object id stands for all three (listed by one, a folder named by another is in
///   scope; authorized when any of them is in an authorized domain).
/// - `folders`: items in other folders are not evaluated (counted as outside the folders). A folder
///   covers its subfolders: `Inbox` covers `Inbox/Vendors/Sub`.
/// - `dateRange`: on the sending date; an item without a usable date is outside any range and counted
///   as undated.
public struct ScopeEvaluator: Sendable {
    public let scope: Scope
    /// Lower-cased identities of the members of `scope.groups` (by group membership or department).
    public let groupMembers: Set<String>
    /// For each lower-cased identity of a directory user (address, UPN, id), all of that user's.
    private let aliases: [String: Set<String>]
    private let listedMailboxes: Set<String>?
    /// Lower-cased scope folders, and the same with a `/` appended (for subfolders).
    private let folders: Set<String>?
    private let folderPrefixes: [String]

    public init(scope: Scope, groupMembers: Set<String>, aliases: [String: Set<String>] = [:]) {
        self.scope = scope
        self.groupMembers = groupMembers
        self.aliases = aliases
        listedMailboxes = scope.mailboxes.map { Set($0.map { $0.lowercased() }) }
        folders = scope.folders.map { Set($0.map { $0.lowercased() }) }
        folderPrefixes = (scope.folders ?? []).map { $0.lowercased() + "/" }
    }

    /// Why a mailbox is not scanned, or `nil` when it is. Called for every message: no allocation
    /// beyond lower-casing the name.
    public func exclusion(ofMailbox name: String) -> NotScannedReason? {
        let mailbox = name.lowercased()
        let known = aliases[mailbox]  // the user's identities, the name included
        func anyIdentity(_ test: (String) -> Bool) -> Bool {
            if let known { return known.contains(where: test) }
            return test(mailbox)
        }
        if !scope.authorizedDomains.isEmpty, !anyIdentity(isAuthorized) { return .notAuthorized }
        let selectedByGroups = !scope.groups.isEmpty && anyIdentity { groupMembers.contains($0) }
        if let listed = listedMailboxes {
            return selectedByGroups || anyIdentity { listed.contains($0) } ? nil : .outOfScope
        }
        if !scope.groups.isEmpty { return selectedByGroups ? nil : .outOfScope }
        return nil
    }

    /// Whether an address's domain is an authorized domain or a subdomain of one.
    private func isAuthorized(_ identity: String) -> Bool {
        guard let at = identity.utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let domain = identity[identity.utf8.index(after: at)...]
        return scope.authorizedDomains.contains { allowed in
            let allowed = allowed.lowercased()
            return domain == allowed || domain.hasSuffix("." + allowed)
        }
    }

    /// Where an item of a scanned mailbox stands against the folder and date scope.
    public enum ItemPlacement: String, Sendable, Hashable, Codable {
        case inScope
        case outsideFolders
        case undated
        case outsideDateRange
    }

    public func placement(of item: MailItem) -> ItemPlacement {
        if let folders {
            let folder = item.folder.lowercased()
            if !folders.contains(folder), !folderPrefixes.contains(where: { folder.hasPrefix($0) }) { return .outsideFolders }
        }
        if let range = scope.dateRange {
            guard let date = item.date else { return .undated }
            if !range.contains(date) { return .outsideDateRange }
        }
        return .inScope
    }
}
