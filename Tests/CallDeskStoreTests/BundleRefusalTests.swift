import CallDeskCore
@testable import CallDeskStore
import Fluent
import Foundation
import Testing

/// domain.md: "every error reported as file:line: column: message" and "nothing written".
@Suite("A bad bundle is refused whole")
struct BundleRefusalTests {
    /// One bundle, 25 different mistakes; each expectation is the `file:line: column:` it must be reported at.
    static let mistakes: [(String, String)] = [
        ("sources.csv:1: name:", "missing required column"),
        ("groups.csv:1: color:", "unknown column"),
        ("customers.csv:2: created_at:", "a time that is not RFC 3339"),
        ("customers.csv:3: created_at:", "a time without an offset"),
        ("customers.csv:3: source_ids:", "unknown source id"),
        ("customers.csv:4: id:", "duplicate id"),
        ("customers.csv:5: name:", "empty required value"),
        ("customers.csv:5: deleted_at:", "deleted before created"),
        ("customers.csv:4: owner_email:", "unknown owner email"),
        ("users.csv:2: role:", "bad enum"),
        ("users.csv:3: active:", "bad boolean"),
        ("users.csv:4: extensions:", "an extension given to two users"),
        ("users.csv:5: email:", "not an email"),
        ("departments.csv:3:", "non-UTF-8 bytes"),
        ("departments.csv:4: parent_id:", "a department cycle"),
        ("calls.csv:2: direction:", "bad direction"),
        ("calls.csv:3: talk_seconds:", "talk longer than the call"),
        ("tasks.csv:3:", "wrong number of fields"),
        ("tasks.csv:2: completed_at:", "completed before created"),
        ("orders.csv:2: total:", "not a whole number"),
        ("orders.csv:3: total:", "lines do not add up to the total"),
        ("payments.csv:2: amount:", "negative amount"),
        ("notes.csv:1:", "unknown file"),
        ("settings.csv:2: key:", "unknown setting"),
        ("settings.csv:3: value:", "unknown time zone"),
    ]

    static func badBundle() -> [String: [UInt8]] {
        var files = SampleBundles.files([
            "settings.csv": "key,value\ncolour,blue\ntime_zone,Mars/Olympus\n",
            "sources.csv": "id\nS1\n",
            "groups.csv": "id,name,parent_id,color\nG1,VIP,,gold\n",
            "users.csv": """
                id,name,email,department_id,role,active,extensions
                U1,An,an@example.vn,,boss,true,101
                U2,Bình,binh@example.vn,,sales,yes,102
                U3,Chi,chi@example.vn,,sales,true,101
                U4,Dũng,not-an-email,,sales,true,
                """,
            "customers.csv": """
                id,name,phones,source_ids,owner_email,created_at,deleted_at
                C1,Lan,0912345678,,,2026-11-02 09:15,
                C2,Hoa,0912345679,S404,,2026-11-02T09:15:00,
                C1,Mai,0912345670,,ghost@example.vn,2026-11-02T09:15:00+07:00,
                C4,,0912345671,,,2026-11-02T09:15:00+07:00,2026-11-01T09:15:00+07:00
                """,
            "calls.csv": """
                id,direction,remote_number,started_at,total_seconds,talk_seconds
                A1,sideways,0912345678,2026-11-05T09:00:00+07:00,10,0
                A2,outbound,0912345678,2026-11-05T09:00:00+07:00,10,20
                """,
            "tasks.csv": """
                id,type,title,created_at,status,completed_at
                T1,todo,Gọi lại,2026-11-05T09:00:00+07:00,done,2026-11-04T09:00:00+07:00
                T2,todo,Gọi lại,2026-11-05T09:00:00+07:00,open,,extra
                """,
            "orders.csv": """
                id,customer_id,created_at,total,status
                R1,C4,2026-11-07T10:00:00+07:00,1.5,approved
                R2,C4,2026-11-07T10:00:00+07:00,3000000,approved
                """,
            "order_lines.csv": "order_id,quantity,unit_price\nR2,1,1000000\n",
            "payments.csv": "id,order_id,amount,paid_at\nP1,R2,-5,2026-11-07T12:00:00+07:00\n",
            "notes.csv": "id,body\nN1,hello\n",
        ])
        // departments.csv: a name with bytes that are not UTF-8 on line 3, and a cycle D2 ↔ D3 on lines 4–5.
        var departments = Array("id,name,parent_id\nD1,Ban Giám đốc,\nD4,Kế toán ".utf8)
        departments += [0xFF, 0xFE]
        departments += Array(",D1\nD2,Kinh doanh,D3\nD3,Kinh doanh 1,D2\n".utf8)
        files["departments.csv"] = departments
        return files
    }

    @Test("25 mistakes in one bundle: each is listed as file:line: column, and the database is unchanged")
    func everyMistakeListed() async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            let before = try await TestDatabase.rowCounts(app.db)
            let failure = await #expect(throws: BundleImportFailed.self) {
                try await BundleImporter.importBundle(files: Self.badBundle(), into: app.db)
            }
            let issues = failure?.issues ?? []
            for (prefix, what) in Self.mistakes {
                #expect(issues.contains { $0.hasPrefix(prefix) }, "\(what): nothing reported at \(prefix)\n\(issues.joined(separator: "\n"))")
            }
            #expect(issues.count >= Self.mistakes.count)
            #expect(try await TestDatabase.rowCounts(app.db) == before)
        }
    }
}
