import Foundation

/// SplitMix64 (Steele, Lea and Flood): seeds `DemoRandom` and hashes (seed, stream, index) into
/// independent seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The counter; each `next()` advances it by the golden-ratio increment.
    public var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a fast 64-bit hash whose every output bit depends on every input bit.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A small, fast, seeded random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Unlike `SystemRandomNumberGenerator` it is reproducible: the same seed gives the same numbers on
/// every platform and Swift version, because every helper below is written out here rather than
/// borrowed from the standard library (whose `random(in:using:)` algorithms may change).
public struct DemoRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// A generator for item `index` of `stream`: the same (seed, stream, index) always gives the same
    /// numbers, whatever was drawn for other items — so items can be generated in any order, or in parallel.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        let inner = SplitMix64.mix(index &+ 0x632B_E59B_D9B4_E019)
        self.init(seed: SplitMix64.mix(seed ^ SplitMix64.mix(stream &+ inner)))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = DemoRandom.rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = DemoRandom.rotate(s3, 45)
        return result
    }

    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// Uniform in `0..<bound` (`bound` > 0), by multiply-shift (bias below 2⁻³² for the bounds used here).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(truncatingIfNeeded: UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// Uniform in `range` (not empty).
    public mutating func int(in range: Range<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// Uniform in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in `range`, for instants and money.
    public mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }  // the whole Int64 range
        return range.lowerBound + Int64(span.multipliedFullWidth(by: next()).high)
    }

    /// Uniform in `[0, 1)`, with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with the given probability.
    public mutating func bool(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element, each equally likely (`elements` must not be empty).
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// An index of `table`, each as likely as its weight.
    public mutating func pick(_ table: WeightedTable) -> Int {
        table.index(at: unit())
    }

    /// A standard normal deviate (Box–Muller).
    public mutating func normal() -> Double {
        let u = 1 - unit()  // in (0, 1]: log(u) is finite
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// An exponential deviate with the given mean.
    public mutating func exponential(mean: Double) -> Double {
        -log(1 - unit()) * mean
    }
}

/// Weights turned into a table that `DemoRandom.pick(_:)` draws indices from.
public struct WeightedTable: Sendable {
    private let cumulative: [Double]

    /// `weights` must not be empty, and must not all be zero.
    public init(_ weights: [Double]) {
        precondition(!weights.isEmpty, "a weighted table needs at least one weight")
        let total = weights.reduce(0, +)
        precondition(total > 0, "a weighted table needs a positive weight")
        var running = 0.0
        cumulative = weights.map { weight in
            running += max(weight, 0)
            return running / total
        }
    }

    /// The number of weights.
    public var count: Int { cumulative.count }

    /// The index whose slice of `[0, 1)` holds `u`.
    public func index(at u: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
