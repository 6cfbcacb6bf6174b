import CallDeskCore
import Foundation

// The reference implementation of the Telesales report (shared/spec/telesales-report.md): slow, obvious,
// in memory, brute force over a `DataBundle`. Every rule is followed literally, rule by rule, with its number
// beside it; nothing is shared with the engine but the domain values of Core and `PhoneNumbers` (phone-numbers.md:
// "the same normalize is used" everywhere, so the reference uses it too). The differential tests compare every
// figure the engine gives with this.

/// The report's filters with entities as BUNDLE ids (the engine's `TelesalesFilters` hold database ids).
struct ReferenceFilters: Sendable, Hashable, CustomStringConvertible {
    enum Owners: Sendable, Hashable, CustomStringConvertible {
        case all
        case user(String)
        case department(String)

        var description: String {
            switch self {
            case .all: return "all"
            case .user(let id): return "user:\(id)"
            case .department(let id): return "department:\(id)"
            }
        }
    }

    var basis: ReportBasis = .customer
    var owners: Owners = .all
    /// nil = all campaigns.
    var campaign: String?
    var sources: [String] = []
    var groups: [String] = []
    var created: LocalDateRange
    var calls: LocalDateRange

    var description: String {
        "basis=\(basis.rawValue) owners=\(owners) campaign=\(campaign ?? "all") sources=\(sources) "
            + "groups=\(groups) created=\(created) calls=\(calls)"
    }
}

/// A row of the reference report, by bundle id.
enum ReferenceRowKey: Sendable, Hashable, CustomStringConvertible {
    case user(String)
    case unassigned
    case total

    var description: String {
        switch self {
        case .user(let id): return "user:\(id)"
        case .unassigned: return "unassigned"
        case .total: return "total"
        }
    }
}

/// One cohort member with its own figures ("Counting is additive, member by member").
struct ReferenceMember: Sendable {
    /// The customer's bundle id in the customer basis, the opportunity's in the opportunity basis.
    var id: String
    var customerID: String
    /// The owner's bundle user id (R3: the customer's owner; R4: the opportunity's owner); nil = none.
    var ownerID: String?
    var figures: TelesalesFigures
    /// The last qualifying call's start, epoch milliseconds.
    var lastCallAt: Int64?
}

struct ReferenceReport: Sendable {
    /// R6: the rows in order, by bundle user id.
    var rows: [(user: String, figures: TelesalesFigures)]
    /// R7: nil where the Unassigned row is not shown.
    var unassigned: TelesalesFigures?
    /// R8.
    var total: TelesalesFigures
    /// Every shown row's members (`.total` holds them all).
    var members: [ReferenceRowKey: [ReferenceMember]]

    func figures(of row: ReferenceRowKey) -> TelesalesFigures? {
        switch row {
        case .user(let id): return rows.first { $0.user == id }?.figures
        case .unassigned: return unassigned
        case .total: return total
        }
    }

    /// R15: the members behind a count cell; empty for a row that is not shown.
    func members(of row: ReferenceRowKey, metric: TelesalesMetric) -> [ReferenceMember] {
        (members[row] ?? []).filter { ReferenceTelesalesReport.isListed($0.figures, by: metric) }
    }

    func memberIDs(of row: ReferenceRowKey, metric: TelesalesMetric) -> Set<String> {
        Set(members(of: row, metric: metric).map(\.id))
    }
}

enum ReferenceOutcome: Sendable {
    /// R16: the viewer may not ask for this (403).
    case refused(String)
    case report(ReferenceReport)

    var report: ReferenceReport? {
        if case .report(let report) = self { return report }
        return nil
    }
}

struct ReferenceTelesalesReport: Sendable {
    let bundle: DataBundle
    /// R1: the company's time zone setting, default Asia/Ho_Chi_Minh.
    let timeZone: TimeZone
    /// phone-numbers.md: the company's default phone region, default VN.
    let phoneRegion: String

    private let users: [String: UserRecord]
    private let userIDsByEmail: [String: String]
    private let departments: [String: DepartmentRecord]
    private let customers: [String: CustomerRecord]
    private let opportunities: [String: OpportunityRecord]
    private let groupParents: [String: String]

    init(bundle: DataBundle) {
        self.bundle = bundle
        timeZone = bundle.settings["time_zone"].flatMap { TimeZone(identifier: $0) }
            ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        phoneRegion = bundle.settings["phone_region"] ?? "VN"
        users = Dictionary(uniqueKeysWithValues: bundle.users.map { ($0.id, $0) })
        // Emails compare ignoring case (domain.md, users.csv).
        userIDsByEmail = Dictionary(uniqueKeysWithValues: bundle.users.map { ($0.email.lowercased(), $0.id) })
        departments = Dictionary(uniqueKeysWithValues: bundle.departments.map { ($0.id, $0) })
        customers = Dictionary(uniqueKeysWithValues: bundle.customers.map { ($0.id, $0) })
        opportunities = Dictionary(uniqueKeysWithValues: bundle.opportunities.map { ($0.id, $0) })
        groupParents = Dictionary(uniqueKeysWithValues: bundle.groups.compactMap { g in g.parentID.map { (g.id, $0) } })
    }

    func user(_ id: String) -> UserRecord? { users[id] }

    private func userID(email: String?) -> String? {
        guard let email, !email.isEmpty else { return nil }
        return userIDsByEmail[email.lowercased()]
    }

    // MARK: - Trees

    /// Whether department `id` is `root` or one of its descendants (walks up the parent links).
    func department(_ id: String, isIn root: String) -> Bool {
        var current: String? = id
        var seen: Set<String> = []
        while let node = current, seen.insert(node).inserted {
            if node == root { return true }
            current = departments[node]?.parentID
        }
        return false
    }

    /// The department and all its descendants.
    func subtree(_ root: String) -> Set<String> {
        Set(bundle.departments.map(\.id).filter { department($0, isIn: root) })
    }

    /// R3: "a group includes its sub-groups": whether group `id` is `root` or below it.
    private func group(_ id: String, isIn root: String) -> Bool {
        var current: String? = id
        var seen: Set<String> = []
        while let node = current, seen.insert(node).inserted {
            if node == root { return true }
            current = groupParents[node]
        }
        return false
    }

    /// R6: department names from the root down; empty without a department.
    func departmentPath(of user: UserRecord) -> [String] {
        var names: [String] = []
        var current = user.departmentID
        var seen: Set<String> = []
        while let id = current, seen.insert(id).inserted, let node = departments[id] {
            names.append(node.name)
            current = node.parentID
        }
        return names.reversed()
    }

    // MARK: - R16 scope

    struct Scope: Sendable, CustomStringConvertible {
        var kind: ViewScope
        var viewer: String
        /// With `department` scope: own department, every department headed, and all descendants of both.
        var departments: Set<String>

        var description: String { "\(kind.rawValue)\(kind == .department ? " \(departments.sorted())" : "")" }
    }

    /// R16: built-in roles `admin` → all, `manager` → department, `sales` → own; whoever heads a department has at
    /// least `department` scope whatever their role.
    func scope(of viewerID: String) -> Scope {
        let viewer = users[viewerID]!
        var kind: ViewScope
        switch viewer.role {
        case .admin: kind = .all
        case .manager: kind = .department
        case .sales: kind = .own
        }
        let headed = bundle.departments.filter { $0.headEmail.map { userID(email: $0) == viewerID } ?? false }
            .map(\.id)
        if !headed.isEmpty && kind == .own { kind = .department }
        var seen: Set<String> = []
        if kind == .department {
            for root in headed + (viewer.departmentID.map { [$0] } ?? []) { seen.formUnion(subtree(root)) }
        }
        return Scope(kind: kind, viewer: viewerID, departments: seen)
    }

    /// R16: `own` — only their own row; `department` — their own row plus every user in the scope's departments;
    /// `all` — every user.
    func sees(_ scope: Scope, user id: String) -> Bool {
        switch scope.kind {
        case .all: return true
        case .own: return id == scope.viewer
        case .department:
            return id == scope.viewer || (users[id]?.departmentID.map { scope.departments.contains($0) } ?? false)
        }
    }

    // MARK: - The report

    func report(_ filters: ReferenceFilters, viewer: String, now: Date) -> ReferenceOutcome {
        let now = now.epochMilliseconds
        let scope = scope(of: viewer)

        // R16: the owners filter can only narrow the scope: a user outside it is a 403; a department with `all`
        // scope always, with `department` scope when it and all its descendants are among the scope's
        // departments, never with `own` scope.
        switch filters.owners {
        case .all: break
        case .user(let id):
            if !sees(scope, user: id) { return .refused("user \(id) is outside the viewer's \(scope) scope") }
        case .department(let id):
            switch scope.kind {
            case .all: break
            case .department:
                if !subtree(id).isSubset(of: scope.departments) {
                    return .refused("department \(id) is not wholly inside the viewer's \(scope) scope")
                }
            case .own:
                return .refused("a viewer with own scope may not ask for a department")
            }
        }

        // R1: `from..to` is [from 00:00, to+1 00:00) local time in the company's zone.
        let created = filters.created.instants(in: timeZone)
        let calls = filters.calls.instants(in: timeZone)

        // R3/R4: the cohort, each member with its owner.
        var cohort = self.cohort(filters, now: now, created: created)

        // R5: keep members whose owner is the named user, or a member of the named department or one of its
        // descendants (membership is the user's own department; heading does not count). `all` keeps everyone.
        cohort = cohort.filter { member in
            guard let owner = member.ownerID else { return filters.owners == .all }
            return selects(filters.owners, user: owner)
        }

        // Each member's own figures (R9–R12).
        let context = FigureContext(reference: self, filters: filters, now: now, created: created, calls: calls)
        for index in cohort.indices { context.fill(&cohort[index]) }

        // R6/R16: members go to their owner's row when the viewer sees it; R7: members with no owner form the
        // Unassigned row, shown only when owners is `all` and the viewer's scope is `all`.
        let showsUnassigned = filters.owners == .all && scope.kind == .all
        var byOwner: [String: [ReferenceMember]] = [:]
        var unassigned: [ReferenceMember] = []
        for member in cohort {
            if let owner = member.ownerID {
                if sees(scope, user: owner) { byOwner[owner, default: []].append(member) }
            } else if showsUnassigned {
                unassigned.append(member)
            }
        }

        // R6: one row per user visible to the viewer and selected by owners: every active such user, even with
        // zero members, plus any inactive user who owns at least one member.
        let rowUsers = bundle.users.filter { user in
            sees(scope, user: user.id) && selects(filters.owners, user: user.id)
                && (user.active || !(byOwner[user.id] ?? []).isEmpty)
        }
        let ordered = rowUsers.sorted { a, b in
            let order = compareRows(a.id, b.id)
            return order == .orderedSame ? a.id < b.id : order == .orderedAscending
        }

        var members: [ReferenceRowKey: [ReferenceMember]] = [:]
        var rows: [(user: String, figures: TelesalesFigures)] = []
        var total = TelesalesFigures()
        for user in ordered {
            let list = byOwner[user.id] ?? []
            members[.user(user.id)] = list
            let figures = Self.sum(list)
            rows.append((user.id, figures))
            // R8: Total sums every visible row.
            total = total + figures
        }
        var unassignedFigures: TelesalesFigures?
        if showsUnassigned {
            members[.unassigned] = unassigned
            unassignedFigures = Self.sum(unassigned)
            // R8: Unassigned included.
            total = total + unassignedFigures!
        }
        members[.total] = members.values.flatMap { $0 }
        return .report(ReferenceReport(rows: rows, unassigned: unassignedFigures, total: total, members: members))
    }

    /// Whether the owners filter selects a user (R5 for members' owners, R6 for rows).
    private func selects(_ owners: ReferenceFilters.Owners, user id: String) -> Bool {
        switch owners {
        case .all: return true
        case .user(let named): return id == named
        case .department(let named): return users[id]?.departmentID.map { department($0, isIn: named) } ?? false
        }
    }

    /// "Deleted as of now" means deleted_at is set and not after now (R3).
    private static func deleted(_ deletedAt: Date?, asOf now: Int64) -> Bool {
        guard let deletedAt else { return false }
        return deletedAt.epochMilliseconds <= now
    }

    private static func inRange(_ instant: Date, _ range: (start: Int64, end: Int64)) -> Bool {
        let ms = instant.epochMilliseconds
        return ms >= range.start && ms < range.end
    }

    /// R3: at least one of `sources` (if given); at least one of `groups` (if given; a group includes its
    /// sub-groups).
    private func passesSourcesAndGroups(_ customer: CustomerRecord, _ filters: ReferenceFilters) -> Bool {
        if !filters.sources.isEmpty && !customer.sourceIDs.contains(where: filters.sources.contains) { return false }
        if !filters.groups.isEmpty
            && !customer.groupIDs.contains(where: { g in filters.groups.contains { group(g, isIn: $0) } }) {
            return false
        }
        return true
    }

    private func cohort(_ filters: ReferenceFilters, now: Int64,
                        created: (start: Int64, end: Int64)) -> [ReferenceMember] {
        func exists(_ opportunity: OpportunityRecord) -> Bool {
            opportunity.createdAt.epochMilliseconds <= now && !Self.deleted(opportunity.deletedAt, asOf: now)
        }
        switch filters.basis {
        case .customer:
            // R3: every customer not deleted as of now, created in `created` and not after now, passing the
            // sources and groups filters, and — if campaign is not all — with an opportunity in that campaign that
            // exists at now. The owner is the customer's owner.
            return bundle.customers.compactMap { customer in
                guard !Self.deleted(customer.deletedAt, asOf: now),
                      Self.inRange(customer.createdAt, created), customer.createdAt.epochMilliseconds <= now,
                      passesSourcesAndGroups(customer, filters)
                else { return nil }
                if let campaign = filters.campaign {
                    let inCampaign = bundle.opportunities.contains {
                        $0.customerID == customer.id && $0.campaignID == campaign && exists($0)
                    }
                    guard inCampaign else { return nil }
                }
                return ReferenceMember(id: customer.id, customerID: customer.id,
                                       ownerID: userID(email: customer.ownerEmail), figures: TelesalesFigures())
            }
        case .opportunity:
            // R4: every opportunity not deleted as of now, created in `created` and not after now, in `campaign`,
            // whose customer is not deleted as of now and passes sources / groups. The owner is the opportunity's.
            return bundle.opportunities.compactMap { opportunity in
                guard !Self.deleted(opportunity.deletedAt, asOf: now),
                      Self.inRange(opportunity.createdAt, created), opportunity.createdAt.epochMilliseconds <= now,
                      filters.campaign.map({ $0 == opportunity.campaignID }) ?? true,
                      let customer = customers[opportunity.customerID],
                      !Self.deleted(customer.deletedAt, asOf: now),
                      passesSourcesAndGroups(customer, filters)
                else { return nil }
                return ReferenceMember(id: opportunity.id, customerID: customer.id,
                                       ownerID: userID(email: opportunity.ownerEmail), figures: TelesalesFigures())
            }
        }
    }

    private static func sum(_ members: [ReferenceMember]) -> TelesalesFigures {
        members.reduce(TelesalesFigures()) { $0 + $1.figures }
    }

    // MARK: - R9–R13: one member's figures

    /// R13: a call's user is its user_email's user when given (the bundle's rule), otherwise the user whose
    /// extension placed it: an extension tagged with a provider code matches only calls from that provider
    /// (codes compared ignoring case), an untagged one calls from any provider. No match: no user.
    func callUser(_ call: CallRecord) -> String? {
        if let email = call.userEmail, !email.isEmpty { return userID(email: email) }
        guard let number = call.extension, !number.isEmpty else { return nil }
        let matching = bundle.users.filter { user in
            user.extensions.contains { ext in
                ext.number == number
                    && (ext.providerCode.map { $0.uppercased() == call.provider.uppercased() } ?? true)
            }
        }
        precondition(matching.count <= 1, "an extension belongs to one user at a time (R13)")
        return matching.first?.id
    }

    private final class FigureContext {
        let reference: ReferenceTelesalesReport
        let basis: ReportBasis
        let now: Int64
        let created: (start: Int64, end: Int64)
        /// Outbound calls started inside `calls` and not after now (R9), with their user (R13) and number key.
        let calls: [(user: String?, key: String, startedAt: Int64, talk: Int64)]
        var phoneKeys: [String: Set<String>] = [:]

        init(reference: ReferenceTelesalesReport, filters: ReferenceFilters, now: Int64,
             created: (start: Int64, end: Int64), calls range: (start: Int64, end: Int64)) {
            self.reference = reference
            basis = filters.basis
            self.now = now
            self.created = created
            calls = reference.bundle.calls.compactMap { call in
                let started = call.startedAt.epochMilliseconds
                // R9: outbound only (inbound and internal calls never qualify), inside `calls`, not after now;
                // numbers compare after normalisation (a number that cannot be normalised matches nothing).
                guard call.direction == .outbound, started >= range.start, started < range.end, started <= now,
                      let key = PhoneNumbers.matchKey(call.remoteNumber, region: reference.phoneRegion)
                else { return nil }
                return (reference.callUser(call), key, started, Int64(call.talkSeconds))
            }
        }

        /// The normalised numbers of a customer's phones (phone-numbers.md, "Matching").
        func keys(of customerID: String) -> Set<String> {
            if let known = phoneKeys[customerID] { return known }
            let phones = reference.customers[customerID]?.phones ?? []
            let keys = Set(phones.compactMap { PhoneNumbers.matchKey($0, region: reference.phoneRegion) })
            phoneKeys[customerID] = keys
            return keys
        }

        /// domain.md, Tasks: a task that names an opportunity belongs to that opportunity's customer.
        func customer(of task: TaskRecord) -> String? {
            task.customerID ?? task.opportunityID.flatMap { reference.opportunities[$0]?.customerID }
        }

        /// R11/R12: "created_at in [start of created, now]".
        func createdInWindow(_ date: Date) -> Bool {
            let ms = date.epochMilliseconds
            return ms >= created.start && ms <= now
        }

        /// R11/R12, opportunity basis: a task or order that names an opportunity qualifies only for that
        /// opportunity; one that names none for every opportunity of its customer.
        func linked(customerID: String?, opportunityID: String?, to member: ReferenceMember) -> Bool {
            guard customerID == member.customerID else { return false }
            switch basis {
            case .customer: return true
            case .opportunity: return opportunityID.map { $0 == member.id } ?? true
            }
        }

        func fill(_ member: inout ReferenceMember) {
            var figures = TelesalesFigures()
            figures.members = 1

            // R9: an outbound call placed by the member's owner (the call's user, R13) to one of the member's
            // customer's numbers; for a member with no owner (the Unassigned row) any outbound call, whoever placed
            // it. A call placed before the customer was created still counts. R10: answered = talk time > 0.
            let keys = keys(of: member.customerID)
            for call in calls where keys.contains(call.key) {
                if let owner = member.ownerID, call.user != owner { continue }
                figures.calls += 1
                figures.talkSeconds += call.talk
                if call.talk > 0 { figures.answeredCalls += 1 }
                member.lastCallAt = max(member.lastCallAt ?? call.startedAt, call.startedAt)
            }
            figures.called = figures.calls > 0 ? 1 : 0
            figures.answered = figures.answeredCalls > 0 ? 1 : 0

            // R11: appointments linked to the member's customer, by anyone, not cancelled, created in
            // [start of created, now]; completed when done and completed_at is not after now (or not set).
            for task in reference.bundle.tasks where task.type == .appointment && task.status != .cancelled {
                guard createdInWindow(task.createdAt),
                      linked(customerID: customer(of: task), opportunityID: task.opportunityID, to: member)
                else { continue }
                figures.appointments += 1
                let completedAt = task.completedAt?.epochMilliseconds
                if task.status == .done && (completedAt.map { $0 <= now } ?? true) {
                    figures.completedAppointments += 1
                }
            }
            figures.booked = figures.appointments > 0 ? 1 : 0
            figures.completed = figures.completedAppointments > 0 ? 1 : 0

            // R12: the customer's orders, by anyone, not cancelled, created in [start of created, now]; paid = its
            // payments with paid_at not after now; debt = max(total − paid, 0) per order.
            for order in reference.bundle.orders where order.status != .cancelled {
                guard createdInWindow(order.createdAt),
                      linked(customerID: order.customerID, opportunityID: order.opportunityID, to: member)
                else { continue }
                let paid = reference.bundle.payments
                    .filter { $0.orderID == order.id && $0.paidAt.epochMilliseconds <= now }
                    .reduce(Int64(0)) { $0 + $1.amount }
                figures.orders += 1
                figures.orderValue += order.total
                figures.paid += paid
                figures.debt += max(order.total - paid, 0)
            }
            figures.ordered = figures.orders > 0 ? 1 : 0
            member.figures = figures
        }
    }

    // MARK: - R6 order, R15 lists

    /// R6: rows are ordered by department path (names from the root), then display name; users without a
    /// department come last. The ordering is Vietnamese collation (ICU's `vi`: Đ after D, tones ordered after
    /// letters), compared with `String.compare(_:options:range:locale:)` and `Locale(identifier: "vi")`.
    func compareRows(_ a: String, _ b: String) -> ComparisonResult {
        let vi = Locale(identifier: "vi")
        func collate(_ x: String, _ y: String) -> ComparisonResult {
            x.compare(y, options: [], range: nil, locale: vi)
        }
        guard let userA = users[a], let userB = users[b] else { return .orderedSame }
        switch (userA.departmentID == nil, userB.departmentID == nil) {
        case (true, false): return .orderedDescending
        case (false, true): return .orderedAscending
        default: break
        }
        let pathA = departmentPath(of: userA), pathB = departmentPath(of: userB)
        for (x, y) in zip(pathA, pathB) {
            let order = collate(x, y)
            if order != .orderedSame { return order }
        }
        if pathA.count != pathB.count { return pathA.count < pathB.count ? .orderedAscending : .orderedDescending }
        return collate(userA.name, userB.name)
    }

    /// R15: which members a count cell lists — `members` all of them, `called`/`answered`/`booked`/`completed`/
    /// `ordered` those with the flag, `not_…` those without; the `orders` cell opens the `ordered` members.
    static func isListed(_ figures: TelesalesFigures, by metric: TelesalesMetric) -> Bool {
        switch metric {
        case .members: return true
        case .called: return figures.called == 1
        case .answered: return figures.answered == 1
        case .notCalled: return figures.called == 0
        case .booked: return figures.booked == 1
        case .completed: return figures.completed == 1
        case .notBooked: return figures.booked == 0
        case .orders, .ordered: return figures.ordered == 1
        case .notOrdered: return figures.ordered == 0
        default: return false
        }
    }

    /// R15: the list's length equals the number in the cell (for `orders`, the number of ordered members).
    static func listLength(_ figures: TelesalesFigures, metric: TelesalesMetric) -> Int64 {
        metric == .orders ? figures.ordered : figures[metric]
    }
}
