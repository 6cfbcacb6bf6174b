import CallDeskCore
import Foundation
import SQLKit

extension BundleStoreWriter {
    static let customerBatch = 2_000

    func writeCustomers(_ customers: [CustomerRecord]) async throws {
        guard !customers.isEmpty else { return }
        try await load(customers.flatMap(\.sourceIDs), of: "sources", into: &sourceIDs)
        try await load(customers.flatMap(\.groupIDs), of: "customer_groups", into: &groupIDs)
        let batch = UpsertBatch(table: "customers",
                                columns: ["external_id", "name", "kind", "address", "owner_id", "created_at",
                                          "updated_at", "deleted_at"],
                                update: ["name", "address", "owner_id", "created_at", "updated_at", "deleted_at"])
        var start = 0
        while start < customers.count {
            let slice = customers[start..<min(start + Self.customerBatch, customers.count)]
            let rows = slice.map { customer in
                [any SQLExpression].binds(customer.id, customer.name, Self.kind(of: customer.name), customer.address,
                                          userID(customer.ownerEmail), customer.createdAt.epochMilliseconds,
                                          customer.createdAt.epochMilliseconds, Self.ms(customer.deletedAt))
            }
            let ids = try await batch.run(rows, returning: "external_id", on: sql)
            customerIDs.merge(ids) { $1 }
            try await writeCustomerDetails(slice, ids: ids)
            start += slice.count
            report("customers.csv", start, customers.count)
        }
        try await sql.update("customers")
            .set("code", to: SQLDialectSupport.paddedCode(prefix: "KH", on: sql))
            .where("code", .is, SQLLiteral.null)
            .run()
    }

    /// Phones, emails, sources and groups of a batch of customers: replaced wholesale.
    private func writeCustomerDetails(_ customers: ArraySlice<CustomerRecord>, ids: [String: Int64]) async throws {
        let customerIDs = Array(ids.values)
        for table in ["customer_phones", "customer_emails", "customer_sources", "customer_group_members"] {
            try await deleteRows(of: table, where: "customer_id", in: customerIDs, on: sql)
        }
        var phones: [[any SQLExpression]] = []
        var emails: [[any SQLExpression]] = []
        var sources: [[any SQLExpression]] = []
        var groups: [[any SQLExpression]] = []
        for customer in customers {
            guard let id = ids[customer.id] else { continue }
            for (position, raw) in customer.phones.enumerated() {
                let normalized = PhoneNumbers.normalize(raw, region: phoneRegion)
                if case .invalid(let reason) = normalized, customer.line > 0 {
                    warnings.append("customers.csv:\(customer.line): phones: \"\(raw)\" kept as typed, "
                                    + "it matches no call: \(reason)")
                }
                phones.append(.binds(id, position, Self.label(of: normalized), raw, normalized.matchKey))
            }
            for (position, email) in customer.emails.enumerated() {
                emails.append(.binds(id, position, email))
            }
            for source in Set(customer.sourceIDs).compactMap({ sourceIDs[$0] }).sorted() {
                sources.append(.binds(id, source))
            }
            for group in Set(customer.groupIDs).compactMap({ groupIDs[$0] }).sorted() {
                groups.append(.binds(id, group))
            }
        }
        try await insertRows(phones, into: "customer_phones", columns: ["customer_id", "position", "label", "raw", "e164"])
        try await insertRows(emails, into: "customer_emails", columns: ["customer_id", "position", "email"])
        try await insertRows(sources, into: "customer_sources", columns: ["customer_id", "source_id"])
        try await insertRows(groups, into: "customer_group_members", columns: ["customer_id", "group_id"])
    }

    /// Plain multi-row inserts, chunked under the dialect's bind limit.
    func insertRows(_ rows: [[any SQLExpression]], into table: String, columns: [String]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, min(1_000, SQLDialectSupport.maxBinds(on: sql) / columns.count))
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            try await sql.insert(into: table).columns(columns).rows(rows[start..<end]).run()
            start = end
        }
    }

    static func label(of phone: PhoneNormalization) -> String {
        switch phone.phoneNumber?.kind {
        case .mobile: return "Di động"
        case .landline: return "Cố định"
        case .service: return "Tổng đài"
        case .foreign: return "Quốc tế"
        case nil: return "Khác"
        }
    }

    /// A customer whose name reads as a company's (Công ty, Cty, TNHH, …) is a company; others are people.
    static func kind(of name: String) -> String {
        let lower = name.lowercased()
        let markers = ["công ty", "cty", "tnhh", "cổ phần", "tập đoàn", "doanh nghiệp", "hợp tác xã", "company", "ltd"]
        return markers.contains { lower.contains($0) } ? "company" : "person"
    }
}
