import FluentKit

/// Per-user API keys (`Authorization: Bearer …`). Only a SHA-256 of the key is stored.
struct CreateAPIKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_keys")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            // The first characters of the key, shown in lists so a person can tell keys apart.
            .field("prefix", .string, .required)
            .field("key_hash", .string, .required)
            .field("created_at", .int64, .required)
            .field("last_used_at", .int64)
            .field("revoked_at", .int64)
            .unique(on: "key_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_keys").delete()
    }
}
