import CallDeskCore
import Foundation

/// What one generated call left behind, for the appointments and tasks that follow it.
struct DemoCallOutcome {
    let end: Int64
    /// The staff member on the call; nil for the extension that belongs to nobody.
    let caller: Int?
    let talk: Int

    var answered: Bool { talk > 0 }
}

extension DemoChunkBuilder {
    /// Call serials per customer: `CALL` + (customer index + 1) × 100 + k; k ≥ 90 for stray calls.
    static let maxCustomerCalls = 85
    private static let reaches = [0.15, 0.5, 0.8]
    private static let reachTable = WeightedTable([25, 50, 25])
    private static let failures: [CallResult] = [.noAnswer, .busy, .failed, .cancelled]
    private static let failureTable = WeightedTable([62, 20, 8, 10])
    /// A new customer's quota of calls is 1 + about this many: about 10 calls per customer in all,
    /// counting those from before the history whose quota is mostly used up.
    private static let meanFurtherCalls = 18.5
    /// Customers older than this many working seconds before the history are no longer leads.
    private static let activeLead: Int64 = 60 * 8 * 3_600
    /// A new customer is called about once per this many working seconds (most working days) until its
    /// quota is used up.
    private static let meanCallGap = 0.6 * 8 * 3_600.0

    /// The customer's calls, then what came of them: appointments, orders and payments, follow-up
    /// tasks, campaign opportunities; then a few calls that concern nobody in the CRM.
    mutating func addHistory(_ customer: DemoCustomerContext, using rng: inout DemoRandom) {
        let times = callTimes(customer, using: &rng)
        let wantsAppointment = !times.isEmpty && rng.bool(0.21)
        var story = DemoStory(
            opportunities: planOpportunities(customer, firstCall: times.first, likely: wantsAppointment, using: &rng))
        let reach = DemoChunkBuilder.reaches[rng.pick(DemoChunkBuilder.reachTable)]
        let bookAt = wantsAppointment ? rng.below(max(1, (times.count * 2 + 2) / 3)) : Int.max
        let serialBase = UInt64(customer.index + 1) * 100
        for (k, start) in times.enumerated() {
            let booking = k >= bookAt && story.booking == nil
            let serial = serialBase + UInt64(k)
            guard let outcome = addCall(customer, at: start, serial: serial, reach: reach, booking: booking,
                                        using: &rng)
            else { continue }
            if booking, outcome.answered { story.booking = outcome }
            story.calls.append(outcome)
        }
        addAppointmentsAndOrders(customer, story: &story, using: &rng)
        addFollowUps(customer, story: story, using: &rng)
        finishOpportunities(customer, story: story, using: &rng)
        addStrayCalls(customer, serial: serialBase + 90, using: &rng)
        addAftercare(customer, story: &story)
    }

    /// Sorted call instants in working hours, at least five minutes apart. None for some customers
    /// (more of the unowned). A customer is called soon after it arrives, then on most working days
    /// until its quota of calls is used up — counting calls made before the history began, so that
    /// the daily load is even from the first day. Customers from long before are called now and then.
    private func callTimes(_ customer: DemoCustomerContext, using rng: inout DemoRandom) -> [Int64] {
        guard !rng.bool(customer.owner == nil ? 0.35 : 0.1) else { return [] }
        let low = clock.workingPosition(max(customer.created, clock.historyStart))
        let high = clock.workingPosition(customer.deleted ?? clock.now)
        guard high > low else { return [] }
        var positions: [Int64] = []
        let arrival = clock.virtualWorkingPosition(customer.created)
        if arrival > -DemoChunkBuilder.activeLead {
            let spread = rng.exponential(mean: 1) + rng.exponential(mean: 1)  // Erlang-2: a short tail
            let quota = min(1 + Int(DemoChunkBuilder.meanFurtherCalls * spread / 2), DemoChunkBuilder.maxCustomerCalls)
            positions.reserveCapacity(quota)
            var position = arrival + Int64(rng.exponential(mean: 5_400))
            for _ in 0..<quota where position < high {
                if position >= low { positions.append(position) }
                position += 300 + Int64(rng.exponential(mean: DemoChunkBuilder.meanCallGap))
            }
        } else {
            for _ in 0..<Int(rng.exponential(mean: 2.5)) {
                positions.append(low + rng.int64(in: 0...(high - low - 1)))
            }
            positions.sort()
        }
        var times: [Int64] = []
        times.reserveCapacity(positions.count)
        var last = Int64.min
        for position in positions where last == .min || position >= last + 300 {
            times.append(clock.instant(atWorkingPosition: position))
            last = position
        }
        return times
    }

    /// One call to or from the customer; nil when it would not have ended by `now`.
    /// A booking call is an outbound call that is answered and long: the one that sets an appointment.
    private mutating func addCall(_ customer: DemoCustomerContext, at start: Int64, serial: UInt64, reach: Double,
                                  booking: Bool, using rng: inout DemoRandom) -> DemoCallOutcome? {
        let inbound = !booking && rng.bool(0.07)
        let caller = inbound ? inboundAgent(customer, at: start, using: &rng) : outboundCaller(customer, at: start,
                                                                                                using: &rng)
        var result = CallResult.answered
        var ring: Int
        var talk = 0
        if booking {
            ring = rng.int(in: 4...20)
            talk = rng.int(in: 150...900)
        } else if inbound ? rng.bool(0.75) : rng.bool(reach) {
            ring = inbound ? rng.int(in: 2...12) : rng.int(in: 4...25)
            talk = talkTime(using: &rng)
        } else if inbound {
            result = rng.bool(0.8) ? .noAnswer : .cancelled
            ring = result == .noAnswer ? rng.int(in: 15...40) : rng.int(in: 3...15)
        } else {
            result = DemoChunkBuilder.failures[rng.pick(DemoChunkBuilder.failureTable)]
            switch result {
            case .noAnswer: ring = rng.int(in: 25...45)
            case .busy: ring = rng.int(in: 2...8)
            case .failed: ring = rng.int(in: 0...3)
            default: ring = rng.int(in: 4...20)
            }
        }
        let total = ring + talk
        guard start + Int64(total) <= clock.now else { return nil }
        let slot = customer.phones.count == 1 || rng.bool(0.75) ? 0 : rng.int(in: 1..<customer.phones.count)
        let cloud = caller.map { org.staff[$0].provider == "VFONE" } ?? false
        appendCall(serial: serial, caller: caller, direction: inbound ? .inbound : .outbound,
                   remote: cloud ? customer.pbxInternational[slot] : customer.pbxNational[slot],
                   start: start, ring: ring, talk: talk, result: result, using: &rng)
        return DemoCallOutcome(end: start + Int64(total), caller: caller, talk: talk)
    }

    /// Appends a call placed or taken by `caller` (nil: the extension that belongs to nobody), on
    /// the caller's extension (now and then their second one) and through their PBX.
    mutating func appendCall(serial: UInt64, caller: Int?, direction: CallDirection, remote: String, start: Int64,
                             ring: Int, talk: Int, result: CallResult, using rng: inout DemoRandom) {
        let total = ring + talk
        var record = CallRecord(
            id: DemoText.code("CALL", serial, width: 10), provider: "asterisk", direction: direction,
            extension: org.unknownExtension, remoteNumber: remote, startedAt: clock.date(start),
            endedAt: clock.date(start + Int64(total)), totalSeconds: total, talkSeconds: talk, result: result)
        if let caller {  // field by field: copying a whole DemoStaffMember per call is measurably slow
            record.provider = org.staff[caller].provider
            record.userEmail = org.staff[caller].record.email
            let spare = org.staff[caller].spareExtension.flatMap { rng.bool(0.25) ? $0 : nil }
            record.extension = spare ?? org.staff[caller].dialExtension
        }
        if talk > 0 { record.answeredAt = clock.date(start + Int64(ring)) }
        bundle.calls.append(record)
    }

    /// Talk time, log-normal around a minute and a quarter, 10 s to 15 min.
    func talkTime(using rng: inout DemoRandom) -> Int {
        let seconds = exp(log(75.0) + rng.normal())
        return Int(min(max(seconds, 10), 900))
    }

    /// The owner mostly, else a teammate (always, once the owner has left); anyone for an unowned
    /// customer; now and then the extension that belongs to nobody (nil).
    private func outboundCaller(_ customer: DemoCustomerContext, at instant: Int64,
                                using rng: inout DemoRandom) -> Int? {
        guard !rng.bool(0.004) else { return nil }
        guard let owner = customer.owner else { return rng.pick(org.callers) }
        if org.staff[owner].calls, org.staff[owner].isWorking(at: instant), rng.bool(0.86) { return owner }
        return org.colleague(of: owner, using: &rng)
    }

    /// Inbound calls ring the owner half the time, otherwise customer care.
    func inboundAgent(_ customer: DemoCustomerContext, at instant: Int64, using rng: inout DemoRandom) -> Int {
        if let owner = customer.owner, org.staff[owner].calls, org.staff[owner].isWorking(at: instant),
           rng.bool(0.55) {
            return owner
        }
        return org.careAgents.isEmpty ? rng.pick(org.callers) : rng.pick(org.careAgents)
    }
}
