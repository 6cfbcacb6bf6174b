import Foundation

/// A data bundle held in memory: what `calldesk import` reads from CSV files, what the demo
/// generator produces, and what `calldesk export` writes (domain.md, "Data bundle").
///
/// Ids are the bundle's own keys (strings), kept as external ids in the database. Every record
/// remembers the CSV line it came from (`line`, 0 when generated) so that errors found later,
/// e.g. against the database, can still be reported as `file:line: column: message`.
/// Instants are `Date`s; local dates (campaign start/end) are `LocalDate`s.
public struct DataBundle: Sendable, Equatable {
    /// `settings.csv` as key → value; only the keys present are changed on import.
    public var settings: [String: String] = [:]
    public var departments: [DepartmentRecord] = []
    public var users: [UserRecord] = []
    public var sources: [SourceRecord] = []
    public var groups: [GroupRecord] = []
    public var customers: [CustomerRecord] = []
    public var campaigns: [CampaignRecord] = []
    public var opportunities: [OpportunityRecord] = []
    public var calls: [CallRecord] = []
    public var tasks: [TaskRecord] = []
    public var orders: [OrderRecord] = []
    /// `order_lines.csv`, optional. When present for an order, the order's total must equal its lines.
    public var orderLines: [OrderLineRecord] = []
    public var payments: [PaymentRecord] = []

    public init() {}

    public var isEmpty: Bool {
        settings.isEmpty && departments.isEmpty && users.isEmpty && sources.isEmpty && groups.isEmpty
            && customers.isEmpty && campaigns.isEmpty && opportunities.isEmpty && calls.isEmpty
            && tasks.isEmpty && orders.isEmpty && orderLines.isEmpty && payments.isEmpty
    }
}

/// A calendar date without a time or zone (`2026-11-29`).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when the text is not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// The built-in roles a bundle can name (`users.csv` `role`).
public enum RoleCode: String, Sendable, CaseIterable, Codable {
    case admin, manager, sales
}

/// An extension (máy nhánh) of a user, optionally tagged with a PBX provider code (`VFONE:212`).
public struct ExtensionRef: Sendable, Hashable {
    public var number: String
    public var providerCode: String?

    public init(number: String, providerCode: String? = nil) {
        self.number = number
        self.providerCode = providerCode
    }

    /// The bundle's text form: `212` or `VFONE:212`.
    public var bundleText: String { providerCode.map { "\($0):\(number)" } ?? number }
}

public struct DepartmentRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var name: String
    public var parentID: String?
    public var headEmail: String?

    public init(line: Int = 0, id: String, name: String, parentID: String? = nil, headEmail: String? = nil) {
        self.line = line; self.id = id; self.name = name; self.parentID = parentID; self.headEmail = headEmail
    }
}

public struct UserRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var name: String
    public var email: String
    public var departmentID: String?
    public var role: RoleCode = .sales
    public var active = true
    public var extensions: [ExtensionRef] = []
    /// Plain text, only ever read from an imported bundle; hashed before it is stored, never exported.
    public var password: String?

    public init(line: Int = 0, id: String, name: String, email: String, departmentID: String? = nil,
                role: RoleCode = .sales, active: Bool = true, extensions: [ExtensionRef] = [],
                password: String? = nil) {
        self.line = line; self.id = id; self.name = name; self.email = email; self.departmentID = departmentID
        self.role = role; self.active = active; self.extensions = extensions; self.password = password
    }
}

public struct SourceRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var name: String

    public init(line: Int = 0, id: String, name: String) {
        self.line = line; self.id = id; self.name = name
    }
}

public struct GroupRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var name: String
    public var parentID: String?

    public init(line: Int = 0, id: String, name: String, parentID: String? = nil) {
        self.line = line; self.id = id; self.name = name; self.parentID = parentID
    }
}

public struct CustomerRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var name: String
    /// Phones as typed (raw); normalised when stored.
    public var phones: [String] = []
    public var emails: [String] = []
    public var address: String?
    public var sourceIDs: [String] = []
    public var groupIDs: [String] = []
    public var ownerEmail: String?
    public var createdAt: Date
    public var deletedAt: Date?

    public init(line: Int = 0, id: String, name: String, phones: [String] = [], emails: [String] = [],
                address: String? = nil, sourceIDs: [String] = [], groupIDs: [String] = [],
                ownerEmail: String? = nil, createdAt: Date, deletedAt: Date? = nil) {
        self.line = line; self.id = id; self.name = name; self.phones = phones; self.emails = emails
        self.address = address; self.sourceIDs = sourceIDs; self.groupIDs = groupIDs
        self.ownerEmail = ownerEmail; self.createdAt = createdAt; self.deletedAt = deletedAt
    }
}

public struct CampaignRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var name: String
    public var code: String?
    public var stages: [String] = []
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var allowDuplicates = false

    public init(line: Int = 0, id: String, name: String, code: String? = nil, stages: [String] = [],
                startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, allowDuplicates: Bool = false) {
        self.line = line; self.id = id; self.name = name; self.code = code; self.stages = stages
        self.startsOn = startsOn; self.endsOn = endsOn; self.allowDuplicates = allowDuplicates
    }
}

public struct OpportunityRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var customerID: String
    public var campaignID: String
    public var ownerEmail: String?
    public var stage: String?
    /// Expected value in the currency's minor unit.
    public var value: Int64?
    public var createdAt: Date
    public var deletedAt: Date?

    public init(line: Int = 0, id: String, customerID: String, campaignID: String, ownerEmail: String? = nil,
                stage: String? = nil, value: Int64? = nil, createdAt: Date, deletedAt: Date? = nil) {
        self.line = line; self.id = id; self.customerID = customerID; self.campaignID = campaignID
        self.ownerEmail = ownerEmail; self.stage = stage; self.value = value
        self.createdAt = createdAt; self.deletedAt = deletedAt
    }
}

public enum CallDirection: String, Sendable, CaseIterable, Codable {
    case outbound, inbound, `internal`
}

public enum CallResult: String, Sendable, CaseIterable, Codable {
    case answered
    case noAnswer = "no_answer"
    case busy, failed, cancelled
}

public struct CallRecord: Sendable, Equatable {
    public var line = 0
    /// The PBX call id: unique per provider.
    public var id: String
    public var provider = "import"
    public var direction: CallDirection
    public var `extension`: String?
    public var userEmail: String?
    public var remoteNumber: String
    public var startedAt: Date
    public var answeredAt: Date?
    public var endedAt: Date?
    public var totalSeconds: Int?
    public var talkSeconds: Int
    public var result: CallResult?
    public var recordingURL: String?

    public init(line: Int = 0, id: String, provider: String = "import", direction: CallDirection,
                extension: String? = nil, userEmail: String? = nil, remoteNumber: String, startedAt: Date,
                answeredAt: Date? = nil, endedAt: Date? = nil, totalSeconds: Int? = nil, talkSeconds: Int,
                result: CallResult? = nil, recordingURL: String? = nil) {
        self.line = line; self.id = id; self.provider = provider; self.direction = direction
        self.extension = `extension`; self.userEmail = userEmail; self.remoteNumber = remoteNumber
        self.startedAt = startedAt; self.answeredAt = answeredAt; self.endedAt = endedAt
        self.totalSeconds = totalSeconds; self.talkSeconds = talkSeconds; self.result = result
        self.recordingURL = recordingURL
    }
}

public enum TaskType: String, Sendable, CaseIterable, Codable {
    case appointment, call, email, todo, other
}

public enum TaskStatus: String, Sendable, CaseIterable, Codable {
    case open
    case inProgress = "in_progress"
    case done, cancelled
}

public struct TaskRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var type: TaskType
    public var title: String
    public var customerID: String?
    public var opportunityID: String?
    public var assigneeEmail: String?
    public var createdByEmail: String?
    public var createdAt: Date
    public var dueAt: Date?
    public var status: TaskStatus
    public var completedAt: Date?

    public init(line: Int = 0, id: String, type: TaskType, title: String, customerID: String? = nil,
                opportunityID: String? = nil, assigneeEmail: String? = nil, createdByEmail: String? = nil,
                createdAt: Date, dueAt: Date? = nil, status: TaskStatus, completedAt: Date? = nil) {
        self.line = line; self.id = id; self.type = type; self.title = title; self.customerID = customerID
        self.opportunityID = opportunityID; self.assigneeEmail = assigneeEmail
        self.createdByEmail = createdByEmail; self.createdAt = createdAt; self.dueAt = dueAt
        self.status = status; self.completedAt = completedAt
    }
}

public enum OrderStatus: String, Sendable, CaseIterable, Codable {
    case pending, approved, delivered, cancelled
}

public struct OrderRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var customerID: String
    public var opportunityID: String?
    public var createdByEmail: String?
    public var createdAt: Date
    /// In the currency's minor unit.
    public var total: Int64
    public var status: OrderStatus

    public init(line: Int = 0, id: String, customerID: String, opportunityID: String? = nil,
                createdByEmail: String? = nil, createdAt: Date, total: Int64, status: OrderStatus) {
        self.line = line; self.id = id; self.customerID = customerID; self.opportunityID = opportunityID
        self.createdByEmail = createdByEmail; self.createdAt = createdAt; self.total = total; self.status = status
    }
}

public struct OrderLineRecord: Sendable, Equatable {
    public var line = 0
    public var orderID: String
    public var productCode: String?
    public var name: String?
    public var quantity: Int64
    public var unitPrice: Int64

    public init(line: Int = 0, orderID: String, productCode: String? = nil, name: String? = nil,
                quantity: Int64, unitPrice: Int64) {
        self.line = line; self.orderID = orderID; self.productCode = productCode; self.name = name
        self.quantity = quantity; self.unitPrice = unitPrice
    }
}

public struct PaymentRecord: Sendable, Equatable {
    public var line = 0
    public var id: String
    public var orderID: String
    public var amount: Int64
    public var paidAt: Date
    public var method: String?

    public init(line: Int = 0, id: String, orderID: String, amount: Int64, paidAt: Date, method: String? = nil) {
        self.line = line; self.id = id; self.orderID = orderID; self.amount = amount
        self.paidAt = paidAt; self.method = method
    }
}
