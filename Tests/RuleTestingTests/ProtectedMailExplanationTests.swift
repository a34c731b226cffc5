import Foundation
import Testing
@testable import RuleTesting

/// `dragnet test` names encrypted and rights-protected content as why a body filter could not decide.
@Suite
struct ProtectedMailExplanationTests {
    @Test func aMissingMatchOnEncryptedMailSaysTheBodyIsProtected() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let inbox = Paths.fixture("protected/mail/analyst@fabrikam.example/Inbox")
        try scratch.copy(inbox + "/smime-enveloped-x-type.eml", to: "samples/smime.eml")
        try scratch.copy(inbox + "/rpmsg.eml", to: "samples/rpmsg.eml")
        try scratch.write("lure.yaml", """
            name: Lure
            filters:
              - keyword: wire transfer
            expect: {match: [smime.eml, rpmsg.eml]}
            """)
        let run = RuleTestRunner(workers: 1, toolVersion: "test").run(arguments: [scratch.root])
        let result = try #require(run.results.first { $0.name == "lure" })
        let reasons = result.problems.flatMap(\.reasons).sorted()
        #expect(reasons == [
            #"f1 (keyword contains "wire transfer") unknown (body encrypted or rights-protected: S/MIME)"#,
            #"f1 (keyword contains "wire transfer") unknown (body encrypted or rights-protected: rights management (RPMSG))"#,
        ])
    }
}
