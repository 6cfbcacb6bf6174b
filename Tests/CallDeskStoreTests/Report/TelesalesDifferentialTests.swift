import CallDeskCore
@testable import CallDeskStore
import Fluent
import Foundation
import SQLKit
import Testing

/// Differential tests of the Telesales report (shared/style.md, "Tests"): random tricky companies from a seeded
/// generator, each imported into a database of its own; for several filters and viewers, every figure of every row,
/// Unassigned and Total, the row order, R14's invariants, every drill-down list (R15, R17) and the refusals (R16)
/// of the engine are compared with the in-memory reference. A failure prints the seed, the filters and the viewer.
///
/// Seeds 1…N, N from `CALLDESK_DIFF_SEEDS` (default 40); a longer run:
/// `CALLDESK_DIFF_SEEDS=300 swift test --filter TelesalesDifferential`; one seed again: `CALLDESK_DIFF_SEED=17`;
/// seeds 101…200: `CALLDESK_DIFF_FIRST_SEED=101 CALLDESK_DIFF_SEEDS=200`.
/// The seeds run in four lanes, one seed after another in each (every seed in a database of its own): Swift
/// Testing would otherwise start every seed's database at once.
@Suite("Telesales report: engine vs reference (differential, R1–R17)")
struct TelesalesDifferentialTests {
    static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        if let one = environment["CALLDESK_DIFF_SEED"].flatMap({ UInt64($0) }) { return [one] }
        let count = environment["CALLDESK_DIFF_SEEDS"].flatMap { UInt64($0) } ?? 40
        let first = environment["CALLDESK_DIFF_FIRST_SEED"].flatMap { UInt64($0) } ?? 1
        return Array(first...max(count, first))
    }()

    static let lanes = 4

    @Test("every figure, row, list and refusal agrees with the reference", arguments: 0..<lanes)
    func agreesWithReference(lane: Int) async throws {
        for seed in Self.seeds where Int(seed % UInt64(Self.lanes)) == lane {
            do {
                try await check(seed: seed)
            } catch {
                Issue.record(error, "seed \(seed) on \(TestDatabase.name): \(String(describing: error))")
            }
        }
    }

    private func check(seed: UInt64) async throws {
        var company = RandomCompany(seed: seed)
        let written = BundleWriter.write(company.bundle, timeZone: company.writerTimeZone)
        let files = Dictionary(uniqueKeysWithValues: written.map { ($0.name, $0.bytes) })
        // The reference reads exactly what the importer reads.
        let read = BundleReader.read(files: files)
        guard read.errors.isEmpty else {
            let errors = read.errors.prefix(20).map(\.description).joined(separator: "\n")
            Issue.record(Comment(rawValue: "seed \(seed): the generated bundle is invalid:\n\(errors)"))
            return
        }
        let reference = ReferenceTelesalesReport(bundle: read.bundle)
        let combinations = company.filterCombinations(count: 6)
        let frozen = company
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: files, into: app.db)
            let ids = try await DatabaseIDs.load(app.db)
            let comparison = EngineComparison(engine: TelesalesReportEngine(database: app.db), ids: ids,
                                              reference: reference)
            var failures = 0
            for filters in combinations {
                for viewer in frozen.viewers {
                    let problems = try await comparison.compare(filters, viewer: viewer, now: frozen.now,
                                                                pages: viewer == frozen.viewers.first)
                    guard !problems.isEmpty else { continue }
                    failures += 1
                    if failures > 8 { continue }  // enough to go on; the rest would repeat
                    Issue.record(Comment(rawValue: comparison.describe(seed: seed, company: frozen, filters: filters,
                                                                       viewer: viewer, problems: problems)))
                }
            }
            if failures > 8 {
                Issue.record("seed \(seed): \(failures - 8) more (filters, viewer) combinations disagree")
            }
        }
    }
}

/// Bundle ids ↔ database ids, read from the tables' `external_id`.
struct DatabaseIDs: Sendable {
    private var ids: [String: [String: Int64]] = [:]
    private var externals: [String: [Int64: String]] = [:]

    static let tables = ["users", "departments", "sources", "customer_groups", "customers", "campaigns",
                         "opportunities"]

    static func load(_ database: any Database) async throws -> DatabaseIDs {
        let sql = CallDeskDatabase.sql(database)
        var result = DatabaseIDs()
        for table in tables {
            let rows = try await sql.raw("SELECT id, external_id FROM \(unsafeRaw: table)").all()
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                let external = try row.decode(column: "external_id", as: String.self)
                result.ids[table, default: [:]][external] = id
                result.externals[table, default: [:]][id] = external
            }
        }
        return result
    }

    func id(_ table: String, _ external: String) -> Int64 {
        guard let id = ids[table]?[external] else { preconditionFailure("no \(table) row for bundle id \(external)") }
        return id
    }

    func external(_ table: String, _ id: Int64) -> String {
        externals[table]?[id] ?? "?\(table)#\(id)"
    }

    func user(_ external: String) -> Int64 { id("users", external) }

    func filters(_ filters: ReferenceFilters) -> TelesalesFilters {
        let owners: OwnerFilter
        switch filters.owners {
        case .all: owners = .all
        case .user(let user): owners = .user(id("users", user))
        case .department(let department): owners = .department(id("departments", department))
        }
        return TelesalesFilters(basis: filters.basis, owners: owners,
                                campaign: filters.campaign.map { id("campaigns", $0) },
                                sources: filters.sources.map { id("sources", $0) },
                                groups: filters.groups.map { id("customer_groups", $0) },
                                created: filters.created, calls: filters.calls)
    }

    func row(_ key: ReferenceRowKey) -> ReportRowKey {
        switch key {
        case .user(let id): return .user(user(id))
        case .unassigned: return .unassigned
        case .total: return .total
        }
    }
}

/// The engine's answer for one (filters, viewer, now), in bundle ids.
struct EngineView {
    var rows: [(user: String, figures: TelesalesFigures)]
    var unassigned: TelesalesFigures?
    var total: TelesalesFigures
}

/// One drill-down list, all pages (R15).
struct EngineList {
    var total: Int
    var members: [ReportMember]
}

/// Runs the engine and compares it with the reference.
struct EngineComparison {
    let engine: TelesalesReportEngine
    let ids: DatabaseIDs
    let reference: ReferenceTelesalesReport

    /// The engine's report in bundle ids; nil when it refuses (R16).
    func report(_ filters: ReferenceFilters, viewer: String, now: Date) async throws -> EngineView? {
        let report: TelesalesReport
        do {
            report = try await engine.report(ids.filters(filters), viewerID: ids.user(viewer), now: now)
        } catch is ReportRefusal {
            return nil
        }
        let rows = report.rows.map { row -> (user: String, figures: TelesalesFigures) in
            switch row.key {
            case .user(let id): return (ids.external("users", id), row.figures)
            case .unassigned: return ("<unassigned among the user rows>", row.figures)
            case .total: return ("<total among the user rows>", row.figures)
            }
        }
        return EngineView(rows: rows, unassigned: report.unassigned?.figures, total: report.total.figures)
    }

    /// Every page of a drill-down (perPage 1000); nil when the engine refuses.
    func list(_ filters: ReferenceFilters, viewer: String, now: Date, row: ReferenceRowKey,
              metric: TelesalesMetric) async throws -> EngineList? {
        var members: [ReportMember] = []
        var page = 1
        var total = 0
        do {
            while page <= 50 {
                let result = try await engine.members(ids.filters(filters), viewerID: ids.user(viewer), now: now,
                                                      row: ids.row(row), metric: metric, page: page, perPage: 1_000,
                                                      sort: .default)
                total = result.total
                members += result.members
                if result.members.isEmpty || members.count >= total { break }
                page += 1
            }
        } catch is ReportRefusal {
            return nil
        }
        return EngineList(total: total, members: members)
    }

    func memberID(_ member: ReportMember, basis: ReportBasis) -> String {
        basis == .opportunity ? (member.opportunityExternalID ?? "?opportunity#\(member.opportunityID ?? -1)")
            : member.customerExternalID
    }

    /// Everything that differs, as lines a person can read; empty when the engine agrees. With `pages`, also
    /// walks the Total row's list in small pages in every sort.
    func compare(_ filters: ReferenceFilters, viewer: String, now: Date, pages: Bool = false) async throws -> [String] {
        let expected = reference.report(filters, viewer: viewer, now: now)
        let actual = try await report(filters, viewer: viewer, now: now)
        switch (expected, actual) {
        case (.refused(let reason), nil):
            // R17: the drill-down obeys the same scope.
            let list = try await self.list(filters, viewer: viewer, now: now, row: .total, metric: .members)
            return list == nil ? [] : ["R16/R17: the report is refused (\(reason)) but its drill-down is not"]
        case (.refused(let reason), .some):
            return ["R16: the reference refuses (\(reason)); the engine returns a report"]
        case (.report, nil):
            return ["R16: the engine refuses; the reference sees no reason to"]
        case (.report(let expected), .some(let actual)):
            var problems = compareFigures(expected, actual)
            problems += try await compareLists(expected, actual, filters, viewer: viewer, now: now)
            if pages { problems += try await comparePages(expected, filters, viewer: viewer, now: now) }
            return problems
        }
    }

    private func compareFigures(_ expected: ReferenceReport, _ actual: EngineView) -> [String] {
        var problems: [String] = []
        // R6: the same rows…
        let expectedUsers = expected.rows.map(\.user), actualUsers = actual.rows.map(\.user)
        let missing = expectedUsers.filter { !actualUsers.contains($0) }
        let extra = actualUsers.filter { !expectedUsers.contains($0) }
        if !missing.isEmpty { problems.append("R6: rows missing: \(missing)") }
        if !extra.isEmpty { problems.append("R6: rows that should not be there: \(extra)") }
        if Set(actualUsers).count != actualUsers.count { problems.append("R6: a user has two rows: \(actualUsers)") }
        // …in R6's order (users that tie on department path and name may come in either order).
        for (a, b) in zip(actualUsers, actualUsers.dropFirst())
        where reference.compareRows(a, b) == .orderedDescending {
            problems.append("R6: row order: \(describe(user: a)) comes before \(describe(user: b)); expected "
                            + "\(expectedUsers.map(describe(user:)))")
            break
        }
        // Every figure of every row, Unassigned and Total.
        for (user, figures) in expected.rows {
            guard let row = actual.rows.first(where: { $0.user == user }) else { continue }
            problems += Self.differences(expected: figures, actual: row.figures, row: "user:\(user)")
        }
        switch (expected.unassigned, actual.unassigned) {
        case (nil, nil): break
        case (nil, .some): problems.append("R7: the engine shows an Unassigned row; the reference hides it")
        case (.some, nil): problems.append("R7: the engine hides the Unassigned row; the reference shows it")
        case (.some(let e), .some(let a)): problems += Self.differences(expected: e, actual: a, row: "unassigned")
        }
        problems += Self.differences(expected: expected.total, actual: actual.total, row: "total")
        // R14: the invariants on every row, and Total = the sum of the other rows, column by column.
        var sum = TelesalesFigures()
        for (user, figures) in actual.rows {
            sum = sum + figures
            if !figures.invariantViolations.isEmpty {
                problems.append("R14: user:\(user): \(figures.invariantViolations)")
            }
        }
        if let unassigned = actual.unassigned {
            sum = sum + unassigned
            if !unassigned.invariantViolations.isEmpty {
                problems.append("R14: unassigned: \(unassigned.invariantViolations)")
            }
        }
        if !actual.total.invariantViolations.isEmpty {
            problems.append("R14: total: \(actual.total.invariantViolations)")
        }
        if sum != actual.total {
            let differences = Self.differences(expected: sum, actual: actual.total, row: "total")
            problems.append("R8/R14: Total is not the sum of the rows: " + differences.joined(separator: "; "))
        }
        return problems
    }

    static func differences(expected: TelesalesFigures, actual: TelesalesFigures, row: String) -> [String] {
        TelesalesMetric.allCases.compactMap { metric in
            expected[metric] == actual[metric] ? nil
                : "\(row) \(metric.rawValue): expected \(expected[metric]), engine \(actual[metric])"
        }
    }

    private func compareLists(_ expected: ReferenceReport, _ actual: EngineView, _ filters: ReferenceFilters,
                              viewer: String, now: Date) async throws -> [String] {
        var problems: [String] = []
        var rows: [(ReferenceRowKey, TelesalesFigures)] = actual.rows
            .filter { row in expected.rows.contains { $0.user == row.user } }
            .map { (.user($0.user), $0.figures) }
        if let unassigned = actual.unassigned, expected.unassigned != nil { rows.append((.unassigned, unassigned)) }
        rows.append((.total, actual.total))
        for (row, cell) in rows {
            for metric in TelesalesMetric.drillable {
                guard let list = try await list(filters, viewer: viewer, now: now, row: row, metric: metric) else {
                    problems.append("R15: \(row) \(metric.rawValue): the drill-down is refused")
                    continue
                }
                let listed = list.members.map { memberID($0, basis: filters.basis) }
                let wanted = ReferenceTelesalesReport.listLength(cell, metric: metric)
                // R15: the list's length equals the number in the cell (the orders cell lists the ordered members).
                if Int64(list.total) != wanted || list.members.count != list.total {
                    problems.append("R15: \(row) \(metric.rawValue): cell \(wanted), list total \(list.total), "
                                    + "\(list.members.count) members listed")
                }
                if metric == .orders {
                    let orders = list.members.reduce(Int64(0)) { $0 + $1.figures.orders }
                    if orders != cell.orders {
                        problems.append("R15: \(row) orders: the listed members' orders add up to \(orders), "
                                        + "the cell says \(cell.orders)")
                    }
                }
                if Set(listed).count != listed.count { problems.append("R15: \(row) \(metric.rawValue): duplicates") }
                let expectedIDs = expected.memberIDs(of: row, metric: metric)
                if Set(listed) != expectedIDs {
                    let missing = expectedIDs.subtracting(listed).sorted(), extra = Set(listed).subtracting(expectedIDs)
                    problems.append("R15/R17: \(row) \(metric.rawValue): members missing \(missing.prefix(12)), "
                                    + "unexpected \(extra.sorted().prefix(12))")
                }
                if metric == .members {
                    problems += compareMembers(expected.members(of: row, metric: .members), list.members,
                                               basis: filters.basis, row: row)
                }
            }
        }
        // R17: rows the viewer may not see list nobody, whatever the request's parameters — tried on the hidden
        // users who own the most members as an administrator sees them.
        let scope = reference.scope(of: viewer)
        var hidden: [ReferenceRowKey] = []
        if expected.unassigned == nil { hidden.append(.unassigned) }
        if let admin = reference.bundle.users.first(where: { $0.role == .admin }),
           let everything = reference.report(filters, viewer: admin.id, now: now).report {
            let others = everything.rows.filter { !reference.sees(scope, user: $0.user) }
                .sorted { $0.figures.members > $1.figures.members }
            hidden += others.prefix(2).map { .user($0.user) }
        }
        for row in hidden {
            if let list = try await list(filters, viewer: viewer, now: now, row: row, metric: .members),
               list.total != 0 || !list.members.isEmpty {
                problems.append("R17: \(row) is not in the viewer's report, yet its drill-down lists "
                                + "\(list.members.map { memberID($0, basis: filters.basis) }.prefix(12))")
            }
        }
        return problems
    }

    /// R15: the list pages and sorts: in every sort, pages of 7 list each member of the Total row exactly once.
    private func comparePages(_ expected: ReferenceReport, _ filters: ReferenceFilters, viewer: String,
                              now: Date) async throws -> [String] {
        let everyone = expected.memberIDs(of: .total, metric: .members)
        var problems: [String] = []
        for sort in MemberSort.allCases {
            var listed: [String] = []
            var page = 1
            do {
                while page <= 200 {
                    let result = try await engine.members(ids.filters(filters), viewerID: ids.user(viewer), now: now,
                                                          row: .total, metric: .members, page: page, perPage: 7,
                                                          sort: sort)
                    if result.total != everyone.count {
                        problems.append("R15: sort \(sort.rawValue) page \(page): total \(result.total), expected "
                                        + "\(everyone.count)")
                    }
                    listed += result.members.map { memberID($0, basis: filters.basis) }
                    if result.members.count < 7 { break }
                    page += 1
                }
            } catch is ReportRefusal {
                problems.append("R15: sort \(sort.rawValue) page \(page) is refused")
                continue
            }
            if listed.count != Set(listed).count || Set(listed) != everyone {
                let twice = Dictionary(grouping: listed, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                problems.append("R15: sort \(sort.rawValue) in pages of 7 lists \(listed.count) members (twice: "
                                + "\(twice.prefix(8)), missing: \(everyone.subtracting(listed).sorted().prefix(8))); "
                                + "expected the \(everyone.count) members once each")
            }
        }
        return problems
    }

    /// "So the drill-down's per-member columns always add up to the row": each member's own figures.
    private func compareMembers(_ expected: [ReferenceMember], _ actual: [ReportMember], basis: ReportBasis,
                                row: ReferenceRowKey) -> [String] {
        var problems: [String] = []
        let byID = Dictionary(actual.map { (memberID($0, basis: basis), $0) }, uniquingKeysWith: { a, _ in a })
        for member in expected {
            guard let listed = byID[member.id] else { continue }
            let differences = Self.differences(expected: member.figures, actual: listed.figures,
                                               row: "\(row) member \(member.id)")
            problems += differences.prefix(4)
            if listed.customerExternalID != member.customerID {
                problems.append("\(row) member \(member.id): customer \(listed.customerExternalID), expected "
                                + member.customerID)
            }
            let owner = listed.ownerID.map { ids.external("users", $0) }
            if owner != member.ownerID {
                problems.append("\(row) member \(member.id): owner \(owner ?? "none"), expected "
                                + (member.ownerID ?? "none"))
            }
            let lastCall = listed.lastCallAt?.epochMilliseconds
            if lastCall != member.lastCallAt {
                problems.append("R15: \(row) member \(member.id): last qualifying call \(instant(lastCall)), expected "
                                + instant(member.lastCallAt))
            }
        }
        return problems
    }

    private func instant(_ ms: Int64?) -> String {
        ms.map { RFC3339.string(from: Date(epochMilliseconds: $0), in: reference.timeZone) } ?? "none"
    }

    func describe(user id: String) -> String {
        guard let user = reference.user(id) else { return id }
        let path = reference.departmentPath(of: user)
        return "\(id) \"\(user.name)\" [\(path.joined(separator: " › "))]"
    }

    func describe(seed: UInt64, company: RandomCompany, filters: ReferenceFilters, viewer: String,
                  problems: [String]) -> String {
        let user = reference.user(viewer)
        let scope = reference.scope(of: viewer)
        var text = "seed \(seed) on \(TestDatabase.name): viewer \(viewer) (\(user?.role.rawValue ?? "?"), "
            + "department \(user?.departmentID ?? "none"), scope \(scope))\n"
        text += "  filters: \(filters)\n"
        text += "  now: \(RFC3339.string(from: company.now, in: reference.timeZone))"
            + " in \(reference.timeZone.identifier)"
            + " (bundle written in \(company.writerTimeZone.identifier))\n"
        text += "  rerun: CALLDESK_DIFF_SEED=\(seed) swift test --filter 'TelesalesDifferential'\n"
        for problem in problems.prefix(25) { text += "  - \(problem)\n" }
        if problems.count > 25 { text += "  … \(problems.count - 25) more\n" }
        return text
    }
}

/// A differential test that compares zeros with zeros proves little: the generated companies, under the generated
/// filters and viewers, must reach every figure, both outcomes of R16, R7's both ways, inactive users' rows (R6) and
/// members shared by calls (R9). Reference only, no database.
@Suite("Telesales report: the random companies reach every rule")
struct RandomCompanyCoverageTests {
    @Test("over seeds 1…40 every figure is non-zero somewhere, and refusals, Unassigned and inactive rows occur")
    func coverage() {
        var nonZero = Set<TelesalesMetric>()
        var refusals = 0, reports = 0, unassignedShown = 0, inactiveRows = 0, hiddenUsers = 0
        var busy: [TelesalesMetric: Int] = [:]  // reports whose total has the figure
        for seed in UInt64(1)...40 {
            var company = RandomCompany(seed: seed)
            let reference = ReferenceTelesalesReport(bundle: company.bundle)
            for filters in company.filterCombinations(count: 6) {
                for viewer in company.viewers {
                    guard let report = reference.report(filters, viewer: viewer, now: company.now).report else {
                        refusals += 1
                        continue
                    }
                    reports += 1
                    if report.unassigned != nil { unassignedShown += 1 }
                    let scope = reference.scope(of: viewer)
                    if company.bundle.users.contains(where: { !reference.sees(scope, user: $0.id) }) {
                        hiddenUsers += 1
                    }
                    for row in report.rows where reference.user(row.user)?.active == false { inactiveRows += 1 }
                    for metric in TelesalesMetric.allCases where report.total[metric] != 0 {
                        nonZero.insert(metric)
                        busy[metric, default: 0] += 1
                    }
                }
            }
        }
        let neverSet = Set(TelesalesMetric.allCases).subtracting(nonZero)
        #expect(neverSet.isEmpty, "figures that are zero in every generated report: \(neverSet)")
        #expect(refusals > 100, "R16 refusals: \(refusals)")
        #expect(reports > 500, "reports: \(reports)")
        #expect(unassignedShown > 60, "R7 Unassigned shown: \(unassignedShown)")
        #expect(inactiveRows > 30, "R6 inactive users' rows: \(inactiveRows)")
        #expect(hiddenUsers > 200, "R16/R17 reports with hidden users: \(hiddenUsers)")
        for metric: TelesalesMetric in [.called, .answered, .booked, .completed, .ordered, .paid, .debt] {
            let count = busy[metric, default: 0]
            #expect(count > 80, "reports whose total has \(metric.rawValue): \(count)")
        }
    }
}
