import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Connects an application to its database and brings the schema up to date.
///
/// Every `calldesk` command calls ``configure(_:location:)`` and then ``migrate(_:)`` before doing
/// anything else (cli.md), so a new empty database file just works.
public enum CallDeskDatabase {
    /// The schema, in order. Append new migrations; never edit a released one.
    public static let migrations: [any Migration] = [
        CreateOrganisation(),
        CreateCustomers(),
        CreateSales(),
        CreateIndexes(),
        CreateAPIKeys(),
        CoverReportIndexes(),
        CreateAppSecrets(),
        CreatePBXConnections(),
        CreateListIndexes(),
        CreateCustomerActivity(),
        CreateOpenTasksIndex(),
    ]

    public static func configure(_ app: Application, location: DatabaseLocation) throws {
        app.storage[LocationKey.self] = location
        switch location {
        case .sqliteFile(let path):
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url):
            app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4), as: .psql)
        }
        app.migrations.add(migrations)
    }

    /// Runs the pending migrations, and sets SQLite's journal to WAL so that readers and a writer
    /// do not block each other.
    public static func migrate(_ app: Application) async throws {
        if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await app.autoMigrate()
    }

    private struct LocationKey: StorageKey {
        typealias Value = DatabaseLocation
    }

    /// Where ``configure(_:location:)`` put the application's database.
    public static func location(of app: Application) -> DatabaseLocation? {
        app.storage[LocationKey.self]
    }

    /// The SQLKit view of the application's database.
    public static func sql(_ database: any Database) -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else {
            preconditionFailure("CallDesk runs only on SQL databases")
        }
        return sql
    }
}
