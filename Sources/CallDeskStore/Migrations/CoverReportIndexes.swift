import FluentKit
import SQLKit

/// Covering indexes for the Telesales report at a million customers, measured with `EXPLAIN QUERY PLAN`
/// on the 1M demo (docs/benchmarks.md): the cohort is read from the index alone (no table lookup per
/// customer), each member's numbers come from `(customer_id, e164)`, and each number's calls from
/// `(remote_e164, started_at, …)` holding every column the report reads, so 9 M calls are never
/// visited in the table. Each replaces a narrower index with the same leading columns.
struct CoverReportIndexes: AsyncMigration {
    static let replaced: [(old: CreateIndexes.Index, new: CreateIndexes.Index)] = [
        (("customers_created", "customers", "created_at"),
         ("customers_created_cover", "customers", "created_at, owner_id, deleted_at")),
        (("opportunities_created", "opportunities", "created_at"),
         ("opportunities_created_cover", "opportunities", "created_at, owner_id, deleted_at, campaign_id, customer_id")),
        (("customer_phones_customer", "customer_phones", "customer_id"),
         ("customer_phones_customer_e164", "customer_phones", "customer_id, e164")),
        (("calls_remote_started", "calls", "remote_e164, started_at"),
         ("calls_remote_started_cover", "calls", "remote_e164, started_at, user_id, talk_seconds, direction")),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (old, new) in Self.replaced {
            try await CreateIndexes.create(new, on: sql)
            try await CreateIndexes.drop(old, on: sql)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (old, new) in Self.replaced.reversed() {
            try await CreateIndexes.create(old, on: sql)
            try await CreateIndexes.drop(new, on: sql)
        }
    }
}
