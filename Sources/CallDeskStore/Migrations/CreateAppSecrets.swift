import FluentKit

/// Secrets the server generates for itself when the environment gives none (the session-signing
/// key when `CALLDESK_SECRET` is unset), so that sessions survive a restart.
struct CreateAppSecrets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("app_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("app_secrets").delete()
    }
}
