// The only file that imports CRE2: the C boundary is one file thick (code-style anchors §4).
private import CRE2

/// A compiled RE2 pattern.
///
/// RE2 matches in time linear in the text, so no pattern — a user's or an attacker's — can hang a run
/// (product §6 `regex`, §13). The syntax is RE2's (`(?i)`, `\b`, `\pL`, `\d`, ...); backreferences and
/// look-around do not exist in it and are reported as invalid.
///
/// Patterns and texts are UTF-8. Matching is leftmost-first (Perl-like, not POSIX longest) and
/// unanchored: `^`/`$` anchor at the start/end of the text unless the pattern turns on `(?m)`.
///
/// ```swift
/// let regex = try RE2Regex(#"\binv[-_ ]?\d{6}\b"#, caseSensitive: false)
/// regex.matches("Your INV-123456 is overdue")   // true
/// ```
///
/// An instance owns the compiled program and releases it when it is deallocated. It is immutable
/// after `init` and RE2 programs are safe to match from several threads at once, so one instance can
/// be shared by every task of a run.
@safe public final class RE2Regex: Sendable {
    /// The pattern as written.
    public let pattern: String
    public let isCaseSensitive: Bool
    /// The memory limit the pattern was compiled with, in bytes.
    public let maxMemory: Int

    /// The compiled program. Never mutated after `init`; RE2's const matching is thread-safe.
    private nonisolated(unsafe) let handle: OpaquePointer

    /// Default memory budget of a compiled pattern (programs plus DFA caches): 8 MiB, RE2's own default.
    /// A DFA that fills its share flushes its cache or falls back to the NFA: still linear time.
    public static let defaultMaxMemory = 8 << 20

    /// Compiles `pattern` (RE2 syntax). Throws ``RegexError`` with RE2's own message when it is invalid.
    public convenience init(_ pattern: String, caseSensitive: Bool = true) throws(RegexError) {
        try self.init(pattern, caseSensitive: caseSensitive, maxMemory: RE2Regex.defaultMaxMemory)
    }

    /// Compiles `pattern` with an explicit memory budget in bytes.
    ///
    /// - Throws: ``RegexError`` `regex.invalid` with RE2's message (`missing ): (a+`), or
    ///   `regex.too-large` when the program would not fit in `maxMemory`.
    public init(_ pattern: String, caseSensitive: Bool, maxMemory: Int) throws(RegexError) {
        var source = pattern
        let compiled: OpaquePointer? = source.withUTF8 { bytes in
            unsafe bytes.withMemoryRebound(to: CChar.self) { chars in
                unsafe cre2shim_compile(chars.baseAddress, chars.count, caseSensitive ? 0 : 1, Int64(maxMemory))
            }
        }
        guard let compiled = unsafe compiled else {
            throw RegexError(code: RegexCode.tooLarge, message: "out of memory compiling the pattern")
        }
        let status = unsafe cre2shim_status(compiled)
        guard status == Int32(CRE2SHIM_OK) else {
            let message = unsafe String(cString: cre2shim_error(compiled))
            unsafe cre2shim_free(compiled)
            let code = status == Int32(CRE2SHIM_TOO_LARGE) ? RegexCode.tooLarge : RegexCode.invalid
            throw RegexError(code: code, message: message)
        }
        self.pattern = pattern
        self.isCaseSensitive = caseSensitive
        self.maxMemory = maxMemory
        unsafe self.handle = compiled
    }

    deinit {
        unsafe cre2shim_free(handle)
    }

    /// The first match in `text` (unanchored), as a range of `text`, or `nil`.
    ///
    /// The bounds lie on Unicode scalar boundaries (RE2 matches code points). They may fall inside a
    /// grapheme cluster: `e` matches the first scalar of a decomposed `é` (`e` + U+0301).
    public func firstMatch(in text: String) -> Range<String.Index>? {
        var copy = text
        guard let bytes = copy.withUTF8({ unsafe search($0) }) else { return nil }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        let upper = utf8.index(lower, offsetBy: bytes.count)
        return lower..<upper
    }

    /// The byte range of the first match in a UTF-8 buffer (unanchored), or `nil`.
    ///
    /// Invalid UTF-8 is allowed: such bytes never match a character class or `.`.
    public func firstMatch(in utf8: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        unsafe search(utf8)
    }

    /// The byte range of the first match in UTF-8 bytes (unanchored), or `nil`.
    public func firstMatch(in utf8: [UInt8]) -> Range<Int>? {
        unsafe utf8.withUnsafeBufferPointer { unsafe search($0) }
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

    /// Whether the pattern matches anywhere in UTF-8 bytes.
    public func matches(utf8: [UInt8]) -> Bool { firstMatch(in: utf8) != nil }

    private func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        var end = 0
        let found = unsafe bytes.withMemoryRebound(to: CChar.self) { chars in
            unsafe cre2shim_search(handle, chars.baseAddress, chars.count, &start, &end)
        }
        guard found != 0, start <= end, end <= bytes.count else { return nil }
        return start..<end
    }
}
