import FluentKit
import SQLKit

/// The team's open tasks, earliest due first (tasks without a due date last), read in index order instead of
/// sorting every open task: a partial index over open tasks on the same expression the list orders by
/// (``TaskBoard``). At a million customers the list sorted ~158,000 open tasks per page on SQLite.
struct CreateOpenTasksIndex: AsyncMigration {
    static let order = "COALESCE(due_at, 9223372036854775807), id"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX tasks_open_due ON tasks (\(unsafeRaw: Self.order)) WHERE status IN ('open', 'in_progress')
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX tasks_open_due").run()
    }
}
