import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// The whole HTML of key pages on the sample company, compared with the files in `Tests/Snapshots/`, so a
/// review sees every change of markup a commit makes. Only the per-session form token is blanked.
/// After an intended change: `CALLDESK_RECORD_SNAPSHOTS=1 swift test --filter PageSnapshotTests`, then
/// read the diff of `Tests/Snapshots/` before committing it. A mismatch writes `NAME.actual.html` beside the file.
@Suite("Web: HTML snapshots of key pages")
struct PageSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func normalised(_ html: String) -> String {
        // The CSRF token changes with every session; nothing else on these pages depends on the clock.
        let token = try! Regex(#"name="_csrf" value="[0-9a-f]+""#)
        return html.replacing(token, with: #"name="_csrf" value="TOKEN""#)
            .replacingOccurrences(of: "><", with: ">\n<")
    }

    func check(_ name: String, _ html: String) throws {
        let file = Self.directory.appendingPathComponent(name + ".html")
        let actual = Self.normalised(html)
        if ProcessInfo.processInfo.environment["CALLDESK_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if expected != actual {
            try? actual.write(to: Self.directory.appendingPathComponent(name + ".actual.html"), atomically: true, encoding: .utf8)
        }
        #expect(expected != nil, "no snapshot \(file.path): record with CALLDESK_RECORD_SNAPSHOTS=1")
        if let expected {
            let (a, b) = (expected.split(separator: "\n", omittingEmptySubsequences: false),
                          actual.split(separator: "\n", omittingEmptySubsequences: false))
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            let same = expected == actual
            #expect(same, """
                \(name): the page differs from its snapshot \
                \(first.map { "at line \($0.offset + 1): expected «\($0.element.0)», got «\($0.element.1)»" } ?? "in length (\(a.count) → \(b.count) lines)")
                """)
        }
    }

    @Test("customer list, customer page, customer edit form, departments, deleted customers (administrator)")
    func administratorPages() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let lan = try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM customers WHERE name = 'Nguyễn Thị Lan'")
                .first(decodingColumn: "id", as: Int64.self)!
            try check("customer-list", try await admin.get("/customers").body.string)
            try check("customer-page", try await admin.get("/customers/\(lan)").body.string)
            try check("customer-edit", try await admin.get("/customers/\(lan)/edit").body.string)
            try check("settings-departments", try await admin.get("/settings/departments").body.string)
            try check("customers-deleted", try await admin.get("/customers/deleted").body.string)
        }
    }

    @Test("a salesperson's customer list (their scope, their owner picker)")
    func salespersonList() async throws {
        try await withWebCompany { app, _ in
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            try check("customer-list-salesperson", try await an.get("/customers").body.string)
        }
    }
}
