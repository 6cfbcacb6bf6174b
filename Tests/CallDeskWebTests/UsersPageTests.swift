import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Người dùng: administrators only; add, change, deactivate, new password.
@Suite("Web: settings › users")
struct UsersPageTests {
    private func userCount(_ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT COUNT(*) AS n FROM users").first(decodingColumn: "n", as: Int64.self) ?? -1
    }

    private func departmentID(_ name: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM departments WHERE name = \(bind: name)")
            .first(decodingColumn: "id", as: Int64.self)!
    }

    @Test("only administrators see or change users")
    func administratorsOnly() async throws {
        try await withWebCompany { app, ids in
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            #expect(try await manager.get("/settings/users").status == .forbidden)
            #expect(try await manager.get("/settings/users/\(ids["an@example.vn"]!)").status == .forbidden)
            let post = try await manager.post("/settings/users/\(ids["an@example.vn"]!)", [("name", "X"), ("role", "admin")])
            #expect(post.status == .forbidden)
            let role = try await CallDeskDatabase.sql(app.db).raw("""
                SELECT r.code FROM users u JOIN roles r ON r.id = u.role_id WHERE u.email = 'an@example.vn'
                """).first(decodingColumn: "code", as: String.self)
            #expect(role == "sales")
        }
    }

    @Test("adding a person: extensions checked against everyone's, all or nothing; they can sign in")
    func add() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let list = try await admin.get("/settings/users").body.string
            #expect(list.contains("102; VFONE:212") && list.contains("Đã khoá"))
            let kd1 = try await departmentID("Kinh doanh 1", app)
            let before = try await userCount(app)
            let taken = try await admin.post("/settings/users", [
                ("name", "Hoàng Văn Cường"), ("email", "cuong@example.vn"), ("role", "sales"), ("department", "\(kd1)"),
                ("extensions", "104; 101"), ("password", "matkhau456"),
            ])
            #expect(taken.status == .badRequest)
            #expect(taken.body.string.contains("Máy nhánh 101 đang thuộc Lê Trưởng KD"))
            #expect(taken.body.string.contains(#"value="Hoàng Văn Cường""#), "the form keeps what was typed")
            #expect(try await userCount(app) == before, "the login was not created either")
            let garbled = try await admin.post("/settings/users", [
                ("name", "Hoàng Văn Cường"), ("email", "cuong@example.vn"), ("role", "sales"), ("extensions", "1O4"),
                ("password", "matkhau456"),
            ])
            #expect(garbled.body.string.contains("\"1O4\" không phải máy nhánh"))
            let duplicate = try await admin.post("/settings/users", [
                ("name", "Ai đó"), ("email", "AN@example.vn"), ("role", "sales"), ("password", "matkhau456"),
            ])
            #expect(duplicate.body.string.contains("Đã có người dùng với email này"))
            let short = try await admin.post("/settings/users", [
                ("name", "Ai đó"), ("email", "aido@example.vn"), ("role", "sales"), ("password", "ngan"),
            ])
            #expect(short.body.string.contains("Mật khẩu cần ít nhất 8 ký tự"))
            #expect(try await userCount(app) == before)

            let created = try await admin.post("/settings/users", [
                ("name", "Hoàng Văn Cường"), ("email", "cuong@example.vn"), ("role", "sales"), ("department", "\(kd1)"),
                ("extensions", "104; vfone:214"), ("password", "matkhau456"),
            ])
            #expect(created.location == "/settings/users?done=created")
            #expect(try await admin.get("/settings/users").body.string.contains("104; VFONE:214"))
            var cuong = WebClient(app)
            #expect(try await cuong.signIn("cuong@example.vn", password: "matkhau456").location == "/")
        }
    }

    @Test("changing a person: role, extensions, deactivation (they can't sign in), a new password; not yourself")
    func change() async throws {
        try await withWebCompany { app, ids in
            let an = ids["an@example.vn"]!, me = ids["giamdoc@example.vn"]!
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let page = try await admin.get("/settings/users/\(an)").body.string
            #expect(page.contains(#"value="102; VFONE:212""#))
            let saved = try await admin.post("/settings/users/\(an)", [("name", "Nguyễn Văn An"), ("role", "manager"),
                                                                     ("department", ""), ("extensions", "105")])
            #expect(saved.location == "/settings/users/\(an)?done=saved")
            let after = try await admin.get("/settings/users").body.string
            #expect(after.contains(">105<") && !after.contains(">102; VFONE:212<"))
            var salesperson = WebClient(app)
            #expect(try await salesperson.signIn("an@example.vn").location != "/", "deactivated: no sign-in")

            _ = try await admin.get("/settings/users/\(an)")
            let password = try await admin.post("/settings/users/\(an)/password", [("password", "doimatkhau99")])
            #expect(password.location == "/settings/users/\(an)?done=password")
            _ = try await admin.post("/settings/users/\(an)", [("name", "Nguyễn Văn An"), ("role", "sales"),
                                                                ("extensions", "105"), ("active", "on")])
            var again = WebClient(app)
            #expect(try await again.signIn("an@example.vn", password: "doimatkhau99").location == "/")
            #expect(try await again.signIn("an@example.vn").location != "/", "the old password no longer works")

            _ = try await admin.get("/settings/users/\(me)")
            let selfDemotion = try await admin.post("/settings/users/\(me)", [("name", "Trần Giám Đốc"), ("role", "sales")])
            #expect(selfDemotion.status == .badRequest)
            #expect(selfDemotion.body.string.contains("Bạn không thể tự bỏ quyền quản trị của mình"))
            #expect(selfDemotion.body.string.contains("Bạn không thể tự khoá tài khoản của mình"))
        }
    }
}
