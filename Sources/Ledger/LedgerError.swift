/// Why a state file cannot be used. Printed like a compiler's error (`path: error: [code] message`);
/// the commands exit with status 2.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String
    /// The state file.
    public var path: String

    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): error: [\(code.rawValue)] \(message)" }
}
