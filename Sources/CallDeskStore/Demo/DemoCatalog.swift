import CallDeskCore
import Foundation

/// What the demo company — An Phát, a distributor of water purifiers and home appliances — sells,
/// where its customers come from, and the words its staff write in tasks.
enum DemoCatalog {
    static let companyName = "Công ty TNHH Thương mại An Phát"
    static let emailDomain = "anphat.vn"

    /// (id, name, weight as a customer's source).
    static let sources: [(id: String, name: String, weight: Double)] = [
        ("facebook", "Facebook", 28), ("zalo", "Zalo", 16), ("website", "Website", 12),
        ("google_ads", "Google Ads", 10), ("gioi_thieu", "Giới thiệu", 10), ("hotline", "Hotline", 8),
        ("hoi_cho", "Hội chợ", 4), ("tiktok", "TikTok", 12),
    ]
    static let sourceTable = WeightedTable(sources.map(\.weight))
    static let hotlineSource = 5
    static let fairSource = 6

    /// Nested groups: parents come before their children.
    static let groups: [GroupRecord] = [
        GroupRecord(id: "le", name: "Khách lẻ"),
        GroupRecord(id: "doanh_nghiep", name: "Khách doanh nghiệp"),
        GroupRecord(id: "sme", name: "SME", parentID: "doanh_nghiep"),
        GroupRecord(id: "dn_lon", name: "Doanh nghiệp lớn", parentID: "doanh_nghiep"),
        GroupRecord(id: "vip", name: "VIP"),
        GroupRecord(id: "vip_vang", name: "VIP Vàng", parentID: "vip"),
        GroupRecord(id: "vip_bac", name: "VIP Bạc", parentID: "vip"),
    ]

    struct Product: Sendable {
        let code: String
        let name: String
        /// Price in VND (minor unit 0), rounded to thousands.
        let price: Int64
        /// What an appointment about it is called.
        let appointment: String
        /// Weight for a person; for a company.
        let personWeight: Double
        let companyWeight: Double
    }

    static let products: [Product] = [
        Product(code: "SP001", name: "Máy lọc nước RO 10 lõi", price: 6_490_000,
                appointment: "Hẹn gặp tư vấn máy lọc nước RO", personWeight: 30, companyWeight: 6),
        Product(code: "SP002", name: "Máy lọc nước nóng lạnh RO", price: 8_990_000,
                appointment: "Hẹn gặp tư vấn máy lọc nước nóng lạnh", personWeight: 18, companyWeight: 12),
        Product(code: "SP003", name: "Máy lọc nước Hydrogen ion kiềm", price: 15_900_000,
                appointment: "Hẹn gặp tư vấn máy lọc nước ion kiềm", personWeight: 8, companyWeight: 4),
        Product(code: "SP004", name: "Bộ lõi lọc thay thế (3 lõi)", price: 1_250_000,
                appointment: "Hẹn gặp tư vấn thay lõi lọc", personWeight: 14, companyWeight: 8),
        Product(code: "SP005", name: "Máy lọc không khí", price: 5_590_000,
                appointment: "Hẹn gặp tư vấn máy lọc không khí", personWeight: 8, companyWeight: 8),
        Product(code: "SP006", name: "Robot hút bụi lau nhà", price: 9_990_000,
                appointment: "Hẹn demo robot hút bụi tại nhà", personWeight: 6, companyWeight: 1),
        Product(code: "SP007", name: "Bình nóng lạnh 30L", price: 3_850_000,
                appointment: "Hẹn khảo sát lắp bình nóng lạnh", personWeight: 6, companyWeight: 2),
        Product(code: "SP008", name: "Nồi chiên không dầu 7L", price: 2_190_000,
                appointment: "Hẹn gặp tư vấn đồ gia dụng", personWeight: 6, companyWeight: 1),
        Product(code: "SP009", name: "Gói bảo trì 12 tháng", price: 1_800_000,
                appointment: "Hẹn gặp tư vấn gói bảo trì", personWeight: 4, companyWeight: 10),
        Product(code: "SP010", name: "Hệ thống lọc tổng đầu nguồn", price: 24_500_000,
                appointment: "Hẹn khảo sát hệ thống lọc tổng", personWeight: 3, companyWeight: 12),
        Product(code: "SP011", name: "Máy lọc nước công nghiệp 250 L/h", price: 48_000_000,
                appointment: "Hẹn gặp tư vấn giải pháp nước sạch cho doanh nghiệp", personWeight: 0,
                companyWeight: 10),
    ]
    /// What customers buy again: filter cartridges, then the maintenance plan (indices into `products`).
    static let refills = ["SP004", "SP009"].compactMap { code in products.firstIndex { $0.code == code } }
    static let personProducts = WeightedTable(products.map(\.personWeight))
    /// What is sold on the phone without a meeting: mostly cartridges, small appliances, the plan.
    static let phoneProducts = WeightedTable(products.map { product -> Double in
        switch product.code {
        case "SP004": 40
        case "SP008", "SP007": 15
        case "SP009", "SP001", "SP005": 10
        default: 0
        }
    })
    static let companyProducts = WeightedTable(products.map(\.companyWeight))

    static let paymentMethods = ["Chuyển khoản", "Tiền mặt", "Quẹt thẻ", "COD"]
    static let paymentMethodTable = WeightedTable([55, 30, 10, 5])

    /// Follow-up tasks that are not appointments: (type, title).
    static let followUps: [(type: TaskType, title: String)] = [
        (.call, "Gọi lại cho khách"), (.call, "Gọi lại xác nhận nhu cầu"), (.call, "Gọi chăm sóc sau bán hàng"),
        (.email, "Gửi báo giá qua email"), (.email, "Gửi catalogue sản phẩm"),
        (.todo, "Gửi tài liệu qua Zalo"), (.todo, "Nhắc lịch thay lõi lọc"), (.todo, "Xác nhận địa chỉ giao hàng"),
        (.other, "Cập nhật thông tin khách hàng"),
    ]
    static let followUpTable = WeightedTable([30, 10, 6, 14, 6, 14, 6, 6, 4])
    static let careCall = followUps[2]
    static let refillReminder = followUps[6]

    /// Local times appointments are set for, in seconds after midnight (09:00 … 16:30).
    static let appointmentSlots: [Int64] = [9, 9.5, 10, 10.5, 11, 14, 14.5, 15, 15.5, 16, 16.5].map {
        Int64($0 * 3_600)
    }

    static let standardStages = ["Mới", "Đã liên hệ", "Quan tâm", "Chốt", "Thất bại"]
    static let fairStages = ["Mới", "Đã liên hệ", "Hẹn demo", "Chốt", "Thất bại"]
    static let businessStages = ["Mới", "Đã liên hệ", "Đã gửi báo giá", "Chốt", "Thất bại"]
}

/// A campaign with its dates as instants (campaigns.csv keeps local dates).
struct DemoCampaign: Sendable {
    enum Kind: Sendable {
        case care, promotion, business, fair, loyalty
    }

    let record: CampaignRecord
    let kind: Kind
    /// Local midnight of the first day.
    let starts: Int64
    /// Local midnight after the last day, or `Int64.max` for a campaign without an end.
    let ends: Int64

    /// Stage positions common to every campaign's five stages.
    enum Stage: Int {
        case new = 0, contacted, interested, won, lost
    }

    func stage(_ stage: Stage) -> String {
        record.stages[stage.rawValue]
    }

    /// The demo's campaigns, dated around `clock`'s today: one long-running, one current promotion,
    /// one for businesses, one finished trade fair and one finished loyalty campaign.
    static func all(clock: DemoClock, days: Int) -> [DemoCampaign] {
        let today = clock.today
        let length = Int64(days)
        func make(_ number: Int, _ name: String, _ code: String, _ kind: Kind, _ stages: [String],
                  from first: Int64, to last: Int64?) -> DemoCampaign {
            let end = last.map { max($0, first) }
            let record = CampaignRecord(
                id: DemoText.code("CD", number, width: 2), name: name, code: code, stages: stages,
                startsOn: DemoClock.localDate(day: first), endsOn: end.map { DemoClock.localDate(day: $0) })
            return DemoCampaign(record: record, kind: kind, starts: clock.instant(day: first, at: 0),
                                ends: end.map { clock.instant(day: $0 + 1, at: 0) } ?? Int64.max)
        }
        return [
            make(1, "Chăm sóc khách hàng cũ", "CSKH", .care, DemoCatalog.standardStages,
                 from: today - length - 120, to: nil),
            make(2, "Ưu đãi máy lọc nước", "UDMLN", .promotion, DemoCatalog.standardStages,
                 from: clock.firstDay, to: today + 30),
            make(3, "Giải pháp nước sạch cho doanh nghiệp", "B2B", .business, DemoCatalog.businessStages,
                 from: today - length / 2, to: today + length / 2 + 14),
            make(4, "Hội chợ Hàng Việt Nam chất lượng cao", "HOICHO", .fair, DemoCatalog.fairStages,
                 from: today - max(length * 3 / 4, 1), to: today - length / 2),
            make(5, "Tri ân khách hàng VIP", "TRIAN", .loyalty, DemoCatalog.standardStages,
                 from: clock.firstDay, to: today - min(7, length / 4)),
        ]
    }
}
