import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Phòng ban: the tree; add, rename, move (no cycles, one root), set the head.
@Suite("Web: settings › departments")
struct DepartmentsPageTests {
    struct Department: Decodable, Equatable { var id: Int64; var name: String; var parent_id: Int64? }

    private func departments(_ app: Application) async throws -> [String: Department] {
        let rows = try await CallDeskDatabase.sql(app.db).raw("SELECT id, name, parent_id FROM departments")
            .all(decoding: Department.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0) })
    }

    private func head(of id: Int64, _ app: Application) async throws -> Int64? {
        try await CallDeskDatabase.sql(app.db).raw("SELECT user_id FROM department_heads WHERE department_id = \(bind: id)")
            .first(decodingColumn: "user_id", as: Int64.self)
    }

    @Test("only administrators see or change departments")
    func administratorsOnly() async throws {
        try await withWebCompany { app, _ in
            let before = try await departments(app)
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            #expect(try await manager.get("/settings/departments").status == .forbidden)
            #expect(try await manager.get("/settings/departments/\(before["Kinh doanh"]!.id)").status == .forbidden)
            #expect(try await manager.post("/settings/departments", [("name", "X"), ("parent", "\(before["Kinh doanh"]!.id)")])
                .status == .forbidden)
            #expect(try await manager.post("/settings/departments/\(before["Kinh doanh 1"]!.id)",
                                           [("name", "Đổi tên"), ("parent", "\(before["Kinh doanh"]!.id)")]).status == .forbidden)
            #expect(try await departments(app) == before)
        }
    }

    @Test("adding a department: under a parent, a name unique among its siblings, an active head")
    func add() async throws {
        try await withWebCompany { app, ids in
            let before = try await departments(app)
            let sales = before["Kinh doanh"]!.id
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let page = try await admin.get("/settings/departments").body.string
            #expect(page.contains("Kinh doanh 1") && page.contains("Lê Trưởng KD") && page.contains("department-form"))

            let empty = try await admin.post("/settings/departments", [("name", "  "), ("parent", "\(sales)")])
            #expect(empty.status == .badRequest && empty.body.string.contains("Nhập tên phòng ban"))
            let noParent = try await admin.post("/settings/departments", [("name", "Marketing"), ("parent", "")])
            #expect(noParent.status == .badRequest && noParent.body.string.contains("chỉ có một phòng ban gốc"))
            #expect(noParent.body.string.contains(#"value="Marketing""#), "what was typed is kept")
            let twin = try await admin.post("/settings/departments", [("name", "kinh doanh 1"), ("parent", "\(sales)")])
            #expect(twin.status == .badRequest && twin.body.string.contains("cùng cấp"))
            let lockedHead = try await admin.post("/settings/departments", [("name", "Kinh doanh 2"), ("parent", "\(sales)"),
                                                                          ("head", "\(ids["binh@example.vn"]!)")])
            #expect(lockedHead.status == .badRequest && lockedHead.body.string.contains("đã bị khoá"))
            #expect(try await departments(app) == before, "nothing was written by a refused form")

            let created = try await admin.post("/settings/departments", [("name", " Kinh doanh 2 "), ("parent", "\(sales)"),
                                                                        ("head", "\(ids["an@example.vn"]!)")])
            #expect(created.location == "/settings/departments?done=created")
            let added = try #require(try await departments(app)["Kinh doanh 2"])
            #expect(added.parent_id == sales)
            #expect(try await head(of: added.id, app) == ids["an@example.vn"])
            let tree = try await admin.get("/settings/departments?done=created").body.string
            #expect(tree.contains("Đã thêm phòng ban") && tree.contains("/settings/departments/\(added.id)"))
        }
    }

    @Test("moving a department under itself or below itself is refused; a real move takes its subtree")
    func move() async throws {
        try await withWebCompany { app, _ in
            let before = try await departments(app)
            let board = before["Ban Giám đốc"]!.id, sales = before["Kinh doanh"]!.id, team = before["Kinh doanh 1"]!.id
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let edit = try await admin.get("/settings/departments/\(sales)").body.string
            #expect(edit.contains("Ban Giám đốc › Kinh doanh"))
            #expect(edit.contains("(nằm dưới phòng này)"), "descendants are shown but can't be chosen")

            let cycle = try await admin.post("/settings/departments/\(sales)", [("name", "Kinh doanh"), ("parent", "\(team)")])
            #expect(cycle.status == .badRequest)
            #expect(cycle.body.string.contains("cây phòng ban sẽ thành vòng lặp"))
            let itself = try await admin.post("/settings/departments/\(sales)", [("name", "Kinh doanh"), ("parent", "\(sales)")])
            #expect(itself.status == .badRequest && itself.body.string.contains("dưới chính nó"))
            let rootMove = try await admin.post("/settings/departments/\(board)", [("name", "Ban Giám đốc"), ("parent", "\(team)")])
            #expect(rootMove.status == .badRequest)
            #expect(try await departments(app) == before)

            // A new department under Kinh doanh 1, then Kinh doanh 1 moves under the board: its child goes along.
            _ = try await admin.post("/settings/departments", [("name", "Nhóm A"), ("parent", "\(team)")])
            let moved = try await admin.post("/settings/departments/\(team)", [("name", "Telesales"), ("parent", "\(board)")])
            #expect(moved.location == "/settings/departments/\(team)?done=saved")
            let after = try await departments(app)
            #expect(after["Telesales"]?.parent_id == board && after["Kinh doanh 1"] == nil)
            #expect(after["Nhóm A"]?.parent_id == team)
            #expect(try await admin.get("/settings/departments/\(after["Nhóm A"]!.id)").body.string
                .contains("Ban Giám đốc › Telesales › Nhóm A"))
        }
    }

    @Test("the head of a department sees its customers (R16): setting a salesperson head widens their scope")
    func headWidensScope() async throws {
        try await withWebCompany { app, ids in
            let team = try await departments(app)["Kinh doanh 1"]!.id
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(!(try await an.get("/customers").body.string.contains("Công ty CP Hoa Mai")),
                    "a colleague's customer is outside a salesperson's own scope")
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let saved = try await admin.post("/settings/departments/\(team)", [("name", "Kinh doanh 1"),
                ("parent", "\(try await departments(app)["Kinh doanh"]!.id)"), ("head", "\(ids["an@example.vn"]!)")])
            #expect(saved.status == .seeOther || saved.status == .found)
            #expect(try await head(of: team, app) == ids["an@example.vn"])
            #expect(try await an.get("/customers").body.string.contains("Công ty CP Hoa Mai"))
            // And no head again: back to their own customers.
            _ = try await admin.post("/settings/departments/\(team)", [("name", "Kinh doanh 1"),
                ("parent", "\(try await departments(app)["Kinh doanh"]!.id)"), ("head", "")])
            #expect(try await head(of: team, app) == nil)
            #expect(!(try await an.get("/customers").body.string.contains("Công ty CP Hoa Mai")))
        }
    }
}
