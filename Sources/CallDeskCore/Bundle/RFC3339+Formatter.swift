import Foundation

extension RFC3339 {
    /// Formats instants as RFC 3339 in a time zone's offset at each instant
    /// (`2026-11-02T09:15:00+07:00`): rounded to the millisecond, with `.SSS` only when the
    /// milliseconds are not zero, and `Z` when the offset is zero. An offset with seconds (local
    /// mean time before 1900 or so) is cut to whole minutes; the text still names the same instant.
    ///
    /// Remembers the zone's offset between its transitions (`TimeZone.secondsFromGMT(for:)` and
    /// `nextDaylightSavingTimeTransition(after:)`), so millions of instants cost a few lookups.
    public struct Formatter: Sendable {
        public let timeZone: TimeZone
        /// Spans of instants (Unix seconds, `start..<end`) with one offset; sorted, not overlapping.
        private var spans: [OffsetSpan] = []
        private var lastSpan = 0

        private struct OffsetSpan: Sendable {
            var start: Int64
            var end: Int64
            var offset: Int
        }

        public init(timeZone: TimeZone) {
            self.timeZone = timeZone
        }

        public mutating func string(from date: Date) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(29)
            append(date, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Appends the UTF-8 text of `date` to `bytes`.
        public mutating func append(_ date: Date, to bytes: inout [UInt8]) {
            let limit = 250_000_000_000_000.0  // milliseconds, about ±7,900 years: keeps the arithmetic in range
            let sinceEpoch = (date.timeIntervalSince1970 * 1_000).rounded()  // as the database rounds
            let milliseconds = Int64(sinceEpoch.isNaN ? 0 : min(max(sinceEpoch, -limit), limit))
            let unixSeconds = milliseconds >= 0 ? milliseconds / 1_000 : (milliseconds - 999) / 1_000
            let fraction = Int(milliseconds - unixSeconds * 1_000)
            let offset = offsetSeconds(at: unixSeconds) / 60 * 60
            let local = Int(unixSeconds) + offset
            let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
            let secondOfDay = local - days * 86_400
            let date = civilFromDays(days)
            if (0...9_999).contains(date.year) {
                appendDigits(date.year, count: 4, to: &bytes)
            } else {
                bytes.append(contentsOf: String(date.year).utf8)
            }
            bytes.append(0x2D)
            appendDigits(date.month, count: 2, to: &bytes)
            bytes.append(0x2D)
            appendDigits(date.day, count: 2, to: &bytes)
            bytes.append(0x54)
            appendDigits(secondOfDay / 3_600, count: 2, to: &bytes)
            bytes.append(0x3A)
            appendDigits(secondOfDay / 60 % 60, count: 2, to: &bytes)
            bytes.append(0x3A)
            appendDigits(secondOfDay % 60, count: 2, to: &bytes)
            if fraction != 0 {
                bytes.append(0x2E)
                appendDigits(fraction, count: 3, to: &bytes)
            }
            if offset == 0 {
                bytes.append(0x5A)
            } else {
                bytes.append(offset < 0 ? 0x2D : 0x2B)
                appendDigits(abs(offset) / 3_600, count: 2, to: &bytes)
                bytes.append(0x3A)
                appendDigits(abs(offset) / 60 % 60, count: 2, to: &bytes)
            }
        }

        private func appendDigits(_ value: Int, count: Int, to bytes: inout [UInt8]) {
            switch count {
            case 2:
                bytes.append(UInt8(truncatingIfNeeded: value / 10) &+ 0x30)
                bytes.append(UInt8(truncatingIfNeeded: value % 10) &+ 0x30)
            default:
                var divisor = 1
                for _ in 1..<count { divisor *= 10 }
                while divisor > 0 {
                    bytes.append(UInt8(truncatingIfNeeded: value / divisor % 10) &+ 0x30)
                    divisor /= 10
                }
            }
        }

        /// The zone's offset from UTC at `second` (Unix time), from the spans it already knows.
        private mutating func offsetSeconds(at second: Int64) -> Int {
            if lastSpan < spans.count, spans[lastSpan].start <= second, second < spans[lastSpan].end {
                return spans[lastSpan].offset
            }
            var low = 0, high = spans.count  // first span with end > second
            while low < high {
                let middle = (low + high) / 2
                if spans[middle].end <= second { low = middle + 1 } else { high = middle }
            }
            if low < spans.count, spans[low].start <= second {
                lastSpan = low
                return spans[low].offset
            }
            let instant = Date(timeIntervalSince1970: Double(second))
            let offset = timeZone.secondsFromGMT(for: instant)
            let end = timeZone.nextDaylightSavingTimeTransition(after: instant)
                .map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? .max
            // Cache only what is sure: a platform that reported only daylight saving changes
            // would show here as a different offset just before the next change.
            let beforeEnd = Date(timeIntervalSince1970: Double(end == .max ? second : end - 1))
            guard end > second, timeZone.secondsFromGMT(for: beforeEnd) == offset else { return offset }
            if low < spans.count, spans[low].end == end {
                spans[low].start = second  // same span between two transitions, known from a later instant
            } else {
                spans.insert(OffsetSpan(start: second, end: end, offset: offset), at: low)
            }
            lastSpan = low
            return offset
        }
    }
}
