import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// The customer list's filters, sort and bulk actions.
@Suite("Web: customer list filters, sort, bulk actions")
struct CustomerListFilterTests {
    private func id(_ table: String, _ name: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM \(unsafeRaw: table) WHERE name = \(bind: name)")
            .first(decodingColumn: "id", as: Int64.self)!
    }

    /// The customer names listed, in order.
    private func names(_ html: String) -> [String] {
        html.components(separatedBy: "<tr class=\"customer\">").dropFirst().compactMap { row in
            guard let link = row.range(of: "<a href=\"/customers/") else { return nil }
            let rest = row[link.upperBound...]
            guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</a>") else { return nil }
            return String(rest[rest.index(after: open)..<close.lowerBound])
        }
    }

    @Test("filters: department subtree, source, group with its subgroups, created range in company time, shared number")
    func filters() async throws {
        try await withWebCompany { app, ids in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let all = names(try await admin.get("/customers").body.string)
            #expect(Set(all) == ["Nguyễn Thị Lan", "Công ty CP Hoa Mai", "Khách chưa phụ trách"])
            let board = try await id("departments", "Ban Giám đốc", app), team = try await id("departments", "Kinh doanh 1", app)
            #expect(Set(names(try await admin.get("/customers?department=\(board)").body.string)) == ["Nguyễn Thị Lan", "Công ty CP Hoa Mai"])
            #expect(Set(names(try await admin.get("/customers?department=\(team)").body.string)) == ["Nguyễn Thị Lan", "Công ty CP Hoa Mai"])
            let referral = try await id("sources", "Giới thiệu", app)
            #expect(names(try await admin.get("/customers?source=\(referral)").body.string) == ["Nguyễn Thị Lan"])
            let vip = try await id("customer_groups", "VIP", app)
            #expect(names(try await admin.get("/customers?group=\(vip)").body.string) == ["Nguyễn Thị Lan"], "VIP Vàng is inside VIP")
            #expect(names(try await admin.get("/customers?created_from=2026-11-03&created_to=2026-11-03").body.string)
                    == ["Công ty CP Hoa Mai"])
            #expect(Set(names(try await admin.get("/customers?created_from=2026-11-03").body.string))
                    == ["Công ty CP Hoa Mai", "Khách chưa phụ trách"])
            #expect(names(try await admin.get("/customers?owner=none").body.string) == ["Khách chưa phụ trách"])
            #expect(names(try await admin.get("/customers?shared=1").body.string).isEmpty)
            // A second customer with Hoa Mai's number: both are now "shared".
            _ = try await admin.post("/customers", [("name", "Chi nhánh Hoa Mai"), ("phone0", "0987 654 321"),
                                                   ("owner", "user:\(ids["an@example.vn"]!)")])
            #expect(Set(names(try await admin.get("/customers?shared=1").body.string)) == ["Công ty CP Hoa Mai", "Chi nhánh Hoa Mai"])
            // Filters combine, and the pager/links keep them.
            let page = try await admin.get("/customers?shared=1&department=\(team)&sort=name").body.string
            #expect(names(page) == ["Chi nhánh Hoa Mai", "Công ty CP Hoa Mai"])
            #expect(page.contains("Xóa bộ lọc") && page.contains("<details class=\"more-filters\" open>"))
        }
    }

    @Test("sort: newest (default), oldest, name A→Z and Z→A")
    func sort() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            #expect(names(try await admin.get("/customers").body.string) == ["Khách chưa phụ trách", "Công ty CP Hoa Mai", "Nguyễn Thị Lan"])
            #expect(names(try await admin.get("/customers?sort=oldest").body.string) == ["Nguyễn Thị Lan", "Công ty CP Hoa Mai", "Khách chưa phụ trách"])
            #expect(names(try await admin.get("/customers?sort=name").body.string) == ["Công ty CP Hoa Mai", "Khách chưa phụ trách", "Nguyễn Thị Lan"])
            #expect(names(try await admin.get("/customers?sort=name-desc").body.string) == ["Nguyễn Thị Lan", "Khách chưa phụ trách", "Công ty CP Hoa Mai"])
        }
    }

    @Test("bulk: change owner, add to a group, add to a campaign — each one transaction, each in the care history")
    func bulk() async throws {
        try await withWebCompany { app, ids in
            let sql = CallDeskDatabase.sql(app.db)
            let lan = try await id("customers", "Nguyễn Thị Lan", app), hoaMai = try await id("customers", "Công ty CP Hoa Mai", app)
            let nobody = try await id("customers", "Khách chưa phụ trách", app)
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            #expect(try await admin.get("/customers").body.string.contains(#"name="ids[]" value="\#(lan)" form="bulk-form""#))

            let owner = try await admin.post("/customers/bulk", [("ids[]", "\(lan)"), ("ids[]", "\(hoaMai)"),
                                                                ("owner", "user:\(ids["an@example.vn"]!)"), ("back", "/customers?sort=name")])
            #expect(owner.location == "/customers?sort=name&done=owner&changed=1&unchanged=1")
            #expect(try await sql.raw("SELECT owner_id FROM customers WHERE id = \(bind: hoaMai)")
                .first(decodingColumn: "owner_id", as: Int64.self) == ids["an@example.vn"])
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM ownership_changes").first(decodingColumn: "n", as: Int64.self) == 1)
            #expect(try await admin.get(owner.location!).body.string.contains("Đã đổi người phụ trách cho 1 khách hàng"))

            let vip = try await id("customer_groups", "VIP", app)
            let group = try await admin.post("/customers/bulk", [("ids[]", "\(lan)"), ("ids[]", "\(nobody)"), ("group", "\(vip)")])
            #expect(group.location == "/customers?done=group&changed=2&unchanged=0")
            let again = try await admin.post("/customers/bulk", [("ids[]", "\(lan)"), ("group", "\(vip)")])
            #expect(again.location == "/customers?done=group&changed=0&unchanged=1")
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM customer_group_members WHERE group_id = \(bind: vip)")
                .first(decodingColumn: "n", as: Int64.self) == 2)
            let page = try await admin.get("/customers/\(nobody)").body.string
            #expect(page.contains("Thêm vào nhóm") && page.contains("VIP"))

            let tet = try await id("campaigns", "Khuyến mãi Tết", app)
            let campaign = try await admin.post("/customers/bulk", [("ids[]", "\(lan)"), ("ids[]", "\(nobody)"), ("campaign", "\(tet)")])
            #expect(campaign.location == "/customers?done=campaign&changed=1&unchanged=1", "Lan is in the campaign already")
            let timeline = try await admin.get("/customers/\(nobody)").body.string
            #expect(timeline.contains("Khuyến mãi Tết") && timeline.contains("Giai đoạn: Mới"))
        }
    }

    @Test("bulk refusals: no action, two actions, nothing selected, an owner outside the scope; others' customers are skipped")
    func bulkRefusals() async throws {
        try await withWebCompany { app, ids in
            let sql = CallDeskDatabase.sql(app.db)
            let lan = try await id("customers", "Nguyễn Thị Lan", app), hoaMai = try await id("customers", "Công ty CP Hoa Mai", app)
            let vip = try await id("customer_groups", "VIP", app)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            let none = try await an.post("/customers/bulk", [("ids[]", "\(lan)")])
            #expect(none.status == .badRequest && none.body.string.contains("Chọn một thao tác"))
            let two = try await an.post("/customers/bulk", [("ids[]", "\(lan)"), ("group", "\(vip)"), ("owner", "user:\(ids["an@example.vn"]!)")])
            #expect(two.status == .badRequest && two.body.string.contains("Mỗi lần chỉ một thao tác"))
            let empty = try await an.post("/customers/bulk", [("group", "\(vip)")])
            #expect(empty.status == .badRequest && empty.body.string.contains("Chọn ít nhất một khách hàng"))
            let away = try await an.post("/customers/bulk", [("ids[]", "\(lan)"), ("owner", "user:\(ids["truong.kd@example.vn"]!)")])
            #expect(away.status == .badRequest && away.body.string.contains("trong phạm vi của bạn"))
            // Hoa Mai is Bình's: a salesperson's selection can't reach it even by a forged id.
            let forged = try await an.post("/customers/bulk", [("ids[]", "\(hoaMai)"), ("group", "\(vip)")])
            #expect(forged.location == "/customers?done=group&changed=0&unchanged=1")
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM customer_group_members WHERE customer_id = \(bind: hoaMai)")
                .first(decodingColumn: "n", as: Int64.self) == 0)
            #expect(try await sql.raw("SELECT owner_id FROM customers WHERE id = \(bind: lan)")
                .first(decodingColumn: "owner_id", as: Int64.self) == ids["an@example.vn"])
            // An open redirect is not possible through `back`.
            let outside = try await an.post("/customers/bulk", [("ids[]", "\(lan)"), ("group", "\(vip)"), ("back", "//evil.example/x")])
            #expect(outside.location?.hasPrefix("/customers?") == true)
        }
    }
}
