import CallDeskCore
import Foundation

/// Appointments, orders with their lines, payments, and follow-up tasks.
///
/// Ids per customer `i`: tasks `CV` + (i + 1) × 100 + k (appointments k < 5, follow-ups 5 ≤ k < 10,
/// after-sales care from `firstCareTask`), orders `DH` + (i + 1) × 100 + k (after an appointment k < 2,
/// then from `firstPhoneOrder`), payments `TT` + (i + 1) × 100 + k (from `firstCarePayment` for
/// the after-sales orders).
extension DemoChunkBuilder {
    private static let firstFollowUp: UInt64 = 5
    /// Each customer's block of ids for tasks, orders and payments.
    static let idBlock: UInt64 = 100

    /// After the booking call: an appointment (sometimes a second one), and after a completed one,
    /// often an order, now and then a repeat order later.
    mutating func addAppointmentsAndOrders(_ customer: DemoCustomerContext, story: inout DemoStory,
                                           using rng: inout DemoRandom) {
        guard let booking = story.booking else { return }
        let base = UInt64(customer.index + 1) * DemoChunkBuilder.idBlock
        let agent = booking.caller ?? customer.owner
        let products = customer.isCompany ? DemoCatalog.companyProducts : DemoCatalog.personProducts
        let product = rng.pick(products)
        var completed = addAppointment(customer, after: booking.end, by: agent, serial: base,
                                       title: DemoCatalog.products[product].appointment, story: &story, using: &rng)
        if let first = completed, rng.bool(0.2) {
            let title = customer.isCompany ? "Hẹn gặp ký hợp đồng" : "Hẹn gặp lần 2 để chốt đơn"
            completed = addAppointment(customer, after: first, by: agent, serial: base + 1, title: title,
                                       story: &story, using: &rng) ?? first
        }
        guard let met = completed, rng.bool(0.65) else { return }
        let ordered = clock.randomWorkingInstant(from: met, to: min(clock.now, met + 3 * DemoClock.day), using: &rng)
            ?? met
        var paymentSerial = base
        addOrder(customer, at: ordered, by: agent, products: orderProducts(lead: product, using: &rng),
                 serial: base, paymentSerial: &paymentSerial, story: &story, using: &rng)
        if rng.bool(0.15),
           let again = clock.randomWorkingInstant(from: ordered + 3 * DemoClock.day, to: clock.now, using: &rng) {
            let refill = DemoCatalog.refills[rng.bool(0.7) ? 0 : 1]
            addOrder(customer, at: again, by: agent, products: [refill], serial: base + 1,
                     paymentSerial: &paymentSerial, story: &story, using: &rng)
        }
    }

    /// An appointment set up to five working days after `moment`; returns when it was completed,
    /// nil when it was not (open, overdue, or cancelled).
    private mutating func addAppointment(_ customer: DemoCustomerContext, after moment: Int64, by agent: Int?,
                                         serial: UInt64, title: String, story: inout DemoStory,
                                         using rng: inout DemoRandom) -> Int64? {
        let created = min(moment + rng.int64(in: 20...300), clock.now)
        let day = DemoClock.workingDay(after: clock.localDay(created), plus: rng.below(5))
        let due = clock.instant(day: day, at: rng.pick(DemoCatalog.appointmentSlots))
        var status = TaskStatus.open
        var completed: Int64?
        let u = rng.unit()
        if due <= clock.now {
            if u < 0.78 {
                status = .done
                completed = min(due + rng.int64(in: 1_800...7_200), clock.now)
            } else if u < 0.9 {
                status = .cancelled
            } else if u < 0.95 {
                status = .inProgress
            }
        } else if u < 0.08 {
            status = .cancelled
        }
        if status != .cancelled { story.appointments.append(created) }
        let email = agent.map { org.staff[$0].record.email }
        bundle.tasks.append(TaskRecord(
            id: DemoText.code("CV", serial, width: 9), type: .appointment, title: title, customerID: customer.id,
            opportunityID: story.opportunity(openAt: created, using: &rng), assigneeEmail: email,
            createdByEmail: email, createdAt: clock.date(created), dueAt: clock.date(due), status: status,
            completedAt: completed.map(clock.date)))
        return completed
    }

    /// The lead product, sometimes with one or two others.
    func orderProducts(lead: Int, using rng: inout DemoRandom) -> [Int] {
        var products = [lead]
        let extra = rng.bool(0.3) ? (rng.bool(0.25) ? 2 : 1) : 0
        while products.count < 1 + extra {
            let product = rng.below(DemoCatalog.products.count)
            if !products.contains(product) { products.append(product) }
        }
        return products
    }

    mutating func addOrder(_ customer: DemoCustomerContext, at created: Int64, by agent: Int?,
                                   products: [Int], serial: UInt64, paymentSerial: inout UInt64,
                                   story: inout DemoStory, using rng: inout DemoRandom) {
        let id = DemoText.code("DH", serial, width: 9)
        var total: Int64 = 0
        for index in products {
            let product = DemoCatalog.products[index]
            let quantity: Int64
            if customer.isCompany {
                let most = product.price >= 20_000_000 ? 1 : (product.price >= 5_000_000 ? 3 : 6)
                quantity = Int64(rng.int(in: 1...most))
            } else {
                quantity = product.price < 3_000_000 && rng.bool(0.3) ? 2 : 1
            }
            var price = product.price
            if rng.bool(0.2) {  // a discount, rounded to the thousand
                price = price * Int64(100 - rng.pick([5, 10])) / 100 / 1_000 * 1_000
            }
            bundle.orderLines.append(OrderLineRecord(orderID: id, productCode: product.code, name: product.name,
                                                     quantity: quantity, unitPrice: price))
            total += quantity * price
        }
        let status = orderStatus(age: clock.now - created, using: &rng)
        bundle.orders.append(OrderRecord(
            id: id, customerID: customer.id, opportunityID: story.opportunity(openAt: created, using: &rng),
            createdByEmail: agent.map { org.staff[$0].record.email }, createdAt: clock.date(created), total: total,
            status: status))
        guard status != .cancelled else { return }
        story.orders.append((created: created, total: total))
        addPayments(orderID: id, total: total, created: created, pending: status == .pending,
                    serial: &paymentSerial, using: &rng)
    }

    /// Recent orders are mostly still pending; older ones mostly delivered or approved; some cancelled.
    private func orderStatus(age: Int64, using rng: inout DemoRandom) -> OrderStatus {
        let u = rng.unit()
        if age < 2 * DemoClock.day {
            return u < 0.5 ? .pending : (u < 0.85 ? .approved : (u < 0.95 ? .delivered : .cancelled))
        }
        return u < 0.55 ? .delivered : (u < 0.82 ? .approved : (u < 0.9 ? .pending : .cancelled))
    }

    /// Paid in full (at once, or a deposit and the rest), a deposit of 30–50 % only, nothing yet
    /// (debt), or — rarely — more than the total. Never after `now`.
    private mutating func addPayments(orderID: String, total: Int64, created: Int64, pending: Bool,
                                      serial: inout UInt64, using rng: inout DemoRandom) {
        let deposit = max(1_000, total * Int64(rng.int(in: 30...50)) / 100 / 1_000 * 1_000)
        let u = rng.unit()
        if pending {
            if u < 0.2 { pay(total, orderID, after: created, serial: &serial, using: &rng) }
            if u >= 0.2, u < 0.6 { pay(deposit, orderID, after: created, serial: &serial, using: &rng) }
            return
        }
        switch u {
        case ..<0.55:
            pay(total, orderID, after: created, serial: &serial, using: &rng)
        case ..<0.67:
            let first = pay(deposit, orderID, after: created, serial: &serial, using: &rng)
            pay(total - deposit, orderID, after: first, serial: &serial, using: &rng)
        case ..<0.835:
            pay(deposit, orderID, after: created, serial: &serial, using: &rng)
        case ..<0.985:
            break
        default:
            pay(total + rng.pick([50_000, 100_000, 200_000]), orderID, after: created, serial: &serial, using: &rng)
        }
    }

    @discardableResult
    private mutating func pay(_ amount: Int64, _ orderID: String, after moment: Int64, serial: inout UInt64,
                              using rng: inout DemoRandom) -> Int64 {
        let paid = moment + rng.int64(in: 0...min(2 * DemoClock.day, clock.now - moment))
        let method = DemoCatalog.paymentMethods[rng.pick(DemoCatalog.paymentMethodTable)]
        bundle.payments.append(PaymentRecord(id: DemoText.code("TT", serial, width: 9), orderID: orderID,
                                             amount: amount, paidAt: clock.date(paid), method: method))
        serial += 1
        return paid
    }

    /// A fifth of called customers get a follow-up task or two: call back, send a quote…
    mutating func addFollowUps(_ customer: DemoCustomerContext, story: DemoStory, using rng: inout DemoRandom) {
        guard !story.calls.isEmpty, rng.bool(0.22) else { return }
        let base = UInt64(customer.index + 1) * DemoChunkBuilder.idBlock + DemoChunkBuilder.firstFollowUp
        for k in 0..<(rng.bool(0.3) ? 2 : 1) {
            let call = story.calls[rng.below(story.calls.count)]
            let kind = call.answered ? DemoCatalog.followUps[rng.pick(DemoCatalog.followUpTable)]
                : DemoCatalog.followUps[0]
            let created = min(call.end + rng.int64(in: 30...600), clock.now)
            let day = DemoClock.workingDay(after: clock.localDay(created), plus: rng.below(3))
            let due = clock.instant(day: day, at: rng.pick(DemoCatalog.appointmentSlots))
            var status = TaskStatus.open
            var completed: Int64?
            let u = rng.unit()
            if due <= clock.now {
                if u < 0.7 {
                    status = .done
                    let latest = min(due + DemoClock.day, clock.now)
                    completed = clock.randomWorkingInstant(from: created, to: latest, using: &rng)
                        ?? created + rng.int64(in: 0...(latest - created))
                } else if u < 0.75 {
                    status = .cancelled
                }
            } else if u < 0.15 {
                status = .inProgress
            }
            let email = (call.caller ?? customer.owner).map { org.staff[$0].record.email }
            bundle.tasks.append(TaskRecord(
                id: DemoText.code("CV", base + UInt64(k), width: 9), type: kind.type, title: kind.title,
                customerID: customer.id, opportunityID: story.opportunity(openAt: created, using: &rng),
                assigneeEmail: email, createdByEmail: email, createdAt: clock.date(created), dueAt: clock.date(due),
                status: status, completedAt: completed.map(clock.date)))
        }
    }
}
