/// What follows the first top-level value of a file.
struct ValueSurroundings {
    /// The value holds no line break.
    var valueIsOneLine: Bool
    /// The next value starts on a later line than the one the value ends on.
    var nextStartsOnLaterLine: Bool
}

extension ByteWindow {
    /// Scans the object or array starting at stream offset `start` (inside the window) to its end,
    /// strings and brackets only, then past the white space after it; `nil` when the text ends
    /// first (no other value follows). Reads through a second window over the same text, so this
    /// window is left as it is and nothing is kept, however large the value.
    func lookPastValue(at start: Int) -> ValueSurroundings? {
        let ahead = rereading(from: start, capacity: Self.lookAheadCapacity)
        var scan = ScanState()
        var k = start
        var oneLine = true
        var valueEnd: Int?
        while valueEnd == nil {
            if k >= ahead.end {
                guard ahead.fill(keeping: k, maxCapacity: ahead.capacity) == .more else { return nil }
                continue
            }
            let from = k - ahead.base
            let index = ahead.withUnsafeBytes { scanForValueEnd($0, from: from, end: ahead.count, state: &scan) }
            let stop = index ?? ahead.count
            if oneLine, stop > from, let lineBreak = ahead.firstIndex(of: 0x0A, from: k), lineBreak < ahead.base + stop { oneLine = false }
            if let index { valueEnd = ahead.base + index } else { k = ahead.end }
        }
        guard let valueEnd else { return nil }
        k = valueEnd
        var laterLine = false
        while true {
            if k >= ahead.end {
                guard ahead.fill(keeping: k, maxCapacity: ahead.capacity) == .more else { return nil }
                continue
            }
            switch ahead.byte(at: k) {
            case 0x20, 0x09, 0x0D: k += 1
            case 0x0A: laterLine = true; k += 1
            default: return ValueSurroundings(valueIsOneLine: oneLine, nextStartsOnLaterLine: laterLine)
            }
        }
    }

    /// The look-ahead's buffer (a fixed size: what it finds does not depend on it).
    private static let lookAheadCapacity = 64 << 10
}

/// State of a structural scan that can continue in the next buffer.
struct ScanState {
    var depth = 0
    var inString = false
    var escaped = false
}

/// Scans for the end of the container that starts the scan (string-aware). Returns the buffer index
/// just after it, or `nil` when `end` came first (the state continues in the next buffer).
func scanForValueEnd(_ p: UnsafePointer<UInt8>, from: Int, end: Int, state: inout ScanState) -> Int? {
    var i = from
    while i < end {
        if state.inString {
            if state.escaped {
                state.escaped = false
                i += 1
                continue
            }
            let j = findQuoteOrBackslash(p, i, end)
            if j >= end { return nil }
            if p[j] == UInt8(ascii: "\\") {
                state.escaped = true
                i = j + 1
                continue
            }
            state.inString = false
            i = j + 1
            continue
        }
        switch p[i] {
        case UInt8(ascii: "\""): state.inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): state.depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            state.depth -= 1
            if state.depth <= 0 { return i + 1 }
        default: break
        }
        i += 1
    }
    return nil
}
