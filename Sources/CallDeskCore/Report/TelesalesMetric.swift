/// The report's figures, defined once (telesales-report.md, "Columns"): the SQL, the drill-down,
/// the JSON, the CSV and the table all derive from this list.
public enum TelesalesMetric: String, Sendable, CaseIterable, Codable {
    case members
    case called
    case answered
    case notCalled = "not_called"
    case booked
    case completed
    case notBooked = "not_booked"
    case orders
    case orderValue = "order_value"
    case paid
    case debt
    case ordered
    case notOrdered = "not_ordered"
    case calls
    case answeredCalls = "answered_calls"
    case talkSeconds = "talk_seconds"
    case appointments
    case completedAppointments = "completed_appointments"

    /// R15: the count cells that open a list of members. `orders` opens the `ordered` members.
    public static let drillable: [TelesalesMetric] = [
        .members, .called, .answered, .notCalled, .booked, .completed, .notBooked, .orders, .ordered, .notOrdered,
    ]

    /// Which members a drill-down of this metric lists: a yes/no test on a member's own figures.
    /// nil for sums that are not counts of members.
    public var memberCondition: MemberCondition? {
        switch self {
        case .members: return .all
        case .called: return .flag(.called, true)
        case .notCalled: return .flag(.called, false)
        case .answered: return .flag(.answered, true)
        case .booked: return .flag(.booked, true)
        case .notBooked: return .flag(.booked, false)
        case .completed: return .flag(.completed, true)
        case .orders, .ordered: return .flag(.ordered, true)
        case .notOrdered: return .flag(.ordered, false)
        default: return nil
        }
    }

    /// The per-member yes/no figures.
    public enum Flag: String, Sendable, CaseIterable {
        case called, answered, booked, completed, ordered
    }

    public enum MemberCondition: Sendable, Equatable {
        case all
        case flag(Flag, Bool)
    }

    /// Vietnamese and English labels (ui-glossary.md).
    public var label: (vi: String, en: String) {
        switch self {
        case .members: return ("Khách hàng / Cơ hội", "Customers / Opportunities")
        case .called: return ("Đã gọi", "Called")
        case .answered: return ("Gọi thành công", "Answered")
        case .notCalled: return ("Chưa gọi", "Not called")
        case .booked: return ("Đã đặt lịch hẹn", "Booked")
        case .completed: return ("Hoàn thành", "Completed")
        case .notBooked: return ("Chưa có lịch hẹn", "Not booked")
        case .orders: return ("Số đơn", "Orders")
        case .orderValue: return ("Giá trị", "Value")
        case .paid: return ("Đã thu", "Paid")
        case .debt: return ("Công nợ", "Debt")
        case .ordered: return ("Có đơn hàng", "Ordered")
        case .notOrdered: return ("Chưa có đơn hàng", "No order")
        case .calls: return ("Số cuộc gọi", "Calls")
        case .answeredCalls: return ("Cuộc gọi thành công", "Answered calls")
        case .talkSeconds: return ("Thời lượng đàm thoại (giây)", "Talk time (s)")
        case .appointments: return ("Số lịch hẹn", "Appointments")
        case .completedAppointments: return ("Lịch hẹn hoàn thành", "Completed appointments")
        }
    }
}

/// One row's figures: the sums of its members' own figures (telesales-report.md, "Counting is
/// additive"). The `not_…` columns are derived, never stored.
public struct TelesalesFigures: Sendable, Hashable, Codable {
    public var members: Int64 = 0
    public var called: Int64 = 0
    public var answered: Int64 = 0
    public var booked: Int64 = 0
    public var completed: Int64 = 0
    public var orders: Int64 = 0
    public var orderValue: Int64 = 0
    public var paid: Int64 = 0
    public var debt: Int64 = 0
    public var ordered: Int64 = 0
    public var calls: Int64 = 0
    public var answeredCalls: Int64 = 0
    public var talkSeconds: Int64 = 0
    public var appointments: Int64 = 0
    public var completedAppointments: Int64 = 0

    public init() {}

    public var notCalled: Int64 { members - called }
    public var notBooked: Int64 { members - booked }
    public var notOrdered: Int64 { members - ordered }

    public subscript(metric: TelesalesMetric) -> Int64 {
        switch metric {
        case .members: return members
        case .called: return called
        case .answered: return answered
        case .notCalled: return notCalled
        case .booked: return booked
        case .completed: return completed
        case .notBooked: return notBooked
        case .orders: return orders
        case .orderValue: return orderValue
        case .paid: return paid
        case .debt: return debt
        case .ordered: return ordered
        case .notOrdered: return notOrdered
        case .calls: return calls
        case .answeredCalls: return answeredCalls
        case .talkSeconds: return talkSeconds
        case .appointments: return appointments
        case .completedAppointments: return completedAppointments
        }
    }

    /// The stored (non-derived) figures, in a fixed order; `not_…` are computed from them.
    public static let stored: [any WritableKeyPath<TelesalesFigures, Int64> & Sendable] = [
        \.members, \.called, \.answered, \.booked, \.completed, \.orders, \.orderValue, \.paid, \.debt, \.ordered,
        \.calls, \.answeredCalls, \.talkSeconds, \.appointments, \.completedAppointments,
    ]

    public static func + (lhs: TelesalesFigures, rhs: TelesalesFigures) -> TelesalesFigures {
        var sum = lhs
        for path in stored { sum[keyPath: path] += rhs[keyPath: path] }
        return sum
    }

    /// R14's invariants; an empty list when they all hold.
    public var invariantViolations: [String] {
        var problems: [String] = []
        if answered > called { problems.append("answered > called") }
        if completed > booked { problems.append("completed > booked") }
        if ordered > orders { problems.append("ordered > orders") }
        if called > members || booked > members || ordered > members { problems.append("a flag count > members") }
        if debt < 0 { problems.append("debt < 0") }
        if debt < orderValue - paid { problems.append("debt < order_value − paid") }
        return problems
    }
}
