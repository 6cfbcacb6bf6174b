import CallDeskCore
import Foundation
import SQLKit

/// The organisation as the report needs it, read in one go (users and departments are few):
/// users with their departments, the department tree with heads, the group tree, and the viewer's
/// permission on the report.
struct ReportDirectory {
    struct User: Sendable {
        var id: Int64
        var name: String
        var email: String
        var active: Bool
        var departmentID: Int64?
        var roleID: Int64
    }

    var users: [Int64: User]
    var tree: DepartmentTree
    /// user id → departments they head.
    var headed: [Int64: [Int64]]
    var groupTree: DepartmentTree
    var settings: CompanySettings

    static func load(_ sql: any SQLDatabase) async throws -> ReportDirectory {
        struct UserRow: Decodable {
            var id: Int64; var name: String; var email: String; var active: Bool; var department_id: Int64?
            var role_id: Int64
        }
        struct NodeRow: Decodable { var id: Int64; var name: String; var parent_id: Int64? }
        struct HeadRow: Decodable { var department_id: Int64; var user_id: Int64 }
        let users = try await sql.raw("SELECT id, name, email, active, department_id, role_id FROM users")
            .all(decoding: UserRow.self)
        let departments = try await sql.raw("SELECT id, name, parent_id FROM departments").all(decoding: NodeRow.self)
        let groups = try await sql.raw("SELECT id, name, parent_id FROM customer_groups").all(decoding: NodeRow.self)
        let heads = try await sql.raw("SELECT department_id, user_id FROM department_heads").all(decoding: HeadRow.self)
        var headed: [Int64: [Int64]] = [:]
        for head in heads { headed[head.user_id, default: []].append(head.department_id) }
        return ReportDirectory(
            users: Dictionary(uniqueKeysWithValues: users.map {
                ($0.id, User(id: $0.id, name: $0.name, email: $0.email, active: $0.active,
                             departmentID: $0.department_id, roleID: $0.role_id))
            }),
            tree: DepartmentTree(departments.map { .init(id: $0.id, name: $0.name, parentID: $0.parent_id) }),
            headed: headed,
            groupTree: DepartmentTree(groups.map { .init(id: $0.id, name: $0.name, parentID: $0.parent_id) }),
            settings: try await CompanySettingsStore.load(sql))
    }

    /// R16: the viewer's scope from their role's `view` permission on `module` (the report by default;
    /// `customers`… for the other pages), raised to at least `department` for heads.
    func scope(of viewerID: Int64, module: String = "reports", sql: any SQLDatabase) async throws -> ReportScope {
        guard let viewer = users[viewerID] else { throw ReportRefusal("unknown viewer (user \(viewerID))") }
        let scopeText = try await sql.select().column("scope").from("role_permissions")
            .where("role_id", .equal, SQLBind(viewer.roleID))
            .where("module", .equal, SQLBind(module))
            .where("action", .equal, SQLBind("view"))
            .first(decodingColumn: "scope", as: String?.self)
        let headed = self.headed[viewerID] ?? []
        guard let roleScope = scopeText.flatMap({ $0.flatMap(ViewScope.init(rawValue:)) })
                ?? (headed.isEmpty ? nil : .department) else {
            let what = module == "reports" ? "the Telesales report" : module
            throw ReportRefusal("\(viewer.name) has no permission to view \(what)")
        }
        return ReportScope.make(roleScope: roleScope, viewerID: viewerID, viewerDepartment: viewer.departmentID,
                                headed: headed, tree: tree)
    }

    func reportUser(_ user: User) -> ReportUser {
        ReportUser(id: user.id, name: user.name, email: user.email, active: user.active,
                   department: user.departmentID.flatMap { tree.nodes[$0]?.name },
                   departmentPath: user.departmentID.map { tree.path($0) } ?? [])
    }

    /// R6's order: department path (names from the root), then display name, Vietnamese collation;
    /// users without a department last. Ties fall back to the id so the order is total.
    static func rowOrder(_ a: ReportUser, _ b: ReportUser) -> Bool {
        if a.departmentPath.isEmpty != b.departmentPath.isEmpty { return !a.departmentPath.isEmpty }
        let byPath = VietnameseCollation.compare(a.departmentPath, b.departmentPath)
        if byPath != .orderedSame { return byPath == .orderedAscending }
        let byName = VietnameseCollation.compare(a.name, b.name)
        if byName != .orderedSame { return byName == .orderedAscending }
        return a.id < b.id
    }
}
