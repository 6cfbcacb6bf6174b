import Foundation

/// One cohort member in a drill-down list (R15): a customer, or an opportunity with its customer.
public struct ReportMember: Sendable, Hashable {
    /// The opportunity's id in the opportunity basis; nil in the customer basis.
    public var opportunityID: Int64?
    /// The opportunity's bundle id, in the opportunity basis.
    public var opportunityExternalID: String?
    public var campaignName: String?
    public var customerID: Int64
    /// The customer's bundle id.
    public var customerExternalID: String
    public var customerCode: String?
    public var name: String
    /// As typed.
    public var phones: [String]
    public var ownerID: Int64?
    public var ownerName: String?
    public var sources: [String]
    public var groups: [String]
    public var createdAt: Date
    /// The member's last qualifying call (R9).
    public var lastCallAt: Date?
    /// The member's own figures (R9–R12).
    public var figures: TelesalesFigures

    public init(opportunityID: Int64?, opportunityExternalID: String?, campaignName: String?, customerID: Int64,
                customerExternalID: String, customerCode: String?, name: String, phones: [String], ownerID: Int64?,
                ownerName: String?, sources: [String], groups: [String], createdAt: Date, lastCallAt: Date?,
                figures: TelesalesFigures) {
        self.opportunityID = opportunityID
        self.opportunityExternalID = opportunityExternalID
        self.campaignName = campaignName
        self.customerID = customerID
        self.customerExternalID = customerExternalID
        self.customerCode = customerCode
        self.name = name
        self.phones = phones
        self.ownerID = ownerID
        self.ownerName = ownerName
        self.sources = sources
        self.groups = groups
        self.createdAt = createdAt
        self.lastCallAt = lastCallAt
        self.figures = figures
    }
}

/// How a drill-down list is sorted.
public enum MemberSort: String, Sendable, CaseIterable {
    case name, created, lastCall = "last_call", calls, orderValue = "order_value", debt

    public static let `default` = MemberSort.name
}

/// One page of a drill-down list; `total` is the length of the whole list (= the number in the cell).
public struct MemberPage: Sendable {
    public var total: Int
    public var page: Int
    public var perPage: Int
    public var members: [ReportMember]

    public init(total: Int, page: Int, perPage: Int, members: [ReportMember]) {
        self.total = total
        self.page = page
        self.perPage = perPage
        self.members = members
    }
}
