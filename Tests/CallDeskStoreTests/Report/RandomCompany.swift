import CallDeskCore
import Foundation

/// SplitMix64: a tiny seeded generator whose sequence is ours (the standard library's `random(in:using:)`
/// algorithms may change between toolchains, so ranges are drawn by hand below).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// Up to `max` distinct items, in their original order.
    mutating func some<T>(_ items: [T], max: Int) -> [T] {
        guard !items.isEmpty, max > 0 else { return [] }
        var chosen = Set<Int>()
        for _ in 0..<int(1...max) { chosen.insert(int(0...items.count - 1)) }
        return chosen.sorted().map { items[$0] }
    }
}

/// A small, TRICKY, valid company for the differential tests: department trees with heads who are not members (or
/// head several), users of every role (inactive ones, ones without department), tagged and untagged extensions,
/// phones in many spellings and shared between customers, deleted and future records, instants on local
/// midnights and at `now`. Every bundle imports without errors (the differential test checks that too).
struct RandomCompany {
    let seed: UInt64
    var bundle = DataBundle()
    /// The company's zone (R1), as the bundle's settings give it.
    let timeZone: TimeZone
    /// The zone whose offsets the bundle's files are written in (any zone names the same instants).
    let writerTimeZone: TimeZone
    /// The local date of `now`.
    let today: LocalDate
    let now: Date
    /// Viewers to try: an admin, a manager or head, a salesperson, a user heading a department outside their own.
    private(set) var viewers: [String] = []

    private var random: SplitMix64

    static let zones = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Kolkata", "America/New_York", "Europe/Berlin",
                        "Australia/Lord_Howe"]

    init(seed: UInt64) {
        self.seed = seed
        random = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D)
        // R1: mostly the default zone (sometimes written out), now and then another one, DST included.
        var settings: [String: String] = [:]
        let zone: String
        switch random.int(0...9) {
        case 0...5: zone = "Asia/Ho_Chi_Minh"
        case 6, 7: zone = "Asia/Ho_Chi_Minh"; settings["time_zone"] = zone; settings["phone_region"] = "VN"
        default: zone = random.pick(Array(Self.zones.dropFirst())); settings["time_zone"] = zone
        }
        timeZone = TimeZone(identifier: zone)!
        writerTimeZone = TimeZone(identifier: random.pick(["Asia/Ho_Chi_Minh", "UTC", "America/Los_Angeles",
                                                           "Asia/Kathmandu", "Europe/London"]))!
        bundle.settings = settings
        // Late October to December: crosses Europe's and America's DST ends.
        today = LocalDate(year: 2026, month: 10, day: 20).adding(days: random.int(0...70))
        let dayStart = LocalCalendar.startOfDay(today, in: timeZone)
        let dayEnd = LocalCalendar.startOfDay(today.adding(days: 1), in: timeZone)
        let nowMS: Int64
        switch random.int(0...9) {
        case 0: nowMS = dayStart                                   // exactly local midnight
        case 1: nowMS = dayEnd - 1                                 // the day's last millisecond
        case 2: nowMS = dayStart + random.int64(0...86_399) * 1_000 + random.int64(1...999)
        default: nowMS = dayStart + random.int64(0...((dayEnd - dayStart) / 1_000 - 1)) * 1_000
        }
        now = Date(epochMilliseconds: nowMS)
        generate()
    }

    // MARK: - Instants

    private func midnight(_ days: Int) -> Int64 { LocalCalendar.startOfDay(today.adding(days: days), in: timeZone) }

    /// An instant around the report's time: on and around local midnights, at and around now, after now, or
    /// anywhere in the 40 days before; whole seconds or milliseconds.
    private mutating func instant() -> Date {
        let nowMS = now.epochMilliseconds
        let ms: Int64
        switch random.int(0...99) {
        case 0..<25: ms = midnight(random.int(-35...2)) + random.pick([-1_000, -1, 0, 0, 0, 1, 1_000])
        case 25..<33: ms = nowMS + random.pick([-1_000, -1, 0, 0, 1, 1_000, 3_600_000])
        case 33..<38: ms = nowMS + random.int64(1...3 * 86_400) * 1_000
        default:
            ms = midnight(-40) + random.int64(0...(midnight(2) - midnight(-40)) / 1_000) * 1_000
                + (random.chance(10) ? random.int64(1...999) : 0)
        }
        return Date(epochMilliseconds: ms)
    }

    /// An instant not before `earlier`: the same, a little later, a lot later, or at/after now.
    private mutating func instant(notBefore earlier: Date) -> Date {
        let base = earlier.epochMilliseconds
        switch random.int(0...9) {
        case 0: return earlier
        case 1...3: return Date(epochMilliseconds: base + random.int64(1...3_600) * 1_000)
        case 4...7: return Date(epochMilliseconds: base + random.int64(1...20 * 86_400) * 1_000)
        default:
            return Date(epochMilliseconds: max(base, now.epochMilliseconds + random.pick([0, 1, 1_000, 86_400_000])))
        }
    }

    // MARK: - The company

    private static let departmentNames = [
        "Kinh doanh", "Kinh doanh 1", "Kinh doanh 2", "Kinh doanh 10", "Đào tạo", "Dịch vụ khách hàng",
        "Chăm sóc khách hàng", "Ăn uống", "An ninh", "Bán lẻ", "Bán sỉ", "Telesales", "Điện thoại viên", "Ưu đãi",
        "Ủy thác", "Á Châu", "A Châu", "Zalo",
    ]
    private static let userNames = [
        "Nguyễn Văn An", "Nguyễn Văn Ân", "Nguyễn Văn Ấn", "Đặng Thu Hà", "Dương Minh Đức", "Đỗ Quang Dũng",
        "Trần Thị Bích", "Lê Ánh", "Lê Anh", "Lê Ảnh", "Phạm Đăng Khoa", "Hoàng Yến", "Bùi Thị Ơn", "Bùi Thị On",
        "Võ Ưng", "Vũ Ngọc Ánh", "an nguyễn", "Zoe Trần", "Bạch Bao", "Bảo Bảo",
    ]
    private static let providers = ["VFONE", "OMI", "STRINGEE"]

    private mutating func generate() {
        generateOrganisation()
        generateCatalogues()
        generateCustomers()
        generateOpportunities()
        generateCalls()
        generateTasks()
        generateOrders()
    }

    private mutating func generateOrganisation() {
        // Departments: a tree of 2–4 levels, one root, names that test Vietnamese collation, sometimes repeated.
        let levels = random.int(2...4)
        var depth: [String: Int] = [:]
        var names = Self.departmentNames
        for i in 1...random.int(3...7) {
            let id = "D\(i)"
            let name: String
            if i > 1 && random.chance(10) {
                name = random.pick(bundle.departments).name
            } else {
                name = names.remove(at: random.int(0...names.count - 1))
            }
            var parent: String?
            if i > 1 {
                let candidates = bundle.departments.filter { depth[$0.id]! < levels - 1 }
                parent = random.pick(candidates).id
            }
            depth[id] = parent.map { depth[$0]! + 1 } ?? 0
            bundle.departments.append(DepartmentRecord(id: id, name: i == 1 ? "Công ty" : name, parentID: parent))
        }

        // Users: every role, some inactive, some without a department; extensions tagged and untagged, a number
        // shared between providers now and then (never two owners for one provider).
        var extensionOwners: [String: [String?]] = [:]
        let count = random.int(4...12)
        for i in 1...count {
            let role: RoleCode
            switch i {
            case 1: role = .admin
            case 2: role = .manager
            case 3, 4: role = .sales
            default: role = random.int(0...99) < 15 ? .admin : (random.chance(30) ? .manager : .sales)
            }
            var extensions: [ExtensionRef] = []
            for _ in 0..<random.int(0...2) {
                let number = random.pick(["101", "102", "103", "104", "201", "202", "2001", "301"])
                let code: String? = random.chance(50) ? random.pick(Self.providers) : nil
                let owners = extensionOwners[number] ?? []
                if owners.contains(where: { $0 == code || $0 == nil || code == nil }) { continue }
                extensionOwners[number, default: []].append(code)
                extensions.append(ExtensionRef(number: number, providerCode: code))
            }
            let name = random.chance(8) && !bundle.users.isEmpty ? random.pick(bundle.users).name
                : random.pick(Self.userNames)
            bundle.users.append(UserRecord(
                id: "U\(i)", name: name,
                email: random.chance(30) ? "User.\(i)@CallDesk.test" : "user\(i)@calldesk.test",
                departmentID: random.chance(85) || i <= 2 ? random.pick(bundle.departments).id : nil,
                role: role, active: i <= 4 || random.chance(80), extensions: extensions))
        }

        // Heads: some departments have one, who may be a member elsewhere and may head several.
        for index in bundle.departments.indices where random.chance(55) {
            bundle.departments[index].headEmail = emailReference(random.pick(bundle.users))
        }
        // A salesperson heading a department outside their own (R16: heading gives department scope).
        let sales = bundle.users.filter { $0.role == .sales }
        let outsider = random.pick(sales)
        let outside = bundle.departments.filter { d in
            outsider.departmentID.map { !isDepartment(d.id, inside: $0) && !isDepartment($0, inside: d.id) } ?? true
        }
        let headed = random.pick(outside.isEmpty ? bundle.departments.filter { $0.id != outsider.departmentID }
                                                 : outside)
        let headedIndex = bundle.departments.firstIndex { $0.id == headed.id }!
        bundle.departments[headedIndex].headEmail = emailReference(outsider)

        // Viewers: an admin, a manager (or another head), a salesperson heading nothing, the outside head.
        let heads = Set(bundle.departments.compactMap { $0.headEmail?.lowercased() })
        let plainSales = sales.filter { !heads.contains($0.email.lowercased()) }
        let managers = bundle.users.filter { $0.role == .manager }
        viewers = ["U1", random.pick(managers).id]
        if let salesperson = plainSales.first { viewers.append(salesperson.id) }
        if !viewers.contains(outsider.id) { viewers.append(outsider.id) }
        if random.chance(50) {
            let other = random.pick(bundle.users).id
            if !viewers.contains(other) { viewers.append(other) }
        }
    }

    private func isDepartment(_ id: String, inside root: String) -> Bool {
        var current: String? = id
        while let node = current {
            if node == root { return true }
            current = bundle.departments.first { $0.id == node }?.parentID
        }
        return false
    }

    /// A reference to a user's email, sometimes in another case (emails compare ignoring case).
    private mutating func emailReference(_ user: UserRecord) -> String {
        switch random.int(0...9) {
        case 0: return user.email.uppercased()
        case 1: return user.email.lowercased()
        default: return user.email
        }
    }

    private mutating func generateCatalogues() {
        let sources = ["Facebook", "Zalo", "Giới thiệu", "Website", "Hội chợ"]
        for (i, name) in sources.prefix(random.int(2...4)).enumerated() {
            bundle.sources.append(SourceRecord(id: "S\(i + 1)", name: name))
        }
        let groupNames = ["VIP", "VIP Vàng", "VIP Bạc", "Đại lý", "Đại lý cấp 2", "Khách lẻ"]
        for i in 1...random.int(3...6) {
            let parent = i > 1 && random.chance(55) ? random.pick(bundle.groups).id : nil
            bundle.groups.append(GroupRecord(id: "G\(i)", name: groupNames[i - 1], parentID: parent))
        }
        for i in 1...random.int(1...3) {
            bundle.campaigns.append(CampaignRecord(
                id: "K\(i)", name: ["Khuyến mãi Tết", "Tri ân", "Mở thẻ"][i - 1], code: "CD\(i)",
                stages: ["Mới", "Quan tâm", "Chốt"], allowDuplicates: random.chance(35)))
        }
    }

    // MARK: - Phones

    /// National numbers (with their leading 0) that customers and calls share, and a foreign one.
    private var phonePool: [String] = []
    /// Customer id → the pool numbers among its phones.
    private var numbers: [String: [String]] = [:]

    private static let mobilePrefixes = ["032", "033", "038", "039", "056", "058", "059", "070", "076", "077", "079",
                                         "081", "083", "085", "086", "090", "091", "093", "097", "098"]
    /// phone-numbers.md rule 4, new → old.
    private static let oldPrefixes = [
        "032": "0162", "033": "0163", "038": "0168", "039": "0169", "070": "0120", "079": "0121", "077": "0122",
        "076": "0126", "083": "0123", "085": "0125", "081": "0127", "056": "0186", "058": "0188", "059": "0199",
    ]

    private mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(random.int(0...9))) })
    }

    private mutating func newNumber() -> String {
        switch random.int(0...9) {
        case 0: return "024" + String(random.int(2...9)) + digits(7)
        case 1: return "028" + String(random.int(2...9)) + digits(7)
        case 2: return "+1415555" + digits(4)
        default: return random.pick(Self.mobilePrefixes) + digits(7)
        }
    }

    /// A national number as people and PBXs write it (phone-numbers.md): spaces, dots, dashes, +84, 84, 0084, a
    /// kept trunk 0, a lost leading 0, the old 11-digit prefixes, an extension suffix.
    private mutating func spelling(_ number: String) -> String {
        if number.hasPrefix("+1") {
            let rest = String(number.dropFirst(2))
            return random.pick(["+1 \(rest.prefix(3)) \(rest.dropFirst(3).prefix(3)) \(rest.suffix(4))",
                                "001\(rest)", number])
        }
        let national = String(number.dropFirst())  // without the 0
        if number.hasPrefix("02") {
            let area = number.prefix(3), subscriber = number.dropFirst(3)
            return random.pick(["\(area) \(subscriber.prefix(4)) \(subscriber.suffix(4))", "(\(area)) \(subscriber)",
                                "+84 \(area.dropFirst()) \(subscriber)", "84\(national)",
                                area == "024" ? "04 \(subscriber.prefix(4)) \(subscriber.suffix(4))" : number,
                                number])
        }
        let a = number.prefix(4), b = number.dropFirst(4).prefix(3), c = number.suffix(3)
        var forms = [number, "\(a) \(b) \(c)", "\(a).\(b).\(c)", "\(a)-\(b)-\(c)", "+84\(national)",
                     "+84 \(national.prefix(3)) \(national.dropFirst(3).prefix(3)) \(national.suffix(3))",
                     "84\(national)", "0084\(national)", national,
                     "(+84) \(national.prefix(3))-\(national.dropFirst(3))",
                     "+84 0\(national)", "\(number) ext 12", "\(a) \(b) \(c) x7"]
        if let old = Self.oldPrefixes[String(number.prefix(3))] {
            let tail = number.dropFirst(3)
            forms += ["\(old) \(tail.prefix(3)) \(tail.suffix(4))", "\(old.dropFirst())\(tail)",
                      "+84 \(old.dropFirst())\(tail)"]
        }
        return random.pick(forms)
    }

    private mutating func junkPhone() -> String {
        random.pick(["abc-không-số", "102", "12345", "1900 1234", "1800.5678", "0912 34", "+84", "09123456789012"])
    }

    private mutating func generateCustomers() {
        phonePool = (0..<random.int(6...14)).map { _ in newNumber() }
        for i in 1...random.int(12...35) {
            var phones: [String] = []
            for _ in 0..<random.pick([0, 1, 1, 1, 2, 2, 3]) {
                switch random.int(0...99) {
                case 0..<75:
                    let number = random.pick(phonePool)
                    numbers["C\(i)", default: []].append(number)
                    phones.append(spelling(number))
                case 75..<85: phones.append(junkPhone())
                default: phones.append(spelling(newNumber()))
                }
            }
            if let first = phones.first, random.chance(10) { phones.append(first) }  // the same number twice
            let created = instant()
            var deleted: Date?
            if random.chance(15) { deleted = instant(notBefore: created) }
            bundle.customers.append(CustomerRecord(
                id: "C\(i)", name: "Khách \(i)", phones: phones,
                sourceIDs: random.chance(70) ? random.some(bundle.sources.map(\.id), max: 2) : [],
                groupIDs: random.chance(60) ? random.some(bundle.groups.map(\.id), max: 2) : [],
                ownerEmail: random.chance(75) ? emailReference(random.pick(bundle.users)) : nil,
                createdAt: created, deletedAt: deleted))
        }
    }

    private mutating func generateOpportunities() {
        var live: Set<String> = []  // "campaign|customer" of opportunities without deleted_at
        var n = 0
        for customer in bundle.customers {
            for _ in 0..<random.pick([0, 0, 1, 1, 1, 2, 3]) {
                let campaign = random.pick(bundle.campaigns)
                let created = random.chance(70) ? instant() : instant(notBefore: customer.createdAt)
                var deleted: Date? = random.chance(15) ? instant(notBefore: created) : nil
                let pair = "\(campaign.id)|\(customer.id)"
                if !campaign.allowDuplicates && deleted == nil {
                    if live.contains(pair) { deleted = instant(notBefore: created) } else { live.insert(pair) }
                }
                let owner: String?
                switch random.int(0...99) {
                case 0..<35: owner = customer.ownerEmail
                case 35..<80: owner = emailReference(random.pick(bundle.users))
                default: owner = nil
                }
                n += 1
                bundle.opportunities.append(OpportunityRecord(
                    id: "O\(n)", customerID: customer.id, campaignID: campaign.id, ownerEmail: owner,
                    stage: random.pick(campaign.stages),
                    value: random.chance(50) ? random.int64(0...9) * 1_000_000 : nil,
                    createdAt: created, deletedAt: deleted))
            }
        }
    }

    private mutating func generateCalls() {
        let extensions = bundle.users.flatMap(\.extensions)
        let reachable = bundle.customers.filter { !(numbers[$0.id] ?? []).isEmpty }
        for i in 1...random.int(40...150) {
            let direction: CallDirection = random.chance(70) ? .outbound : (random.chance(65) ? .inbound : .internal)
            var provider = random.pick(["import", "VFONE", "vfone", "OMI", "Stringee", "STRINGEE", "manual"])
            var ext: String?
            var userEmail: String?
            switch random.int(0...99) {
            case 0..<60 where !extensions.isEmpty:
                let chosen = random.pick(extensions)
                ext = chosen.number
                if let code = chosen.providerCode, random.chance(70) {
                    provider = random.chance(60) ? code : code.lowercased()
                }
            case 60..<75: ext = random.pick(["999", "777", "1010"])
            default: ext = nil
            }
            if random.chance(12) { userEmail = emailReference(random.pick(bundle.users)) }
            var remote: String
            switch random.int(0...99) {
            case 0..<72: remote = spelling(random.pick(phonePool))
            case 72..<88: remote = spelling(newNumber())
            default: remote = junkPhone()
            }
            var started = instant()
            // Aimed calls: a customer's (or one of its opportunities') owner calling one of the customer's numbers,
            // lately, from their own extension (through its provider, mostly) or with their email.
            if direction == .outbound && !reachable.isEmpty && random.chance(45) {
                let customer = random.pick(reachable)
                remote = spelling(random.pick(numbers[customer.id]!))
                let theirs = bundle.opportunities.filter { $0.customerID == customer.id }
                let email = theirs.isEmpty || random.chance(50) ? customer.ownerEmail : random.pick(theirs).ownerEmail
                if let owner = email.flatMap(user(email:)) {
                    if !owner.extensions.isEmpty && random.chance(75) {
                        let chosen = random.pick(owner.extensions)
                        ext = chosen.number
                        userEmail = nil
                        if let code = chosen.providerCode { provider = random.chance(85) ? code : code.lowercased() }
                    } else {
                        userEmail = emailReference(owner)
                    }
                }
                if random.chance(60) {
                    started = Date(epochMilliseconds: midnight(-7)
                        + random.int64(0...(now.epochMilliseconds - midnight(-7)) / 1_000 + 3_600) * 1_000)
                }
            }
            if direction == .internal && random.chance(50) { remote = random.pick(["101", "102", "201"]) }
            let talk = random.chance(35) ? 0 : random.int(1...900)
            bundle.calls.append(CallRecord(
                id: "CALL-\(i)", provider: provider, direction: direction, extension: ext, userEmail: userEmail,
                remoteNumber: remote, startedAt: started,
                totalSeconds: random.chance(80) ? talk + random.int(0...60) : nil, talkSeconds: talk,
                result: talk > 0 ? .answered : random.pick([.noAnswer, .busy, .failed, .cancelled])))
        }
    }

    private func user(email: String) -> UserRecord? {
        bundle.users.first { $0.email.lowercased() == email.lowercased() }
    }

    private mutating func generateTasks() {
        for i in 1...random.int(15...50) {
            let type: TaskType = random.chance(65) ? .appointment : random.pick([.call, .email, .todo, .other])
            let status: TaskStatus
            switch random.int(0...99) {
            case 0..<25: status = .open
            case 25..<38: status = .inProgress
            case 38..<80: status = .done
            default: status = .cancelled
            }
            var customer: String?
            var opportunity: String?
            let link = random.int(0...99)
            if link < 35 || bundle.opportunities.isEmpty {
                if link < 95 { customer = random.pick(bundle.customers).id }
            } else if link < 80 {
                opportunity = random.pick(bundle.opportunities).id       // its customer comes from the opportunity
            } else if link < 95 {
                let chosen = random.pick(bundle.opportunities)
                opportunity = chosen.id
                customer = chosen.customerID
            }
            let created = instant()
            var completed: Date?
            if (status == .done && random.chance(70)) || random.chance(5) { completed = instant(notBefore: created) }
            bundle.tasks.append(TaskRecord(
                id: "T\(i)", type: type, title: type == .appointment ? "Hẹn gặp \(i)" : "Việc \(i)",
                customerID: customer, opportunityID: opportunity,
                createdByEmail: random.chance(50) ? emailReference(random.pick(bundle.users)) : nil,
                createdAt: created, status: status, completedAt: completed))
        }
    }

    private mutating func generateOrders() {
        var p = 0
        for i in 1...random.int(5...25) {
            let customer = random.pick(bundle.customers)
            let theirs = bundle.opportunities.filter { $0.customerID == customer.id }
            let opportunity = !theirs.isEmpty && random.chance(45) ? random.pick(theirs).id : nil
            let total = random.chance(5) ? 0 : random.int64(1...200) * 50_000
            let status: OrderStatus = random.chance(15) ? .cancelled : random.pick([.pending, .approved, .delivered])
            let order = OrderRecord(id: "DH\(i)", customerID: customer.id, opportunityID: opportunity,
                                    createdAt: instant(), total: total, status: status)
            bundle.orders.append(order)
            for _ in 0..<random.pick([0, 1, 1, 2, 3]) {
                p += 1
                let amount = random.chance(20) ? total + random.int64(1...10) * 10_000   // overpayment
                    : max(1, total / random.int64(1...4))
                let paid = random.chance(80) ? instant(notBefore: order.createdAt) : instant()
                bundle.payments.append(PaymentRecord(id: "TT\(p)", orderID: order.id, amount: amount, paidAt: paid,
                                                     method: random.pick(["cash", "transfer"])))
            }
        }
    }

    // MARK: - Filters

    /// Local-date ranges around today: one day (today, yesterday, tomorrow, a day of the boundaries), a week, a
    /// month (rolling and calendar), wide, and ranges whose ends fall on the days the instants crowd.
    mutating func dateRange() -> LocalDateRange {
        switch random.int(0...9) {
        case 0: return .day(today)
        case 1: return .day(today.adding(days: -1))
        case 2: return .day(today.adding(days: 1))
        case 3: return .day(today.adding(days: random.int(-35...0)))
        case 4: return LocalDateRange(from: today.adding(days: -6), to: today)
        case 5: return LocalDateRange(from: today.adding(days: -29), to: today)
        case 6:
            let first = LocalDate(year: today.year, month: today.month, day: 1)
            let last = LocalDate(year: today.year, month: today.month,
                                 day: LocalDate.daysIn(month: today.month, year: today.year))
            return LocalDateRange(from: first, to: last)
        case 7: return LocalDateRange(from: today.adding(days: -40), to: today.adding(days: 2))
        default:
            let a = random.int(-35...1), b = random.int(-35...1)
            return LocalDateRange(from: today.adding(days: min(a, b)), to: today.adding(days: max(a, b)))
        }
    }

    /// `count` filter combinations: the first ones fixed shapes (both bases, every kind of owners), the rest random.
    mutating func filterCombinations(count: Int) -> [ReferenceFilters] {
        var result: [ReferenceFilters] = []
        for index in 0..<count {
            var filters = ReferenceFilters(created: dateRange(), calls: dateRange())
            filters.basis = index % 2 == 0 ? .customer : .opportunity
            switch index {
            case 0, 1: filters.owners = .all
            case 2: filters.owners = .user(random.pick(bundle.users).id)
            case 3: filters.owners = .department(random.pick(bundle.departments).id)
            default:
                switch random.int(0...2) {
                case 0: filters.owners = .all
                case 1: filters.owners = .user(random.pick(bundle.users).id)
                default: filters.owners = .department(random.pick(bundle.departments).id)
                }
            }
            if index == 0 {
                filters.created = LocalDateRange(from: today.adding(days: -40), to: today.adding(days: 2))
            }
            if index >= 2 && random.chance(40) { filters.campaign = random.pick(bundle.campaigns).id }
            if index >= 2 && random.chance(30) { filters.sources = random.some(bundle.sources.map(\.id), max: 2) }
            if index >= 2 && random.chance(30) { filters.groups = random.some(bundle.groups.map(\.id), max: 2) }
            result.append(filters)
        }
        return result
    }
}
