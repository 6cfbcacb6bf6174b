import CallDeskCore
@testable import CallDeskStore
import Foundation
import Testing

/// Hand-written golden cases of the Telesales report, one or more per rule R1–R17, each run through the engine
/// (on a database of its own) and through the reference, and checked against numbers worked out by hand.
/// The company is `Golden.company()` (below); now is 2026-11-20 17:00 in Hồ Chí Minh City unless said otherwise.
@Suite("Telesales report: golden cases (R1–R17)")
struct TelesalesGoldenTests {
    typealias G = Golden

    // MARK: R1 — local dates

    @Test("R1: a call at 23:59:59 local on the last day counts; 00:00 the next day does not")
    func callsRangeEnds() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"])]
        bundle.calls = [
            G.call("K1", to: "0912345678", at: "2026-11-19T23:59:59+07:00", talk: 30),
            G.call("K2", to: "0912345678", at: "2026-11-19T17:00:00Z", talk: 40),        // 11-20 00:00 local
            G.call("K3", to: "0912345678", at: "2026-11-18T16:59:59.999Z", talk: 50),    // 11-18 23:59:59.999 local
            G.call("K4", to: "0912345678", at: "2026-11-18T17:00:00Z", talk: 0),         // 11-19 00:00 local
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(calls: G.range("2026-11-19", "2026-11-19")),
            expectations: [.figures(.user("S1"), [.members: 1, .called: 1, .answered: 1, .calls: 2,
                                                  .answeredCalls: 1, .talkSeconds: 30]),
                           .figures(.total, [.calls: 2, .talkSeconds: 30])]))
    }

    @Test("R1: a customer created at local midnight belongs to the new day, whatever offset the time was written in")
    func createdAtMidnight() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1", created: "2026-11-19T17:00:00Z"),       // 11-20 00:00 local: in
            G.customer("C2", owner: "S1", created: "2026-11-19T16:59:59.999Z"),   // 11-19 23:59:59.999: out
            G.customer("C3", owner: "S1", created: "2026-11-20T10:00:00+08:00"),  // 09:00 local: in
            G.customer("C4", owner: "S1", created: "2026-11-20T10:00:00Z"),       // 17:00 local = now: in
            G.customer("C5", owner: "S1", created: "2026-11-20T10:00:00.001Z"),   // after now: out
        ]
        let today = G.range("2026-11-20", "2026-11-20")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: today, calls: today),
            expectations: [.figures(.user("S1"), [.members: 3]), .members(.user("S1"), .members, ["C1", "C3", "C4"])]))
    }

    @Test("R1: dates are local to the company's time zone setting, not to Hồ Chí Minh City")
    func companyTimeZone() async throws {
        var bundle = G.company()
        bundle.settings = ["time_zone": "America/New_York"]
        bundle.customers = [
            G.customer("C1", owner: "S1", phones: ["0912345678"], created: "2026-11-20T04:00:00Z"),  // 11-19 23:00 NY
            G.customer("C2", owner: "S1", phones: ["0912345679"], created: "2026-11-20T05:00:00Z"),  // 11-20 00:00 NY
            G.customer("C3", owner: "S1", created: "2026-11-19T18:00:00Z"),                          // 11-19 13:00 NY
        ]
        bundle.calls = [
            G.call("K1", to: "0912345679", at: "2026-11-20T04:59:59Z"),  // 11-19 23:59:59 NY: out
            G.call("K2", to: "0912345679", at: "2026-11-20T05:00:00Z"),  // 11-20 00:00 NY: in
        ]
        let today = G.range("2026-11-20", "2026-11-20")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: today, calls: today), now: G.at("2026-11-20T12:00:00-05:00"),
            expectations: [.figures(.user("S1"), [.members: 1, .called: 1, .calls: 1]),
                           .members(.user("S1"), .members, ["C2"])]))
    }

    // MARK: R2 — now

    @Test("R2: the report is as it stood at now: later customers, calls, appointments and payments are left out")
    func asOfNow() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1", phones: ["0912345678"]),
            G.customer("C2", owner: "S1", created: "2026-11-20T17:00:01+07:00"),
            G.customer("C3", owner: "S1", created: "2026-11-20T17:00:00+07:00"),
        ]
        bundle.calls = [
            G.call("K1", to: "0912345678", at: "2026-11-20T16:59:59+07:00", talk: 10),
            G.call("K2", to: "0912345678", at: "2026-11-20T17:00:00+07:00", talk: 10),
            G.call("K3", to: "0912345678", at: "2026-11-20T17:00:01+07:00", talk: 10),
            G.call("K4", to: "0912345678", at: "2026-11-25T09:00:00+07:00", talk: 10),
        ]
        bundle.tasks = [G.task("AP1", customer: "C1", created: "2026-11-20T18:00:00+07:00")]
        bundle.orders = [G.order("DH1", customer: "C1", total: 1_000_000)]
        bundle.payments = [G.payment("P1", order: "DH1", amount: 400_000, at: "2026-11-15T10:00:00+07:00"),
                           G.payment("P2", order: "DH1", amount: 300_000, at: "2026-11-20T17:00:01+07:00")]
        let month = G.range("2026-11-01", "2026-11-30")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: month, calls: month),
            expectations: [.figures(.user("S1"), [.members: 2, .called: 1, .calls: 2, .talkSeconds: 20, .booked: 0,
                                                  .appointments: 0, .orders: 1, .orderValue: 1_000_000,
                                                  .paid: 400_000, .debt: 600_000, .ordered: 1]),
                           .members(.user("S1"), .members, ["C1", "C3"])]))
        // The same data, asked again later, counts what happened in between.
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: month, calls: month), now: G.at("2026-11-30T00:00:00+07:00"),
            expectations: [.figures(.user("S1"), [.members: 3, .called: 1, .calls: 4, .talkSeconds: 40, .booked: 1,
                                                  .appointments: 1, .orders: 1, .paid: 700_000, .debt: 300_000])]))
    }

    // MARK: R3 — the customer cohort

    @Test("R3: a customer deleted as of now is left out; one deleted after now still counts")
    func deletedCustomers() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1", deleted: "2026-11-20T16:59:59+07:00"),
            G.customer("C2", owner: "S1", deleted: "2026-11-20T17:00:00+07:00"),
            G.customer("C3", owner: "S1", deleted: "2026-11-20T17:00:01+07:00"),
            G.customer("C4", owner: "S1"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.members: 2]), .members(.user("S1"), .members, ["C3", "C4"])]))
    }

    @Test("R3: only customers created inside the created range and not after now")
    func createdRange() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1", created: "2026-10-31T23:59:59+07:00"),
            G.customer("C2", owner: "S1", created: "2026-11-01T00:00:00+07:00"),
            G.customer("C3", owner: "S1", created: "2026-11-21T09:00:00+07:00"),
        ]
        let month = G.range("2026-11-01", "2026-11-30")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: month, calls: month),
            expectations: [.figures(.user("S1"), [.members: 1]), .members(.user("S1"), .members, ["C2"])]))
    }

    private func catalogued() -> DataBundle {
        var bundle = G.company()
        bundle.sources = [SourceRecord(id: "SF", name: "Facebook"), SourceRecord(id: "SZ", name: "Zalo"),
                          SourceRecord(id: "SW", name: "Website")]
        bundle.groups = [GroupRecord(id: "G1", name: "VIP"), GroupRecord(id: "G2", name: "VIP Vàng", parentID: "G1"),
                         GroupRecord(id: "G3", name: "Đại lý")]
        bundle.customers = [
            G.customer("C1", owner: "S1", sources: ["SF"], groups: ["G2"]),
            G.customer("C2", owner: "S1", sources: ["SZ", "SW"], groups: ["G1"]),
            G.customer("C3", owner: "S1", groups: ["G3"]),
            G.customer("C4", owner: "S1", sources: ["SW"]),
        ]
        return bundle
    }

    @Test("R3: the sources filter keeps customers with at least one of the sources")
    func sourcesAnyOf() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: catalogued(), filters: G.filters(sources: ["SF", "SZ"]),
            expectations: [.figures(.total, [.members: 2]), .members(.total, .members, ["C1", "C2"])]))
    }

    @Test("R3: a group includes its sub-groups (not its parent); sources and groups both apply")
    func groupsWithSubgroups() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: catalogued(), filters: G.filters(groups: ["G1"]),
            expectations: [.members(.total, .members, ["C1", "C2"])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: catalogued(), filters: G.filters(groups: ["G2"]),
            expectations: [.members(.total, .members, ["C1"])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: catalogued(), filters: G.filters(sources: ["SW"], groups: ["G1", "G3"]),
            expectations: [.figures(.total, [.members: 1]), .members(.total, .members, ["C2"])]))
    }

    @Test("R3: with a campaign, a customer needs an opportunity in it that exists at now")
    func campaignCustomers() async throws {
        var bundle = G.company()
        bundle.customers = (1...6).map { G.customer("C\($0)", owner: "S1") }
        bundle.opportunities = [
            G.opportunity("O1", customer: "C1", campaign: "K1", owner: nil),
            G.opportunity("O2", customer: "C2", campaign: "K1", owner: nil, deleted: "2026-11-15T10:00:00+07:00"),
            G.opportunity("O3", customer: "C3", campaign: "K1", owner: nil, created: "2026-11-20T17:00:01+07:00"),
            G.opportunity("O4", customer: "C4", campaign: "K1", owner: nil, deleted: "2026-11-20T17:00:01+07:00"),
            G.opportunity("O5", customer: "C5", campaign: "K2", owner: nil),
            G.opportunity("O6", customer: "C6", campaign: "K1", owner: nil, created: "2026-10-01T09:00:00+07:00"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(campaign: "K1"),
            expectations: [.figures(.user("S1"), [.members: 3]),
                           .members(.user("S1"), .members, ["C1", "C4", "C6"])]))
    }

    // MARK: R4 — the opportunity cohort

    @Test("R4: one customer in three campaigns is three members, each in its opportunity owner's row")
    func opportunityMembers() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"])]
        bundle.opportunities = [
            G.opportunity("O1", customer: "C1", campaign: "K1", owner: "S1"),
            G.opportunity("O2", customer: "C1", campaign: "K2", owner: "S2"),
            G.opportunity("O3", customer: "C1", campaign: "K3", owner: nil),
        ]
        bundle.calls = [G.call("K1", ext: "102", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 20)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(.opportunity),
            expectations: [.figures(.user("S1"), [.members: 1, .called: 0]),
                           .figures(.user("S2"), [.members: 1, .called: 1, .calls: 1, .talkSeconds: 20]),
                           .figures(.unassigned, [.members: 1, .called: 1, .calls: 1]),
                           .figures(.total, [.members: 3, .called: 2, .calls: 2]),
                           .members(.user("S2"), .members, ["O2"]), .members(.unassigned, .members, ["O3"]),
                           .members(.total, .called, ["O2", "O3"])]))
        // The customer basis counts the customer once, by the customer's owner, whose calls these are not.
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.members: 1, .called: 0]), .figures(.user("S2"), [.members: 0]),
                           .figures(.total, [.members: 1, .called: 0])]))
    }

    @Test("R4: the opportunity's created_at and deletion decide, and a deleted customer removes its opportunities")
    func opportunityCohort() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S2", created: "2026-10-01T09:00:00+07:00"),
            G.customer("C2", owner: "S2"),
            G.customer("C3", owner: "S2", deleted: "2026-11-15T09:00:00+07:00"),
        ]
        bundle.opportunities = [
            G.opportunity("O1", customer: "C1", campaign: "K1", owner: "S1"),
            G.opportunity("O2", customer: "C2", campaign: "K1", owner: "S1", created: "2026-10-15T09:00:00+07:00"),
            G.opportunity("O3", customer: "C3", campaign: "K1", owner: "S1"),
            G.opportunity("O4", customer: "C1", campaign: "K2", owner: "S1", deleted: "2026-11-12T09:00:00+07:00"),
            G.opportunity("O5", customer: "C1", campaign: "K2", owner: "S1", created: "2026-11-12T09:00:00+07:00"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(.opportunity),
            expectations: [.figures(.user("S1"), [.members: 2]), .figures(.user("S2"), [.members: 0]),
                           .members(.user("S1"), .members, ["O1", "O5"])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(.opportunity, campaign: "K1"),
            expectations: [.members(.total, .members, ["O1"])]))
    }

    // MARK: R5 — owners

    private func ownedAround() -> DataBundle {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "M"), G.customer("C2", owner: "S1"), G.customer("C3", owner: "T"),
            G.customer("C4", owner: "A"), G.customer("C5", owner: "S3"), G.customer("C6", owner: nil),
        ]
        return bundle
    }

    @Test("R5: a department counts its own and its sub-departments' members; heading one does not make a member")
    func ownersDepartment() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(owners: .department("D2")),
            expectations: [.rows(["M", "S3", "S1", "S2"]), .noUnassigned,
                           .figures(.user("M"), [.members: 1]), .figures(.user("S2"), [.members: 0]),
                           .figures(.total, [.members: 3]), .members(.total, .members, ["C1", "C2", "C5"])]))
        // S3 heads D4 but is a member of D3: not in D4's report.
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(owners: .department("D4")),
            expectations: [.rows(["T"]), .figures(.total, [.members: 1]), .members(.total, .members, ["C3"])]))
    }

    @Test("R5: owners=user keeps only that user's members")
    func ownersUser() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(owners: .user("S1")),
            expectations: [.rows(["S1"]), .noUnassigned, .figures(.total, [.members: 1]),
                           .members(.total, .members, ["C2"])]))
    }

    // MARK: R6 — rows

    @Test("R6: every active visible user has a row, even with no members; an inactive one only when owning a member")
    func rowsForUsers() async throws {
        var bundle = G.company()
        bundle.users += [
            UserRecord(id: "X1", name: "Hồ Văn Nghỉ", email: G.email("X1"), departmentID: "D3", active: false),
            UserRecord(id: "X2", name: "Hà Văn Về", email: G.email("X2"), departmentID: "D3", active: false),
        ]
        bundle.customers = [
            G.customer("C1", owner: "X1"),
            G.customer("C2", owner: "X2", created: "2026-10-15T09:00:00+07:00"),  // not in the cohort
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.rows(["A", "T", "M", "S3", "X1", "S1", "S2"]),
                           .figures(.user("X1"), [.members: 1]), .figures(.user("M"), [.members: 0])]))
    }

    @Test("R6: rows are ordered by department path, then name, in Vietnamese collation; no department last")
    func rowOrder() async throws {
        var bundle = DataBundle()
        bundle.departments = [
            DepartmentRecord(id: "R", name: "Công ty"),
            DepartmentRecord(id: "DV", name: "Dịch vụ", parentID: "R"),
            DepartmentRecord(id: "DT", name: "Đào tạo", parentID: "R"),
            DepartmentRecord(id: "AU", name: "Ăn uống", parentID: "R"),
            DepartmentRecord(id: "AN", name: "An ninh", parentID: "R"),
        ]
        let people: [(String, String, String?)] = [
            ("U1", "Zed", "R"), ("U2", "Đức", "DV"), ("U3", "Dũng", "DV"), ("U4", "Bảo", "DT"), ("U5", "Bao", "DT"),
            ("U6", "Bạch", "DT"), ("U7", "Ánh", "AU"), ("U8", "An", "AN"), ("U9", "Anh", nil), ("U10", "Ân", nil),
        ]
        bundle.users = people.map { id, name, department in
            UserRecord(id: id, name: name, email: G.email(id), departmentID: department,
                       role: id == "U1" ? .admin : .sales)
        }
        // An ninh < Ăn uống (A before Ă), Dịch vụ < Đào tạo (D before Đ), Bạch < Bao < Bảo (tones after letters).
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), viewer: "U1",
            expectations: [.rows(["U1", "U8", "U7", "U3", "U2", "U6", "U5", "U4", "U9", "U10"])]))
    }

    // MARK: R7 — Unassigned

    private func withUnowned() -> DataBundle {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: nil, phones: ["0912345678"]), G.customer("C2", owner: "S1")]
        bundle.calls = [G.call("K1", to: "0912345678", at: "2026-11-12T10:00:00+07:00")]
        return bundle
    }

    @Test("R7: the Unassigned row holds the members with no owner, for an admin asking for all owners")
    func unassignedRow() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: withUnowned(), filters: G.filters(),
            expectations: [.rows(G.adminRows), .figures(.unassigned, [.members: 1, .called: 1, .calls: 1]),
                           .members(.unassigned, .members, ["C1"]), .figures(.total, [.members: 2])]))
    }

    @Test("R7: no Unassigned row for a manager")
    func noUnassignedForManager() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: withUnowned(), filters: G.filters(), viewer: "M",
            expectations: [.noUnassigned, .figures(.total, [.members: 1, .called: 0]),
                           .members(.total, .members, ["C2"])]))
    }

    @Test("R7: no Unassigned row when owners names a user or a department, even for an admin")
    func noUnassignedWhenNarrowed() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: withUnowned(), filters: G.filters(owners: .user("S1")),
            expectations: [.noUnassigned, .figures(.total, [.members: 1])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: withUnowned(), filters: G.filters(owners: .department("D1")),
            expectations: [.noUnassigned, .rows(G.adminRows), .figures(.total, [.members: 1]),
                           .members(.total, .members, ["C2"])]))
    }

    // MARK: R8 — Total

    @Test("R8: Total sums every visible row, Unassigned included, and only those")
    func totalRow() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1"), G.customer("C2", owner: "S1"), G.customer("C3", owner: "S2"),
            G.customer("C4", owner: nil), G.customer("C5", owner: "T"),
        ]
        bundle.orders = [G.order("DH1", customer: "C1", total: 100_000), G.order("DH2", customer: "C4", total: 50_000),
                         G.order("DH3", customer: "C5", total: 70_000)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.total, [.members: 5, .orders: 3, .orderValue: 220_000, .debt: 220_000]),
                           .invariants]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), viewer: "M",
            expectations: [.rows(["M", "S3", "S1", "S2"]),
                           .figures(.total, [.members: 3, .orders: 1, .orderValue: 100_000]),
                           .invariants]))
    }

    // MARK: R9 — calls

    @Test("R9: a call placed by a colleague does not count for the owner")
    func colleagueCall() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"])]
        bundle.calls = [
            G.call("K1", ext: "102", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 60),
            G.call("K2", ext: nil, user: G.email("A"), to: "0912345678", at: "2026-11-12T11:00:00+07:00", talk: 60),
            G.call("K3", to: "0912345678", at: "2026-11-12T12:00:00+07:00", talk: 15),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.called: 1, .calls: 1, .talkSeconds: 15]),
                           .figures(.user("S2"), [.members: 0, .calls: 0]), .figures(.total, [.calls: 1])]))
    }

    @Test("R9: only outbound calls count; inbound and internal calls never do")
    func outboundOnly() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"]), G.customer("C2", owner: nil,
                                                                                            phones: ["0912345678"])]
        bundle.calls = [
            G.call("K1", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 30, direction: .inbound),
            G.call("K2", to: "0912345678", at: "2026-11-12T10:05:00+07:00", talk: 30, direction: .internal),
            G.call("K3", to: "0912345678", at: "2026-11-12T10:10:00+07:00", talk: 12),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.calls: 1, .talkSeconds: 12]),
                           .figures(.unassigned, [.calls: 1, .talkSeconds: 12])]))
    }

    @Test("R9: numbers are equal after normalisation (+84, 84, 0084, dots, a lost zero, the old 0168 prefix)")
    func normalisedNumbers() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0168 123 4567"])]
        let spellings = ["0381234567", "+84 38 123 4567", "84381234567", "0084381234567", "381234567",
                         "038.123.4567", "(+84) 381-234-567", "+84 0381234567", "0381234568"]
        bundle.calls = spellings.enumerated().map { index, number in
            G.call("K\(index)", to: number, at: "2026-11-12T10:00:00+07:00", talk: 1)
        }
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.called: 1, .calls: 8, .talkSeconds: 8])]))
    }

    @Test("R9: a call placed before the customer was created still counts")
    func callBeforeCustomer() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"], created: "2026-11-10T09:00:00+07:00")]
        bundle.calls = [G.call("K1", to: "0912 345 678", at: "2026-11-02T09:00:00+07:00")]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), expectations: [.figures(.user("S1"), [.called: 1, .calls: 1])]))
    }

    @Test("R9: a call outside the calls range does not count, and the customer is still a member")
    func callOutsideRange() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"])]
        bundle.calls = [G.call("K1", to: "0912345678", at: "2026-10-31T09:00:00+07:00")]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.members: 1, .called: 0, .notCalled: 1, .calls: 0]),
                           .members(.user("S1"), .notCalled, ["C1"])]))
    }

    @Test("R9: for Unassigned any outbound call counts, whoever placed it, unknown extensions included")
    func unassignedCalls() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: nil, phones: ["0912345678"])]
        bundle.calls = [
            G.call("K1", ext: "101", to: "0912345678", at: "2026-11-12T10:00:00+07:00"),
            G.call("K2", ext: "999", to: "0912345678", at: "2026-11-12T10:01:00+07:00"),
            G.call("K3", ext: nil, to: "0912345678", at: "2026-11-12T10:02:00+07:00"),
            G.call("K4", ext: nil, user: G.email("M"), to: "0912345678", at: "2026-11-12T10:03:00+07:00"),
            G.call("K5", ext: "103", to: "0912345678", at: "2026-11-12T10:04:00+07:00", direction: .inbound),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.unassigned, [.members: 1, .called: 1, .calls: 4]),
                           .figures(.user("S1"), [.calls: 0])]))
    }

    @Test("R9: a call to a number two customers share counts for each of them")
    func sharedNumber() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1", phones: ["0912345678"]),
            G.customer("C2", owner: "S1", phones: ["+84 912 345 678"]),
            G.customer("C3", owner: "S2", phones: ["0912.345.678"]),
        ]
        bundle.calls = [G.call("K1", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 20)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.members: 2, .called: 2, .calls: 2, .talkSeconds: 40]),
                           .figures(.user("S2"), [.members: 1, .called: 0]), .figures(.total, [.calls: 2]),
                           .members(.user("S1"), .called, ["C1", "C2"])]))
    }

    @Test("R9: a call counts once for a customer who lists the number twice")
    func numberListedTwice() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678", "84912345678"])]
        bundle.calls = [G.call("K1", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 20)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.called: 1, .calls: 1, .talkSeconds: 20])]))
    }

    // MARK: R10 — answered

    @Test("R10: a call is answered when its talk time is above zero")
    func answeredCalls() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"]),
                            G.customer("C2", owner: "S1", phones: ["0987654321"])]
        bundle.calls = [
            G.call("K1", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 0),
            G.call("K2", to: "0912345678", at: "2026-11-12T10:01:00+07:00", talk: 0),
            G.call("K3", to: "0912345678", at: "2026-11-12T10:02:00+07:00", talk: 1),
            G.call("K4", to: "0912345678", at: "2026-11-12T10:03:00+07:00", talk: 59),
            G.call("K5", to: "0987654321", at: "2026-11-12T10:04:00+07:00", talk: 0),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.members: 2, .called: 2, .answered: 1, .notCalled: 0, .calls: 5,
                                                  .answeredCalls: 2, .talkSeconds: 60]),
                           .members(.user("S1"), .answered, ["C1"])]))
    }

    // MARK: R11 — appointments

    @Test("R11: a done appointment whose completed_at is after now is booked but not completed")
    func completedAfterNow() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1"), G.customer("C2", owner: "S1")]
        bundle.tasks = [
            G.task("AP1", customer: "C1", status: .done, completed: "2026-11-20T17:00:01+07:00"),
            G.task("AP2", customer: "C2", status: .done, completed: "2026-11-20T17:00:00+07:00"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.booked: 2, .completed: 1, .appointments: 2,
                                                  .completedAppointments: 1]),
                           .members(.user("S1"), .completed, ["C2"]), .members(.user("S1"), .booked, ["C1", "C2"])]))
    }

    @Test("R11: a done appointment without completed_at counts as completed; open ones are only booked")
    func doneWithoutCompletedAt() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1"), G.customer("C2", owner: "S1")]
        bundle.tasks = [G.task("AP1", customer: "C1", status: .done), G.task("AP2", customer: "C2", status: .open),
                        G.task("AP3", customer: "C2", status: .inProgress)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.booked: 2, .completed: 1, .notBooked: 0, .appointments: 3,
                                                  .completedAppointments: 1])]))
    }

    @Test("R11: cancelled appointments and tasks of other types are not appointments")
    func notAppointments() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1")]
        bundle.tasks = [
            G.task("T1", customer: "C1", status: .cancelled),
            G.task("T2", .call, customer: "C1", status: .done),
            G.task("T3", .todo, customer: "C1"),
            G.task("T4", .other, customer: "C1", status: .done),
            G.task("T5", .email, customer: "C1"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.booked: 0, .notBooked: 1, .appointments: 0])]))
    }

    @Test("R11: appointments count from the start of the created range until now, past the range's end")
    func appointmentWindow() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", created: "2026-11-12T09:00:00+07:00")]
        bundle.tasks = [
            G.task("AP1", customer: "C1", created: "2026-11-09T23:59:59+07:00"),
            G.task("AP2", customer: "C1", created: "2026-11-10T00:00:00+07:00"),
            G.task("AP3", customer: "C1", created: "2026-11-18T10:00:00+07:00"),
            G.task("AP4", customer: "C1", created: "2026-11-20T17:00:01+07:00"),
            G.task("AP5", customer: "C1", created: "2026-11-20T17:00:00+07:00"),
        ]
        let week = G.range("2026-11-10", "2026-11-15")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: week, calls: week),
            expectations: [.figures(.user("S1"), [.members: 1, .booked: 1, .appointments: 3])]))
    }

    @Test("R11: an appointment naming only an opportunity belongs to that opportunity's customer")
    func appointmentThroughOpportunity() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1")]
        bundle.opportunities = [G.opportunity("O1", customer: "C1", campaign: "K1", owner: "S2")]
        bundle.tasks = [G.task("AP1", customer: nil, opportunity: "O1", status: .done)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.booked: 1, .completed: 1, .appointments: 1])]))
    }

    @Test("R11: opportunity basis: an appointment naming an opportunity counts for it alone; one naming none for each")
    func appointmentsPerOpportunity() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1")]
        bundle.opportunities = [
            G.opportunity("O1", customer: "C1", campaign: "K1", owner: "S1"),
            G.opportunity("O2", customer: "C1", campaign: "K2", owner: "S1"),
            G.opportunity("O3", customer: "C1", campaign: "K3", owner: "S1", deleted: "2026-11-15T09:00:00+07:00"),
        ]
        bundle.tasks = [
            G.task("AP1", customer: "C1", opportunity: "O1"),
            G.task("AP2", customer: "C1", status: .done, completed: "2026-11-12T09:00:00+07:00"),
            G.task("AP3", customer: nil, opportunity: "O3"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(.opportunity),
            expectations: [.figures(.user("S1"), [.members: 2, .booked: 2, .completed: 2, .appointments: 3,
                                                  .completedAppointments: 2]),
                           .members(.user("S1"), .booked, ["O1", "O2"])]))
        // The customer basis: all three belong to C1 (AP3 through the deleted opportunity's customer).
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.members: 1, .booked: 1, .completed: 1, .appointments: 3,
                                                  .completedAppointments: 1])]))
    }

    // MARK: R12 — orders

    @Test("R12: cancelled orders do not count; paid is what was paid by now; debt per order is never negative")
    func orderMoney() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1")]
        bundle.orders = [
            G.order("DH1", customer: "C1", total: 1_000_000),
            G.order("DH2", customer: "C1", total: 500_000, status: .cancelled),
            G.order("DH3", customer: "C1", created: "2026-11-12T09:00:00+07:00", total: 200_000, status: .delivered),
        ]
        bundle.payments = [
            G.payment("P1", order: "DH1", amount: 300_000, at: "2026-11-10T10:00:00+07:00"),
            G.payment("P2", order: "DH1", amount: 200_000, at: "2026-11-20T17:00:01+07:00"),
            G.payment("P3", order: "DH2", amount: 500_000, at: "2026-11-11T10:00:00+07:00"),
            G.payment("P4", order: "DH3", amount: 250_000, at: "2026-11-12T10:00:00+07:00"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.orders: 2, .orderValue: 1_200_000, .paid: 550_000, .debt: 700_000,
                                                  .ordered: 1, .notOrdered: 0])]))
    }

    @Test("R12: orders count from the start of the created range until now")
    func orderWindow() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", created: "2026-11-12T09:00:00+07:00")]
        bundle.orders = [
            G.order("DH1", customer: "C1", created: "2026-11-09T23:59:59+07:00", total: 100_000),
            G.order("DH2", customer: "C1", created: "2026-11-10T00:00:00+07:00", total: 200_000),
            G.order("DH3", customer: "C1", created: "2026-11-18T10:00:00+07:00", total: 300_000),
            G.order("DH4", customer: "C1", created: "2026-11-20T17:00:01+07:00", total: 400_000),
        ]
        let week = G.range("2026-11-10", "2026-11-15")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(created: week, calls: week),
            expectations: [.figures(.user("S1"), [.orders: 2, .orderValue: 500_000, .paid: 0, .debt: 500_000])]))
    }

    @Test("R12: in the opportunity basis an order naming an opportunity counts only for it; one naming none for each")
    func ordersPerOpportunity() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1")]
        bundle.opportunities = [G.opportunity("O1", customer: "C1", campaign: "K1", owner: "S1"),
                                G.opportunity("O2", customer: "C1", campaign: "K2", owner: "S2")]
        bundle.orders = [G.order("DH1", customer: "C1", opportunity: "O1", total: 100_000),
                         G.order("DH2", customer: "C1", total: 200_000)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(.opportunity),
            expectations: [.figures(.user("S1"), [.orders: 2, .orderValue: 300_000, .ordered: 1]),
                           .figures(.user("S2"), [.orders: 1, .orderValue: 200_000, .ordered: 1]),
                           .figures(.total, [.orders: 3, .orderValue: 500_000, .debt: 500_000])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.orders: 2, .orderValue: 300_000]),
                           .figures(.total, [.orders: 2])]))
    }

    // MARK: R13 — extensions

    @Test("R13: a tagged extension only matches its provider (codes ignoring case); the number may be another's too")
    func taggedExtension() async throws {
        var bundle = G.company()
        bundle.users[5].extensions.append(ExtensionRef(number: "201", providerCode: "OMI"))  // T
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"]),
                            G.customer("C2", owner: "T", phones: ["0912345678"]),
                            G.customer("C3", owner: nil, phones: ["0912345678"])]
        bundle.calls = [
            G.call("K1", ext: "201", provider: "VFONE", to: "0912345678", at: "2026-11-12T10:00:00+07:00"),
            G.call("K2", ext: "201", provider: "vfone", to: "0912345678", at: "2026-11-12T10:01:00+07:00"),
            G.call("K3", ext: "201", provider: "OMI", to: "0912345678", at: "2026-11-12T10:02:00+07:00"),
            G.call("K4", ext: "201", provider: "import", to: "0912345678", at: "2026-11-12T10:03:00+07:00"),
        ]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.calls: 2]), .figures(.user("T"), [.calls: 1]),
                           .figures(.unassigned, [.calls: 4])]))
    }

    @Test("R13: an untagged extension matches calls from any provider")
    func untaggedExtension() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S2", phones: ["0912345678"])]
        bundle.calls = ["import", "OMI", "VFONE", "manual"].enumerated().map { index, provider in
            G.call("K\(index)", ext: "102", provider: provider, to: "0912345678", at: "2026-11-12T10:00:00+07:00")
        }
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), expectations: [.figures(.user("S2"), [.called: 1, .calls: 4])]))
    }

    @Test("R13: the call's user_email wins over its extension")
    func userEmailWins() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"]),
                            G.customer("C2", owner: "S2", phones: ["0912345678"])]
        bundle.calls = [G.call("K1", ext: "102", user: "S1@CD.VN", to: "0912345678", at: "2026-11-12T10:00:00+07:00")]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.calls: 1]), .figures(.user("S2"), [.calls: 0])]))
    }

    @Test("R13: a call whose extension matches nobody counts for no row but Unassigned")
    func unmatchedExtension() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1", phones: ["0912345678"]),
                            G.customer("C2", owner: nil, phones: ["0912345678"])]
        bundle.calls = [G.call("K1", ext: "999", to: "0912345678", at: "2026-11-12T10:00:00+07:00")]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.calls: 0]), .figures(.unassigned, [.calls: 1]),
                           .figures(.total, [.calls: 1])]))
    }

    // MARK: R14 — invariants

    @Test("R14: debt is never negative and at least order_value − paid; Total is the sum of the rows")
    func invariants() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1"), G.customer("C2", owner: "S1"), G.customer("C3", owner: nil)]
        bundle.orders = [G.order("DH1", customer: "C1", total: 100_000), G.order("DH2", customer: "C2", total: 100_000),
                         G.order("DH3", customer: "C3", total: 10_000)]
        bundle.payments = [G.payment("P1", order: "DH1", amount: 150_000, at: "2026-11-11T10:00:00+07:00"),
                           G.payment("P2", order: "DH3", amount: 10_000, at: "2026-11-11T10:00:00+07:00")]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.orders: 2, .orderValue: 200_000, .paid: 150_000, .debt: 100_000]),
                           .figures(.total, [.orders: 3, .orderValue: 210_000, .paid: 160_000, .debt: 100_000]),
                           .invariants]))
    }

    // MARK: R15 — drill-down

    @Test("R15: every count cell's drill-down lists exactly the members behind it")
    func drillDownLists() async throws {
        var bundle = G.company()
        bundle.customers = [
            G.customer("C1", owner: "S1", phones: ["0912345678"]),
            G.customer("C2", owner: "S1", phones: ["0987654321"]),
            G.customer("C3", owner: "S1"), G.customer("C4", owner: nil),
        ]
        bundle.calls = [G.call("K1", to: "0912345678", at: "2026-11-12T10:00:00+07:00", talk: 30),
                        G.call("K2", to: "0987654321", at: "2026-11-12T10:00:00+07:00", talk: 0)]
        bundle.tasks = [G.task("AP1", customer: "C1", status: .done), G.task("AP2", customer: "C2")]
        bundle.orders = [G.order("DH1", customer: "C1", total: 100_000)]
        let s1 = ReferenceRowKey.user("S1")
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [
                .members(s1, .members, ["C1", "C2", "C3"]), .members(s1, .called, ["C1", "C2"]),
                .members(s1, .answered, ["C1"]), .members(s1, .notCalled, ["C3"]), .members(s1, .booked, ["C1", "C2"]),
                .members(s1, .completed, ["C1"]), .members(s1, .notBooked, ["C3"]), .members(s1, .orders, ["C1"]),
                .members(s1, .ordered, ["C1"]), .members(s1, .notOrdered, ["C2", "C3"]),
                .members(.total, .members, ["C1", "C2", "C3", "C4"]), .members(.total, .notCalled, ["C3", "C4"]),
                .members(.unassigned, .members, ["C4"]), .members(.user("S2"), .members, []),
            ]))
    }

    @Test("R15: the orders cell opens the members with orders, each once")
    func ordersCellLists() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1"), G.customer("C2", owner: "S1")]
        bundle.orders = [G.order("DH1", customer: "C1", total: 100_000), G.order("DH2", customer: "C1", total: 50_000)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(),
            expectations: [.figures(.user("S1"), [.orders: 2, .ordered: 1]), .members(.user("S1"), .orders, ["C1"])]))
    }

    // MARK: R16 — who sees what

    @Test("R16: a salesperson asking for a colleague is refused")
    func salespersonAsksForColleague() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(owners: .user("S2")), viewer: "S1", expectations: [.refused]))
    }

    @Test("R16: a salesperson sees only their own row, may ask for themself, and never for a department")
    func salespersonScope() async throws {
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(), viewer: "S1",
            expectations: [.rows(["S1"]), .noUnassigned, .figures(.total, [.members: 1])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(owners: .user("S1")), viewer: "S1",
            expectations: [.rows(["S1"]), .figures(.total, [.members: 1])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: ownedAround(), filters: G.filters(owners: .department("D3")), viewer: "S1",
            expectations: [.refused]))
    }

    @Test("R16: a manager sees their department and its descendants, not parents or siblings")
    func managerScope() async throws {
        let bundle = ownedAround()
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), viewer: "M",
            expectations: [.rows(["M", "S3", "S1", "S2"]), .noUnassigned, .figures(.total, [.members: 3])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(owners: .department("D3")), viewer: "M",
            expectations: [.rows(["S3", "S1", "S2"]), .figures(.total, [.members: 2])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(owners: .user("S1")), viewer: "M", expectations: [.rows(["S1"])]))
        for refused: ReferenceFilters.Owners in [.department("D1"), .department("D4"), .user("T"), .user("A")] {
            try await GoldenRunner.check(GoldenCase(
                bundle: bundle, filters: G.filters(owners: refused), viewer: "M", expectations: [.refused]))
        }
    }

    @Test("R16: heading a department gives department scope whatever the role: own department, headed ones, below")
    func headScope() async throws {
        let bundle = ownedAround()
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), viewer: "S3",
            expectations: [.rows(["T", "S3", "S1", "S2"]), .noUnassigned, .figures(.total, [.members: 3])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(owners: .department("D4")), viewer: "S3",
            expectations: [.rows(["T"]), .figures(.total, [.members: 1])]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(owners: .department("D2")), viewer: "S3", expectations: [.refused]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(owners: .user("M")), viewer: "S3", expectations: [.refused]))
    }

    // MARK: R17 — drill-down scope

    @Test("R17: a drill-down never lists members the viewer may not see in the report")
    func drillDownScope() async throws {
        var bundle = G.company()
        bundle.customers = [G.customer("C1", owner: "S1"), G.customer("C2", owner: "T"), G.customer("C3", owner: nil)]
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), viewer: "M",
            expectations: [.members(.total, .members, ["C1"]), .members(.total, .notCalled, ["C1"]),
                           .hidden(.user("T")), .hidden(.unassigned)]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(), viewer: "S1",
            expectations: [.members(.total, .members, ["C1"]), .hidden(.user("T")), .hidden(.unassigned)]))
        try await GoldenRunner.check(GoldenCase(
            bundle: bundle, filters: G.filters(owners: .user("S1")), viewer: "A",
            expectations: [.members(.total, .members, ["C1"]), .hidden(.unassigned)]))
    }
}

// MARK: - The golden harness

/// A hand-written case of the Telesales report: a tiny company, a question, and the numbers worked out by hand.
struct GoldenCase {
    var bundle: DataBundle
    var filters: ReferenceFilters
    var viewer = "A"
    var now = Golden.now
    var expectations: [GoldenExpectation]
}

enum GoldenExpectation {
    /// R16: the viewer may not ask this.
    case refused
    /// R6: exactly these user rows, in this order.
    case rows([String])
    /// These figures of a row (the ones not named are not checked).
    case figures(ReferenceRowKey, [TelesalesMetric: Int64])
    /// R7: no Unassigned row.
    case noUnassigned
    /// R15: the drill-down of a cell lists exactly these members (customer or opportunity bundle ids).
    case members(ReferenceRowKey, TelesalesMetric, Set<String>)
    /// R17: a row the viewer may not see lists nobody (refused or empty).
    case hidden(ReferenceRowKey)
    /// R14: the invariants hold on every row and Total is the sum of the rows.
    case invariants
}

/// What one implementation answered for a golden case, in bundle ids.
struct GoldenObservation {
    var refused = false
    var rows: [(user: String, figures: TelesalesFigures)] = []
    var unassigned: TelesalesFigures?
    var total = TelesalesFigures()
    /// "row|metric" → the listed member ids; nil when the drill-down is refused.
    var lists: [String: Set<String>?] = [:]

    static func key(_ row: ReferenceRowKey, _ metric: TelesalesMetric) -> String { "\(row)|\(metric.rawValue)" }

    func figures(_ row: ReferenceRowKey) -> TelesalesFigures? {
        switch row {
        case .user(let id): return rows.first { $0.user == id }?.figures
        case .unassigned: return unassigned
        case .total: return total
        }
    }
}

/// Runs each golden case through the reference and through the engine, and checks both against the hand-computed
/// expectations. `CALLDESK_GOLDEN_REFERENCE_ONLY=1` skips the engine (to check the reference alone).
enum GoldenRunner {
    static var checksEngine: Bool { ProcessInfo.processInfo.environment["CALLDESK_GOLDEN_REFERENCE_ONLY"] != "1" }

    static func check(_ golden: GoldenCase, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        verify(observeReference(golden), golden, who: "reference", sourceLocation: sourceLocation)
        guard checksEngine else { return }
        verify(try await observeEngine(golden), golden, who: "engine", sourceLocation: sourceLocation)
    }

    private static func drills(_ golden: GoldenCase) -> [(ReferenceRowKey, TelesalesMetric)] {
        golden.expectations.compactMap { expectation in
            switch expectation {
            case .members(let row, let metric, _): return (row, metric)
            case .hidden(let row): return (row, .members)
            default: return nil
            }
        }
    }

    static func observeReference(_ golden: GoldenCase) -> GoldenObservation {
        let reference = ReferenceTelesalesReport(bundle: golden.bundle)
        var observation = GoldenObservation()
        switch reference.report(golden.filters, viewer: golden.viewer, now: golden.now) {
        case .refused:
            observation.refused = true
        case .report(let report):
            observation.rows = report.rows
            observation.unassigned = report.unassigned
            observation.total = report.total
            for (row, metric) in drills(golden) {
                observation.lists[GoldenObservation.key(row, metric)] = report.memberIDs(of: row, metric: metric)
            }
        }
        return observation
    }

    static func observeEngine(_ golden: GoldenCase) async throws -> GoldenObservation {
        let files = Dictionary(uniqueKeysWithValues: BundleWriter.write(golden.bundle, timeZone: Golden.zone)
            .map { ($0.name, $0.bytes) })
        return try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: files, into: app.db)
            let comparison = EngineComparison(engine: TelesalesReportEngine(database: app.db),
                                              ids: try await DatabaseIDs.load(app.db),
                                              reference: ReferenceTelesalesReport(bundle: golden.bundle))
            var observation = GoldenObservation()
            guard let view = try await comparison.report(golden.filters, viewer: golden.viewer, now: golden.now) else {
                observation.refused = true
                return observation
            }
            observation.rows = view.rows
            observation.unassigned = view.unassigned
            observation.total = view.total
            for (row, metric) in drills(golden) {
                let list = try await comparison.list(golden.filters, viewer: golden.viewer, now: golden.now, row: row,
                                                     metric: metric)
                observation.lists[GoldenObservation.key(row, metric)] = list.map { list in
                    Set(list.members.map { comparison.memberID($0, basis: golden.filters.basis) })
                }
            }
            return observation
        }
    }

    static func verify(_ observed: GoldenObservation, _ golden: GoldenCase, who: String,
                       sourceLocation: SourceLocation) {
        func fail(_ text: String) {
            Issue.record(Comment(rawValue: "\(who): \(text) — viewer \(golden.viewer), \(golden.filters)"),
                         sourceLocation: sourceLocation)
        }
        let expectsRefusal = golden.expectations.contains {
            if case .refused = $0 { return true } else { return false }
        }
        guard observed.refused == expectsRefusal else {
            return fail(expectsRefusal ? "expected a refusal (R16), got a report" : "refused unexpectedly")
        }
        for expectation in golden.expectations {
            switch expectation {
            case .refused:
                break
            case .rows(let users):
                let rows = observed.rows.map(\.user)
                if rows != users { fail("rows \(rows), expected \(users)") }
            case .figures(let row, let values):
                guard let figures = observed.figures(row) else {
                    fail("no \(row) row")
                    continue
                }
                for metric in TelesalesMetric.allCases {
                    guard let value = values[metric] else { continue }
                    if figures[metric] != value {
                        fail("\(row) \(metric.rawValue) = \(figures[metric]), expected \(value)")
                    }
                }
            case .noUnassigned:
                if observed.unassigned != nil { fail("an Unassigned row is shown (R7)") }
            case .members(let row, let metric, let ids):
                switch observed.lists[GoldenObservation.key(row, metric)] {
                case .some(.some(let listed)):
                    if listed != ids {
                        fail("\(row) \(metric.rawValue) lists \(listed.sorted()), expected \(ids.sorted())")
                    }
                default:
                    fail("\(row) \(metric.rawValue): the drill-down is refused")
                }
            case .hidden(let row):
                let list = observed.lists[GoldenObservation.key(row, .members)]
                if case .some(.some(let listed)) = list, !listed.isEmpty {
                    fail("\(row) is hidden from the viewer, yet its drill-down lists \(listed.sorted()) (R17)")
                }
            case .invariants:
                var sum = observed.unassigned ?? TelesalesFigures()
                for (user, figures) in observed.rows {
                    sum = sum + figures
                    if !figures.invariantViolations.isEmpty { fail("user:\(user): \(figures.invariantViolations)") }
                }
                if !observed.total.invariantViolations.isEmpty { fail("total: \(observed.total.invariantViolations)") }
                if sum != observed.total { fail("Total \(observed.total) is not the sum of the rows \(sum)") }
            }
        }
    }
}

/// The golden company and shorthand for its records. Users' emails are `<id in lower case>@cd.vn`.
///
/// Departments: D1 Công ty (head A) › D2 Kinh doanh (head M) › D3 Kinh doanh 1; D1 › D4 Đào tạo (head S3).
/// Users: A admin (D1), M manager (D2), S1 sales (D3; extensions 101 and VFONE:201), S2 sales (D3; 102),
/// S3 sales (D3, heads D4), T sales (D4; 103). As the admin sees them (R6): A, T, M, S3, S1, S2.
enum Golden {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// 2026-11-20 17:00 in Hồ Chí Minh City.
    static let now = at("2026-11-20T17:00:00+07:00")
    static let november = range("2026-11-01", "2026-11-20")
    static let adminRows = ["A", "T", "M", "S3", "S1", "S2"]

    static func at(_ text: String) -> Date {
        guard case .success(let date) = RFC3339.parse(text) else { preconditionFailure("bad time \(text)") }
        return date
    }

    static func range(_ from: String, _ to: String) -> LocalDateRange {
        LocalDateRange(from: LocalDate(from)!, to: LocalDate(to)!)
    }

    static func email(_ user: String) -> String { user.lowercased() + "@cd.vn" }

    static func filters(_ basis: ReportBasis = .customer, owners: ReferenceFilters.Owners = .all,
                        campaign: String? = nil, sources: [String] = [], groups: [String] = [],
                        created: LocalDateRange = november, calls: LocalDateRange = november) -> ReferenceFilters {
        ReferenceFilters(basis: basis, owners: owners, campaign: campaign, sources: sources, groups: groups,
                         created: created, calls: calls)
    }

    static func company() -> DataBundle {
        var bundle = DataBundle()
        bundle.departments = [
            DepartmentRecord(id: "D1", name: "Công ty", headEmail: email("A")),
            DepartmentRecord(id: "D2", name: "Kinh doanh", parentID: "D1", headEmail: email("M")),
            DepartmentRecord(id: "D3", name: "Kinh doanh 1", parentID: "D2"),
            DepartmentRecord(id: "D4", name: "Đào tạo", parentID: "D1", headEmail: email("S3")),
        ]
        bundle.users = [
            UserRecord(id: "A", name: "Trần Quản Trị", email: email("A"), departmentID: "D1", role: .admin),
            UserRecord(id: "M", name: "Lê Quản Lý", email: email("M"), departmentID: "D2", role: .manager),
            UserRecord(id: "S1", name: "Nguyễn Văn An", email: email("S1"), departmentID: "D3", role: .sales,
                       extensions: [ExtensionRef(number: "101"), ExtensionRef(number: "201", providerCode: "VFONE")]),
            UserRecord(id: "S2", name: "Phạm Thị Bình", email: email("S2"), departmentID: "D3", role: .sales,
                       extensions: [ExtensionRef(number: "102")]),
            UserRecord(id: "S3", name: "Đỗ Thị Cúc", email: email("S3"), departmentID: "D3", role: .sales),
            UserRecord(id: "T", name: "Vũ Đào Tạo", email: email("T"), departmentID: "D4", role: .sales,
                       extensions: [ExtensionRef(number: "103")]),
        ]
        bundle.campaigns = [
            CampaignRecord(id: "K1", name: "Khuyến mãi Tết"), CampaignRecord(id: "K2", name: "Tri ân"),
            CampaignRecord(id: "K3", name: "Mở thẻ"),
        ]
        return bundle
    }

    static func customer(_ id: String, owner: String?, phones: [String] = [],
                         created: String = "2026-11-05T09:00:00+07:00", deleted: String? = nil,
                         sources: [String] = [], groups: [String] = []) -> CustomerRecord {
        CustomerRecord(id: id, name: "Khách \(id)", phones: phones, sourceIDs: sources, groupIDs: groups,
                       ownerEmail: owner.map(email), createdAt: at(created), deletedAt: deleted.map(at))
    }

    static func opportunity(_ id: String, customer: String, campaign: String, owner: String?,
                            created: String = "2026-11-10T09:00:00+07:00",
                            deleted: String? = nil) -> OpportunityRecord {
        OpportunityRecord(id: id, customerID: customer, campaignID: campaign, ownerEmail: owner.map(email),
                          createdAt: at(created), deletedAt: deleted.map(at))
    }

    static func call(_ id: String, ext: String? = "101", provider: String = "import", user: String? = nil,
                     to number: String, at time: String, talk: Int = 30,
                     direction: CallDirection = .outbound) -> CallRecord {
        CallRecord(id: id, provider: provider, direction: direction, extension: ext, userEmail: user,
                   remoteNumber: number, startedAt: at(time), totalSeconds: talk + 5, talkSeconds: talk)
    }

    static func task(_ id: String, _ type: TaskType = .appointment, customer: String?, opportunity: String? = nil,
                     created: String = "2026-11-10T09:00:00+07:00", status: TaskStatus = .open,
                     completed: String? = nil) -> TaskRecord {
        TaskRecord(id: id, type: type, title: "Việc \(id)", customerID: customer, opportunityID: opportunity,
                   createdAt: at(created), status: status, completedAt: completed.map(at))
    }

    static func order(_ id: String, customer: String, opportunity: String? = nil,
                      created: String = "2026-11-10T09:00:00+07:00", total: Int64,
                      status: OrderStatus = .approved) -> OrderRecord {
        OrderRecord(id: id, customerID: customer, opportunityID: opportunity, createdAt: at(created), total: total,
                    status: status)
    }

    static func payment(_ id: String, order: String, amount: Int64, at time: String) -> PaymentRecord {
        PaymentRecord(id: id, orderID: order, amount: amount, paidAt: at(time))
    }
}
