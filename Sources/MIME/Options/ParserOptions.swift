/// How the parser reads a message. A value type: derive a changed copy with `var`.
public struct ParserOptions: Sendable {
    /// Limits on nesting, parts, header size, line length and decoded size.
    public var limits: ParserLimits = .default
    /// Called for every defect as it is recorded (defects are also attached to their entity).
    public var defectObserver: (@Sendable (MIMEDefect) -> Void)?

    public init(limits: ParserLimits = .default, defectObserver: (@Sendable (MIMEDefect) -> Void)? = nil) {
        self.limits = limits
        self.defectObserver = defectObserver
    }

    /// The default options.
    public static let `default` = ParserOptions()
}
