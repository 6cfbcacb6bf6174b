import Foundation
import Testing
@testable import CallDeskCore

/// Reading a data bundle: files, columns and values (domain.md, "Data bundle").
@Suite struct BundleReaderTests {
    private let read = BundleFixture.read

    @Test func readsAValidBundleWithoutProblems() throws {
        let result = read(BundleFixture.valid)

        #expect(result.errorTexts == [])
        #expect(result.warningTexts == [])
        #expect(result.references == [])
        let bundle = result.bundle
        #expect(bundle.settings["company_name"] == "Công ty TNHH An Phát, chi nhánh 2")
        #expect(bundle.departments.map(\.id) == ["D2", "D1"])
        #expect(bundle.users[0].extensions
            == [ExtensionRef(number: "101"), ExtensionRef(number: "212", providerCode: "VFONE")])
        #expect(bundle.users[0].password == "secret" && bundle.users[1].password == nil)
        #expect(bundle.users[1].active, "TRUE is true: spreadsheets write booleans in capitals")
        #expect(bundle.users[2].role == .sales && bundle.users[2].active, "role and active default to sales and true")
        let customer = try #require(bundle.customers.first)
        #expect(customer.line == 2)
        #expect(customer.phones == ["0912345678", "+84 24 3825 1234"])
        #expect(customer.address == "12 Lý Thường Kiệt,\nHà Nội")
        #expect(customer.groupIDs == ["G1", "G2"])
        #expect(customer.createdAt == Date(timeIntervalSince1970: 1_793_585_700))
        #expect(bundle.customers[1].line == 4, "a record after a two-line field starts two lines later")
        #expect(bundle.customers[1].createdAt == Date(timeIntervalSince1970: 1_793_674_800.25))
        #expect(bundle.campaigns[0].stages == ["Mới", "Quan tâm", "Chốt"])
        #expect(bundle.campaigns[0].startsOn == LocalDate(year: 2026, month: 12, day: 1))
        #expect(bundle.calls[1].provider == "import", "provider defaults to import")
        #expect(bundle.calls[1].startedAt == bundle.calls[0].startedAt.addingTimeInterval(3_600))
        #expect(bundle.calls[0].result == .answered && bundle.calls[1].result == .noAnswer)
        #expect(bundle.orderLines.map(\.quantity) == [2, 1])
        #expect(bundle.payments[0].method == "Chuyển khoản")
    }

    @Test func readsBytesGivenAsData() {
        let result = BundleReader.read(files: BundleFixture.valid.mapValues { Data($0.utf8) })

        #expect(result.errors.isEmpty)
        #expect(result.bundle.calls.count == 2)
    }

    @Test func refusesAnUnknownFile() {
        let result = read(BundleFixture.valid(["notes.csv": "id\n1\n"]))

        #expect(result.errorPlaces == ["notes.csv:1: -"])
        #expect(result.errorTexts[0].contains("unknown file; a bundle holds only settings.csv, departments.csv"))
    }

    @Test func refusesAnEmptyFile() {
        let result = read(BundleFixture.valid(["sources.csv": "\n"]))

        #expect(result.errorTexts == ["sources.csv:1: -: the file is empty; it needs at least a header row: id,name"])
    }

    @Test func refusesAMissingRequiredColumnAndSkipsTheRows() {
        let result = read(BundleFixture.valid(["sources.csv": "id\nS1\nS2\n"]))

        #expect(result.errorTexts == ["sources.csv:1: name: missing required column \"name\""])
        #expect(result.bundle.sources.isEmpty)
    }

    @Test func refusesUnknownAndDuplicateColumns() {
        let result = read(BundleFixture.valid(["sources.csv": "id,Name,name,colour,name\nS1,x,Facebook,red,y\n"]))

        #expect(result.errorTexts == [
            "sources.csv:1: Name: unknown column \"Name\"; did you mean \"name\"?",
            "sources.csv:1: colour: unknown column \"colour\"; the columns of sources.csv are id, name",
            "sources.csv:1: name: column \"name\" appears twice in the header",
        ])
        #expect(result.bundle.sources.map(\.name) == ["Facebook"], "the first of two same-named columns is read")
    }

    @Test func refusesAHeaderFieldWithoutAName() {
        let result = read(BundleFixture.valid(["sources.csv": "id,name,\nS1,Facebook,\n"]))

        #expect(result.errorTexts == ["sources.csv:1: -: the header's field 3 has no column name"])
    }

    @Test func acceptsColumnsInAnyOrderAndWithoutOptionalOnes() {
        let result = read(BundleFixture.valid(["departments.csv": "name,id\nKinh doanh,D1\nTelesales HN,D2\n"]))

        #expect(result.errors.isEmpty)
        #expect(result.bundle.departments.map(\.id) == ["D1", "D2"])
    }

    @Test func refusesAnEmptyRequiredValue() {
        let result = read(BundleFixture.valid(appending: "S3,  \n,Zalo", to: "sources.csv"))

        #expect(result.errorTexts == ["sources.csv:4: name: a value is required",
                                      "sources.csv:5: id: a value is required"])
    }

    @Test func skipsRowsWithNothingInThem() {
        let result = read(BundleFixture.valid(appending: ",\n,", to: "sources.csv"))

        #expect(result.errors.isEmpty)
        #expect(result.bundle.sources.count == 2)
    }

    @Test func reportsCSVProblemsWithFileLineAndColumn() {
        let bytes = Array("id,name\nS1,Facebook\nS2\n\"S3\",\"Zalo\n".utf8)
        var files = BundleFixture.valid.mapValues { Array($0.utf8) }
        files["sources.csv"] = bytes
        files["groups.csv"] = Array("id,name,parent_id\nG1,".utf8) + [0xFF] + Array(",\n".utf8)

        let result = BundleReader.read(files: files)

        #expect(result.errorTexts.contains("sources.csv:3: -: expected 2 fields, found 1"))
        #expect(result.errorTexts.contains(
            "sources.csv:4: name: a quoted field starting on this line is never closed (a \" is missing)"))
        #expect(result.errorTexts.contains(
            "groups.csv:2: name: holds bytes that are not UTF-8; save the file as UTF-8"))
    }

    // MARK: Times and dates

    @Test func refusesATimeWithoutAnOffsetOrMalformed() {
        let result = read(BundleFixture.valid(appending: """
            C3,Hà,,,,,,,2026-11-02 09:15,
            C4,Hà,,,,,,,2026-11-02T09:15:00,
            C5,Hà,,,,,,,2026-02-30T09:15:00+07:00,
            C6,Hà,,,,,,,2026-11-02T09:15:00+07:00,yesterday
            """, to: "customers.csv"))

        #expect(result.errorTexts == [
            "customers.csv:5: created_at: \"2026-11-02 09:15\" is not an RFC 3339 time with an offset "
                + "(e.g. 2026-11-02T09:15:00+07:00)",
            "customers.csv:6: created_at: \"2026-11-02T09:15:00\" has no UTC offset; write the time with its offset "
                + "(e.g. 2026-11-02T09:15:00+07:00), or Z for UTC",
            "customers.csv:7: created_at: \"2026-02-30T09:15:00+07:00\" is not a valid time: "
                + "there is no day 30 in 2026-02",
            "customers.csv:8: deleted_at: \"yesterday\" is not an RFC 3339 time with an offset "
                + "(e.g. 2026-11-02T09:15:00+07:00)",
        ])
    }

    @Test func readsDatesAsYearMonthDay() {
        let result = read(BundleFixture.valid(appending: "K2,Hè,,,2027-06-01,01/07/2027,\nK3,Thu,,,2027-02-29,,\n"
                                              + "K4,Xuân,,,+027-01-01, 2028-02-29 ,", to: "campaigns.csv"))

        let form = "is not a date of the form YYYY-MM-DD (e.g. 2026-11-29)"
        #expect(result.errorTexts == [
            "campaigns.csv:3: ends_on: \"01/07/2027\" \(form)",
            "campaigns.csv:4: starts_on: \"2027-02-29\" \(form)",
            "campaigns.csv:5: starts_on: \"+027-01-01\" \(form)",
        ])
        #expect(result.bundle.campaigns.count == 1, "only the fixture's campaign is free of errors")
    }

    @Test func refusesACampaignThatEndsBeforeItStarts() {
        let result = read(BundleFixture.valid(appending: "K2,Hè,,,2027-06-01,2027-05-31,", to: "campaigns.csv"))

        #expect(result.errorTexts == ["campaigns.csv:3: ends_on: ends_on 2027-05-31 is before starts_on 2027-06-01"])
    }

    // MARK: Choices and numbers

    @Test func refusesValuesOutsideEachChoiceListingTheAllowedOnes() {
        var files = BundleFixture.valid(appending: "U4,Hoa,hoa@anphat.vn,,boss,yes,,", to: "users.csv")
        files["calls.csv", default: ""] += "CALL-3,,outgoing,,,0911,2026-12-02T10:00:00Z,,,,0,ok,\n"
        files["tasks.csv", default: ""] += "T2,meeting,Gọi lại,,,,,2026-12-02T10:00:00Z,,finished,\n"
        files["orders.csv", default: ""] += "DH2,C2,,,2026-12-02T10:00:00Z,0,paid\n"
        files["campaigns.csv", default: ""] += "K2,Hè,,,,,maybe\n"

        let result = read(files)

        #expect(result.errorTexts == [
            "users.csv:5: role: \"boss\" is not a valid role; use one of: admin, manager, sales",
            "users.csv:5: active: \"yes\" is not a valid value; use true or false",
            "campaigns.csv:3: allow_duplicates: \"maybe\" is not a valid value; use true or false",
            "calls.csv:4: direction: \"outgoing\" is not a valid direction; use one of: outbound, inbound, internal",
            "calls.csv:4: result: \"ok\" is not a valid result; use one of: answered, no_answer, busy, failed, "
                + "cancelled",
            "tasks.csv:3: type: \"meeting\" is not a valid task type; use one of: appointment, call, email, todo, "
                + "other",
            "tasks.csv:3: status: \"finished\" is not a valid task status; use one of: open, in_progress, done, "
                + "cancelled",
            "orders.csv:3: status: \"paid\" is not a valid order status; use one of: pending, approved, delivered, "
                + "cancelled",
        ])
    }

    @Test func acceptsChoicesInAnyCase() {
        let result = read(BundleFixture.valid(appending: "U4,Hoa,hoa@anphat.vn,,Admin,False,,", to: "users.csv"))

        #expect(result.errors.isEmpty)
        #expect(result.bundle.users.last?.role == .admin && result.bundle.users.last?.active == false)
    }

    @Test func refusesMoneyAndDurationsThatAreNotWholeNonNegativeNumbers() {
        var files = BundleFixture.valid(appending: """
            DH2,C2,,,2026-12-02T10:00:00Z,-5,pending
            DH3,C2,,,2026-12-02T10:00:00Z,1.5,pending
            DH4,C2,,,2026-12-02T10:00:00Z,"1,000",pending
            DH5,C2,,,2026-12-02T10:00:00Z,99999999999999999999,pending
            """, to: "orders.csv")
        files["calls.csv", default: ""] += "CALL-3,,outbound,,,0911,2026-12-02T10:00:00Z,,,60,90,,\n"
            + "CALL-4,,outbound,,,0911,2026-12-02T10:00:00Z,,,1m,-1,,\n"
        files["order_lines.csv", default: ""] += "DH1,,,x,1\n"

        let result = read(files)

        #expect(result.errorTexts == [
            "calls.csv:4: talk_seconds: talk_seconds (90) is greater than total_seconds (60)",
            "calls.csv:5: total_seconds: \"1m\" is not a whole number; write whole seconds with digits only (e.g. 95)",
            "calls.csv:5: talk_seconds: \"-1\" must not be negative",
            "orders.csv:3: total: \"-5\" must not be negative",
            "orders.csv:4: total: \"1.5\" is not a whole number; write money in the currency's minor unit with digits "
                + "only (e.g. 150000)",
            "orders.csv:5: total: \"1,000\" is not a whole number; write money in the currency's minor unit with "
                + "digits only (e.g. 150000)",
            "orders.csv:6: total: \"99999999999999999999\" is too large",
            "order_lines.csv:4: quantity: \"x\" is not a whole number; use digits only (e.g. 3)",
        ])
    }

    @Test func refusesAPaymentOfZero() {
        let result = read(BundleFixture.valid(appending: "P2,DH1,0,2026-12-06T10:00:00+07:00,", to: "payments.csv"))

        #expect(result.errorTexts == ["payments.csv:3: amount: amount must be greater than 0"])
    }

    // MARK: Ids

    @Test func refusesADuplicateIdNamingTheFirstLine() {
        let result = read(BundleFixture.valid(appending: "S1,Zalo", to: "sources.csv"))

        #expect(result.errorTexts == ["sources.csv:4: id: duplicate id \"S1\"; it is already used on line 2"])
        #expect(result.bundle.sources.map(\.name) == ["Facebook", "Website"])
    }

    @Test func allowsTheSameCallIdFromAnotherProvider() {
        let result = read(BundleFixture.valid(appending: """
            CALL-1,STRINGEE,outbound,,,0911,2026-12-02T10:00:00Z,,,,0,,
            CALL-1,VFONE,outbound,,,0911,2026-12-02T10:00:00Z,,,,0,,
            """, to: "calls.csv"))

        #expect(result.errorTexts == [
            "calls.csv:5: id: duplicate call id \"CALL-1\" from provider \"VFONE\"; it is already used on line 2",
        ])
    }

    // MARK: Settings

    @Test func checksEachSetting() {
        let result = read(BundleFixture.valid(["settings.csv": """
            key,value
            company_name,An Phát
            time_zone,Asia/Saigonn
            currency,vnd
            phone_region,VNM
            locale,fr
            colour,blue
            company_name,Bình Minh
            """]))

        #expect(result.errorTexts == [
            "settings.csv:3: value: \"Asia/Saigonn\" is not a known time zone; use an IANA name "
                + "(e.g. Asia/Ho_Chi_Minh)",
            "settings.csv:4: value: \"vnd\" is not a currency code; use 3 capital letters (e.g. VND)",
            "settings.csv:5: value: \"VNM\" is not a region code; use 2 capital letters (e.g. VN)",
            "settings.csv:6: value: \"fr\" is not a supported locale; use vi or en",
            "settings.csv:7: key: unknown setting \"colour\"; the settings are company_name, time_zone, currency, "
                + "phone_region, locale",
            "settings.csv:8: key: setting \"company_name\" is already set on line 2",
        ])
        #expect(result.bundle.settings == ["company_name": "An Phát"])
    }
}
