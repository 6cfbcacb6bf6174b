import Crypto
import Foundation
import SQLKit

/// The key that signs session cookies and CSRF tokens.
public enum AppSecrets {
    /// `CALLDESK_SECRET` when set (any text of at least 16 characters), else a random key generated
    /// once and kept in the database, so that every server on the database agrees and sessions
    /// outlive a restart.
    public static func sessionKey(environment: String?, on sql: any SQLDatabase) async throws -> SymmetricKey {
        if let environment, environment.count >= 16 {
            return SymmetricKey(data: SHA256.hash(data: Data(environment.utf8)))
        }
        if let stored = try await stored("session", sql: sql) { return key(hex: stored) }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let hex = fresh.map { String(format: "%02x", $0) }.joined()
        // Two servers starting at once: one insert wins, both read the winner.
        _ = try? await sql.insert(into: "app_secrets").columns("name", "value")
            .values(SQLBind("session"), SQLBind(hex)).run()
        guard let winner = try await stored("session", sql: sql) else { return key(hex: hex) }
        return key(hex: winner)
    }

    private static func stored(_ name: String, sql: any SQLDatabase) async throws -> String? {
        try await sql.select().column("value").from("app_secrets").where("name", .equal, SQLBind(name))
            .first(decodingColumn: "value", as: String.self)
    }

    private static func key(hex: String) -> SymmetricKey {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index < hex.endIndex {
            if let byte = UInt8(hex[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        return SymmetricKey(data: bytes)
    }
}
