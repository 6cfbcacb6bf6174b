import Foundation
@testable import CallDeskCore

/// Builds a random but valid `DataBundle` that uses every column of every file, with text that
/// needs quoting (commas, quotes, line breaks, spaces at the ends), Vietnamese, and instants with
/// and without milliseconds — for round-trip tests of `BundleWriter` and `BundleReader`.
struct BundleGenerator {
    var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    private static let words = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "An", "Bình", "Chi", "Đức", "Giang",
                                "Hà", "Khánh", "Long", "Minh", "Ngọc", "Phúc", "Quân", "Thảo", "Vy", "Yến"]
    private static let awkward = ["a, b", "say \"hi\"", "two\nlines", "crlf\r\nhere", " leading", "trailing ",
                                  "\"quoted\"", "tab\tinside", "Đường 3/2, Q.10", "\u{1F4DE} gọi"]

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// Free text: Vietnamese words, sometimes with something that must be quoted.
    mutating func text() -> String {
        let base = (0..<int(1...3)).map { _ in pick(Self.words) }.joined(separator: " ")
        guard chance(40) else { return base }
        return chance(30) ? pick(Self.awkward) + base : base + pick(Self.awkward)
    }

    /// An id that needs quoting now and then (but never has spaces at its ends or a `;`).
    mutating func id(_ prefix: String, _ index: Int) -> String {
        chance(25) ? "\(prefix) \"\(index)\", \(pick(Self.words))" : "\(prefix)\(index)"
    }

    /// An instant with whole milliseconds (sometimes whole seconds), 1990–2030, made as the reader makes it.
    mutating func instant(after earlier: Date? = nil) -> Date {
        let start = earlier.map { Int64(($0.timeIntervalSince1970 * 1_000).rounded()) } ?? 631_152_000_000
        var milliseconds = start + Int64(int(0...900_000_000)) * (earlier == nil ? 1_400 : 1)
        if chance(50) { milliseconds -= milliseconds % 1_000 }
        if milliseconds < start { milliseconds += 1_000 }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }

    mutating func bundle(size: Int = 12) -> DataBundle {
        var bundle = DataBundle()
        bundle.settings = ["company_name": "Công ty \"An Phát\",\nchi nhánh 2", "time_zone": "Asia/Kathmandu",
                           "currency": "VND", "phone_region": "VN", "locale": pick(["vi", "en"])]
        for i in 0..<size {
            bundle.departments.append(DepartmentRecord(
                id: id("PB", i), name: text(),
                parentID: i == 0 || chance(20) ? nil : bundle.departments[int(0...i - 1)].id))
        }
        for i in 0..<size {
            let extensions = (0..<int(0...3)).map { k in
                ExtensionRef(number: String(1_000 + i * 4 + k),
                             providerCode: chance(50) ? pick(["VFONE", "STRINGEE"]) : nil)
            }
            bundle.users.append(UserRecord(
                id: id("NV", i), name: text(), email: "\(pick(["nv", "Sale", "TP"])).\(i)@AnPhat.vn",
                departmentID: chance(80) ? pick(bundle.departments).id : nil, role: pick(RoleCode.allCases),
                active: chance(80), extensions: extensions))
        }
        for i in bundle.departments.indices where chance(70) {
            bundle.departments[i].headEmail = pick(bundle.users).email
        }
        bundle.sources = (0..<4).map { SourceRecord(id: id("NG", $0), name: text()) }
        for i in 0..<5 {
            bundle.groups.append(GroupRecord(
                id: id("NH", i), name: text(), parentID: i > 0 && chance(50) ? bundle.groups[0].id : nil))
        }
        for i in 0..<size * 2 { bundle.customers.append(customer(i, bundle)) }
        for i in 0..<3 {
            let starts = chance(70) ? LocalDate(year: int(2020...2030), month: int(1...12), day: int(1...28)) : nil
            let ends = starts.map { LocalDate(year: $0.year + 1, month: $0.month, day: $0.day) }
            bundle.campaigns.append(CampaignRecord(
                id: id("CD", i), name: text(), code: chance(70) ? "CD-\(i)" : nil,
                stages: chance(80) ? ["Mới", "Quan tâm, nóng", "Chốt \"VIP\""] : [],
                startsOn: starts, endsOn: ends,
                allowDuplicates: chance(50)))
        }
        for (i, customer) in bundle.customers.enumerated() where chance(60) {
            let campaign = bundle.campaigns[i % 3]
            let created = instant()
            bundle.opportunities.append(OpportunityRecord(
                id: id("CH", i), customerID: customer.id, campaignID: campaign.id,
                ownerEmail: chance(70) ? pick(bundle.users).email : nil,
                stage: campaign.stages.isEmpty ? nil : pick(campaign.stages),
                value: chance(70) ? Int64(int(0...1_000_000_000)) : nil, createdAt: created,
                deletedAt: chance(10) ? instant(after: created) : nil))
        }
        // Rare values, so that every column is used whatever the seed.
        bundle.customers[0].deletedAt = instant(after: bundle.customers[0].createdAt)
        if !bundle.opportunities.isEmpty {
            bundle.opportunities[0].deletedAt = instant(after: bundle.opportunities[0].createdAt)
        }
        for i in 0..<size * 4 { bundle.calls.append(call(i, bundle)) }
        for i in 0..<size * 2 { bundle.tasks.append(task(i, bundle)) }
        for i in 0..<size { addOrder(i, to: &bundle) }
        return bundle
    }

    private mutating func customer(_ i: Int, _ bundle: DataBundle) -> CustomerRecord {
        let created = instant()
        return CustomerRecord(
            id: id("KH", i), name: text(),
            phones: (0..<int(0...2)).map { _ in pick(["0912345678", "+84 24 3825 1234", "(028) 3822-1234"]) },
            emails: (0..<int(0...2)).map { "khach.\(i).\($0)@Example.com" },
            address: chance(70) ? text() : nil,
            sourceIDs: (0..<int(0...2)).map { bundle.sources[$0].id },
            groupIDs: (0..<int(0...2)).map { bundle.groups[$0 + 1].id },
            ownerEmail: chance(80) ? pick(bundle.users).email : nil, createdAt: created,
            deletedAt: chance(10) ? instant(after: created) : nil)
    }

    private mutating func call(_ i: Int, _ bundle: DataBundle) -> CallRecord {
        let started = instant()
        let answered = chance(60) ? instant(after: started) : nil
        let total = chance(80) ? int(0...3_600) : nil
        return CallRecord(
            id: "\(100_000 + i)", provider: pick(["VFONE", "STRINGEE", "import", "manual"]),
            direction: pick(CallDirection.allCases), extension: chance(80) ? String(1_000 + int(0...60)) : nil,
            userEmail: chance(70) ? pick(bundle.users).email : nil,
            remoteNumber: pick(["0912345678", "+84 91 234 5678"]),
            startedAt: started, answeredAt: answered, endedAt: chance(70) ? instant(after: answered ?? started) : nil,
            totalSeconds: total, talkSeconds: int(0...(total ?? 600)),
            result: chance(80) ? pick(CallResult.allCases) : nil,
            recordingURL: chance(40) ? "https://rec.example/\(i).mp3?a=1,b=2" : nil)
    }

    private mutating func task(_ i: Int, _ bundle: DataBundle) -> TaskRecord {
        let opportunity = chance(40) ? bundle.opportunities.randomElement(using: &random) : nil
        let created = instant()
        return TaskRecord(
            id: id("CV", i), type: pick(TaskType.allCases), title: text(),
            customerID: opportunity?.customerID ?? (chance(70) ? pick(bundle.customers).id : nil),
            opportunityID: opportunity?.id, assigneeEmail: chance(80) ? pick(bundle.users).email : nil,
            createdByEmail: chance(80) ? pick(bundle.users).email : nil, createdAt: created,
            dueAt: chance(70) ? instant() : nil, status: pick(TaskStatus.allCases),
            completedAt: chance(40) ? instant(after: created) : nil)
    }

    private mutating func addOrder(_ i: Int, to bundle: inout DataBundle) {
        let opportunity = chance(50) ? bundle.opportunities.randomElement(using: &random) : nil
        let orderID = id("DH", i)
        let lines = (0..<int(0...3)).map { k in
            OrderLineRecord(orderID: orderID, productCode: chance(70) ? "SP\(k)" : nil, name: chance(70) ? text() : nil,
                            quantity: Int64(int(0...20)), unitPrice: Int64(int(0...5_000_000)))
        }
        let total = lines.isEmpty ? Int64(int(0...9_000_000)) : lines.reduce(0) { $0 + $1.quantity * $1.unitPrice }
        bundle.orders.append(OrderRecord(
            id: orderID, customerID: opportunity?.customerID ?? pick(bundle.customers).id,
            opportunityID: opportunity?.id,
            createdByEmail: chance(80) ? pick(bundle.users).email : nil, createdAt: instant(), total: total,
            status: pick(OrderStatus.allCases)))
        bundle.orderLines += lines
        for k in 0..<int(0...2) {
            bundle.payments.append(PaymentRecord(
                id: "TT-\(i)-\(k)", orderID: orderID, amount: Int64(int(1...5_000_000)), paidAt: instant(),
                method: chance(60) ? pick(["Tiền mặt", "Chuyển khoản, VCB", " thẻ "]) : nil))
        }
    }
}

extension DataBundle {
    /// The bundle with every record's `line` set to 0, to compare what was read with what was generated.
    var withoutLines: DataBundle {
        var copy = self
        for i in copy.departments.indices { copy.departments[i].line = 0 }
        for i in copy.users.indices { copy.users[i].line = 0 }
        for i in copy.sources.indices { copy.sources[i].line = 0 }
        for i in copy.groups.indices { copy.groups[i].line = 0 }
        for i in copy.customers.indices { copy.customers[i].line = 0 }
        for i in copy.campaigns.indices { copy.campaigns[i].line = 0 }
        for i in copy.opportunities.indices { copy.opportunities[i].line = 0 }
        for i in copy.calls.indices { copy.calls[i].line = 0 }
        for i in copy.tasks.indices { copy.tasks[i].line = 0 }
        for i in copy.orders.indices { copy.orders[i].line = 0 }
        for i in copy.orderLines.indices { copy.orderLines[i].line = 0 }
        for i in copy.payments.indices { copy.payments[i].line = 0 }
        return copy
    }
}
