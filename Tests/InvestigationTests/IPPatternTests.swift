@testable import Investigation
import Testing

@Suite struct IPPatternAddressTests {
    @Test(arguments: [
        ("203.0.113.7", "203.0.113.7"),
        ("[203.0.113.7]", "203.0.113.7"),
        (" 010.000.113.007 ", "10.0.113.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("2001:db8:0::1", "2001:db8::1"),
        ("[IPv6:2001:db8::1]", "2001:db8::1"),
        ("IPV6:2001:db8::1", "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("[fe80::1%25en0]", "fe80::1"),
        ("::", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("::FFFF:cb00:7107", "203.0.113.7"),
        ("64:ff9b::192.0.2.1", "64:ff9b::c000:201"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
    ])
    func parsesEveryTextualForm(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == canonical)
    }

    @Test(arguments: [
        "", "203.0.113", "203.0.113.256", "203.0.113.7.1", "1.2.3.4/24", "203.0.113.-1", "2001:db8:::1",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", ":1::2", "1::2:", "::1.2.3", "2001:db8::g",
        "1::2::3", "contoso.com", "0x7f.0.0.1", "::1.2.3.4:5",
    ])
    func rejectsInvalidText(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func comparesCanonicalBytes() {
        #expect(IPAddress("2001:DB8::1") == IPAddress("2001:db8:0::1"))
        #expect(IPAddress("::ffff:203.0.113.7") == IPAddress("203.0.113.7"))
        #expect(IPAddress("::203.0.113.7") != IPAddress("203.0.113.7"))
    }
}

@Suite struct IPPatternTests {
    @Test func matchesSingleAddresses() throws {
        let v4 = try #require(IPPattern("203.0.113.7"))
        #expect(v4.prefixLength == 32)
        #expect(v4.contains("203.0.113.7"))
        #expect(v4.contains("[203.0.113.7]"))
        #expect(v4.contains("::ffff:203.0.113.7"))
        #expect(!v4.contains("203.0.113.8"))
        #expect(!v4.contains("not an address"))
        let v6 = try #require(IPPattern("2001:DB8::1"))
        #expect(v6.contains("2001:db8:0::1"))
        #expect(v6.contains("[IPv6:2001:0db8:0000:0000:0000:0000:0000:0001]"))
        #expect(!v6.contains("2001:db8::2"))
        #expect(!v6.contains("203.0.113.7"))
    }

    @Test func matchesIPv4CIDRAtItsEdges() throws {
        let block = try #require(IPPattern("203.0.113.0/24"))
        #expect(block.contains("203.0.113.0"))
        #expect(block.contains("203.0.113.255"))
        #expect(!block.contains("203.0.112.255"))
        #expect(!block.contains("203.0.114.0"))
        #expect(block.contains("::ffff:203.0.113.200"))
        let odd = try #require(IPPattern("10.0.0.0/9"))
        #expect(odd.contains("10.127.255.255"))
        #expect(!odd.contains("10.128.0.0"))
        let all = try #require(IPPattern("0.0.0.0/0"))
        #expect(all.contains("255.255.255.255"))
        #expect(!all.contains("2001:db8::1"))
    }

    @Test func clearsHostBitsOfABlock() throws {
        let block = try #require(IPPattern("203.0.113.77/24"))
        #expect(block.description == "203.0.113.0/24")
        #expect(block.contains("203.0.113.1"))
    }

    @Test func matchesIPv6CIDRAtItsEdges() throws {
        let block = try #require(IPPattern("2001:db8::/32"))
        #expect(block.contains("2001:db8::"))
        #expect(block.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(!block.contains("2001:db9::"))
        #expect(!block.contains("2001:db7:ffff::1"))
        let nibble = try #require(IPPattern("2001:db8:abcd:12::/63"))
        #expect(nibble.contains("2001:db8:abcd:13:ffff::"))
        #expect(!nibble.contains("2001:db8:abcd:14::"))
        let all = try #require(IPPattern("::/0"))
        #expect(all.contains("2001:db8::1"))
        #expect(all.contains("203.0.113.7"))
    }

    @Test func meetsIPv4ThroughMappedIPv6Blocks() throws {
        let mapped = try #require(IPPattern("::ffff:203.0.113.0/120"))
        #expect(mapped.description == "203.0.113.0/24")
        #expect(mapped.contains("203.0.113.7"))
        #expect(!mapped.contains("203.0.114.7"))
        let mappedSpace = try #require(IPPattern("::ffff:0:0/96"))
        #expect(mappedSpace.contains("198.51.100.1"))
        let wide = try #require(IPPattern("::ffff:0.0.0.0/95"))
        #expect(wide.contains("198.51.100.1"))
        #expect(wide.contains("::fffe:1:1"))
    }

    @Test(arguments: [
        "203.0.113.0/33", "2001:db8::/129", "203.0.113.0/", "203.0.113.0/-1", "203.0.113.0/x", "/24",
        "203.0.113.0/24/8", "contoso.com", "", "203.0.113.0/0024",
    ])
    func rejectsInvalidValues(_ value: String) {
        #expect(IPPattern(value) == nil)
    }
}
