import CallDeskStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The database a storage test runs on. `scripts/test` runs the suite once on SQLite and again on a
/// throwaway PostgreSQL cluster (CALLDESK_TEST_DATABASE=postgres, CALLDESK_TEST_POSTGRES_URL=…).
/// Every test gets a database of its own, so tests run in parallel.
public enum TestDatabase {
    public static var isPostgres: Bool {
        ProcessInfo.processInfo.environment["CALLDESK_TEST_DATABASE"] == "postgres"
    }

    public static var name: String { isPostgres ? "postgres" : "sqlite" }

    /// Runs `body` with a migrated application on a new, empty database, then drops that database.
    public static func withApp<T>(_ body: (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        var cleanup: (() async throws -> Void)?
        do {
            if isPostgres {
                let (url, drop) = try await createPostgresDatabase()
                cleanup = drop
                try CallDeskDatabase.configure(app, location: .postgres(url: url))
            } else {
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("calldesk-test-\(UUID().uuidString).sqlite").path
                cleanup = {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
                try CallDeskDatabase.configure(app, location: .sqliteFile(path: path))
            }
            try await CallDeskDatabase.migrate(app)
            let result = try await body(app)
            try await app.asyncShutdown()
            try await cleanup?()
            return result
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup?()
            throw error
        }
    }

    struct MissingPostgresURL: Error, CustomStringConvertible {
        var description: String { "CALLDESK_TEST_DATABASE=postgres needs CALLDESK_TEST_POSTGRES_URL" }
    }

    /// Creates `calldesk_test_<uuid>` on the test cluster; answers its URL and how to drop it.
    private static func createPostgresDatabase() async throws -> (String, () async throws -> Void) {
        guard let base = ProcessInfo.processInfo.environment["CALLDESK_TEST_POSTGRES_URL"],
              var components = URLComponents(string: base) else {
            throw MissingPostgresURL()
        }
        let name = "calldesk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        components.path = "/" + name
        let url = components.string!
        return (url, {
            try await admin(base) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run() }
        })
    }

    private static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            app.databases.use(try .postgres(url: url), as: .psql)
            try await body(CallDeskDatabase.sql(app.db))
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Row counts of every table that holds company data, to prove a refused import wrote nothing.
    public static func rowCounts(_ database: any Database) async throws -> [String: Int64] {
        let sql = CallDeskDatabase.sql(database)
        var counts: [String: Int64] = [:]
        for table in ["company_settings", "departments", "department_heads", "users", "user_extensions", "sources",
                      "customer_groups", "customers", "customer_phones", "customer_emails", "customer_sources",
                      "customer_group_members", "campaigns", "campaign_stages", "opportunities", "calls", "tasks",
                      "orders", "order_lines", "payments"] {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
            counts[table] = try row?.decode(column: "n", as: Int64.self) ?? 0
        }
        return counts
    }
}
