/// The date-range presets of the report's filters (ui-glossary.md): Hôm nay, Hôm qua, 7 ngày qua,
/// Tháng này, Tháng trước, Tùy chọn. Ranges are local dates, inclusive (R1).
public enum DatePreset: String, Sendable, CaseIterable {
    case today
    case yesterday
    case last7Days = "last_7_days"
    case thisMonth = "this_month"
    case lastMonth = "last_month"
    case custom

    /// The range relative to `today` (the local date of `now`); nil for `custom`.
    public func range(today: LocalDate) -> LocalDateRange? {
        switch self {
        case .today: return .day(today)
        case .yesterday: return .day(today.adding(days: -1))
        case .last7Days: return LocalDateRange(from: today.adding(days: -6), to: today)
        case .thisMonth: return Self.month(of: today)
        case .lastMonth: return Self.month(of: LocalDate(year: today.year, month: today.month, day: 1).adding(days: -1))
        case .custom: return nil
        }
    }

    /// The preset a range corresponds to, or `custom`.
    public static func matching(_ range: LocalDateRange, today: LocalDate) -> DatePreset {
        allCases.first { $0.range(today: today) == range } ?? .custom
    }

    /// The whole calendar month that contains `date`.
    public static func month(of date: LocalDate) -> LocalDateRange {
        let first = LocalDate(year: date.year, month: date.month, day: 1)
        let nextMonth = date.month == 12 ? LocalDate(year: date.year + 1, month: 1, day: 1)
            : LocalDate(year: date.year, month: date.month + 1, day: 1)
        return LocalDateRange(from: first, to: nextMonth.adding(days: -1))
    }

    public var label: (vi: String, en: String) {
        switch self {
        case .today: return ("Hôm nay", "Today")
        case .yesterday: return ("Hôm qua", "Yesterday")
        case .last7Days: return ("7 ngày qua", "Last 7 days")
        case .thisMonth: return ("Tháng này", "This month")
        case .lastMonth: return ("Tháng trước", "Last month")
        case .custom: return ("Tùy chọn", "Custom")
        }
    }
}
