import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Settings › Danh mục: the three lists a customer is tagged with — sources (nguồn), groups (nhóm, a tree)
/// and relations (mối quan hệ, an ordered list). Names are trimmed, not empty and unique within their
/// list; an entry is deleted only while no customer (not even one in the bin) uses it.
public enum CustomerCatalogues {
    public enum Kind: String, Sendable, CaseIterable {
        case sources, groups, relations

        var table: String {
            switch self {
            case .sources: return "sources"
            case .groups: return "customer_groups"
            case .relations: return "relations"
            }
        }

        /// `customer_id`s using entry `id`, with the customer's `deleted_at`: the link table or the column.
        var usageSQL: SQLQueryString {
            switch self {
            case .sources:
                return "SELECT l.source_id AS entry_id, c.deleted_at FROM customer_sources l JOIN customers c ON c.id = l.customer_id"
            case .groups:
                return "SELECT l.group_id AS entry_id, c.deleted_at FROM customer_group_members l JOIN customers c ON c.id = l.customer_id"
            case .relations:
                return "SELECT c.relation_id AS entry_id, c.deleted_at FROM customers c WHERE c.relation_id IS NOT NULL"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var name: String
        /// Groups: the parent group; nil at the top (and for the other kinds).
        public var parentID: Int64?
        /// Groups: how deep in the tree (0 at the top); relations: the position in the order.
        public var depth: Int
        public var position: Int
        /// Customers using the entry, not counting deleted ones.
        public var customers: Int64
        /// Deleted customers (in the bin) still tagged with it: they keep it if they are restored.
        public var deletedCustomers: Int64
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]

        public init(fields: [String: String]) { self.fields = fields }
    }

    /// The entries of one list: sources by name, groups as a tree (each parent before its children,
    /// siblings by name), relations by position.
    public static func list(_ kind: Kind, on database: any Database) async throws -> [Entry] {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable { var id: Int64; var name: String; var parent_id: Int64?; var position: Int? }
        let columns: SQLQueryString = switch kind {
        case .sources: "id, name, NULL AS parent_id, NULL AS position"
        case .groups: "id, name, parent_id, NULL AS position"
        case .relations: "id, name, NULL AS parent_id, position"
        }
        let rows = try await sql.raw("SELECT \(columns) FROM \(unsafeRaw: kind.table)").all(decoding: Row.self)
        struct Usage: Decodable { var entry_id: Int64; var live: Int64; var deleted: Int64 }
        let usage = try await sql.raw("""
            SELECT u.entry_id, COUNT(*) - COUNT(u.deleted_at) AS live, COUNT(u.deleted_at) AS deleted
            FROM (\(kind.usageSQL)) u GROUP BY u.entry_id
            """).all(decoding: Usage.self)
        let counts = Dictionary(usage.map { ($0.entry_id, $0) }) { a, _ in a }
        func entry(_ row: Row, depth: Int) -> Entry {
            Entry(id: row.id, name: row.name, parentID: row.parent_id, depth: depth, position: row.position ?? 0,
                  customers: counts[row.id]?.live ?? 0, deletedCustomers: counts[row.id]?.deleted ?? 0)
        }
        func byName(_ a: Row, _ b: Row) -> Bool {
            let order = VietnameseCollation.compare(a.name, b.name)
            return order == .orderedSame ? a.id < b.id : order == .orderedAscending
        }
        switch kind {
        case .sources:
            return rows.sorted(by: byName).map { entry($0, depth: 0) }
        case .relations:
            return rows.sorted { ($0.position ?? 0, $0.id) < ($1.position ?? 0, $1.id) }.map { entry($0, depth: 0) }
        case .groups:
            let known = Set(rows.map(\.id))
            let children = Dictionary(grouping: rows) { $0.parent_id.flatMap { known.contains($0) ? $0 : nil } ?? -1 }
            var out: [Entry] = []
            func walk(_ parent: Int64, _ depth: Int) {
                for row in (children[parent] ?? []).sorted(by: byName) where !out.contains(where: { $0.id == row.id }) {
                    out.append(entry(row, depth: depth))
                    walk(row.id, depth + 1)
                }
            }
            walk(-1, 0)
            return out
        }
    }

    /// Adds an entry; answers its id. Groups may name a parent group.
    @discardableResult
    public static func add(_ kind: Kind, name: String, parentID: Int64? = nil, on database: any Database) async throws -> Int64 {
        let entries = try await list(kind, on: database)
        let clean = try checkedName(name, kind: kind, among: entries, except: nil)
        if kind == .groups, let parentID, !entries.contains(where: { $0.id == parentID }) {
            throw Problems(fields: ["parent": "Không có nhóm cha này · No such parent group"])
        }
        let sql = CallDeskDatabase.sql(database)
        let insert: SQLInsertBuilder
        switch kind {
        case .sources:
            insert = sql.insert(into: kind.table).columns("external_id", "name")
                .values(SQLBind(externalID()), SQLBind(clean))
        case .groups:
            insert = sql.insert(into: kind.table).columns("external_id", "name", "parent_id")
                .values(SQLBind(externalID()), SQLBind(clean), SQLBind(parentID))
        case .relations:
            let next = (entries.map(\.position).max() ?? 0) + 1
            insert = sql.insert(into: kind.table).columns("name", "position").values(SQLBind(clean), SQLBind(next))
        }
        guard let id = try await insert.returning("id").first(decodingColumn: "id", as: Int64.self) else {
            throw Problems(fields: ["name": "Không lưu được · Not saved"])
        }
        return id
    }

    /// Renames an entry; for a group, also moves it under `parentID` (nil: to the top). A move into
    /// itself or one of its own subgroups would make a cycle and is refused.
    public static func update(_ kind: Kind, id: Int64, name: String, parentID: Int64? = nil,
                              on database: any Database) async throws {
        let entries = try await list(kind, on: database)
        guard let current = entries.first(where: { $0.id == id }) else {
            throw Problems(fields: ["name": "Không có mục này · No such entry"])
        }
        var problems: [String: String] = [:]
        var clean = ""
        do { clean = try checkedName(name, kind: kind, among: entries, except: id) } catch let problem as Problems {
            problems.merge(problem.fields) { a, _ in a }
        }
        if kind == .groups, let parentID {
            if !entries.contains(where: { $0.id == parentID }) {
                problems["parent"] = "Không có nhóm cha này · No such parent group"
            } else if parentID == id {
                problems["parent"] = "Một nhóm không thể nằm trong chính nó · A group can't be inside itself"
            } else if subtree(of: id, in: entries).contains(parentID) {
                let parent = entries.first { $0.id == parentID }?.name ?? ""
                problems["parent"] = "Không thể chuyển “\(current.name)” vào “\(parent)”: “\(parent)” là nhóm con của"
                    + " “\(current.name)”, nhóm sẽ thành vòng lặp · Can't move “\(current.name)” under “\(parent)”:"
                    + " “\(parent)” is inside “\(current.name)”, the groups would form a cycle"
            }
        }
        guard problems.isEmpty else { throw Problems(fields: problems) }
        let update = CallDeskDatabase.sql(database).update(kind.table).set("name", to: SQLBind(clean))
        if kind == .groups { update.set("parent_id", to: SQLBind(parentID)) }
        try await update.where("id", .equal, SQLBind(id)).run()
    }

    /// Relations: swaps an entry with its neighbour above (`up`) or below; nothing at either end.
    public static func move(relation id: Int64, up: Bool, on database: any Database) async throws {
        try await database.transaction { transaction in
            let entries = try await list(.relations, on: transaction)
            guard let index = entries.firstIndex(where: { $0.id == id }) else { return }
            let other = up ? index - 1 : index + 1
            guard entries.indices.contains(other) else { return }
            let sql = CallDeskDatabase.sql(transaction)
            // Renumber the whole list 1…n in the new order, so equal or missing positions also come out right.
            var order = entries.map(\.id)
            order.swapAt(index, other)
            for (position, entryID) in order.enumerated() {
                try await sql.update("relations").set("position", to: SQLBind(position + 1))
                    .where("id", .equal, SQLBind(entryID)).run()
            }
        }
    }

    /// Deletes an entry nobody uses: no customer (deleted ones included) and, for a group, no subgroup.
    public static func delete(_ kind: Kind, id: Int64, on database: any Database) async throws {
        let entries = try await list(kind, on: database)
        guard let entry = entries.first(where: { $0.id == id }) else { return }
        if entry.customers > 0 || entry.deletedCustomers > 0 {
            var vietnamese = "Không xoá được “\(entry.name)”: đang có \(NumberFormat.grouped(entry.customers)) khách hàng dùng"
            var english = "Can't delete “\(entry.name)”: \(NumberFormat.grouped(entry.customers)) customers use it"
            if entry.deletedCustomers > 0 {
                vietnamese += " (và \(NumberFormat.grouped(entry.deletedCustomers)) khách hàng đã xoá)"
                english += " (and \(NumberFormat.grouped(entry.deletedCustomers)) deleted customers)"
            }
            throw Problems(fields: ["delete": vietnamese + " · " + english])
        }
        let children = entries.filter { $0.parentID == id }.count
        if kind == .groups, children > 0 {
            throw Problems(fields: ["delete": "Không xoá được “\(entry.name)”: còn \(children) nhóm con"
                                    + " · Can't delete “\(entry.name)”: it has \(children) subgroups"])
        }
        try await CallDeskDatabase.sql(database).delete(from: kind.table).where("id", .equal, SQLBind(id)).run()
    }

    /// `id` and every group below it.
    static func subtree(of id: Int64, in entries: [Entry]) -> Set<Int64> {
        var found: Set<Int64> = [id]
        var frontier = [id]
        while let next = frontier.popLast() {
            for child in entries where child.parentID == next && !found.contains(child.id) {
                found.insert(child.id)
                frontier.append(child.id)
            }
        }
        return found
    }

    /// The trimmed name, or a message: empty, too long, or already in the list (case and spacing aside).
    static func checkedName(_ name: String, kind: Kind, among entries: [Entry], except id: Int64?) throws -> String {
        let clean = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !clean.isEmpty else { throw Problems(fields: ["name": "Nhập tên · Enter a name"]) }
        guard clean.count <= 100 else { throw Problems(fields: ["name": "Tên dài quá 100 ký tự · The name is longer than 100 characters"]) }
        let key = clean.lowercased()
        if entries.contains(where: { $0.id != id && $0.name.lowercased() == key }) {
            let what = switch kind {
            case .sources: ("nguồn", "source")
            case .groups: ("nhóm", "group")
            case .relations: ("mối quan hệ", "relation")
            }
            throw Problems(fields: ["name": "Đã có \(what.0) “\(clean)” · There is already a \(what.1) “\(clean)”"])
        }
        return clean
    }

    static func externalID() -> String { "web-" + UUID().uuidString.lowercased() }
}
