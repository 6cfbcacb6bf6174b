import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// "Thêm ghi chú" on a customer's page: a note in the care history, by its author, now.
public enum CustomerNotes {
    public static let longest = 4_000

    public enum Refusal: Error, Sendable, Equatable {
        /// Not a live customer the viewer sees.
        case notFound
        /// Empty or longer than ``longest`` characters.
        case badBody
    }

    public static func add(customerID: Int64, body: String, authorID: Int64, access: ViewerAccess, now: Date,
                           on database: any Database) async throws {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= longest else { throw Refusal.badBody }
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let customer = try await VisibleCustomer.find(String(customerID), access: access, sql: sql),
                  customer.id == customerID else { throw Refusal.notFound }
            try await sql.insert(into: "notes").columns("customer_id", "author_id", "body", "created_at")
                .values(SQLBind(customerID), SQLBind(authorID), SQLBind(text), SQLBind(now.epochMilliseconds)).run()
            try await sql.update("customers").set("updated_at", to: SQLBind(now.epochMilliseconds))
                .where("id", .equal, SQLBind(customerID)).run()
        }
    }
}
