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

/// A growing set of 64-bit name hashes (already well mixed: FNV-1a), with linear probing.
struct NameHashSet: Sendable {
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    private var hasZero = false
    private(set) var count = 0

    func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            if slots[slot] == hash { return true }
            slot = (slot + 1) & (slots.count - 1)
        }
        return false
    }

    mutating func insert(_ hash: UInt64) {
        if hash == 0 {
            if !hasZero { hasZero = true; count += 1 }
            return
        }
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            if slots[slot] == hash { return }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = hash
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        for hash in old where hash != 0 {
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = hash
        }
    }
}
