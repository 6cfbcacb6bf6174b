import FluentKit

/// PBX connections (issue "Calls from real phone systems"): each phone system that pushes calls. The
/// secret is kept only as its SHA-256 hash; `code` is the provider code its calls are stored under
/// (`calls.provider`) and that tagged extensions match (R13), unique so two connections never share a
/// (provider, PBX call id) space.
/// A provider that signs instead of sending the secret (Zorio) keeps its secret in `signing_key`.
struct CreatePBXConnections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pbx_connections")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("provider", .string, .required)
            .field("code", .string, .required)
            .field("secret_hash", .string, .required)
            // Only for providers that sign their requests (Zorio: HMAC-SHA256 of the body) — a signature can
            // only be checked with the secret itself. NULL for every other provider.
            .field("signing_key", .string)
            .field("active", .bool, .required)
            .field("created_at", .int64, .required)
            .field("last_call_at", .int64)
            .unique(on: "name_key")
            .unique(on: "code")
            .unique(on: "secret_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pbx_connections").delete()
    }
}
