import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// An inbound call ringing at some extensions: who should see the screen pop, and what it shows.
public struct InboundRinging: Sendable, Equatable {
    public var phone: String
    /// The users who own one of the ringing extensions (R13: tagged for this connection, or untagged).
    public var userIDs: [Int64]
    public var customer: InboundCustomer?
}

/// The matched customer as the screen pop shows them.
public struct InboundCustomer: Sendable, Equatable {
    public struct RecentCall: Sendable, Equatable {
        public var startedAt: Date
        public var direction: String
        public var talkSeconds: Int64
        public var userName: String?
    }

    public var id: Int64
    public var code: String?
    public var name: String
    public var ownerID: Int64?
    public var ownerName: String?
    public var recentCalls: [RecentCall]
    /// Orders not cancelled and not fully paid.
    public var openOrders: Int64
    public var debt: Int64
}

/// Getfly's inbound screen pop and owner routing (pbx.md), answered from the normalised number.
public enum InboundLookup {
    public static func ringing(phone: String, extensions: [String], connection: PBXConnection,
                               on database: any Database) async throws -> InboundRinging {
        let sql = CallDeskDatabase.sql(database)
        var users: [Int64] = []
        if !extensions.isEmpty {
            users = try await sql.raw("""
                SELECT DISTINCT e.user_id FROM user_extensions e JOIN users u ON u.id = e.user_id
                WHERE e.number IN (\(binds: extensions)) AND (e.provider_code = '' OR UPPER(e.provider_code) = \(bind: connection.code))
                  AND u.active = \(true)
                ORDER BY e.user_id
                """).all(decodingColumn: "user_id", as: Int64.self)
        }
        return InboundRinging(phone: phone, userIDs: users, customer: try await customer(phone: phone, sql: sql))
    }

    /// The extension of the owner of the customer with `callerNumber` (tagged for this connection first), or nil.
    public static func ownerExtension(callerNumber: String, connection: PBXConnection,
                                      on database: any Database) async throws -> String? {
        let sql = CallDeskDatabase.sql(database)
        guard let found = try await customer(phone: callerNumber, sql: sql, details: false),
              let owner = found.ownerID else { return nil }
        return try await sql.raw("""
            SELECT e.number FROM user_extensions e JOIN users u ON u.id = e.user_id
            WHERE e.user_id = \(bind: owner) AND u.active = \(true)
              AND (e.provider_code = '' OR UPPER(e.provider_code) = \(bind: connection.code))
            ORDER BY CASE WHEN e.provider_code = '' THEN 1 ELSE 0 END, e.id LIMIT 1
            """).first(decodingColumn: "number", as: String.self)
    }

    /// The customer with this number (normalised, phone-numbers.md); when several share it, the one added
    /// first. Deleted customers are not matched.
    static func customer(phone: String, sql: any SQLDatabase, details: Bool = true) async throws -> InboundCustomer? {
        let region = try await CompanySettingsStore.load(sql).phoneRegion
        guard let key = PhoneNumbers.matchKey(phone, region: region) else { return nil }
        guard let row = try await sql.raw("""
            SELECT c.id, c.code, c.name, c.owner_id, u.name AS owner_name
            FROM customer_phones p JOIN customers c ON c.id = p.customer_id LEFT JOIN users u ON u.id = c.owner_id
            WHERE p.e164 = \(bind: key) AND c.deleted_at IS NULL
            ORDER BY c.created_at, c.id LIMIT 1
            """).first() else { return nil }
        var customer = InboundCustomer(id: try row.decode(column: "id", as: Int64.self),
                                       code: try row.decode(column: "code", as: String?.self),
                                       name: try row.decode(column: "name", as: String.self),
                                       ownerID: try row.decode(column: "owner_id", as: Int64?.self),
                                       ownerName: try row.decode(column: "owner_name", as: String?.self),
                                       recentCalls: [], openOrders: 0, debt: 0)
        guard details else { return customer }
        let keys = try await sql.raw("""
            SELECT DISTINCT e164 FROM customer_phones WHERE customer_id = \(bind: customer.id) AND e164 IS NOT NULL
            """).all(decodingColumn: "e164", as: String.self)
        customer.recentCalls = try await sql.raw("""
            SELECT k.started_at, k.direction, k.talk_seconds, u.name AS user_name
            FROM calls k LEFT JOIN users u ON u.id = k.user_id
            WHERE k.remote_e164 IN (\(binds: keys)) ORDER BY k.started_at DESC LIMIT 5
            """).all().map { row in
                InboundCustomer.RecentCall(
                    startedAt: Date(epochMilliseconds: try row.decode(column: "started_at", as: Int64.self)),
                    direction: try row.decode(column: "direction", as: String.self),
                    talkSeconds: try row.decode(column: "talk_seconds", as: Int64.self),
                    userName: try row.decode(column: "user_name", as: String?.self))
            }
        let orders = try await sql.raw("""
            SELECT o.total, CAST(COALESCE((SELECT SUM(y.amount) FROM payments y WHERE y.order_id = o.id), 0) AS BIGINT) AS paid
            FROM orders o WHERE o.customer_id = \(bind: customer.id) AND o.status <> 'cancelled'
            """).all()
        for order in orders {
            let owed = try order.decode(column: "total", as: Int64.self) - order.decode(column: "paid", as: Int64.self)
            if owed > 0 {
                customer.openOrders += 1
                customer.debt += owed
            }
        }
        return customer
    }
}
