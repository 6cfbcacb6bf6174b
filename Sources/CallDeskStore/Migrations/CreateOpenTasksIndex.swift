import FluentKit
import SQLKit

/// Lists read in index order instead of sorting everything that matches (measured at a million customers,
/// docs/benchmarks.md "Pages"):
/// - the team's open tasks, earliest due first, undated last (``TaskBoard``: ~158,000 open tasks were sorted per page);
/// - done tasks, most recently completed first (~730,000);
/// - customers by name (``CustomerList`` sort `name`: a sort of every customer).
/// Statistics are refreshed so SQLite's planner knows the new indexes.
struct CreateOpenTasksIndex: AsyncMigration {
    static let indexes: [(name: String, create: String)] = [
        ("tasks_open_due", "tasks (COALESCE(due_at, 9223372036854775807), id) WHERE status IN ('open', 'in_progress')"),
        ("tasks_done_completed", "tasks (completed_at, id) WHERE status = 'done'"),
        ("customers_name_lower", "customers (LOWER(name), id)"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.create)").run()
        }
        try await sql.raw("ANALYZE tasks").run()
        try await sql.raw("ANALYZE customers").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes.reversed() { try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
    }
}
