import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Changing customers after they exist: edit (details, phones, email, owner), soft delete and an administrator's
/// restore, and the bulk actions of the customer list. Every change is one transaction; a change of owner is
/// written to `ownership_changes` so the care history shows it.
public enum CustomerChanges {
    /// Refusals a page turns into a message (the customer outside the scope is `notFound`, like a 404).
    public enum Refusal: Error, Sendable, Equatable {
        case notFound
        case tooMany(limit: Int)
        case unknownTarget
    }

    /// What the edit form starts from.
    public struct Editable: Sendable, Equatable {
        public var id: Int64
        public var code: String?
        public var name: String
        public var address: String
        public var email: String
        public var ownerID: Int64?
        public var phones: [CustomerDraft.Phone]
    }

    struct Row: Decodable { var id: Int64; var code: String?; var name: String; var address: String?; var owner_id: Int64? }

    /// The customer if it is live and inside the viewer's scope (otherwise it does not exist for them).
    static func live(_ id: Int64, access: ViewerAccess, sql: any SQLDatabase) async throws -> Row? {
        guard let row = try await sql.raw("""
            SELECT id, code, name, address, owner_id FROM customers WHERE id = \(bind: id) AND deleted_at IS NULL
            """).first(decoding: Row.self), access.sees(ownerID: row.owner_id) else { return nil }
        return row
    }

    /// A live customer inside the viewer's scope, as the edit form shows it; nil otherwise.
    public static func editable(id: Int64, access: ViewerAccess, on database: any Database) async throws -> Editable? {
        let sql = CallDeskDatabase.sql(database)
        guard let row = try await live(id, access: access, sql: sql) else { return nil }
        struct PhoneRow: Decodable { var label: String; var raw: String }
        let phones = try await sql.raw("SELECT label, raw FROM customer_phones WHERE customer_id = \(bind: id) ORDER BY position")
            .all(decoding: PhoneRow.self).map { CustomerDraft.Phone(label: $0.label, raw: $0.raw) }
        let email = try await sql.raw("""
            SELECT email FROM customer_emails WHERE customer_id = \(bind: id) ORDER BY position LIMIT 1
            """).first(decodingColumn: "email", as: String.self)
        return Editable(id: row.id, code: row.code, name: row.name, address: row.address ?? "", email: email ?? "",
                        ownerID: row.owner_id, phones: phones)
    }

    /// Saves the edit form: name, address, first email, phones (replaced, in the form's order) and owner.
    /// The customer must still be live and in scope when the transaction runs.
    public static func update(id: Int64, draft: CustomerDraft, phones: [CustomerDraft.ValidPhone], access: ViewerAccess,
                              by userID: Int64, now: Date, on database: any Database) async throws {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let row = try await live(id, access: access, sql: sql) else { throw Refusal.notFound }
            let name = draft.name.trimmingCharacters(in: .whitespaces)
            let address = draft.address.trimmingCharacters(in: .whitespaces)
            try await sql.update("customers")
                .set("name", to: SQLBind(name))
                .set("kind", to: SQLBind(BundleStoreWriter.kind(of: name)))
                .set("address", to: SQLBind(address.isEmpty ? nil : address))
                .set("owner_id", to: SQLBind(draft.ownerID))
                .set("updated_at", to: SQLBind(now.epochMilliseconds))
                .where("id", .equal, SQLBind(id)).run()
            if row.owner_id != draft.ownerID {
                try await recordOwnerChange([(id, row.owner_id)], to: draft.ownerID, by: userID, now: now, sql: sql)
            }
            try await sql.delete(from: "customer_phones").where("customer_id", .equal, SQLBind(id)).run()
            try await CustomerCreation.insertPhones(phones, of: id, sql: sql)
            // The form edits the first email; any further ones (from an import) stay as they are.
            let email = draft.email.trimmingCharacters(in: .whitespaces)
            struct EmailRow: Decodable { var id: Int64 }
            let first = try await sql.raw("""
                SELECT id FROM customer_emails WHERE customer_id = \(bind: id) ORDER BY position LIMIT 1
                """).first(decoding: EmailRow.self)
            switch (first, email.isEmpty) {
            case (let first?, true):
                try await sql.delete(from: "customer_emails").where("id", .equal, SQLBind(first.id)).run()
            case (let first?, false):
                try await sql.update("customer_emails").set("email", to: SQLBind(email)).where("id", .equal, SQLBind(first.id)).run()
            case (nil, false):
                try await sql.insert(into: "customer_emails").columns("customer_id", "position", "email")
                    .values(SQLBind(id), SQLBind(0), SQLBind(email)).run()
            case (nil, true):
                break
            }
        }
    }

    static func recordOwnerChange(_ customers: [(id: Int64, from: Int64?)], to owner: Int64?, by userID: Int64, now: Date,
                                  sql: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: customers.count, by: 500).map({ customers[$0..<min($0 + 500, customers.count)] }) {
            let insert = sql.insert(into: "ownership_changes")
                .columns("customer_id", "from_user_id", "to_user_id", "changed_by_id", "changed_at")
            for customer in chunk {
                insert.values(SQLBind(customer.id), SQLBind(customer.from), SQLBind(owner), SQLBind(userID),
                              SQLBind(now.epochMilliseconds))
            }
            try await insert.run()
        }
    }

    // MARK: - Delete and restore

    /// Soft delete: the customer leaves every list, page and report (R-rules treat deleted customers as gone);
    /// nothing else is removed, so an administrator can restore it.
    public static func delete(id: Int64, access: ViewerAccess, now: Date, on database: any Database) async throws {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let row = try await live(id, access: access, sql: sql) else { throw Refusal.notFound }
            try await sql.update("customers").set("deleted_at", to: SQLBind(now.epochMilliseconds))
                .set("updated_at", to: SQLBind(now.epochMilliseconds))
                .where("id", .equal, SQLBind(id)).where("deleted_at", .is, SQLLiteral.null).run()
        }
    }

    /// Restores a deleted customer (administrators; the page checks). Not found when it isn't deleted.
    public static func restore(id: Int64, now: Date, on database: any Database) async throws {
        let sql = CallDeskDatabase.sql(database)
        let restored = try await sql.raw("""
            UPDATE customers SET deleted_at = NULL, updated_at = \(bind: now.epochMilliseconds)
            WHERE id = \(bind: id) AND deleted_at IS NOT NULL RETURNING id
            """).all()
        guard !restored.isEmpty else { throw Refusal.notFound }
    }

    public struct Deleted: Sendable, Equatable {
        public var id: Int64
        public var code: String?
        public var name: String
        public var ownerName: String?
        public var deletedAt: Date
    }

    /// The deleted customers, most recently deleted first (the administrator's bin).
    public static func deleted(page: Int, perPage: Int = 50, on database: any Database) async throws -> ListPage<Deleted> {
        let sql = CallDeskDatabase.sql(database)
        struct DeletedRow: Decodable { var id: Int64; var code: String?; var name: String; var owner_name: String?; var deleted_at: Int64 }
        let page = max(page, 1)
        let rows = try await sql.raw("""
            SELECT c.id, c.code, c.name, u.name AS owner_name, c.deleted_at
            FROM customers c LEFT JOIN users u ON u.id = c.owner_id
            WHERE c.deleted_at IS NOT NULL
            ORDER BY c.deleted_at DESC, c.id DESC LIMIT \(bind: perPage + 1) OFFSET \(bind: (page - 1) * perPage)
            """).all(decoding: DeletedRow.self)
        return ListPage(page: page, perPage: perPage, rows: rows.map {
            Deleted(id: $0.id, code: $0.code, name: $0.name, ownerName: $0.owner_name,
                    deletedAt: Date(epochMilliseconds: $0.deleted_at))
        })
    }

    // MARK: - Who else has this number

    public struct PhoneOwner: Sendable, Equatable {
        /// nil when the customer is outside the viewer's scope: the page says "another customer" without a name.
        public var id: Int64?
        public var code: String?
        public var name: String?
    }

    /// The live customers (other than `except`) having the number `matchKey` — the duplicate-number warning.
    public static func phoneOwners(matchKey: String, except: Int64?, access: ViewerAccess,
                                   on database: any Database) async throws -> [PhoneOwner] {
        let sql = CallDeskDatabase.sql(database)
        struct OwnerRow: Decodable { var id: Int64; var code: String?; var name: String; var owner_id: Int64? }
        let rows = try await sql.raw("""
            SELECT DISTINCT c.id, c.code, c.name, c.owner_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
            WHERE p.e164 = \(bind: matchKey) AND c.deleted_at IS NULL AND c.id <> \(bind: except ?? -1)
            ORDER BY c.id LIMIT 6
            """).all(decoding: OwnerRow.self)
        return rows.map { row in
            access.sees(ownerID: row.owner_id) ? PhoneOwner(id: row.id, code: row.code, name: row.name)
                                               : PhoneOwner(id: nil, code: nil, name: nil)
        }
    }
}
