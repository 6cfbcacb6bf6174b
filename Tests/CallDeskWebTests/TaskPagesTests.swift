import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// `/tasks`: my tasks and my team's, the week's appointments, create, complete, cancel — in scope.
@Suite("Web: tasks and appointments")
struct TaskPagesTests {
    private func rows(_ html: String) -> Int {
        html.components(separatedBy: #"<tr class="task">"#).count - 1
    }

    private func taskID(_ title: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM tasks WHERE title = \(bind: title)")
            .first(decodingColumn: "id", as: Int64.self)!
    }

    private func status(_ id: Int64, _ app: Application) async throws -> String? {
        try await CallDeskDatabase.sql(app.db).raw("SELECT status FROM tasks WHERE id = \(bind: id)")
            .first(decodingColumn: "status", as: String.self)
    }

    @Test("a salesperson adds a task for a customer, sees it in their list, completes it once")
    func createAndComplete() async throws {
        try await withWebCompany { app, ids in
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(rows(try await an.get("/tasks").body.string) == 0, "An's only task (T1) is done")
            let lan = try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM customers WHERE code = 'KH000001'")
                .first(decodingColumn: "id", as: Int64.self)!
            #expect(try await an.get("/customers/\(lan)").body.string.contains("/tasks/new?type=appointment&amp;customer=KH000001"),
                    "the customer page's quick action books an appointment for them")
            let form = try await an.get("/tasks/new?type=appointment&customer=KH000001")
            #expect(form.body.string.contains(#"value="KH000001""#))
            let created = try await an.post("/tasks", [
                ("type", "call"), ("title", "Gọi lại gửi báo giá"), ("customer", "KH000001"),
                ("assignee", "user:\(ids["an@example.vn"]!)"), ("due_date", "2026-12-01"), ("due_time", "09:30"),
            ])
            #expect(created.status == .seeOther && created.location == "/tasks?done=created")
            let list = try await an.get("/tasks?done=created").body.string
            #expect(rows(list) == 1 && list.contains("Gọi lại gửi báo giá") && list.contains("Nguyễn Thị Lan"))
            #expect(list.contains("01/12/2026 09:30") && list.contains("Đã thêm công việc"))
            let id = try await taskID("Gọi lại gửi báo giá", app)
            let due = try await CallDeskDatabase.sql(app.db).raw("SELECT due_at, code FROM tasks WHERE id = \(bind: id)").first()
            #expect(try due?.decode(column: "due_at", as: Int64.self) == 1_796_092_200_000, "09:30 in Hà Nội is 02:30 UTC")
            #expect(try due?.decode(column: "code", as: String.self).hasPrefix("CV") == true)

            let done = try await an.post("/tasks/\(id)/complete", [("back", "")])
            #expect(done.status == .seeOther)
            #expect(try await status(id, app) == "done")
            #expect(rows(try await an.get("/tasks").body.string) == 0)
            #expect(try await an.get("/tasks?state=done").body.string.contains("Gọi lại gửi báo giá"))
            let again = try await an.post("/tasks/\(id)/cancel", [("back", "state=done")])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("Công việc này đã hoàn thành"))
            #expect(try await status(id, app) == "done")
        }
    }

    @Test("scope: a colleague's task is invisible and can't be finished by URL; managers see their team's")
    func scope() async throws {
        try await withWebCompany { app, _ in
            let binhs = try await taskID("Gọi lại", app)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(!(try await an.get("/tasks?who=team&state=all").body.string.contains("Gọi lại")))
            _ = try await an.get("/tasks")
            #expect(try await an.post("/tasks/\(binhs)/complete", [("back", "")]).status == .notFound)
            #expect(try await status(binhs, app) == "open")
            #expect(try await an.post("/tasks/\(binhs)/cancel", [("back", "")], withToken: false).status == .forbidden)

            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            let team = try await manager.get("/tasks?who=team").body.string
            #expect(rows(team) == 1 && team.contains("Gọi lại") && team.contains("Phạm Thị Bình"))
            let cancelled = try await manager.post("/tasks/\(binhs)/cancel", [("back", "who=team")])
            #expect(cancelled.location == "/tasks?who=team&done=cancelled")
            #expect(try await status(binhs, app) == "cancelled")
        }
    }

    @Test("wrong input re-renders the form with field messages and stores nothing")
    func validation() async throws {
        try await withWebCompany { app, ids in
            let count: SQLQueryString = "SELECT COUNT(*) AS n FROM tasks"
            let before = try await CallDeskDatabase.sql(app.db).raw(count).first(decodingColumn: "n", as: Int64.self)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            _ = try await an.get("/tasks/new")
            let empty = try await an.post("/tasks", [("type", "call"), ("title", " "), ("assignee", "user:\(ids["an@example.vn"]!)")])
            #expect(empty.status == .badRequest && empty.body.string.contains("Nhập tiêu đề"))
            let appointment = try await an.post("/tasks", [("type", "appointment"), ("title", "Hẹn"), ("due_date", "2026-12-01"),
                                                           ("assignee", "user:\(ids["an@example.vn"]!)")])
            #expect(appointment.body.string.contains("Lịch hẹn cần giờ hẹn"))
            let noDate = try await an.post("/tasks", [("type", "appointment"), ("title", "Hẹn"),
                                                      ("assignee", "user:\(ids["an@example.vn"]!)")])
            #expect(noDate.body.string.contains("Lịch hẹn cần ngày giờ"))
            let others = try await an.post("/tasks", [("type", "call"), ("title", "Gọi"), ("customer", "KH000002"),
                                                      ("assignee", "user:\(ids["binh@example.vn"]!)"), ("due_time", "25:00")])
            let html = others.body.string
            #expect(html.contains("Không có khách hàng \"KH000002\" trong phạm vi của bạn"))
            #expect(html.contains("Chỉ giao được cho người đang làm việc trong phạm vi của bạn"))
            #expect(html.contains("Chọn ngày cho giờ hẹn"))
            #expect(html.contains(#"value="Gọi""#), "what was typed stays in the form")
            #expect(try await CallDeskDatabase.sql(app.db).raw(count).first(decodingColumn: "n", as: Int64.self) == before)
        }
    }

    @Test("the week's agenda lists appointments by local day; a cancelled one leaves it")
    func agenda() async throws {
        try await withWebCompany { app, ids in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/tasks/new")
            // 23:30 on Sunday 6 Dec in Hà Nội is 16:30 UTC the same day: it belongs to that week's Sunday.
            let created = try await admin.post("/tasks", [
                ("type", "appointment"), ("title", "Hẹn ký hợp đồng"), ("customer", "KH000002"),
                ("assignee", "user:\(ids["an@example.vn"]!)"), ("due_date", "2026-12-06"), ("due_time", "23:30"),
            ])
            #expect(created.location == "/tasks?who=team&done=created")
            let week = try await admin.get("/tasks?view=week&who=team&day=2026-12-02").body.string
            #expect(week.contains("Tuần 30/11/2026 – 06/12/2026"))
            let sunday = week.components(separatedBy: "Chủ Nhật · 06/12/2026").last ?? ""
            #expect(sunday.contains("Hẹn ký hợp đồng") && sunday.contains("23:30"))
            #expect(!(try await admin.get("/tasks?view=week&who=team&day=2026-12-07").body.string.contains("Hẹn ký hợp đồng")))
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(try await an.get("/tasks?view=week&day=2026-12-06").body.string.contains("Hẹn ký hợp đồng"))
            _ = try await admin.get("/tasks?who=team")
            _ = try await admin.post("/tasks/\(try await taskID("Hẹn ký hợp đồng", app))/cancel", [("back", "")])
            #expect(!(try await an.get("/tasks?view=week&day=2026-12-06").body.string.contains("Hẹn ký hợp đồng")))
        }
    }
}
