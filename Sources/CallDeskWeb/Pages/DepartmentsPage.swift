import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Phòng ban (administrators): the department tree with heads and staff counts; add a department,
/// and one department's page to rename it, move it (with everything below it) or set its head.
enum DepartmentsPage {
    struct Form: Content {
        var name: String?
        var parent: String?
        var head: String?
    }

    // MARK: - The tree and the add form

    @Sendable static func handle(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let overview = try await DepartmentOverview.load(on: request.db)
        let parent = overview.lines.first.map { String($0.id) } ?? ""
        return try await renderList(request, overview: overview, form: Form(parent: parent), errors: [:], status: .ok)
    }

    static func renderList(_ request: Request, overview: DepartmentOverview, form: Form, errors: [String: String],
                           status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let staff = try await activeStaff(request)
        let rows: [Markup] = overview.lines.map { line in
            Tag.el("tr", [("data-id", String(line.id))], [
                Tag.el("td", [], [Tag.el("span", [("class", "tree-name"), ("style", "padding-left:\(line.depth * 22)px")],
                                         [.text(line.depth > 0 ? "└ " : ""),
                                          Tag.link("/settings/departments/\(line.id)", line.name)])]),
                Tag.el("td", [], [.text(line.heads.isEmpty ? "—" : line.heads.joined(separator: ", "))]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(line.staff))]),
            ])
        }
        let done = QueryItems(request.url.query ?? "")["done"]
        let html = Layout.page(context, title: lang.t("Cài đặt › Phòng ban", "Settings › Departments"), section: .settings,
                               actions: SettingsTabs.links(context, current: "/settings/departments"),
                               content: [
            Tag.notice(done.map { (notice($0, lang), false) }),
            Tag.el("section", [("class", "panel")], [
                Tag.el("table", [("class", "data"), ("id", "departments")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Phòng ban", "Department"))]),
                        Tag.el("th", [], [.text(lang.t("Trưởng phòng", "Head of department"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Nhân viên", "Staff"))]),
                    ])]),
                    Tag.el("tbody", [], rows),
                ]),
            ]),
            Tag.el("form", [("method", "post"), ("action", "/settings/departments"), ("class", "panel form-grid"),
                            ("id", "department-form")], [
                Tag.el("h2", [], [.text(lang.t("Thêm phòng ban", "Add a department"))]),
                SettingsPageSupport.refusedBanner(lang, errors),
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                fields(context, overview: overview, staff: staff, form: form, errors: errors, editing: nil),
                Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button primary")],
                                                [.text(lang.t("Thêm phòng ban", "Add department"))])]),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    static func notice(_ done: String, _ lang: Lang) -> String {
        switch done {
        case "created": return lang.t("Đã thêm phòng ban.", "The department is added.")
        default: return lang.t("Đã lưu.", "Saved.")
        }
    }

    static func activeStaff(_ request: Request) async throws -> [StaffDirectory.Member] {
        try await StaffDirectory.list(on: request.db).filter(\.active)
            .sorted { VietnameseCollation.compare($0.name, $1.name) == .orderedAscending }
    }

    /// Name, parent and head: the same on the add and the edit forms. When editing, the department itself and
    /// everything below it can't be its new parent (that would make a cycle): those options are disabled, and
    /// the Store refuses them anyway.
    static func fields(_ context: PageContext, overview: DepartmentOverview, staff: [StaffDirectory.Member], form: Form,
                       errors: [String: String], editing: DepartmentOverview.Line?) -> Markup {
        let lang = context.lang
        let below = editing.map { overview.tree.subtree($0.id) } ?? []
        let isRoot = editing != nil && editing?.parentID == nil
        var parentOptions: [Markup] = []
        if overview.lines.isEmpty || isRoot {
            parentOptions.append(Tag.el("option", [("value", "")], [.text(lang.t("— Phòng ban gốc —", "— Root department —"))]))
        }
        for line in overview.lines where !isRoot {
            let blocked = below.contains(line.id)
            let label = String(repeating: "\u{00A0}\u{00A0}", count: line.depth) + line.name
                + (blocked && line.id != editing?.id ? lang.t(" (nằm dưới phòng này)", " (below this one)") : "")
            parentOptions.append(Tag.el("option", [("value", String(line.id)), ("disabled", blocked ? "" : nil),
                                                   ("selected", form.parent == String(line.id) ? "" : nil)],
                                        [.text(label)]))
        }
        let headOptions: [(value: String, label: String)] = [("", lang.t("— Chưa có trưởng phòng —", "— No head —"))]
            + staff.map { (String($0.id), $0.name + ($0.departmentName.map { " · " + $0 } ?? "")) }
        func wrap(_ name: String, _ label: String, _ control: Markup, hint: String? = nil) -> Markup {
            Tag.div(errors[name] == nil ? "field" : "field invalid", [
                Tag.el("label", [("for", name)], [.text(label)]),
                control,
                hint.map { Tag.el("p", [("class", "hint")], [.text($0)]) } ?? .empty,
                errors[name].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
            ])
        }
        return .group([
            Tag.field(lang.t("Tên phòng ban", "Name"), name: "name", value: form.name ?? "", error: errors["name"],
                      required: true),
            wrap("parent", lang.t("Thuộc phòng ban", "Parent department"),
                 Tag.el("select", [("name", "parent"), ("id", "parent")], parentOptions),
                 hint: editing == nil ? nil : isRoot
                    ? lang.t("Đây là phòng ban gốc của công ty.", "This is the company's root department.")
                    : lang.t("Chuyển phòng ban sẽ chuyển cả các phòng ban bên dưới nó.",
                             "Moving a department moves everything below it.")),
            wrap("head", lang.t("Trưởng phòng", "Head of department"),
                 Tag.select("head", headOptions, selected: form.head ?? ""),
                 hint: lang.t("Trưởng phòng xem được khách hàng và báo cáo của phòng mình và các phòng bên dưới.",
                              "The head sees the customers and reports of this department and those below it.")),
        ])
    }

    static func decode(_ request: Request) throws -> (form: Form, parentID: Int64?, headID: Int64?) {
        let form = try request.content.decode(Form.self)
        return (form, form.parent.flatMap { Int64($0) }, form.head.flatMap { Int64($0) })
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let lang = try request.page.lang
        let (form, parentID, headID) = try decode(request)
        do {
            let id = try await DepartmentChanges.create(name: form.name ?? "", parentID: parentID, headID: headID,
                                                        on: request.db)
            request.logger.info("department created", metadata: ["department": "\(id)"])
            return request.redirect(to: "/settings/departments?done=created")
        } catch let problems as DepartmentChanges.Problems {
            let overview = try await DepartmentOverview.load(on: request.db)
            return try await renderList(request, overview: overview, form: form, errors: lang.pick(problems.fields),
                                        status: .badRequest)
        }
    }

    // MARK: - One department

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderDepartment(request, form: nil, errors: [:], status: .ok)
    }

    static func renderDepartment(_ request: Request, form: Form?, errors: [String: String],
                                 status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let overview = try await DepartmentOverview.load(on: request.db)
        guard let id = request.parameters.get("id", as: Int64.self), let line = overview.lines.first(where: { $0.id == id }) else {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có phòng ban này.", "There is no such department."))
        }
        let staff = try await activeStaff(request)
        let form = form ?? Form(name: line.name, parent: line.parentID.map(String.init) ?? "",
                                head: line.headIDs.first.map(String.init) ?? "")
        let path = overview.tree.path(id).joined(separator: " › ")
        let members = try await StaffDirectory.list(on: request.db).filter { $0.departmentID == id && $0.active }
        let done = QueryItems(request.url.query ?? "")["done"]
        let html = Layout.page(context, title: line.name, section: .settings, subtitle: path,
                               actions: [Tag.link("/settings/departments", lang.t("← Phòng ban", "← Departments"),
                                                  class: "button")], content: [
            Tag.notice(done.map { (notice($0, lang), false) }),
            SettingsPageSupport.refusedBanner(lang, errors),
            Tag.el("form", [("method", "post"), ("action", "/settings/departments/\(id)"), ("class", "panel form-grid"),
                            ("id", "department-edit")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                fields(context, overview: overview, staff: staff, form: form, errors: errors, editing: line),
                Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button primary")],
                                                [.text(lang.t("Lưu", "Save"))])]),
            ]),
            Tag.el("section", [("class", "panel")], [
                Tag.el("h2", [], [.text(lang.t("Nhân viên trong phòng", "Staff in this department")
                                        + " (\(NumberFormat.grouped(Int64(members.count))))")]),
                members.isEmpty ? Tag.el("p", [("class", "muted")], [.text(lang.t("Chưa có ai.", "Nobody yet."))])
                    : Tag.el("ul", [("class", "plain")], members.map { member in
                        Tag.el("li", [], [Tag.link("/settings/users/\(member.id)", member.name),
                                          .text(" · " + UsersPage.roleLabel(member.role, lang))])
                    }),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let lang = try request.page.lang
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let (form, parentID, headID) = try decode(request)
        do {
            try await DepartmentChanges.update(id, name: form.name ?? "", parentID: parentID, headID: headID, on: request.db)
            request.logger.info("department changed", metadata: ["department": "\(id)"])
            return request.redirect(to: "/settings/departments/\(id)?done=saved")
        } catch let problems as DepartmentChanges.Problems {
            return try await renderDepartment(request, form: form, errors: lang.pick(problems.fields), status: .badRequest)
        }
    }
}
