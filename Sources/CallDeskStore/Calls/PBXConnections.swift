import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// A phone system that pushes call records to CallDesk.
public struct PBXConnection: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var provider: PBXProvider
    /// Stored on every call it pushes (`calls.provider`); tagged extensions match it (R13).
    public var code: String
    public var active: Bool
    public var createdAt: Date
    public var lastCallAt: Date?
}

/// A refused change to the connections, with the reason a person can act on.
public struct PBXConnectionInvalid: Error, CustomStringConvertible, Sendable {
    /// English, for the CLI and logs.
    public var description: String
    /// The same in Vietnamese, for the pages.
    public var vietnamese: String
    init(_ description: String, vi: String) {
        self.description = description
        self.vietnamese = vi
    }
}

/// PBX connections: created with a generated secret shown once, stored as a SHA-256 hash, found by the
/// hash of the secret a request presents.
public enum PBXConnections {
    public struct Created: Sendable {
        public var connection: PBXConnection
        public var secret: String
    }

    /// `name` is free text (unique, case-insensitively); `code` defaults to the provider kind in capitals and
    /// is unique (letters, digits, `_` and `-`).
    public static func add(name: String, provider: PBXProvider, code: String? = nil,
                           on database: any Database) async throws -> Created {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty, name.count <= 100 else {
            throw PBXConnectionInvalid("give the connection a name of 1–100 characters", vi: "hãy đặt tên kết nối dài 1–100 ký tự")
        }
        let code = (code ?? provider.rawValue).trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty, code.count <= 32,
              code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw PBXConnectionInvalid("the provider code \"\(code)\" must be 1–32 letters, digits, _ or -",
                                       vi: "mã nhà cung cấp \"\(code)\" chỉ gồm 1–32 chữ cái, chữ số, _ hoặc -")
        }
        guard !["IMPORT", "MANUAL"].contains(code) else {
            throw PBXConnectionInvalid("the provider code \(code) is reserved for imported and hand-logged calls; choose another with --code",
                                       vi: "mã \(code) dành cho cuộc gọi nhập từ tệp và ghi tay; hãy chọn mã khác")
        }
        let sql = CallDeskDatabase.sql(database)
        let existing = try await sql.raw("""
            SELECT name, code FROM pbx_connections WHERE name_key = \(bind: name.lowercased()) OR code = \(bind: code)
            """).all()
        for row in existing {
            let other = try row.decode(column: "name", as: String.self)
            if other.lowercased() == name.lowercased() {
                throw PBXConnectionInvalid("a connection named \"\(other)\" already exists", vi: "đã có kết nối tên \"\(other)\"")
            }
            throw PBXConnectionInvalid("the connection \"\(other)\" already uses the provider code \(code); give this one another with --code",
                                       vi: "kết nối \"\(other)\" đã dùng mã \(code); hãy nhập mã nhà cung cấp khác")
        }
        let secret = newSecret()
        let now = Date()
        let id = try await sql.insert(into: "pbx_connections")
            .columns("name", "name_key", "provider", "code", "secret_hash", "signing_key", "active", "created_at")
            .values(SQLBind(name), SQLBind(name.lowercased()), SQLBind(provider.rawValue), SQLBind(code),
                    SQLBind(hash(secret)), SQLBind(provider.signsRequests ? secret : nil), SQLBind(true),
                    SQLBind(now.epochMilliseconds))
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self) ?? 0
        return Created(connection: PBXConnection(id: id, name: name, provider: provider, code: code, active: true,
                                                 createdAt: Date(epochMilliseconds: now.epochMilliseconds)),
                       secret: secret)
    }

    public static func list(on database: any Database) async throws -> [PBXConnection] {
        try await CallDeskDatabase.sql(database).raw("""
            SELECT id, name, provider, code, active, created_at, last_call_at FROM pbx_connections ORDER BY name_key
            """).all().map(connection)
    }

    /// A new secret for the connection named `name`; the old one stops working at once.
    public static func rotateSecret(name: String, on database: any Database) async throws -> Created {
        let found = try await named(name, on: database)
        let secret = newSecret()
        try await CallDeskDatabase.sql(database).update("pbx_connections").set("secret_hash", to: SQLBind(hash(secret)))
            .set("signing_key", to: SQLBind(found.provider.signsRequests ? secret : nil))
            .where("id", .equal, SQLBind(found.id)).run()
        return Created(connection: found, secret: secret)
    }

    /// Turns a connection off (its secret stops working; its calls stay) or on again.
    @discardableResult
    public static func setActive(name: String, active: Bool, on database: any Database) async throws -> PBXConnection {
        var found = try await named(name, on: database)
        try await CallDeskDatabase.sql(database).update("pbx_connections").set("active", to: SQLBind(active))
            .where("id", .equal, SQLBind(found.id)).run()
        found.active = active
        return found
    }

    /// The connection named `name` (case-insensitively, NFC); refused with the names that exist.
    static func named(_ name: String, on database: any Database) async throws -> PBXConnection {
        let key = name.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping.lowercased()
        guard let row = try await CallDeskDatabase.sql(database).raw("""
            SELECT id, name, provider, code, active, created_at, last_call_at FROM pbx_connections WHERE name_key = \(bind: key)
            """).first() else {
            let names = try await list(on: database).map(\.name)
            throw PBXConnectionInvalid("no connection is named \"\(name)\""
                                       + (names.isEmpty ? " (there are none; add one with calldesk pbx add)"
                                          : "; there are: \(names.joined(separator: ", "))"),
                                       vi: "không có kết nối tên \"\(name)\"")
        }
        return try connection(row)
    }

    /// The active connection whose secret is `secret`, or nil. The lookup is by hash (an index seek), and
    /// the stored hash is compared again in constant time.
    public static func connection(forSecret secret: String, on database: any Database) async throws -> PBXConnection? {
        try await pushContext(forSecret: secret, on: database)?.connection
    }

    /// The active connection whose secret this is, with the company settings a push needs (time zone,
    /// phone region) read by the same query: one round trip per pushed call instead of two.
    public static func pushContext(forSecret secret: String, on database: any Database) async throws
        -> (connection: PBXConnection, settings: CompanySettings)? {
        let found = try await pushContexts(forSecrets: [secret], on: database)
        return found.connections[secret].map { ($0, found.settings) }
    }

    /// The active connections these secrets name (keyed by the secret presented; a secret that names none is
    /// absent), and the company settings a push needs — one query for all of them, which is how the call
    /// writer authenticates every request of a group at once. The lookup is by hash (an index seek), and
    /// each stored hash is compared again in constant time.
    public static func pushContexts(forSecrets secrets: Set<String>, on database: any Database) async throws
        -> (connections: [String: PBXConnection], settings: CompanySettings) {
        var byHash: [String: [String]] = [:]
        for secret in secrets where isWellFormed(secret: secret) {
            byHash[hash(secret), default: []].append(secret)
        }
        // One row even when no secret matches (the settings come from the left side of the join).
        let hashes = byHash.isEmpty ? [""] : Array(byHash.keys)
        let rows = try await CallDeskDatabase.sql(database).raw("""
            SELECT c.id, c.name, c.provider, c.code, c.active, c.created_at, c.last_call_at, c.secret_hash,
                   s.time_zone, s.phone_region
            FROM (SELECT (SELECT value FROM company_settings WHERE "key" = 'time_zone') AS time_zone,
                         (SELECT value FROM company_settings WHERE "key" = 'phone_region') AS phone_region) s
            LEFT JOIN pbx_connections c ON c.secret_hash IN (\(binds: hashes)) AND c.active = \(true)
            """).all()
        var values: [String: String] = [:]
        var connections: [String: PBXConnection] = [:]
        for row in rows {
            values["time_zone"] = try row.decode(column: "time_zone", as: String?.self)
            values["phone_region"] = try row.decode(column: "phone_region", as: String?.self)
            guard let stored = try row.decode(column: "secret_hash", as: String?.self) else { continue }
            let found = try connection(row)
            for (presented, secrets) in byHash where constantTimeEqual(Array(presented.utf8), Array(stored.utf8)) {
                for secret in secrets { connections[secret] = found }
            }
        }
        return (connections, CompanySettings(values: values))
    }

    /// Whether `secret` has the shape of the secrets ``add(name:provider:code:on:)`` makes (`pbx_` and 40
    /// characters): anything else names no connection, without a query.
    public static func isWellFormed(secret: String) -> Bool {
        secret.hasPrefix("pbx_") && secret.utf8.count == 44
    }

    /// A signing connection by its code, if `signature` (hex HMAC-SHA256 of `body`, optionally `sha256=`-prefixed)
    /// was made with its secret; compared in constant time.
    public static func connection(code: String, signature: String, body: [UInt8],
                                  on database: any Database) async throws -> PBXConnection? {
        guard let row = try await CallDeskDatabase.sql(database).raw("""
            SELECT id, name, provider, code, active, created_at, last_call_at, signing_key FROM pbx_connections
            WHERE code = \(bind: code.uppercased()) AND active = \(true) AND signing_key IS NOT NULL
            """).first() else { return nil }
        let key = try row.decode(column: "signing_key", as: String.self)
        let presented = signature.lowercased().hasPrefix("sha256=") ? String(signature.dropFirst(7)) : signature.lowercased()
        let expected = Secrets.hmacHex(body, key: key)
        guard constantTimeEqual(Array(expected.utf8), Array(presented.utf8)) else { return nil }
        return try connection(row)
    }

    static func connection(_ row: any SQLRow) throws -> PBXConnection {
        let kind = try row.decode(column: "provider", as: String.self)
        return PBXConnection(id: try row.decode(column: "id", as: Int64.self),
                             name: try row.decode(column: "name", as: String.self),
                             provider: PBXProvider(rawValue: kind) ?? .native,
                             code: try row.decode(column: "code", as: String.self),
                             active: try row.decode(column: "active", as: Bool.self),
                             createdAt: Date(epochMilliseconds: try row.decode(column: "created_at", as: Int64.self)),
                             lastCallAt: try row.decode(column: "last_call_at", as: Int64?.self)
                                .map { Date(epochMilliseconds: $0) })
    }

    static func newSecret() -> String { Secrets.generate(prefix: "pbx_") }

    static func hash(_ secret: String) -> String { Secrets.sha256Hex(secret) }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
