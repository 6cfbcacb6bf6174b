import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Vai trò & quyền (administrators): every role with its permissions as a module × action grid (the
/// view cell carries the scope: Của tôi / Phòng ban / Tất cả, or none), creating a custom role, changing a
/// custom role's name and permissions, and deleting one nobody has. Built-in roles are shown read-only.
enum RolesPage {
    /// The form as posted: `name`, `view-<module>` = none|own|department|all, `<action>-<module>` = on.
    typealias Fields = [String: String]

    static func moduleLabel(_ module: String, _ lang: Lang) -> String {
        switch module {
        case "customers": return lang.t("Khách hàng", "Customers")
        case "calls": return lang.t("Cuộc gọi", "Calls")
        case "tasks": return lang.t("Công việc & lịch hẹn", "Tasks")
        case "orders": return lang.t("Đơn hàng", "Orders")
        case "reports": return lang.t("Báo cáo", "Reports")
        case "settings": return lang.t("Cài đặt", "Settings")
        default: return module
        }
    }

    static func actionLabel(_ action: String, _ lang: Lang) -> String {
        switch action {
        case "view": return lang.t("Xem", "View")
        case "create": return lang.t("Thêm", "Create")
        case "edit": return lang.t("Sửa", "Edit")
        case "delete": return lang.t("Xoá", "Delete")
        default: return action
        }
    }

    static func scopeLabel(_ scope: ViewScope?, _ lang: Lang) -> String {
        switch scope {
        case .own: return lang.t("Của tôi", "Own")
        case .department: return lang.t("Phòng ban", "Department")
        case .all: return lang.t("Tất cả", "All")
        case nil: return lang.t("Không", "None")
        }
    }

    /// The grid's inputs → permissions; a scope that is not one of the four is a message on its module.
    static func parse(_ fields: Fields) -> (RoleDirectory.Permissions, [String: String]) {
        var permissions = RoleDirectory.Permissions()
        var problems: [String: String] = [:]
        for module in RoleDirectory.modules {
            let scope = fields["view-\(module)"] ?? "none"
            if let parsed = ViewScope(rawValue: scope) {
                permissions.view[module] = parsed
            } else if scope != "none" && !scope.isEmpty {
                problems["module.\(module)"] = "Phạm vi xem không hợp lệ · Not a view scope"
            }
            for action in RoleDirectory.changeActions where fields["\(action)-\(module)"] == "on" {
                permissions.allowed.insert("\(module).\(action)")
            }
        }
        return (permissions, problems)
    }

    // MARK: - Handlers

    @Sendable static func list(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderList(request, fields: ["view-customers": "own"], errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let viewerID = try request.pageViewer().id
        let fields = try request.content.decode(Fields.self)
        let lang = try request.page.lang
        let (permissions, problems) = parse(fields)
        do {
            guard problems.isEmpty else {
                let others = try await RoleDirectory.problems(name: fields["name"] ?? "", permissions: permissions, except: nil,
                                                              on: request.db)
                throw RoleDirectory.Problems(fields: problems.merging(others) { a, _ in a })
            }
            let id = try await RoleDirectory.create(name: fields["name"] ?? "", permissions: permissions, on: request.db)
            request.logger.notice("role created", metadata: ["role": "\(id)", "by": "\(viewerID)"])
            return request.redirect(to: "/settings/roles?done=created")
        } catch let refused as RoleDirectory.Problems {
            return try await renderList(request, fields: fields, errors: lang.pick(refused.fields.merging(problems) { a, _ in a }),
                                        status: .badRequest)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderRole(request, fields: nil, errors: [:], status: .ok)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let viewerID = try request.pageViewer().id
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let fields = try request.content.decode(Fields.self)
        let lang = try request.page.lang
        let (permissions, problems) = parse(fields)
        do {
            guard problems.isEmpty else {
                let others = try await RoleDirectory.problems(name: fields["name"] ?? "", permissions: permissions, except: id,
                                                              on: request.db)
                throw RoleDirectory.Problems(fields: problems.merging(others) { a, _ in a })
            }
            try await RoleDirectory.update(id, name: fields["name"] ?? "", permissions: permissions, on: request.db)
            request.logger.notice("role changed", metadata: ["role": "\(id)", "by": "\(viewerID)"])
            return request.redirect(to: "/settings/roles/\(id)?done=saved")
        } catch let refused as RoleDirectory.Problems {
            return try await renderRole(request, fields: fields, errors: lang.pick(refused.fields.merging(problems) { a, _ in a }),
                                        status: .badRequest)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        do {
            try await RoleDirectory.delete(id, on: request.db)
            return request.redirect(to: "/settings/roles?done=deleted")
        } catch let refused as RoleDirectory.Problems {
            return try await renderRole(request, fields: nil, errors: try request.page.lang.pick(refused.fields),
                                        status: .badRequest)
        }
    }

    // MARK: - View

    /// The grid: read-only for a built-in role (every module), inputs for a custom role (no settings row).
    static func grid(_ lang: Lang, permissions: RoleDirectory.Permissions, fields: Fields?, editable: Bool,
                     errors: [String: String], id: String) -> Markup {
        let modules = editable ? RoleDirectory.customModules : RoleDirectory.modules
        let rows: [Markup] = modules.map { module in
            let error = errors["module.\(module)"]
            let view: Markup
            if editable {
                let chosen = fields.map { $0["view-\(module)"] ?? "none" } ?? permissions.view[module]?.rawValue ?? "none"
                view = Tag.select("view-\(module)", id: "\(id)-view-\(module)",
                                  [("none", scopeLabel(nil, lang))] + ViewScope.allCases.map { ($0.rawValue, scopeLabel($0, lang)) },
                                  selected: chosen)
            } else {
                view = .text(scopeLabel(permissions.view[module], lang))
            }
            let cells: [Markup] = RoleDirectory.changeActions.map { action in
                let on = fields.map { $0["\(action)-\(module)"] == "on" } ?? permissions.allows(module, action)
                guard editable else { return Tag.el("td", [("class", "permission")], [.text(on ? "✓" : "—")]) }
                return Tag.el("td", [("class", "permission")], [
                    Tag.void("input", [("type", "checkbox"), ("name", "\(action)-\(module)"), ("value", "on"),
                                       ("checked", on ? "" : nil),
                                       ("aria-label", "\(actionLabel(action, lang)) · \(moduleLabel(module, lang))")]),
                ])
            }
            return Tag.el("tr", [("class", error == nil ? "module" : "module invalid"), ("data-module", module)], [
                Tag.el("th", [], [.text(moduleLabel(module, lang)),
                                  error.map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty]),
                Tag.el("td", [("class", "scope")], [view]),
            ] + cells)
        }
        return SettingsPageSupport.table(id: id, head: [SettingsPageSupport.th(lang.t("Phân hệ", "Module"))]
            + RoleDirectory.actions.map {
                SettingsPageSupport.th(actionLabel($0, lang) + ($0 == "view" ? lang.t(" (phạm vi)", " (scope)") : ""))
            },
            rows: rows)
    }

    private static func scopeHint(_ lang: Lang) -> Markup {
        Tag.el("p", [("class", "hint")], [.text(lang.t(
            "Phạm vi xem: Của tôi = khách hàng và số liệu mình phụ trách; Phòng ban = phòng ban của mình, "
                + "các phòng mình làm trưởng và mọi phòng con; Tất cả = toàn công ty. "
                + "Trưởng phòng luôn có ít nhất phạm vi Phòng ban. Chỉ vai trò Quản trị viên vào được Cài đặt.",
            "View scope: Own = what the person owns; Department = their department, every department they head "
                + "and all sub-departments; All = the whole company. Heads of department always get at least "
                + "Department. Only the Administrator role opens the settings."))])
    }

    static func renderList(_ request: Request, fields: Fields, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let roles = try await RoleDirectory.list(on: request.db)
        let done = SettingsPageSupport.done(request).map {
            ($0 == "deleted" ? lang.t("Đã xoá vai trò.", "The role is deleted.") : lang.t("Đã tạo vai trò.", "The role is created."), false)
        }
        let panels: [Markup] = roles.map { role in
            Tag.el("section", [("class", "panel role"), ("id", "role-\(role.id)")], [
                Tag.el("h2", [], [
                    role.builtin ? .text(role.name) : Tag.link("/settings/roles/\(role.id)", role.name),
                    .text(" "),
                    role.builtin ? Tag.span("badge", lang.t("có sẵn", "built-in")) : .empty,
                ]),
                Tag.el("p", [("class", "muted")], [.text(lang.t("\(NumberFormat.grouped(role.users)) người dùng",
                                                                "\(NumberFormat.grouped(role.users)) users"))]),
                grid(lang, permissions: role.permissions, fields: nil, editable: false, errors: [:], id: "grid-\(role.id)"),
                role.builtin ? .empty : Tag.div("link-actions", [
                    Tag.link("/settings/roles/\(role.id)", lang.t("Sửa quyền", "Edit permissions"), class: "button small")]),
            ])
        }
        let html = Layout.page(context, title: lang.t("Cài đặt › Vai trò & quyền", "Settings › Roles & permissions"),
                               section: .settings, actions: SettingsTabs.links(context, current: "/settings/roles"), content: [
            Tag.notice(done),
            scopeHint(lang),
            .group(panels),
            SettingsPageSupport.form(context, action: "/settings/roles", class: "panel form-grid wide-form", id: "role-form", [
                Tag.el("h2", [], [.text(lang.t("Tạo vai trò", "Create a role"))]),
                SettingsPageSupport.refusedBanner(lang, errors),
                Tag.field(lang.t("Tên vai trò", "Role name"), name: "name", value: fields["name"] ?? "", error: errors["name"],
                          required: true),
                grid(lang, permissions: .init(), fields: fields, editable: true, errors: errors, id: "new-role-grid"),
                Tag.div("form-actions", [SettingsPageSupport.submit(lang.t("Tạo vai trò", "Create role"), primary: true)]),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    static func renderRole(_ request: Request, fields: Fields?, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response {
        let context = try request.page
        let lang = context.lang
        guard let id = request.parameters.get("id", as: Int64.self),
              let role = try await RoleDirectory.list(on: request.db).first(where: { $0.id == id }) else {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có vai trò này.", "There is no such role."))
        }
        let saved = SettingsPageSupport.done(request).map { _ in (lang.t("Đã lưu.", "Saved."), false) }
        let users = lang.t("\(NumberFormat.grouped(role.users)) người dùng mang vai trò này",
                           "\(NumberFormat.grouped(role.users)) users have this role")
        var content: [Markup] = [Tag.notice(saved),
                                 errors["delete"].map { Tag.notice(($0, true)) } ?? .empty,
                                 scopeHint(lang)]
        if role.builtin {
            content.append(Tag.el("section", [("class", "panel")], [
                Tag.el("p", [], [.text(lang.t("Vai trò có sẵn: chỉ xem, không sửa hay xoá được. Muốn quyền khác thì tạo vai trò mới.",
                                              "A built-in role: read-only. For other permissions create a new role."))]),
                grid(lang, permissions: role.permissions, fields: nil, editable: false, errors: [:], id: "role-grid"),
            ]))
        } else {
            let formErrors = errors.filter { $0.key != "delete" }
            content.append(SettingsPageSupport.form(context, action: "/settings/roles/\(role.id)", class: "panel form-grid wide-form",
                                                    id: "role-edit", [
                SettingsPageSupport.refusedBanner(lang, formErrors),
                Tag.field(lang.t("Tên vai trò", "Role name"), name: "name", value: fields?["name"] ?? role.name,
                          error: formErrors["name"], required: true),
                grid(lang, permissions: role.permissions, fields: fields, editable: true, errors: formErrors, id: "role-grid"),
                Tag.div("form-actions", [SettingsPageSupport.submit(lang.t("Lưu thay đổi", "Save changes"), primary: true)]),
            ]))
            content.append(SettingsPageSupport.form(context, action: "/settings/roles/\(role.id)/delete", class: "panel",
                                                    id: "role-delete", [
                Tag.el("p", [("class", "muted")], [.text(lang.t("Chỉ xoá được vai trò không còn ai mang.",
                                                                "Only a role nobody has can be deleted."))]),
                SettingsPageSupport.submit(lang.t("Xoá vai trò", "Delete role")),
            ]))
        }
        let html = Layout.page(context, title: role.name, section: .settings, subtitle: users,
                               actions: [Tag.link("/settings/roles", lang.t("← Vai trò & quyền", "← Roles"), class: "button")],
                               content: content)
        return Layout.response(html, status: status)
    }
}
