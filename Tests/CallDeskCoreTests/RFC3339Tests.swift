import Foundation
import Testing
@testable import CallDeskCore

/// Times in a data bundle are RFC 3339 with an offset (domain.md, "Data bundle").
@Suite struct RFC3339Tests {
    private func instant(_ unixSeconds: Double) -> Date { Date(timeIntervalSince1970: unixSeconds) }
    private func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }

    @Test func parsesOffsetsZuluAndFractionalSeconds() throws {
        #expect(try RFC3339.parse("2026-11-02T09:15:00+07:00").get() == instant(1_793_585_700))
        #expect(try RFC3339.parse("2026-11-02T02:15:00Z").get() == instant(1_793_585_700))
        #expect(try RFC3339.parse("2026-11-01T22:45:00-03:30").get() == instant(1_793_585_700))
        #expect(try RFC3339.parse("2026-11-02t02:15:00z").get() == instant(1_793_585_700))
        #expect(try RFC3339.parse("2026-11-02 02:15:00Z").get() == instant(1_793_585_700))
        #expect(try RFC3339.parse("2026-11-02T02:15:00.25Z").get() == instant(1_793_585_700.25))
        #expect(try RFC3339.parse("1969-12-31T23:59:59.5Z").get() == instant(-0.5))
    }

    @Test func keepsNanosecondsAndIgnoresDigitsPastThem() throws {
        let date = try RFC3339.parse("2026-11-02T02:15:00.1234567891Z").get()

        #expect(abs(date.timeIntervalSince1970 - 1_793_585_700.123456789) < 1e-6)
    }

    @Test func refusesATimeWithoutAnOffset() {
        #expect(RFC3339.parse("2026-11-02T09:15:00") == .failure(.missingOffset))
        #expect(RFC3339.parse("2026-11-02T09:15:00.5") == .failure(.missingOffset))
    }

    @Test func refusesMalformedText() {
        for text in ["", "2026-11-02 09:15", "2026-11-02", "26-11-02T09:15:00Z", "2026-11-02T09:15:00+0700",
                     "2026-11-02T09:15:00+07", "2026-11-02T09:15:00.Z", "2026-11-02T09:15:00Z ", "2026/11/02T09:15:00Z",
                     "２026-11-02T09:15:00Z"] {
            #expect(RFC3339.parse(text) == .failure(.malformed), "\(text)")
        }
    }

    @Test func refusesDatesAndTimesThatDoNotExist() {
        #expect(RFC3339.parse("2026-02-29T09:15:00Z") == .failure(.outOfRange("there is no day 29 in 2026-02")))
        #expect(RFC3339.parse("2026-13-01T09:15:00Z") == .failure(.outOfRange("there is no month 13")))
        #expect(RFC3339.parse("2026-11-02T24:00:00Z") == .failure(.outOfRange("the hour must be 00 to 23")))
        #expect(RFC3339.parse("2026-11-02T09:60:00Z") == .failure(.outOfRange("the minute must be 00 to 59")))
        #expect(RFC3339.parse("2026-11-02T09:15:60Z") == .failure(.outOfRange("the second must be 00 to 59")))
        #expect(RFC3339.parse("2026-11-02T09:15:00+24:00")
            == .failure(.outOfRange("the offset must be between -23:59 and +23:59")))
        #expect((try? RFC3339.parse("2028-02-29T09:15:00Z").get()) != nil, "2028 is a leap year")
    }

    @Test func formatsInTheZonesOffsetAtThatInstant() {
        let moment = instant(1_793_585_700)

        #expect(RFC3339.string(from: moment, in: zone("Asia/Ho_Chi_Minh")) == "2026-11-02T09:15:00+07:00")
        #expect(RFC3339.string(from: moment, in: zone("Asia/Kathmandu")) == "2026-11-02T08:00:00+05:45")
        #expect(RFC3339.string(from: moment, in: zone("America/St_Johns")) == "2026-11-01T22:45:00-03:30")
        #expect(RFC3339.string(from: instant(1_783_000_000), in: zone("America/St_Johns"))
            == "2026-07-02T11:16:40-02:30", "daylight saving time in July")
        #expect(RFC3339.string(from: moment, in: zone("UTC")) == "2026-11-02T02:15:00Z")
    }

    @Test func writesMillisecondsOnlyWhenThereAreSome() {
        let utc = zone("UTC")

        #expect(RFC3339.string(from: instant(1_793_585_700.5), in: utc) == "2026-11-02T02:15:00.500Z")
        #expect(RFC3339.string(from: instant(1_793_585_700.0004), in: utc) == "2026-11-02T02:15:00Z")
        #expect(RFC3339.string(from: instant(1_793_585_700.9996), in: utc) == "2026-11-02T02:15:01Z")
        #expect(RFC3339.string(from: instant(-0.25), in: utc) == "1969-12-31T23:59:59.750Z")
    }

    @Test func cutsAnOffsetWithSecondsToWholeMinutesAndStillNamesTheSameInstant() throws {
        let moment = instant(-2_500_000_000)  // 1890: Saigon kept local mean time, +07:06:40
        let text = RFC3339.string(from: moment, in: zone("Asia/Ho_Chi_Minh"))

        #expect(text.hasSuffix("+07:06"))
        #expect(try RFC3339.parse(text).get() == moment)
    }

    /// Differential: against `Calendar` in the zone (slow, obvious), random instants in random order
    /// across DST changes, in zones with odd offsets; and parse(format(x)) gives x to the millisecond.
    @Test(arguments: ["Asia/Ho_Chi_Minh", "Asia/Kathmandu", "America/St_Johns", "Europe/London",
                      "Australia/Lord_Howe", "America/New_York", "Pacific/Chatham", "UTC"])
    func formatsLikeCalendarAndParsesBack(zoneName: String) throws {
        let zone = zone(zoneName)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var formatter = RFC3339.Formatter(timeZone: zone)
        var random = SeededRandom(seed: 42)
        for _ in 0..<3_000 {
            let milliseconds = Int64.random(in: 0...4_102_444_800_000, using: &random)  // 1970 to 2100
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)

            let text = formatter.string(from: date)

            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let offset = zone.secondsFromGMT(for: date)
            let sign = offset < 0 ? "-" : "+"
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!,
                                  parts.hour!, parts.minute!, parts.second!)
                + (milliseconds % 1_000 == 0 ? "" : String(format: ".%03d", Int(milliseconds % 1_000)))
                + (offset == 0 ? "Z" : String(format: "%@%02d:%02d", sign, abs(offset) / 3_600, abs(offset) / 60 % 60))
            #expect(text == expected, "seed 42, \(zoneName), \(milliseconds) ms")
            #expect(try RFC3339.parse(text).get() == date, "seed 42, \(zoneName), \(milliseconds) ms")
        }
    }

    @Test func civilDaysRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 37) {
            let date = RFC3339.civilFromDays(days)
            #expect(RFC3339.daysFromCivil(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(RFC3339.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(RFC3339.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
    }
}
