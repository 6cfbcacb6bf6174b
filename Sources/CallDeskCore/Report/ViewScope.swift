/// How much of the company a viewer sees (R16, domain.md "Role").
public enum ViewScope: String, Sendable, CaseIterable, Codable, Comparable {
    case own, department, all

    public static func < (lhs: ViewScope, rhs: ViewScope) -> Bool {
        let order: [ViewScope] = [.own, .department, .all]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// A department tree in memory (departments are few): ids, parents, names, heads.
public struct DepartmentTree: Sendable {
    public struct Node: Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var parentID: Int64?
        public init(id: Int64, name: String, parentID: Int64?) {
            self.id = id
            self.name = name
            self.parentID = parentID
        }
    }

    public let nodes: [Int64: Node]
    private let children: [Int64: [Int64]]

    public init(_ nodes: [Node]) {
        self.nodes = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var children: [Int64: [Int64]] = [:]
        for node in nodes { if let parent = node.parentID { children[parent, default: []].append(node.id) } }
        self.children = children
    }

    /// The department and every department below it.
    public func subtree(_ id: Int64) -> Set<Int64> {
        var result: Set<Int64> = []
        var stack = [id]
        while let next = stack.popLast() {
            guard result.insert(next).inserted else { continue }
            stack += children[next] ?? []
        }
        return result
    }

    /// Names from the root down to the department (R6's ordering key).
    public func path(_ id: Int64) -> [String] {
        var names: [String] = []
        var seen: Set<Int64> = []
        var current: Int64? = id
        while let node = current.flatMap({ nodes[$0] }), seen.insert(node.id).inserted {
            names.append(node.name)
            current = node.parentID
        }
        return names.reversed()
    }
}

/// What a viewer may see of the report (R16, R17): the users whose rows they see, and whether they see
/// the Unassigned row.
public struct ReportScope: Sendable, Equatable {
    public var scope: ViewScope
    /// The viewer.
    public var viewerID: Int64
    /// With `department` scope: the departments whose members the viewer sees (own department, every
    /// department they head, and all descendants of both). Empty for `own`; unused for `all`.
    public var departments: Set<Int64>

    public init(scope: ViewScope, viewerID: Int64, departments: Set<Int64>) {
        self.scope = scope
        self.viewerID = viewerID
        self.departments = departments
    }

    /// R16: the role's scope, raised to `department` for whoever heads a department.
    public static func make(roleScope: ViewScope, viewerID: Int64, viewerDepartment: Int64?, headed: [Int64],
                            tree: DepartmentTree) -> ReportScope {
        var scope = roleScope
        if !headed.isEmpty && scope < .department { scope = .department }
        var departments: Set<Int64> = []
        if scope == .department {
            for root in headed + (viewerDepartment.map { [$0] } ?? []) { departments.formUnion(tree.subtree(root)) }
        }
        return ReportScope(scope: scope, viewerID: viewerID, departments: departments)
    }

    /// Whether the viewer may see the row of a user in `department`.
    public func sees(userID: Int64, department: Int64?) -> Bool {
        switch scope {
        case .all: return true
        case .own: return userID == viewerID
        case .department: return userID == viewerID || department.map(departments.contains) == true
        }
    }

    public var seesUnassigned: Bool { scope == .all }
}
