import CallDeskCore
import Foundation

extension DemoChunkBuilder {
    /// Calls that match no customer, or match one in a way the report must see through: a hotline
    /// call just before the caller was entered as a customer (it still counts, R9), calls to and from
    /// numbers in nobody's card, calls from the extension that belongs to nobody (R13), and internal
    /// calls between colleagues. They hang off customer `i` only so that their ids stay put.
    mutating func addStrayCalls(_ customer: DemoCustomerContext, serial base: UInt64, using rng: inout DemoRandom) {
        var serial = base
        if customer.sources.contains(DemoCatalog.hotlineSource), customer.created >= clock.historyStart,
           rng.bool(0.5) {
            let start = customer.created - rng.int64(in: 60...900)
            let ring = rng.int(in: 2...10)
            let talk = talkTime(using: &rng)
            if clock.isWorkingTime(start), start + Int64(ring + talk) <= clock.now {
                let agent = inboundAgent(customer, at: start, using: &rng)
                appendCall(serial: serial, caller: agent, direction: .inbound,
                           remote: pbxForm(customer.phones[0], caller: agent),
                           start: start, ring: ring, talk: talk, result: .answered, using: &rng)
            }
            serial += 1
        }
        let stranger = company.strangerPhone(customer.index)
        if rng.bool(0.025) {  // a number someone dialled that is in no customer's card
            let caller: Int? = rng.bool(0.1) ? nil : rng.pick(org.callers)
            let answered = rng.bool(0.4)
            addStrayCall(serial: serial, caller: caller, direction: .outbound,
                         remote: pbxForm(stranger, caller: caller),
                         ring: rng.int(in: 4...40), talk: answered ? talkTime(using: &rng) : 0,
                         result: answered ? .answered : .noAnswer, using: &rng)
            serial += 1
        }
        if rng.bool(0.01) {  // someone new rang the hotline
            let agent = org.careAgents.isEmpty ? rng.pick(org.callers) : rng.pick(org.careAgents)
            let answered = rng.bool(0.7)
            addStrayCall(serial: serial, caller: agent, direction: .inbound, remote: pbxForm(stranger, caller: agent),
                         ring: rng.int(in: 2...30), talk: answered ? talkTime(using: &rng) : 0,
                         result: answered ? .answered : .noAnswer, using: &rng)
            serial += 1
        }
        if rng.bool(0.004), org.callers.count > 1 {  // one colleague calling another
            let from = rng.below(org.callers.count)
            var to = rng.below(org.callers.count - 1)
            if to >= from { to += 1 }
            let (caller, callee) = (org.callers[from], org.callers[to])
            addStrayCall(serial: serial, caller: caller, direction: .internal,
                         remote: org.staff[callee].dialExtension ?? org.unknownExtension,
                         ring: rng.int(in: 2...10), talk: rng.int(in: 10...240), result: .answered, using: &rng)
        }
    }

    /// The number as the caller's PBX writes it: `0912345678` (office), `84912345678` (cloud).
    private func pbxForm(_ phone: DemoPhone, caller: Int?) -> String {
        caller.map { org.staff[$0].provider == "VFONE" } == true ? phone.pbxInternational : phone.pbxNational
    }

    private mutating func addStrayCall(serial: UInt64, caller: Int?, direction: CallDirection, remote: String,
                                       ring: Int, talk: Int, result: CallResult, using rng: inout DemoRandom) {
        guard let start = clock.randomWorkingInstant(from: clock.historyStart, to: clock.now - Int64(ring + talk),
                                                     using: &rng)
        else { return }
        appendCall(serial: serial, caller: caller, direction: direction, remote: remote, start: start, ring: ring,
                   talk: talk, result: result, using: &rng)
    }
}
