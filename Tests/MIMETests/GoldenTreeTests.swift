import Foundation
import Testing
import MIME

/// Golden MIME trees for every fixture in `Fixtures/mime` (record with `RECORD_GOLDENS=1`), and the
/// same reading for the LF and CRLF forms of each fixture.
@Suite
struct GoldenTreeTests {
    static let fixtures = Fixture.messages(in: "mime")

    @Test(arguments: fixtures)
    func treeMatchesGolden(_ name: String) throws {
        let message = MIMEParser().parse(try Fixture.bytes("mime", name))
        let actual = GoldenRendering.render(message)
        let golden = try Fixture.golden("mime", name.replacingOccurrences(of: ".eml", with: ".tree.txt"), actual)
        #expect(actual == golden)
    }

    @Test(arguments: fixtures)
    func lfAndCRLFReadTheSame(_ name: String) throws {
        let lf = try Fixture.bytes("mime", name)
        let crlf = Fixture.crlf(lf)
        let a = GoldenRendering.structure(MIMEParser().parse(lf))
        let b = GoldenRendering.structure(MIMEParser().parse(crlf))
        #expect(a == b)
    }

    @Test func fixturesArePresent() {
        #expect(Self.fixtures.count >= 40)
    }
}
