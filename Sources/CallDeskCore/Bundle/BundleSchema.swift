/// The files of a data bundle and their columns, in the order of domain.md's table ("Data bundle"),
/// which is also the order the reader reads them in and the writer writes them in.
public enum BundleFile: String, Sendable, CaseIterable, Codable {
    case settings = "settings.csv"
    case departments = "departments.csv"
    case users = "users.csv"
    case sources = "sources.csv"
    case groups = "groups.csv"
    case customers = "customers.csv"
    case campaigns = "campaigns.csv"
    case opportunities = "opportunities.csv"
    case calls = "calls.csv"
    case tasks = "tasks.csv"
    case orders = "orders.csv"
    case orderLines = "order_lines.csv"
    case payments = "payments.csv"

    /// The file's name in the bundle's folder.
    public var name: String { rawValue }

    /// The columns in their written order; a bundle may give them in any order.
    public var columns: [BundleColumn] {
        let spec: String
        switch self {
        case .settings: spec = "*key *value"
        case .departments: spec = "*id *name parent_id head_email"
        case .users: spec = "*id *name *email department_id role active extensions !password"
        case .sources: spec = "*id *name"
        case .groups: spec = "*id *name parent_id"
        case .customers:
            spec = "*id *name phones emails address source_ids group_ids owner_email *created_at deleted_at"
        case .campaigns: spec = "*id *name code stages starts_on ends_on allow_duplicates"
        case .opportunities:
            spec = "*id *customer_id *campaign_id owner_email stage value *created_at deleted_at"
        case .calls:
            spec = "*id provider *direction extension user_email *remote_number *started_at answered_at ended_at"
                + " total_seconds *talk_seconds result recording_url"
        case .tasks:
            spec = "*id *type *title customer_id opportunity_id assignee_email created_by_email *created_at"
                + " due_at *status completed_at"
        case .orders: spec = "*id *customer_id opportunity_id created_by_email *created_at *total *status"
        case .orderLines: spec = "*order_id product_code name *quantity *unit_price"
        case .payments: spec = "*id *order_id *amount *paid_at method"
        }
        return spec.split(separator: " ").map { word in
            BundleColumn(
                name: String(word.drop { $0 == "*" || $0 == "!" }),
                isRequired: word.hasPrefix("*"),
                isExported: !word.hasPrefix("!"))
        }
    }
}

/// A column of a bundle file.
public struct BundleColumn: Sendable, Hashable {
    public var name: String
    /// Required columns must be in the header and hold a value on every row (bold in domain.md).
    public var isRequired: Bool
    /// False only for `users.csv` `password`, which is read on import and never written.
    public var isExported: Bool
}
