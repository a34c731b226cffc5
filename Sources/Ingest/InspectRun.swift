public import MIME
import MailModel

/// `dragnet inspect`: reads every message below the given paths and renders how it was read.
package struct InspectRun: Sendable {
    package enum Format: String, Sendable, CaseIterable {
        /// One §10 JSON object per message.
        case jsonl
        /// An indented MIME tree per message.
        case tree
    }

    package var format: Format
    package var workers: Int
    package var options: ParserOptions

    package init(format: Format, workers: Int, options: ParserOptions = .default) {
        self.format = format
        self.workers = workers
        self.options = options
    }

    /// What reading one file produced.
    enum Outcome: Sendable {
        case rendered([UInt8])
        case unreadable(IngestError)
        case unrecognised(String)
    }

    /// Runs over `paths`; `write` receives report bytes in a deterministic order and `warn` one line
    /// per problem. Returns the exit status (§9): 0, or 3 when some input could not be read.
    package func run(paths: [String], write: ([UInt8]) -> Void, warn: (String) -> Void) -> Int32 {
        let walker = InputWalker(paths: paths)
        var status: Int32 = 0
        let format = self.format
        let parser = MIMEParser(options: options)
        let limits = options.limits
        OrderedParallelMap<InputWalker.Entry, Outcome>(workers: workers).run(walker.files) { entry in
            Self.process(entry.path, format: format, parser: parser, limits: limits)
        } consume: { _, outcome in
            switch outcome {
            case .rendered(let bytes): write(bytes)
            case .unreadable(let error):
                warn(error.description)
                status = 3
            case .unrecognised(let line): warn(line)
            }
        }
        for error in walker.errors {
            warn(error.description)
            status = 3
        }
        return status
    }

    static func process(_ path: String, format: Format, parser: MIMEParser, limits: ParserLimits) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path)
        } catch {
            return .unreadable(error)
        }
        switch InputFormat.sniff(bytes, path: path) {
        case .eml:
            break
        case .graphJSON:
            return .unrecognised("\(path): warning: [input.unsupported-format] Graph JSON input is not read by this version; skipped")
        case .unrecognised:
            return .unrecognised("\(path): warning: [input.unrecognised] not a mail message; skipped")
        }
        let message = parser.parse(bytes)
        let source = MessageSource(format: "eml", path: path)
        switch format {
        case .jsonl:
            return .rendered(InspectRecord(message: message, source: source, limits: limits).jsonLine())
        case .tree:
            let tree = MIMETreeDescription(limits: limits).render(message)
            return .rendered(Array("== \(path) (eml)\n\(tree)\n".utf8))
        }
    }
}
