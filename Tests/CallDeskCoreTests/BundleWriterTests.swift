import Foundation
import Testing
@testable import CallDeskCore

/// Writing a data bundle (domain.md, "Data bundle"; cli.md, `calldesk export`: import reads it back
/// to the same content).
@Suite struct BundleWriterTests {
    private func files(_ bundle: DataBundle, _ zone: String = "Asia/Ho_Chi_Minh") -> [String: String] {
        let written = BundleWriter.write(bundle, timeZone: TimeZone(identifier: zone)!)
        return Dictionary(uniqueKeysWithValues: written.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    @Test func writesEveryFileInTableOrderWithAllColumnsButNeverThePassword() {
        var bundle = DataBundle()
        bundle.users = [UserRecord(id: "U1", name: "Lan", email: "lan@anphat.vn", password: "secret")]

        let written = BundleWriter.write(bundle, timeZone: TimeZone(identifier: "UTC")!)

        #expect(written.map(\.name) == BundleFile.allCases.filter { $0 != .orderLines }.map(\.name),
                "order_lines.csv only when there are lines; settings.csv always")
        let users = String(decoding: written.first { $0.name == "users.csv" }!.bytes, as: UTF8.self)
        #expect(users == "id,name,email,department_id,role,active,extensions\nU1,Lan,lan@anphat.vn,,sales,true,\n")
        let calls = String(decoding: written.first { $0.name == "calls.csv" }!.bytes, as: UTF8.self)
        #expect(calls == "id,provider,direction,extension,user_email,remote_number,started_at,answered_at,ended_at,"
                + "total_seconds,talk_seconds,result,recording_url\n")
        #expect(!users.contains("secret"))
    }

    @Test func writesOrderLinesWhenThereAreSome() {
        var bundle = DataBundle()
        bundle.orderLines = [OrderLineRecord(orderID: "DH1", quantity: 2, unitPrice: 150_000)]

        let written = files(bundle)

        #expect(written["order_lines.csv"] == "order_id,product_code,name,quantity,unit_price\nDH1,,,2,150000\n")
    }

    @Test func writesSettingsInTheirUsualOrder() {
        var bundle = DataBundle()
        bundle.settings = ["locale": "vi", "currency": "VND", "company_name": "An Phát, chi nhánh 2",
                           "time_zone": "Asia/Ho_Chi_Minh", "phone_region": "VN"]

        #expect(files(bundle)["settings.csv"] == """
            key,value
            company_name,"An Phát, chi nhánh 2"
            time_zone,Asia/Ho_Chi_Minh
            currency,VND
            phone_region,VN
            locale,vi

            """)
    }

    @Test func writesTimesInTheZonesOffsetWithMillisecondsOnlyWhenThereAreSome() {
        var bundle = DataBundle()
        let instant = Date(timeIntervalSince1970: 1_793_585_700)  // 2026-11-02T02:15:00Z
        bundle.payments = [
            PaymentRecord(id: "P1", orderID: "DH1", amount: 1, paidAt: instant),
            PaymentRecord(id: "P2", orderID: "DH1", amount: 1, paidAt: instant.addingTimeInterval(0.25)),
        ]

        #expect(files(bundle)["payments.csv"]?.split(separator: "\n").dropFirst() == [
            "P1,DH1,1,2026-11-02T09:15:00+07:00,", "P2,DH1,1,2026-11-02T09:15:00.250+07:00,"])
        #expect(files(bundle, "Asia/Kathmandu")["payments.csv"]?.contains("2026-11-02T08:00:00+05:45") == true)
        #expect(files(bundle, "America/St_Johns")["payments.csv"]?.contains("2026-11-01T22:45:00-03:30") == true)
    }

    @Test func quotesOnlyTheFieldsThatNeedIt() {
        var bundle = DataBundle()
        bundle.sources = [
            SourceRecord(id: "S1", name: "Hội chợ, \"Tết\""), SourceRecord(id: "S2", name: " Zalo"),
            SourceRecord(id: "S3", name: "Giới thiệu\nbạn bè"), SourceRecord(id: "S4", name: "Website"),
        ]

        #expect(files(bundle)["sources.csv"] == "id,name\nS1,\"Hội chợ, \"\"Tết\"\"\"\nS2,\" Zalo\"\n"
                + "S3,\"Giới thiệu\nbạn bè\"\nS4,Website\n")
    }

    @Test func writesBackWhatItReadFromTheFixture() {
        let read = BundleFixture.read(BundleFixture.valid)

        let written = files(read.bundle)

        #expect(written["users.csv"] == """
            id,name,email,department_id,role,active,extensions
            U1,Trần Thị Lan,lan@anphat.vn,D1,manager,true,101;VFONE:212
            U2,Lê Văn Minh,minh@anphat.vn,D2,sales,true,102;STRINGEE:212
            U3,Phạm Hùng,hung@anphat.vn,D2,sales,true,

            """)
        #expect(written["calls.csv"]?.hasSuffix(
            "CALL-2,import,inbound,102,,0987654321,2026-12-02T10:00:00+07:00,,,20,0,no_answer,\n") == true)
    }

    /// writer(reader(writer(x))) == writer(x), byte for byte, and the reader gives x back, over random
    /// bundles using every column, in zones with odd offsets and daylight saving time.
    @Test(arguments: ["Asia/Ho_Chi_Minh", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "UTC"])
    func roundTripsByteForByte(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        for seed in UInt64(1)...5 {
            var generator = BundleGenerator(seed: seed)
            let bundle = generator.bundle()

            let first = BundleWriter.write(bundle, timeZone: zone)
            let read = BundleReader.read(files: Dictionary(uniqueKeysWithValues: first.map { ($0.name, $0.bytes) }))
            let second = BundleWriter.write(read.bundle, timeZone: zone)

            #expect(read.errorTexts == [], "seed \(seed), \(zoneName)")
            #expect(read.warningTexts == [], "seed \(seed), \(zoneName)")
            #expect(read.references == [], "seed \(seed), \(zoneName)")
            #expect(read.bundle.withoutLines == bundle, "seed \(seed), \(zoneName)")
            #expect(second.map(\.name) == first.map(\.name))
            for file in first {  // the generator must exercise every column of every file
                let table = CSV.table(file.bytes)
                for (index, column) in table.header.enumerated() {
                    #expect(table.rows.contains { !$0.fields[index].isEmpty }, "seed \(seed): \(file.name) \(column)")
                }
            }
            for (a, b) in zip(first, second) {
                #expect(a.bytes == b.bytes, "seed \(seed), \(zoneName), \(a.name)")
            }
        }
    }

    @Test func roundTripsInstantsThatAreNotWholeMilliseconds() {
        var bundle = DataBundle()
        bundle.payments = [0.0004, 0.9996, 0.1234567, -0.5004].enumerated().map { i, fraction in
            PaymentRecord(id: "P\(i)", orderID: "DH1", amount: 1,
                          paidAt: Date(timeIntervalSince1970: 1_793_585_700 + fraction))
        }
        let zone = TimeZone(identifier: "America/St_Johns")!

        let first = BundleWriter.write(bundle, timeZone: zone)
        let read = BundleReader.read(files: Dictionary(uniqueKeysWithValues: first.map { ($0.name, $0.bytes) }))
        let second = BundleWriter.write(read.bundle, timeZone: zone)

        #expect(read.errors.isEmpty)
        #expect(first.map(\.bytes) == second.map(\.bytes))
    }
}
