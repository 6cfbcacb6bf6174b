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
}
