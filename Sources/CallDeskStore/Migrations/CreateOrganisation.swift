import FluentKit
import SQLKit

/// Company settings, departments, roles and permissions, users and their extensions.
///
/// Every instant in the schema is a BIGINT of milliseconds since the Unix epoch (UTC), so that both
/// databases compare, index and bind times the same way; local dates are `YYYY-MM-DD` text.
struct CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("company_settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()

        try await database.schema("departments")
            .field("id", .int64, .identifier(auto: true))
            .field("external_id", .string, .required)
            .field("name", .string, .required)
            .field("parent_id", .int64, .references("departments", "id", onDelete: .restrict))
            .unique(on: "external_id")
            .create()

        try await database.schema("roles")
            .field("id", .int64, .identifier(auto: true))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("builtin", .bool, .required)
            .unique(on: "code")
            .create()

        // One row per (role, module, action); `scope` is set for the view action.
        try await database.schema("role_permissions")
            .field("role_id", .int64, .required, .references("roles", "id", onDelete: .cascade))
            .field("module", .string, .required)
            .field("action", .string, .required)
            .field("scope", .string)
            .compositeIdentifier(over: "role_id", "module", "action")
            .create()

        try await database.schema("users")
            .field("id", .int64, .identifier(auto: true))
            .field("external_id", .string, .required)
            .field("name", .string, .required)
            .field("email", .string, .required)
            // Lowercased email: logins and bundle references compare case-insensitively.
            .field("email_key", .string, .required)
            .field("password_hash", .string)
            .field("department_id", .int64, .references("departments", "id", onDelete: .setNull))
            .field("role_id", .int64, .required, .references("roles", "id", onDelete: .restrict))
            .field("active", .bool, .required)
            .field("created_at", .int64, .required)
            .unique(on: "external_id")
            .unique(on: "email_key")
            .create()

        try await database.schema("department_heads")
            .field("department_id", .int64, .identifier(auto: false),
                   .references("departments", "id", onDelete: .cascade))
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .create()

        // `provider_code` is '' for an untagged extension (it matches calls from every provider, R13).
        try await database.schema("user_extensions")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id", onDelete: .cascade))
            .field("number", .string, .required)
            .field("provider_code", .string, .required)
            .unique(on: "provider_code", "number")
            .create()

        try await BuiltinRoles.seed(on: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["user_extensions", "department_heads", "users", "role_permissions", "roles", "departments",
                      "company_settings"] {
            try await database.schema(table).delete()
        }
    }
}
