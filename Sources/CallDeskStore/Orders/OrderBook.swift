import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Orders (`/orders`): the list with paid and debt columns, and one order with its lines and payments,
/// inside the viewer's scope — an order belongs to its customer's owner, as the report counts it (R12).
/// Paid counts payments with `paid_at` not after now; debt is `max(total − paid, 0)` and nothing for a
/// cancelled order.
public enum OrderBook {
    public enum State: String, Sendable, CaseIterable {
        /// Every order but the cancelled ones.
        case live = ""
        case pending, approved, delivered, cancelled
        /// Live orders with something still owed.
        case owing
        case all
    }

    public struct Query: Sendable, Equatable {
        public var state: State
        /// A customer code or id: that customer's orders only.
        public var customer: String
        public var page: Int
        public var perPage: Int

        public init(state: State = .live, customer: String = "", page: Int = 1, perPage: Int = 50) {
            self.state = state
            self.customer = customer
            self.page = max(page, 1)
            self.perPage = min(max(perPage, 1), 200)
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: Int64
        public var code: String?
        public var createdAt: Date
        public var customerID: Int64
        public var customerName: String
        public var ownerName: String?
        public var createdByName: String?
        public var total: Int64
        public var paid: Int64
        public var status: OrderStatus

        public var debt: Int64 { status == .cancelled ? 0 : max(total - paid, 0) }
    }

    public typealias Page = ListPage<Item>

    struct Row: Decodable {
        var id: Int64; var code: String?; var created_at: Int64; var customer_id: Int64; var customer_name: String
        var owner_name: String?; var created_by_name: String?; var total: Int64; var paid: Int64?; var status: String
        var owner_id: Int64?

        var item: Item {
            Item(id: id, code: code, createdAt: Date(epochMilliseconds: created_at), customerID: customer_id,
                 customerName: customer_name, ownerName: owner_name, createdByName: created_by_name, total: total,
                 paid: paid ?? 0, status: OrderStatus(rawValue: status) ?? .pending)
        }
    }

    static func select(now: Date) -> SQLQueryString {
        """
        SELECT o.id, o.code, o.created_at, o.customer_id, c.name AS customer_name, c.owner_id, w.name AS owner_name,
               b.name AS created_by_name, o.total, o.status,
               -- PostgreSQL's SUM of bigint is numeric: cast back, so both databases answer an integer.
               CAST((SELECT SUM(p.amount) FROM payments p
                     WHERE p.order_id = o.id AND p.paid_at <= \(bind: now.epochMilliseconds)) AS BIGINT) AS paid
        FROM orders o JOIN customers c ON c.id = o.customer_id
        LEFT JOIN users w ON w.id = c.owner_id LEFT JOIN users b ON b.id = o.created_by_id
        """
    }

    public static func page(_ query: Query, access: ViewerAccess, now: Date, on database: any Database) async throws -> Page {
        var filter: SQLQueryString = "1 = 1"
        filter += access.sqlRestriction("c.owner_id")
        let customer = query.customer.trimmingCharacters(in: .whitespaces)
        if !customer.isEmpty {
            filter += " AND (c.code = \(bind: customer.uppercased()) OR c.id = \(bind: Int64(customer) ?? -1))"
        }
        switch query.state {
        case .live: filter += " AND o.status <> 'cancelled'"
        case .pending, .approved, .delivered, .cancelled: filter += " AND o.status = \(bind: query.state.rawValue)"
        case .owing:
            filter += """
                 AND o.status <> 'cancelled' AND o.total > COALESCE((SELECT SUM(q.amount) FROM payments q
                    WHERE q.order_id = o.id AND q.paid_at <= \(bind: now.epochMilliseconds)), 0)
                """
        case .all: break
        }
        let rows = try await CallDeskDatabase.sql(database).raw("""
            \(select(now: now)) WHERE \(filter) ORDER BY o.created_at DESC, o.id DESC
            LIMIT \(bind: query.perPage + 1) OFFSET \(bind: (query.page - 1) * query.perPage)
            """).all(decoding: Row.self)
        return Page(page: query.page, perPage: query.perPage, rows: rows.map(\.item))
    }

    public struct Line: Sendable, Equatable {
        public var name: String
        public var productCode: String?
        public var quantity: Int64
        public var unitPrice: Int64
        public var discount: Int64
        public var amount: Int64 { quantity * unitPrice - discount }
    }

    public struct Payment: Sendable, Equatable {
        public var amount: Int64
        public var paidAt: Date
        public var method: String?
        public var note: String?
    }

    public struct Detail: Sendable {
        public var order: Item
        public var lines: [Line]
        /// Every payment, later ones (after now) included; `order.paid` counts those up to now.
        public var payments: [Payment]
    }

    /// One order, or nil when it does not exist or is outside the viewer's scope (a 404 either way).
    public static func detail(_ id: Int64, access: ViewerAccess, now: Date, on database: any Database) async throws -> Detail? {
        let sql = CallDeskDatabase.sql(database)
        guard let row = try await sql.raw("\(select(now: now)) WHERE o.id = \(bind: id)").first(decoding: Row.self),
              access.sees(ownerID: row.owner_id) else { return nil }
        struct LineRow: Decodable {
            var name: String?; var product_code: String?; var quantity: Int64; var unit_price: Int64; var discount: Int64
        }
        let lines = try await sql.raw("""
            SELECT name, product_code, quantity, unit_price, discount FROM order_lines WHERE order_id = \(bind: id)
            ORDER BY position, id
            """).all(decoding: LineRow.self).map {
            Line(name: $0.name ?? $0.product_code ?? "", productCode: $0.product_code, quantity: $0.quantity,
                 unitPrice: $0.unit_price, discount: $0.discount)
        }
        struct PaymentRow: Decodable { var amount: Int64; var paid_at: Int64; var method: String?; var note: String? }
        let payments = try await sql.raw("""
            SELECT amount, paid_at, method, note FROM payments WHERE order_id = \(bind: id) ORDER BY paid_at, id
            """).all(decoding: PaymentRow.self).map {
            Payment(amount: $0.amount, paidAt: Date(epochMilliseconds: $0.paid_at), method: $0.method, note: $0.note)
        }
        return Detail(order: row.item, lines: lines, payments: payments)
    }

    public struct Product: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var name: String
        public var price: Int64
    }

    public static func products(on database: any Database) async throws -> [Product] {
        struct Row: Decodable { var id: Int64; var code: String; var name: String; var price: Int64 }
        return try await CallDeskDatabase.sql(database).raw("SELECT id, code, name, price FROM products ORDER BY code LIMIT 500")
            .all(decoding: Row.self).map { Product(id: $0.id, code: $0.code, name: $0.name, price: $0.price) }
    }
}
