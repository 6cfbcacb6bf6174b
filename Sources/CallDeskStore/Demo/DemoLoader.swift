import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// What `calldesk demo` loaded.
public struct DemoSummary: Sendable {
    public var customers = 0
    public var calls = 0
    public var tasks = 0
    public var orders = 0
    public var payments = 0
    public var opportunities = 0
    public var logins: [(email: String, role: String, name: String)] = []
}

/// Loads the demo company (``DemoCompany``) into a database, chunk by chunk, each chunk in its own
/// transaction, generating the next chunk while the current one is written.
public enum DemoLoader {
    public struct NotEmpty: Error, CustomStringConvertible {
        public var description: String {
            "the database already holds users or customers; the demo company loads only into an empty database "
                + "(use another --database, e.g. sqlite://demo.sqlite)"
        }
    }

    /// True when the database has neither users nor customers.
    public static func isEmpty(_ database: any Database) async throws -> Bool {
        let sql = CallDeskDatabase.sql(database)
        for table in ["users", "customers"] {
            let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .first()
            if try row?.decode(column: "n", as: Int64.self) ?? 0 > 0 { return false }
        }
        return true
    }

    public static func load(_ options: DemoOptions, into database: any Database, chunkSize: Int = 10_000,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> DemoSummary {
        guard try await isEmpty(database) else { throw NotEmpty() }
        let company = DemoCompany(options: options)
        var summary = DemoSummary()
        summary.logins = company.logins()
        let organisation = company.organisation()
        let now = options.now
        var state = try await database.transaction { transaction in
            let writer = BundleStoreWriter(sql: CallDeskDatabase.sql(transaction), now: now)
            try await writer.write(organisation)
            // The catalogue (not part of a data bundle), so orders can be entered on the web with its prices.
            let products = CallDeskDatabase.sql(transaction).insert(into: "products").columns("code", "name", "price")
            for product in DemoCatalog.products {
                products.values(SQLBind(product.code), SQLBind(product.name), SQLBind(product.price))
            }
            try await products.run()
            return WriterState(writer)
        }
        for chunk in company.customerChunks(chunkSize: chunkSize) {
            let current = state
            state = try await database.transaction { transaction in
                let writer = BundleStoreWriter(sql: CallDeskDatabase.sql(transaction), now: now)
                current.restore(into: writer)
                try await writer.write(chunk)
                return WriterState(writer)
            }
            summary.customers += chunk.customers.count
            summary.calls += chunk.calls.count
            summary.tasks += chunk.tasks.count
            summary.orders += chunk.orders.count
            summary.payments += chunk.payments.count
            summary.opportunities += chunk.opportunities.count
            progress?(summary.customers, options.customers)
        }
        // Fresh statistics, so the planners choose the report's indexes on a big company.
        try await CallDeskDatabase.sql(database).raw("ANALYZE").run()
        return summary
    }
}

/// The id maps a writer needs across chunks: users, extensions and the organisation's records.
/// Customer-level maps are not carried over (each chunk refers only to its own customers).
private struct WriterState: Sendable {
    var userIDs: [String: Int64]
    var extensions: [String: [String: Int64]]
    var sourceIDs: [String: Int64]
    var groupIDs: [String: Int64]
    var campaignIDs: [String: Int64]
    var departmentIDs: [String: Int64]
    var phoneRegion: String

    init(_ writer: BundleStoreWriter) {
        userIDs = writer.userIDs
        extensions = writer.extensions
        sourceIDs = writer.sourceIDs
        groupIDs = writer.groupIDs
        campaignIDs = writer.campaignIDs
        departmentIDs = writer.departmentIDs
        phoneRegion = writer.phoneRegion
    }

    func restore(into writer: BundleStoreWriter) {
        writer.userIDs = userIDs
        writer.extensions = extensions
        writer.sourceIDs = sourceIDs
        writer.groupIDs = groupIDs
        writer.campaignIDs = campaignIDs
        writer.departmentIDs = departmentIDs
        writer.phoneRegion = phoneRegion
    }
}
