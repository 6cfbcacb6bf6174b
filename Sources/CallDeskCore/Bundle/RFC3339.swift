import Foundation

/// RFC 3339 times with an offset (`2026-11-02T09:15:00+07:00`, `…Z`, `…09:15:00.250+07:00`), as the
/// data bundle reads and writes them (domain.md, "Data bundle").
///
/// Parsed and formatted by hand: a bundle can hold millions of them, and `ISO8601DateFormatter`
/// is slow and not `Sendable`.
public enum RFC3339 {
    /// Why a text is not an RFC 3339 time with an offset.
    public enum Failure: Error, Sendable, Equatable {
        /// A well-formed date and time with no offset (`2026-11-02T09:15:00`).
        case missingOffset
        /// Not of the form `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
        case malformed
        /// Of the right form, but a part is out of range; the text says why (`there is no month 13`).
        case outOfRange(String)
    }

    /// An example for error messages.
    public static let example = "2026-11-02T09:15:00+07:00"

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. `t`, `z` and a space for `T` are
    /// accepted too (RFC 3339 §5.6 allows them); fractional seconds keep nanosecond precision.
    public static func parse(_ text: String) -> Result<Date, Failure> {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Result<Date, Failure> {
        let n = p.count
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= n else { return nil }
            var value = 0
            for i in at..<(at + count) {
                let digit = Int(p[i]) &- 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard n >= 19, let year = digits(0, 4), p[4] == 0x2D, let month = digits(5, 2), p[7] == 0x2D,
              let day = digits(8, 2), p[10] == 0x54 || p[10] == 0x74 || p[10] == 0x20,
              let hour = digits(11, 2), p[13] == 0x3A, let minute = digits(14, 2), p[16] == 0x3A,
              let second = digits(17, 2)
        else { return .failure(.malformed) }
        var i = 19
        var nanos = 0, fractionDigits = 0
        if i < n, p[i] == 0x2E {
            i += 1
            while i < n, p[i] >= 0x30, p[i] <= 0x39 {
                if fractionDigits < 9 {
                    nanos = nanos * 10 + Int(p[i] - 0x30)
                    fractionDigits += 1
                }
                i += 1
            }
            guard fractionDigits > 0 else { return .failure(.malformed) }
            for _ in fractionDigits..<9 { nanos *= 10 }
        }
        guard i < n else { return .failure(.missingOffset) }
        var offset = 0
        switch p[i] {
        case 0x5A, 0x7A:  // Z z
            i += 1
        case 0x2B, 0x2D:  // + -
            guard let offsetHour = digits(i + 1, 2), i + 3 < n, p[i + 3] == 0x3A,
                  let offsetMinute = digits(i + 4, 2)
            else { return .failure(.malformed) }
            guard offsetHour <= 23, offsetMinute <= 59 else {
                return .failure(.outOfRange("the offset must be between -23:59 and +23:59"))
            }
            offset = (offsetHour * 60 + offsetMinute) * 60 * (p[i] == 0x2D ? -1 : 1)
            i += 6
        default:
            return .failure(.malformed)
        }
        guard i == n else { return .failure(.malformed) }
        guard (1...12).contains(month) else { return .failure(.outOfRange("there is no month \(month)")) }
        guard day >= 1, day <= LocalDate.daysIn(month: month, year: year) else {
            return .failure(.outOfRange("there is no day \(day) in \(String(format: "%04d-%02d", year, month))"))
        }
        guard hour <= 23 else { return .failure(.outOfRange("the hour must be 00 to 23")) }
        guard minute <= 59 else { return .failure(.outOfRange("the minute must be 00 to 59")) }
        guard second <= 59 else { return .failure(.outOfRange("the second must be 00 to 59")) }
        let seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3_600 + minute * 60 + second - offset)
        if nanos % 1_000_000 == 0 {
            // Whole milliseconds: the same `Date` as one rebuilt from milliseconds since 1970 (as the
            // database stores instants), so that records compare equal whichever way they came.
            let milliseconds = seconds * 1_000 + Int64(nanos / 1_000_000)
            return .success(Date(timeIntervalSince1970: Double(milliseconds) / 1_000))
        }
        return .success(Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9))
    }

    /// Formats `date` in `timeZone`'s offset at that instant; see `Formatter`.
    public static func string(from date: Date, in timeZone: TimeZone) -> String {
        var formatter = Formatter(timeZone: timeZone)
        return formatter.string(from: date)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-compatible algorithms").
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
