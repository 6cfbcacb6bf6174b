import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Danh mục khách hàng: sources, groups (a tree) and relations (an order) — add, rename, move,
/// delete only when unused; names trimmed, not empty, unique per list (domain.md "Customer").
@Suite("Web: settings › catalogues")
struct CataloguesPageTests {
    private func id(_ table: String, _ name: String, _ app: Application) async throws -> Int64? {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM \(unsafeRaw: table) WHERE name = \(bind: name)")
            .first(decodingColumn: "id", as: Int64.self)
    }

    private func names(_ table: String, _ app: Application, orderBy: String = "name") async throws -> [String] {
        try await CallDeskDatabase.sql(app.db).raw("SELECT name FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: orderBy)")
            .all(decodingColumn: "name", as: String.self)
    }

    /// The HTML of one entry's row.
    private func row(_ html: String, _ id: Int64) -> String {
        guard let start = html.range(of: #"id="entry-\#(id)""#) else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("only administrators open or change the lists")
    func administratorsOnly() async throws {
        try await withWebCompany { app, _ in
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            for kind in ["sources", "groups", "relations"] {
                #expect(try await manager.get("/settings/catalogues/\(kind)").status == .forbidden)
            }
            #expect(try await manager.post("/settings/catalogues/sources", [("name", "Zalo")]).status == .forbidden)
            let facebook = try #require(try await id("sources", "Facebook", app))
            #expect(try await manager.post("/settings/catalogues/sources/\(facebook)/delete", []).status == .forbidden)
            #expect(try await names("sources", app) == ["Facebook", "Giới thiệu"])
        }
    }

    @Test("sources: counts, add trimmed, refuse empty and duplicate names, rename, delete only when unused")
    func sources() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let facebook = try #require(try await id("sources", "Facebook", app))
            #expect(try await admin.get("/settings/catalogues").location == "/settings/catalogues/sources")
            let page = try await admin.get("/settings/catalogues/sources").body.string
            #expect(row(page, facebook).contains(#"<td class="num">2</td>"#), "Facebook: Lan and Hoa Mai")

            let added = try await admin.post("/settings/catalogues/sources", [("name", "  Zalo   OA ")])
            #expect(added.location == "/settings/catalogues/sources?done=added")
            #expect(try await names("sources", app) == ["Facebook", "Giới thiệu", "Zalo OA"])
            #expect(try await admin.get("/settings/catalogues/sources?done=added").body.string.contains("Đã thêm."))

            let duplicate = try await admin.post("/settings/catalogues/sources", [("name", "facebook ")])
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.body.string.contains("Đã có nguồn “facebook”"))
            #expect(duplicate.body.string.contains(#"value="facebook ""#), "the form keeps what was typed")
            let empty = try await admin.post("/settings/catalogues/sources", [("name", "   ")])
            #expect(empty.status == .badRequest && empty.body.string.contains("Nhập tên"))
            #expect(try await names("sources", app).count == 3)

            let zalo = try #require(try await id("sources", "Zalo OA", app))
            let renamed = try await admin.post("/settings/catalogues/sources/\(zalo)", [("name", "Zalo")])
            #expect(renamed.location == "/settings/catalogues/sources?done=saved")
            let clash = try await admin.post("/settings/catalogues/sources/\(zalo)", [("name", "Giới thiệu")])
            #expect(clash.status == .badRequest)
            #expect(row(clash.body.string, zalo).contains("Đã có nguồn “Giới thiệu”"))
            #expect(row(clash.body.string, zalo).contains(#"value="Giới thiệu""#))
            #expect(try await names("sources", app) == ["Facebook", "Giới thiệu", "Zalo"])

            let used = try await admin.post("/settings/catalogues/sources/\(facebook)/delete", [])
            #expect(used.status == .badRequest)
            #expect(used.body.string.contains("Không xoá được “Facebook”: đang có 2 khách hàng dùng"))
            // A customer in the bin still counts: restoring them must not lose the source.
            try await CallDeskDatabase.sql(app.db).raw("UPDATE customers SET deleted_at = 1 WHERE name = 'Công ty CP Hoa Mai'").run()
            let page2 = try await admin.get("/settings/catalogues/sources").body.string
            #expect(row(page2, facebook).contains("1 (+1 đã xoá)"))
            let binned = try await admin.post("/settings/catalogues/sources/\(facebook)/delete", [])
            #expect(binned.body.string.contains("đang có 1 khách hàng dùng (và 1 khách hàng đã xoá)"))
            #expect(try await id("sources", "Facebook", app) != nil)

            let deleted = try await admin.post("/settings/catalogues/sources/\(zalo)/delete", [])
            #expect(deleted.location == "/settings/catalogues/sources?done=deleted")
            #expect(try await names("sources", app) == ["Facebook", "Giới thiệu"])
        }
    }

    @Test("groups: a tree; a move that would make a cycle is refused; a group with subgroups or customers stays")
    func groups() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let vip = try #require(try await id("customer_groups", "VIP", app))
            let gold = try #require(try await id("customer_groups", "VIP Vàng", app))
            let sql = CallDeskDatabase.sql(app.db)
            func parent(_ id: Int64) async throws -> Int64? {
                try await sql.raw("SELECT parent_id FROM customer_groups WHERE id = \(bind: id)")
                    .first(decodingColumn: "parent_id", as: Int64?.self) ?? nil
            }
            _ = try await admin.get("/settings/catalogues/groups")

            let cycle = try await admin.post("/settings/catalogues/groups/\(vip)", [("name", "VIP"), ("parent", "\(gold)")])
            #expect(cycle.status == .badRequest)
            #expect(row(cycle.body.string, vip).contains("Không thể chuyển “VIP” vào “VIP Vàng”: “VIP Vàng” là nhóm con của “VIP”"))
            #expect(cycle.body.string.contains("vòng lặp"))
            #expect(try await parent(vip) == nil)
            let intoItself = try await admin.post("/settings/catalogues/groups/\(vip)", [("name", "VIP"), ("parent", "\(vip)")])
            #expect(intoItself.status == .badRequest && intoItself.body.string.contains("Một nhóm không thể nằm trong chính nó"))

            let added = try await admin.post("/settings/catalogues/groups", [("name", "Khách sỉ"), ("parent", "\(vip)")])
            #expect(added.location == "/settings/catalogues/groups?done=added")
            let wholesale = try #require(try await id("customer_groups", "Khách sỉ", app))
            #expect(try await parent(wholesale) == vip)
            let page = try await admin.get("/settings/catalogues/groups").body.string
            #expect(row(page, gold).contains(#"<td class="num">1</td>"#))
            #expect(row(page, wholesale).contains("└ "), "shown under its parent")

            let moved = try await admin.post("/settings/catalogues/groups/\(gold)", [("name", "VIP Vàng"), ("parent", "")])
            #expect(moved.location == "/settings/catalogues/groups?done=saved")
            #expect(try await parent(gold) == nil)

            let withChild = try await admin.post("/settings/catalogues/groups/\(vip)/delete", [])
            #expect(withChild.status == .badRequest && withChild.body.string.contains("còn 1 nhóm con"))
            let withCustomer = try await admin.post("/settings/catalogues/groups/\(gold)/delete", [])
            #expect(withCustomer.status == .badRequest && withCustomer.body.string.contains("đang có 1 khách hàng dùng"))
            #expect(try await names("customer_groups", app) == ["Khách sỉ", "VIP", "VIP Vàng"])
        }
    }

    @Test("relations: added at the end, moved up and down, deleted only when no customer has it")
    func relations() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/settings/catalogues/relations")
            for name in ["Mới", "Đang chăm sóc", "Đã mua"] {
                #expect(try await admin.post("/settings/catalogues/relations", [("name", name)]).status == .seeOther)
            }
            #expect(try await names("relations", app, orderBy: "position") == ["Mới", "Đang chăm sóc", "Đã mua"])
            let bought = try #require(try await id("relations", "Đã mua", app))
            let up = try await admin.post("/settings/catalogues/relations/\(bought)/move", [("direction", "up")])
            #expect(up.location == "/settings/catalogues/relations?done=moved")
            #expect(try await names("relations", app, orderBy: "position") == ["Mới", "Đã mua", "Đang chăm sóc"])
            _ = try await admin.post("/settings/catalogues/relations/\(bought)/move", [("direction", "down")])
            #expect(try await names("relations", app, orderBy: "position") == ["Mới", "Đang chăm sóc", "Đã mua"])
            let page = try await admin.get("/settings/catalogues/relations").body.string
            let positions = ["Mới", "Đang chăm sóc", "Đã mua"].compactMap { page.range(of: #"value="\#($0)""#)?.lowerBound }
            #expect(positions.count == 3 && positions == positions.sorted(), "the page lists them in order")

            let new = try #require(try await id("relations", "Mới", app))
            try await CallDeskDatabase.sql(app.db).raw("UPDATE customers SET relation_id = \(bind: new) WHERE name = 'Nguyễn Thị Lan'").run()
            let used = try await admin.post("/settings/catalogues/relations/\(new)/delete", [])
            #expect(used.status == .badRequest && used.body.string.contains("Không xoá được “Mới”: đang có 1 khách hàng dùng"))
            let duplicate = try await admin.post("/settings/catalogues/relations", [("name", "đã MUA")])
            #expect(duplicate.status == .badRequest && duplicate.body.string.contains("Đã có mối quan hệ “đã MUA”"))
            let caring = try #require(try await id("relations", "Đang chăm sóc", app))
            #expect(try await admin.post("/settings/catalogues/relations/\(caring)/delete", []).status == .seeOther)
            #expect(try await names("relations", app, orderBy: "position") == ["Mới", "Đã mua"])
            #expect(try await admin.get("/settings/catalogues/nonsense").status == .notFound)
        }
    }
}
