extension Array where Element == UInt8 {
    /// `body` over the array's bytes in place, throwing what `body` throws (`withUnsafeBytes`
    /// rethrows errors untyped, which callers with a typed error cannot pass on).
    public func withRawBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        var outcome: Swift.Result<Result, Failure>!
        withUnsafeBytes { raw in
            do throws(Failure) {
                outcome = .success(try body(raw))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }
}
