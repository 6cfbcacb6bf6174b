import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import Testing
import VaporTesting

/// Cài đặt › Tổng đài: administrators add PBX connections and get a new secret, shown once.
@Suite("Settings › PBX connections page")
struct PBXSettingsPagesTests {
    @Test("an administrator adds a connection, sees its secret once, and it works; errors re-render the form")
    func addAndRotate() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let empty = try await client.get("/settings/pbx")
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("Chưa có tổng đài nào"))
            let added = try await client.post("/settings/pbx", [("name", "Tổng đài Hà Nội"), ("provider", "asterisk"),
                                                                 ("code", "")])
            #expect(added.status == .ok)
            let html = added.body.string
            let secret = try #require(html.range(of: #"pbx_[a-z2-7]{40}"#, options: .regularExpression).map { String(html[$0]) })
            #expect(html.contains("/api/v1/pbx/cdr"))
            #expect(try await PBXConnections.connection(forSecret: secret, on: app.db)?.name == "Tổng đài Hà Nội")
            // The list never shows a secret again.
            #expect(!(try await client.get("/settings/pbx").body.string.contains(secret)))
            // The same name again: the form comes back with the reason.
            let again = try await client.post("/settings/pbx", [("name", "tổng đài hà nội"), ("provider", "getfly")])
            #expect(again.status == .badRequest)
            #expect(again.body.string.contains("đã có kết nối tên"))
            let rotated = try await client.post("/settings/pbx/rotate", [("name", "Tổng đài Hà Nội")])
            #expect(rotated.status == .ok)
            #expect(try await PBXConnections.connection(forSecret: secret, on: app.db) == nil)
            // Deactivated: the new secret is refused until it is turned on again.
            let html2 = rotated.body.string
            let fresh = try #require(html2.range(of: #"pbx_[a-z2-7]{40}"#, options: .regularExpression).map { String(html2[$0]) })
            #expect(try await PBXConnections.connection(forSecret: fresh, on: app.db) != nil)
            _ = try await client.post("/settings/pbx/active", [("name", "Tổng đài Hà Nội"), ("active", "false")])
            #expect(try await PBXConnections.connection(forSecret: fresh, on: app.db) == nil)
            try await app.testing().test(.POST, "api/v1/pbx/cdr", headers: ["Authorization": "Bearer \(fresh)",
                                                                          "Content-Type": "application/json"],
                                         body: ByteBuffer(string: "{}")) { #expect($0.status == .unauthorized) }
            _ = try await client.post("/settings/pbx/active", [("name", "Tổng đài Hà Nội"), ("active", "true")])
            #expect(try await PBXConnections.connection(forSecret: fresh, on: app.db) != nil)
            // Without the CSRF token nothing is created.
            let forged = try await client.post("/settings/pbx", [("name", "Giả"), ("provider", "getfly")], withToken: false)
            #expect(forged.status != .ok)
            #expect(try await PBXConnections.list(on: app.db).count == 1)
        }
    }

    @Test("a salesperson can't open or change the PBX settings")
    func salespersonRefused() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            #expect(try await client.get("/settings/pbx").status == .forbidden)
            #expect(try await client.post("/settings/pbx", [("name", "X"), ("provider", "getfly")]).status == .forbidden)
            #expect(try await PBXConnections.list(on: app.db).isEmpty)
        }
    }
}
