import CallDeskCore
import Foundation
import SQLKit

/// Reads the whole database back as a ``DataBundle`` for `calldesk export`: every record under its
/// bundle id, in the order it was stored, so that export → import → export gives the same files.
struct BundleStoreReader {
    let sql: any SQLDatabase

    private static let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

    private func rows<T: Decodable>(_ query: SQLQueryString, as type: T.Type) async throws -> [T] {
        try await sql.raw(query).all(decoding: T.self, with: Self.decoder)
    }

    private static func date(_ ms: Int64?) -> Date? { ms.map(Date.init(epochMilliseconds:)) }

    func read() async throws -> DataBundle {
        var bundle = DataBundle()
        bundle.settings = try await CompanySettingsStore.load(sql).values
        try await readOrganisation(into: &bundle)
        try await readCustomers(into: &bundle)
        try await readActivity(into: &bundle)
        return bundle
    }

    private struct DepartmentRow: Decodable { var externalId: String; var name: String; var parent: String?; var head: String? }
    private struct UserRow: Decodable {
        var id: Int64; var externalId: String; var name: String; var email: String; var department: String?
        var role: String; var active: Bool
    }
    private struct ExtensionRow: Decodable { var userId: Int64; var number: String; var providerCode: String }
    private struct NamedRow: Decodable { var externalId: String; var name: String; var parent: String? }
    private struct CampaignRow: Decodable {
        var id: Int64; var externalId: String; var name: String; var code: String?; var startsOn: String?
        var endsOn: String?; var allowDuplicates: Bool
    }
    private struct StageRow: Decodable { var campaignId: Int64; var name: String }

    private func readOrganisation(into bundle: inout DataBundle) async throws {
        bundle.departments = try await rows("""
            SELECT d.external_id, d.name, p.external_id AS parent, u.email AS head
            FROM departments d LEFT JOIN departments p ON p.id = d.parent_id
            LEFT JOIN department_heads h ON h.department_id = d.id LEFT JOIN users u ON u.id = h.user_id
            ORDER BY d.id
            """, as: DepartmentRow.self).map {
            DepartmentRecord(id: $0.externalId, name: $0.name, parentID: $0.parent, headEmail: $0.head)
        }
        var extensions: [Int64: [ExtensionRef]] = [:]
        for row in try await rows("SELECT user_id, number, provider_code FROM user_extensions ORDER BY id",
                                  as: ExtensionRow.self) {
            extensions[row.userId, default: []].append(
                ExtensionRef(number: row.number, providerCode: row.providerCode.isEmpty ? nil : row.providerCode))
        }
        bundle.users = try await rows("""
            SELECT u.id, u.external_id, u.name, u.email, d.external_id AS department, r.code AS role, u.active
            FROM users u LEFT JOIN departments d ON d.id = u.department_id JOIN roles r ON r.id = u.role_id
            ORDER BY u.id
            """, as: UserRow.self).map {
            UserRecord(id: $0.externalId, name: $0.name, email: $0.email, departmentID: $0.department,
                       role: RoleCode(rawValue: $0.role) ?? .sales, active: $0.active,
                       extensions: extensions[$0.id] ?? [])
        }
        bundle.sources = try await rows("SELECT external_id, name, NULL AS parent FROM sources ORDER BY id",
                                        as: NamedRow.self).map { SourceRecord(id: $0.externalId, name: $0.name) }
        bundle.groups = try await rows("""
            SELECT g.external_id, g.name, p.external_id AS parent
            FROM customer_groups g LEFT JOIN customer_groups p ON p.id = g.parent_id ORDER BY g.id
            """, as: NamedRow.self).map { GroupRecord(id: $0.externalId, name: $0.name, parentID: $0.parent) }
        var stages: [Int64: [String]] = [:]
        for row in try await rows("SELECT campaign_id, name FROM campaign_stages ORDER BY campaign_id, position",
                                  as: StageRow.self) {
            stages[row.campaignId, default: []].append(row.name)
        }
        bundle.campaigns = try await rows("""
            SELECT id, external_id, name, code, starts_on, ends_on, allow_duplicates FROM campaigns ORDER BY id
            """, as: CampaignRow.self).map {
            CampaignRecord(id: $0.externalId, name: $0.name, code: $0.code, stages: stages[$0.id] ?? [],
                           startsOn: $0.startsOn.flatMap(LocalDate.init), endsOn: $0.endsOn.flatMap(LocalDate.init),
                           allowDuplicates: $0.allowDuplicates)
        }
    }

    private struct CustomerRow: Decodable {
        var id: Int64; var externalId: String; var name: String; var address: String?; var owner: String?
        var createdAt: Int64; var deletedAt: Int64?
    }
    private struct ChildRow: Decodable { var customerId: Int64; var value: String }

    private func children(_ query: SQLQueryString) async throws -> [Int64: [String]] {
        var map: [Int64: [String]] = [:]
        for row in try await rows(query, as: ChildRow.self) { map[row.customerId, default: []].append(row.value) }
        return map
    }

    private func readCustomers(into bundle: inout DataBundle) async throws {
        let phones = try await children("SELECT customer_id, raw AS value FROM customer_phones ORDER BY customer_id, position")
        let emails = try await children(
            "SELECT customer_id, email AS value FROM customer_emails ORDER BY customer_id, position")
        let sources = try await children("""
            SELECT cs.customer_id, s.external_id AS value FROM customer_sources cs JOIN sources s ON s.id = cs.source_id
            ORDER BY cs.customer_id, s.id
            """)
        let groups = try await children("""
            SELECT m.customer_id, g.external_id AS value FROM customer_group_members m
            JOIN customer_groups g ON g.id = m.group_id ORDER BY m.customer_id, g.id
            """)
        bundle.customers = try await rows("""
            SELECT c.id, c.external_id, c.name, c.address, u.email AS owner, c.created_at, c.deleted_at
            FROM customers c LEFT JOIN users u ON u.id = c.owner_id ORDER BY c.id
            """, as: CustomerRow.self).map {
            CustomerRecord(id: $0.externalId, name: $0.name, phones: phones[$0.id] ?? [], emails: emails[$0.id] ?? [],
                           address: $0.address, sourceIDs: sources[$0.id] ?? [], groupIDs: groups[$0.id] ?? [],
                           ownerEmail: $0.owner, createdAt: Date(epochMilliseconds: $0.createdAt),
                           deletedAt: Self.date($0.deletedAt))
        }
    }

    private struct OpportunityRow: Decodable {
        var externalId: String; var customer: String; var campaign: String; var owner: String?; var stage: String?
        var value: Int64?; var createdAt: Int64; var deletedAt: Int64?
    }
    private struct CallRow: Decodable {
        var pbxCallId: String; var provider: String; var direction: String; var `extension`: String?
        var userEmail: String?; var remoteRaw: String; var startedAt: Int64; var answeredAt: Int64?
        var endedAt: Int64?; var totalSeconds: Int64?; var talkSeconds: Int64; var result: String?
        var recordingUrl: String?
    }
    private struct TaskRow: Decodable {
        var externalId: String; var type: String; var title: String; var customer: String?; var opportunity: String?
        var assignee: String?; var createdBy: String?; var createdAt: Int64; var dueAt: Int64?; var status: String
        var completedAt: Int64?
    }
    private struct OrderRow: Decodable {
        var externalId: String; var customer: String; var opportunity: String?; var createdBy: String?
        var createdAt: Int64; var total: Int64; var status: String
    }
    private struct OrderLineRow: Decodable {
        var orderId: String; var productCode: String?; var name: String?; var quantity: Int64; var unitPrice: Int64
    }
    private struct PaymentRow: Decodable {
        var externalId: String; var orderId: String; var amount: Int64; var paidAt: Int64; var method: String?
    }

    private func readActivity(into bundle: inout DataBundle) async throws {
        bundle.opportunities = try await rows("""
            SELECT o.external_id, c.external_id AS customer, k.external_id AS campaign, u.email AS owner, o.stage,
                   o.value, o.created_at, o.deleted_at
            FROM opportunities o JOIN customers c ON c.id = o.customer_id JOIN campaigns k ON k.id = o.campaign_id
            LEFT JOIN users u ON u.id = o.owner_id ORDER BY o.id
            """, as: OpportunityRow.self).map {
            OpportunityRecord(id: $0.externalId, customerID: $0.customer, campaignID: $0.campaign, ownerEmail: $0.owner,
                              stage: $0.stage, value: $0.value, createdAt: Date(epochMilliseconds: $0.createdAt),
                              deletedAt: Self.date($0.deletedAt))
        }
        bundle.calls = try await rows("""
            SELECT k.pbx_call_id, k.provider, k.direction, k.extension, u.email AS user_email, k.remote_raw,
                   k.started_at, k.answered_at, k.ended_at, k.total_seconds, k.talk_seconds, k.result, k.recording_url
            FROM calls k LEFT JOIN users u ON u.id = k.user_id ORDER BY k.id
            """, as: CallRow.self).map {
            CallRecord(id: $0.pbxCallId, provider: $0.provider, direction: CallDirection(rawValue: $0.direction) ?? .outbound,
                       extension: $0.extension, userEmail: $0.userEmail, remoteNumber: $0.remoteRaw,
                       startedAt: Date(epochMilliseconds: $0.startedAt), answeredAt: Self.date($0.answeredAt),
                       endedAt: Self.date($0.endedAt), totalSeconds: $0.totalSeconds.map(Int.init),
                       talkSeconds: Int($0.talkSeconds), result: $0.result.flatMap(CallResult.init(rawValue:)),
                       recordingURL: $0.recordingUrl)
        }
        bundle.tasks = try await rows("""
            SELECT t.external_id, t.type, t.title, c.external_id AS customer, o.external_id AS opportunity,
                   a.email AS assignee, b.email AS created_by, t.created_at, t.due_at, t.status, t.completed_at
            FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN opportunities o ON o.id = t.opportunity_id
            LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN users b ON b.id = t.created_by_id ORDER BY t.id
            """, as: TaskRow.self).map {
            TaskRecord(id: $0.externalId, type: TaskType(rawValue: $0.type) ?? .other, title: $0.title,
                       customerID: $0.customer, opportunityID: $0.opportunity, assigneeEmail: $0.assignee,
                       createdByEmail: $0.createdBy, createdAt: Date(epochMilliseconds: $0.createdAt),
                       dueAt: Self.date($0.dueAt), status: TaskStatus(rawValue: $0.status) ?? .open,
                       completedAt: Self.date($0.completedAt))
        }
        bundle.orders = try await rows("""
            SELECT o.external_id, c.external_id AS customer, p.external_id AS opportunity, u.email AS created_by,
                   o.created_at, o.total, o.status
            FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN opportunities p ON p.id = o.opportunity_id
            LEFT JOIN users u ON u.id = o.created_by_id ORDER BY o.id
            """, as: OrderRow.self).map {
            OrderRecord(id: $0.externalId, customerID: $0.customer, opportunityID: $0.opportunity,
                        createdByEmail: $0.createdBy, createdAt: Date(epochMilliseconds: $0.createdAt), total: $0.total,
                        status: OrderStatus(rawValue: $0.status) ?? .pending)
        }
        bundle.orderLines = try await rows("""
            SELECT o.external_id AS order_id, l.product_code, l.name, l.quantity, l.unit_price
            FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY o.id, l.position
            """, as: OrderLineRow.self).map {
            OrderLineRecord(orderID: $0.orderId, productCode: $0.productCode, name: $0.name, quantity: $0.quantity,
                            unitPrice: $0.unitPrice)
        }
        bundle.payments = try await rows("""
            SELECT p.external_id, o.external_id AS order_id, p.amount, p.paid_at, p.method
            FROM payments p JOIN orders o ON o.id = p.order_id ORDER BY p.id
            """, as: PaymentRow.self).map {
            PaymentRecord(id: $0.externalId, orderID: $0.orderId, amount: $0.amount,
                          paidAt: Date(epochMilliseconds: $0.paidAt), method: $0.method)
        }
    }
}
