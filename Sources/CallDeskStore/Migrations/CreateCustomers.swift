import FluentKit

/// Sources, nested groups, relations, customers with their phones, emails, sources and groups,
/// ownership changes and notes.
struct CreateCustomers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sources")
            .field("id", .int64, .identifier(auto: true))
            .field("external_id", .string, .required)
            .field("name", .string, .required)
            .unique(on: "external_id")
            .create()

        try await database.schema("customer_groups")
            .field("id", .int64, .identifier(auto: true))
            .field("external_id", .string, .required)
            .field("name", .string, .required)
            .field("parent_id", .int64, .references("customer_groups", "id", onDelete: .restrict))
            .unique(on: "external_id")
            .create()

        try await database.schema("relations")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("position", .int, .required)
            .unique(on: "name")
            .create()

        try await database.schema("customers")
            .field("id", .int64, .identifier(auto: true))
            .field("external_id", .string, .required)
            .field("code", .string)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("address", .string)
            .field("province", .string)
            .field("birthday", .string)
            .field("notes", .string)
            .field("relation_id", .int64, .references("relations", "id", onDelete: .setNull))
            .field("owner_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("created_at", .int64, .required)
            .field("created_by_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("updated_at", .int64, .required)
            .field("deleted_at", .int64)
            .unique(on: "external_id")
            .unique(on: "code")
            .create()

        // `e164` is the normalised key calls are matched on (phone-numbers.md); NULL when the
        // number could not be normalised or is a hotline: it then matches nothing.
        try await database.schema("customer_phones")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("label", .string, .required)
            .field("raw", .string, .required)
            .field("e164", .string)
            .create()

        try await database.schema("customer_emails")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("email", .string, .required)
            .create()

        try await database.schema("customer_sources")
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("source_id", .int64, .required, .references("sources", "id", onDelete: .cascade))
            .compositeIdentifier(over: "customer_id", "source_id")
            .create()

        try await database.schema("customer_group_members")
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("group_id", .int64, .required, .references("customer_groups", "id", onDelete: .cascade))
            .compositeIdentifier(over: "customer_id", "group_id")
            .create()

        try await database.schema("ownership_changes")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("from_user_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("to_user_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("changed_by_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("changed_at", .int64, .required)
            .create()

        try await database.schema("notes")
            .field("id", .int64, .identifier(auto: true))
            .field("customer_id", .int64, .required, .references("customers", "id", onDelete: .cascade))
            .field("author_id", .int64, .references("users", "id", onDelete: .setNull))
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["notes", "ownership_changes", "customer_group_members", "customer_sources", "customer_emails",
                      "customer_phones", "customers", "relations", "customer_groups", "sources"] {
            try await database.schema(table).delete()
        }
    }
}
