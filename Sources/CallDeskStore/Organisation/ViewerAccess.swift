import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// What one viewer may see in one module (customers, reports…): the scope of R16 computed by the
/// same code the report uses (``ReportScope/make(roleScope:viewerID:viewerDepartment:headed:tree:)``
/// on the report's ``ReportDirectory``), and the staff and departments a picker may offer.
public struct ViewerAccess: Sendable {
    /// A staff member the viewer may see, in the report's row order (R6).
    public struct Person: Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var department: String?
        public var active: Bool
    }

    /// A department the viewer may ask for as a whole (R16), with its depth for indentation.
    public struct Department: Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var depth: Int
    }

    public let scope: ReportScope
    public let people: [Person]
    public let departments: [Department]

    /// nil when the viewer sees every owner (and customers without one); otherwise the owners they see.
    public var ownerIDs: Set<Int64>? {
        scope.scope == .all ? nil : Set(people.map(\.id))
    }

    /// `AND column IN (…)` limiting rows to the people the viewer sees; empty with the `all` scope (which
    /// also sees rows that belong to nobody). The ids come from the database, written as integers.
    public func sqlRestriction(_ column: String) -> SQLQueryString {
        guard let ownerIDs else { return "" }
        let list = ownerIDs.isEmpty ? "NULL" : ownerIDs.sorted().map(String.init).joined(separator: ",")
        return " AND \(unsafeRaw: column) IN (\(unsafeRaw: list))"
    }

    /// Whether a record owned by `ownerID` (nil: no owner) is within the scope.
    public func sees(ownerID: Int64?) -> Bool {
        guard let ownerIDs else { return true }
        return ownerID.map(ownerIDs.contains) ?? false
    }
}

extension ViewerAccess {
    /// The viewer's access to `module` (a `role_permissions.module`: `customers`, `reports`…).
    /// - Throws: ``ReportRefusal`` when the viewer's role may not view the module at all.
    public static func load(viewerID: Int64, module: String, on database: any Database) async throws -> ViewerAccess {
        let sql = CallDeskDatabase.sql(database)
        let directory = try await ReportDirectory.load(sql)
        let scope = try await directory.scope(of: viewerID, module: module, sql: sql)
        let people = directory.users.values
            .filter { scope.sees(userID: $0.id, department: $0.departmentID) }
            .map { directory.reportUser($0) }
            .sorted(by: ReportDirectory.rowOrder)
            .map { Person(id: $0.id, name: $0.name, department: $0.department, active: $0.active) }
        return ViewerAccess(scope: scope, people: people,
                            departments: askable(scope: scope, tree: directory.tree))
    }

    /// R16: every department with `all`; with `department`, those whose whole subtree is in scope.
    private static func askable(scope: ReportScope, tree: DepartmentTree) -> [Department] {
        let allowed: [DepartmentTree.Node] = tree.nodes.values.filter { node in
            switch scope.scope {
            case .all: return true
            case .department: return tree.subtree(node.id).isSubset(of: scope.departments)
            case .own: return false
            }
        }
        return allowed
            .map { (node: $0, path: tree.path($0.id)) }
            .sorted { VietnameseCollation.compare($0.path, $1.path) == .orderedAscending }
            .map { Department(id: $0.node.id, name: $0.node.name, depth: max($0.path.count - 1, 0)) }
    }
}

extension ViewerAccess {
    /// Whether the viewer's role has the permission `module`/`action` (`customers`/`delete`…) at all; what
    /// it reaches is still limited by the view scope.
    public static func permits(viewerID: Int64, module: String, action: String, on database: any Database) async throws -> Bool {
        let sql = CallDeskDatabase.sql(database)
        let found = try await sql.raw("""
            SELECT 1 AS one FROM users u JOIN role_permissions p ON p.role_id = u.role_id
            WHERE u.id = \(bind: viewerID) AND p.module = \(bind: module) AND p.action = \(bind: action)
            """).first()
        return found != nil
    }
}
