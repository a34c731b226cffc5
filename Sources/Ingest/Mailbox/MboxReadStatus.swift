package import MIME

/// The read flag mail clients keep in an mbox message's own headers: `Status: RO` (Berkeley mail,
/// mutt, Thunderbird) and `X-Status` (Eudora, Thunderbird). An `R` in either means read.
package enum MboxReadStatus {
    /// `true` when `Status` or `X-Status` holds an `R`, `false` when either field is present without
    /// one, `nil` when neither is present (unknown: an export that never wrote the flags).
    package static func isRead(_ headers: HeaderFields) -> Bool? {
        let fields = headers.all(named: "Status") + headers.all(named: "X-Status")
        guard !fields.isEmpty else { return nil }
        return fields.contains { field in field.unfoldedBytes.contains(UInt8(ascii: "R")) }
    }
}
