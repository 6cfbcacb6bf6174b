import Foundation

/// The company's settings (one per database, domain.md), with their defaults.
public struct CompanySettings: Sendable, Equatable {
    public static let keys = ["company_name", "time_zone", "currency", "phone_region", "locale"]

    public var companyName = "CallDesk"
    public var timeZoneIdentifier = "Asia/Ho_Chi_Minh"
    public var currency = "VND"
    public var phoneRegion = "VN"
    public var locale = "vi"

    public init() {}

    /// Settings from stored key → value pairs; missing or unusable keys keep their defaults.
    public init(values: [String: String]) {
        if let name = values["company_name"], !name.isEmpty { companyName = name }
        if let zone = values["time_zone"], TimeZone(identifier: zone) != nil { timeZoneIdentifier = zone }
        if let currency = values["currency"], !currency.isEmpty { self.currency = currency }
        if let region = values["phone_region"], !region.isEmpty { phoneRegion = region }
        if let locale = values["locale"], ["vi", "en"].contains(locale) { self.locale = locale }
    }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "Asia/Ho_Chi_Minh")! }

    /// Every key with its effective value, as `settings.csv` holds them.
    public var values: [String: String] {
        ["company_name": companyName, "time_zone": timeZoneIdentifier, "currency": currency,
         "phone_region": phoneRegion, "locale": locale]
    }
}
