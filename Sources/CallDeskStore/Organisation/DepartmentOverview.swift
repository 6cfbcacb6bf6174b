import CallDeskCore
import FluentKit
import SQLKit

/// Settings → departments: the tree with each department's head and number of staff.
public struct DepartmentOverview: Sendable {
    public struct Line: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var parentID: Int64?
        public var depth: Int
        public var heads: [String]
        public var headIDs: [Int64]
        public var staff: Int64
    }

    public var lines: [Line]

    public static func load(on database: any Database) async throws -> DepartmentOverview {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable { var id: Int64; var name: String; var parent_id: Int64?; var staff: Int64 }
        struct Head: Decodable { var department_id: Int64; var user_id: Int64; var name: String }
        let rows = try await sql.raw("""
            SELECT d.id, d.name, d.parent_id,
                   (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id AND u.active = \(bind: true)) AS staff
            FROM departments d
            """).all(decoding: Row.self)
        let heads = try await sql.raw("""
            SELECT h.department_id, h.user_id, u.name FROM department_heads h JOIN users u ON u.id = h.user_id
            """).all(decoding: Head.self)
        let tree = DepartmentTree(rows.map { .init(id: $0.id, name: $0.name, parentID: $0.parent_id) })
        let lines = rows.map { (row: $0, path: tree.path($0.id)) }
            .sorted { VietnameseCollation.compare($0.path, $1.path) == .orderedAscending }
            .map { item in
                let own = heads.filter { $0.department_id == item.row.id }
                return Line(id: item.row.id, name: item.row.name, parentID: item.row.parent_id,
                            depth: max(item.path.count - 1, 0), heads: own.map(\.name), headIDs: own.map(\.user_id),
                            staff: item.row.staff)
            }
        return DepartmentOverview(lines: lines, tree: tree)
    }

    /// The tree the lines were drawn from (to tell which departments lie below one).
    public var tree: DepartmentTree
}
