import FluentKit
import SQLKit

/// Indexes for the work lists measured at a million customers (docs/benchmarks.md, "Pages"): orders newest
/// first, open tasks by due date, a campaign's live opportunities by stage.
struct CreateListIndexes: AsyncMigration {
    static let indexes: [CreateIndexes.Index] = [
        ("orders_created", "orders", "created_at"),
        ("tasks_status_due", "tasks", "status, due_at"),
        ("opportunities_campaign_stage", "opportunities", "campaign_id, deleted_at, stage, owner_id"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes { try await CreateIndexes.create(index, on: sql) }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes.reversed() { try await CreateIndexes.drop(index, on: sql) }
    }
}
