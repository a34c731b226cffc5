public import MailModel
import GraphExport
import Ingest
import MIME

/// The codes a stateful run (`--state`, `dragnet watch`) produces, and the ones it reads. Each code is stable.
public enum StateCodes {
    /// A file the state recorded below the inputs is no longer there (the report's `run.inputsGone`).
    public static let inputGone = DiagnosticCode("input.gone", .warning)

    /// Every declared code.
    public static let all = [inputGone]

    /// Codes that say a file ended inside a value or a message: a file still being written, for a watch.
    static let cutAtEnd: Set<DiagnosticCode> = [
        GraphDiagnostic.Code.unexpectedEndOfFile.diagnosticCode, IngestCode.mboxTruncatedAtEOF, MIMEDefect.Code.truncated.diagnosticCode,
    ]
}
