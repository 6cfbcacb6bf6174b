import FluentKit
import SQLKit

/// What staff did to a customer that has no table of its own — added to a group (one at a time or in bulk) —
/// so the care history can show who did it and when.
struct CreateCustomerActivity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("customer_activity")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("detail", .string, .required)
            .field("user_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("at", .int64, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await CreateIndexes.create(("customer_activity_customer", "customer_activity", "customer_id, at"), on: sql)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("customer_activity").delete()
    }
}
