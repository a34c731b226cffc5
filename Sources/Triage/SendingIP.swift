import Foundation
internal import Ingest
internal import Investigation
package import MailModel

/// The first external sending IP of a message (§15): the address that handed the message to the
/// recipient's organisation, as far as its headers tell.
///
/// Only the connecting IP a receiving service recorded counts, in order of trust:
/// `X-Forefront-Antispam-Report` `CIP:`, `Received-SPF` `client-ip=`, `Authentication-Results` `sender
/// IP is`. The `Received` chain alone cannot tell the organisation's relays, forwarders and mailing
/// lists from the sender's (a guess there names a relay that carries everyone's mail), so an address it
/// alone names is only mentioned: read from the top (the receiving side) down, hops whose sending host
/// belongs to the receiving organisation (the top hop's receiving host's registrable domain, the
/// organisation's domains), whose address is private, or that were received by the same machine
/// (`by localhost`) are internal, and the first other hop is the candidate.
///
/// It is left out when it is not an address the `ip` filter sees (``MailItem/senderIPs``), when it is
/// private, or when the hop that sent it is a relay of a shared provider (``SharedDomains``): such an
/// address sends everyone's mail.
package enum SendingIP {
    package struct Found: Sendable, Hashable {
        package var ip: String
        /// Where it was read, for the draft's comment.
        package var origin: String
        /// The host name of the hop that sent it, when the `Received` chain names one.
        package var host: String?
    }

    package enum Outcome: Sendable, Hashable {
        case found(Found)
        /// A candidate was found but not used, and why.
        case rejected(ip: String, reason: String)
        case none(reason: String)
    }

    package static func find(in item: MailItem, organisationDomains: Set<String>) -> Outcome {
        guard let headers = item.headers.value else { return .none(reason: "the export did not collect the message's headers") }
        let senderIPs = Set((item.senderIPs.value ?? []).map { $0.lowercased() })
        let hops = headers.filter { $0.name.lowercased() == "received" }.map { ReceivedHop($0.value) }
        var candidates: [(ip: String, origin: String)] = []
        let recorded: [(header: String, marker: String, origin: String)] = [
            ("x-forefront-antispam-report", "CIP:", "X-Forefront-Antispam-Report CIP (the connecting IP the receiving service recorded)"),
            ("received-spf", "client-ip=", "Received-SPF client-ip"),
            ("authentication-results", "sender IP is ", "Authentication-Results (sender IP is ...)"),
        ]
        for source in recorded {
            for header in headers where header.name.lowercased() == source.header {
                if let ip = value(after: source.marker, in: header.value) { candidates.append((ip, source.origin)) }
            }
        }
        guard !candidates.isEmpty else {
            // The Received chain alone cannot tell the organisation's relays and forwarders from the
            // sender's: a guess there would name a relay that carries everyone's mail.
            if let external = firstExternalHop(hops, organisationDomains: organisationDomains) {
                return .rejected(ip: external.ip, reason: "named only by the Received chain (no receiving service recorded the connecting IP), which cannot tell the organisation's relays and forwarders from the sender's")
            }
            return .none(reason: "no receiving service recorded the connecting IP")
        }
        var rejected: Outcome?
        for candidate in candidates {
            let ip = candidate.ip.lowercased()
            guard let address = IPAddress(ip) else { continue }
            if isPrivate(address) {
                rejected = rejected ?? .rejected(ip: ip, reason: "a private address")
                continue
            }
            guard senderIPs.contains(address.description.lowercased()) || senderIPs.contains(ip) else {
                rejected = rejected ?? .rejected(ip: ip, reason: "not in a Received hop or X-Originating-IP, so the ip filter cannot see it")
                continue
            }
            let host = hops.first { $0.ips.contains(ip) || $0.ips.contains(address.description.lowercased()) }?.fromHost
            if let host, let kind = SharedDomains.kind(of: RegistrableDomain.of(host)) ?? SharedDomains.kind(of: host) {
                return .rejected(ip: ip, reason: "sent by \(host), a relay of a \(kind.rawValue) provider that sends everyone's mail")
            }
            return .found(Found(ip: address.description, origin: candidate.origin, host: host))
        }
        return rejected ?? .none(reason: "no usable address")
    }

    /// The text after `marker` up to `;`, white space or the end (an IP literal), without brackets.
    static func value(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker, options: .caseInsensitive) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "[" }
        let token = rest.prefix { !($0 == ";" || $0 == " " || $0 == ")" || $0 == "]" || $0 == "\t" || $0 == "\r" || $0 == "\n") }
        return token.isEmpty ? nil : String(token)
    }

    /// The first hop, from the top, whose sender is outside the receiving organisation.
    static func firstExternalHop(_ hops: [ReceivedHop], organisationDomains: Set<String>) -> (ip: String, host: String?)? {
        guard let top = hops.first else { return nil }
        var inside = organisationDomains
        if let by = top.byHost { inside.insert(RegistrableDomain.of(by)) }
        for hop in hops {
            // A hop received by the same machine (`by localhost`, an unqualified name) is local hand-over
            // (a content filter re-injecting mail): its sender is inside too.
            if hop.byHost.map({ !$0.contains(".") || $0 == "localhost.localdomain" }) ?? true {
                if let from = hop.fromHost { inside.insert(RegistrableDomain.of(from)) }
                continue
            }
            guard let ip = hop.ips.first(where: { IPAddress($0).map { !isPrivate($0) } ?? false }) else { continue }
            if let host = hop.fromHost, inside.contains(where: { RegistrableDomain.host(host, isWithin: $0) }) {
                if let by = hop.byHost { inside.insert(RegistrableDomain.of(by)) }
                continue
            }
            return (ip, hop.fromHost)
        }
        return nil
    }

    /// Loopback, private (RFC 1918, ULA), link-local, shared (CGNAT) and unspecified addresses.
    static func isPrivate(_ address: IPAddress) -> Bool {
        privateRanges.contains { $0.contains(address) }
    }

    static let privateRanges: [IPPattern] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
        "::/128", "::1/128", "fc00::/7", "fe80::/10",
    ].compactMap { IPPattern($0) }
}

/// One `Received` field: the sending host and its addresses (the `from` clause) and the receiving
/// host (`by`). RFC 5321 §4.4: `"from" domain "(" TCP-info ")" "by" domain ...`.
struct ReceivedHop: Sendable {
    var fromHost: String?
    var byHost: String?
    var ips: [String]

    init(_ value: String) {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        func word(after keyword: String) -> String? {
            guard let index = words.firstIndex(where: { $0.lowercased() == keyword }), index + 1 < words.count else { return nil }
            let host = words[index + 1].trimmingCharacters(in: "[]()<>;")
            return host.isEmpty ? nil : host.lowercased()
        }
        fromHost = word(after: "from")
        byHost = word(after: "by")
        ips = SenderIPExtractor.senderIPs(headers: [(name: "Received", value: value)])
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
