import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Danh mục khách hàng (administrators): sources, groups (a tree) and relations (an order), one
/// page per kind at `/settings/catalogues/{sources|groups|relations}`. Each entry shows how many customers use
/// it and can be renamed (a group also moved), moved up or down (relations) and deleted while unused.
enum CataloguesPage {
    struct Form: Content {
        var name: String?
        var parent: String?
        var direction: String?
    }

    /// A row whose form was refused: its id, what was typed and the messages.
    struct Editing {
        var id: Int64
        var form: Form
        var errors: [String: String]
    }

    typealias Kind = CustomerCatalogues.Kind

    static func title(_ kind: Kind, _ lang: Lang) -> String {
        switch kind {
        case .sources: return lang.t("Nguồn khách hàng", "Sources")
        case .groups: return lang.t("Nhóm khách hàng", "Groups")
        case .relations: return lang.t("Mối quan hệ", "Relations")
        }
    }

    private static func kind(_ request: Request) throws -> Kind {
        guard let kind = request.parameters.get("kind").flatMap(Kind.init(rawValue:)) else { throw Abort(.notFound) }
        return kind
    }

    private static func path(_ kind: Kind) -> String { "/settings/catalogues/\(kind.rawValue)" }

    /// An empty parent is the top of the tree; anything else must be a number.
    private static func parentID(_ form: Form) -> Int64?? {
        guard let text = form.parent, !text.isEmpty else { return .some(nil) }
        return Int64(text).map { .some($0) } ?? .none
    }

    // MARK: - Handlers

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await render(request, kind: try kind(request), add: Form(), addErrors: [:], editing: nil, status: .ok)
    }

    /// `/settings/catalogues` opens the first list.
    @Sendable static func first(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return request.redirect(to: path(.sources))
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let kind = try kind(request)
        let form = try request.content.decode(Form.self)
        let lang = try request.page.lang
        do {
            guard let parent = parentID(form) else {
                throw CustomerCatalogues.Problems(fields: ["parent": "Không có nhóm cha này · No such parent group"])
            }
            try await CustomerCatalogues.add(kind, name: form.name ?? "", parentID: parent, on: request.db)
            return request.redirect(to: path(kind) + "?done=added")
        } catch let problems as CustomerCatalogues.Problems {
            return try await render(request, kind: kind, add: form, addErrors: lang.pick(problems.fields), editing: nil,
                                    status: .badRequest)
        }
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let kind = try kind(request)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let form = try request.content.decode(Form.self)
        let lang = try request.page.lang
        do {
            guard let parent = parentID(form) else {
                throw CustomerCatalogues.Problems(fields: ["parent": "Không có nhóm cha này · No such parent group"])
            }
            try await CustomerCatalogues.update(kind, id: id, name: form.name ?? "", parentID: parent, on: request.db)
            return request.redirect(to: path(kind) + "?done=saved")
        } catch let problems as CustomerCatalogues.Problems {
            return try await render(request, kind: kind, add: Form(), addErrors: [:],
                                    editing: Editing(id: id, form: form, errors: lang.pick(problems.fields)), status: .badRequest)
        }
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        guard try kind(request) == .relations, let id = request.parameters.get("id", as: Int64.self) else {
            throw Abort(.notFound)
        }
        let form = try request.content.decode(Form.self)
        try await CustomerCatalogues.move(relation: id, up: form.direction != "down", on: request.db)
        return request.redirect(to: path(.relations) + "?done=moved")
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let kind = try kind(request)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let lang = try request.page.lang
        do {
            try await CustomerCatalogues.delete(kind, id: id, on: request.db)
            return request.redirect(to: path(kind) + "?done=deleted")
        } catch let problems as CustomerCatalogues.Problems {
            return try await render(request, kind: kind, add: Form(), addErrors: [:],
                                    editing: Editing(id: id, form: Form(), errors: lang.pick(problems.fields)),
                                    status: .badRequest)
        }
    }

    // MARK: - View

    static func render(_ request: Request, kind: Kind, add: Form, addErrors: [String: String], editing: Editing?,
                       status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let entries = try await CustomerCatalogues.list(kind, on: request.db)
        let done: String? = SettingsPageSupport.done(request).map {
            switch $0 {
            case "added": return lang.t("Đã thêm.", "Added.")
            case "deleted": return lang.t("Đã xoá.", "Deleted.")
            case "moved": return lang.t("Đã đổi thứ tự.", "Order changed.")
            default: return lang.t("Đã lưu.", "Saved.")
            }
        }
        let groupOptions: [(value: String, label: String)] = [("", lang.t("— Nhóm gốc —", "— Top level —"))]
            + entries.map { (String($0.id), String(repeating: "— ", count: $0.depth) + $0.name) }
        let rows = entries.enumerated().map { index, entry in
            row(context, kind: kind, entry: entry, isFirst: index == 0, isLast: index == entries.count - 1,
                editing: editing?.id == entry.id ? editing : nil,
                parentOptions: groupOptions.filter { $0.value != String(entry.id) })
        }
        let subTabs = Tag.div("tabs", Kind.allCases.map {
            Tag.link(path($0), title($0, lang), class: $0 == kind ? "tab active" : "tab")
        })
        let html = Layout.page(context, title: lang.t("Cài đặt › ", "Settings › ") + title(kind, lang), section: .settings,
                               actions: SettingsTabs.links(context, current: "/settings/catalogues/sources"), content: [
            subTabs,
            Tag.notice(done.map { ($0, false) }),
            editing.map { SettingsPageSupport.refusedBanner(lang, $0.errors) } ?? .empty,
            Tag.el("section", [("class", "panel")], [
                entries.isEmpty
                    ? Tag.el("p", [("class", "muted")], [.text(lang.t("Danh sách còn trống.", "The list is empty."))])
                    : SettingsPageSupport.table(id: "catalogue", head: [
                        SettingsPageSupport.th(lang.t("Tên", "Name")),
                        SettingsPageSupport.th(lang.t("Khách hàng", "Customers"), num: true),
                        SettingsPageSupport.th(""),
                    ], rows: rows),
                kind == .relations ? Tag.el("p", [("class", "hint")], [.text(lang.t(
                    "Thứ tự từ trên xuống là thứ tự chăm sóc khách hàng (Mới → Đang chăm sóc → Đã mua → Ngừng).",
                    "Top to bottom is the order customers move through (New → In care → Bought → Stopped)."))]) : .empty,
            ]),
            SettingsPageSupport.form(context, action: path(kind), class: "panel form-grid", id: "catalogue-form", [
                Tag.el("h2", [], [.text(lang.t("Thêm vào ", "Add to ") + title(kind, lang).lowercased())]),
                SettingsPageSupport.refusedBanner(lang, addErrors),
                Tag.field(lang.t("Tên", "Name"), name: "name", value: add.name ?? "", error: addErrors["name"], required: true),
                kind == .groups
                    ? SettingsPageSupport.select(lang.t("Nhóm cha", "Parent group"), name: "parent", groupOptions,
                                                 selected: add.parent ?? "", error: addErrors["parent"])
                    : .empty,
                Tag.div("form-actions", [SettingsPageSupport.submit(lang.t("Thêm", "Add"), primary: true)]),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    private static func row(_ context: PageContext, kind: Kind, entry: CustomerCatalogues.Entry, isFirst: Bool,
                            isLast: Bool, editing: Editing?, parentOptions: [(value: String, label: String)]) -> Markup {
        let lang = context.lang
        let errors = editing?.errors ?? [:]
        let typed = editing.flatMap { $0.form.name } ?? entry.name
        let parent = editing.flatMap { $0.form.parent } ?? entry.parentID.map(String.init) ?? ""
        let base = path(kind) + "/\(entry.id)"
        var count = NumberFormat.grouped(entry.customers)
        if entry.deletedCustomers > 0 {
            count += lang.t(" (+\(NumberFormat.grouped(entry.deletedCustomers)) đã xoá)",
                            " (+\(NumberFormat.grouped(entry.deletedCustomers)) deleted)")
        }
        let messages = ["name", "parent", "delete"].compactMap { errors[$0] }
        return Tag.el("tr", [("class", errors.isEmpty ? "entry" : "entry invalid"), ("id", "entry-\(entry.id)")], [
            Tag.el("td", [], [
                SettingsPageSupport.form(context, action: base, class: "inline-form", [
                    Tag.el("span", [("style", "padding-left:\(entry.depth * 22)px")],
                           [.text(entry.depth > 0 ? "└ " : "")]),
                    Tag.void("input", [("type", "text"), ("name", "name"), ("value", typed), ("required", ""),
                                       ("aria-label", lang.t("Tên", "Name"))]),
                    kind == .groups ? Tag.select("parent", id: "parent-\(entry.id)", parentOptions, selected: parent) : .empty,
                    SettingsPageSupport.submit(lang.t("Lưu", "Save"), small: true),
                ]),
                .group(messages.map { Tag.el("p", [("class", "error")], [.text($0)]) }),
            ]),
            Tag.el("td", [("class", "num")], [.text(count)]),
            Tag.el("td", [("class", "row-actions")], [
                kind == .relations && !isFirst
                    ? SettingsPageSupport.form(context, action: base + "/move", [
                        Tag.hidden("direction", "up"), SettingsPageSupport.submit("↑ " + lang.t("Lên", "Up"), small: true)])
                    : .empty,
                kind == .relations && !isLast
                    ? SettingsPageSupport.form(context, action: base + "/move", [
                        Tag.hidden("direction", "down"), SettingsPageSupport.submit("↓ " + lang.t("Xuống", "Down"), small: true)])
                    : .empty,
                SettingsPageSupport.form(context, action: base + "/delete", [
                    SettingsPageSupport.submit(lang.t("Xoá", "Delete"), small: true)]),
            ]),
        ])
    }
}
