import CallDeskCore
@testable import CallDeskStore
import Fluent
import Foundation
import SQLKit
import Testing

@Suite("Bundle import (domain.md, Data bundle)")
struct BundleImportTests {
    private func scalar(_ db: any Database, _ query: SQLQueryString) async throws -> Int64 {
        let row = try await CallDeskDatabase.sql(db).raw(query).first()
        return try row?.decode(column: "n", as: Int64.self) ?? -1
    }

    @Test("a complete bundle imports every file")
    func importsCompany() async throws {
        try await TestDatabase.withApp { app in
            let summary = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company),
                                                                into: app.db)
            let counts = try await TestDatabase.rowCounts(app.db)
            #expect(counts["departments"] == 3)
            #expect(counts["department_heads"] == 2)
            #expect(counts["users"] == 4)
            #expect(counts["user_extensions"] == 4)
            #expect(counts["customers"] == 3)
            #expect(counts["customer_phones"] == 5)
            #expect(counts["customer_sources"] == 3)
            #expect(counts["campaign_stages"] == 3)
            #expect(counts["opportunities"] == 2)
            #expect(counts["calls"] == 5)
            #expect(counts["tasks"] == 2)
            #expect(counts["orders"] == 2)
            #expect(counts["order_lines"] == 2)
            #expect(counts["payments"] == 2)
            // The phone that cannot be normalised is kept as typed, with a warning (phone-numbers.md).
            #expect(summary.warnings.contains { $0.hasPrefix("customers.csv:4: phones:") && $0.contains("abc-not-a-phone") })
            let settings = try await CompanySettingsStore.load(CallDeskDatabase.sql(app.db))
            #expect(settings.companyName == "Công ty TNHH Thử Nghiệm")
        }
    }

    @Test("phones are stored raw beside their normalised E.164; old 11-digit numbers are renumbered")
    func phonesNormalised() async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            struct Phone: Decodable { var raw: String; var e164: String? }
            let phones = try await CallDeskDatabase.sql(app.db)
                .raw("SELECT raw, e164 FROM customer_phones ORDER BY id").all(decoding: Phone.self)
            #expect(phones.map(\.raw) == ["0912 345 678", "+84 24 3825 1234", "84987654321", "0168 123 4567",
                                          "abc-not-a-phone"])
            #expect(phones.map(\.e164) == ["+84912345678", "+842438251234", "+84987654321", "+84381234567", nil])
        }
    }

    @Test("R13: a call's user comes from user_email, else from its extension, tagged extensions per provider")
    func callUsers() async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            struct Row: Decodable { var pbx_call_id: String; var email: String?; var remote_e164: String? }
            let rows = try await CallDeskDatabase.sql(app.db).raw("""
                SELECT c.pbx_call_id, u.email, c.remote_e164 FROM calls c LEFT JOIN users u ON u.id = c.user_id
                ORDER BY c.pbx_call_id
                """).all(decoding: Row.self)
            let users = Dictionary(uniqueKeysWithValues: rows.map { ($0.pbx_call_id, $0.email) })
            #expect(users["A1"] == "an@example.vn")          // untagged 102
            #expect(users["A2"] == "an@example.vn")          // VFONE:212 from provider VFONE
            #expect(users["A3"] == .some(nil))               // VFONE:212 does not match provider OTHER
            #expect(users["A4"] == .some(nil))               // unknown extension: kept, no user
            #expect(users["A5"] == "binh@example.vn")        // user_email wins over the extension
            #expect(rows.first { $0.pbx_call_id == "A5" }?.remote_e164 == "+84912345678")
        }
    }

    @Test("importing again updates by bundle id instead of duplicating")
    func reimportUpdates() async throws {
        try await TestDatabase.withApp { app in
            let files = SampleBundles.files(SampleBundles.company)
            _ = try await BundleImporter.importBundle(files: files, into: app.db)
            let before = try await TestDatabase.rowCounts(app.db)
            var changed = SampleBundles.company
            changed["customers.csv"] = changed["customers.csv"]!.replacingOccurrences(of: "Nguyễn Thị Lan",
                                                                                      with: "Nguyễn Thị Lan Anh")
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(changed), into: app.db)
            #expect(try await TestDatabase.rowCounts(app.db) == before)
            #expect(try await scalar(app.db, "SELECT COUNT(*) AS n FROM customers WHERE name = 'Nguyễn Thị Lan Anh'") == 1)
        }
    }

    @Test("a bundle may refer to records already in the database")
    func referencesToDatabase() async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            let more = SampleBundles.files([
                "tasks.csv": """
                    id,type,title,customer_id,opportunity_id,assignee_email,created_by_email,created_at,due_at,status,completed_at
                    T9,todo,Gửi báo giá,C2,,AN@example.vn,,2026-11-09T10:00:00+07:00,,open,
                    """,
            ])
            _ = try await BundleImporter.importBundle(files: more, into: app.db)
            #expect(try await scalar(app.db, "SELECT COUNT(*) AS n FROM tasks") == 3)
        }
    }

    @Test("unknown references and conflicts with the database are listed, and nothing is written")
    func databaseReferencesChecked() async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            let before = try await TestDatabase.rowCounts(app.db)
            let bad = SampleBundles.files([
                "users.csv": """
                    id,name,email,extensions
                    U9,Người mới,an@example.vn,102
                    """,
                "tasks.csv": """
                    id,type,title,customer_id,opportunity_id,assignee_email,created_by_email,created_at,due_at,status,completed_at
                    T9,todo,Gửi báo giá,C404,,nobody@example.vn,,2026-11-09T10:00:00+07:00,,open,
                    """,
            ])
            let failure = await #expect(throws: BundleImportFailed.self) {
                try await BundleImporter.importBundle(files: bad, into: app.db)
            }
            let issues = failure?.issues ?? []
            #expect(issues.contains { $0.hasPrefix("tasks.csv:2: customer_id: unknown customer \"C404\"") })
            #expect(issues.contains { $0.hasPrefix("tasks.csv:2: assignee_email: unknown user email \"nobody@example.vn\"") },
                    "\(issues)")
            #expect(issues.contains { $0.hasPrefix("users.csv:2: email:") && $0.contains("already belongs") })
            #expect(issues.contains { $0.hasPrefix("users.csv:2: extensions: 102 is already the extension") })
            #expect(try await TestDatabase.rowCounts(app.db) == before)
        }
    }

    @Test("a department moved under its own descendant is refused (a cycle) and nothing is written")
    func departmentCycleAgainstDatabase() async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            let before = try await TestDatabase.rowCounts(app.db)
            let bad = SampleBundles.files(["departments.csv": "id,name,parent_id\nD1,Ban Giám đốc,D3\n"])
            let failure = await #expect(throws: BundleImportFailed.self) {
                try await BundleImporter.importBundle(files: bad, into: app.db)
            }
            #expect(failure?.issues.contains { $0.contains("cycle") } == true)
            #expect(try await TestDatabase.rowCounts(app.db) == before)
            #expect(try await scalar(app.db, "SELECT COUNT(*) AS n FROM departments WHERE parent_id IS NULL") == 1)
        }
    }

    @Test("a .zip bundle imports like a folder")
    func zipBundle() async throws {
        try await TestDatabase.withApp { app in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calldesk-zip-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let zip = folder.appendingPathComponent("bundle.zip").path
            let files = SampleBundles.files(SampleBundles.company).map { (name: $0.key, bytes: $0.value) }
            try BundleFiles.write(files, to: zip)
            _ = try await BundleImporter.importBundle(at: zip, into: app.db)
            #expect(try await TestDatabase.rowCounts(app.db)["customers"] == 3)
        }
    }
}

@Suite("Extensions and provider codes (R13)")
struct ExtensionCodeTests {
    @Test("R13: provider codes compare ignoring case, so vfone:212 and VFONE:212 on two users is refused")
    func providerCodeCase() async throws {
        try await TestDatabase.withApp { app in
            let bundle = SampleBundles.files(["users.csv": """
                id,name,email,extensions
                U1,An,an@example.vn,vfone:212
                U2,Bình,binh@example.vn,VFONE:212
                """])
            let failure = await #expect(throws: BundleImportFailed.self) {
                try await BundleImporter.importBundle(files: bundle, into: app.db)
            }
            #expect(failure?.issues.contains { $0.hasPrefix("users.csv:3: extensions:") } == true)
        }
    }
}
