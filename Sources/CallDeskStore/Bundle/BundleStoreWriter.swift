import CallDeskCore
import Foundation
import SQLKit
import Vapor

/// Writes a ``DataBundle`` into the database: insert or update by bundle id, in batches.
///
/// One writer serves `calldesk import` (one bundle, inside one transaction) and the demo company
/// (many chunks). It keeps bundle id → database id maps between chunks and looks up in the database
/// any id a chunk refers to that it has not written itself. References are assumed valid here:
/// ``BundleImporter`` checks them first and reports every problem.
final class BundleStoreWriter {
    let sql: any SQLDatabase
    let now: Date
    var phoneRegion = "VN"
    /// Called after each batch with the file being written and how many of its records are done.
    var progress: ((String, Int, Int) -> Void)?
    var warnings: [String] = []

    var departmentIDs: [String: Int64] = [:]
    var sourceIDs: [String: Int64] = [:]
    var groupIDs: [String: Int64] = [:]
    var customerIDs: [String: Int64] = [:]
    var campaignIDs: [String: Int64] = [:]
    var opportunityIDs: [String: Int64] = [:]
    var orderIDs: [String: Int64] = [:]
    /// Lowercased email → user id.
    var userIDs: [String: Int64] = [:]
    /// provider code ('' = untagged) → extension number → user id.
    var extensions: [String: [String: Int64]] = [:]
    var passwordHashes: [String: String] = [:]

    init(sql: any SQLDatabase, now: Date = Date()) {
        self.sql = sql
        self.now = now
    }

    /// Writes every part of the bundle, parents before children.
    func write(_ bundle: DataBundle) async throws {
        try await SQLDialectSupport.prepareForHeavyWork(sql)
        try await writeSettings(bundle.settings)
        try await writeDepartments(bundle.departments)
        try await writeUsers(bundle.users)
        try await writeDepartmentHeads(bundle.departments)
        try await writeSources(bundle.sources)
        try await writeGroups(bundle.groups)
        try await writeCustomers(bundle.customers)
        try await writeCampaigns(bundle.campaigns)
        try await writeOpportunities(bundle.opportunities)
        try await writeCalls(bundle.calls)
        try await writeTasks(bundle.tasks)
        try await writeOrders(bundle.orders)
        try await writeOrderLines(bundle.orderLines)
        try await writePayments(bundle.payments)
    }

    // MARK: - Lookups

    /// Makes sure every given bundle id of `table` is in `map`, reading the missing ones from the database.
    func load(_ externalIDs: some Sequence<String>, of table: String, into map: inout [String: Int64]) async throws {
        let missing = Array(Set(externalIDs.filter { map[$0] == nil }))
        var start = 0
        while start < missing.count {
            let end = min(start + 1_000, missing.count)
            let rows = try await sql.select().column("id").column("external_id").from(table)
                .where(SQLColumn("external_id"), .in, SQLBind.group(Array(missing[start..<end])))
                .all()
            for row in rows {
                map[try row.decode(column: "external_id", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
            start = end
        }
    }

    func loadUsers() async throws {
        userIDs = [:]
        for row in try await sql.select().column("id").column("email_key").from("users").all() {
            userIDs[try row.decode(column: "email_key", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        extensions = [:]
        let rows = try await sql.select().column("user_id").column("number").column("provider_code")
            .from("user_extensions").all()
        for row in rows {
            let code = try row.decode(column: "provider_code", as: String.self)
            let number = try row.decode(column: "number", as: String.self)
            extensions[code, default: [:]][number] = try row.decode(column: "user_id", as: Int64.self)
        }
    }

    func userID(_ email: String?) -> Int64? {
        guard let email, !email.isEmpty else { return nil }
        return userIDs[email.lowercased()]
    }

    /// R13: an extension tagged with a provider code matches only that provider's calls; an untagged
    /// one matches calls from any provider.
    func userID(extension number: String?, provider: String) -> Int64? {
        guard let number, !number.isEmpty else { return nil }
        if let tagged = extensions[provider.uppercased()]?[number] { return tagged }
        return extensions[""]?[number]
    }

    func report(_ file: String, _ done: Int, _ total: Int) {
        progress?(file, done, total)
    }

    static func ms(_ date: Date?) -> Int64? { date?.epochMilliseconds }
}
