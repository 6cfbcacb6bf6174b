import Foundation

/// Whose cohort the Telesales report counts (telesales-report.md, "Inputs").
public enum ReportBasis: String, Sendable, CaseIterable, Codable {
    /// Customers, by the customer's owner (R3).
    case customer
    /// Opportunities, by the opportunity's owner (R4).
    case opportunity
}

/// The `owners` filter (R5).
public enum OwnerFilter: Sendable, Hashable, CustomStringConvertible {
    case all
    case user(Int64)
    /// The department and all its descendants.
    case department(Int64)

    /// The API's syntax: `all`, `user:12`, `department:7`.
    public var description: String {
        switch self {
        case .all: return "all"
        case .user(let id): return "user:\(id)"
        case .department(let id): return "department:\(id)"
        }
    }

    public init?(_ text: String) {
        if text == "all" { self = .all; return }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "user": self = .user(id)
        case "department": self = .department(id)
        default: return nil
        }
    }
}

/// An inclusive range of local dates, `from..to` (R1).
public struct LocalDateRange: Sendable, Hashable, CustomStringConvertible {
    public var from: LocalDate
    public var to: LocalDate

    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = to
    }

    public static func day(_ date: LocalDate) -> LocalDateRange { LocalDateRange(from: date, to: date) }

    public var description: String { "\(from)..\(to)" }

    /// R1: `[from 00:00, to+1 00:00)` local time in `timeZone`, as epoch milliseconds.
    public func instants(in timeZone: TimeZone) -> (start: Int64, end: Int64) {
        (LocalCalendar.startOfDay(from, in: timeZone), LocalCalendar.startOfDay(to.adding(days: 1), in: timeZone))
    }
}

/// The Telesales report's filters (telesales-report.md, "Inputs"), with entities as database ids.
public struct TelesalesFilters: Sendable, Hashable {
    public var basis: ReportBasis
    public var owners: OwnerFilter
    /// nil = all campaigns.
    public var campaign: Int64?
    /// Customer sources; empty = any.
    public var sources: [Int64]
    /// Customer groups (a group includes its sub-groups); empty = any.
    public var groups: [Int64]
    public var created: LocalDateRange
    public var calls: LocalDateRange

    public init(basis: ReportBasis = .customer, owners: OwnerFilter = .all, campaign: Int64? = nil,
                sources: [Int64] = [], groups: [Int64] = [], created: LocalDateRange, calls: LocalDateRange) {
        self.basis = basis
        self.owners = owners
        self.campaign = campaign
        self.sources = sources
        self.groups = groups
        self.created = created
        self.calls = calls
    }

    /// The defaults: customer basis, all owners and campaigns, created today and called today (R1).
    public static func defaults(now: Date, timeZone: TimeZone) -> TelesalesFilters {
        let today = LocalCalendar.localDate(of: now, in: timeZone)
        return TelesalesFilters(created: .day(today), calls: .day(today))
    }
}

/// Local dates and instants in a time zone, without `Calendar` in hot paths.
public enum LocalCalendar {
    /// The local date of an instant in `timeZone`.
    public static func localDate(of date: Date, in timeZone: TimeZone) -> LocalDate {
        let offset = timeZone.secondsFromGMT(for: date)
        let seconds = Int64(floor(date.timeIntervalSince1970)) + Int64(offset)
        return LocalDate(daysSinceEpoch: floorDiv(seconds, 86_400))
    }

    /// The first instant of the local day `date` in `timeZone` (local midnight; where a DST jump
    /// skips midnight, the moment the day begins), as epoch milliseconds.
    public static func startOfDay(_ date: LocalDate, in timeZone: TimeZone) -> Int64 {
        let local = date.daysSinceEpoch * 86_400
        func dateAt(_ seconds: Int64) -> LocalDate {
            localDate(of: Date(timeIntervalSince1970: Double(seconds)), in: timeZone)
        }
        // The usual case: one offset lookup, checked.
        let guess = local - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local))))
        if dateAt(guess) == date && dateAt(guess - 1) < date { return guess * 1_000 }
        // Around a transition: the first second whose local date is `date` (offsets are within ±15 h).
        var low = local - 15 * 3_600
        var high = local + 15 * 3_600
        while low < high {
            let middle = low + (high - low) / 2
            if dateAt(middle) < date { low = middle + 1 } else { high = middle }
        }
        return low * 1_000
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

extension LocalDate {
    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int64 {
        Int64(RFC3339.daysFromCivil(year: year, month: month, day: day))
    }

    public init(daysSinceEpoch days: Int64) {
        let civil = RFC3339.civilFromDays(Int(days))
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + Int64(days))
    }
}
