import CallDeskCore
import Foundation

/// The demo's calendar, in whole epoch seconds (`Int64` instants).
///
/// Local times are instants plus one fixed offset, taken from the zone at `now`: the demo's zone is
/// Vietnam's, which has no daylight saving time, and this keeps `Calendar` out of the hot loops.
/// Local day numbers count days since 1970-01-01 (local).
struct DemoClock: Sendable {
    static let day: Int64 = 86_400
    static let hour: Int64 = 3_600
    /// Working hours, as seconds after local midnight: 08:00–12:00 and 13:30–17:30, Monday to Saturday.
    static let shifts: [(start: Int64, end: Int64)] = [(8 * hour, 12 * hour), (13 * hour + 1_800, 17 * hour + 1_800)]

    /// `now` rounded down to the second: nothing generated is later.
    let now: Int64
    /// Seconds east of UTC.
    let offset: Int64
    /// The local day of `now`.
    let today: Int64
    /// The first local day of the history.
    let firstDay: Int64
    /// Local midnight starting `firstDay`.
    let historyStart: Int64

    /// Working seconds in the whole history, up to `now`.
    let workingTotal: Int64
    private let starts: [Int64]
    private let lengths: [Int64]
    /// Working seconds in the history before each working interval.
    private let before: [Int64]

    init(now date: Date, timeZone: TimeZone, days: Int) {
        now = Int64(date.timeIntervalSince1970.rounded(.down))
        offset = Int64(timeZone.secondsFromGMT(for: date))
        today = DemoClock.floorDivide(now + offset, DemoClock.day)
        firstDay = today - Int64(max(days, 1)) + 1
        historyStart = firstDay * DemoClock.day - offset
        var starts: [Int64] = []
        var lengths: [Int64] = []
        var before: [Int64] = []
        var total: Int64 = 0
        for day in firstDay...today where DemoClock.isWorkingDay(day) {
            for shift in DemoClock.shifts {
                let start = day * DemoClock.day + shift.start - offset
                let end = min(day * DemoClock.day + shift.end - offset, now)
                guard end > start else { continue }
                starts.append(start)
                lengths.append(end - start)
                before.append(total)
                total += end - start
            }
        }
        self.starts = starts
        self.lengths = lengths
        self.before = before
        workingTotal = total
    }

    /// Monday to Saturday.
    static func isWorkingDay(_ day: Int64) -> Bool {
        weekday(day) != 6
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int {
        Int(floorModulo(day + 3, 7))
    }

    /// The instant of `secondOfDay` seconds after local midnight starting `day`.
    func instant(day: Int64, at secondOfDay: Int64) -> Int64 {
        day * DemoClock.day + secondOfDay - offset
    }

    func localDay(_ instant: Int64) -> Int64 {
        DemoClock.floorDivide(instant + offset, DemoClock.day)
    }

    func secondOfDay(_ instant: Int64) -> Int64 {
        DemoClock.floorModulo(instant + offset, DemoClock.day)
    }

    /// Whether `instant` falls in working hours on a working day.
    func isWorkingTime(_ instant: Int64) -> Bool {
        guard DemoClock.isWorkingDay(localDay(instant)) else { return false }
        let second = secondOfDay(instant)
        return DemoClock.shifts.contains { second >= $0.start && second < $0.end }
    }

    /// Working seconds of the history (up to `now`) before `instant`.
    func workingPosition(_ instant: Int64) -> Int64 {
        var low = 0
        var high = starts.count
        while low < high {  // the number of intervals starting at or before `instant`
            let middle = (low + high) / 2
            if starts[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        let k = low - 1
        return before[k] + min(instant - starts[k], lengths[k])
    }

    /// `workingPosition(_:)`, extended before the history as if every week had 48 working hours:
    /// negative for instants before it.
    func virtualWorkingPosition(_ instant: Int64) -> Int64 {
        guard instant < historyStart else { return workingPosition(instant) }
        return -(historyStart - instant) * 48 / 168
    }

    /// The instant `position` working seconds into the history (`position` < the total).
    func instant(atWorkingPosition position: Int64) -> Int64 {
        var low = 0
        var high = before.count - 1
        while low < high {  // the last interval with `before` ≤ position
            let middle = (low + high + 1) / 2
            if before[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return starts[low] + (position - before[low])
    }

    /// A uniformly random working instant in `[from, to)` within the history, or nil when there is none.
    func randomWorkingInstant(from: Int64, to: Int64, using rng: inout DemoRandom) -> Int64? {
        let low = workingPosition(from)
        let high = workingPosition(to)
        guard high > low else { return nil }
        return instant(atWorkingPosition: low + rng.int64(in: 0...(high - low - 1)))
    }

    /// The next working day strictly after `day`, plus `extra` more working days.
    static func workingDay(after day: Int64, plus extra: Int) -> Int64 {
        var result = day
        var remaining = extra + 1
        while remaining > 0 {
            result += 1
            if isWorkingDay(result) { remaining -= 1 }
        }
        return result
    }

    func date(_ instant: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(instant))
    }

    /// The calendar date of a local day number (days since 1970-01-01).
    static func localDate(day: Int64) -> LocalDate {
        LocalDate(daysSinceEpoch: day)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDivide(a, b) * b
    }
}
