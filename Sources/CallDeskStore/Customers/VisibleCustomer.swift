import CallDeskCore
import Foundation
import SQLKit

/// A live customer named the way staff name one in a form — its code (`KH000123`, any case) or its
/// id — found only when the viewer's scope includes it (otherwise it does not exist for them).
public struct VisibleCustomer: Sendable, Equatable {
    public var id: Int64
    public var code: String

    static func find(_ text: String, access: ViewerAccess, sql: any SQLDatabase) async throws -> VisibleCustomer? {
        let wanted = text.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return nil }
        struct Found: Decodable { var id: Int64; var code: String?; var owner_id: Int64? }
        guard let found = try await sql.raw("""
            SELECT id, code, owner_id FROM customers
            WHERE deleted_at IS NULL AND (code = \(bind: wanted.uppercased()) OR id = \(bind: Int64(wanted) ?? -1))
            ORDER BY id LIMIT 1
            """).first(decoding: Found.self), access.sees(ownerID: found.owner_id) else { return nil }
        return VisibleCustomer(id: found.id, code: found.code ?? String(found.id))
    }
}

/// One page of a list that reads a row more than it shows instead of counting (calls, tasks, orders):
/// it knows whether a next page exists, not how many there are.
public struct ListPage<Item: Sendable>: Sendable {
    public var page: Int
    public var perPage: Int
    public var items: [Item]
    public var hasNext: Bool

    init(page: Int, perPage: Int, items: [Item], hasNext: Bool) {
        self.page = page
        self.perPage = perPage
        self.items = items
        self.hasNext = hasNext
    }

    /// `rows` as read with `LIMIT perPage + 1`.
    init(page: Int, perPage: Int, rows: [Item]) {
        self.page = page
        self.perPage = perPage
        items = Array(rows.prefix(perPage))
        hasNext = rows.count > perPage
    }
}
