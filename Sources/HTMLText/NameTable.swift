/// A fixed table from element or attribute names to what they mean, built once. Lookups happen for
/// every tag and attribute of every document, so they use a multiplicative hash of the packed name
/// and linear probing instead of `Dictionary`'s seeded SipHash.
struct NameTable<Value: Sendable>: Sendable {
    private var keys: [NameKey?]
    private var values: [Value?]
    private let shift: UInt64

    /// `entries` must have distinct keys; the table is kept at most a quarter full.
    init(_ entries: [(NameKey, Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 4 { bits += 1 }
        shift = 64 - bits
        keys = Array(repeating: nil, count: 1 << Int(bits))
        values = Array(repeating: nil, count: 1 << Int(bits))
        for (key, value) in entries {
            var slot = index(of: key)
            while let existing = keys[slot], existing != key { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    subscript(_ key: NameKey) -> Value? {
        var slot = index(of: key)
        while let existing = keys[slot] {
            if existing == key { return values[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    private func index(of key: NameKey) -> Int {
        Int(truncatingIfNeeded: key.mixed >> shift)
    }
}
