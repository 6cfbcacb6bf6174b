import Foundation

/// A row of the report: a staff member, Unassigned (R7) or Total (R8).
public enum ReportRowKey: Sendable, Hashable, CustomStringConvertible {
    case user(Int64)
    case unassigned
    case total

    /// `user:12`, `unassigned`, `total` (R18).
    public var description: String {
        switch self {
        case .user(let id): return "user:\(id)"
        case .unassigned: return "unassigned"
        case .total: return "total"
        }
    }

    public init?(_ text: String) {
        switch text {
        case "unassigned": self = .unassigned
        case "total": self = .total
        default:
            guard text.hasPrefix("user:"), let id = Int64(text.dropFirst(5)) else { return nil }
            self = .user(id)
        }
    }
}

/// The staff member a row belongs to.
public struct ReportUser: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var email: String
    public var active: Bool
    /// The department's name; nil without one.
    public var department: String?
    /// Department names from the root down, for ordering (R6); empty without a department.
    public var departmentPath: [String]

    public init(id: Int64, name: String, email: String, active: Bool, department: String?, departmentPath: [String]) {
        self.id = id
        self.name = name
        self.email = email
        self.active = active
        self.department = department
        self.departmentPath = departmentPath
    }
}

public struct TelesalesRow: Sendable, Hashable {
    public var key: ReportRowKey
    public var user: ReportUser?
    public var figures: TelesalesFigures

    public init(key: ReportRowKey, user: ReportUser? = nil, figures: TelesalesFigures) {
        self.key = key
        self.user = user
        self.figures = figures
    }
}

/// The Telesales report as it stood at `now`.
public struct TelesalesReport: Sendable {
    public var filters: TelesalesFilters
    public var now: Date
    public var timeZone: TimeZone
    /// One row per visible staff member, in R6's order.
    public var rows: [TelesalesRow]
    /// nil where R7 hides it.
    public var unassigned: TelesalesRow?
    public var total: TelesalesRow

    public init(filters: TelesalesFilters, now: Date, timeZone: TimeZone, rows: [TelesalesRow],
                unassigned: TelesalesRow?, total: TelesalesRow) {
        self.filters = filters
        self.now = now
        self.timeZone = timeZone
        self.rows = rows
        self.unassigned = unassigned
        self.total = total
    }
}

/// Why a viewer may not see what they asked for (R16): the API answers 403, the CLI exits 1.
public struct ReportRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
