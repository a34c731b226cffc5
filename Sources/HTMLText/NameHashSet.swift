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
