import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// "Link to a customer" from an unmatched call: the call's number becomes one more phone of an existing
/// customer, so that call — and every other call from or to that number — matches it from now on
/// (matching is done at query time; no call row changes).
public enum CustomerPhoneLink {
    public enum Refusal: Error, Sendable, Equatable {
        /// The text names no live customer the viewer may see (code `KH000123` or id).
        case noSuchCustomer(String)
        /// The number can't be a customer's (phone-numbers.md): the reason.
        case notACustomerNumber(String)
        /// The customer has this number already.
        case alreadyTheirs(code: String)
    }

    /// Adds `raw` to the customer named by `customer` (its code, or its id) and answers the customer's
    /// id and code.
    public static func add(_ raw: String, to customer: String, access: ViewerAccess, region: String, now: Date,
                           on database: any Database) async throws -> (id: Int64, code: String) {
        let number: PhoneNumber
        switch PhoneNumbers.normalize(raw, region: region) {
        case .number(let found) where found.matchKey == nil:
            throw Refusal.notACustomerNumber("\(found.e164) is a service number (1800/1900…), which never matches a customer")
        case .number(let found): number = found
        case .internalExtension: throw Refusal.notACustomerNumber("\"\(raw)\" is an internal extension")
        case .invalid(let reason): throw Refusal.notACustomerNumber(reason)
        }
        let wanted = customer.trimmingCharacters(in: .whitespaces)
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let found = try await VisibleCustomer.find(wanted, access: access, sql: sql) else {
                throw Refusal.noSuchCustomer(wanted)
            }
            struct Phone: Decodable { var position: Int; var e164: String? }
            let phones = try await sql.raw("SELECT position, e164 FROM customer_phones WHERE customer_id = \(bind: found.id)")
                .all(decoding: Phone.self)
            if phones.contains(where: { $0.e164 == number.matchKey }) {
                throw Refusal.alreadyTheirs(code: found.code)
            }
            try await sql.insert(into: "customer_phones").columns("customer_id", "position", "label", "raw", "e164")
                .values(SQLBind(found.id), SQLBind((phones.map(\.position).max() ?? -1) + 1),
                        SQLBind(CustomerDraft.label(of: number.kind)), SQLBind(raw.trimmingCharacters(in: .whitespaces)),
                        SQLBind(number.matchKey))
                .run()
            try await sql.update("customers").set("updated_at", to: SQLBind(now.epochMilliseconds))
                .where("id", .equal, SQLBind(found.id)).run()
            return (found.id, found.code)
        }
    }
}
