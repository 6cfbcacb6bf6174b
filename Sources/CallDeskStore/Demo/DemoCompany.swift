import CallDeskCore
import Foundation

/// The demo company that `calldesk demo` and `calldesk serve --demo` load (cli.md): An Phát, a
/// Vietnamese distributor of water purifiers and home appliances, with its departments, staff,
/// customers and the history of calls, appointments, orders and payments over the last `days` days.
///
/// Everything is deterministic: the same options give the same records. Customer `i` and everything
/// hanging off it are drawn from a generator seeded with (seed, i) alone, and its record ids are made
/// from `i`, so customers can be generated in chunks of any size, in any order, or in parallel.
public struct DemoCompany: Sendable {
    /// The password every demo user gets, for logging in to the demo.
    public static let demoPassword = "calldesk123"

    /// What was asked for (staff and days at least their minimums).
    public let options: DemoOptions
    let clock: DemoClock
    let org: DemoOrganisation
    let campaigns: [DemoCampaign]
    /// Shifts the phone-number bijections, so another seed gives other numbers.
    let phoneSalt: UInt64

    /// Lays out the organisation (cheap); customers are generated only when chunks are asked for.
    public init(options: DemoOptions) {
        self.options = options
        clock = DemoClock(now: options.now, timeZone: options.timeZone, days: options.days)
        org = DemoOrganisation(options: options, clock: clock)
        campaigns = DemoCampaign.all(clock: clock, days: options.days)
        phoneSalt = SplitMix64.mix(options.seed ^ 0x5048_4F4E_4553)
    }

    /// Settings (`company_name`, `time_zone`, `currency`, `phone_region`, `locale`), departments,
    /// users (each with `demoPassword`), sources, groups and campaigns.
    public func organisation() -> DataBundle {
        var bundle = DataBundle()
        bundle.settings = [
            "company_name": DemoCatalog.companyName,
            "time_zone": options.timeZone.identifier,
            "currency": "VND",
            "phone_region": "VN",
            "locale": "vi",
        ]
        bundle.departments = org.departments
        bundle.users = org.staff.map(\.record)
        bundle.sources = DemoCatalog.sources.map { SourceRecord(id: $0.id, name: $0.name) }
        bundle.groups = DemoCatalog.groups
        bundle.campaigns = campaigns.map(\.record)
        return bundle
    }

    /// Customers and everything hanging off them (opportunities, calls, tasks and appointments,
    /// orders with their lines, payments), about `chunkSize` customers per bundle, generated lazily
    /// as the sequence is iterated. A few calls tied to no customer (unknown numbers, an extension
    /// that belongs to nobody, internal calls) come along in the chunks too.
    ///
    /// The concatenated chunks are the same whatever the chunk size.
    public func customerChunks(chunkSize: Int) -> some Sequence<DataBundle> {
        let size = max(chunkSize, 1)
        let total = options.customers
        return stride(from: 0, to: total, by: size).lazy.map { start in
            customerChunk(start..<min(start + size, total))
        }
    }

    /// The customers with these indices (0-based; customer `i` has id `C` followed by `i + 1` in seven
    /// digits) and everything hanging off them. Any range gives the same records for each customer.
    public func customerChunk(_ indices: Range<Int>) -> DataBundle {
        let valid = indices.clamped(to: 0..<max(options.customers, 0))
        var builder = DemoChunkBuilder(company: self, expectedCustomers: valid.count)
        for index in valid {
            builder.addCustomer(index)
        }
        return builder.bundle
    }

    /// The logins worth printing: the administrator, the head of Kinh doanh 1 (a manager, who sees
    /// their department), and one of its salespeople (who sees their own customers).
    public func logins() -> [(email: String, role: String, name: String)] {
        [org.administrator, org.loginManager, org.loginSalesperson].map { index in
            let record = org.staff[index].record
            return (email: record.email, role: record.role.rawValue, name: record.name)
        }
    }
}

/// Collects one chunk's records.
struct DemoChunkBuilder {
    let company: DemoCompany
    /// Copied out of `company` once per chunk, so hot loops do not copy them per access.
    let clock: DemoClock
    let org: DemoOrganisation
    var bundle = DataBundle()

    init(company: DemoCompany, expectedCustomers: Int) {
        self.company = company
        clock = company.clock
        org = company.org
        bundle.customers.reserveCapacity(expectedCustomers)
        bundle.calls.reserveCapacity(expectedCustomers * 11)
        bundle.opportunities.reserveCapacity(expectedCustomers * 2 / 5)
        bundle.tasks.reserveCapacity(expectedCustomers * 2 / 5)
    }
}
