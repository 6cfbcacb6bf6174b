import CallDeskCore
import Foundation

/// Lays out the department tree for a staff count and hires people into it.
///
/// For 25 staff: an administrator and a director (Ban Giám đốc), a sales director (Khối Kinh doanh),
/// two sales departments with three teams of about six, customer care (2) and marketing (1).
/// Teams stay about six strong, so 200 staff make about 29 teams in 10 departments.
/// Each sales department's head also leads its first team: a user may head several departments.
struct DemoHiring {
    private(set) var departments: [DepartmentRecord] = []
    private(set) var staff: [DemoStaffMember] = []
    private(set) var teamCount = 0
    /// Salespeople who have since left (inactive users who still own customers).
    private(set) var leavers: [Int] = []
    private(set) var firstSalesHead = 0
    private(set) var firstSeller = 0
    private var emails: Set<String> = []
    /// How many teams lose their last salesperson: one, or two in a company of 60 or more.
    private var teamsWithLeaver = 1

    mutating func build(staff size: Int, using rng: inout DemoRandom) {
        let total = max(size, DemoOptions.minimumStaff)
        let hasSalesDirector = total >= 15
        let careCount = total >= 10 ? max(2, total * 8 / 100) : 0
        let marketingCount = total >= 12 ? max(1, total * 5 / 100) : 0
        let salesPool = total - 2 - (hasSalesDirector ? 1 : 0) - careCount - marketingCount
        teamCount = max(1, (salesPool + 3) / 6)
        let salesDepartments = teamCount == 1 ? 1 : max(2, (teamCount + 2) / 3)
        teamsWithLeaver = total >= 60 ? 2 : 1

        addDepartment("bgd", "Ban Giám đốc", parent: nil)
        addDepartment("kd", "Khối Kinh doanh", parent: "bgd")
        hire(department: "bgd", role: .admin, email: "admin@" + DemoCatalog.emailDomain, using: &rng)
        let director = hire(department: "bgd", role: .manager, using: &rng)
        setHead("bgd", director)
        if hasSalesDirector {
            let salesDirector = hire(department: "kd", role: .manager, ownerWeight: 0.05, calls: true, using: &rng)
            setHead("kd", salesDirector)
        } else {
            setHead("kd", director)
        }
        if careCount > 0 {
            addDepartment("cskh", "Chăm sóc khách hàng", parent: "bgd")
            setHead("cskh", hire(department: "cskh", role: .manager, ownerWeight: 0.1, calls: true, using: &rng))
            for _ in 1..<careCount {
                hire(department: "cskh", ownerWeight: 0.25, calls: true, using: &rng)
            }
        }
        if marketingCount > 0 {
            addDepartment("mkt", "Marketing", parent: "bgd")
            setHead("mkt", hire(department: "mkt", role: .manager, using: &rng))
            for _ in 1..<marketingCount {
                hire(department: "mkt", using: &rng)
            }
        }
        hireSales(pool: salesPool, departments: salesDepartments, using: &rng)
    }

    private mutating func hireSales(pool: Int, departments count: Int, using rng: inout DemoRandom) {
        let sellers = pool - teamCount
        var team = 0
        for number in 1...count {
            let id = "kd\(number)"
            addDepartment(id, "Kinh doanh \(number)", parent: "kd")
            let teamsHere = teamCount / count + (number <= teamCount % count ? 1 : 0)
            var head = 0
            for letterIndex in 0..<teamsHere {
                let letter = String(UnicodeScalar(UInt8(65 + letterIndex % 26)))
                let teamID = id + letter.lowercased()
                addDepartment(teamID, "Nhóm \(number)\(letter)", parent: id)
                if letterIndex == 0 {
                    head = hire(department: id, role: .manager, team: team, ownerWeight: 0.35, calls: true,
                                using: &rng)
                    setHead(id, head)
                    setHead(teamID, head)
                    if number == 1 { firstSalesHead = head }
                } else {
                    let lead = hire(department: teamID, role: .manager, team: team, ownerWeight: 0.6, calls: true,
                                    using: &rng)
                    setHead(teamID, lead)
                }
                let members = sellers / teamCount + (team < sellers % teamCount ? 1 : 0)
                for k in 0..<members {
                    let seller = hire(department: teamID, team: team, ownerWeight: 0.6 + rng.unit(), calls: true,
                                      using: &rng)
                    if team == 0, k == 0 { firstSeller = seller }
                    let leaves = k == members - 1 && members >= 2 && team < teamsWithLeaver
                    if leaves { leavers.append(seller) }
                }
                team += 1
            }
        }
    }

    private mutating func addDepartment(_ id: String, _ name: String, parent: String?) {
        departments.append(DepartmentRecord(id: id, name: name, parentID: parent))
    }

    private mutating func setHead(_ id: String, _ member: Int) {
        guard let index = departments.firstIndex(where: { $0.id == id }) else { return }
        departments[index].headEmail = staff[member].record.email
    }

    @discardableResult
    private mutating func hire(department: String, role: RoleCode = .sales, email fixedEmail: String? = nil,
                               team: Int? = nil, ownerWeight: Double = 0, calls: Bool = false,
                               using rng: inout DemoRandom) -> Int {
        let name = DemoNames.person(female: rng.bool(0.55), using: &rng)
        let email = fixedEmail ?? uniqueEmail(for: name)
        emails.insert(email)
        let id = DemoText.code("NV", staff.count + 1, width: 3)
        let record = UserRecord(id: id, name: name.fullName, email: email, departmentID: department, role: role,
                                password: DemoCompany.demoPassword)
        var member = DemoStaffMember(record: record, team: team, ownerWeight: ownerWeight)
        member.dialExtension = calls ? "" : nil  // numbered once everyone is hired
        staff.append(member)
        return staff.count - 1
    }

    /// `an.nguyenvan@anphat.vn`; `an.nguyenvan2@…` when that is taken.
    private func uniqueEmail(for name: DemoPersonName) -> String {
        let local = name.given.ascii + "." + name.surname.ascii + name.middle.ascii
        var candidate = local + "@" + DemoCatalog.emailDomain
        var suffix = 1
        while emails.contains(candidate) {
            suffix += 1
            candidate = local + String(suffix) + "@" + DemoCatalog.emailDomain
        }
        return candidate
    }
}
