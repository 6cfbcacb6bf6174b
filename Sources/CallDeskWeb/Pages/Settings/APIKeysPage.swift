import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Khoá API (administrators): every key (name, owner, prefix, created, last used, revoked), a new key
/// for a user — shown once, on the page answering the form, never in a URL — and revoking a key.
enum APIKeysPage {
    struct Form: Content {
        var user: String?
        var name: String?
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await render(request, form: Form(), errors: [:], created: nil, status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let viewerID = try request.pageViewer().id
        let form = try request.content.decode(Form.self)
        do {
            let created = try await APIKeys.create(forUser: form.user.flatMap { Int64($0) }, name: form.name ?? "",
                                                   on: request.db)
            request.logger.notice("api key created", metadata: ["key": "\(created.id)", "by": "\(viewerID)"])
            return try await render(request, form: Form(), errors: [:], created: (created, form.name ?? ""), status: .ok)
        } catch let problems as APIKeys.Problems {
            return try await render(request, form: form, errors: try request.page.lang.pick(problems.fields), created: nil,
                                    status: .badRequest)
        }
    }

    @Sendable static func revoke(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let viewerID = try request.pageViewer().id
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        try await APIKeys.revoke(id, on: request.db)
        request.logger.notice("api key revoked", metadata: ["key": "\(id)", "by": "\(viewerID)"])
        return request.redirect(to: "/settings/api-keys?done=revoked")
    }

    static func render(_ request: Request, form: Form, errors: [String: String], created: (APIKeys.Created, String)?,
                       status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let keys = try await APIKeys.list(on: request.db)
        let people = try await StaffDirectory.list(on: request.db).filter(\.active)
        let done = SettingsPageSupport.done(request).map { _ in (lang.t("Đã thu hồi khoá.", "The key is revoked."), false) }
        var secret: Markup = .empty
        if let created {
            let (key, typed) = created
            let name = keys.first { $0.id == key.id }?.name ?? typed
            secret = Tag.el("section", [("class", "panel secret-once"), ("id", "new-key")], [
                Tag.el("h2", [], [.text(lang.t("Khoá API “\(name)”", "API key “\(name)”"))]),
                Tag.el("p", [], [.text(lang.t("Chỉ hiển thị một lần — hãy sao chép ngay. CallDesk chỉ lưu mã băm của khoá.",
                                              "Shown only once — copy it now. CallDesk keeps only a hash of it."))]),
                Tag.el("pre", [("class", "secret")], [.text(key.key)]),
                Tag.el("p", [("class", "hint")], [.text("Authorization: Bearer \(key.key.prefix(8))…")]),
            ])
        }
        let rows: [Markup] = keys.map { key in
            Tag.el("tr", [("class", key.revokedAt == nil ? "api-key" : "api-key revoked")], [
                SettingsPageSupport.td(key.name),
                Tag.el("td", [], [.text(key.ownerName), Tag.el("div", [("class", "muted small")], [.text(key.ownerEmail)]),
                                  key.ownerActive ? .empty : Tag.span("badge warn", lang.t("Đã khoá", "Deactivated"))]),
                Tag.el("td", [("class", "code")], [Tag.el("code", [], [.text(key.prefix + "…")])]),
                Tag.el("td", [("class", "time")], [.text(context.time(key.createdAt))]),
                Tag.el("td", [("class", "time")], [.text(key.lastUsedAt.map(context.time) ?? lang.t("chưa dùng", "never"))]),
                Tag.el("td", [], [key.revokedAt.map { Tag.span("badge warn", lang.t("Đã thu hồi ", "Revoked ") + context.time($0)) }
                                  ?? .text(lang.t("Đang dùng", "Active"))]),
                Tag.el("td", [("class", "row-actions")], [key.revokedAt != nil ? .empty
                    : SettingsPageSupport.form(context, action: "/settings/api-keys/\(key.id)/revoke", [
                        SettingsPageSupport.submit(lang.t("Thu hồi", "Revoke"), small: true)])]),
            ])
        }
        let html = Layout.page(context, title: lang.t("Cài đặt › Khoá API", "Settings › API keys"), section: .settings,
                               actions: SettingsTabs.links(context, current: "/settings/api-keys"), content: [
            Tag.notice(done),
            secret,
            Tag.el("section", [("class", "panel")], [
                keys.isEmpty
                    ? Tag.el("p", [("class", "muted")], [.text(lang.t("Chưa có khoá API nào.", "No API keys yet."))])
                    : SettingsPageSupport.table(id: "api-keys", head: [
                        SettingsPageSupport.th(lang.t("Tên", "Name")), SettingsPageSupport.th(lang.t("Người dùng", "Owner")),
                        SettingsPageSupport.th(lang.t("Tiền tố", "Prefix")), SettingsPageSupport.th(lang.t("Tạo lúc", "Created")),
                        SettingsPageSupport.th(lang.t("Dùng lần cuối", "Last used")),
                        SettingsPageSupport.th(lang.t("Trạng thái", "Status")), SettingsPageSupport.th(""),
                    ], rows: rows),
                Tag.el("p", [("class", "hint")], [.text(lang.t(
                    "Khoá API hành động với phạm vi xem của người sở hữu; người dùng bị khoá thì khoá API cũng ngừng.",
                    "A key acts with its owner's scope; a deactivated owner's keys stop working."))]),
            ]),
            SettingsPageSupport.form(context, action: "/settings/api-keys", class: "panel form-grid", id: "api-key-form", [
                Tag.el("h2", [], [.text(lang.t("Tạo khoá API", "Create an API key"))]),
                SettingsPageSupport.refusedBanner(lang, errors),
                SettingsPageSupport.select(lang.t("Người dùng", "User"), name: "user",
                                           [("", lang.t("— Chọn người dùng —", "— Choose a user —"))]
                                           + people.map { (String($0.id), "\($0.name) · \($0.email)") },
                                           selected: form.user ?? "", error: errors["user"]),
                Tag.field(lang.t("Tên khoá (dùng cho việc gì)", "Key name (what it is for)"), name: "name",
                          value: form.name ?? "", error: errors["name"], required: true),
                Tag.div("form-actions", [SettingsPageSupport.submit(lang.t("Tạo khoá", "Create key"), primary: true)]),
            ]),
        ])
        // Layout.response already forbids caching; said again here because this page may carry a secret.
        let response = Layout.response(html, status: status)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
