import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Creating a customer from the web form, in one transaction: the row, its code (`KH000123`),
/// phones with their normalised keys, and the email.
public enum CustomerCreation {
    public static func create(_ draft: CustomerDraft, phones: [CustomerDraft.ValidPhone], createdBy: Int64,
                              now: Date, on database: any Database) async throws -> Int64 {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let name = draft.name.trimmingCharacters(in: .whitespaces)
            let address = draft.address.trimmingCharacters(in: .whitespaces)
            let id = try await sql.insert(into: "customers")
                .columns("external_id", "name", "kind", "address", "owner_id", "created_at", "created_by_id",
                         "updated_at")
                .values(SQLBind("web-" + UUID().uuidString.lowercased()), SQLBind(name),
                        SQLBind(BundleStoreWriter.kind(of: name)), SQLBind(address.isEmpty ? nil : address),
                        SQLBind(draft.ownerID), SQLBind(now.epochMilliseconds), SQLBind(createdBy),
                        SQLBind(now.epochMilliseconds))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self)
            guard let id else { throw UserAccounts.Invalid("the customer could not be created") }
            try await sql.update("customers")
                .set("code", to: SQLDialectSupport.paddedCode(prefix: "KH", on: sql))
                .where("id", .equal, SQLBind(id))
                .run()
            try await insertPhones(phones, of: id, sql: sql)
            let email = draft.email.trimmingCharacters(in: .whitespaces)
            if !email.isEmpty {
                try await sql.insert(into: "customer_emails").columns("customer_id", "position", "email")
                    .values(SQLBind(id), SQLBind(0), SQLBind(email)).run()
            }
            return id
        }
    }

    /// The customer's phones in the form's order, with the key calls match on.
    static func insertPhones(_ phones: [CustomerDraft.ValidPhone], of id: Int64, sql: any SQLDatabase) async throws {
        guard !phones.isEmpty else { return }
        let insert = sql.insert(into: "customer_phones").columns("customer_id", "position", "label", "raw", "e164")
        for (position, phone) in phones.enumerated() {
            insert.values(SQLBind(id), SQLBind(position), SQLBind(phone.label), SQLBind(phone.raw), SQLBind(phone.matchKey))
        }
        try await insert.run()
    }
}
