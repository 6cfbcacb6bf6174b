import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Sign in and out, the first-run page, CSRF, and the redirect of signed-out visitors.
@Suite("Web: sign in, sessions, CSRF")
struct SignInPagesTests {
    @Test("the right password signs in with an HttpOnly, SameSite=Lax session cookie; sign-out ends it")
    func signInAndOut() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            let response = try await client.signIn("GiamDoc@example.vn")
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = response.headers[.setCookie].first { $0.hasPrefix("calldesk_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let home = try await client.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Trần Giám Đốc"))
            #expect(home.body.string.contains("Đăng xuất"))
            let out = try await client.post("/logout", [])
            #expect(out.status == .seeOther)
            #expect(try await client.get("/").status == .seeOther)
        }
    }

    @Test("a wrong password re-renders the form with a message and the email kept")
    func wrongPassword() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            let response = try await client.signIn("an@example.vn", password: "sai-mat-khau")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("Email hoặc mật khẩu không đúng"))
            #expect(response.body.string.contains(#"value="an@example.vn""#))
            #expect(!response.headers[.setCookie].contains { $0.hasPrefix("calldesk_session=") })
        }
    }

    @Test("a deactivated user cannot sign in, even with the right password")
    func deactivated() async throws {
        try await withWebCompany { app, _ in
            let sql = CallDeskDatabase.sql(app.db)
            try await sql.raw("UPDATE users SET password_hash = \(bind: try Bcrypt.hash("matkhau123")) WHERE email_key = 'binh@example.vn'").run()
            var client = WebClient(app)
            let response = try await client.signIn("binh@example.vn")
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("vô hiệu hóa"))
        }
    }

    @Test("a session stops working once its user is deactivated")
    func deactivatedSession() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            #expect(try await client.get("/customers").status == .ok)
            try await CallDeskDatabase.sql(app.db).raw("UPDATE users SET active = \(bind: false) WHERE email_key = 'an@example.vn'").run()
            #expect(try await client.get("/customers").status == .seeOther)
        }
    }

    @Test("signed out, a page redirects to /login?next=… and signing in goes back there")
    func redirectWhenSignedOut() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            let response = try await client.get("/reports/telesales?basis=opportunity")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=%2Freports%2Ftelesales%3Fbasis%3Dopportunity")
            let login = try await client.get(response.location!)
            #expect(login.body.string.contains(#"name="next" value="/reports/telesales?basis=opportunity""#))
            let signedIn = try await client.post("/login", [("email", "giamdoc@example.vn"), ("password", "matkhau123"),
                                                             ("next", "/reports/telesales?basis=opportunity")])
            #expect(signedIn.location == "/reports/telesales?basis=opportunity")
            let outside = try await client.post("/login", [("email", "giamdoc@example.vn"), ("password", "matkhau123"),
                                                            ("next", "//evil.example/")])
            #expect(outside.location == "/")
        }
    }

    @Test("a form without its CSRF token is refused with 403 and a message")
    func csrfRefused() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.get("/login")
            let login = try await client.post("/login", [("email", "giamdoc@example.vn"), ("password", "matkhau123")],
                                              withToken: false)
            #expect(login.status == .forbidden)
            #expect(login.body.string.contains("CSRF"))
            _ = try await client.signIn("giamdoc@example.vn")
            let forged = try await client.post("/customers", [("name", "Khách giả"), ("phone0", "0912345679"),
                                                              ("_csrf", "0000")], withToken: false)
            #expect(forged.status == .forbidden)
            let count = try await CallDeskDatabase.sql(app.db).raw("SELECT COUNT(*) AS n FROM customers")
                .first(decodingColumn: "n", as: Int64.self)
            #expect(count == 3)
        }
    }

    @Test("with no user yet, every page leads to the first-run page, which creates an administrator")
    func firstRun() async throws {
        try await TestDatabase.withApp { app in
            try CallDeskApp.routes(app)
            var client = WebClient(app)
            #expect(try await client.get("/").location == "/setup")
            #expect(try await client.get("/login").location == "/setup")
            let form = try await client.get("/setup")
            #expect(form.body.string.contains("Tạo quản trị viên đầu tiên"))
            let mismatch = try await client.post("/setup", [("name", "Chủ Doanh Nghiệp"), ("email", "chu@example.vn"),
                                                            ("password", "matkhau123"), ("confirm", "khac123456")])
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.body.string.contains("Hai mật khẩu không giống nhau"))
            let created = try await client.post("/setup", [("name", "Chủ Doanh Nghiệp"), ("email", "chu@example.vn"),
                                                           ("password", "matkhau123"), ("confirm", "matkhau123")])
            #expect(created.status == .seeOther)
            let home = try await client.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Chủ Doanh Nghiệp"))
            #expect(try await client.get("/setup").location == "/login")
        }
    }
}
