import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Per-user API keys: `cd_` + 40 random base-32 characters, shown once; stored as a SHA-256 hash.
/// A key acts with its user's scope; a deactivated user's keys stop working.
public enum APIKeys {
    public struct Created: Sendable {
        public var id: Int64
        public var key: String
    }

    /// Creates a key for the user with `email`; answers the key in clear, the only time it is seen.
    public static func create(email: String, name: String = "API", on database: any Database) async throws -> Created {
        let sql = CallDeskDatabase.sql(database)
        guard let userID = try await sql.select().column("id").from("users")
            .where("email_key", .equal, SQLBind(email.lowercased()))
            .first(decodingColumn: "id", as: Int64.self) else {
            throw UserAccounts.Invalid("no user has the email \(email)")
        }
        let key = Secrets.generate(prefix: "cd_")
        let id = try await sql.insert(into: "api_keys")
            .columns("user_id", "name", "prefix", "key_hash", "created_at")
            .values(SQLBind(userID), SQLBind(name), SQLBind(String(key.prefix(8))), SQLBind(hash(key)),
                    SQLBind(Date().epochMilliseconds))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self) ?? 0
        return Created(id: id, key: key)
    }

    /// The user a key acts for, or nil when the key is unknown, revoked or its user is deactivated.
    public static func user(forKey key: String, on database: any Database) async throws -> Int64? {
        guard key.hasPrefix("cd_"), key.count == 43 else { return nil }
        let sql = CallDeskDatabase.sql(database)
        // The lookup is by hash: the index finds the row without comparing secrets byte by byte.
        let row = try await sql.raw("""
            SELECT k.id, k.user_id FROM api_keys k JOIN users u ON u.id = k.user_id
            WHERE k.key_hash = \(bind: hash(key)) AND k.revoked_at IS NULL AND u.active = \(true)
            """).first()
        guard let row else { return nil }
        let id = try row.decode(column: "id", as: Int64.self)
        try await sql.update("api_keys").set("last_used_at", to: SQLBind(Date().epochMilliseconds))
            .where("id", .equal, SQLBind(id)).run()
        return try row.decode(column: "user_id", as: Int64.self)
    }

    static func hash(_ key: String) -> String { Secrets.sha256Hex(key) }
}
