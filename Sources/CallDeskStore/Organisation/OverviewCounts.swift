import SQLKit

/// How much data a database holds: for the first page and the CLI.
public struct OverviewCounts: Sendable {
    public var customers: Int64 = 0
    public var users: Int64 = 0
    public var calls: Int64 = 0
    public var orders: Int64 = 0

    public static func load(_ sql: any SQLDatabase) async throws -> OverviewCounts {
        func count(_ table: String, _ condition: String = "") async throws -> Int64 {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) \(unsafeRaw: condition)").first()
            return try row?.decode(column: "n", as: Int64.self) ?? 0
        }
        return OverviewCounts(customers: try await count("customers", "WHERE deleted_at IS NULL"),
                              users: try await count("users", "WHERE active = TRUE"),
                              calls: try await count("calls"), orders: try await count("orders"))
    }

    /// One user's own calls since `start` (epoch ms): placed, and answered (talk time > 0, R10).
    public struct OwnCalls: Sendable, Equatable {
        public var calls: Int64
        public var answered: Int64
    }

    public static func ownCalls(userID: Int64, since start: Int64, _ sql: any SQLDatabase) async throws -> OwnCalls {
        let row = try await sql.raw("""
            SELECT COUNT(*) AS calls, COALESCE(SUM(CASE WHEN talk_seconds > 0 THEN 1 ELSE 0 END), 0) AS answered
            FROM calls WHERE user_id = \(bind: userID) AND started_at >= \(bind: start) AND direction = 'outbound'
            """).first()
        return OwnCalls(calls: try row?.decode(column: "calls", as: Int64.self) ?? 0,
                        answered: try row?.decode(column: "answered", as: Int64.self) ?? 0)
    }
}
