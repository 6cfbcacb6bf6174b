import CallDeskCore
@testable import CallDeskStore
import Fluent
import Foundation
import Testing

@Suite("Export and import round trip (cli.md)")
struct RoundTripTests {
    static let now = try! RFC3339.parse("2026-11-29T15:30:00+07:00").get()

    @Test("demo → export → import into an empty database → export gives byte-identical files")
    func roundTrip() async throws {
        let options = DemoOptions(customers: 300, staff: 12, days: 20, seed: 42, now: Self.now)
        let first = try await TestDatabase.withApp { app in
            _ = try await DemoLoader.load(options, into: app.db, chunkSize: 120)
            return try await BundleExporter.files(from: app.db)
        }
        let second = try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: Dictionary(uniqueKeysWithValues: first.map { ($0.name, $0.bytes) }),
                                                      into: app.db)
            return try await BundleExporter.files(from: app.db)
        }
        #expect(first.map(\.name) == second.map(\.name))
        for (a, b) in zip(first, second) {
            #expect(a.bytes == b.bytes, "\(a.name) differs after the round trip")
        }
        let calls = first.first { $0.name == "calls.csv" }?.bytes.filter { $0 == UInt8(ascii: "\n") }.count ?? 0
        #expect(calls > 1_000)
    }

    @Test("an imported bundle exports to the same files it was read from")
    func sampleRoundTrip() async throws {
        let exported = try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            return try await BundleExporter.files(from: app.db)
        }
        let reimported = try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: Dictionary(uniqueKeysWithValues: exported.map { ($0.name, $0.bytes) }),
                                                      into: app.db)
            return try await BundleExporter.files(from: app.db)
        }
        #expect(exported.map(\.name) == reimported.map(\.name))
        #expect(exported.map(\.bytes) == reimported.map(\.bytes))
        let customers = String(decoding: exported.first { $0.name == "customers.csv" }!.bytes, as: UTF8.self)
        #expect(customers.contains("\"12 Lê Lợi, Hà Nội\""))
        #expect(customers.contains("2026-11-04T15:00:00+07:00"))   // written in the company's zone
    }
}

@Suite("Demo company loader")
struct DemoLoaderTests {
    @Test("loads a company into an empty database and refuses a database that holds data")
    func loadsOnce() async throws {
        try await TestDatabase.withApp { app in
            let options = DemoOptions(customers: 200, staff: 10, days: 15, seed: 3, now: RoundTripTests.now)
            let summary = try await DemoLoader.load(options, into: app.db, chunkSize: 64)
            let counts = try await TestDatabase.rowCounts(app.db)
            #expect(summary.customers == 200)
            #expect(counts["customers"] == 200)
            #expect(counts["calls"] == Int64(summary.calls))
            #expect(summary.calls > 1_000)
            #expect(counts["users"]! >= 10)
            #expect(!summary.logins.isEmpty)
            await #expect(throws: DemoLoader.NotEmpty.self) {
                try await DemoLoader.load(options, into: app.db)
            }
        }
    }
}

@Suite("Schema")
struct MigrationTests {
    @Test("migrations create the schema and seed the built-in roles; migrating again changes nothing")
    func migrations() async throws {
        try await TestDatabase.withApp { app in
            try await CallDeskDatabase.migrate(app)
            let roles = try await CallDeskDatabase.sql(app.db).raw("SELECT code FROM roles ORDER BY code")
                .all(decodingColumn: "code", as: String.self)
            #expect(roles == ["admin", "manager", "sales"])
            let scopes = try await CallDeskDatabase.sql(app.db).raw("""
                SELECT r.code, p.scope FROM role_permissions p JOIN roles r ON r.id = p.role_id
                WHERE p.module = 'reports' AND p.action = 'view' ORDER BY r.code
                """).all(decodingColumn: "scope", as: String.self)
            #expect(scopes == ["all", "department", "own"])
        }
    }

    @Test("the same PBX call id from the same provider is stored once")
    func callUniqueness() async throws {
        try await TestDatabase.withApp { app in
            var files = SampleBundles.company
            files["calls.csv"]! += "\nA1,,outbound,102,,0912345678,2026-11-05T09:00:00+07:00,,,10,0,busy,"
            // The duplicate inside one bundle is an error of the bundle itself…
            await #expect(throws: BundleImportFailed.self) {
                try await BundleImporter.importBundle(files: SampleBundles.files(files), into: app.db)
            }
            // …and across imports it updates the one stored call.
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            #expect(try await TestDatabase.rowCounts(app.db)["calls"] == 5)
        }
    }
}
