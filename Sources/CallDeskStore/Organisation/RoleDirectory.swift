import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Settings › Vai trò & quyền: roles and their permissions (domain.md "Role"). A permission is a
/// `role_permissions` row (role, module, action); the `view` row carries the scope (`own`, `department`,
/// `all`) that ``ViewerAccess`` and the report read, and no `view` row means the module is closed.
/// The three built-in roles are fixed; custom roles are made, changed and deleted here.
public enum RoleDirectory {
    public static let modules = BuiltinRoles.modules
    public static let actions = BuiltinRoles.actions
    /// The modules a custom role can be given. Settings stay with the Administrator role: the settings
    /// pages check for that role, so a settings permission on another role would promise what it can't do.
    public static let customModules = modules.filter { $0 != "settings" }
    /// The actions besides `view`: allowed or not, with no scope of their own.
    public static let changeActions = actions.filter { $0 != "view" }

    /// What a role may do: the view scope per module (absent: can't open it) and the other allowed
    /// actions as `module.action`.
    public struct Permissions: Sendable, Equatable {
        public var view: [String: ViewScope]
        public var allowed: Set<String>

        public init(view: [String: ViewScope] = [:], allowed: Set<String> = []) {
            self.view = view
            self.allowed = allowed
        }

        public func allows(_ module: String, _ action: String) -> Bool {
            action == "view" ? view[module] != nil : allowed.contains("\(module).\(action)")
        }
    }

    public struct Role: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var name: String
        public var builtin: Bool
        /// Users with this role, deactivated ones included.
        public var users: Int64
        public var permissions: Permissions
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]

        public init(fields: [String: String]) { self.fields = fields }
    }

    /// Built-in roles first (Administrator, Manager, Salesperson), then custom roles by name.
    public static func list(on database: any Database) async throws -> [Role] {
        let sql = CallDeskDatabase.sql(database)
        struct RoleRow: Decodable { var id: Int64; var code: String; var name: String; var builtin: Bool; var users: Int64 }
        struct PermissionRow: Decodable { var role_id: Int64; var module: String; var action: String; var scope: String? }
        let roles = try await sql.raw("""
            SELECT r.id, r.code, r.name, r.builtin, (SELECT COUNT(*) FROM users u WHERE u.role_id = r.id) AS users
            FROM roles r
            """).all(decoding: RoleRow.self)
        var permissions: [Int64: Permissions] = [:]
        for row in try await sql.raw("SELECT role_id, module, action, scope FROM role_permissions")
            .all(decoding: PermissionRow.self) {
            if row.action == "view" {
                if let scope = row.scope.flatMap(ViewScope.init(rawValue:)) { permissions[row.role_id, default: .init()].view[row.module] = scope }
            } else {
                permissions[row.role_id, default: .init()].allowed.insert("\(row.module).\(row.action)")
            }
        }
        let builtinOrder = RoleCode.allCases.map(\.rawValue)
        return roles.map {
            Role(id: $0.id, code: $0.code, name: $0.name, builtin: $0.builtin, users: $0.users,
                 permissions: permissions[$0.id] ?? .init())
        }.sorted { a, b in
            if a.builtin != b.builtin { return a.builtin }
            if a.builtin { return (builtinOrder.firstIndex(of: a.code) ?? 9) < (builtinOrder.firstIndex(of: b.code) ?? 9) }
            let order = VietnameseCollation.compare(a.name, b.name)
            return order == .orderedSame ? a.id < b.id : order == .orderedAscending
        }
    }

    /// Makes a custom role; answers its id.
    @discardableResult
    public static func create(name: String, permissions: Permissions, on database: any Database) async throws -> Int64 {
        let roles = try await list(on: database)
        let clean = try checked(name: name, permissions: permissions, among: roles, except: nil)
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let code = "custom-" + UUID().uuidString.lowercased().prefix(8)
            guard let id = try await sql.insert(into: "roles").columns("code", "name", "builtin")
                .values(SQLBind(code), SQLBind(clean), SQLBind(false))
                .returning("id").first(decodingColumn: "id", as: Int64.self) else {
                throw Problems(fields: ["name": "Không lưu được · Not saved"])
            }
            try await write(permissions, role: id, sql: sql)
            return id
        }
    }

    /// Renames a custom role and replaces its permissions; its users see the new scopes on their next page.
    public static func update(_ id: Int64, name: String, permissions: Permissions, on database: any Database) async throws {
        let roles = try await list(on: database)
        guard let role = roles.first(where: { $0.id == id }) else { throw Problems(fields: ["name": "Không có vai trò này · No such role"]) }
        guard !role.builtin else {
            throw Problems(fields: ["name": "Vai trò có sẵn không sửa được; hãy tạo vai trò mới · A built-in role can't be changed; create a new role"])
        }
        let clean = try checked(name: name, permissions: permissions, among: roles, except: id)
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            try await sql.update("roles").set("name", to: SQLBind(clean)).where("id", .equal, SQLBind(id)).run()
            try await sql.delete(from: "role_permissions").where("role_id", .equal, SQLBind(id)).run()
            try await write(permissions, role: id, sql: sql)
        }
    }

    /// The messages ``create(name:permissions:on:)`` or ``update(_:name:permissions:on:)`` would give, without
    /// saving: for a form refused for another reason too, so every message shows at once.
    public static func problems(name: String, permissions: Permissions, except id: Int64?,
                                on database: any Database) async throws -> [String: String] {
        do {
            _ = try checked(name: name, permissions: permissions, among: try await list(on: database), except: id)
            return [:]
        } catch let problems as Problems {
            return problems.fields
        }
    }

    /// Deletes a custom role nobody has.
    public static func delete(_ id: Int64, on database: any Database) async throws {
        guard let role = try await list(on: database).first(where: { $0.id == id }) else { return }
        if role.builtin {
            throw Problems(fields: ["delete": "Vai trò có sẵn không xoá được · A built-in role can't be deleted"])
        }
        if role.users > 0 {
            throw Problems(fields: ["delete": "Không xoá được “\(role.name)”: đang có \(role.users) người dùng mang vai trò này"
                                    + " · Can't delete “\(role.name)”: \(role.users) users have this role"])
        }
        try await CallDeskDatabase.sql(database).delete(from: "roles").where("id", .equal, SQLBind(id)).run()
    }

    private static func write(_ permissions: Permissions, role id: Int64, sql: any SQLDatabase) async throws {
        var rows: [[any SQLExpression]] = []
        for module in customModules {
            if let scope = permissions.view[module] {
                rows.append([SQLBind(id), SQLBind(module), SQLBind("view"), SQLBind(scope.rawValue)])
            }
            for action in changeActions where permissions.allowed.contains("\(module).\(action)") {
                rows.append([SQLBind(id), SQLBind(module), SQLBind(action), SQLBind(String?.none)])
            }
        }
        guard !rows.isEmpty else { return }
        try await sql.insert(into: "role_permissions").columns("role_id", "module", "action", "scope").rows(rows).run()
    }

    /// The trimmed name, or the messages: an empty or taken name, a change allowed in a module the role can't view.
    private static func checked(name: String, permissions: Permissions, among roles: [Role], except id: Int64?) throws -> String {
        var problems: [String: String] = [:]
        let clean = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if clean.isEmpty {
            problems["name"] = "Nhập tên vai trò · Enter the role's name"
        } else if clean.count > 60 {
            problems["name"] = "Tên tối đa 60 ký tự · The name has 60 characters at most"
        } else if roles.contains(where: { $0.id != id && $0.name.lowercased() == clean.lowercased() }) {
            problems["name"] = "Đã có vai trò “\(clean)” · There is already a role “\(clean)”"
        }
        for module in customModules where permissions.view[module] == nil
            && changeActions.contains(where: { permissions.allowed.contains("\(module).\($0)") }) {
            problems["module.\(module)"] = "Cho thêm, sửa hoặc xoá thì phải cho xem (chọn phạm vi xem)"
                + " · Adding, editing or deleting needs the view permission (choose a view scope)"
        }
        if permissions.view.keys.contains("settings") || permissions.allowed.contains(where: { $0.hasPrefix("settings.") }) {
            problems["module.settings"] = "Chỉ vai trò Quản trị viên vào được Cài đặt · Only the Administrator role opens the settings"
        }
        guard problems.isEmpty else { throw Problems(fields: problems) }
        return clean
    }

    /// Every role for the users page's picker: (code, name), built-in roles first.
    public static func choices(on database: any Database) async throws -> [(code: String, name: String, builtin: Bool)] {
        try await list(on: database).map { ($0.code, $0.name, $0.builtin) }
    }
}
