import CallDeskCore
import FluentKit
import Foundation
import SQLKit
import Vapor

/// A user as the web pages need them: who is signed in, and whether they still may be.
public struct SignedInUser: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var email: String
    public var active: Bool
    public var roleCode: String
    public var departmentID: Int64?

    /// Whether the user's role may open the settings pages.
    public var isAdministrator: Bool { roleCode == RoleCode.admin.rawValue }
}

/// What happened to a sign-in attempt. An unknown email and a wrong password are one answer, so
/// the form does not tell a stranger which emails exist.
public enum SignInResult: Sendable, Equatable {
    case signedIn(SignedInUser)
    case wrongCredentials
    /// The password was right, but the account is deactivated (domain.md: a deactivated user cannot log in).
    case deactivated
}

extension UserAccounts {
    private struct UserRow: Decodable {
        var id: Int64
        var name: String
        var email: String
        var active: Bool
        var password_hash: String?
        var department_id: Int64?
        var role_code: String
    }

    private static func users(_ sql: any SQLDatabase, where column: String, equals value: any Encodable & Sendable)
        async throws -> UserRow? {
        try await sql.raw("""
            SELECT u.id, u.name, u.email, u.active, u.password_hash, u.department_id, r.code AS role_code
            FROM users u JOIN roles r ON r.id = u.role_id WHERE u.\(unsafeRaw: column) = \(bind: value)
            """).first(decoding: UserRow.self)
    }

    private static func signedIn(_ row: UserRow) -> SignedInUser {
        SignedInUser(id: row.id, name: row.name, email: row.email, active: row.active, roleCode: row.role_code,
                     departmentID: row.department_id)
    }

    /// Checks an email and password (bcrypt). Emails compare case-insensitively.
    public static func signIn(email: String, password: String, on database: any Database) async throws -> SignInResult {
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty, !password.isEmpty,
              let row = try await users(CallDeskDatabase.sql(database), where: "email_key", equals: key),
              let hash = row.password_hash, (try? Bcrypt.verify(password, created: hash)) == true else {
            return .wrongCredentials
        }
        return row.active ? .signedIn(signedIn(row)) : .deactivated
    }

    /// The user behind a session, whatever their state (the caller refuses inactive ones).
    public static func user(id: Int64, on database: any Database) async throws -> SignedInUser? {
        try await users(CallDeskDatabase.sql(database), where: "id", equals: id).map(signedIn)
    }

    /// Whether the database has no user yet: the first-run page then creates the first administrator.
    public static func isEmpty(on database: any Database) async throws -> Bool {
        try await CallDeskDatabase.sql(database).raw("SELECT id FROM users LIMIT 1").first() == nil
    }

    /// The first administrator, created only while there is no user at all.
    public static func createFirstAdministrator(email: String, name: String, password: String,
                                                on database: any Database) async throws -> Int64 {
        guard try await isEmpty(on: database) else {
            throw Invalid("the first administrator already exists; sign in instead")
        }
        return try await create(email: email, name: name, role: .admin, department: nil, password: password,
                                on: database)
    }
}
