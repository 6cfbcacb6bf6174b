import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Creating, completing and cancelling tasks and appointments from the web, each in one transaction.
public enum TaskChanges {
    /// A task as the form gives it, before it is checked.
    public struct Draft: Sendable, Equatable {
        public var type: String
        public var title: String
        /// A customer code (`KH000123`) or id; empty for none.
        public var customer: String
        public var assigneeID: Int64?
        /// Local date `YYYY-MM-DD` and time `HH:mm` in the company's time zone; the time may be empty.
        public var dueDate: String
        public var dueTime: String
        public var description: String

        public init(type: String, title: String, customer: String, assigneeID: Int64?, dueDate: String,
                    dueTime: String, description: String) {
            self.type = type
            self.title = title
            self.customer = customer
            self.assigneeID = assigneeID
            self.dueDate = dueDate
            self.dueTime = dueTime
            self.description = description
        }
    }

    /// Field → message (Vietnamese · English), as the form shows them.
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
    }

    /// A change that can't be made to this task as it is now.
    public enum Refusal: Error, Sendable, Equatable {
        /// No such task within the viewer's scope.
        case notFound
        /// Only open and in-progress tasks can be completed or cancelled; this one is `status`.
        case finished(TaskStatus)
    }

    /// Checks the draft and creates the task; answers its id. The assignee must be someone the viewer
    /// sees (or nobody, with the `all` scope); the customer must be one the viewer sees.
    public static func create(_ draft: Draft, createdBy viewerID: Int64, access: ViewerAccess, timeZone: TimeZone,
                              now: Date, on database: any Database) async throws -> Int64 {
        var problems: [String: String] = [:]
        let type = TaskType(rawValue: draft.type)
        if type == nil { problems["type"] = "Chọn loại công việc · Choose the kind of task" }
        let title = draft.title.trimmingCharacters(in: .whitespaces)
        if title.isEmpty { problems["title"] = "Nhập tiêu đề · Enter a title" }
        if title.count > 200 { problems["title"] = "Tiêu đề tối đa 200 ký tự · At most 200 characters" }
        if let assignee = draft.assigneeID, !access.people.contains(where: { $0.id == assignee && $0.active }) {
            problems["assignee"] = "Chỉ giao được cho người đang làm việc trong phạm vi của bạn"
                + " · You can only assign to active staff within your scope"
        } else if draft.assigneeID == nil, access.scope.scope != .all {
            problems["assignee"] = "Chọn người thực hiện · Choose who does it"
        }
        var due: Int64?
        let dateText = draft.dueDate.trimmingCharacters(in: .whitespaces)
        let timeText = draft.dueTime.trimmingCharacters(in: .whitespaces)
        if !dateText.isEmpty {
            if let date = LocalDate(dateText) {
                if let seconds = secondsOfDay(timeText) {
                    due = LocalCalendar.startOfDay(date, in: timeZone) + seconds * 1_000
                } else {
                    problems["due_time"] = "Giờ theo dạng HH:mm, ví dụ 09:30 · Time as HH:mm, e.g. 09:30"
                }
            } else {
                problems["due_date"] = "Ngày không hợp lệ · Not a date"
            }
        } else if !timeText.isEmpty {
            problems["due_date"] = "Chọn ngày cho giờ hẹn · Choose a date for this time"
        }
        if type == .appointment, due == nil, problems["due_date"] == nil, problems["due_time"] == nil {
            problems["due_date"] = "Lịch hẹn cần ngày giờ · An appointment needs a date and time"
        }
        if type == .appointment, dateText.isEmpty == false, timeText.isEmpty {
            problems["due_time"] = "Lịch hẹn cần giờ hẹn · An appointment needs a time"
        }
        let sql = CallDeskDatabase.sql(database)
        var customerID: Int64?
        let customer = draft.customer.trimmingCharacters(in: .whitespaces)
        if !customer.isEmpty {
            if let found = try await VisibleCustomer.find(customer, access: access, sql: sql) {
                customerID = found.id
            } else {
                problems["customer"] = "Không có khách hàng \"\(customer)\" trong phạm vi của bạn"
                    + " · No customer \"\(customer)\" within your scope"
            }
        }
        guard problems.isEmpty, let type else { throw Problems(fields: problems) }
        let (customerRef, dueAt) = (customerID, due)
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let notes = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
            let id = try await sql.insert(into: "tasks")
                .columns("external_id", "type", "title", "customer_id", "assignee_id", "created_by_id", "created_at",
                         "due_at", "status", "description")
                .values(SQLBind("web-" + UUID().uuidString.lowercased()), SQLBind(type.rawValue), SQLBind(title),
                        SQLBind(customerRef), SQLBind(draft.assigneeID), SQLBind(viewerID),
                        SQLBind(now.epochMilliseconds), SQLBind(dueAt), SQLBind(TaskStatus.open.rawValue),
                        SQLBind(notes.isEmpty ? nil : notes))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self)
            guard let id else { throw Problems(fields: ["title": "Không lưu được công việc · The task was not saved"]) }
            try await sql.update("tasks").set("code", to: SQLDialectSupport.paddedCode(prefix: "CV", on: sql))
                .where("id", .equal, SQLBind(id)).run()
            return id
        }
    }

    /// Marks an open task done (now) or cancelled. The task must be assigned to someone the viewer sees,
    /// or created by the viewer.
    /// How an open task ends.
    public enum Ending: Sendable {
        case done, cancelled
        var status: TaskStatus { self == .done ? .done : .cancelled }
    }

    public static func finish(_ id: Int64, as ending: Ending, viewerID: Int64, access: ViewerAccess, now: Date,
                              on database: any Database) async throws {
        let status = ending.status
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            struct Found: Decodable { var assignee_id: Int64?; var created_by_id: Int64?; var status: String }
            guard let found = try await sql.raw("SELECT assignee_id, created_by_id, status FROM tasks WHERE id = \(bind: id)")
                .first(decoding: Found.self),
                access.sees(ownerID: found.assignee_id) || found.created_by_id == viewerID
            else { throw Refusal.notFound }
            let current = TaskStatus(rawValue: found.status) ?? .open
            guard current == .open || current == .inProgress else { throw Refusal.finished(current) }
            // The status in the WHERE too: of two people finishing it at once, one changes it.
            let changed = try await sql.raw("""
                UPDATE tasks SET status = \(bind: status.rawValue),
                       completed_at = \(bind: status == .done ? now.epochMilliseconds : nil as Int64?)
                WHERE id = \(bind: id) AND status IN ('open', 'in_progress') RETURNING id
                """).all()
            if changed.isEmpty { throw Refusal.finished(status) }
        }
    }

    /// `HH:mm` (or empty: the start of the day) → seconds after midnight.
    static func secondsOfDay(_ text: String) -> Int64? {
        if text.isEmpty { return 0 }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = Int64(parts[0]), let m = Int64(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m), parts[0].count <= 2, parts[1].count == 2 else { return nil }
        return h * 3_600 + m * 60
    }
}
