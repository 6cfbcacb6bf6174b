import CallDeskCore
import Foundation

/// One member of staff, with what the history generator needs beyond the user record.
struct DemoStaffMember: Sendable {
    var record: UserRecord
    /// Index into `DemoOrganisation.teams`: the people who stand in for each other on calls.
    var team: Int?
    /// The extension their calls come from; for someone who left, the one they had (since released).
    var dialExtension: String?
    var spareExtension: String?
    /// The PBX that carries their calls: `asterisk` (the office PBX), or `VFONE` (a cloud PBX).
    var provider = "asterisk"
    /// The moment a former employee left (`record.active` is false); nil for current staff.
    var leftAt: Int64?
    /// How many customers they own, relative to others.
    var ownerWeight = 0.0

    var calls: Bool { dialExtension != nil }

    func isWorking(at instant: Int64) -> Bool {
        leftAt.map { instant < $0 } ?? true
    }
}

/// The company's departments and staff (domain.md, Organisation), sized to the staff count:
/// Ban Giám đốc → Khối Kinh doanh → Kinh doanh 1…n → Nhóm 1A…, plus customer care and marketing.
struct DemoOrganisation: Sendable {
    var departments: [DepartmentRecord] = []
    var staff: [DemoStaffMember] = []
    /// Current staff who place calls, per team.
    var teams: [[Int]] = []
    /// Every current member of staff who places calls.
    var callers: [Int] = []
    /// Customer-care agents, who pick up most inbound calls.
    var careAgents: [Int] = []
    /// Who may own customers, and how likely.
    var owners: [Int] = []
    var ownerTable = WeightedTable([1])
    /// An extension in the PBX that belongs to nobody (a meeting-room phone).
    var unknownExtension = ""
    var administrator = 0
    var loginManager = 0
    var loginSalesperson = 0

    init(options: DemoOptions, clock: DemoClock) {
        var rng = DemoRandom(seed: options.seed, stream: DemoStream.organisation, index: 0)
        var hiring = DemoHiring()
        hiring.build(staff: options.staff, using: &rng)
        departments = hiring.departments
        staff = hiring.staff
        teams = Array(repeating: [], count: hiring.teamCount)
        administrator = 0
        loginManager = hiring.firstSalesHead
        loginSalesperson = hiring.firstSeller
        retire(hiring.leavers, clock: clock, days: options.days)
        assignExtensions(vfoneTeam: hiring.teamCount >= 2 ? hiring.teamCount - 1 : nil)
        for (index, member) in staff.enumerated() {
            if member.ownerWeight > 0 {
                owners.append(index)
            }
            guard member.calls, member.record.active else { continue }
            callers.append(index)
            if let team = member.team { teams[team].append(index) }
            if member.record.departmentID == "cskh" { careAgents.append(index) }
        }
        ownerTable = WeightedTable(owners.map { staff[$0].ownerWeight })
    }

    /// Former employees: inactive, their extension released, leaving a few weeks apart.
    private mutating func retire(_ leavers: [Int], clock: DemoClock, days: Int) {
        for (k, index) in leavers.enumerated() {
            let day = clock.today - Int64(max(1, days / 3) + 9 * k)
            staff[index].leftAt = clock.instant(day: day, at: 17 * DemoClock.hour + 1_800)
            staff[index].record.active = false
            staff[index].ownerWeight = 1.0
        }
    }

    /// Office extensions 101, 102… (skipping 2xx, which the cloud PBX uses), `VFONE:2xx` for one team,
    /// a second extension for a few people, and one extension nobody owns.
    private mutating func assignExtensions(vfoneTeam: Int?) {
        var nextOffice = 100
        func officeExtension() -> String {
            nextOffice += nextOffice == 199 ? 101 : 1
            return String(nextOffice)
        }
        var nextCloud = 200
        for index in staff.indices where staff[index].calls {
            let extensionRef: ExtensionRef
            if let vfoneTeam, staff[index].team == vfoneTeam, nextCloud < 299 {
                nextCloud += 1
                extensionRef = ExtensionRef(number: String(nextCloud), providerCode: "VFONE")
                staff[index].provider = "VFONE"
            } else {
                extensionRef = ExtensionRef(number: officeExtension())
            }
            staff[index].dialExtension = extensionRef.number
            guard staff[index].record.active else { continue }  // released when they left
            staff[index].record.extensions = [extensionRef]
            if extensionRef.providerCode == nil, index % 7 == 3 {
                let spare = officeExtension()
                staff[index].spareExtension = spare
                staff[index].record.extensions.append(ExtensionRef(number: spare))
            }
        }
        unknownExtension = officeExtension()
    }

    /// A current teammate of `member` who places calls (anyone who calls when the team has nobody else).
    func colleague(of member: Int, using rng: inout DemoRandom) -> Int {
        if let team = staff[member].team {
            let mates = teams[team]
            for _ in 0..<3 where !mates.isEmpty {
                let pick = mates[rng.below(mates.count)]
                if pick != member { return pick }
            }
        }
        return rng.pick(callers)
    }
}

/// Stream numbers for `DemoRandom(seed:stream:index:)`: each part of the demo draws from its own.
enum DemoStream {
    static let organisation: UInt64 = 1
    static let profile: UInt64 = 2
    static let customer: UInt64 = 3
    static let aftercare: UInt64 = 4
}
