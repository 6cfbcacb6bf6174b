import FluentKit
import FluentSQLiteDriver
import SQLKit

/// The few places where SQLite and PostgreSQL need different SQL. Everything else in the Store
/// is SQL that both run.
enum SQLDialectSupport {
    enum Kind { case sqlite, postgres }

    static func kind(of database: any SQLDatabase) -> Kind {
        database.dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// `prefix` followed by the row's id zero-padded to 6 digits: `KH000123`.
    static func paddedCode(prefix: String, idColumn: String = "id", on database: any SQLDatabase)
        -> any SQLExpression {
        switch kind(of: database) {
        case .sqlite:
            return SQLRaw("'\(prefix)' || printf('%06d', \(idColumn))")
        case .postgres:
            return SQLRaw("'\(prefix)' || lpad(\(idColumn)::text, greatest(6, length(\(idColumn)::text)), '0')")
        }
    }

    /// The largest number of bound values one statement may carry, with room to spare.
    static func maxBinds(on database: any SQLDatabase) -> Int {
        switch kind(of: database) {
        case .sqlite: return 30_000
        case .postgres: return 60_000
        }
    }

    /// Per-connection settings for heavy work, run on the connection that does it. SQLite: a 256 MiB
    /// page cache instead of the default 2 MiB (index maintenance on millions of rows and the report's
    /// joins stay in memory), temporary b-trees in memory, the file mapped. PostgreSQL: no JIT (on the
    /// 1M report, compiling the plan took ~1 s of the ~4.5 s) and index access priced for data that
    /// sits in memory (`random_page_cost` 1.1 instead of 4, which chose a sequential scan of every
    /// customer phone for a cohort of 26 k customers), and joins kept in the order the SQL writes them
    /// (`join_collapse_limit`/`from_collapse_limit` 1: the report's SQL already names the order that pays,
    /// member → number → calls; searching every order of its inlined CTEs took ~11 ms of planning per
    /// report or drill-down page, ~55 ms at 1M, for no better plan). One round trip. Call it inside a
    /// transaction: on PostgreSQL the settings last until its end, so they never leak to the next user of
    /// the pooled connection.
    static func prepareForHeavyWork(_ database: any SQLDatabase) async throws {
        guard kind(of: database) == .sqlite else {
            try await database.raw("""
                SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true),
                       set_config('join_collapse_limit', '1', true), set_config('from_collapse_limit', '1', true)
                """).run()
            return
        }
        try await database.raw("PRAGMA cache_size = -262144").run()
        try await database.raw("PRAGMA temp_store = MEMORY").run()
        // Reads of a multi-gigabyte file through the OS page cache without a copy per page: measured
        // on the 1M-customer report, it removes most of the system time of the index seeks.
        try await database.raw("PRAGMA mmap_size = 8589934592").run()
    }

    /// Runs one write statement outside a transaction. On SQLite, if another connection holds the write lock
    /// and this connection has no busy timeout yet, the statement fails at once with SQLITE_BUSY having
    /// written nothing: the timeout is set (it lasts for the connection) and the statement run again, now
    /// waiting up to 10 s. Setting it up front would cost a round trip on every statement.
    static func waitingIfBusy<T: Sendable>(_ database: any SQLDatabase, _ statement: () async throws -> T) async throws -> T {
        do {
            return try await statement()
        } catch let error as SQLiteError where error.reason == .busy {
            try await database.raw("PRAGMA busy_timeout = 10000").run()
            return try await statement()
        }
    }

    /// A transaction for concurrent writers. SQLite allows one writer at a time: without a busy timeout a
    /// second connection's write fails at once with "database is locked"; with it, the write waits (up to
    /// 10 s) for the first to commit. Begin the body with its first write, not a read: in WAL mode a
    /// transaction that read before another connection committed can't become a writer and is refused.
    static func writeTransaction<T: Sendable>(_ database: any Database,
                                              _ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T {
        try await database.withConnection { connection in
            if kind(of: CallDeskDatabase.sql(connection)) == .sqlite {
                try await CallDeskDatabase.sql(connection).raw("PRAGMA busy_timeout = 10000").run()
            }
            return try await connection.transaction { try await body($0) }
        }
    }
}
