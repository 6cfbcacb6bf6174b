import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Khoá API: list, a new key for a user shown once and never cached, revoking it.
@Suite("Web: settings › API keys")
struct APIKeysPageTests {
    private func keyCount(_ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT COUNT(*) AS n FROM api_keys").first(decodingColumn: "n", as: Int64.self) ?? -1
    }

    /// The key in the page's one-time panel.
    private func shownKey(_ html: String) -> String? {
        guard let start = html.range(of: #"<pre class="secret">"#) else { return nil }
        let rest = html[start.upperBound...]
        return String(rest.prefix { $0 != "<" })
    }

    @Test("only administrators see, create or revoke keys")
    func administratorsOnly() async throws {
        try await withWebCompany { app, ids in
            let existing = try await APIKeys.create(email: "an@example.vn", name: "Cũ", on: app.db)
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            #expect(try await manager.get("/settings/api-keys").status == .forbidden)
            let post = try await manager.post("/settings/api-keys", [("user", "\(ids["truong.kd@example.vn"]!)"), ("name", "X")])
            #expect(post.status == .forbidden)
            #expect(try await manager.post("/settings/api-keys/\(existing.id)/revoke", []).status == .forbidden)
            #expect(try await keyCount(app) == 1)
            #expect(try await APIKeys.user(forKey: existing.key, on: app.db) == ids["an@example.vn"])
        }
    }

    @Test("a new key is shown once with no-store and works for its owner; revoking stops it")
    func createAndRevoke() async throws {
        try await withWebCompany { app, ids in
            let an = ids["an@example.vn"]!
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            #expect(try await admin.get("/settings/api-keys").body.string.contains("Chưa có khoá API nào."))

            let created = try await admin.post("/settings/api-keys", [("user", "\(an)"), ("name", " Kết nối  kế toán ")])
            #expect(created.status == .ok)
            #expect(created.headers.first(name: .cacheControl) == "no-store")
            let key = try #require(shownKey(created.body.string))
            #expect(key.hasPrefix("cd_") && key.count == 43)
            #expect(created.body.string.contains("Chỉ hiển thị một lần") && created.body.string.contains("Khoá API “Kết nối kế toán”"))
            #expect(try await APIKeys.user(forKey: key, on: app.db) == an)

            let list = try await admin.get("/settings/api-keys").body.string
            #expect(!list.contains(key), "the list never shows the key again")
            #expect(list.contains("Kết nối kế toán") && list.contains("Nguyễn Văn An") && list.contains(String(key.prefix(8)) + "…"))
            #expect(!list.contains("chưa dùng"), "used once above: the last use is shown")

            let id = try #require(try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM api_keys")
                .first(decodingColumn: "id", as: Int64.self))
            let revoked = try await admin.post("/settings/api-keys/\(id)/revoke", [])
            #expect(revoked.location == "/settings/api-keys?done=revoked")
            #expect(try await APIKeys.user(forKey: key, on: app.db) == nil)
            let after = try await admin.get("/settings/api-keys?done=revoked").body.string
            #expect(after.contains("Đã thu hồi khoá.") && after.contains(#"<span class="badge warn">Đã thu hồi "#))
            #expect(!after.contains("/settings/api-keys/\(id)/revoke"), "no revoke button on a revoked key")
        }
    }

    @Test("refusals: no user, no name, a deactivated user; nothing is created")
    func refusals() async throws {
        try await withWebCompany { app, ids in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/settings/api-keys")
            let empty = try await admin.post("/settings/api-keys", [("user", ""), ("name", "  ")])
            #expect(empty.status == .badRequest)
            #expect(empty.body.string.contains("Chọn người dùng sở hữu khoá") && empty.body.string.contains("Đặt tên cho khoá"))
            #expect(shownKey(empty.body.string) == nil)
            let inactive = try await admin.post("/settings/api-keys", [("user", "\(ids["binh@example.vn"]!)"), ("name", "Bình")])
            #expect(inactive.status == .badRequest && inactive.body.string.contains("Người dùng này đã bị khoá"))
            #expect(inactive.body.string.contains(#"value="Bình""#), "the form keeps what was typed")
            #expect(try await keyCount(app) == 0)
        }
    }
}
