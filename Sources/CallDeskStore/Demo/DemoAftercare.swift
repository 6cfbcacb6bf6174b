import CallDeskCore
import Foundation

/// Business that needs no appointment: orders closed on the phone, the after-sales care call that
/// follows every order, and the filter refills customers buy every few months, each after a reminder
/// task. Customers from before the history may have bought before it, so their refills fall due in it.
///
/// Drawn from a generator stream of its own, so the calls, appointments and orders before it are the
/// same whether it runs or not.
extension DemoChunkBuilder {
    static let firstCareTask: UInt64 = 10
    static let firstPhoneOrder: UInt64 = 2
    static let firstCarePayment: UInt64 = 50

    /// The next free ids in the customer's block, and the block's end.
    private struct Serials {
        var task: UInt64
        var order: UInt64
        var payment: UInt64
        let base: UInt64

        init(customerIndex: Int) {
            base = UInt64(customerIndex + 1) * DemoChunkBuilder.idBlock
            task = base + DemoChunkBuilder.firstCareTask
            order = base + DemoChunkBuilder.firstPhoneOrder
            payment = base + DemoChunkBuilder.firstCarePayment
        }

        /// Room for one more order with up to four payments, and two more tasks.
        var hasRoom: Bool {
            order < base + DemoChunkBuilder.firstCarePayment && payment + 4 < base + DemoChunkBuilder.idBlock
                && task + 2 < base + DemoChunkBuilder.idBlock
        }
    }

    mutating func addAftercare(_ customer: DemoCustomerContext, story: inout DemoStory) {
        var rng = DemoRandom(seed: company.options.seed, stream: DemoStream.aftercare, index: UInt64(customer.index))
        var ids = Serials(customerIndex: customer.index)
        let end = customer.deleted ?? clock.now
        addPhoneOrder(customer, story: &story, ids: &ids, using: &rng)
        for order in story.orders {
            addCareCall(customer, after: order.created, ids: &ids, using: &rng)
        }
        var cycles = story.orders.map(\.created)
        if customer.created < clock.historyStart, rng.bool(0.45) {  // bought before the history
            cycles.append(max(customer.created, clock.historyStart - rng.int64(in: 0...(150 * DemoClock.day))))
        }
        for start in cycles where rng.bool(0.75) {
            var last = start
            while ids.hasRoom {
                let due = last + rng.int64(in: 90...180) * DemoClock.day
                guard due <= end else { break }
                last = due
                guard due >= clock.historyStart else { continue }
                guard addRefill(customer, due: due, story: &story, ids: &ids, using: &rng), rng.bool(0.8) else {
                    break
                }
            }
        }
    }

    /// A share of the customers who answered a call buy on the phone, mostly small things.
    private mutating func addPhoneOrder(_ customer: DemoCustomerContext, story: inout DemoStory, ids: inout Serials,
                                        using rng: inout DemoRandom) {
        guard story.orders.isEmpty, rng.bool(customer.isCompany ? 0.22 : 0.32) else { return }
        let answered = story.calls.filter(\.answered)
        guard !answered.isEmpty else { return }
        let call = answered[rng.below(answered.count)]
        let at = min(call.end + rng.int64(in: 60...1_800), clock.now)
        addOrder(customer, at: at, by: call.caller ?? customer.owner,
                 products: orderProducts(lead: rng.pick(DemoCatalog.phoneProducts), using: &rng),
                 serial: ids.order, paymentSerial: &ids.payment, story: &story, using: &rng)
        ids.order += 1
    }

    /// "How is the machine working?" — a few working days after the order, by the customer's owner.
    private mutating func addCareCall(_ customer: DemoCustomerContext, after ordered: Int64, ids: inout Serials,
                                      using rng: inout DemoRandom) {
        guard ids.hasRoom else { return }
        let created = min(ordered + rng.int64(in: 60...3_600), clock.now)
        let due = clock.instant(day: DemoClock.workingDay(after: clock.localDay(created), plus: rng.int(in: 2...6)),
                                at: rng.pick(DemoCatalog.appointmentSlots))
        var outcome = Outcome.open
        if due <= clock.now {
            let u = rng.unit()
            outcome = u < 0.8 ? .done(at: due + rng.int64(in: -3_600...7_200)) : (u < 0.9 ? .cancelled : .open)
        }
        addTask(customer, kind: DemoCatalog.careCall, created: created, due: due, outcome: outcome, ids: &ids)
    }

    /// The reminder a week before the filters are due, and — most of the time — the refill order.
    /// Returns whether the customer bought.
    private mutating func addRefill(_ customer: DemoCustomerContext, due: Int64, story: inout DemoStory,
                                    ids: inout Serials, using rng: inout DemoRandom) -> Bool {
        let reminded = max(due - 7 * DemoClock.day, customer.created)
        let u = rng.unit()
        var ordered: Int64?
        if due <= clock.now, u < 0.75 {
            let latest = min(due + 3 * DemoClock.day, customer.deleted ?? clock.now)
            ordered = clock.randomWorkingInstant(from: reminded, to: latest, using: &rng) ?? due
        }
        let outcome: Outcome = ordered.map { .done(at: $0) } ?? (due <= clock.now && u >= 0.9 ? .cancelled : .open)
        addTask(customer, kind: DemoCatalog.refillReminder, created: reminded, due: due, outcome: outcome, ids: &ids)
        guard let ordered else { return false }
        let refill = DemoCatalog.refills[rng.bool(0.8) ? 0 : 1]
        addOrder(customer, at: ordered, by: customer.owner, products: [refill], serial: ids.order,
                 paymentSerial: &ids.payment, story: &story, using: &rng)
        ids.order += 1
        return true
    }

    /// What became of a task.
    private enum Outcome {
        case open, cancelled, done(at: Int64)
    }

    /// A task for the customer's owner.
    private mutating func addTask(_ customer: DemoCustomerContext, kind: (type: TaskType, title: String),
                                  created: Int64, due: Int64, outcome: Outcome, ids: inout Serials) {
        var status = TaskStatus.open
        var completed: Int64?
        switch outcome {
        case .open: break
        case .cancelled: status = .cancelled
        case .done(let at):
            status = .done
            completed = min(max(at, created), clock.now)
        }
        let email = customer.owner.map { org.staff[$0].record.email }
        bundle.tasks.append(TaskRecord(
            id: DemoText.code("CV", ids.task, width: 9), type: kind.type, title: kind.title, customerID: customer.id,
            assigneeEmail: email, createdByEmail: email, createdAt: clock.date(created), dueAt: clock.date(due),
            status: status, completedAt: completed.map(clock.date)))
        ids.task += 1
    }
}
