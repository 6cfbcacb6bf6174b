import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/tasks/new`: add a task or book an appointment (`?type=appointment&customer=KH000123` from a
/// customer's page). Wrong input re-renders the form with a message under each field.
enum TaskFormPage {
    struct Form: Content {
        var type: String?
        var title: String?
        var customer: String?
        var assignee: String?
        var due_date: String?
        var due_time: String?
        var description: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "tasks", on: request.db)
        let items = QueryItems(request.url.query ?? "")
        let type = items["type"].flatMap(TaskType.init(rawValue:)) ?? .call
        let form = Form(type: type.rawValue,
                        title: type == .appointment ? context.lang.t("Hẹn gặp tư vấn", "Consultation meeting") : nil,
                        customer: items["customer"].map { String($0.prefix(20)) }, assignee: "user:\(viewer.id)")
        return Layout.response(render(context, access: access, form: form, errors: [:]))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "tasks", on: request.db)
        let form = try request.content.decode(Form.self)
        var assignee: Int64?
        if let text = form.assignee, text.hasPrefix("user:") { assignee = Int64(text.dropFirst(5)) }
        let draft = TaskChanges.Draft(type: form.type ?? "", title: form.title ?? "", customer: form.customer ?? "",
                                      assigneeID: assignee, dueDate: form.due_date ?? "", dueTime: form.due_time ?? "",
                                      description: form.description ?? "")
        do {
            let id = try await TaskChanges.create(draft, createdBy: viewer.id, access: access, timeZone: context.timeZone,
                                                  now: Date(), on: request.db)
            request.logger.info("task created", metadata: ["task": "\(id)", "by": "\(viewer.id)"])
            let mine = assignee == viewer.id
            return request.redirect(to: "/tasks?" + (mine ? "" : "who=team&") + "done=created")
        } catch let problems as TaskChanges.Problems {
            let errors = context.lang.pick(problems.fields)
            return Layout.response(render(context, access: access, form: form, errors: errors), status: .badRequest)
        }
    }

    static func render(_ context: PageContext, access: ViewerAccess, form: Form, errors: [String: String]) -> String {
        let lang = context.lang
        let types: [(value: String, label: String)] = TaskType.allCases.map { ($0.rawValue, TaskBoardPage.typeLabel($0, lang)) }
        var assignees: [(value: String, label: String)] = []
        if access.scope.scope == .all { assignees.append(("", lang.t("Chưa giao", "Unassigned"))) }
        assignees += access.people.filter(\.active).map { ("user:\($0.id)", $0.name) }
        func select(_ name: String, _ label: String, _ options: [(value: String, label: String)], _ value: String?) -> Markup {
            Tag.div(errors[name] == nil ? "field" : "field invalid", [
                Tag.el("label", [("for", name)], [.text(label)]),
                Tag.select(name, options, selected: value ?? ""),
                errors[name].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
            ])
        }
        return Layout.page(context, title: lang.t("Thêm công việc", "New task"), section: .tasks, content: [
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.", "Not saved yet: fix the marked fields below."))]),
            Tag.el("form", [("method", "post"), ("action", "/tasks"), ("class", "panel form-grid"), ("id", "task-form")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                select("type", lang.t("Loại", "Kind"), types, form.type),
                Tag.field(lang.t("Tiêu đề", "Title"), name: "title", value: form.title ?? "", error: errors["title"],
                          placeholder: lang.t("Gọi lại báo giá, Hẹn gặp tư vấn…", "Call back with a quote, Meeting…"),
                          required: true),
                Tag.field(lang.t("Khách hàng (mã KH)", "Customer (code)"), name: "customer", value: form.customer ?? "",
                          error: errors["customer"], placeholder: "KH000123"),
                select("assignee", lang.t("Người thực hiện", "Assignee"), assignees, form.assignee),
                Tag.div("field-row", [
                    Tag.field(lang.t("Ngày hẹn / hạn", "Due date"), name: "due_date", value: form.due_date ?? "",
                              type: "date", error: errors["due_date"]),
                    Tag.field(lang.t("Giờ", "Time"), name: "due_time", value: form.due_time ?? "", type: "time",
                              error: errors["due_time"]),
                ]),
                Tag.div("field", [
                    Tag.el("label", [("for", "description")], [.text(lang.t("Ghi chú", "Notes"))]),
                    Tag.el("textarea", [("name", "description"), ("id", "description"), ("rows", "3")],
                           [.text(form.description ?? "")]),
                ]),
                Tag.el("p", [("class", "hint")], [.text(lang.t(
                    "Giờ theo múi giờ của công ty. Lịch hẹn cần ngày và giờ.",
                    "Times are in the company's time zone. An appointment needs a date and a time."))]),
                Tag.div("form-actions", [
                    Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Lưu", "Save"))]),
                    Tag.link("/tasks", lang.t("Hủy", "Cancel"), class: "button"),
                ]),
            ]),
        ])
    }
}
