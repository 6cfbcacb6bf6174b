import CallDeskCore
import Foundation
import SQLKit

/// The members behind one cell of the report (R15): the same common table expressions as the
/// report's rows, filtered by the metric's condition and the row, then paged and sorted.
struct MemberList {
    let sql: any SQLDatabase
    let query: TelesalesQuery
    /// The metric's condition on `member_figures f` (``TelesalesQuery/condition(_:)``).
    let condition: String
    let row: ReportRowKey

    private var filter: SQLQueryString {
        switch row {
        case .total: return "WHERE \(unsafeRaw: condition)"
        case .unassigned: return "WHERE \(unsafeRaw: condition) AND f.owner_id IS NULL"
        case .user(let id): return "WHERE \(unsafeRaw: condition) AND f.owner_id = \(bind: id)"
        }
    }

    private func order(_ sort: MemberSort) -> String {
        switch sort {
        case .name: return "c.name, f.member_id"
        case .created: return "member_created_at DESC, f.member_id"
        case .lastCall: return "COALESCE(f.last_call_at, -1) DESC, f.member_id"
        case .calls: return "f.calls DESC, f.member_id"
        case .orderValue: return "f.order_value DESC, f.member_id"
        case .debt: return "f.debt DESC, f.member_id"
        }
    }

    private struct Row: Decodable {
        var member_id: Int64
        var customer_id: Int64
        var opportunity_id: Int64?
        var owner_id: Int64?
        var calls: Int64
        var answered_calls: Int64
        var talk_seconds: Int64
        var last_call_at: Int64?
        var appointments: Int64
        var completed_appointments: Int64
        var orders: Int64
        var order_value: Int64
        var paid: Int64
        var debt: Int64
        var customer_external_id: String
        var code: String?
        var name: String
        var member_created_at: Int64
        var owner_name: String?
        var opportunity_external_id: String?
        var campaign_name: String?
        var total_count: Int64
    }

    func count() async throws -> Int {
        var text = query.memberFigures
        text += "SELECT COUNT(*) AS n FROM member_figures f " + filter
        return Int(try await sql.raw(text).first(decodingColumn: "n", as: Int64.self) ?? 0)
    }

    func page(page: Int, perPage: Int, sort: MemberSort) async throws -> MemberPage {
        var text = query.memberFigures
        text += """
            SELECT f.*, c.external_id AS customer_external_id, c.code, c.name,
                   COALESCE(o.created_at, c.created_at) AS member_created_at, u.name AS owner_name,
                   o.external_id AS opportunity_external_id, k.name AS campaign_name, COUNT(*) OVER () AS total_count
            FROM member_figures f JOIN customers c ON c.id = f.customer_id
            LEFT JOIN users u ON u.id = f.owner_id
            LEFT JOIN opportunities o ON o.id = f.opportunity_id LEFT JOIN campaigns k ON k.id = o.campaign_id

            """
        text += filter
        text += " ORDER BY \(unsafeRaw: order(sort)) LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)"
        let rows = try await sql.raw(text).all(decoding: Row.self)
        let total: Int
        if let first = rows.first {
            total = Int(first.total_count)
        } else {
            total = try await count()
        }
        let details = try await CustomerDetails.load(Set(rows.map(\.customer_id)), sql: sql)
        let members = rows.map { row in
            var figures = TelesalesFigures()
            figures.members = 1
            figures.calls = row.calls
            figures.answeredCalls = row.answered_calls
            figures.talkSeconds = row.talk_seconds
            figures.called = row.calls > 0 ? 1 : 0
            figures.answered = row.answered_calls > 0 ? 1 : 0
            figures.appointments = row.appointments
            figures.completedAppointments = row.completed_appointments
            figures.booked = row.appointments > 0 ? 1 : 0
            figures.completed = row.completed_appointments > 0 ? 1 : 0
            figures.orders = row.orders
            figures.ordered = row.orders > 0 ? 1 : 0
            figures.orderValue = row.order_value
            figures.paid = row.paid
            figures.debt = row.debt
            return ReportMember(
                opportunityID: row.opportunity_id, opportunityExternalID: row.opportunity_external_id,
                campaignName: row.campaign_name, customerID: row.customer_id,
                customerExternalID: row.customer_external_id, customerCode: row.code, name: row.name,
                phones: details.phones[row.customer_id] ?? [], ownerID: row.owner_id, ownerName: row.owner_name,
                sources: details.sources[row.customer_id] ?? [], groups: details.groups[row.customer_id] ?? [],
                createdAt: Date(epochMilliseconds: row.member_created_at),
                lastCallAt: row.last_call_at.map(Date.init(epochMilliseconds:)), figures: figures)
        }
        return MemberPage(total: total, page: page, perPage: perPage, members: members)
    }
}

/// Phones (as typed), source names and group names of a few customers, one query each.
struct CustomerDetails {
    var phones: [Int64: [String]] = [:]
    var sources: [Int64: [String]] = [:]
    var groups: [Int64: [String]] = [:]

    static func load(_ ids: Set<Int64>, sql: any SQLDatabase) async throws -> CustomerDetails {
        var details = CustomerDetails()
        guard !ids.isEmpty else { return details }
        let list = ids.sorted()
        struct Item: Decodable { var customer_id: Int64; var value: String }
        for item in try await sql.raw("""
            SELECT customer_id, raw AS value FROM customer_phones WHERE customer_id IN (\(binds: list))
            ORDER BY customer_id, position
            """).all(decoding: Item.self) {
            details.phones[item.customer_id, default: []].append(item.value)
        }
        for item in try await sql.raw("""
            SELECT cs.customer_id, s.name AS value FROM customer_sources cs JOIN sources s ON s.id = cs.source_id
            WHERE cs.customer_id IN (\(binds: list)) ORDER BY cs.customer_id, s.id
            """).all(decoding: Item.self) {
            details.sources[item.customer_id, default: []].append(item.value)
        }
        for item in try await sql.raw("""
            SELECT m.customer_id, g.name AS value FROM customer_group_members m JOIN customer_groups g ON g.id = m.group_id
            WHERE m.customer_id IN (\(binds: list)) ORDER BY m.customer_id, g.id
            """).all(decoding: Item.self) {
            details.groups[item.customer_id, default: []].append(item.value)
        }
        return details
    }
}
