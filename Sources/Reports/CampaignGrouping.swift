public import Investigation

/// Groups match rows into campaigns (§15): "copies that share a Message-ID, else the same sender and
/// normalized subject, else the same attachment digest or the same set of link hosts".
///
/// - Rows with the same Message-ID are one campaign; so are rows with the same sender address
///   (case-insensitive) and normalized subject (``normalizedSubject(_:)``), so a mailing sent with one
///   Message-ID per recipient is one campaign too. A forward has its own Message-ID and sender: it
///   stays apart from the mail it forwards.
/// - A row with neither a Message-ID nor a sender and subject joins the rows that share an attachment
///   SHA-256 with it, else those with exactly its (non-empty) set of link hosts; with nothing to share
///   it is a campaign of its own. (Rows carry their digests always, their link hosts when the run read
///   links or when the row has neither key: see ``MatchRow/linkHosts``.)
/// - Order: most copies first, then by the first match; ids `c1`, `c2`, ... in that order. The same
///   rows always give the same campaigns, ids and order.
public enum CampaignGrouping {
    public static func group(_ rows: [MatchRow]) -> CampaignIndex {
        var sets = DisjointSets(count: rows.count)
        // Rows read in place (`rows.map` would copy each whole row, a retain per field); each key
        // hashed there too, on every core: the joining below is one core's, by integers.
        let keys = rows.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            return chunkedMap(count: buffer.count) { index in
                unsafe strongKeys(buffer[index]).map { HashedKey(key: $0, hash: $0.hashValue) }
            }
        }
        // The first row with a key of each hash (sized once: grown row by row, it would rehash
        // again and again), and by key the rare keys whose hash another key has.
        var firstByHash: [Int: Int] = [:]
        firstByHash.reserveCapacity(rows.count * 2)
        var firstByCollidingKey: [StrongKey: Int] = [:]
        for index in keys.indices {
            for slot in keys[index].indices {
                let hash = keys[index][slot].hash
                // One lookup: the hash's first row, `index` itself when the hash is new (and then stored).
                let first = storedOrInserted(&firstByHash[hash, default: index])
                guard first != index else { continue }
                if keys[first].contains(where: { $0.key == keys[index][slot].key }) {
                    sets.union(first, index)
                } else {
                    let other = storedOrInserted(&firstByCollidingKey[keys[index][slot].key, default: index])
                    if other != index { sets.union(other, index) }
                }
            }
        }
        // Rows without a strong key: among themselves by digest or host set, then onto the first
        // keyed row sharing either (one campaign at most, so a lone row never bridges two campaigns).
        let weak = keys.indices.filter { keys[$0].isEmpty }
        var weakFirst: [String: Int] = [:]
        for index in weak {
            for key in weakKeys(rows[index]) {
                if let first = weakFirst[key] { sets.union(first, index) } else { weakFirst[key] = index }
            }
        }
        // Only rows without a strong key look these up: none, no table (most reports).
        var keyedByWeakKey: [String: Int] = [:]
        for index in rows.indices where !weak.isEmpty && !keys[index].isEmpty {
            for key in weakKeys(rows[index]) where keyedByWeakKey[key] == nil { keyedByWeakKey[key] = index }
        }
        var joined = Set<Int>()
        for index in weak {
            let root = sets.find(index)
            guard !joined.contains(root) else { continue }
            if let target = weakKeys(rows[index]).compactMap({ keyedByWeakKey[$0] }).min() {
                joined.insert(root)
                sets.union(target, index)
            }
        }

        var members: [Int: [Int]] = [:]
        members.reserveCapacity(rows.count)
        for index in rows.indices { members[sets.find(index), default: []].append(index) }
        let groups = members.values.map { $0.sorted() }.sorted { a, b in
            a.count != b.count ? a.count > b.count : a[0] < b[0]
        }
        let campaigns = chunkedMap(count: groups.count) { number in
            campaign(id: "c\(number + 1)", indexes: groups[number], rows: rows, keys: keys)
        }
        var campaignOfMatch = Array(repeating: "", count: rows.count)
        for campaign in campaigns {
            for index in campaign.matchIndexes { campaignOfMatch[index] = campaign.id }
        }
        return CampaignIndex(campaigns: campaigns, campaignOfMatch: campaignOfMatch)
    }

    /// The value at a `subscript(_:default:)` slot: reading it through `inout` stores the default
    /// when the key was absent, with the one hash of the key.
    @inline(__always)
    private static func storedOrInserted(_ value: inout Int) -> Int { value }

    /// A strong key with its hash, worked out once.
    struct HashedKey: Sendable {
        let key: StrongKey
        let hash: Int
    }

    /// A key rows are joined by. Compared and hashed by its parts; its text (a campaign's `key`) is
    /// made only for the campaigns, not for every row.
    enum StrongKey: Hashable {
        case messageID(String)
        case senderSubject(from: String, subject: String)

        var text: String {
            switch self {
            case .messageID(let id): "message-id:" + id
            case .senderSubject(let from, let subject): "sender-subject:" + from + "|" + subject
            }
        }

        var isMessageID: Bool {
            if case .messageID = self { true } else { false }
        }
    }

    /// Message-ID and sender-and-subject keys of a row.
    static func strongKeys(_ row: MatchRow) -> [StrongKey] {
        var keys: [StrongKey] = []
        if let key = messageIDKey(row) { keys.append(key) }
        if let key = senderSubjectKey(row) { keys.append(key) }
        return keys
    }

    static func messageIDKey(_ row: MatchRow) -> StrongKey? {
        guard let id = row.messageID?.trimmingBlanks, !id.isEmpty else { return nil }
        return .messageID(id)
    }

    static func senderSubjectKey(_ row: MatchRow) -> StrongKey? {
        guard let from = row.from?.trimmingBlanks.lowercased(), !from.isEmpty,
            let subject = row.subject.map(normalizedSubject), !subject.isEmpty
        else { return nil }
        return .senderSubject(from: from, subject: subject)
    }

    /// Attachment digest and link-host-set keys of a row.
    static func weakKeys(_ row: MatchRow) -> [String] {
        var keys = Set(row.attachmentSHA256).sorted().map { "attachment-sha256:" + $0 }
        if !row.linkHosts.isEmpty { keys.append("link-hosts:" + Set(row.linkHosts).sorted().joined(separator: ",")) }
        return keys
    }

    static func campaign(id: String, indexes: [Int], rows: [MatchRow], keys: [[HashedKey]]) -> Campaign {
        // Fields read in place: copying thousands of whole rows costs more than the grouping.
        let (basis, key) = basisAndKey(indexes: indexes, rows: rows, keys: keys)
        if indexes.count == 1 {
            // Most campaigns are one match: its own fields, without the sets and filters below.
            let row = indexes[0]
            let seen = rows[row].receivedDate ?? rows[row].date
            let isRead = rows[row].isRead
            return Campaign(
                id: id, basis: basis, key: key, matchIndexes: indexes, mailboxes: [rows[row].mailbox], firstSeen: seen, lastSeen: seen,
                read: isRead == true ? 1 : 0, unread: isRead == false ? 1 : 0, readUnknown: isRead == nil ? 1 : 0,
                subject: rows[row].subject, from: rows[row].from)
        }
        let seen = indexes.compactMap { rows[$0].receivedDate ?? rows[$0].date }
        let first = indexes[0]
        return Campaign(
            id: id, basis: basis, key: key, matchIndexes: indexes, mailboxes: Array(Set(indexes.map { rows[$0].mailbox })).sorted(),
            firstSeen: seen.min(), lastSeen: seen.max(),
            read: indexes.filter { rows[$0].isRead == true }.count, unread: indexes.filter { rows[$0].isRead == false }.count,
            readUnknown: indexes.filter { rows[$0].isRead == nil }.count, subject: rows[first].subject, from: rows[first].from)
    }

    /// The strongest key every member shares, else `related` with the first member's strongest key.
    static func basisAndKey(indexes: [Int], rows: [MatchRow], keys: [[HashedKey]]) -> (Campaign.Basis, String) {
        func shared<Key: Equatable>(_ make: (Int) -> Key?) -> Key? {
            guard let first = make(indexes[0]), indexes.dropFirst().allSatisfy({ make($0) == first }) else { return nil }
            return first
        }
        // The strong keys as ``strongKeys(_:)`` made them (Message-ID first, sender and subject last):
        // not made again per member.
        if let key = shared({ keys[$0].first.flatMap { $0.key.isMessageID ? $0.key : nil } }) { return (.messageID, key.text) }
        if let key = shared({ keys[$0].last.flatMap { $0.key.isMessageID ? nil : $0.key } }) { return (.senderSubject, key.text) }
        let digestSets = indexes.map { Set(rows[$0].attachmentSHA256) }
        if let common = digestSets.dropFirst().reduce(digestSets[0], { $0.intersection($1) }).sorted().first {
            return (.attachment, "attachment-sha256:" + common)
        }
        if let hosts = shared({ rows[$0].linkHosts.isEmpty ? nil : Set(rows[$0].linkHosts).sorted().joined(separator: ",") }) {
            return (.linkHosts, "link-hosts:" + hosts)
        }
        if indexes.count == 1 { return (.single, "match:\(indexes[0])") }
        let first = keys[indexes[0]].first?.key.text ?? weakKeys(rows[indexes[0]]).first ?? "match:\(indexes[0])"
        return (.related, first)
    }

    /// A subject as campaigns compare it: reply and forward prefixes (`Re:`, `Fwd:`, `AW:`, `WG:`,
    /// `TR:`, `RV:`, `SV:`, ...) and gateway tags (`[EXTERNAL]`, `[SPAM]`, `*****SPAM*****`) removed
    /// from the start, however often; white space runs made one space; lower-cased.
    public static func normalizedSubject(_ subject: String) -> String {
        if let ascii = collapsedLowercaseASCIIBytes(subject) { return strippingPrefixesASCII(ascii) }
        var text = subject.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
        var changed = true
        while changed {
            changed = false
            for tag in gatewayTags where text.hasPrefix(tag) {
                text = String(text.dropFirst(tag.count)).trimmingBlanks
                changed = true
            }
            if let colon = text.firstIndex(of: ":"), replyPrefixes.contains(String(text[..<colon]).trimmingBlanks) {
                text = String(text[text.index(after: colon)...]).trimmingBlanks
                changed = true
            }
        }
        return text
    }

    /// ``normalizedSubject(_:)``'s removal of tags and prefixes, the same steps on the bytes of an ASCII
    /// subject already collapsed and lower-cased (there a `Character` is a byte: no CR LF pair is left).
    /// The `Character` path (`hasPrefix` for every tag, `firstIndex(of: ":")`) cost tens of thousands of
    /// instructions per row, at the end of the run, on one core.
    static func strippingPrefixesASCII(_ bytes: [UInt8]) -> String {
        func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            // ASCII white space (Unicode White_Space): tab, LF, VT, FF, CR, space.
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var slice = slice
            while let first = slice.first, isBlank(first) { slice.removeFirst() }
            while let last = slice.last, isBlank(last) { slice.removeLast() }
            return slice
        }
        var text = bytes[...]
        var changed = true
        while changed {
            changed = false
            // Compared with each tag only when it starts as one does; looked up among the reply
            // prefixes only when no longer than the longest (most subjects are neither).
            if let first = text.first, gatewayTagFirstBytes.contains(first) {
                for tag in gatewayTagBytes where text.starts(with: tag) {
                    text = trimmed(text.dropFirst(tag.count))
                    changed = true
                }
            }
            if let colon = text.firstIndex(of: 0x3A) {
                let prefix = trimmed(text[..<colon])
                if prefix.count <= longestReplyPrefix, replyPrefixBytes.contains(Array(prefix)) {
                    text = trimmed(text[(colon + 1)...])
                    changed = true
                }
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// For an ASCII subject, what splitting at white space, joining with one space and lower-casing
    /// give, done on the bytes (the `Character` path is slow on thousands of rows); nil otherwise.
    static func collapsedLowercaseASCII(_ subject: String) -> String? {
        collapsedLowercaseASCIIBytes(subject).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``collapsedLowercaseASCII(_:)`` as bytes.
    static func collapsedLowercaseASCIIBytes(_ subject: String) -> [UInt8]? {
        var subject = subject
        return subject.withUTF8 { bytes -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                // The ASCII characters with Unicode's White_Space property: tab, LF, VT, FF, CR, space.
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return out
        }
    }

    static let replyPrefixes: Set<String> = [
        "re", "fw", "fwd", "aw", "wg", "tr", "rv", "sv", "vs", "antw", "ref", "r", "i", "enc", "doorst", "vl", "odp", "pd",
    ]
    static let gatewayTags = [
        "[external]", "[ext]", "[extern]", "[spam]", "[suspicious]", "[warning]", "[caution]", "[phish]", "[phishing]",
        "[bulk]", "*****spam*****", "***spam***", "[possible spam]",
    ]
    static let replyPrefixBytes = Set(replyPrefixes.map { Array($0.utf8) })
    static let longestReplyPrefix = replyPrefixBytes.map(\.count).max() ?? 0
    static let gatewayTagBytes = gatewayTags.map { Array($0.utf8) }
    /// The bytes a gateway tag can start with (`[`, `*`).
    static let gatewayTagFirstBytes = Array(Set(gatewayTagBytes.compactMap(\.first))).sorted()
}

/// Union-find over row indexes (path halving; the smaller index is the root, so roots are stable).
private struct DisjointSets {
    var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        // Starting and ending with an ASCII byte that is not white space: no blank to trim (a
        // `Character` there is that one scalar), and the slow `Character` walk is spared.
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80, !Self.isASCIIBlank(first), !Self.isASCIIBlank(last) {
            return self
        }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// The ASCII characters with Unicode's White_Space property: tab, LF, VT, FF, CR, space.
    fileprivate static func isASCIIBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
