import CallDeskCore
import FluentKit
import Foundation
import SQLKit
import Vapor

/// Creating logins (`calldesk user add`, and later the first-run page and Settings → Users).
public enum UserAccounts {
    /// A request that cannot be carried out as asked; the message says what to fix.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public static let minimumPasswordLength = 8

    /// Creates an active user and answers its id.
    /// - Parameter department: a department's id or exact name, or nil.
    public static func create(email: String, name: String, role: RoleCode, department: String?, password: String,
                              on database: any Database) async throws -> Int64 {
        let email = email.trimmingCharacters(in: .whitespaces)
        let name = name.trimmingCharacters(in: .whitespaces)
        guard isPlausibleEmail(email) else { throw Invalid("\"\(email)\" is not an email address") }
        guard !name.isEmpty else { throw Invalid("the name must not be empty") }
        guard password.count >= minimumPasswordLength else {
            throw Invalid("the password must have at least \(minimumPasswordLength) characters")
        }
        let sql = CallDeskDatabase.sql(database)
        let taken = try await sql.select().column("id").from("users")
            .where("email_key", .equal, SQLBind(email.lowercased())).first()
        guard taken == nil else { throw Invalid("a user with the email \(email) already exists") }
        var departmentID: Int64?
        if let department, !department.isEmpty {
            departmentID = try await resolveDepartment(department, sql: sql)
        }
        let roleID = try await sql.select().column("id").from("roles").where("code", .equal, SQLBind(role.rawValue))
            .first(decodingColumn: "id", as: Int64.self)
        let hash = try Bcrypt.hash(password)
        let id = try await sql.insert(into: "users")
            .columns("external_id", "name", "email", "email_key", "password_hash", "department_id", "role_id",
                     "active", "created_at")
            .values(SQLBind(email.lowercased()), SQLBind(name), SQLBind(email), SQLBind(email.lowercased()),
                    SQLBind(hash), SQLBind(departmentID), SQLBind(roleID), SQLBind(true),
                    SQLBind(Date().epochMilliseconds))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw Invalid("the user could not be created") }
        return id
    }

    /// A department by id or by exact name (after Unicode NFC normalisation); ambiguity is an error
    /// that lists the candidates.
    static func resolveDepartment(_ text: String, sql: any SQLDatabase) async throws -> Int64 {
        struct Row: Decodable { var id: Int64; var name: String }
        let rows = try await sql.select().column("id").column("name").from("departments").all(decoding: Row.self)
        let wanted = text.precomposedStringWithCanonicalMapping
        let matches = rows.filter { String($0.id) == text || $0.name.precomposedStringWithCanonicalMapping == wanted }
        switch matches.count {
        case 1: return matches[0].id
        case 0:
            throw Invalid("no department is called \"\(text)\"; departments: "
                          + rows.map { "\($0.id) \($0.name)" }.joined(separator: ", "))
        default:
            throw Invalid("\"\(text)\" names several departments: "
                          + matches.map { "\($0.id) \($0.name)" }.joined(separator: ", "))
        }
    }

    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}
