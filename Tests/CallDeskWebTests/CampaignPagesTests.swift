import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// `/campaigns`: the list, a campaign's opportunities by stage, move / assign, add customers from a filter.
@Suite("Web: campaigns")
struct CampaignPagesTests {
    private func opportunity(_ external: String, _ app: Application) async throws -> (id: Int64, stage: String?, owner: Int64?, closed: Int64?) {
        let row = try await CallDeskDatabase.sql(app.db).raw("""
            SELECT id, stage, owner_id, closed_at FROM opportunities WHERE external_id = \(bind: external)
            """).first()!
        return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "stage", as: String?.self),
                try row.decode(column: "owner_id", as: Int64?.self), try row.decode(column: "closed_at", as: Int64?.self))
    }

    private func campaignID(_ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM campaigns WHERE code = 'TET'").first(decodingColumn: "id", as: Int64.self)!
    }

    @Test("the list and the board show the opportunities in the viewer's scope, by stage")
    func listAndBoard() async throws {
        try await withWebCompany { app, _ in
            let id = try await campaignID(app)
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let list = try await admin.get("/campaigns").body.string
            #expect(list.contains("Khuyến mãi Tết") && list.contains("Mới → Quan tâm → Chốt") && list.contains(">2<"))
            let board = try await admin.get("/campaigns/\(id)").body.string
            let columns = board.components(separatedBy: #"<section class="stage-column">"#).dropFirst()
            #expect(columns.count == 3)
            #expect(columns.first?.contains("Công ty CP Hoa Mai") == true)
            #expect(columns.dropFirst().first?.contains("Nguyễn Thị Lan") == true)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(try await an.get("/campaigns").body.string.contains(">1<"))
            let own = try await an.get("/campaigns/\(id)").body.string
            #expect(own.contains("Nguyễn Thị Lan") && !own.contains("Công ty CP Hoa Mai"))
            #expect(try await an.get("/campaigns/999999").status == .notFound)
        }
    }

    @Test("moving to the last stage closes the opportunity; outside the scope, other stages and inactive owners are refused")
    func move() async throws {
        try await withWebCompany { app, ids in
            let campaign = try await campaignID(app)
            let lan = try await opportunity("O1", app), hoaMai = try await opportunity("O2", app)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            _ = try await an.get("/campaigns/\(campaign)")
            let moved = try await an.post("/campaigns/opportunities/\(lan.id)", [
                ("stage", "Chốt"), ("owner", "user:\(ids["an@example.vn"]!)"),
                ("back", "/campaigns/\(campaign)?owner=user%3A\(ids["an@example.vn"]!)&q=&moved=1"),
            ])
            #expect(moved.location?.hasPrefix("/campaigns/\(campaign)?owner=user") == true, "the board's owner filter stays")
            #expect(moved.location?.hasSuffix("\(ids["an@example.vn"]!)&moved=1") == true)
            let after = try await opportunity("O1", app)
            #expect(after.stage == "Chốt" && after.closed != nil)
            #expect(try await an.post("/campaigns/opportunities/\(hoaMai.id)", [("stage", "Chốt"),
                                                                                ("owner", "user:\(ids["an@example.vn"]!)")]).status == .notFound)
            let badStage = try await an.post("/campaigns/opportunities/\(lan.id)", [("stage", "Đã mua"),
                                                                                   ("owner", "user:\(ids["an@example.vn"]!)")])
            #expect(badStage.status == .badRequest && badStage.body.string.contains("Chọn một giai đoạn của chiến dịch"))
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/campaigns/\(campaign)")
            let inactive = try await admin.post("/campaigns/opportunities/\(hoaMai.id)", [("stage", "Quan tâm"),
                                                                                         ("owner", "user:\(ids["binh@example.vn"]!)")])
            #expect(inactive.body.string.contains("Chỉ giao được cho người đang làm việc"))
            #expect(try await opportunity("O2", app).stage == "Mới")
            let assigned = try await admin.post("/campaigns/opportunities/\(hoaMai.id)", [("stage", "Quan tâm"),
                                                                                         ("owner", "user:\(ids["an@example.vn"]!)")])
            #expect(assigned.status == .seeOther)
            let now = try await opportunity("O2", app)
            #expect(now.stage == "Quan tâm" && now.owner == ids["an@example.vn"] && now.closed == nil)
        }
    }

    @Test("adding the customers a filter finds: once each, first stage, the customer's owner")
    func addFromFilter() async throws {
        try await withWebCompany { app, _ in
            let campaign = try await campaignID(app)
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/campaigns/\(campaign)")
            let added = try await admin.post("/campaigns/\(campaign)/customers", [("q", ""), ("owner", "")])
            #expect(added.location == "/campaigns/\(campaign)?added=1&already=2")
            let page = try await admin.get(added.location ?? "/").body.string
            #expect(page.contains("Đã thêm 1 khách hàng vào chiến dịch (2 khách đã có sẵn)."))
            let row = try await CallDeskDatabase.sql(app.db).raw("""
                SELECT o.stage, o.owner_id FROM opportunities o JOIN customers c ON c.id = o.customer_id
                WHERE c.name = 'Khách chưa phụ trách'
                """).first()
            #expect(try row?.decode(column: "stage", as: String?.self) == "Mới")
            #expect(try row?.decode(column: "owner_id", as: Int64?.self) == nil)
            let again = try await admin.post("/campaigns/\(campaign)/customers", [("q", "0912345678")])
            #expect(again.location == "/campaigns/\(campaign)?added=0&already=1")
        }
    }
}
