import CallDeskCore
import CallDeskStore
import Foundation
import Testing

/// The demo company (cli.md `calldesk demo`): deterministic, chunk-size independent, and internally
/// consistent enough to load and to make the Telesales report (telesales-report.md) interesting.
@Suite("Demo company")
struct DemoCompanyTests {
    /// A Monday morning, and a Sunday night (no working time left today).
    static let mondayMorning = Date(timeIntervalSince1970: 1_796_008_500)  // 2026-11-30T10:15:00+07:00
    static let sundayNight = Date(timeIntervalSince1970: 1_795_963_200)  // 2026-11-29T21:40:00+07:00

    static func company(customers: Int = 800, staff: Int = 25, days: Int = 60, seed: UInt64 = 7,
                        now: Date = mondayMorning) -> DemoCompany {
        DemoCompany(options: DemoOptions(customers: customers, staff: staff, days: days, seed: seed, now: now))
    }

    /// Every chunk of `company`, concatenated.
    static func everything(_ company: DemoCompany, chunkSize: Int = 250) -> DataBundle {
        var all = company.organisation()
        for chunk in company.customerChunks(chunkSize: chunkSize) {
            all.customers += chunk.customers
            all.opportunities += chunk.opportunities
            all.calls += chunk.calls
            all.tasks += chunk.tasks
            all.orders += chunk.orders
            all.orderLines += chunk.orderLines
            all.payments += chunk.payments
        }
        return all
    }

    // MARK: Determinism

    @Test("the same seed gives the same company, record for record")
    func sameSeedSameCompany() {
        let first = Self.everything(Self.company())
        let second = Self.everything(Self.company())
        #expect(first == second)
        #expect(first.calls.count > 5_000)
    }

    @Test("the chunk size does not change the data", arguments: [1, 37, 1_000])
    func chunkSizeDoesNotMatter(chunkSize: Int) {
        let company = Self.company(customers: 300)
        #expect(Self.everything(company, chunkSize: chunkSize) == Self.everything(company, chunkSize: 300))
    }

    @Test("a chunk is the same whatever was generated before it")
    func chunksStandAlone() {
        let company = Self.company(customers: 300)
        let whole = company.customerChunk(0..<300)
        let tail = company.customerChunk(200..<300)
        #expect(Array(whole.customers[200...]) == tail.customers)
        #expect(whole.calls.filter { tail.calls.contains($0) }.count == tail.calls.count)
        #expect(company.customerChunk(290..<400).customers.count == 10)
    }

    @Test("another seed gives other data")
    func differentSeedDifferentData() {
        let one = Self.everything(Self.company(customers: 200, seed: 1))
        let two = Self.everything(Self.company(customers: 200, seed: 2))
        #expect(one.customers.map(\.name) != two.customers.map(\.name))
        #expect(one.customers.map(\.phones) != two.customers.map(\.phones))
        #expect(one.users.map(\.email) != two.users.map(\.email))
        #expect(one.calls.map(\.startedAt) != two.calls.map(\.startedAt))
    }

    // MARK: The organisation

    @Test("settings name a Vietnamese company in Vietnam's zone, VND, VN, vi")
    func settings() {
        let settings = Self.company().organisation().settings
        #expect(settings["company_name"] == "Công ty TNHH Thương mại An Phát")
        #expect(settings["time_zone"] == "Asia/Ho_Chi_Minh")
        #expect(settings["currency"] == "VND")
        #expect(settings["phone_region"] == "VN")
        #expect(settings["locale"] == "vi")
    }

    @Test("the department tree has one root, no cycles, depth ≥ 3, and a head for every department",
          arguments: [5, 12, 25, 200])
    func departmentTree(staff: Int) throws {
        let bundle = Self.company(customers: 0, staff: staff).organisation()
        let departments = Dictionary(uniqueKeysWithValues: bundle.departments.map { ($0.id, $0) })
        let users = Dictionary(uniqueKeysWithValues: bundle.users.map { ($0.email, $0) })
        #expect(departments.count == bundle.departments.count, "department ids are unique")
        #expect(bundle.departments.filter { $0.parentID == nil }.count == 1)
        var deepest = 0
        for department in bundle.departments {
            var seen: Set<String> = [department.id]
            var current = department
            while let parent = current.parentID {
                let next = try #require(departments[parent], "parent \(parent) exists")
                #expect(seen.insert(next.id).inserted, "no cycle through \(department.id)")
                if seen.count > departments.count { break }
                current = next
            }
            deepest = max(deepest, seen.count)
            let head = try #require(department.headEmail.flatMap { users[$0] }, "\(department.id) has a head")
            #expect(head.role != .sales, "heads are managers (or the administrator)")
        }
        #expect(deepest >= 3)
        #expect(bundle.users.count == staff)
        #expect(bundle.users.allSatisfy { $0.departmentID.map { departments[$0] != nil } ?? false })
        let cloud = bundle.users.filter { $0.extensions.contains { $0.providerCode != nil } }
        #expect(cloud.allSatisfy { $0.departmentID?.hasPrefix("kd") == true }, "only a sales team is on the cloud PBX")
        let headships = Dictionary(grouping: bundle.departments.compactMap(\.headEmail), by: { $0 })
        #expect(headships.values.contains { $0.count > 1 }, "someone heads several departments")
    }

    @Test("more staff make more teams")
    func sizedToStaff() {
        let small = Self.company(customers: 0, staff: 25).organisation().departments.count
        let large = Self.company(customers: 0, staff: 200).organisation().departments.count
        #expect(large > 3 * small)
    }

    @Test("staff have Vietnamese names, unique ASCII emails, one admin, extensions owned by one person each")
    func staff() {
        let bundle = Self.company(customers: 0, staff: 200).organisation()
        let emails = bundle.users.map(\.email)
        #expect(Set(emails).count == emails.count)
        #expect(emails.allSatisfy { $0.allSatisfy(\.isASCII) && $0.hasSuffix("@anphat.vn") })
        #expect(bundle.users.filter { $0.role == .admin }.map(\.email) == ["admin@anphat.vn"])
        #expect(bundle.users.allSatisfy { $0.name.split(separator: " ").count >= 3 })
        #expect(bundle.users.filter { $0.name.hasPrefix("Nguyễn ") }.count > 40)
        #expect(bundle.users.allSatisfy { $0.password == DemoCompany.demoPassword })
        let extensions = bundle.users.flatMap(\.extensions)
        #expect(Set(extensions.map(\.number)).count == extensions.count, "an extension belongs to one user")
        #expect(bundle.users.filter { $0.extensions.count == 1 }.count > bundle.users.count / 2)
        #expect(bundle.users.contains { $0.extensions.count == 2 })
        #expect(extensions.contains { $0.providerCode == "VFONE" && $0.number.hasPrefix("2") })
        #expect((1...2).contains(bundle.users.filter { !$0.active }.count))
    }

    @Test("the logins to print are an admin, a manager and a salesperson")
    func logins() throws {
        let company = Self.company(customers: 0)
        let users = Dictionary(uniqueKeysWithValues: company.organisation().users.map { ($0.email, $0) })
        let logins = company.logins()
        #expect(logins.map(\.role) == ["admin", "manager", "sales"])
        for login in logins {
            let user = try #require(users[login.email])
            #expect(user.name == login.name && user.role.rawValue == login.role && user.active)
        }
    }

    @Test("sources, nested groups and campaigns with stages and dates")
    func catalogue() {
        let bundle = Self.company(customers: 0).organisation()
        #expect(bundle.sources.map(\.name).contains("Giới thiệu"))
        #expect(bundle.groups.contains { $0.parentID == "vip" })
        #expect((3...5).contains(bundle.campaigns.count))
        for campaign in bundle.campaigns {
            #expect(campaign.stages.count == 5 && campaign.stages.first == "Mới")
            if let start = campaign.startsOn, let end = campaign.endsOn { #expect(start <= end) }
        }
    }

    // MARK: The generator

    @Test("DemoRandom is reproducible, stays in range, and follows weights")
    func random() {
        var one = DemoRandom(seed: 42, stream: 3, index: 9)
        var two = DemoRandom(seed: 42, stream: 3, index: 9)
        var other = DemoRandom(seed: 42, stream: 3, index: 10)
        let first = (0..<8).map { _ in one.next() }
        #expect(first == (0..<8).map { _ in two.next() })
        #expect(first != (0..<8).map { _ in other.next() })
        let table = WeightedTable([1, 0, 3])
        var hits = [0, 0, 0]
        for _ in 0..<40_000 {
            let value = one.int(in: -3...3)
            #expect((-3...3).contains(value))
            hits[one.pick(table)] += 1
        }
        #expect(hits[1] == 0)
        #expect((2.8...3.2).contains(Double(hits[2]) / Double(hits[0])))
        #expect(one.int64(in: 5...5) == 5)
    }
}
