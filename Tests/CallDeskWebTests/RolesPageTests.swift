import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Vai trò & quyền: the module × action grid with a view scope, custom roles made and changed,
/// built-in roles read-only, a role in use kept — and what is saved is what the pages' scope (R16) reads.
@Suite("Web: settings › roles")
struct RolesPageTests {
    private struct Permission: Decodable, Equatable { var module: String; var action: String; var scope: String? }

    private func role(_ name: String, _ app: Application) async throws -> (id: Int64, code: String)? {
        guard let row = try await CallDeskDatabase.sql(app.db).raw("SELECT id, code FROM roles WHERE name = \(bind: name)").first()
        else { return nil }
        return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "code", as: String.self))
    }

    private func permissions(_ roleID: Int64, _ app: Application) async throws -> [Permission] {
        try await CallDeskDatabase.sql(app.db).raw("""
            SELECT module, action, scope FROM role_permissions WHERE role_id = \(bind: roleID) ORDER BY module, action
            """).all(decoding: Permission.self)
    }

    /// Which of the sample company's three customers the client's customer list shows.
    private func visibleCustomers(_ client: inout WebClient) async throws -> [String] {
        let html = try await client.get("/customers").body.string
        return ["Nguyễn Thị Lan", "Công ty CP Hoa Mai", "Khách chưa phụ trách"].filter { html.contains($0) }
    }

    @Test("only administrators see or change roles")
    func administratorsOnly() async throws {
        try await withWebCompany { app, _ in
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            #expect(try await manager.get("/settings/roles").status == .forbidden)
            let sales = try #require(try await role("Nhân viên kinh doanh", app))
            #expect(try await manager.get("/settings/roles/\(sales.id)").status == .forbidden)
            let post = try await manager.post("/settings/roles", [("name", "Giám sát"), ("view-customers", "all")])
            #expect(post.status == .forbidden)
            #expect(try await role("Giám sát", app) == nil)
        }
    }

    @Test("the grid shows each role's scopes; built-in roles are read-only")
    func builtinRolesReadOnly() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let sales = try #require(try await role("Nhân viên kinh doanh", app))
            let list = try await admin.get("/settings/roles").body.string
            #expect(list.contains("Quản trị viên") && list.contains("Trưởng nhóm") && list.contains("Nhân viên kinh doanh"))
            let salesGrid = list.components(separatedBy: #"id="grid-\#(sales.id)""#).last ?? ""
            #expect(salesGrid.hasPrefix(#"><thead>"#))
            #expect(salesGrid.contains(#"<tr class="module" data-module="customers"><th>Khách hàng</th><td class="scope">Của tôi</td>"#))
            let before = try await permissions(sales.id, app)
            let english = try await admin.get("/settings/roles?lang=en").body.string
            #expect(english.contains("Create a role") && english.contains(#"<td class="scope">Own</td>"#))
            _ = try await admin.get("/settings/roles?lang=vi")

            let page = try await admin.get("/settings/roles/\(sales.id)").body.string
            #expect(page.contains("Vai trò có sẵn: chỉ xem") && !page.contains(#"name="view-customers""#))
            let changed = try await admin.post("/settings/roles/\(sales.id)", [("name", "Sales"), ("view-customers", "all")])
            #expect(changed.status == .badRequest)
            let deleted = try await admin.post("/settings/roles/\(sales.id)/delete", [])
            #expect(deleted.status == .badRequest && deleted.body.string.contains("Vai trò có sẵn không xoá được"))
            #expect(try await permissions(sales.id, app) == before)
            #expect(try await role("Nhân viên kinh doanh", app) != nil)
        }
    }

    @Test("creating a role: name and grid checked, refusals keep what was typed")
    func create() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/settings/roles")
            let wrong = try await admin.post("/settings/roles", [
                ("name", " nhân viên KINH doanh "), ("view-customers", "all"), ("edit-orders", "on"), ("view-calls", "everyone"),
            ])
            #expect(wrong.status == .badRequest)
            let html = wrong.body.string
            #expect(html.contains("Đã có vai trò “nhân viên KINH doanh”"))
            #expect(html.contains("Cho thêm, sửa hoặc xoá thì phải cho xem"))
            #expect(html.contains("Phạm vi xem không hợp lệ"))
            #expect(html.contains(#"<option value="all" selected>Tất cả</option>"#), "the chosen scope is kept")
            #expect(html.contains(#"name="edit-orders" value="on" checked"#))
            let empty = try await admin.post("/settings/roles", [("name", ""), ("view-customers", "own")])
            #expect(empty.body.string.contains("Nhập tên vai trò"))
            #expect(try await CallDeskDatabase.sql(app.db).raw("SELECT COUNT(*) AS n FROM roles").first(decodingColumn: "n", as: Int64.self) == 3)

            let created = try await admin.post("/settings/roles", [
                ("name", "Giám sát  KD"), ("view-customers", "all"), ("create-customers", "on"), ("view-reports", "department"),
                ("view-calls", "none"),
            ])
            #expect(created.location == "/settings/roles?done=created")
            let supervisor = try #require(try await role("Giám sát KD", app))
            #expect(try await permissions(supervisor.id, app) == [
                Permission(module: "customers", action: "create", scope: nil),
                Permission(module: "customers", action: "view", scope: "all"),
                Permission(module: "reports", action: "view", scope: "department"),
            ])
            let settings = try await admin.post("/settings/roles/\(supervisor.id)", [("name", "Giám sát KD"), ("view-settings", "all")])
            #expect(settings.status == .badRequest && settings.body.string.contains("Chỉ vai trò Quản trị viên vào được Cài đặt"))

            // The users page offers the new role when adding a person, and lists it by name.
            _ = try await admin.get("/settings/users")
            let hired = try await admin.post("/settings/users", [("name", "Đỗ Giám Sát"), ("email", "giamsat@example.vn"),
                                                                 ("role", supervisor.code), ("password", "matkhau456")])
            #expect(hired.location == "/settings/users?done=created")
            let code = try await CallDeskDatabase.sql(app.db).raw("""
                SELECT r.code FROM users u JOIN roles r ON r.id = u.role_id WHERE u.email = 'giamsat@example.vn'
                """).first(decodingColumn: "code", as: String.self)
            #expect(code == supervisor.code)
            #expect(try await admin.get("/settings/users").body.string.contains("<td>Giám sát KD</td>"))
        }
    }

    @Test("R16: a custom role's saved scope is what its user sees; a role in use is not deleted")
    func savedScopeIsWhatTheUserSees() async throws {
        try await withWebCompany { app, ids in
            let an = ids["an@example.vn"]!
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            var salesperson = WebClient(app)
            _ = try await salesperson.signIn("an@example.vn")
            #expect(try await visibleCustomers(&salesperson) == ["Nguyễn Thị Lan"], "as a salesperson: own")

            _ = try await admin.get("/settings/roles")
            _ = try await admin.post("/settings/roles", [("name", "Giám sát KD"), ("view-customers", "all")])
            let supervisor = try #require(try await role("Giám sát KD", app))
            let kd1 = try #require(try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM departments WHERE name = 'Kinh doanh 1'")
                .first(decodingColumn: "id", as: Int64.self))
            let usersPage = try await admin.get("/settings/users/\(an)").body.string
            #expect(usersPage.contains(#"<option value="\#(supervisor.code)">Giám sát KD</option>"#))
            let assigned = try await admin.post("/settings/users/\(an)", [
                ("name", "Nguyễn Văn An"), ("role", supervisor.code), ("department", "\(kd1)"), ("extensions", "102; VFONE:212"),
                ("active", "on"),
            ])
            #expect(assigned.location == "/settings/users/\(an)?done=saved")
            #expect(try await visibleCustomers(&salesperson) == ["Nguyễn Thị Lan", "Công ty CP Hoa Mai", "Khách chưa phụ trách"])

            _ = try await admin.get("/settings/roles/\(supervisor.id)")
            let department = try await admin.post("/settings/roles/\(supervisor.id)", [("name", "Giám sát KD"),
                                                                                       ("view-customers", "department")])
            #expect(department.location == "/settings/roles/\(supervisor.id)?done=saved")
            #expect(try await visibleCustomers(&salesperson) == ["Nguyễn Thị Lan", "Công ty CP Hoa Mai"],
                    "Kinh doanh 1: An's and Bình's customers")
            _ = try await admin.post("/settings/roles/\(supervisor.id)", [("name", "Giám sát KD"), ("view-customers", "own")])
            #expect(try await visibleCustomers(&salesperson) == ["Nguyễn Thị Lan"])
            _ = try await admin.post("/settings/roles/\(supervisor.id)", [("name", "Giám sát KD"), ("view-customers", "none")])
            #expect(try await salesperson.get("/customers").status == .forbidden, "no view permission: the list is refused")
            #expect(try await salesperson.get("/reports/telesales").status == .forbidden, "the role never had the report")
            _ = try await admin.post("/settings/roles/\(supervisor.id)", [("name", "Giám sát KD"), ("view-reports", "all")])
            let report = try await salesperson.get("/reports/telesales")
            #expect(report.status == .ok && report.body.string.contains("Lê Trưởng KD"), "all: other departments' rows too")

            let inUse = try await admin.post("/settings/roles/\(supervisor.id)/delete", [])
            #expect(inUse.status == .badRequest)
            #expect(inUse.body.string.contains("Không xoá được “Giám sát KD”: đang có 1 người dùng mang vai trò này"))
            _ = try await admin.get("/settings/users/\(an)")
            _ = try await admin.post("/settings/users/\(an)", [("name", "Nguyễn Văn An"), ("role", "sales"), ("department", "\(kd1)"),
                                                                ("extensions", "102; VFONE:212"), ("active", "on")])
            _ = try await admin.get("/settings/roles/\(supervisor.id)")
            let deleted = try await admin.post("/settings/roles/\(supervisor.id)/delete", [])
            #expect(deleted.location == "/settings/roles?done=deleted")
            #expect(try await role("Giám sát KD", app) == nil)
        }
    }
}
