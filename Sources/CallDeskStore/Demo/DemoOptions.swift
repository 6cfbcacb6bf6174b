import Foundation

/// What `calldesk demo` asks the demo generator for (cli.md).
///
/// The same options — seed and `now` included — give the same company, record for record.
public struct DemoOptions: Sendable {
    /// Number of customers. Each brings its phones and history: about 10 calls on average.
    public var customers: Int
    /// Number of staff, administrator and department heads included (at least 5 are made).
    public var staff: Int
    /// Length of the history in days, ending at `now`; today is the last of them.
    public var days: Int
    /// The same seed (with the same other options) gives the same data.
    public var seed: UInt64
    /// The moment the history ends: nothing generated is later than it.
    public var now: Date
    /// The company's time zone: working hours, "today" and campaign dates are local to it.
    public var timeZone: TimeZone

    /// Negative counts become 0, `staff` at least `minimumStaff`, `days` at least 1.
    public init(
        customers: Int = 2_000,
        staff: Int = 25,
        days: Int = 60,
        seed: UInt64 = 1,
        now: Date,
        timeZone: TimeZone = DemoOptions.vietnam
    ) {
        self.customers = max(customers, 0)
        self.staff = max(staff, DemoOptions.minimumStaff)
        self.days = max(days, 1)
        self.seed = seed
        self.now = now
        self.timeZone = timeZone
    }

    /// The smallest company that still has a department tree with heads: an administrator, a
    /// director, a sales head and two salespeople.
    public static let minimumStaff = 5

    /// `Asia/Ho_Chi_Minh` (UTC+7 all year: Vietnam has no daylight saving time).
    public static let vietnam: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3_600) ?? .gmt
}
