import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Settings › API keys: every key with its owner, and revoking one. Creating one is ``APIKeys/create(email:name:on:)``.
extension APIKeys {
    public struct Listed: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var ownerName: String
        public var ownerEmail: String
        public var ownerActive: Bool
        /// The key's first characters (`cd_AB12C`), to tell keys apart; the rest is never stored.
        public var prefix: String
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var revokedAt: Date?
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]

        public init(fields: [String: String]) { self.fields = fields }
    }

    /// Working keys first, newest first.
    public static func list(on database: any Database) async throws -> [Listed] {
        struct Row: Decodable {
            var id: Int64; var name: String; var owner_name: String; var owner_email: String; var owner_active: Bool
            var prefix: String; var created_at: Int64; var last_used_at: Int64?; var revoked_at: Int64?
        }
        return try await CallDeskDatabase.sql(database).raw("""
            SELECT k.id, k.name, u.name AS owner_name, u.email AS owner_email, u.active AS owner_active, k.prefix,
                   k.created_at, k.last_used_at, k.revoked_at
            FROM api_keys k JOIN users u ON u.id = k.user_id
            ORDER BY CASE WHEN k.revoked_at IS NULL THEN 0 ELSE 1 END, k.created_at DESC, k.id DESC
            """).all(decoding: Row.self).map {
            Listed(id: $0.id, name: $0.name, ownerName: $0.owner_name, ownerEmail: $0.owner_email,
                   ownerActive: $0.owner_active, prefix: $0.prefix, createdAt: Date(epochMilliseconds: $0.created_at),
                   lastUsedAt: $0.last_used_at.map { Date(epochMilliseconds: $0) },
                   revokedAt: $0.revoked_at.map { Date(epochMilliseconds: $0) })
        }
    }

    /// Creates a key for an active user, named for what it is for; the key in clear is answered once.
    public static func create(forUser userID: Int64?, name: String, on database: any Database) async throws -> Created {
        var problems: [String: String] = [:]
        let cleanName = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if cleanName.isEmpty {
            problems["name"] = "Đặt tên cho khoá, ví dụ “Kết nối kế toán” · Name the key, e.g. “Accounting link”"
        } else if cleanName.count > 80 {
            problems["name"] = "Tên tối đa 80 ký tự · The name has 80 characters at most"
        }
        struct Owner: Decodable { var email: String; var active: Bool }
        var owner: Owner?
        if let userID {
            owner = try await CallDeskDatabase.sql(database).raw("SELECT email, active FROM users WHERE id = \(bind: userID)")
                .first(decoding: Owner.self)
        }
        if owner == nil {
            problems["user"] = "Chọn người dùng sở hữu khoá · Choose the user the key acts for"
        } else if owner?.active == false {
            problems["user"] = "Người dùng này đã bị khoá: khoá API của họ không dùng được"
                + " · This user is deactivated: their keys would not work"
        }
        guard problems.isEmpty, let owner else { throw Problems(fields: problems) }
        return try await create(email: owner.email, name: cleanName, on: database)
    }

    /// Revokes a key: it stops working at once. Revoking it again changes nothing.
    public static func revoke(_ id: Int64, now: Date = Date(), on database: any Database) async throws {
        try await CallDeskDatabase.sql(database).update("api_keys").set("revoked_at", to: SQLBind(now.epochMilliseconds))
            .where("id", .equal, SQLBind(id)).where("revoked_at", .is, SQLLiteral.null).run()
    }
}
