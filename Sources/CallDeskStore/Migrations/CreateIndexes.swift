import FluentKit
import SQLKit

/// The indexes the Telesales report, the call matching and the customer list need. Plain
/// `CREATE INDEX` that both dialects run.
struct CreateIndexes: AsyncMigration {
    typealias Index = (name: String, table: String, columns: String)

    static let indexes: [Index] = [
        ("departments_parent", "departments", "parent_id"),
        ("users_department", "users", "department_id"),
        ("department_heads_user", "department_heads", "user_id"),
        ("customer_groups_parent", "customer_groups", "parent_id"),
        ("customers_created", "customers", "created_at"),
        ("customers_owner_created", "customers", "owner_id, created_at"),
        ("customers_name", "customers", "name"),
        ("customer_phones_e164", "customer_phones", "e164, customer_id"),
        ("customer_phones_customer", "customer_phones", "customer_id"),
        ("customer_emails_customer", "customer_emails", "customer_id"),
        ("customer_sources_source", "customer_sources", "source_id, customer_id"),
        ("customer_group_members_group", "customer_group_members", "group_id, customer_id"),
        ("ownership_changes_customer", "ownership_changes", "customer_id"),
        ("notes_customer", "notes", "customer_id"),
        ("opportunities_campaign_created", "opportunities", "campaign_id, created_at"),
        ("opportunities_created", "opportunities", "created_at"),
        ("opportunities_customer", "opportunities", "customer_id"),
        ("opportunities_owner", "opportunities", "owner_id"),
        ("calls_user_started", "calls", "user_id, started_at, remote_e164, talk_seconds"),
        ("calls_remote_started", "calls", "remote_e164, started_at"),
        ("calls_started", "calls", "started_at"),
        ("tasks_customer", "tasks", "customer_id, type, created_at"),
        ("tasks_opportunity", "tasks", "opportunity_id"),
        ("tasks_assignee", "tasks", "assignee_id, due_at"),
        ("orders_customer", "orders", "customer_id, created_at"),
        ("orders_opportunity", "orders", "opportunity_id"),
        ("order_lines_order", "order_lines", "order_id"),
        ("payments_order", "payments", "order_id, paid_at"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await Self.create(index, on: sql)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes.reversed() {
            try await Self.drop(index, on: sql)
        }
    }

    static func create(_ index: Index, on sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))")
            .run()
    }

    static func drop(_ index: Index, on sql: any SQLDatabase) async throws {
        try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
    }
}
