import FluentKit
import SQLKit
import CallDeskCore

/// The built-in roles of domain.md: Administrator (everything, all), Manager (department scope),
/// Salesperson (own). Seeded by the first migration.
enum BuiltinRoles {
    static let modules = ["customers", "calls", "tasks", "orders", "reports", "settings"]
    static let actions = ["view", "create", "edit", "delete"]

    struct Definition {
        let code: RoleCode
        let name: String
        let scope: String
        let settings: Bool
    }

    static let definitions = [
        Definition(code: .admin, name: "Quản trị viên", scope: "all", settings: true),
        Definition(code: .manager, name: "Trưởng nhóm", scope: "department", settings: false),
        Definition(code: .sales, name: "Nhân viên kinh doanh", scope: "own", settings: false),
    ]

    static func seed(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for definition in definitions {
            let id = try await sql.insert(into: "roles")
                .columns("code", "name", "builtin")
                .values(SQLBind(definition.code.rawValue), SQLBind(definition.name), SQLBind(true))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self)
            guard let id else { continue }
            let insert = sql.insert(into: "role_permissions").columns("role_id", "module", "action", "scope")
            for module in modules {
                for action in actions {
                    if module == "settings" && !definition.settings { continue }
                    if action == "delete" && definition.code == .sales { continue }
                    let scope: String? = action == "view" ? (module == "settings" ? "all" : definition.scope) : nil
                    insert.values(SQLBind(id), SQLBind(module), SQLBind(action), SQLBind(scope))
                }
            }
            try await insert.run()
        }
    }
}
