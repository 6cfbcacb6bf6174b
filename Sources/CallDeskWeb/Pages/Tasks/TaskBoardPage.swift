import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/tasks`: my tasks, my team's, and the week's appointments (`?view=week`), with complete and cancel
/// buttons (`POST /tasks/:id/complete`, `/tasks/:id/cancel`), inside the viewer's scope (``TaskBoard``).
enum TaskBoardPage {
    static let parameters = ["view", "who", "state", "kind", "day", "page"]

    struct Model {
        var context: PageContext
        var items: QueryItems
        var access: ViewerAccess
        var notice: (text: String, error: Bool)?

        var lang: Lang { context.lang }
        var address: ListAddress { ListAddress(path: "/tasks", parameters: TaskBoardPage.parameters, items: items) }

        func link(_ changes: [String: String?]) -> String { address.link(changes) }

        /// The query to come back to after a button, without the page's notice.
        var back: String { address.query }
    }

    @Sendable static func handle(_ request: Request) async throws -> Response {
        try await respond(request, query: request.url.query ?? "", notice: nil, status: .ok)
    }

    static func respond(_ request: Request, query: String, notice: (text: String, error: Bool)?,
                        status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let items = QueryItems(query)
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "tasks", on: request.db)
        var notice = notice
        if notice == nil, let done = items["done"] {
            notice = (done == "cancelled" ? context.lang.t("Đã huỷ công việc.", "The task was cancelled.")
                                          : done == "created" ? context.lang.t("Đã thêm công việc.", "The task was added.")
                                                              : context.lang.t("Đã hoàn thành công việc.", "The task is done."), false)
        }
        let model = Model(context: context, items: items, access: access, notice: notice)
        let who = parseWho(items["who"], viewerID: viewer.id)
        if items["view"] == "week" {
            let today = LocalCalendar.localDate(of: Date(), in: context.timeZone)
            let day = items["day"].flatMap(LocalDate.init) ?? today
            // 1970-01-01 was a Thursday: days since then + 3, modulo 7, counts from Monday.
            let sinceMonday = Int(((day.daysSinceEpoch + 3) % 7 + 7) % 7)
            let monday = day.adding(days: -sinceMonday)
            let week = LocalDateRange(from: monday, to: monday.adding(days: 6))
            let appointments = try await TaskBoard.agenda(week, who: who, viewerID: viewer.id, access: access,
                                                          timeZone: context.timeZone, on: request.db)
            return Layout.response(renderWeek(model, week: week, appointments: appointments, today: today), status: status)
        }
        let board = TaskBoard.Query(who: who, state: TaskBoard.State(rawValue: items["state"] ?? "") ?? .open,
                                    kind: TaskBoard.Kind(rawValue: items["kind"] ?? "") ?? .all,
                                    page: Int(items["page"] ?? "1") ?? 1)
        let page = try await TaskBoard.page(board, viewerID: viewer.id, access: access, now: Date(), on: request.db)
        return Layout.response(renderList(model, page: page), status: status)
    }

    static func parseWho(_ text: String?, viewerID: Int64) -> TaskBoard.Who {
        switch text {
        case "team": return .team
        case let value? where value.hasPrefix("user:"): return Int64(value.dropFirst(5)).map(TaskBoard.Who.user) ?? .mine
        default: return .mine
        }
    }

    // MARK: - Complete, cancel

    struct FinishForm: Content {
        var back: String?
    }

    @Sendable static func complete(_ request: Request) async throws -> Response {
        try await finish(request, as: .done)
    }

    @Sendable static func cancel(_ request: Request) async throws -> Response {
        try await finish(request, as: .cancelled)
    }

    static func finish(_ request: Request, as status: TaskChanges.Ending) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let back = (try? request.content.decode(FinishForm.self))?.back ?? ""
        guard let id = request.parameters.get("id", as: Int64.self) else {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có công việc này.", "There is no such task."))
        }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "tasks", on: request.db)
        do {
            try await TaskChanges.finish(id, as: status, viewerID: viewer.id, access: access, now: Date(), on: request.db)
        } catch TaskChanges.Refusal.notFound {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có công việc này trong phạm vi của bạn.",
                                                          "There is no such task within your scope."))
        } catch TaskChanges.Refusal.finished(let current) {
            let text = lang.t("Công việc này đã \(statusLabel(current, .vi)) — không thể đổi nữa.",
                              "This task is already \(statusLabel(current, .en)) — it can't be changed.")
            return try await respond(request, query: back, notice: (text, true), status: .conflict)
        }
        let done = status == .done ? "done" : "cancelled"
        return request.redirect(to: "/tasks?" + (back.isEmpty ? "" : back + "&") + "done=" + done)
    }

    // MARK: - View

    static func statusLabel(_ status: TaskStatus, _ lang: Lang) -> String {
        switch status {
        case .open: return lang.t("chưa làm", "open")
        case .inProgress: return lang.t("đang làm", "in progress")
        case .done: return lang.t("hoàn thành", "done")
        case .cancelled: return lang.t("đã huỷ", "cancelled")
        }
    }

    static func typeLabel(_ type: TaskType, _ lang: Lang) -> String {
        switch type {
        case .appointment: return lang.t("Lịch hẹn", "Appointment")
        case .call: return lang.t("Gọi điện", "Call")
        case .email: return "Email"
        case .todo: return lang.t("Việc cần làm", "To-do")
        case .other: return lang.t("Khác", "Other")
        }
    }

    static func tabs(_ model: Model) -> Markup {
        let lang = model.lang
        let view = model.items["view"] == "week" ? "week" : (model.items["who"] == "team" ? "team" : "mine")
        func tab(_ key: String, _ label: String, _ href: String) -> Markup {
            Tag.link(href, label, class: view == key ? "tab active" : "tab")
        }
        return Tag.el("nav", [("class", "tabs")], [
            tab("mine", lang.t("Việc của tôi", "My tasks"), "/tasks"),
            tab("team", lang.t("Việc của nhóm", "My team's"), "/tasks?who=team"),
            tab("week", lang.t("Lịch hẹn trong tuần", "This week's appointments"), "/tasks?view=week"),
        ])
    }

    static func page(_ model: Model, content: [Markup]) -> String {
        let lang = model.lang
        return Layout.page(model.context, title: lang.t("Công việc & lịch hẹn", "Tasks & appointments"), section: .tasks,
                           actions: [Tag.link("/tasks/new", lang.t("+ Thêm công việc", "+ New task"), class: "button primary")],
                           content: [
            tabs(model),
            Tag.notice(model.notice),
        ] + content)
    }

    static func renderList(_ model: Model, page result: TaskBoard.Page) -> String {
        let lang = model.lang
        let states: [(value: String, label: String)] = [
            ("", lang.t("Chưa xong", "Not done")), ("overdue", lang.t("Quá hạn", "Overdue")),
            ("done", lang.t("Đã hoàn thành", "Done")), ("cancelled", lang.t("Đã huỷ", "Cancelled")),
            ("all", lang.t("Tất cả", "All")),
        ]
        let kinds: [(value: String, label: String)] = [
            ("", lang.t("Mọi loại", "Any kind")), ("appointments", lang.t("Lịch hẹn", "Appointments")),
            ("others", lang.t("Việc khác", "Other tasks")),
        ]
        var whoOptions: [(value: String, label: String)] = [("", lang.t("Việc của tôi", "Mine")),
                                                            ("team", lang.t("Cả nhóm", "Whole team"))]
        whoOptions += model.access.people.map { ("user:\($0.id)", $0.name) }
        let rows: [Markup] = result.items.map { item in
            let overdue = (item.status == .open || item.status == .inProgress) && (item.dueAt.map { $0 < Date() } ?? false)
            let actions: Markup = item.status == .open || item.status == .inProgress
                ? Tag.div("link-actions", [
                    button("/tasks/\(item.id)/complete", lang.t("Hoàn thành", "Done"), model, primary: true),
                    button("/tasks/\(item.id)/cancel", lang.t("Huỷ", "Cancel"), model, primary: false),
                ])
                : Tag.span("muted", item.completedAt.map { model.context.time($0) } ?? "")
            return Tag.el("tr", [("class", "task")], [
                Tag.el("td", [("class", "code")], [.text(item.code ?? "")]),
                Tag.el("td", [], [.text(typeLabel(item.type, lang))]),
                Tag.el("td", [], [.text(item.title)]),
                Tag.el("td", [], [item.customerID.map { Tag.link("/customers/\($0)", item.customerName ?? "") } ?? Tag.span("muted", "—")]),
                Tag.el("td", [], [.text(item.assigneeName ?? lang.t("Chưa giao", "Unassigned"))]),
                Tag.el("td", [("class", overdue ? "time overdue" : "time")], [
                    .text(item.dueAt.map { model.context.time($0) } ?? "—"),
                    overdue ? Tag.span("badge warn", lang.t("Quá hạn", "Overdue")) : .empty,
                ]),
                Tag.el("td", [], [.text(statusLabel(item.status, lang))]),
                Tag.el("td", [], [actions]),
            ])
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", "8"), ("class", "empty")],
                                       [.text(lang.t("Không có công việc nào.", "No task."))])])
            : .empty
        return page(model, content: [
            Tag.el("form", [("method", "get"), ("action", "/tasks"), ("class", "filters panel inline")], [
                Tag.div("field", [Tag.el("label", [("for", "who")], [.text(lang.t("Của ai", "Whose"))]),
                                  Tag.select("who", whoOptions, selected: model.items["who"] ?? "")]),
                Tag.div("field", [Tag.el("label", [("for", "state")], [.text(lang.t("Trạng thái", "Status"))]),
                                  Tag.select("state", states, selected: model.items["state"] ?? "")]),
                Tag.div("field", [Tag.el("label", [("for", "kind")], [.text(lang.t("Loại", "Kind"))]),
                                  Tag.select("kind", kinds, selected: model.items["kind"] ?? "")]),
                Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Lọc", "Filter"))]),
            ]),
            Tag.el("section", [("class", "panel")], [
                Tag.div("table-scroll", [Tag.el("table", [("class", "data"), ("id", "task-list")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Mã", "Code"))]),
                        Tag.el("th", [], [.text(lang.t("Loại", "Kind"))]),
                        Tag.el("th", [], [.text(lang.t("Tiêu đề", "Title"))]),
                        Tag.el("th", [], [.text(lang.t("Khách hàng", "Customer"))]),
                        Tag.el("th", [], [.text(lang.t("Người thực hiện", "Assignee"))]),
                        Tag.el("th", [], [.text(lang.t("Hạn", "Due"))]),
                        Tag.el("th", [], [.text(lang.t("Trạng thái", "Status"))]),
                        Tag.el("th", [], []),
                    ])]),
                    Tag.el("tbody", [], rows + [empty]),
                ])]),
                model.address.pager(page: result.page, hasNext: result.hasNext, lang: lang),
            ]),
        ])
    }

    static func button(_ action: String, _ label: String, _ model: Model, primary: Bool) -> Markup {
        Tag.el("form", [("method", "post"), ("action", action), ("class", "inline-form")], [
            Tag.hidden(WebSecurity.csrfField, model.context.csrf),
            Tag.hidden("back", model.back),
            Tag.el("button", [("type", "submit"), ("class", primary ? "button small primary" : "button small")], [.text(label)]),
        ])
    }

    static let weekdays: [(vi: String, en: String)] = [
        ("Thứ Hai", "Monday"), ("Thứ Ba", "Tuesday"), ("Thứ Tư", "Wednesday"), ("Thứ Năm", "Thursday"),
        ("Thứ Sáu", "Friday"), ("Thứ Bảy", "Saturday"), ("Chủ Nhật", "Sunday"),
    ]

    static func renderWeek(_ model: Model, week: LocalDateRange, appointments: [TaskBoard.Item], today: LocalDate) -> String {
        let lang = model.lang
        let timeZone = model.context.timeZone
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func dayLabel(_ day: LocalDate) -> String { "\(two(day.day))/\(two(day.month))/\(day.year)" }
        var days: [Markup] = []
        for offset in 0..<7 {
            let day = week.from.adding(days: offset)
            let those = appointments.filter { $0.dueAt.map { LocalCalendar.localDate(of: $0, in: timeZone) } == day }
            let name = lang == .vi ? weekdays[offset].vi : weekdays[offset].en
            days.append(Tag.el("section", [("class", day == today ? "agenda-day today" : "agenda-day")], [
                Tag.el("h3", [], [.text("\(name) · \(dayLabel(day))"),
                                  Tag.span("muted", " — " + lang.t("\(those.count) lịch hẹn", "\(those.count) appointments"))]),
                those.isEmpty ? Tag.el("p", [("class", "muted small")], [.text(lang.t("Không có lịch hẹn.", "No appointment."))])
                    : Tag.el("ul", [("class", "agenda")], those.map { item in
                        let time = item.dueAt.map { model.context.time($0).split(separator: " ").last.map(String.init) ?? "" } ?? ""
                        return Tag.el("li", [("class", "appointment \(item.status.rawValue)")], [
                            Tag.span("at", time),
                            Tag.el("span", [("class", "what")], [
                                .text(item.title),
                                item.customerID.map { Tag.el("span", [], [.text(" · "), Tag.link("/customers/\($0)", item.customerName ?? "")]) } ?? .empty,
                            ]),
                            Tag.span("who muted", item.assigneeName ?? lang.t("Chưa giao", "Unassigned")),
                            Tag.span("state", statusLabel(item.status, lang)),
                        ])
                    }),
            ]))
        }
        let who = model.items["who"] ?? ""
        return page(model, content: [
            Tag.el("nav", [("class", "pager week-nav")], [
                Tag.link(model.link(["day": week.from.adding(days: -7).description]), lang.t("‹ Tuần trước", "‹ Previous week"), class: "button"),
                Tag.span("page", lang.t("Tuần \(dayLabel(week.from)) – \(dayLabel(week.to))", "Week \(dayLabel(week.from)) – \(dayLabel(week.to))")),
                Tag.link(model.link(["day": week.to.adding(days: 1).description]), lang.t("Tuần sau ›", "Next week ›"), class: "button"),
                Tag.link(model.link(["who": who == "team" ? nil : "team"]),
                         who == "team" ? lang.t("Chỉ của tôi", "Mine only") : lang.t("Cả nhóm", "Whole team"), class: "button"),
            ]),
            Tag.div("panel agenda-week", days),
        ])
    }
}
