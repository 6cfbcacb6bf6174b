import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Công ty: administrators change the name, time zone, currency and default language.
@Suite("Web: settings › company")
struct CompanySettingsPageTests {
    @Test("an administrator saves valid settings; wrong ones are refused with field messages; others may not")
    func save() async throws {
        try await withWebCompany { app, _ in
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            #expect(try await manager.get("/settings/company").status == .forbidden)

            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let page = try await admin.get("/settings/company").body.string
            #expect(page.contains(#"value="Asia/Ho_Chi_Minh""#) && page.contains(#"value="Công ty TNHH Thử Nghiệm""#))
            let wrong = try await admin.post("/settings/company", [("company_name", " "), ("time_zone", "Mars/Olympus"),
                                                                  ("currency", "đồng"), ("locale", "vi")])
            #expect(wrong.status == .badRequest)
            let html = wrong.body.string
            #expect(html.contains("Nhập tên công ty") && html.contains("\"Mars/Olympus\" không phải múi giờ")
                    && html.contains("Mã tiền tệ gồm 3 chữ cái"))
            let before = try await CompanySettingsStore.load(CallDeskDatabase.sql(app.db))
            #expect(before.timeZoneIdentifier == "Asia/Ho_Chi_Minh" && before.companyName == "Công ty TNHH Thử Nghiệm")

            let saved = try await admin.post("/settings/company", [("company_name", "Công ty CP An Bình"),
                                                                  ("time_zone", "Asia/Bangkok"), ("currency", "vnd"),
                                                                  ("locale", "en")])
            #expect(saved.location == "/settings/company?done=saved")
            let after = try await CompanySettingsStore.load(CallDeskDatabase.sql(app.db))
            #expect(after.companyName == "Công ty CP An Bình" && after.timeZoneIdentifier == "Asia/Bangkok")
            #expect(after.currency == "VND" && after.locale == "en")
            // A visitor without a language cookie now gets English; the sidebar shows the new name.
            var visitor = WebClient(app)
            #expect(try await visitor.get("/login").body.string.contains("Sign in"))
            #expect(try await admin.get("/").body.string.contains("Công ty CP An Bình"))
        }
    }
}
