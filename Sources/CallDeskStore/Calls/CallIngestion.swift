import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Stores pushed calls exactly once (issue "Calls from real phone systems"): (provider code, PBX call id)
/// is unique in the database and a repeat is skipped by the insert itself (`ON CONFLICT DO NOTHING`), so
/// replays, retries and concurrent duplicates store one row and the later ones are answered `duplicate`.
/// A batch is one transaction: all of it is stored or none; the caller acknowledges only after this returns.
public enum CallIngestion {
    public enum Status: String, Sendable, Equatable {
        case created, duplicate
    }

    public struct Stored: Sendable, Equatable {
        public var pbxCallID: String
        public var status: Status
        /// The user the extension resolved to (R13), nil when it matches nobody.
        public var userID: Int64?
        /// The normalised remote number (nil for internal calls and numbers that can't be normalised).
        public var remoteKey: String?
    }

    /// A call that names something that doesn't exist (an unknown `user_email`).
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var index: Int
        public var field: String
        public var message: String
        public var description: String { "calls[\(index)].\(field): \(message)" }
    }

    /// Stores `calls` for `connection` in one transaction; answers each call's fate, in order.
    public static func ingest(_ calls: [CallRecord], connection: PBXConnection,
                              on database: any Database) async throws -> [Stored] {
        try await ingest(calls.map { ($0, connection) }, on: database)
    }

    /// Stores calls of one or several connections in one transaction (the group commit of ``CallWriter``);
    /// answers each call's fate, in order.
    public static func ingest(_ items: [(call: CallRecord, connection: PBXConnection)],
                              on database: any Database) async throws -> [Stored] {
        guard !items.isEmpty else { return [] }
        // Lookups first, outside the transaction, so that its first statement is a write (see
        // ``SQLDialectSupport/writeTransaction(_:_:)``).
        let lookup = CallDeskDatabase.sql(database)
        let region = try await CompanySettingsStore.load(lookup).phoneRegion
        let users = try await userIDs(for: items, sql: lookup)
        var rows: [[any SQLExpression]] = []
        var outcomes: [Stored] = []
        for (index, (call, connection)) in items.enumerated() {
            var user: Int64?
            if let email = call.userEmail {
                guard let id = users.byEmail[email.lowercased()] else {
                    throw Invalid(index: index, field: "user_email", message: "\(email) is not a CallDesk user")
                }
                user = id
            } else if let number = call.extension {
                // The provider the payload names (Getfly's provider_code), else the connection's code.
                let provider = call.provider.isEmpty ? connection.code : call.provider.uppercased()
                user = users.byExtension[provider]?[number] ?? users.byExtension[""]?[number]
            }
            // Internal calls are stored but never matched to customers.
            let key = call.direction == .internal ? nil : PhoneNumbers.matchKey(call.remoteNumber, region: region)
            outcomes.append(Stored(pbxCallID: call.id, status: .duplicate, userID: user, remoteKey: key))
            rows.append([any SQLExpression].binds(
                connection.code, call.id, call.direction.rawValue, call.extension, user, call.remoteNumber, key,
                call.startedAt.epochMilliseconds, call.answeredAt?.epochMilliseconds,
                call.endedAt?.epochMilliseconds, call.totalSeconds.map { Int64($0) }, Int64(call.talkSeconds),
                call.result?.rawValue, call.recordingURL))
        }
        // Rows in key order: two transactions inserting overlapping calls (several server processes, or a
        // replay in another order) then take the unique index's locks in the same order and cannot deadlock
        // (PostgreSQL aborts one of them otherwise).
        let finalRows = items.indices
            .sorted { (items[$0].connection.code, items[$0].call.id) < (items[$1].connection.code, items[$1].call.id) }
            .map { rows[$0] }
        let connections = Set(items.map(\.connection.id))
        let created = try await SQLDialectSupport.writeTransaction(database) { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            var created = Set<Key>()
            let perStatement = max(1, SQLDialectSupport.maxBinds(on: sql) / 14)
            for start in stride(from: 0, to: finalRows.count, by: perStatement) {
                let slice = finalRows[start..<min(finalRows.count, start + perStatement)]
                let inserted = try await sql.insert(into: "calls")
                    .columns("provider", "pbx_call_id", "direction", "extension", "user_id", "remote_raw", "remote_e164",
                             "started_at", "answered_at", "ended_at", "total_seconds", "talk_seconds", "result",
                             "recording_url")
                    .rows(Array(slice))
                    .ignoringConflicts(with: ["provider", "pbx_call_id"])
                    .returning("provider", "pbx_call_id")
                    .all()
                for row in inserted {
                    created.insert(Key(provider: try row.decode(column: "provider", as: String.self),
                                       id: try row.decode(column: "pbx_call_id", as: String.self)))
                }
            }
            try await sql.update("pbx_connections").set("last_call_at", to: SQLBind(Date().epochMilliseconds))
                .where("id", .in, SQLBind.group(Array(connections))).run()
            return created
        }
        // The first of a batch's copies is the one stored.
        var unclaimed = created
        for index in outcomes.indices
        where unclaimed.remove(Key(provider: items[index].connection.code, id: outcomes[index].pbxCallID)) != nil {
            outcomes[index].status = .created
        }
        return outcomes
    }

    private struct Key: Hashable, Sendable {
        var provider: String
        var id: String
    }

    private struct Users {
        var byEmail: [String: Int64] = [:]
        /// Provider code ('' = untagged) → extension → user.
        var byExtension: [String: [String: Int64]] = [:]
    }

    /// R13: an extension tagged with the call's connection code wins over an untagged one; either resolves.
    private static func userIDs(for items: [(call: CallRecord, connection: PBXConnection)],
                                sql: any SQLDatabase) async throws -> Users {
        var users = Users()
        let emails = Set(items.compactMap { $0.call.userEmail?.lowercased() })
        if !emails.isEmpty {
            for row in try await sql.raw("""
                SELECT id, email_key FROM users WHERE email_key IN (\(binds: Array(emails)))
                """).all() {
                users.byEmail[try row.decode(column: "email_key", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
        }
        let numbers = Set(items.compactMap(\.call.extension))
        guard !numbers.isEmpty else { return users }
        for row in try await sql.raw("""
            SELECT user_id, number, provider_code FROM user_extensions WHERE number IN (\(binds: Array(numbers)))
            """).all() {
            let number = try row.decode(column: "number", as: String.self)
            let provider = try row.decode(column: "provider_code", as: String.self).uppercased()
            users.byExtension[provider, default: [:]][number] = try row.decode(column: "user_id", as: Int64.self)
        }
        return users
    }
}
