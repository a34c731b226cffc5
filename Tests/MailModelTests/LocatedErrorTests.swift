import Testing
import MailModel

@Suite
struct LocatedErrorTests {
    static let code = DiagnosticCode("test.bad-thing", .error)
    static let lossy = DiagnosticCode("test.cut", .warning, partlyRead: true)

    @Test func rendersLikeACompiler() {
        #expect(LocatedError(code: Self.code, message: "it is bad", path: "a.yaml", line: 3, column: 5).description
            == "a.yaml:3:5: error: [test.bad-thing] it is bad")
        #expect(LocatedError(code: Self.code, message: "no position", path: "b.yaml").description == "b.yaml: error: [test.bad-thing] no position")
        #expect(LocatedError(code: Self.code, message: "m", path: "c.yaml", line: 1, column: 2, severity: .warning).description
            == "c.yaml:1:2: warning: [test.bad-thing] m")
        #expect(LocatedError(code: Self.code, message: "cannot write", path: CompilerStyleLine.programName).description
            == "dragnet: error: [test.bad-thing] cannot write")
    }

    @Test func severityComesFromTheCode() {
        #expect(LocatedError(code: Self.code, message: "m", path: "p").severity == .error)
        #expect(LocatedError(code: Self.lossy, message: "m", path: "p").isWarning)
        let diagnostic = Diagnostic(code: Self.lossy, message: "m", location: SourceLocation(path: "p"))
        #expect(diagnostic.severity == .warning && diagnostic.isPartlyRead && !diagnostic.losesInput)
        let lowered = Diagnostic(code: Self.code, message: "m", location: SourceLocation(path: "p"), severity: .note)
        #expect(lowered.severity == .note && !lowered.losesInput)
        #expect(Diagnostic(LocatedError(code: Self.code, message: "gone", path: "x.eml")).losesInput)
    }

    @Test func diagnosticsUseTheSameRenderer() {
        let diagnostic = Diagnostic(
            code: Self.lossy, message: "cut short",
            location: SourceLocation(path: "box/1.eml", byteOffset: 42, line: 7, partPath: "1.2"))
        #expect(diagnostic.compilerStyle == "box/1.eml:7: warning: [test.cut] cut short (part 1.2, byte 42)")
    }

    @Test func evidenceCannotReachTheTerminal() {
        let error = LocatedError(code: Self.code, message: "name \u{1B}[2J\u{202E}fdp.exe", path: "in\nbox/\u{7}.eml")
        #expect(error.description == "in\u{240A}box/\u{2407}.eml: error: [test.bad-thing] name \u{241B}[2J[U+202E]fdp.exe")
    }

    @Test func codesCompareByTheirText() {
        #expect(DiagnosticCode("test.x", .error) == DiagnosticCode("test.x", .note, partlyRead: true))
        #expect(Set([DiagnosticCode("test.x", .error), DiagnosticCode("test.x", .warning)]).count == 1)
        #expect(DiagnosticCode("test.a", .error) < DiagnosticCode("test.b", .error))
    }

    @Test func exitStatusOfARunThatRead() {
        #expect(ExitStatus.reading(lostInput: false) == .success)
        #expect(ExitStatus.reading(lostInput: true).rawValue == 3)
        #expect(ExitStatus.failure.rawValue == 1 && ExitStatus.invalidInput.rawValue == 2)
    }
}
