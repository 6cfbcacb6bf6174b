import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Editing a customer, the duplicate-number check as you type, soft delete and an administrator's restore.
@Suite("Web: customer edit, delete, restore")
struct CustomerEditPagesTests {
    private func customerID(_ name: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM customers WHERE name = \(bind: name)")
            .first(decodingColumn: "id", as: Int64.self)!
    }

    private func phones(_ id: Int64, _ app: Application) async throws -> [String] {
        try await CallDeskDatabase.sql(app.db).raw("""
            SELECT raw || '=' || COALESCE(e164, '') AS p FROM customer_phones WHERE customer_id = \(bind: id) ORDER BY position
            """).all(decodingColumn: "p", as: String.self)
    }

    @Test("an edit replaces details, phones, email and owner in one go; the owner change is in the care history")
    func edit() async throws {
        try await withWebCompany { app, ids in
            let lan = try await customerID("Nguyễn Thị Lan", app)
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let form = try await admin.get("/customers/\(lan)/edit").body.string
            #expect(form.contains(#"value="0912 345 678""#) && form.contains(#"value="+84 24 3825 1234""#))
            #expect(form.contains(#"value="lan@example.vn""#) && form.contains(#"action="/customers/\#(lan)/edit""#))

            let saved = try await admin.post("/customers/\(lan)/edit", [
                ("name", "Nguyễn Thị Lan Anh"), ("phone0", "0912 345 678"), ("label0", "Di động"),
                ("phone1", ""), ("label1", ""), ("phone2", "+84 903-111-222"), ("label2", "Zalo"),
                ("email", "lananh@example.vn"), ("address", "15 Lê Lợi, Hà Nội"),
                ("owner", "user:\(ids["truong.kd@example.vn"]!)"),
            ])
            #expect(saved.location == "/customers/\(lan)?done=saved")
            #expect(try await phones(lan, app) == ["0912 345 678=+84912345678", "+84 903-111-222=+84903111222"])
            let sql = CallDeskDatabase.sql(app.db)
            struct Row: Decodable { var name: String; var address: String?; var owner_id: Int64? }
            let row = try await sql.raw("SELECT name, address, owner_id FROM customers WHERE id = \(bind: lan)").first(decoding: Row.self)
            #expect(row?.name == "Nguyễn Thị Lan Anh" && row?.address == "15 Lê Lợi, Hà Nội")
            #expect(row?.owner_id == ids["truong.kd@example.vn"])
            #expect(try await sql.raw("SELECT email FROM customer_emails WHERE customer_id = \(bind: lan)")
                .all(decodingColumn: "email", as: String.self) == ["lananh@example.vn"])
            let changes = try await sql.raw("""
                SELECT COUNT(*) AS n FROM ownership_changes WHERE customer_id = \(bind: lan)
                AND from_user_id = \(bind: ids["an@example.vn"]!) AND to_user_id = \(bind: ids["truong.kd@example.vn"]!)
                AND changed_by_id = \(bind: ids["giamdoc@example.vn"]!)
                """).first(decodingColumn: "n", as: Int64.self)
            #expect(changes == 1)
            let page = try await admin.get(saved.location!).body.string
            #expect(page.contains("Đã lưu thay đổi") && page.contains("Đổi người phụ trách"))
            #expect(page.contains("Nguyễn Văn An → Lê Trưởng KD"))
            // The new number finds the customer; the dropped one no longer does.
            #expect(try await admin.get("/customers?q=0903111222").body.string.contains("Nguyễn Thị Lan Anh"))
            #expect(!(try await admin.get("/customers?q=02438251234").body.string.contains("Nguyễn Thị Lan Anh")))
        }
    }

    @Test("a wrong edit changes nothing and shows the messages; a salesperson edits only their own customers, for themselves")
    func refusals() async throws {
        try await withWebCompany { app, ids in
            let lan = try await customerID("Nguyễn Thị Lan", app), hoaMai = try await customerID("Công ty CP Hoa Mai", app)
            let before = try await phones(lan, app)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            let wrong = try await an.post("/customers/\(lan)/edit", [("name", ""), ("phone0", "0912 abc"), ("owner", "user:\(ids["an@example.vn"]!)")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.string.contains("Nhập tên khách hàng") && wrong.body.string.contains("Số điện thoại không hợp lệ"))
            #expect(wrong.body.string.contains(#"value="0912 abc""#))
            let elsewhere = try await an.post("/customers/\(lan)/edit", [("name", "Lan"), ("phone0", "0912 345 678"),
                                                                       ("owner", "user:\(ids["truong.kd@example.vn"]!)")])
            #expect(elsewhere.status == .badRequest && elsewhere.body.string.contains("trong phạm vi của mình"))
            #expect(try await phones(lan, app) == before)
            #expect(try await CallDeskDatabase.sql(app.db).raw("SELECT name FROM customers WHERE id = \(bind: lan)")
                .first(decodingColumn: "name", as: String.self) == "Nguyễn Thị Lan")
            // A colleague's customer: 404 on the form and on the post, and nothing changes.
            #expect(try await an.get("/customers/\(hoaMai)/edit").status == .notFound)
            #expect(try await an.post("/customers/\(hoaMai)/edit", [("name", "Đổi"), ("phone0", "0987654321"),
                                                                   ("owner", "user:\(ids["an@example.vn"]!)")]).status == .notFound)
            #expect(try await CallDeskDatabase.sql(app.db).raw("SELECT owner_id FROM customers WHERE id = \(bind: hoaMai)")
                .first(decodingColumn: "owner_id", as: Int64.self) == ids["binh@example.vn"])
        }
    }

    @Test("as you type: the phone rules, and which other customer has the number (named only within scope)")
    func phoneCheck() async throws {
        try await withWebCompany { app, _ in
            let lan = try await customerID("Nguyễn Thị Lan", app)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            let taken = try await an.get("/customers/phone-check?phone=84912345678")
            #expect(taken.headers.contentType == .json)
            let body = taken.body.string.replacingOccurrences(of: "\\/", with: "/")
            #expect(body.contains("\"valid\":true") && body.contains("Nguyễn Thị Lan") && body.contains("/customers/\(lan)"))
            #expect(!(try await an.get("/customers/phone-check?phone=0912345678&except=\(lan)").body.string.contains("Nguyễn Thị Lan")),
                    "the customer being edited is not a duplicate of itself")
            let hidden = try await an.get("/customers/phone-check?phone=0987654321").body.string
                .replacingOccurrences(of: "\\/", with: "/")
            #expect(hidden.contains("ngoài phạm vi") && !hidden.contains("Hoa Mai") && !hidden.contains("/customers/"))
            #expect(try await an.get("/customers/phone-check?phone=0912%20abc").body.string.contains("\"valid\":false"))
            #expect(try await an.get("/customers/phone-check?phone=0911222333").body.string.contains("\"others\":[]"))
        }
    }

    @Test("delete needs the permission and hides the customer everywhere; only an administrator restores it")
    func deleteAndRestore() async throws {
        try await withWebCompany { app, _ in
            let lan = try await customerID("Nguyễn Thị Lan", app)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(!(try await an.get("/customers/\(lan)/edit").body.string.contains("customer-delete")),
                    "the delete panel is offered only to roles that may delete")
            #expect(try await an.post("/customers/\(lan)/delete", []).status == .forbidden, "salespeople may not delete")
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            let unassigned = try await customerID("Khách chưa phụ trách", app)
            #expect(try await manager.post("/customers/\(unassigned)/delete", []).status == .notFound, "outside the scope")
            #expect(try await manager.get("/customers/\(lan)/edit").body.string.contains("customer-delete"))
            let deleted = try await manager.post("/customers/\(lan)/delete", [])
            #expect(deleted.location == "/customers?done=deleted")
            #expect(try await manager.get("/customers/\(lan)").status == .notFound)
            #expect(!(try await manager.get("/customers").body.string.contains("Nguyễn Thị Lan")))
            #expect(!(try await an.get("/customers?q=0912345678").body.string.contains("Nguyễn Thị Lan")))
            #expect(try await manager.get("/customers/deleted").status == .forbidden)
            #expect(try await manager.post("/customers/\(lan)/restore", []).status == .forbidden)

            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let bin = try await admin.get("/customers/deleted").body.string
            #expect(bin.contains("Nguyễn Thị Lan") && bin.contains("/customers/\(lan)/restore"))
            let restored = try await admin.post("/customers/\(lan)/restore", [])
            #expect(restored.location == "/customers/deleted?done=restored")
            #expect(try await admin.post("/customers/\(lan)/restore", []).status == .notFound, "already restored")
            #expect(try await an.get("/customers/\(lan)").status == .ok)
            #expect(try await an.get("/customers?q=0912345678").body.string.contains("Nguyễn Thị Lan"))
        }
    }
}
