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
                // A copy of a migrated template: migrating each test's database took longer than many tests.
                let (url, drop) = try await createPostgresDatabase(template: try await PostgresTemplate.shared.name())
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
            if !isPostgres { try await CallDeskDatabase.migrate(app) }
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

    /// One migrated database per test process, copied by `CREATE DATABASE … TEMPLATE` for each test. It is
    /// left on the test cluster when the process ends (`scripts/test`'s cluster is thrown away).
    actor PostgresTemplate {
        static let shared = PostgresTemplate()
        private var created: Task<String, any Error>?

        func name() async throws -> String {
            if let created { return try await created.value }
            let task = Task<String, any Error> {
                let (url, _) = try await TestDatabase.createPostgresDatabase(template: nil, prefix: "calldesk_template_")
                let app = try await Application.make(.testing)
                app.logger.logLevel = .warning
                do {
                    try CallDeskDatabase.configure(app, location: .postgres(url: url))
                    try await CallDeskDatabase.migrate(app)
                    try await app.asyncShutdown()  // a template must have no open connections
                } catch {
                    try? await app.asyncShutdown()
                    throw error
                }
                return URLComponents(string: url)!.path.dropFirst().description
            }
            created = task
            return try await task.value
        }
    }

    /// Creates `<prefix><uuid>` on the test cluster (a copy of `template` if given); answers its URL and how to
    /// drop it.
    static func createPostgresDatabase(template: String?, prefix: String = "calldesk_test_")
        async throws -> (String, () async throws -> Void) {
        guard let base = ProcessInfo.processInfo.environment["CALLDESK_TEST_POSTGRES_URL"],
              var components = URLComponents(string: base) else {
            throw MissingPostgresURL()
        }
        let name = prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let copy = template.map { " TEMPLATE \($0)" } ?? ""
        try await admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)\(unsafeRaw: copy)").run() }
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
