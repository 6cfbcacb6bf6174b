import CallDeskCore
import FluentKit
import Foundation
import SQLKit
import Vapor

/// Settings › Người dùng: the staff list, and what an administrator changes about a person — name,
/// role, department, extensions (máy nhánh, `102` or `VFONE:212`), active or not, a new password.
public enum StaffDirectory {
    public struct Member: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var email: String
        public var role: String
        public var departmentID: Int64?
        public var departmentName: String?
        public var active: Bool
        public var extensions: [ExtensionRef]

        /// The extensions as they are typed: `102; VFONE:212`.
        public var extensionsText: String { extensions.map(\.bundleText).joined(separator: "; ") }
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
    }

    public static func list(on database: any Database) async throws -> [Member] {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable {
            var id: Int64; var name: String; var email: String; var role: String?; var department_id: Int64?
            var department_name: String?; var active: Bool
        }
        let rows = try await sql.raw("""
            SELECT u.id, u.name, u.email, r.code AS role, u.department_id, d.name AS department_name, u.active
            FROM users u LEFT JOIN roles r ON r.id = u.role_id LEFT JOIN departments d ON d.id = u.department_id
            ORDER BY u.active DESC, d.name, u.name, u.id
            """).all(decoding: Row.self)
        struct Ext: Decodable { var user_id: Int64; var number: String; var provider_code: String }
        var extensions: [Int64: [ExtensionRef]] = [:]
        for ext in try await sql.raw("SELECT user_id, number, provider_code FROM user_extensions ORDER BY id")
            .all(decoding: Ext.self) {
            extensions[ext.user_id, default: []].append(
                ExtensionRef(number: ext.number, providerCode: ext.provider_code.isEmpty ? nil : ext.provider_code))
        }
        return rows.map {
            Member(id: $0.id, name: $0.name, email: $0.email, role: $0.role ?? "", departmentID: $0.department_id,
                   departmentName: $0.department_name, active: $0.active, extensions: extensions[$0.id] ?? [])
        }
    }

    /// Departments for a picker, by name.
    public static func departments(on database: any Database) async throws -> [(id: Int64, name: String)] {
        struct Row: Decodable { var id: Int64; var name: String }
        return try await CallDeskDatabase.sql(database).raw("SELECT id, name FROM departments ORDER BY name, id")
            .all(decoding: Row.self).map { ($0.id, $0.name) }
    }

    /// `102; VFONE:212, 103` → extensions; a message for anything else.
    public static func parseExtensions(_ text: String) -> Result<[ExtensionRef], Problems> {
        var result: [ExtensionRef] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { continue }
            let pieces = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let number = pieces.last ?? ""
            let code = pieces.count == 2 ? pieces[0].uppercased() : nil
            let codeOK = code.map { !$0.isEmpty && $0.count <= 20 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } } ?? true
            guard pieces.count <= 2, codeOK, (1...10).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(Problems(fields: ["extensions": "\"\(item)\" không phải máy nhánh — viết 102 hoặc VFONE:212"
                                                  + " · \"\(item)\" is not an extension — write 102 or VFONE:212"]))
            }
            let ref = ExtensionRef(number: number, providerCode: code)
            if !result.contains(ref) { result.append(ref) }
        }
        return .success(result)
    }

    /// Changes a person; refuses an extension someone else has, an unknown role or department, or an
    /// administrator taking away their own administrator role or their own access.
    public static func update(_ id: Int64, name: String, role: String, departmentID: Int64?, extensions text: String,
                              active: Bool, by viewerID: Int64, on database: any Database) async throws {
        var problems: [String: String] = [:]
        let cleanName = name.trimmingCharacters(in: .whitespaces)
        if cleanName.isEmpty { problems["name"] = "Nhập họ tên · Enter the name" }
        let sql = CallDeskDatabase.sql(database)
        // Built-in or custom (Settings › Vai trò & quyền): any role that exists.
        if try await sql.raw("SELECT id FROM roles WHERE code = \(bind: role)").first() == nil {
            problems["role"] = "Chọn vai trò · Choose a role"
        }
        if id == viewerID, role != RoleCode.admin.rawValue {
            problems["role"] = "Bạn không thể tự bỏ quyền quản trị của mình · You can't remove your own administrator role"
        }
        if id == viewerID, !active {
            problems["active"] = "Bạn không thể tự khoá tài khoản của mình · You can't deactivate yourself"
        }
        var extensions: [ExtensionRef] = []
        switch parseExtensions(text) {
        case .success(let parsed): extensions = parsed
        case .failure(let failure): problems.merge(failure.fields) { a, _ in a }
        }
        if let departmentID, try await sql.raw("SELECT id FROM departments WHERE id = \(bind: departmentID)").first() == nil {
            problems["department"] = "Không có phòng ban này · No such department"
        }
        for ext in extensions {
            if let other = try await sql.raw("""
                SELECT u.name FROM user_extensions e JOIN users u ON u.id = e.user_id
                WHERE e.number = \(bind: ext.number) AND e.provider_code = \(bind: ext.providerCode ?? "") AND e.user_id <> \(bind: id)
                """).first(decodingColumn: "name", as: String.self) {
                problems["extensions"] = "Máy nhánh \(ext.bundleText) đang thuộc \(other) · Extension \(ext.bundleText) belongs to \(other)"
            }
        }
        guard problems.isEmpty else { throw Problems(fields: problems) }
        let chosen = extensions
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let roleID = try await sql.raw("SELECT id FROM roles WHERE code = \(bind: role)")
                .first(decodingColumn: "id", as: Int64.self) else { throw Problems(fields: ["role": "Chọn vai trò · Choose a role"]) }
            try await sql.update("users").set("name", to: SQLBind(cleanName)).set("role_id", to: SQLBind(roleID))
                .set("department_id", to: SQLBind(departmentID)).set("active", to: SQLBind(active))
                .where("id", .equal, SQLBind(id)).run()
            try await sql.delete(from: "user_extensions").where("user_id", .equal, SQLBind(id)).run()
            for ext in chosen {
                try await sql.insert(into: "user_extensions").columns("user_id", "number", "provider_code")
                    .values(SQLBind(id), SQLBind(ext.number), SQLBind(ext.providerCode ?? "")).run()
            }
        }
    }

    /// Sets a new password (at least ``UserAccounts/minimumPasswordLength`` characters).
    public static func setPassword(_ id: Int64, to password: String, on database: any Database) async throws {
        guard password.count >= UserAccounts.minimumPasswordLength else {
            throw Problems(fields: ["password": "Mật khẩu cần ít nhất \(UserAccounts.minimumPasswordLength) ký tự"
                                    + " · The password needs at least \(UserAccounts.minimumPasswordLength) characters"])
        }
        let hash = try Bcrypt.hash(password)
        try await CallDeskDatabase.sql(database).update("users").set("password_hash", to: SQLBind(hash))
            .where("id", .equal, SQLBind(id)).run()
    }
}
