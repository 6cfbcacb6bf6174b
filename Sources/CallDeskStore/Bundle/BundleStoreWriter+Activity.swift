import CallDeskCore
import Foundation
import SQLKit

extension BundleStoreWriter {
    static let activityBatch = 5_000

    func writeOpportunities(_ opportunities: [OpportunityRecord]) async throws {
        guard !opportunities.isEmpty else { return }
        try await load(opportunities.map(\.customerID), of: "customers", into: &customerIDs)
        try await load(opportunities.map(\.campaignID), of: "campaigns", into: &campaignIDs)
        let batch = UpsertBatch(table: "opportunities",
                                columns: ["external_id", "campaign_id", "customer_id", "owner_id", "stage", "value",
                                          "created_at", "deleted_at"])
        try await inBatches(opportunities, file: "opportunities.csv") { slice in
            let rows = slice.map { o in
                [any SQLExpression].binds(o.id, self.campaignIDs[o.campaignID], self.customerIDs[o.customerID],
                                          self.userID(o.ownerEmail), o.stage, o.value, o.createdAt.epochMilliseconds,
                                          Self.ms(o.deletedAt))
            }
            self.opportunityIDs.merge(try await batch.run(rows, returning: "external_id", on: self.sql)) { $1 }
        }
    }

    func writeCalls(_ calls: [CallRecord]) async throws {
        guard !calls.isEmpty else { return }
        let batch = UpsertBatch(table: "calls",
                                columns: ["provider", "pbx_call_id", "direction", "extension", "user_id", "remote_raw",
                                          "remote_e164", "started_at", "answered_at", "ended_at", "total_seconds",
                                          "talk_seconds", "result", "recording_url"],
                                conflict: ["provider", "pbx_call_id"])
        try await inBatches(calls, file: "calls.csv") { slice in
            let rows = slice.map { call in
                let user = call.userEmail.flatMap { self.userID($0) }
                    ?? self.userID(extension: call.extension, provider: call.provider)
                // Internal calls are stored but never matched to customers.
                let key = call.direction == .internal ? nil
                    : PhoneNumbers.matchKey(call.remoteNumber, region: self.phoneRegion)
                return [any SQLExpression].binds(
                    call.provider, call.id, call.direction.rawValue, call.extension, user, call.remoteNumber, key,
                    call.startedAt.epochMilliseconds, Self.ms(call.answeredAt), Self.ms(call.endedAt),
                    call.totalSeconds.map { Int64($0) }, Int64(call.talkSeconds), call.result?.rawValue,
                    call.recordingURL)
            }
            try await batch.run(rows, on: self.sql)
        }
    }

    func writeTasks(_ tasks: [TaskRecord]) async throws {
        guard !tasks.isEmpty else { return }
        try await load(tasks.compactMap(\.customerID), of: "customers", into: &customerIDs)
        try await load(tasks.compactMap(\.opportunityID), of: "opportunities", into: &opportunityIDs)
        let batch = UpsertBatch(table: "tasks",
                                columns: ["external_id", "type", "title", "customer_id", "opportunity_id", "assignee_id",
                                          "created_by_id", "created_at", "due_at", "status", "completed_at"])
        try await inBatches(tasks, file: "tasks.csv") { slice in
            let rows = slice.map { t in
                [any SQLExpression].binds(t.id, t.type.rawValue, t.title, t.customerID.flatMap { self.customerIDs[$0] },
                                          t.opportunityID.flatMap { self.opportunityIDs[$0] },
                                          self.userID(t.assigneeEmail), self.userID(t.createdByEmail),
                                          t.createdAt.epochMilliseconds, Self.ms(t.dueAt), t.status.rawValue,
                                          Self.ms(t.completedAt))
            }
            try await batch.run(rows, on: self.sql)
        }
        // domain.md: a task that names an opportunity belongs to that opportunity's customer.
        try await sql.raw("""
            UPDATE tasks SET customer_id = (SELECT o.customer_id FROM opportunities o WHERE o.id = tasks.opportunity_id)
            WHERE customer_id IS NULL AND opportunity_id IS NOT NULL
            """).run()
        try await sql.update("tasks")
            .set("code", to: SQLDialectSupport.paddedCode(prefix: "CV", on: sql))
            .where("code", .is, SQLLiteral.null)
            .run()
    }

    func writeOrders(_ orders: [OrderRecord]) async throws {
        guard !orders.isEmpty else { return }
        try await load(orders.map(\.customerID), of: "customers", into: &customerIDs)
        try await load(orders.compactMap(\.opportunityID), of: "opportunities", into: &opportunityIDs)
        let batch = UpsertBatch(table: "orders",
                                columns: ["external_id", "customer_id", "opportunity_id", "created_by_id", "created_at",
                                          "discount", "vat", "total", "status"],
                                update: ["customer_id", "opportunity_id", "created_by_id", "created_at", "total",
                                         "status"])
        try await inBatches(orders, file: "orders.csv") { slice in
            let rows = slice.map { o in
                [any SQLExpression].binds(o.id, self.customerIDs[o.customerID],
                                          o.opportunityID.flatMap { self.opportunityIDs[$0] },
                                          self.userID(o.createdByEmail), o.createdAt.epochMilliseconds, Int64(0),
                                          Int64(0), o.total, o.status.rawValue)
            }
            self.orderIDs.merge(try await batch.run(rows, returning: "external_id", on: self.sql)) { $1 }
        }
        try await sql.update("orders")
            .set("code", to: SQLDialectSupport.paddedCode(prefix: "DH", on: sql))
            .where("code", .is, SQLLiteral.null)
            .run()
    }

    func writeOrderLines(_ lines: [OrderLineRecord]) async throws {
        guard !lines.isEmpty else { return }
        try await load(lines.map(\.orderID), of: "orders", into: &orderIDs)
        let orders = Array(Set(lines.compactMap { orderIDs[$0.orderID] }))
        try await deleteRows(of: "order_lines", where: "order_id", in: orders, on: sql)
        var positions: [String: Int] = [:]
        let rows = lines.map { line in
            let position = positions[line.orderID, default: 0]
            positions[line.orderID] = position + 1
            return [any SQLExpression].binds(orderIDs[line.orderID], position, line.productCode, line.name,
                                             line.quantity, line.unitPrice, Int64(0))
        }
        try await insertRows(rows, into: "order_lines",
                             columns: ["order_id", "position", "product_code", "name", "quantity", "unit_price",
                                       "discount"])
    }

    func writePayments(_ payments: [PaymentRecord]) async throws {
        guard !payments.isEmpty else { return }
        try await load(payments.map(\.orderID), of: "orders", into: &orderIDs)
        let batch = UpsertBatch(table: "payments", columns: ["external_id", "order_id", "amount", "paid_at", "method"])
        try await inBatches(payments, file: "payments.csv") { slice in
            let rows = slice.map { p in
                [any SQLExpression].binds(p.id, self.orderIDs[p.orderID], p.amount, p.paidAt.epochMilliseconds,
                                          p.method)
            }
            try await batch.run(rows, on: self.sql)
        }
    }

    /// Runs `body` on consecutive slices and reports progress after each.
    func inBatches<T>(_ records: [T], file: String, size: Int = activityBatch,
                      _ body: (ArraySlice<T>) async throws -> Void) async throws {
        var start = 0
        while start < records.count {
            let slice = records[start..<min(start + size, records.count)]
            try await body(slice)
            start += slice.count
            report(file, start, records.count)
        }
    }
}
