import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Settings › Phòng ban: create, rename, move (with its subtree) and set the head of a department.
/// The tree keeps one root and no cycles (domain.md); every refusal names the field and says what to fix,
/// "Vietnamese · English" like the other Store field messages.
public enum DepartmentChanges {
    /// Field → "Vietnamese · English" message.
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
        init(_ field: String, _ vietnamese: String, _ english: String) {
            fields = [field: vietnamese + " · " + english]
        }
    }

    public static let maximumNameLength = 120

    struct Row: Decodable { var id: Int64; var name: String; var parent_id: Int64? }

    static func tree(_ sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw("SELECT id, name, parent_id FROM departments").all(decoding: Row.self)
    }

    static func cleanName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty else { throw Problems("name", "Nhập tên phòng ban", "Enter the department's name") }
        guard trimmed.count <= maximumNameLength else {
            throw Problems("name", "Tên phòng ban dài quá \(maximumNameLength) ký tự",
                           "The name is longer than \(maximumNameLength) characters")
        }
        return trimmed
    }

    /// Two departments under the same parent may not share a name: the report's rows and the pickers
    /// would be indistinguishable.
    static func checkSiblingName(_ name: String, parentID: Int64?, except id: Int64?, rows: [Row]) throws {
        let key = name.lowercased()
        if rows.contains(where: { $0.parent_id == parentID && $0.id != id
                                  && $0.name.precomposedStringWithCanonicalMapping.lowercased() == key }) {
            throw Problems("name", "Đã có phòng ban \"\(name)\" cùng cấp", "There is already a department \"\(name)\" at this level")
        }
    }

    /// A new department under `parentID`; only the first department of the company may have no parent.
    public static func create(name: String, parentID: Int64?, headID: Int64?, on database: any Database) async throws -> Int64 {
        let name = try cleanName(name)
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let rows = try await tree(sql)
            if let parentID {
                guard rows.contains(where: { $0.id == parentID }) else {
                    throw Problems("parent", "Phòng ban cấp trên không còn tồn tại", "The parent department no longer exists")
                }
            } else if !rows.isEmpty {
                throw Problems("parent", "Chọn phòng ban cấp trên (công ty chỉ có một phòng ban gốc)",
                               "Choose the parent department (the company has one root department)")
            }
            try checkSiblingName(name, parentID: parentID, except: nil, rows: rows)
            let id = try await sql.insert(into: "departments").columns("external_id", "name", "parent_id")
                .values(SQLBind("web-" + UUID().uuidString.lowercased()), SQLBind(name), SQLBind(parentID))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self)
            guard let id else { throw Problems("name", "Không tạo được phòng ban", "The department could not be created") }
            try await setHead(id, headID, sql: sql)
            return id
        }
    }

    /// Rename, move (the subtree goes with it) and set the head in one transaction. Moving a department under
    /// itself or one of its descendants would make a cycle and is refused; the root stays the root.
    public static func update(_ id: Int64, name: String, parentID: Int64?, headID: Int64?,
                              on database: any Database) async throws {
        let name = try cleanName(name)
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let rows = try await tree(sql)
            guard let current = rows.first(where: { $0.id == id }) else {
                throw Problems("name", "Phòng ban này không còn tồn tại", "This department no longer exists")
            }
            if parentID != current.parent_id {
                guard let parentID else {
                    throw Problems("parent", "Chọn phòng ban cấp trên (công ty chỉ có một phòng ban gốc)",
                                   "Choose the parent department (the company has one root department)")
                }
                guard let parent = rows.first(where: { $0.id == parentID }) else {
                    throw Problems("parent", "Phòng ban cấp trên không còn tồn tại", "The parent department no longer exists")
                }
                let tree = DepartmentTree(rows.map { .init(id: $0.id, name: $0.name, parentID: $0.parent_id) })
                if tree.subtree(id).contains(parentID) {
                    throw parentID == id
                        ? Problems("parent", "Một phòng ban không thể nằm dưới chính nó",
                                   "A department cannot be placed under itself")
                        : Problems("parent", "Không thể chuyển \"\(current.name)\" vào \"\(parent.name)\": \"\(parent.name)\" đang nằm dưới \"\(current.name)\", cây phòng ban sẽ thành vòng lặp",
                                   "\"\(current.name)\" cannot move under \"\(parent.name)\": \"\(parent.name)\" is below \"\(current.name)\", the tree would become a cycle")
                }
            }
            try checkSiblingName(name, parentID: parentID, except: id, rows: rows)
            try await sql.update("departments").set("name", to: SQLBind(name)).set("parent_id", to: SQLBind(parentID))
                .where("id", .equal, SQLBind(id)).run()
            try await setHead(id, headID, sql: sql)
        }
    }

    /// One head per department (or none); the head must be an active user.
    static func setHead(_ id: Int64, _ headID: Int64?, sql: any SQLDatabase) async throws {
        if let headID {
            struct User: Decodable { var active: Bool }
            guard let user = try await sql.select().column("active").from("users").where("id", .equal, SQLBind(headID))
                .first(decoding: User.self) else {
                throw Problems("head", "Người này không còn trong danh sách nhân viên", "This person is no longer a user")
            }
            guard user.active else {
                throw Problems("head", "Tài khoản này đã bị khoá: chọn người đang làm việc",
                               "This account is deactivated: choose someone active")
            }
        }
        try await sql.delete(from: "department_heads").where("department_id", .equal, SQLBind(id)).run()
        if let headID {
            try await sql.insert(into: "department_heads").columns("department_id", "user_id")
                .values(SQLBind(id), SQLBind(headID)).run()
        }
    }
}
