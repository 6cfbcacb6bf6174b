import CallDeskCore
import FluentKit
import SQLKit

/// The campaigns, sources and groups the report's filter form offers (names for ids).
public struct FilterChoices: Sendable {
    public struct Choice: Sendable, Hashable {
        public var id: Int64
        public var name: String
        /// Nesting depth (groups), for indentation.
        public var depth: Int
    }

    public var campaigns: [Choice]
    public var sources: [Choice]
    public var groups: [Choice]

    public static func load(on database: any Database) async throws -> FilterChoices {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable { var id: Int64; var name: String; var parent_id: Int64? }
        let campaigns = try await sql.raw("SELECT id, name, NULL AS parent_id FROM campaigns ORDER BY name")
            .all(decoding: Row.self)
        let sources = try await sql.raw("SELECT id, name, NULL AS parent_id FROM sources ORDER BY name")
            .all(decoding: Row.self)
        let groups = try await sql.raw("SELECT id, name, parent_id FROM customer_groups").all(decoding: Row.self)
        let tree = DepartmentTree(groups.map { .init(id: $0.id, name: $0.name, parentID: $0.parent_id) })
        let nested = groups.map { (row: $0, path: tree.path($0.id)) }
            .sorted { VietnameseCollation.compare($0.path, $1.path) == .orderedAscending }
            .map { Choice(id: $0.row.id, name: $0.row.name, depth: max($0.path.count - 1, 0)) }
        return FilterChoices(campaigns: campaigns.map { Choice(id: $0.id, name: $0.name, depth: 0) },
                             sources: sources.map { Choice(id: $0.id, name: $0.name, depth: 0) },
                             groups: nested)
    }
}
