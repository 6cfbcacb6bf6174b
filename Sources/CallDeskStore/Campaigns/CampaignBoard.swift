import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Campaigns (`/campaigns`): the list, one campaign's opportunities by stage, moving an opportunity to
/// another stage or owner, and adding the customers a customer-list filter finds. An opportunity belongs
/// to its owner (the opportunity basis of the report); unowned ones are seen only with the `all` scope.
public enum CampaignBoard {
    public struct Summary: Sendable, Equatable {
        public var id: Int64
        public var code: String?
        public var name: String
        public var startsOn: String?
        public var endsOn: String?
        public var stages: [String]
        /// Opportunities in the viewer's scope.
        public var opportunities: Int
    }

    public struct Card: Sendable, Equatable {
        public var id: Int64
        public var customerID: Int64
        public var customerName: String
        public var ownerID: Int64?
        public var ownerName: String?
        public var stage: String
        public var value: Int64?
    }

    public struct Column: Sendable, Equatable {
        public var stage: String
        public var count: Int
        /// The newest ones, at most ``perColumn`` (a board to work from, not a list of everyone).
        public var cards: [Card]
    }

    public struct Board: Sendable {
        public var campaign: Summary
        public var columns: [Column]
    }

    public static let perColumn = 20

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
    }

    /// Every campaign, or only the one with `id`.
    public static func list(access: ViewerAccess, only id: Int64? = nil, on database: any Database) async throws -> [Summary] {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable {
            var id: Int64; var code: String?; var name: String; var starts_on: String?; var ends_on: String?; var n: Int64
        }
        var scope: SQLQueryString = ""
        scope += access.sqlRestriction("o.owner_id")
        let rows = try await sql.raw("""
            SELECT k.id, k.code, k.name, k.starts_on, k.ends_on,
                   (SELECT COUNT(*) FROM opportunities o WHERE o.campaign_id = k.id AND o.deleted_at IS NULL \(scope)) AS n
            FROM campaigns k WHERE \(id.map { "k.id = \(bind: $0)" as SQLQueryString } ?? "1 = 1")
            ORDER BY k.starts_on DESC, k.id DESC
            """).all(decoding: Row.self)
        let stages = try await stagesByCampaign(sql: sql)
        return rows.map {
            Summary(id: $0.id, code: $0.code, name: $0.name, startsOn: $0.starts_on, endsOn: $0.ends_on,
                    stages: stages[$0.id] ?? [], opportunities: Int($0.n))
        }
    }

    static func stagesByCampaign(sql: any SQLDatabase) async throws -> [Int64: [String]] {
        struct Row: Decodable { var campaign_id: Int64; var name: String }
        var result: [Int64: [String]] = [:]
        for row in try await sql.raw("SELECT campaign_id, name FROM campaign_stages ORDER BY campaign_id, position")
            .all(decoding: Row.self) {
            result[row.campaign_id, default: []].append(row.name)
        }
        return result
    }

    /// The campaign's opportunities in the viewer's scope by stage (stages in their order; a stage name no
    /// longer in the list, or none, gathers in a last column), optionally of one owner.
    public static func board(_ id: Int64, owner: Int64?, access: ViewerAccess, on database: any Database) async throws -> Board? {
        guard let campaign = try await list(access: access, only: id, on: database).first else { return nil }
        let sql = CallDeskDatabase.sql(database)
        var filter: SQLQueryString = "o.campaign_id = \(bind: id) AND o.deleted_at IS NULL"
        filter += access.sqlRestriction("o.owner_id")
        if let owner { filter += " AND o.owner_id = \(bind: owner)" }
        struct Count: Decodable { var stage: String?; var n: Int64 }
        let counts = try await sql.raw("SELECT o.stage, COUNT(*) AS n FROM opportunities o WHERE \(filter) GROUP BY o.stage")
            .all(decoding: Count.self)
        struct Row: Decodable {
            var id: Int64; var customer_id: Int64; var customer_name: String; var owner_id: Int64?; var owner_name: String?
            var stage: String?; var value: Int64?
        }
        var columns: [Column] = []
        let known = Set(campaign.stages)
        let others = counts.filter { $0.stage.map { !known.contains($0) } ?? true }
        for stage in campaign.stages + (others.isEmpty ? [] : [""]) {
            let condition: SQLQueryString = stage.isEmpty
                ? (known.isEmpty ? "1 = 1" : "(o.stage IS NULL OR o.stage NOT IN (\(binds: campaign.stages)))")
                : "o.stage = \(bind: stage)"
            let cards = try await sql.raw("""
                SELECT o.id, o.customer_id, c.name AS customer_name, o.owner_id, u.name AS owner_name, o.stage, o.value
                FROM opportunities o JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id
                WHERE \(filter) AND \(condition) ORDER BY o.created_at DESC, o.id DESC LIMIT \(literal: perColumn)
                """).all(decoding: Row.self).map {
                Card(id: $0.id, customerID: $0.customer_id, customerName: $0.customer_name, ownerID: $0.owner_id,
                     ownerName: $0.owner_name, stage: $0.stage ?? "", value: $0.value)
            }
            let count = stage.isEmpty ? others.reduce(0) { $0 + Int($1.n) }
                : Int(counts.first { $0.stage == stage }?.n ?? 0)
            columns.append(Column(stage: stage, count: count, cards: cards))
        }
        return Board(campaign: campaign, columns: columns)
    }

    /// Moves an opportunity to another stage and/or owner. The opportunity must be in the viewer's scope and
    /// the new owner someone the viewer sees (or nobody, with the `all` scope).
    public static func update(opportunity id: Int64, stage: String, ownerID: Int64?, access: ViewerAccess, now: Date,
                              on database: any Database) async throws {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            struct Found: Decodable { var campaign_id: Int64; var owner_id: Int64? }
            guard let found = try await sql.raw("""
                SELECT campaign_id, owner_id FROM opportunities WHERE id = \(bind: id) AND deleted_at IS NULL
                """).first(decoding: Found.self), access.sees(ownerID: found.owner_id) else {
                throw Problems(fields: ["opportunity": "Không có cơ hội này trong phạm vi của bạn · No such opportunity within your scope"])
            }
            let stages = try await stagesByCampaign(sql: sql)[found.campaign_id] ?? []
            guard stages.contains(stage) else {
                throw Problems(fields: ["stage": "Chọn một giai đoạn của chiến dịch · Choose one of the campaign's stages"])
            }
            if let ownerID, !access.people.contains(where: { $0.id == ownerID && $0.active }) {
                throw Problems(fields: ["owner": "Chỉ giao được cho người đang làm việc trong phạm vi của bạn"
                                        + " · You can only assign to active staff within your scope"])
            }
            if ownerID == nil, access.scope.scope != .all {
                throw Problems(fields: ["owner": "Chọn người phụ trách · Choose an owner"])
            }
            let last = stages.last == stage
            try await sql.raw("""
                UPDATE opportunities SET stage = \(bind: stage), owner_id = \(bind: ownerID),
                       closed_at = \(bind: last ? now.epochMilliseconds : nil as Int64?)
                WHERE id = \(bind: id)
                """).run()
        }
    }

    public struct Added: Sendable, Equatable {
        public var added: Int
        /// Customers the filter found that were in the campaign already (and it allows no duplicates).
        public var alreadyIn: Int
    }

    public static let largestAddition = 5_000

    /// Adds every customer the customer-list query finds (in the viewer's scope) to the campaign, in its
    /// first stage, owned by the customer's owner — in one transaction, at most ``largestAddition``.
    public static func addCustomers(to id: Int64, matching query: CustomerList.Query, access: ViewerAccess,
                                    region: String, now: Date, on database: any Database) async throws -> Added {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            struct Campaign: Decodable { var allow_duplicates: Bool; var locked: Bool }
            guard let campaign = try await sql.raw("SELECT allow_duplicates, locked FROM campaigns WHERE id = \(bind: id)")
                .first(decoding: Campaign.self) else {
                throw Problems(fields: ["campaign": "Không có chiến dịch này · No such campaign"])
            }
            if campaign.locked {
                throw Problems(fields: ["campaign": "Chiến dịch đã khoá, không thêm khách được · The campaign is locked"])
            }
            let first = try await stagesByCampaign(sql: sql)[id]?.first
            struct Found: Decodable { var id: Int64; var owner_id: Int64?; var already: Int64 }
            let filter = try await CustomerList.conditions(query, access: access, region: region, sql: sql)
            let found = try await sql.raw("""
                SELECT c.id, c.owner_id,
                       (SELECT COUNT(*) FROM opportunities o WHERE o.campaign_id = \(bind: id) AND o.customer_id = c.id
                          AND o.deleted_at IS NULL) AS already
                FROM customers c WHERE \(filter)
                ORDER BY c.id LIMIT \(literal: largestAddition + 1)
                """).all(decoding: Found.self)
            guard found.count <= largestAddition else {
                throw Problems(fields: ["filter": "Bộ lọc tìm được hơn \(NumberFormat.grouped(Int64(largestAddition))) khách hàng — thu hẹp bộ lọc"
                                        + " · The filter finds more than \(largestAddition) customers — narrow it"])
            }
            let adding = found.filter { campaign.allow_duplicates || $0.already == 0 }
            if !adding.isEmpty {
                let insert = sql.insert(into: "opportunities")
                    .columns("external_id", "campaign_id", "customer_id", "owner_id", "stage", "created_at")
                for customer in adding {
                    insert.values(SQLBind("web-" + UUID().uuidString.lowercased()), SQLBind(id), SQLBind(customer.id),
                                  SQLBind(customer.owner_id), SQLBind(first), SQLBind(now.epochMilliseconds))
                }
                try await insert.run()
            }
            return Added(added: adding.count, alreadyIn: found.count - adding.count)
        }
    }
}
