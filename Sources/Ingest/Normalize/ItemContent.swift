/// What the normalizers build of a message beyond what every item has (addresses, subject, dates,
/// folder, read flag, attachment list, diagnostics). An investigation asks only for what its filters
/// read: one about senders and subjects never reduces HTML to text. Body parts are still
/// transfer-decoded either way (their diagnostics, and files uuencoded in plain text, do not depend on
/// the filters); the diagnostics of charset conversion and of HTML reduction appear only when a filter
/// reads the bodies or their links. Default: everything.
package struct ItemContent: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Body texts: plain parts, HTML reduced to text (`keyword`, `regex`).
    package static let bodies = ItemContent(rawValue: 1 << 0)
    /// Links of plain and HTML bodies (`url`).
    package static let links = ItemContent(rawValue: 1 << 1)
    /// Header fields with decoded values (`header`).
    package static let headers = ItemContent(rawValue: 1 << 2)
    /// Sender IPs from `Received` hops and `X-Originating-IP` (`ip`).
    package static let senderIPs = ItemContent(rawValue: 1 << 3)

    package static let all: ItemContent = [.bodies, .links, .headers, .senderIPs]
}
