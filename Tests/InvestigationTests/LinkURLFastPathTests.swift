import Testing
@testable import Investigation

/// The byte path of ``LinkURL`` (links written with a scheme that has no host: `data:`, `cid:`,
/// `mailto:`, ...) must read every link exactly as the general scalar path does, and leave every other
/// link to it.
@Suite
struct LinkURLFastPathTests {
    static let links = [
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
        "cid:002901c22f43$a47d8900$0100007f@tuan", "mailto:a@evil.example?subject=Hi there&body=x",
        "MAILTO:Billing@B%C3%BCcher.example,b@y.example", "mailto:", "javascript:alert(1)", "tel:+1-555-0100",
        "news://host.example/x", "x-y.z+w:rest", "example.com:8080/x", "example.com:8080", "a:123?", "a:12x",
        "host:80#frag", " mailto:x@y.example", "mailto:x@y.example ", "mailto:x@\ty.example", "mailto:x@y.example\u{A0}",
        "hxxp://evil.example/", "https://a.example/", "HTTP://A.example", "file:///etc/passwd", "wss:x", "1a:b", ":x",
        "cid:\u{E9}t\u{E9}", "mailto:\u{1F600}@x.example", "data:text/html,<a href=x>y</a>", "weird:%0A", "a.b:c",
    ]

    @Test(arguments: links)
    func byteReadingAgreesWithScalarReading(_ link: String) {
        #expect(LinkURL(link) == LinkURL(link, readingBytesFirst: false), "\(link)")
    }

    @Test func scalarStringsKeepEveryScalar() {
        let scalars = Array("a\u{E9}\u{1F600}z/\u{0}".unicodeScalars)
        #expect(String(scalars: scalars[...]) == "a\u{E9}\u{1F600}z/\u{0}")
        #expect(String(scalars: scalars[1..<3]) == "\u{E9}\u{1F600}")
        #expect(String(scalars: scalars[0..<0]).isEmpty)
    }
}
