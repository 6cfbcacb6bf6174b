import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Computes the Telesales report (telesales-report.md R1–R17) inside the database: the viewer's
/// scope and the `owners` filter become a set of owners, the filters become bounds in epoch
/// milliseconds, and one SQL query (``TelesalesQuery``) counts every row and the Total.
public struct TelesalesReportEngine: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase { CallDeskDatabase.sql(database) }

    /// The report as `viewerID` sees it at `now`.
    /// - Throws: ``ReportRefusal`` when the viewer may not see what the filters ask for (R16),
    ///   ``ReportInvalidInput`` when a filter names nothing that exists.
    public func report(_ filters: TelesalesFilters, viewerID: Int64, now: Date) async throws -> TelesalesReport {
        try await database.transaction { connection in
            try await SQLDialectSupport.prepareForHeavyWork(CallDeskDatabase.sql(connection))
            return try await TelesalesReportEngine(database: connection).computeReport(filters, viewerID: viewerID, now: now)
        }
    }

    func computeReport(_ filters: TelesalesFilters, viewerID: Int64, now: Date) async throws -> TelesalesReport {
        let directory = try await ReportDirectory.load(sql)
        let plan = try await Plan.make(filters, viewerID: viewerID, now: now, directory: directory, sql: sql)
        let lines = try await sql.raw(plan.query.rowsSQL).all(decoding: TelesalesRowFigures.self)
        var byOwner: [Int64: TelesalesFigures] = [:]
        var unassignedFigures = TelesalesFigures()
        var total = TelesalesFigures()
        for line in lines {
            if line.is_total == 1 {
                total = line.figures
            } else if let owner = line.owner_id {
                byOwner[owner] = line.figures
            } else {
                unassignedFigures = line.figures
            }
        }
        // R6: every active selected user, plus inactive ones who own at least one member.
        let rowUsers = plan.rowUsers.filter { id in
            guard let user = directory.users[id] else { return false }
            return user.active || byOwner[id] != nil
        }
        let rows = rowUsers.map { directory.reportUser(directory.users[$0]!) }
            .sorted(by: ReportDirectory.rowOrder)
            .map { TelesalesRow(key: .user($0.id), user: $0, figures: byOwner[$0.id] ?? TelesalesFigures()) }
        let unassigned = plan.showsUnassigned ? TelesalesRow(key: .unassigned, figures: unassignedFigures) : nil
        return TelesalesReport(filters: filters, now: now, timeZone: directory.settings.timeZone, rows: rows,
                               unassigned: unassigned, total: TelesalesRow(key: .total, figures: total))
    }

    /// R15/R17: the members behind one cell, a page at a time. `total` equals the number in the cell.
    public func members(_ filters: TelesalesFilters, viewerID: Int64, now: Date, row: ReportRowKey,
                        metric: TelesalesMetric, page: Int = 1, perPage: Int = 50,
                        sort: MemberSort = .default) async throws -> MemberPage {
        try await database.transaction { connection in
            try await SQLDialectSupport.prepareForHeavyWork(CallDeskDatabase.sql(connection))
            return try await TelesalesReportEngine(database: connection)
                .listMembers(filters, viewerID: viewerID, now: now, row: row, metric: metric, page: page,
                             perPage: perPage, sort: sort)
        }
    }

    func listMembers(_ filters: TelesalesFilters, viewerID: Int64, now: Date, row: ReportRowKey,
                     metric: TelesalesMetric, page: Int, perPage: Int, sort: MemberSort) async throws -> MemberPage {
        guard let condition = TelesalesQuery.condition(metric) else {
            throw ReportInvalidInput("\(metric.rawValue) is not a count of members; drill down one of: "
                                     + TelesalesMetric.drillable.map(\.rawValue).joined(separator: ", "))
        }
        let directory = try await ReportDirectory.load(sql)
        let plan = try await Plan.make(filters, viewerID: viewerID, now: now, directory: directory, sql: sql)
        switch row {
        case .total: break
        case .unassigned:
            guard plan.showsUnassigned else {
                throw ReportRefusal("the Unassigned row is shown only to viewers who see the whole company, "
                                    + "with owners = all (R7)")
            }
        case .user(let id):
            guard plan.rowUsers.contains(id) else {
                if directory.users[id] == nil { throw ReportInvalidInput("no user has the id \(id)") }
                throw ReportRefusal("user \(id) is not among the rows this viewer may see with these filters (R16, R17)")
            }
        }
        let list = MemberList(sql: sql, query: plan.query, condition: condition, row: row)
        return try await list.page(page: max(page, 1), perPage: min(max(perPage, 1), 1_000), sort: sort)
    }
}

/// What a report request resolves to: the owners whose rows are shown, and the SQL bounds.
struct Plan {
    var rowUsers: [Int64]
    var showsUnassigned: Bool
    var query: TelesalesQuery

    static func make(_ filters: TelesalesFilters, viewerID: Int64, now: Date, directory: ReportDirectory,
                     sql: any SQLDatabase) async throws -> Plan {
        let scope = try await directory.scope(of: viewerID, sql: sql)
        let visible = directory.users.values.filter { scope.sees(userID: $0.id, department: $0.departmentID) }.map(\.id)
        var selected: [Int64]
        switch filters.owners {
        case .all:
            selected = visible
        case .user(let id):
            guard let user = directory.users[id] else { throw ReportInvalidInput("no user has the id \(id)") }
            guard scope.sees(userID: id, department: user.departmentID) else {
                throw ReportRefusal("\(user.name) (user \(id)) is outside what this viewer may see (R16)")
            }
            selected = [id]
        case .department(let id):
            guard directory.tree.nodes[id] != nil else { throw ReportInvalidInput("no department has the id \(id)") }
            let subtree = directory.tree.subtree(id)
            switch scope.scope {
            case .own:
                throw ReportRefusal("a viewer who sees only their own row cannot ask for a department (R16)")
            case .department where !subtree.isSubset(of: scope.departments):
                throw ReportRefusal("department \(id) is not entirely within this viewer's departments (R16)")
            default:
                break
            }
            // R5: members of the department and its descendants (heading is not membership).
            selected = directory.users.values.filter { $0.departmentID.map(subtree.contains) == true }.map(\.id)
        }
        if let campaign = filters.campaign {
            let exists = try await sql.select().column("id").from("campaigns")
                .where("id", .equal, SQLBind(campaign)).first()
            guard exists != nil else { throw ReportInvalidInput("no campaign has the id \(campaign)") }
        }
        var groups = Set<Int64>()
        for group in filters.groups {
            guard directory.groupTree.nodes[group] != nil else { throw ReportInvalidInput("no group has the id \(group)") }
            groups.formUnion(directory.groupTree.subtree(group))
        }
        let showsUnassigned = filters.owners == .all && scope.seesUnassigned
        let zone = directory.settings.timeZone
        let created = filters.created.instants(in: zone)
        let calls = filters.calls.instants(in: zone)
        let query = TelesalesQuery(
            now: now.epochMilliseconds, createdStart: created.start, createdEnd: created.end,
            callsStart: calls.start, callsEnd: calls.end, basis: filters.basis, campaign: filters.campaign,
            sources: filters.sources.sorted(), groups: groups.sorted(),
            owners: showsUnassigned ? nil : selected.sorted(), includeUnassigned: false)
        return Plan(rowUsers: selected, showsUnassigned: showsUnassigned, query: query)
    }
}

extension TelesalesReportEngine {
    /// The report's SQL for these inputs with every bound value written inline, for `EXPLAIN` and for
    /// running the same query in another engine (benchmarks). Never executed in this form.
    public func inlinedSQL(_ filters: TelesalesFilters, viewerID: Int64, now: Date) async throws -> String {
        let directory = try await ReportDirectory.load(sql)
        let plan = try await Plan.make(filters, viewerID: viewerID, now: now, directory: directory, sql: sql)
        var serializer = SQLSerializer(database: sql)
        plan.query.rowsSQL.serialize(to: &serializer)
        var text = ""
        var binds = serializer.binds.makeIterator()
        var remaining = Substring(serializer.sql)
        // SQLite writes `?1`, `?2`…, PostgreSQL `$1`, `$2`…
        while let next = remaining.firstIndex(where: { $0 == "?" || $0 == "$" }) {
            text += remaining[..<next]
            var after = remaining.index(after: next)
            while after < remaining.endIndex, remaining[after].isNumber { after = remaining.index(after: after) }
            let value = binds.next()
            switch value {
            case let number as Int64: text += String(number)
            case let number as Int: text += String(number)
            case let string as String: text += "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
            case let flag as Bool: text += flag ? "TRUE" : "FALSE"
            default: text += "NULL"
            }
            remaining = remaining[after...]
        }
        return text + remaining
    }
}
