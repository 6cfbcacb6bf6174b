import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// The customer list's bulk actions on a selection: change owner, add to a group, add to a campaign. Each is
/// one transaction over the selected customers that are live and inside the viewer's scope (others are
/// skipped, never touched), and each leaves a trace in the customers' care history.
public enum CustomerBulk {
    /// At most this many customers per action (a page holds at most 200).
    public static let largestSelection = 1_000

    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
        public init(fields: [String: String]) { self.fields = fields }
    }

    public struct Outcome: Sendable, Equatable {
        /// Customers changed.
        public var changed: Int
        /// Selected customers already in that state (same owner, already in the group or campaign).
        public var unchanged: Int
    }

    /// A selection holds one customer at least and ``largestSelection`` at most.
    static func checkSize(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { throw Problems(fields: ["ids": "Chọn ít nhất một khách hàng · Select at least one customer"]) }
        guard ids.count <= largestSelection else {
            throw Problems(fields: ["ids": "Chọn tối đa \(NumberFormat.grouped(Int64(largestSelection))) khách hàng mỗi lần"
                                    + " · Select at most \(largestSelection) customers at a time"])
        }
    }

    struct Selected: Decodable { var id: Int64; var owner_id: Int64? }

    static func selection(_ ids: [Int64], access: ViewerAccess, region: String, sql: any SQLDatabase) async throws -> [Selected] {
        try checkSize(ids)
        let filter = try await CustomerList.conditions(CustomerList.Query(ids: ids), access: access, region: region, sql: sql)
        return try await sql.raw("SELECT c.id, c.owner_id FROM customers c WHERE \(filter) ORDER BY c.id").all(decoding: Selected.self)
    }

    /// Gives the selected customers to `owner` (nil: no owner, only for a viewer who sees everything). The new
    /// owner must be an active person inside the viewer's scope, so the customers stay visible to them.
    public static func changeOwner(_ ids: [Int64], to owner: Int64?, access: ViewerAccess, region: String, by userID: Int64,
                                   now: Date, on database: any Database) async throws -> Outcome {
        let allowed = owner.map { id in access.people.contains { $0.id == id && $0.active } } ?? (access.ownerIDs == nil)
        guard allowed else {
            throw Problems(fields: ["owner": "Chọn một người đang làm việc trong phạm vi của bạn · Choose an active person within your scope"])
        }
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let moving = try await selection(ids, access: access, region: region, sql: sql).filter { $0.owner_id != owner }
            let all = ids.count
            guard !moving.isEmpty else { return Outcome(changed: 0, unchanged: all) }
            try await sql.raw("""
                UPDATE customers SET owner_id = \(bind: owner), updated_at = \(bind: now.epochMilliseconds)
                WHERE id IN (\(unsafeRaw: CustomerList.idList(moving.map(\.id))))
                """).run()
            try await CustomerChanges.recordOwnerChange(moving.map { ($0.id, $0.owner_id) }, to: owner, by: userID, now: now, sql: sql)
            return Outcome(changed: moving.count, unchanged: all - moving.count)
        }
    }

    /// Adds the selected customers to a group (once each).
    public static func addToGroup(_ ids: [Int64], group: Int64, access: ViewerAccess, region: String, by userID: Int64,
                                  now: Date, on database: any Database) async throws -> Outcome {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let name = try await sql.raw("SELECT name FROM customer_groups WHERE id = \(bind: group)")
                .first(decodingColumn: "name", as: String.self) else {
                throw Problems(fields: ["group": "Chọn một nhóm khách hàng · Choose a customer group"])
            }
            let selected = try await selection(ids, access: access, region: region, sql: sql)
            let already = Set(try await sql.raw("""
                SELECT customer_id FROM customer_group_members WHERE group_id = \(bind: group)
                AND customer_id IN (\(unsafeRaw: CustomerList.idList(selected.map(\.id))))
                """).all(decodingColumn: "customer_id", as: Int64.self))
            let adding = selected.map(\.id).filter { !already.contains($0) }
            for chunk in stride(from: 0, to: adding.count, by: 400).map({ adding[$0..<min($0 + 400, adding.count)] }) {
                let members = sql.insert(into: "customer_group_members").columns("customer_id", "group_id")
                let activity = sql.insert(into: "customer_activity").columns("customer_id", "kind", "detail", "user_id", "at")
                for id in chunk {
                    members.values(SQLBind(id), SQLBind(group))
                    activity.values(SQLBind(id), SQLBind("group_added"), SQLBind(name), SQLBind(userID),
                                    SQLBind(now.epochMilliseconds))
                }
                try await members.run()
                try await activity.run()
            }
            return Outcome(changed: adding.count, unchanged: ids.count - adding.count)
        }
    }

    /// Adds the selected customers to a campaign's first stage (see ``CampaignBoard/addCustomers``).
    public static func addToCampaign(_ ids: [Int64], campaign: Int64, access: ViewerAccess, region: String, now: Date,
                                     on database: any Database) async throws -> Outcome {
        try checkSize(ids)
        do {
            let added = try await CampaignBoard.addCustomers(to: campaign, matching: CustomerList.Query(ids: ids), access: access,
                                                             region: region, now: now, on: database)
            return Outcome(changed: added.added, unchanged: ids.count - added.added)
        } catch let problems as CampaignBoard.Problems {
            throw Problems(fields: problems.fields.mapKeys { $0 == "filter" ? "ids" : $0 })
        }
    }
}

extension Dictionary {
    func mapKeys<T: Hashable>(_ transform: (Key) -> T) -> [T: Value] {
        Dictionary<T, Value>(map { (transform($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}
