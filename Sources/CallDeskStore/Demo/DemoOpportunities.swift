import CallDeskCore
import Foundation

/// An opportunity whose stage waits for what happens to its customer.
struct DemoPlannedOpportunity {
    var record: OpportunityRecord
    let campaign: Int
    let created: Int64
}

/// What has happened to one customer so far, as the generator goes along.
struct DemoStory {
    var opportunities: [DemoPlannedOpportunity]
    /// The answered call that set the first appointment.
    var booking: DemoCallOutcome?
    var calls: [DemoCallOutcome] = []
    /// When appointments that were not cancelled were made.
    var appointments: [Int64] = []
    /// Orders that were not cancelled.
    var orders: [(created: Int64, total: Int64)] = []

    /// An opportunity already open at `instant`, for a task or order to name (most of the time).
    func opportunity(openAt instant: Int64, using rng: inout DemoRandom) -> String? {
        guard let open = opportunities.first(where: { $0.created <= instant }), rng.bool(0.7) else { return nil }
        return open.record.id
    }
}

extension DemoChunkBuilder {
    /// About 30 % of customers (half of those who will book an appointment) are put in one or two
    /// campaigns that run while they are customers, in working hours, mostly before they are first called, chosen to
    /// suit them: businesses for the B2B campaign, trade-fair leads for the fair, VIPs for the loyalty one.
    func planOpportunities(_ customer: DemoCustomerContext, firstCall: Int64?, likely: Bool,
                           using rng: inout DemoRandom) -> [DemoPlannedOpportunity] {
        guard rng.bool(likely ? 0.5 : 0.27) else { return [] }
        let old = customer.created < clock.historyStart
        let last = customer.deleted ?? clock.now
        var weights = company.campaigns.map { campaign -> Double in
            guard min(last, campaign.ends) > max(customer.created, campaign.starts) else { return 0 }
            switch campaign.kind {
            case .care: return old ? 3 : 0.3
            case .promotion: return customer.isCompany ? 0.5 : 2
            case .business: return customer.isCompany ? 5 : 0.1
            case .fair: return customer.sources.contains(DemoCatalog.fairSource) ? 8 : 0.4
            case .loyalty: return customer.isVIP ? 8 : (old ? 0.6 : 0.1)
            }
        }
        var planned: [DemoPlannedOpportunity] = []
        for k in 0..<(rng.bool(0.22) ? 2 : 1) where weights.contains(where: { $0 > 0 }) {
            let pick = rng.pick(WeightedTable(weights))
            weights[pick] = 0
            let campaign = company.campaigns[pick]
            let low = max(customer.created, campaign.starts)
            let high = min(last, campaign.ends)
            let beforeCalls = firstCall.map { min($0, high) } ?? high
            let end = beforeCalls > low && rng.bool(0.8) ? beforeCalls : high
            let created = clock.randomWorkingInstant(from: low, to: end, using: &rng)
                ?? rng.int64(in: low...(end - 1))
            let record = OpportunityRecord(
                id: DemoText.code("CH", UInt64(customer.index + 1) * 10 + UInt64(k), width: 9),
                customerID: customer.id, campaignID: campaign.record.id,
                ownerEmail: opportunityOwner(customer, at: created, using: &rng).map { org.staff[$0].record.email },
                createdAt: clock.date(created))
            planned.append(DemoPlannedOpportunity(record: record, campaign: pick, created: created))
        }
        return planned
    }

    /// The customer's owner usually; sometimes another salesperson or nobody.
    private func opportunityOwner(_ customer: DemoCustomerContext, at instant: Int64,
                                  using rng: inout DemoRandom) -> Int? {
        guard let owner = customer.owner else { return rng.bool(0.5) ? nil : rng.pick(org.callers) }
        switch rng.unit() {
        case ..<0.8: return org.staff[owner].isWorking(at: instant) ? owner : org.colleague(of: owner, using: &rng)
        case ..<0.92: return org.colleague(of: owner, using: &rng)
        default: return nil
        }
    }

    /// Sets each opportunity's stage from what happened after it was opened, and its expected value,
    /// then appends it. A few are deleted.
    mutating func finishOpportunities(_ customer: DemoCustomerContext, story: DemoStory, using rng: inout DemoRandom) {
        for var planned in story.opportunities {
            let created = planned.created
            let campaign = company.campaigns[planned.campaign]
            let won = story.orders.filter { $0.created >= created }
            let stage: DemoCampaign.Stage
            if !won.isEmpty {
                stage = .won
            } else if story.appointments.contains(where: { $0 >= created }) {
                stage = rng.bool(0.85) ? .interested : .lost
            } else if story.calls.contains(where: { $0.answered && $0.end >= created }) {
                let u = rng.unit()
                stage = u < 0.55 ? .contacted : (u < 0.8 ? .lost : .interested)
            } else if story.calls.contains(where: { $0.end >= created }) {
                stage = rng.bool(0.4) ? .contacted : .new
            } else {
                stage = .new
            }
            planned.record.stage = campaign.stage(stage)
            if stage == .won {
                planned.record.value = won.reduce(0) { $0 + $1.total }
            } else if rng.bool(0.7) {
                let products = customer.isCompany ? DemoCatalog.companyProducts : DemoCatalog.personProducts
                let price = DemoCatalog.products[rng.pick(products)].price
                planned.record.value = price * Int64(customer.isCompany ? rng.int(in: 1...3) : 1)
            }
            if rng.bool(0.01) {
                planned.record.deletedAt = clock.date(rng.int64(in: created...clock.now))
            }
            bundle.opportunities.append(planned.record)
        }
    }
}
