import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// One customer's page: details and the care history (lịch sử chăm sóc), newest first.
public struct CustomerProfile: Sendable {
    public struct Phone: Sendable, Equatable {
        public var label: String
        public var raw: String
        /// nil: the number could not be normalised (shown with a warning) or is a hotline.
        public var e164: String?
    }

    /// One event of the care history.
    public struct Event: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case call, note, task, appointment, order, payment, ownerChange = "owner_change"
            /// Added to a customer group (title: the group's name).
            case groupAdded = "group_added"
            /// An opportunity in a campaign (title: the campaign, detail: its stage).
            case campaign
        }
        public var kind: Kind
        public var at: Date
        /// Who did it (a staff member's name), when known.
        public var who: String?
        public var title: String
        public var detail: String?
        /// Money of orders and payments, in minor units.
        public var amount: Int64?
        public var link: String?
    }

    public var id: Int64
    public var code: String?
    public var name: String
    public var kind: String
    public var address: String?
    public var ownerID: Int64?
    public var ownerName: String?
    public var createdAt: Date
    public var phones: [Phone]
    public var emails: [String]
    public var sources: [String]
    public var groups: [String]
    public var events: [Event]

    /// The customer, or nil when it does not exist, is deleted, or is outside the viewer's scope —
    /// the page answers 404 in every case, so a URL does not reveal what exists.
    public static func load(id: Int64, access: ViewerAccess, on database: any Database) async throws -> CustomerProfile? {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable {
            var id: Int64; var code: String?; var name: String; var kind: String; var address: String?
            var owner_id: Int64?; var owner_name: String?; var created_at: Int64
        }
        guard let row = try await sql.raw("""
            SELECT c.id, c.code, c.name, c.kind, c.address, c.owner_id, u.name AS owner_name, c.created_at
            FROM customers c LEFT JOIN users u ON u.id = c.owner_id
            WHERE c.id = \(bind: id) AND c.deleted_at IS NULL
            """).first(decoding: Row.self), access.sees(ownerID: row.owner_id) else { return nil }
        struct PhoneRow: Decodable { var label: String; var raw: String; var e164: String? }
        let phones = try await sql.raw("""
            SELECT label, raw, e164 FROM customer_phones WHERE customer_id = \(bind: id) ORDER BY position
            """).all(decoding: PhoneRow.self).map { Phone(label: $0.label, raw: $0.raw, e164: $0.e164) }
        let emails = try await names("SELECT email AS name FROM customer_emails WHERE customer_id = \(bind: id) ORDER BY position", sql)
        let sources = try await names("""
            SELECT s.name FROM customer_sources x JOIN sources s ON s.id = x.source_id
            WHERE x.customer_id = \(bind: id) ORDER BY s.name
            """, sql)
        let groups = try await names("""
            SELECT g.name FROM customer_group_members x JOIN customer_groups g ON g.id = x.group_id
            WHERE x.customer_id = \(bind: id) ORDER BY g.name
            """, sql)
        let events = try await CareHistory.events(customerID: id, phoneKeys: phones.compactMap(\.e164), sql: sql)
        return CustomerProfile(id: row.id, code: row.code, name: row.name, kind: row.kind, address: row.address,
                              ownerID: row.owner_id, ownerName: row.owner_name,
                              createdAt: Date(epochMilliseconds: row.created_at), phones: phones, emails: emails,
                              sources: sources, groups: groups, events: events)
    }

    private static func names(_ query: SQLQueryString, _ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw(query).all(decodingColumn: "name", as: String.self)
    }
}
