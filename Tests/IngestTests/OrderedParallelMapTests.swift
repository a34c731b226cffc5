@testable import Ingest
import Testing

@Suite("Ordered parallel map")
struct OrderedParallelMapTests {
    /// Uneven work, so that later items often finish before earlier ones.
    static func work(_ n: Int) -> Int {
        var x = UInt64(truncatingIfNeeded: n)
        for _ in 0..<((n * 7919) % 2_000) { x = x &* 6364136223846793005 &+ 1442695040888963407 }
        return n &* 2 &+ Int(x & 1) &- Int(x & 1)
    }

    @Test("results come back in input order, whatever the number of workers", arguments: [1, 2, 3, 4, 8])
    func order(workers: Int) {
        let items = Array(0..<5_000)
        var results: [Int] = []
        OrderedParallelMap<Int, Int>(workers: workers).run(items, transform: Self.work) { item, result in
            #expect(result == item * 2)
            results.append(result)
        }
        #expect(results == items.map { $0 * 2 })
    }

    @Test("no more than maxInFlight items are pulled and not yet consumed", arguments: [1, 7, 16, 40])
    func boundedItems(maxInFlight: Int) {
        var pulled = 0
        var consumed = 0
        var most = 0
        let map = OrderedParallelMap<Int, Int>(workers: 2, maxInFlight: maxInFlight, maxBatchCount: 8)
        map.run(
            next: {
                guard pulled < 2_000 else { return nil }
                pulled += 1
                most = max(most, pulled - consumed)
                return pulled - 1
            },
            weight: { _ in 1 }, transform: Self.work, consume: { _, _ in consumed += 1 })
        #expect(consumed == 2_000)
        #expect(most <= maxInFlight)
    }

    @Test("the weight in flight stays bounded; an item heavier than the bound still goes through")
    func boundedWeight() {
        var pulled = 0
        var load = 0
        var most = 0
        var seen: [Int] = []
        let weights = (0..<500).map { $0 % 50 == 0 ? 5_000 : 10 }
        let map = OrderedParallelMap<Int, Int>(workers: 3, maxInFlightWeight: 100, maxBatchWeight: 30)
        map.run(
            next: {
                guard pulled < weights.count else { return nil }
                pulled += 1
                return pulled - 1
            },
            weight: { item in
                load += weights[item]
                most = max(most, load)
                return weights[item]
            },
            transform: Self.work,
            consume: { item, _ in
                load -= weights[item]
                seen.append(item)
            })
        #expect(seen == Array(0..<500))
        // Pulling stops once the load reaches the bound: it is exceeded by at most one item.
        #expect(most < 100 + 5_000)
        #expect(load == 0)
    }

    @Test("no input gives no calls")
    func empty() {
        var calls = 0
        OrderedParallelMap<Int, Int>(workers: 2).run([], transform: Self.work) { _, _ in calls += 1 }
        #expect(calls == 0)
    }
}
