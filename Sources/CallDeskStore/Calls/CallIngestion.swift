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
        guard !calls.isEmpty else { return [] }
        // Lookups first, outside the transaction, so that its first statement is a write (see
        // ``SQLDialectSupport/writeTransaction(_:_:)``).
        let lookup = CallDeskDatabase.sql(database)
        let region = try await CompanySettingsStore.load(lookup).phoneRegion
        let users = try await userIDs(for: calls, code: connection.code, sql: lookup)
        return try await SQLDialectSupport.writeTransaction(database) { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            var rows: [[any SQLExpression]] = []
            var outcomes: [Stored] = []
            for (index, call) in calls.enumerated() {
                var user: Int64?
                if let email = call.userEmail {
                    guard let id = users.byEmail[email.lowercased()] else {
                        throw Invalid(index: index, field: "user_email", message: "\(email) is not a CallDesk user")
                    }
                    user = id
                } else if let number = call.extension {
                    user = users.byExtension[number]
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
            var created = Set<String>()
            let perStatement = max(1, SQLDialectSupport.maxBinds(on: sql) / 14)
            for start in stride(from: 0, to: rows.count, by: perStatement) {
                let slice = rows[start..<min(rows.count, start + perStatement)]
                let inserted = try await sql.insert(into: "calls")
                    .columns("provider", "pbx_call_id", "direction", "extension", "user_id", "remote_raw", "remote_e164",
                             "started_at", "answered_at", "ended_at", "total_seconds", "talk_seconds", "result",
                             "recording_url")
                    .rows(Array(slice))
                    .ignoringConflicts(with: ["provider", "pbx_call_id"])
                    .returning("pbx_call_id")
                    .all(decodingColumn: "pbx_call_id", as: String.self)
                created.formUnion(inserted)
            }
            // The first of a batch's copies is the one stored.
            for index in outcomes.indices where created.remove(outcomes[index].pbxCallID) != nil {
                outcomes[index].status = .created
            }
            try await sql.update("pbx_connections").set("last_call_at", to: SQLBind(Date().epochMilliseconds))
                .where("id", .equal, SQLBind(connection.id)).run()
            return outcomes
        }
    }

    private struct Users {
        var byEmail: [String: Int64] = [:]
        var byExtension: [String: Int64] = [:]
    }

    /// R13: an extension tagged with this connection's code wins over an untagged one; either resolves.
    private static func userIDs(for calls: [CallRecord], code: String, sql: any SQLDatabase) async throws -> Users {
        var users = Users()
        let emails = Set(calls.compactMap { $0.userEmail?.lowercased() })
        if !emails.isEmpty {
            for row in try await sql.raw("""
                SELECT id, email_key FROM users WHERE email_key IN (\(binds: Array(emails)))
                """).all() {
                users.byEmail[try row.decode(column: "email_key", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
        }
        let numbers = Set(calls.compactMap(\.extension))
        guard !numbers.isEmpty else { return users }
        var tagged: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT user_id, number, provider_code FROM user_extensions WHERE number IN (\(binds: Array(numbers)))
            """).all() {
            let number = try row.decode(column: "number", as: String.self)
            let provider = try row.decode(column: "provider_code", as: String.self)
            let user = try row.decode(column: "user_id", as: Int64.self)
            if provider.isEmpty {
                users.byExtension[number] = users.byExtension[number] ?? user
            } else if provider.uppercased() == code {
                tagged[number] = user
            }
        }
        users.byExtension.merge(tagged) { _, tagged in tagged }
        return users
    }
}
