import CallDeskCore
import FluentKit
import FluentSQLiteDriver
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
    /// `settings`, when the caller has just read them, spare a query.
    public static func ingest(_ items: [(call: CallRecord, connection: PBXConnection)], settings: CompanySettings? = nil,
                              on database: any Database) async throws -> [Stored] {
        try await write(prepare(items, settings: settings, on: database), on: database)
    }

    /// Calls read and attributed, ready to be written: what ``prepare(_:settings:on:)`` makes of pushed calls
    /// and ``write(_:on:)`` stores. Splitting the two lets ``CallWriter`` read the next group (on another
    /// connection) while the last one commits.
    public struct Prepared: Sendable {
        fileprivate var items: [(provider: String, id: String)]
        fileprivate var outcomes: [Stored]
        /// In key order (see ``write(_:on:)``).
        fileprivate var rows: [Row]
        /// Each connection of the calls with the "last call received" it was read with.
        fileprivate var lastCalls: [Int64: Int64]

        public var isEmpty: Bool { rows.isEmpty }
    }

    /// Attributes each call (R13: extension → user, e-mail → user; the remote number normalised) with reads
    /// only; an unknown `user_email` is refused here, before anything is written.
    public static func prepare(_ items: [(call: CallRecord, connection: PBXConnection)], settings: CompanySettings? = nil,
                               on database: any Database) async throws -> Prepared {
        guard !items.isEmpty else { return Prepared(items: [], outcomes: [], rows: [], lastCalls: [:]) }
        let lookup = CallDeskDatabase.sql(database)
        let region: String
        if let settings { region = settings.phoneRegion } else { region = try await CompanySettingsStore.load(lookup).phoneRegion }
        let users = try await userIDs(for: items, sql: lookup)
        var rows: [Row] = []
        var outcomes: [Stored] = []
        var lastCalls: [Int64: Int64] = [:]
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
            rows.append(Row(provider: connection.code, pbxCallID: call.id, direction: call.direction.rawValue,
                            extension: call.extension, userID: user, remoteRaw: call.remoteNumber, remoteE164: key,
                            startedAt: call.startedAt.epochMilliseconds, answeredAt: call.answeredAt?.epochMilliseconds,
                            endedAt: call.endedAt?.epochMilliseconds, totalSeconds: call.totalSeconds.map { Int64($0) },
                            talkSeconds: Int64(call.talkSeconds), result: call.result?.rawValue,
                            recordingURL: call.recordingURL))
            lastCalls[connection.id] = connection.lastCallAt?.epochMilliseconds ?? 0
        }
        // Rows in key order: two transactions inserting overlapping calls (several server processes, or a
        // replay in another order) then take the unique index's locks in the same order and cannot deadlock
        // (PostgreSQL aborts one of them otherwise).
        let finalRows = items.indices
            .sorted { (items[$0].connection.code, items[$0].call.id) < (items[$1].connection.code, items[$1].call.id) }
            .map { rows[$0] }
        return Prepared(items: items.map { ($0.connection.code, $0.call.id) }, outcomes: outcomes, rows: finalRows,
                        lastCalls: lastCalls)
    }

    /// Writes prepared calls all or none — as one INSERT when they fit one (every group and batch does), else in
    /// one transaction whose first statement is the insert (see ``SQLDialectSupport/writeTransaction(_:_:)``);
    /// answers each call's fate, in order.
    public static func write(_ prepared: Prepared, on database: any Database) async throws -> [Stored] {
        guard !prepared.isEmpty else { return [] }
        // "Last call received" of the settings page and `pbx list`, to the second: a connection whose stamp
        // (as read with it, at most a group ago) is under a second old is not stamped again. Under load that
        // spares concurrent PostgreSQL transactions from queueing for the connection's row lock.
        let now = Date().epochMilliseconds
        let stamp = prepared.lastCalls.filter { $0.value <= now - 1_000 }.map(\.key).sorted()
        let created: Set<Key>
        if prepared.rows.count <= rowsPerStatement(on: CallDeskDatabase.sql(database)) {
            // One INSERT statement is atomic on its own: no BEGIN and COMMIT round trips (on SQLite each is a
            // trip to its thread pool and back — most of a small group's time under load).
            created = try await database.withConnection { connection in
                try await insert(prepared.rows, stamping: stamp, at: now, sql: CallDeskDatabase.sql(connection),
                                 logger: database.logger)
            }
        } else {
            created = try await SQLDialectSupport.writeTransaction(database) { transaction in
                try await insert(prepared.rows, stamping: stamp, at: now, sql: CallDeskDatabase.sql(transaction),
                                 logger: database.logger)
            }
        }
        // The first of a batch's copies is the one stored.
        var outcomes = prepared.outcomes
        var unclaimed = created
        for index in outcomes.indices
        where unclaimed.remove(Key(provider: prepared.items[index].provider, id: prepared.items[index].id)) != nil {
            outcomes[index].status = .created
        }
        return outcomes
    }

    /// One row of `calls`, in the order of ``Row/columns``.
    fileprivate struct Row {
        static let columns = ["provider", "pbx_call_id", "direction", "extension", "user_id", "remote_raw", "remote_e164",
                              "started_at", "answered_at", "ended_at", "total_seconds", "talk_seconds", "result",
                              "recording_url"]
        var provider: String
        var pbxCallID: String
        var direction: String
        var `extension`: String?
        var userID: Int64?
        var remoteRaw: String
        var remoteE164: String?
        var startedAt: Int64
        var answeredAt: Int64?
        var endedAt: Int64?
        var totalSeconds: Int64?
        var talkSeconds: Int64
        var result: String?
        var recordingURL: String?

        /// The row's values for SQLite, in column order.
        var sqlite: [SQLiteData] {
            func text(_ value: String?) -> SQLiteData { value.map(SQLiteData.text) ?? .null }
            func number(_ value: Int64?) -> SQLiteData { value.map { .integer(Int($0)) } ?? .null }
            return [.text(provider), .text(pbxCallID), .text(direction), text(`extension`), number(userID),
                    .text(remoteRaw), text(remoteE164), number(startedAt), number(answeredAt), number(endedAt),
                    number(totalSeconds), number(talkSeconds), text(result), text(recordingURL)]
        }

        /// The row as a JSON object keyed by column (absent values left out: they read as NULL).
        var json: JSONValue {
            var fields: [(String, JSONValue)] = [("provider", .string(provider)), ("pbx_call_id", .string(pbxCallID)),
                                                 ("direction", .string(direction)), ("remote_raw", .string(remoteRaw)),
                                                 ("started_at", .int(startedAt)), ("talk_seconds", .int(talkSeconds))]
            if let `extension` { fields.append(("extension", .string(`extension`))) }
            if let userID { fields.append(("user_id", .int(userID))) }
            if let remoteE164 { fields.append(("remote_e164", .string(remoteE164))) }
            if let answeredAt { fields.append(("answered_at", .int(answeredAt))) }
            if let endedAt { fields.append(("ended_at", .int(endedAt))) }
            if let totalSeconds { fields.append(("total_seconds", .int(totalSeconds))) }
            if let result { fields.append(("result", .string(result))) }
            if let recordingURL { fields.append(("recording_url", .string(recordingURL))) }
            return .object(fields)
        }

        /// Each column's PostgreSQL type, for `json_to_recordset`.
        static let postgresTypes = ["text", "text", "text", "text", "bigint", "text", "text", "bigint", "bigint", "bigint",
                                    "bigint", "bigint", "text", "text"]
    }

    /// How many rows one INSERT takes: SQLite's within its bind limit, PostgreSQL's all (one JSON parameter).
    private static func rowsPerStatement(on sql: any SQLDatabase) -> Int {
        SQLDialectSupport.kind(of: sql) == .postgres ? .max : max(1, SQLDialectSupport.maxBinds(on: sql) / Row.columns.count)
    }

    /// Inserts the rows that are new (a repeat of a stored call is skipped by the unique index), stamps the
    /// connections' "last call received" with `now`, and answers the keys of the rows inserted. Neither way
    /// goes through SQLKit's per-value `Encodable` binds (about a sixth of a SQLite batch's CPU).
    /// SQLite: multi-row `INSERT … VALUES` with the driver's own values, within its bind limit; the stamp is
    /// a statement of its own after them (outside a transaction, it is not worth failing stored calls for).
    /// PostgreSQL: one statement — the rows as one JSON document unpacked by the server with
    /// `json_to_recordset` (one parameter instead of 14 per call: parsing and planning a statement of 14,000
    /// parameters was most of a batch's time; each object read once, where `->>` on `json_array_elements`
    /// re-read every element for each column: 18 % of the database's time), the stamp in a `WITH` of the same
    /// statement.
    private static func insert(_ rows: [Row], stamping stamp: [Int64], at now: Int64, sql: any SQLDatabase,
                               logger: Logger) async throws -> Set<Key> {
        let columns = Row.columns.joined(separator: ", ")
        let conflict = "ON CONFLICT (provider, pbx_call_id) DO NOTHING RETURNING provider, pbx_call_id"
        var created = Set<Key>()
        if let sqlite = sql as? any SQLiteDatabase {
            let perStatement = rowsPerStatement(on: sql)
            let placeholders = "(" + Array(repeating: "?", count: Row.columns.count).joined(separator: ", ") + ")"
            for start in stride(from: 0, to: rows.count, by: perStatement) {
                let slice = rows[start..<min(rows.count, start + perStatement)]
                var binds: [SQLiteData] = []
                binds.reserveCapacity(slice.count * Row.columns.count)
                for row in slice { binds += row.sqlite }
                let values = Array(repeating: placeholders, count: slice.count).joined(separator: ", ")
                let inserted = try await SQLDialectSupport.waitingIfBusy(sql) {
                    try await sqlite.query("INSERT INTO calls (\(columns)) VALUES \(values) \(conflict)", binds)
                }
                for row in inserted {
                    guard let provider = row.column("provider")?.string, let id = row.column("pbx_call_id")?.string else {
                        continue
                    }
                    created.insert(Key(provider: provider, id: id))
                }
            }
            if !stamp.isEmpty {
                do {
                    try await SQLDialectSupport.waitingIfBusy(sql) {
                        try await sql.update("pbx_connections").set("last_call_at", to: SQLBind(now))
                            .where("id", .in, SQLBind.group(stamp)).run()
                    }
                } catch {
                    logger.warning("calls stored, but their connections' last-call time was not: \(String(reflecting: error))")
                }
            }
            return created
        }
        let document = JSONValue.array(rows.map(\.json)).serialized()
        let record = zip(Row.columns, Row.postgresTypes).map { "\($0) \($1)" }.joined(separator: ", ")
        // A data-modifying WITH runs whether or not the statement reads it.
        let stamping: any SQLExpression = stamp.isEmpty ? SQLRaw("") : SQLQueryString("""
            WITH stamp AS (UPDATE pbx_connections SET last_call_at = \(bind: now) WHERE id IN (\(binds: stamp)))
            """)
        for row in try await sql.raw("""
            \(stamping)
            INSERT INTO calls (\(unsafeRaw: columns))
            SELECT \(unsafeRaw: columns) FROM json_to_recordset(\(bind: document)::json) AS r(\(unsafeRaw: record))
            \(unsafeRaw: conflict)
            """).all() {
            created.insert(Key(provider: try row.decode(column: "provider", as: String.self),
                               id: try row.decode(column: "pbx_call_id", as: String.self)))
        }
        return created
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
