import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// The customer list (`/customers`): search, filters, sort and pages, always inside the viewer's
/// scope. Newest first by default, on the `customers_created_cover` / `customers_owner_created` indexes.
public enum CustomerList {
    /// Which owner the list is narrowed to.
    public enum OwnerFilter: Sendable, Equatable {
        case any
        case user(Int64)
        /// Customers with no owner (only a viewer with `all` scope sees them).
        case unassigned
    }

    public enum Sort: String, Sendable, Equatable, CaseIterable {
        case newest, oldest, name, nameDescending = "name-desc"
    }

    public struct Query: Sendable, Equatable {
        /// Name (part of it), code, email or a phone number in any format.
        public var text: String
        public var owner: OwnerFilter
        /// Customers whose owner is in this department or one below it.
        public var department: Int64?
        public var source: Int64?
        /// This group or one nested in it.
        public var group: Int64?
        public var relation: Int64?
        /// Created at or after this instant, and before `createdBefore`.
        public var createdFrom: Date?
        public var createdBefore: Date?
        /// Only customers sharing a number with another live customer.
        public var sharedPhone: Bool
        /// Only these customers (bulk actions on a selection).
        public var ids: [Int64]?
        public var sort: Sort
        public var page: Int
        public var perPage: Int

        public init(text: String = "", owner: OwnerFilter = .any, department: Int64? = nil, source: Int64? = nil,
                    group: Int64? = nil, relation: Int64? = nil, createdFrom: Date? = nil, createdBefore: Date? = nil,
                    sharedPhone: Bool = false, ids: [Int64]? = nil, sort: Sort = .newest, page: Int = 1, perPage: Int = 50) {
            self.text = text
            self.owner = owner
            self.department = department
            self.source = source
            self.group = group
            self.relation = relation
            self.createdFrom = createdFrom
            self.createdBefore = createdBefore
            self.sharedPhone = sharedPhone
            self.ids = ids
            self.sort = sort
            self.page = max(page, 1)
            self.perPage = min(max(perPage, 1), 200)
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: Int64
        public var code: String?
        public var name: String
        /// As typed, in the customer's order.
        public var phones: [String]
        /// Whether another customer has one of these numbers too (phone-numbers.md "Matching").
        public var sharesPhone: Bool
        public var ownerName: String?
        public var createdAt: Date
    }

    public struct Page: Sendable {
        public var total: Int
        public var page: Int
        public var perPage: Int
        public var items: [Item]
    }

    public static func page(_ query: Query, access: ViewerAccess, region: String,
                            on database: any Database) async throws -> Page {
        let sql = CallDeskDatabase.sql(database)
        let filter = try await conditions(query, access: access, region: region, sql: sql)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM customers c WHERE \(filter)")
            .first(decodingColumn: "n", as: Int64.self) ?? 0
        struct Row: Decodable {
            var id: Int64; var code: String?; var name: String; var created_at: Int64; var owner_name: String?
        }
        let rows = try await sql.raw("""
            SELECT c.id, c.code, c.name, c.created_at, u.name AS owner_name
            FROM customers c LEFT JOIN users u ON u.id = c.owner_id
            WHERE \(filter)
            ORDER BY \(unsafeRaw: order(query.sort))
            LIMIT \(bind: query.perPage) OFFSET \(bind: (query.page - 1) * query.perPage)
            """).all(decoding: Row.self)
        let phones = try await phonesOf(rows.map(\.id), sql: sql)
        let items = rows.map { row in
            Item(id: row.id, code: row.code, name: row.name, phones: phones[row.id]?.raw ?? [],
                 sharesPhone: phones[row.id]?.shared ?? false, ownerName: row.owner_name,
                 createdAt: Date(epochMilliseconds: row.created_at))
        }
        return Page(total: Int(total), page: query.page, perPage: query.perPage, items: items)
    }

    static func order(_ sort: Sort) -> String {
        switch sort {
        case .newest: return "c.created_at DESC, c.id DESC"
        case .oldest: return "c.created_at ASC, c.id ASC"
        case .name: return "LOWER(c.name) ASC, c.id ASC"
        case .nameDescending: return "LOWER(c.name) DESC, c.id DESC"
        }
    }

    /// Ids as an SQL list of integers (they are Int64s, never text from the request).
    static func idList(_ ids: some Collection<Int64>) -> String {
        ids.isEmpty ? "NULL" : ids.sorted().map(String.init).joined(separator: ",")
    }

    /// The WHERE clause: not deleted, in scope, the filters, the search. Every value is bound or an integer.
    static func conditions(_ query: Query, access: ViewerAccess, region: String,
                           sql: any SQLDatabase) async throws -> SQLQueryString {
        var text: SQLQueryString = "c.deleted_at IS NULL"
        text += access.sqlRestriction("c.owner_id")
        switch query.owner {
        case .any: break
        case .user(let id): text += " AND c.owner_id = \(bind: id)"
        case .unassigned: text += " AND c.owner_id IS NULL"
        }
        struct Node: Decodable { var id: Int64; var parent_id: Int64? }
        if let department = query.department {
            let nodes = try await sql.raw("SELECT id, parent_id FROM departments").all(decoding: Node.self)
            let tree = DepartmentTree(nodes.map { .init(id: $0.id, name: "", parentID: $0.parent_id) })
            text += " AND c.owner_id IN (SELECT id FROM users WHERE department_id IN (\(unsafeRaw: idList(tree.subtree(department)))))"
        }
        if let group = query.group {
            let nodes = try await sql.raw("SELECT id, parent_id FROM customer_groups").all(decoding: Node.self)
            let tree = DepartmentTree(nodes.map { .init(id: $0.id, name: "", parentID: $0.parent_id) })
            text += " AND c.id IN (SELECT customer_id FROM customer_group_members WHERE group_id IN (\(unsafeRaw: idList(tree.subtree(group)))))"
        }
        if let source = query.source {
            text += " AND c.id IN (SELECT customer_id FROM customer_sources WHERE source_id = \(bind: source))"
        }
        if let relation = query.relation { text += " AND c.relation_id = \(bind: relation)" }
        if let from = query.createdFrom { text += " AND c.created_at >= \(bind: from.epochMilliseconds)" }
        if let before = query.createdBefore { text += " AND c.created_at < \(bind: before.epochMilliseconds)" }
        if query.sharedPhone {
            // The numbers two or more live customers have (one pass over the phones by number), then their
            // customers: a live customer with such a number shares it with another live one.
            text += """
                 AND c.id IN (SELECT p.customer_id FROM customer_phones p WHERE p.e164 IN (
                 SELECT q.e164 FROM customer_phones q JOIN customers o ON o.id = q.customer_id AND o.deleted_at IS NULL
                 WHERE q.e164 IS NOT NULL GROUP BY q.e164 HAVING COUNT(DISTINCT q.customer_id) > 1))
                """
        }
        if let ids = query.ids { text += " AND c.id IN (\(unsafeRaw: idList(ids)))" }
        let search = query.text.trimmingCharacters(in: .whitespaces)
        guard !search.isEmpty else { return text }
        // What the text looks like decides where to look, so each kind of search uses its index instead of
        // a scan of every name: an email → emails; a phone number → normalised phones; a code → codes.
        if search.contains("@") {
            return text + " AND c.id IN (SELECT customer_id FROM customer_emails WHERE LOWER(email) = \(bind: search.lowercased()))"
        }
        let letters = search.contains { $0.isLetter }
        if !letters, search.filter(\.isNumber).count >= 6 {
            guard let key = PhoneNumbers.matchKey(search, region: region) else { return text + " AND 1 = 0" }
            return text + " AND c.id IN (SELECT customer_id FROM customer_phones WHERE e164 = \(bind: key))"
        }
        if isCode(search) { return text + " AND c.code = \(bind: search.uppercased())" }
        return text + " AND LOWER(c.name) LIKE \(bind: "%" + escapeLike(search.lowercased()) + "%") ESCAPE '!'"
    }

    /// `KH000123` (any case).
    static func isCode(_ text: String) -> Bool {
        let upper = text.uppercased()
        return upper.hasPrefix("KH") && upper.count > 2 && upper.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
            .replacingOccurrences(of: "_", with: "!_")
    }

    /// Phones of a page of customers, with whether each customer shares a number with another one.
    static func phonesOf(_ ids: [Int64], sql: any SQLDatabase) async throws -> [Int64: (raw: [String], shared: Bool)] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { var customer_id: Int64; var raw: String; var shared: Int64 }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try await sql.raw("""
            SELECT p.customer_id, p.raw,
                   CASE WHEN p.e164 IS NOT NULL AND EXISTS (SELECT 1 FROM customer_phones q JOIN customers o
                        ON o.id = q.customer_id AND o.deleted_at IS NULL
                        WHERE q.e164 = p.e164 AND q.customer_id <> p.customer_id) THEN 1 ELSE 0 END AS shared
            FROM customer_phones p WHERE p.customer_id IN (\(unsafeRaw: list)) ORDER BY p.customer_id, p.position
            """).all(decoding: Row.self)
        var result: [Int64: (raw: [String], shared: Bool)] = [:]
        for row in rows {
            result[row.customer_id, default: ([], false)].raw.append(row.raw)
            if row.shared == 1 { result[row.customer_id]?.shared = true }
        }
        return result
    }
}

extension CustomerList {
    /// The relations (mối quan hệ) in their order, for the filter.
    public static func relations(on database: any Database) async throws -> [(id: Int64, name: String)] {
        struct Row: Decodable { var id: Int64; var name: String }
        return try await CallDeskDatabase.sql(database).raw("SELECT id, name FROM relations ORDER BY position, id")
            .all(decoding: Row.self).map { ($0.id, $0.name) }
    }
}
