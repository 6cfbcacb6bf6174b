import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// The call log (`/calls`): every stored call, newest first, with filters, inside the viewer's scope —
/// a call belongs to the staff member its extension resolved to (R13); calls that resolved to nobody
/// are seen only with the `all` scope. A call is *matched* when its normalised remote number is a
/// phone of a (not deleted) customer, decided at query time like the report does; internal calls are
/// never matched and never listed as unmatched.
///
/// Pages are read with one row more than asked, so there is no `COUNT(*)` over millions of calls: the
/// list knows whether a next page exists, not how many pages there are.
public enum CallLog {
    public enum StaffFilter: Sendable, Equatable {
        case any
        case user(Int64)
        /// Calls from extensions that belong to nobody (only with the `all` scope).
        case nobody
    }

    public enum Matching: String, Sendable, CaseIterable {
        case any = "", matched, unmatched
    }

    public enum Outcome: String, Sendable, CaseIterable {
        case any = "", answered, unanswered
    }

    public struct Query: Sendable, Equatable {
        public var staff: StaffFilter
        public var direction: CallDirection?
        public var outcome: Outcome
        public var matching: Matching
        /// Local days in the company's time zone, both ends included.
        public var days: LocalDateRange?
        public var page: Int
        public var perPage: Int

        public init(staff: StaffFilter = .any, direction: CallDirection? = nil, outcome: Outcome = .any,
                    matching: Matching = .any, days: LocalDateRange? = nil, page: Int = 1, perPage: Int = 50) {
            self.staff = staff
            self.direction = direction
            self.outcome = outcome
            self.matching = matching
            self.days = days
            self.page = max(page, 1)
            self.perPage = min(max(perPage, 1), 200)
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: Int64
        public var startedAt: Date
        public var direction: CallDirection
        public var extensionNumber: String?
        public var staffName: String?
        /// The remote number as the PBX sent it.
        public var remote: String
        public var talkSeconds: Int64
        public var totalSeconds: Int64?
        public var result: String?
        public var recordingURL: String?
        /// The first matching customer (by id) and how many customers have the number.
        public var customerID: Int64?
        public var customerName: String?
        public var customerCount: Int
    }

    public typealias Page = ListPage<Item>

    public static func page(_ query: Query, access: ViewerAccess, timeZone: TimeZone,
                            on database: any Database) async throws -> Page {
        let sql = CallDeskDatabase.sql(database)
        struct Row: Decodable {
            var id: Int64; var started_at: Int64; var direction: String; var `extension`: String?
            var staff_name: String?; var remote_raw: String; var remote_e164: String?; var talk_seconds: Int64
            var total_seconds: Int64?; var result: String?; var recording_url: String?
        }
        let rows = try await sql.raw("""
            SELECT c.id, c.started_at, c.direction, c.extension, u.name AS staff_name, c.remote_raw, c.remote_e164,
                   c.talk_seconds, c.total_seconds, c.result, c.recording_url
            FROM calls c LEFT JOIN users u ON u.id = c.user_id
            WHERE \(conditions(query, access: access, timeZone: timeZone))
            ORDER BY c.started_at DESC, c.id DESC
            LIMIT \(bind: query.perPage + 1) OFFSET \(bind: (query.page - 1) * query.perPage)
            """).all(decoding: Row.self)
        let shown = rows.prefix(query.perPage)
        let customers = try await customersByNumber(Set(shown.compactMap(\.remote_e164)), sql: sql)
        let items = shown.map { row in
            let found = row.direction == CallDirection.internal.rawValue ? nil : row.remote_e164.flatMap { customers[$0] }
            return Item(id: row.id, startedAt: Date(epochMilliseconds: row.started_at),
                        direction: CallDirection(rawValue: row.direction) ?? .outbound, extensionNumber: row.`extension`,
                        staffName: row.staff_name, remote: row.remote_raw, talkSeconds: row.talk_seconds,
                        totalSeconds: row.total_seconds, result: row.result, recordingURL: row.recording_url,
                        customerID: found?.id, customerName: found?.name, customerCount: found?.count ?? 0)
        }
        return Page(page: query.page, perPage: query.perPage, items: items, hasNext: rows.count > query.perPage)
    }

    /// A customer's number, as the matching decides it: a live customer has it.
    static let matches: SQLQueryString = """
        EXISTS (SELECT 1 FROM customer_phones p JOIN customers m ON m.id = p.customer_id AND m.deleted_at IS NULL
                WHERE p.e164 = c.remote_e164)
        """

    /// The WHERE clause. Every value is bound; scope ids come from the database.
    static func conditions(_ query: Query, access: ViewerAccess, timeZone: TimeZone) -> SQLQueryString {
        var text: SQLQueryString = "1 = 1"
        text += access.sqlRestriction("c.user_id")
        switch query.staff {
        case .any: break
        case .user(let id): text += " AND c.user_id = \(bind: id)"
        case .nobody: text += " AND c.user_id IS NULL"
        }
        if let direction = query.direction { text += " AND c.direction = \(bind: direction.rawValue)" }
        switch query.outcome {
        case .any: break
        case .answered: text += " AND c.talk_seconds > 0"
        case .unanswered: text += " AND c.talk_seconds <= 0"
        }
        if let days = query.days {
            let (start, end) = days.instants(in: timeZone)
            text += " AND c.started_at >= \(bind: start) AND c.started_at < \(bind: end)"
        }
        switch query.matching {
        case .any: break
        case .matched: text += " AND c.direction <> 'internal' AND \(matches)"
        case .unmatched:
            text += " AND c.direction <> 'internal' AND (c.remote_e164 IS NULL OR NOT \(matches))"
        }
        return text
    }

    /// For each number, its first live customer (by id) and how many live customers have it.
    static func customersByNumber(_ keys: Set<String>, sql: any SQLDatabase) async throws
        -> [String: (id: Int64, name: String, count: Int)] {
        guard !keys.isEmpty else { return [:] }
        struct Row: Decodable { var e164: String; var id: Int64; var name: String }
        let rows = try await sql.raw("""
            SELECT p.e164, m.id, m.name FROM customer_phones p JOIN customers m ON m.id = p.customer_id
            WHERE m.deleted_at IS NULL AND p.e164 IN (\(binds: keys.sorted()))
            ORDER BY p.e164, m.id
            """).all(decoding: Row.self)
        var result: [String: (id: Int64, name: String, count: Int)] = [:]
        var seen: [String: Set<Int64>] = [:]
        for row in rows where seen[row.e164, default: []].insert(row.id).inserted {
            if let first = result[row.e164] {
                result[row.e164] = (first.id, first.name, first.count + 1)
            } else {
                result[row.e164] = (row.id, row.name, 1)
            }
        }
        return result
    }
}
