import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Settings › Người dùng (administrators): the staff list, add a person, and one person's page to change
/// their name, role, department, extensions, active flag, or set a new password.
enum UsersPage {
    struct Form: Content {
        var name: String?
        var email: String?
        var role: String?
        var department: String?
        var extensions: String?
        var password: String?
        var active: String?
    }

    static func roleLabel(_ code: String, _ lang: Lang) -> String {
        switch code {
        case "admin": return lang.t("Quản trị", "Administrator")
        case "manager": return lang.t("Quản lý", "Manager")
        case "sales": return lang.t("Nhân viên kinh doanh", "Salesperson")
        default: return code
        }
    }

    /// Every role a person can be given: the built-in ones under their usual labels, then the custom ones
    /// (Settings › Vai trò & quyền) under their names.
    static func roleChoices(_ request: Request, _ lang: Lang) async throws -> [(value: String, label: String)] {
        try await RoleDirectory.choices(on: request.db).map { ($0.code, $0.builtin ? roleLabel($0.code, lang) : $0.name) }
    }

    // MARK: - List and add

    @Sendable static func list(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderList(request, form: Form(role: "sales"), errors: [:], status: .ok)
    }

    static func renderList(_ request: Request, form: Form, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let members = try await StaffDirectory.list(on: request.db)
        let departments = try await StaffDirectory.departments(on: request.db)
        let roles = try await roleChoices(request, lang)
        let done = QueryItems(request.url.query ?? "")["done"]
        let rows: [Markup] = members.map { member in
            Tag.el("tr", [("class", member.active ? "user" : "user inactive")], [
                Tag.el("td", [], [Tag.link("/settings/users/\(member.id)", member.name)]),
                Tag.el("td", [], [.text(member.email)]),
                Tag.el("td", [], [.text(roles.first { $0.value == member.role }?.label ?? roleLabel(member.role, lang))]),
                Tag.el("td", [], [.text(member.departmentName ?? "—")]),
                Tag.el("td", [], [.text(member.extensionsText)]),
                Tag.el("td", [], [member.active ? .text(lang.t("Đang làm việc", "Active"))
                                  : Tag.span("badge warn", lang.t("Đã khoá", "Deactivated"))]),
            ])
        }
        let html = Layout.page(context, title: lang.t("Người dùng", "Users"), section: .settings,
                               actions: SettingsTabs.links(context, current: "/settings/users"), content: [
            done.map { _ in Tag.div("notice success", [Tag.el("p", [], [.text(lang.t("Đã lưu.", "Saved."))])]) } ?? .empty,
            Tag.el("section", [("class", "panel")], [Tag.div("table-scroll", [
                Tag.el("table", [("class", "data"), ("id", "user-list")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Họ tên", "Name"))]), Tag.el("th", [], [.text("Email")]),
                        Tag.el("th", [], [.text(lang.t("Vai trò", "Role"))]),
                        Tag.el("th", [], [.text(lang.t("Phòng ban", "Department"))]),
                        Tag.el("th", [], [.text(lang.t("Máy nhánh", "Extensions"))]),
                        Tag.el("th", [], [.text(lang.t("Trạng thái", "Status"))]),
                    ])]),
                    Tag.el("tbody", [], rows),
                ]),
            ])]),
            Tag.el("form", [("method", "post"), ("action", "/settings/users"), ("class", "panel form-grid"), ("id", "user-form")], [
                Tag.el("h2", [], [.text(lang.t("Thêm người dùng", "Add a user"))]),
                errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                    "Chưa lưu được: hãy sửa các ô được đánh dấu.", "Not saved yet: fix the marked fields."))]),
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Họ tên", "Name"), name: "name", value: form.name ?? "", error: errors["name"], required: true),
                Tag.field("Email", name: "email", value: form.email ?? "", type: "email", error: errors["email"], required: true),
                fields(context, form: form, errors: errors, departments: departments, roles: roles),
                Tag.field(lang.t("Mật khẩu (ít nhất 8 ký tự)", "Password (at least 8 characters)"), name: "password", value: "",
                          type: "password", error: errors["password"], required: true),
                Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button primary")],
                                                [.text(lang.t("Thêm người dùng", "Add user"))])]),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    /// Role, department and extensions: the same on the add and the edit forms.
    static func fields(_ context: PageContext, form: Form, errors: [String: String],
                       departments: [(id: Int64, name: String)], roles: [(value: String, label: String)]) -> Markup {
        let lang = context.lang
        func select(_ name: String, _ label: String, _ options: [(value: String, label: String)]) -> Markup {
            Tag.div(errors[name] == nil ? "field" : "field invalid", [
                Tag.el("label", [("for", name)], [.text(label)]),
                Tag.select(name, options, selected: (name == "role" ? form.role : form.department) ?? ""),
                errors[name].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
            ])
        }
        return .group([
            select("role", lang.t("Vai trò", "Role"), roles),
            select("department", lang.t("Phòng ban", "Department"),
                   [("", lang.t("— Không thuộc phòng ban —", "— No department —"))] + departments.map { (String($0.id), $0.name) }),
            Tag.field(lang.t("Máy nhánh", "Extensions"), name: "extensions", value: form.extensions ?? "",
                      error: errors["extensions"], placeholder: "102; VFONE:212"),
            Tag.el("p", [("class", "hint")], [.text(lang.t(
                "Số máy nhánh trên tổng đài; gắn mã nhà cung cấp khi công ty có nhiều tổng đài (VFONE:212).",
                "Extension numbers on the PBX; prefix a provider code when the company has several PBXes (VFONE:212)."))]),
        ])
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let lang = try request.page.lang
        let form = try request.content.decode(Form.self)
        var errors: [String: String] = [:]
        let roleCode = form.role ?? ""
        guard try await roleChoices(request, lang).contains(where: { $0.value == roleCode }) else {
            return try await renderList(request, form: form, errors: ["role": lang.t("Chọn vai trò", "Choose a role")], status: .badRequest)
        }
        // A custom role is set by the update below; the login is first made with the built-in role it stands in for.
        let role = RoleCode(rawValue: roleCode) ?? .sales
        let extensions = form.extensions ?? ""
        if case .failure(let problems) = StaffDirectory.parseExtensions(extensions) {
            errors = lang.pick(problems.fields)
            return try await renderList(request, form: form, errors: errors, status: .badRequest)
        }
        let viewerID = try request.pageViewer().id
        do {
            // One transaction: the login and its role, department and extensions, or nothing.
            let id = try await request.db.transaction { transaction in
                let id = try await UserAccounts.create(email: form.email ?? "", name: form.name ?? "", role: role,
                                                       department: form.department.flatMap { $0.isEmpty ? nil : $0 },
                                                       password: form.password ?? "", on: transaction)
                try await StaffDirectory.update(id, name: form.name ?? "", role: roleCode,
                                                departmentID: form.department.flatMap { Int64($0) }, extensions: extensions,
                                                active: true, by: viewerID, on: transaction)
                return id
            }
            request.logger.info("user created", metadata: ["user": "\(id)", "by": "\(viewerID)"])
            return request.redirect(to: "/settings/users?done=created")
        } catch let problems as StaffDirectory.Problems {
            return try await renderList(request, form: form, errors: lang.pick(problems.fields), status: .badRequest)
        } catch let invalid as UserAccounts.Invalid {
            let text = invalid.description
            let field = text.contains("email") ? "email" : text.contains("password") ? "password" : "name"
            errors[field] = lang.t(vietnamese(invalid), text)
            return try await renderList(request, form: form, errors: errors, status: .badRequest)
        }
    }

    /// The Vietnamese for ``UserAccounts/Invalid``'s English reasons.
    static func vietnamese(_ invalid: UserAccounts.Invalid) -> String {
        let text = invalid.description
        if text.contains("already exists") { return "Đã có người dùng với email này" }
        if text.contains("not an email") { return "Email không hợp lệ, ví dụ lan@example.vn" }
        if text.contains("password") { return "Mật khẩu cần ít nhất \(UserAccounts.minimumPasswordLength) ký tự" }
        if text.contains("name") { return "Nhập họ tên" }
        return text
    }

    // MARK: - One person

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderMember(request, form: nil, errors: [:], status: .ok)
    }

    static func renderMember(_ request: Request, form: Form?, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        guard let id = request.parameters.get("id", as: Int64.self),
              let member = try await StaffDirectory.list(on: request.db).first(where: { $0.id == id }) else {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có người dùng này.", "There is no such user."))
        }
        let departments = try await StaffDirectory.departments(on: request.db)
        let roles = try await roleChoices(request, lang)
        let form = form ?? Form(name: member.name, email: member.email, role: member.role,
                                department: member.departmentID.map(String.init) ?? "", extensions: member.extensionsText,
                                active: member.active ? "on" : nil)
        let done = QueryItems(request.url.query ?? "")["done"]
        let html = Layout.page(context, title: member.name, section: .settings, subtitle: member.email,
                               actions: [Tag.link("/settings/users", lang.t("← Người dùng", "← Users"), class: "button")], content: [
            done.map { $0 == "password" ? lang.t("Đã đặt mật khẩu mới.", "The new password is set.") : lang.t("Đã lưu.", "Saved.") }
                .map { Tag.div("notice success", [Tag.el("p", [], [.text($0)])]) } ?? .empty,
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa lưu được: hãy sửa các ô được đánh dấu.", "Not saved yet: fix the marked fields."))]),
            Tag.el("form", [("method", "post"), ("action", "/settings/users/\(member.id)"), ("class", "panel form-grid"),
                            ("id", "member-form")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Họ tên", "Name"), name: "name", value: form.name ?? "", error: errors["name"], required: true),
                fields(context, form: form, errors: errors, departments: departments, roles: roles),
                Tag.div(errors["active"] == nil ? "field" : "field invalid", [
                    Tag.el("label", [], [
                        Tag.void("input", [("type", "checkbox"), ("name", "active"), ("value", "on"),
                                           ("checked", form.active == "on" ? "" : nil)]),
                        .text(" " + lang.t("Đang làm việc (bỏ chọn để khoá tài khoản: không đăng nhập được nữa)",
                                           "Active (untick to deactivate: they can no longer sign in)")),
                    ]),
                    errors["active"].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
                ]),
                Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button primary")],
                                                [.text(lang.t("Lưu thay đổi", "Save changes"))])]),
            ]),
            Tag.el("form", [("method", "post"), ("action", "/settings/users/\(member.id)/password"), ("class", "panel form-grid"),
                            ("id", "password-form")], [
                Tag.el("h2", [], [.text(lang.t("Đặt mật khẩu mới", "Set a new password"))]),
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Mật khẩu mới (ít nhất 8 ký tự)", "New password (at least 8 characters)"), name: "password",
                          value: "", type: "password", error: errors["password"], required: true),
                Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button")],
                                                [.text(lang.t("Đặt mật khẩu", "Set password"))])]),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let lang = try request.page.lang
        let form = try request.content.decode(Form.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        do {
            try await StaffDirectory.update(id, name: form.name ?? "", role: form.role ?? "",
                                            departmentID: form.department.flatMap { Int64($0) }, extensions: form.extensions ?? "",
                                            active: form.active == "on", by: try request.pageViewer().id, on: request.db)
            return request.redirect(to: "/settings/users/\(id)?done=saved")
        } catch let problems as StaffDirectory.Problems {
            return try await renderMember(request, form: form, errors: lang.pick(problems.fields), status: .badRequest)
        }
    }

    @Sendable static func password(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let lang = try request.page.lang
        let form = try request.content.decode(Form.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        do {
            try await StaffDirectory.setPassword(id, to: form.password ?? "", on: request.db)
            return request.redirect(to: "/settings/users/\(id)?done=password")
        } catch let problems as StaffDirectory.Problems {
            return try await renderMember(request, form: nil, errors: lang.pick(problems.fields), status: .badRequest)
        }
    }
}
