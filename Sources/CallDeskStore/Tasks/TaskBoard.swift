import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Tasks and appointments (`/tasks`): my tasks and my team's, and the week's appointments, inside the
/// viewer's scope — a task belongs to its assignee; unassigned tasks are seen only with the `all` scope.
/// Lists read one row more than a page instead of counting, like the call log.
public enum TaskBoard {
    public enum Who: Sendable, Equatable {
        case mine
        /// Everyone in the viewer's scope.
        case team
        case user(Int64)
    }

    public enum State: String, Sendable, CaseIterable {
        /// Open or in progress, whatever the due date.
        case open = ""
        /// Open or in progress and due before now.
        case overdue
        case done, cancelled
        case all
    }

    public enum Kind: String, Sendable, CaseIterable {
        case all = "", appointments, others
    }

    public struct Query: Sendable, Equatable {
        public var who: Who
        public var state: State
        public var kind: Kind
        public var page: Int
        public var perPage: Int

        public init(who: Who = .mine, state: State = .open, kind: Kind = .all, page: Int = 1, perPage: Int = 50) {
            self.who = who
            self.state = state
            self.kind = kind
            self.page = max(page, 1)
            self.perPage = min(max(perPage, 1), 200)
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: Int64
        public var code: String?
        public var type: TaskType
        public var title: String
        public var customerID: Int64?
        public var customerName: String?
        public var assigneeID: Int64?
        public var assigneeName: String?
        public var dueAt: Date?
        public var status: TaskStatus
        public var completedAt: Date?
    }

    public typealias Page = ListPage<Item>

    struct Row: Decodable {
        var id: Int64; var code: String?; var type: String; var title: String; var customer_id: Int64?
        var customer_name: String?; var assignee_id: Int64?; var assignee_name: String?; var due_at: Int64?
        var status: String; var completed_at: Int64?

        var item: Item {
            Item(id: id, code: code, type: TaskType(rawValue: type) ?? .other, title: title, customerID: customer_id,
                 customerName: customer_name, assigneeID: assignee_id, assigneeName: assignee_name,
                 dueAt: due_at.map(Date.init(epochMilliseconds:)), status: TaskStatus(rawValue: status) ?? .open,
                 completedAt: completed_at.map(Date.init(epochMilliseconds:)))
        }
    }

    static let columns = columns(index: nil)

    /// The list's columns and joins; `index` names an index SQLite must read the tasks by.
    static func columns(index: String?) -> SQLQueryString {
        """
        t.id, t.code, t.type, t.title, t.customer_id, c.name AS customer_name, t.assignee_id,
        u.name AS assignee_name, t.due_at, t.status, t.completed_at
        FROM tasks t \(unsafeRaw: index.map { "INDEXED BY " + $0 } ?? "") LEFT JOIN customers c ON c.id = t.customer_id
        LEFT JOIN users u ON u.id = t.assignee_id
        """
    }

    public static func page(_ query: Query, viewerID: Int64, access: ViewerAccess, now: Date,
                            on database: any Database) async throws -> Page {
        var filter = scope(query.who, viewerID: viewerID, access: access)
        let open: SQLQueryString = "t.status IN ('open', 'in_progress')"
        let order: SQLQueryString
        switch query.state {
        case .open:
            filter += " AND \(open)"
            // Nulls last, written as the partial index `tasks_open_due` is (CreateOpenTasksIndex), so the list is
            // read in index order.
            order = "COALESCE(t.due_at, 9223372036854775807), t.id"
        case .overdue:
            filter += " AND \(open) AND t.due_at < \(bind: now.epochMilliseconds)"
            order = "t.due_at, t.id"
        case .done:
            filter += " AND t.status = 'done'"
            order = "t.completed_at DESC, t.id DESC"
        case .cancelled:
            filter += " AND t.status = 'cancelled'"
            order = "t.created_at DESC, t.id DESC"
        case .all:
            order = "t.created_at DESC, t.id DESC"
        }
        switch query.kind {
        case .all: break
        case .appointments: filter += " AND t.type = 'appointment'"
        case .others: filter += " AND t.type <> 'appointment'"
        }
        let sql = CallDeskDatabase.sql(database)
        // SQLite's planner (the version linked in) prefers `tasks_status_due` and sorts every open (or done) task;
        // the partial indexes of CreateOpenTasksIndex read them in order. PostgreSQL chooses them by itself.
        var from = columns
        if SQLDialectSupport.kind(of: sql) == .sqlite {
            switch query.state {
            case .open: from = columns(index: "tasks_open_due")
            case .done: from = columns(index: "tasks_done_completed")
            default: break
            }
        }
        let rows = try await sql.raw("""
            SELECT \(from) WHERE \(filter) ORDER BY \(order)
            LIMIT \(bind: query.perPage + 1) OFFSET \(bind: (query.page - 1) * query.perPage)
            """).all(decoding: Row.self)
        return Page(page: query.page, perPage: query.perPage, rows: rows.map(\.item))
    }

    /// Appointments (not cancelled) due in `days`, earliest first: the agenda.
    public static func agenda(_ days: LocalDateRange, who: Who, viewerID: Int64, access: ViewerAccess,
                              timeZone: TimeZone, on database: any Database) async throws -> [Item] {
        let (start, end) = days.instants(in: timeZone)
        let filter = scope(who, viewerID: viewerID, access: access)
        return try await CallDeskDatabase.sql(database).raw("""
            SELECT \(columns) WHERE \(filter) AND t.type = 'appointment' AND t.status <> 'cancelled'
              AND t.due_at >= \(bind: start) AND t.due_at < \(bind: end)
            ORDER BY t.due_at, t.id LIMIT 2000
            """).all(decoding: Row.self).map(\.item)
    }

    /// Whose tasks: scope ids come from the database, written as integers.
    static func scope(_ who: Who, viewerID: Int64, access: ViewerAccess) -> SQLQueryString {
        var text: SQLQueryString = "1 = 1"
        text += access.sqlRestriction("t.assignee_id")
        switch who {
        case .mine: text += " AND t.assignee_id = \(bind: viewerID)"
        case .team: break
        case .user(let id): text += " AND t.assignee_id = \(bind: id)"
        }
        return text
    }
}
