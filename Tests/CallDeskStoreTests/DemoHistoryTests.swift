import CallDeskCore
import CallDeskStore
import Foundation
import Testing

/// Customers and their history in the demo company: references, times, money, calls and volumes.
@Suite("Demo company history")
struct DemoHistoryTests {
    static let cases: [(now: Date, zone: String)] = [
        (DemoCompanyTests.mondayMorning, "Asia/Ho_Chi_Minh"),
        (DemoCompanyTests.sundayNight, "Asia/Ho_Chi_Minh"),
        (DemoCompanyTests.mondayMorning, "Asia/Tokyo"),
    ]

    static func bundle(now: Date = DemoCompanyTests.mondayMorning, zone: String = "Asia/Ho_Chi_Minh",
                       customers: Int = 1_500) -> (DataBundle, DemoOptions) {
        let options = DemoOptions(customers: customers, staff: 25, days: 60, seed: 3, now: now,
                                  timeZone: TimeZone(identifier: zone) ?? DemoOptions.vietnam)
        return (DemoCompanyTests.everything(DemoCompany(options: options)), options)
    }

    @Test("every reference resolves inside the generated data")
    func referencesResolve() {
        let (all, _) = Self.bundle()
        let users = Set(all.users.map(\.email))
        let customers = Dictionary(uniqueKeysWithValues: all.customers.map { ($0.id, $0) })
        let opportunities = Dictionary(uniqueKeysWithValues: all.opportunities.map { ($0.id, $0) })
        let orders = Dictionary(uniqueKeysWithValues: all.orders.map { ($0.id, $0) })
        let sources = Set(all.sources.map(\.id))
        let groups = Set(all.groups.map(\.id))
        let campaigns = Set(all.campaigns.map(\.id))
        #expect(Set(all.tasks.map(\.id)).count == all.tasks.count)
        #expect(Set(all.payments.map(\.id)).count == all.payments.count)
        for customer in all.customers {
            #expect(customer.ownerEmail.map(users.contains) ?? true)
            #expect(customer.sourceIDs.allSatisfy(sources.contains) && customer.groupIDs.allSatisfy(groups.contains))
        }
        #expect(all.groups.allSatisfy { $0.parentID.map(groups.contains) ?? true })
        for opportunity in all.opportunities {
            #expect(customers[opportunity.customerID] != nil && campaigns.contains(opportunity.campaignID))
            #expect(opportunity.ownerEmail.map(users.contains) ?? true)
        }
        for task in all.tasks {
            #expect(task.customerID.flatMap { customers[$0] } != nil)
            #expect([task.assigneeEmail, task.createdByEmail].allSatisfy { $0.map(users.contains) ?? true })
            if let id = task.opportunityID {
                #expect(opportunities[id]?.customerID == task.customerID, "a task's opportunity is its customer's")
            }
        }
        for order in all.orders {
            #expect(customers[order.customerID] != nil && (order.createdByEmail.map(users.contains) ?? true))
            if let id = order.opportunityID { #expect(opportunities[id]?.customerID == order.customerID) }
        }
        #expect(all.orderLines.allSatisfy { orders[$0.orderID] != nil })
        #expect(all.payments.allSatisfy { orders[$0.orderID] != nil })
        #expect(all.calls.allSatisfy { $0.userEmail.map(users.contains) ?? true })
    }

    @Test("nothing happens after now, nor before its customer, order or opportunity", arguments: 0..<3)
    func timesAreInOrder(caseIndex: Int) {
        let (now, zone) = Self.cases[caseIndex]
        let (all, options) = Self.bundle(now: now, zone: zone, customers: 600)
        let customers = Dictionary(uniqueKeysWithValues: all.customers.map { ($0.id, $0.createdAt) })
        let orders = Dictionary(uniqueKeysWithValues: all.orders.map { ($0.id, $0.createdAt) })
        let history = now.addingTimeInterval(-Double(options.days) * 86_400)
        for customer in all.customers {
            #expect(customer.createdAt <= now)
            #expect(customer.deletedAt.map { $0 >= customer.createdAt && $0 <= now } ?? true)
        }
        for call in all.calls {
            #expect(call.startedAt > history && (call.endedAt ?? call.startedAt) <= now, "\(call.id)")
        }
        for task in all.tasks {
            let created = customers[task.customerID ?? ""] ?? .distantFuture
            #expect(task.createdAt >= created && task.createdAt <= now, "\(task.id)")
            #expect(task.completedAt.map { $0 >= task.createdAt && $0 <= now } ?? true, "\(task.id)")
            #expect(task.dueAt.map { $0 > task.createdAt } ?? true)
        }
        for order in all.orders {
            #expect(order.createdAt >= customers[order.customerID] ?? .distantFuture && order.createdAt <= now)
        }
        for opportunity in all.opportunities {
            #expect(opportunity.createdAt >= customers[opportunity.customerID] ?? .distantFuture)
            #expect(opportunity.createdAt <= now)
        }
        for payment in all.payments {
            #expect(payment.paidAt >= orders[payment.orderID] ?? .distantFuture && payment.paidAt <= now)
        }
    }

    @Test("calls are placed in working hours, Monday to Saturday, local time", arguments: 0..<3)
    func workingHours(caseIndex: Int) throws {
        let (now, zone) = Self.cases[caseIndex]
        let (all, options) = Self.bundle(now: now, zone: zone, customers: 300)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        for call in all.calls {
            let parts = calendar.dateComponents([.weekday, .hour, .minute], from: call.startedAt)
            let minute = try #require(parts.hour) * 60 + (try #require(parts.minute))
            #expect(parts.weekday != 1, "\(call.id) on a Sunday")
            #expect((480..<720).contains(minute) || (810..<1_050).contains(minute), "\(call.id) at \(minute)")
        }
    }

    @Test("order lines add up to totals; payments are positive; some orders owe, one or two are overpaid")
    func money() {
        let (all, _) = Self.bundle(customers: 3_000)
        let lines = Dictionary(grouping: all.orderLines, by: \.orderID)
        let paid = Dictionary(grouping: all.payments, by: \.orderID).mapValues { $0.reduce(0) { $0 + $1.amount } }
        for order in all.orders {
            #expect(lines[order.id]?.reduce(0) { $0 + $1.quantity * $1.unitPrice } == order.total)
            #expect(order.total % 1_000 == 0 && order.total >= 1_000_000)
        }
        #expect(all.payments.allSatisfy { $0.amount > 0 })
        let live = all.orders.filter { $0.status != .cancelled }
        #expect(live.contains { (paid[$0.id] ?? 0) == 0 }, "some debt")
        #expect(live.contains { (1..<$0.total).contains(paid[$0.id] ?? 0) }, "some deposits")
        #expect(live.contains { (paid[$0.id] ?? 0) > $0.total }, "an overpayment")
        #expect(all.orders.filter { $0.status == .approved || $0.status == .delivered }.count > live.count / 2)
    }

    @Test("calls are consistent: unique ids, talk ≤ total, answered exactly when talk > 0, about half answered")
    func calls() {
        let (all, _) = Self.bundle()
        #expect(Set(all.calls.map(\.id)).count == all.calls.count)
        for call in all.calls {
            let total = call.totalSeconds ?? -1
            #expect(call.talkSeconds >= 0 && call.talkSeconds <= total && call.talkSeconds <= 900)
            #expect((call.result == .answered) == (call.talkSeconds > 0))
            #expect((call.answeredAt != nil) == (call.talkSeconds > 0))
            #expect(call.endedAt == call.startedAt.addingTimeInterval(Double(total)))
        }
        let answered = Double(all.calls.filter { $0.talkSeconds > 0 }.count) / Double(all.calls.count)
        #expect((0.4...0.6).contains(answered))
        #expect(all.calls.contains { $0.direction == .inbound } && all.calls.contains { $0.direction == .internal })
        #expect(all.calls.contains { $0.userEmail == nil && $0.extension != nil }, "an unknown extension")
        #expect(all.calls.contains { $0.provider == "VFONE" && $0.remoteNumber.hasPrefix("84") })
    }

    @Test("phones are valid Vietnamese numbers in many formats; calls reach customers' numbers")
    func phones() {
        let (all, _) = Self.bundle()
        let typed = all.customers.flatMap(\.phones)
        let normalised = typed.map(ReferencePhone.e164)
        #expect(normalised.allSatisfy { $0 != nil }, "\(zip(typed, normalised).filter { $0.1 == nil }.map(\.0))")
        #expect(Set(typed.map(ReferencePhone.shape)).count >= 12, "many ways of typing a number")
        #expect(all.customers.allSatisfy { (1...3).contains($0.phones.count) })
        var owners: [String: Set<String>] = [:]
        for customer in all.customers {
            for phone in customer.phones.compactMap(ReferencePhone.e164) {
                owners[phone, default: []].insert(customer.id)
            }
        }
        let shared = owners.values.filter { $0.count > 1 }.count
        #expect(shared >= 2 && shared < all.customers.count / 50, "a few shared numbers")
        let external = all.calls.filter { $0.direction != .internal }
        let matched = external.filter { ReferencePhone.e164($0.remoteNumber).map { owners[$0] != nil } ?? false }
        #expect(Double(matched.count) / Double(external.count) > 0.97)
        #expect(external.allSatisfy { $0.remoteNumber.allSatisfy(\.isNumber) })
    }

    @Test("a year of history holds about a task per customer and an order per two, as the benchmark needs")
    func yearVolumes() {
        let options = DemoOptions(customers: 2_000, staff: 25, days: 365, seed: 3, now: DemoCompanyTests.mondayMorning)
        let all = DemoCompanyTests.everything(DemoCompany(options: options))
        let count = Double(all.customers.count)
        #expect((0.85...1.15).contains(Double(all.tasks.count) / count), "\(all.tasks.count) tasks")
        #expect((0.42...0.6).contains(Double(all.orders.count) / count), "\(all.orders.count) orders")
        #expect((9.0...13.0).contains(Double(all.calls.count) / count), "\(all.calls.count) calls")
        let reminders = all.tasks.filter { $0.title == "Nhắc lịch thay lõi lọc" }
        #expect(reminders.contains { $0.status == .done } && reminders.contains { $0.status == .open })
        #expect(all.tasks.contains { $0.title == "Gọi chăm sóc sau bán hàng" && $0.status == .done })
    }

    @Test("volumes and mixes a sales manager would believe")
    func volumes() {
        let (all, options) = Self.bundle(customers: 3_000)
        let count = Double(all.customers.count)
        let callsPerCustomer = Double(all.calls.count) / count
        #expect((8.5...11.5).contains(callsPerCustomer), "\(callsPerCustomer) calls per customer")
        let booked = Set(all.tasks.filter { $0.type == .appointment }.compactMap(\.customerID)).count
        #expect((0.11...0.19).contains(Double(booked) / count), "\(booked) customers with appointments")
        let ordered = Set(all.orders.map(\.customerID)).count
        #expect((0.2...0.34).contains(Double(ordered) / count), "\(ordered) customers with orders, on the phone too")
        let afterMeeting = Set(all.orders.filter { Int($0.id.suffix(2)) ?? 0 < 2 }.map(\.customerID))
        #expect((0.05...0.09).contains(Double(afterMeeting.count) / count), "\(afterMeeting.count) bought after a meeting")
        let inCampaigns = Set(all.opportunities.map(\.customerID)).count
        #expect((0.25...0.35).contains(Double(inCampaigns) / count), "\(inCampaigns) customers in campaigns")
        let unowned = all.customers.filter { $0.ownerEmail == nil }.count
        #expect((0.07...0.13).contains(Double(unowned) / count))
        #expect(all.customers.contains { $0.deletedAt != nil })
        #expect(all.customers.filter { $0.name.hasPrefix("Công ty") }.count > all.customers.count / 20)
        let today = options.now.addingTimeInterval(-10 * 3_600)
        #expect(all.customers.filter { $0.createdAt > today }.count >= 5, "several created today")
        let history = options.now.addingTimeInterval(-Double(options.days) * 86_400)
        #expect(all.customers.contains { $0.createdAt < history }, "some created before the history")
        let inactive = Set(all.users.filter { !$0.active }.map(\.email))
        #expect(all.customers.contains { $0.ownerEmail.map(inactive.contains) ?? false })
        #expect(all.calls.contains { $0.userEmail.map(inactive.contains) ?? false })
        let statuses = Set(all.tasks.filter { $0.type == .appointment }.map(\.status))
        #expect(statuses.isSuperset(of: [.open, .done, .cancelled]))
        #expect(all.tasks.contains { $0.type != .appointment })
        #expect(all.tasks.contains { $0.opportunityID != nil } && all.orders.contains { $0.opportunityID != nil })
        #expect(all.opportunities.contains { $0.ownerEmail == nil })
    }
}
