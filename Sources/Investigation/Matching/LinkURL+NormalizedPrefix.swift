extension LinkURL {
    /// Whether ``normalized`` (or, without `includingScheme`, ``normalizedWithoutScheme``) starts with
    /// `prefix`, compared part by part: the normalized form of a `data:` image link is tens of KB, and
    /// building it for every `url` value and link cost more than the rest of the comparison.
    package func normalizedStarts(with prefix: [UInt8], includingScheme: Bool) -> Bool {
        var matched = 0
        /// Compares the next part; `true` once the whole prefix is matched, `nil` to go on.
        func part(_ text: some StringProtocol) -> Bool? {
            for byte in text.utf8 {
                if matched == prefix.count { return true }
                if byte != prefix[matched] { return false }
                matched += 1
            }
            return matched == prefix.count ? true : nil
        }
        if includingScheme {
            if let done = part(scheme) { return done }
            if let done = part(host == nil ? ":" : "://") { return done }
        }
        if let host {
            if let done = part(host.description) { return done }
            if let port, let done = part(":\(port)") { return done }
        }
        if let done = part(rest) { return done }
        return matched == prefix.count
    }
}
