import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Tổng đài (administrators): the PBX connections, adding one, and a new secret for one. A secret
/// is shown once, on the page that answers the form that made it (never stored in clear, never in a URL).
enum PBXConnectionsPage {
    struct AddForm: Content {
        var name: String?
        var provider: String?
        var code: String?
    }

    struct RotateForm: Content {
        var name: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try requireAdministrator(request)
        return try await page(request, form: AddForm(provider: "getfly"), error: nil, created: nil)
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        try requireAdministrator(request)
        let form = try request.content.decode(AddForm.self)
        let lang = try request.page.lang
        guard let provider = PBXProvider(rawValue: form.provider ?? "") else {
            return try await page(request, form: form, error: lang.t("Chọn loại tổng đài.", "Choose the kind of PBX."),
                                  created: nil, status: .badRequest)
        }
        do {
            let code = form.code?.trimmingCharacters(in: .whitespaces)
            let created = try await PBXConnections.add(name: form.name ?? "", provider: provider,
                                                       code: code?.isEmpty == false ? code : nil, on: request.db)
            return try await page(request, form: AddForm(provider: "getfly"), error: nil, created: created)
        } catch let invalid as PBXConnectionInvalid {
            return try await page(request, form: form, error: (try request.page.lang).t(invalid.vietnamese, invalid.description), created: nil, status: .badRequest)
        }
    }

    struct ActiveForm: Content {
        var name: String?
        var active: String?
    }

    /// Turns a connection off or on again.
    @Sendable static func setActive(_ request: Request) async throws -> Response {
        try requireAdministrator(request)
        let form = try request.content.decode(ActiveForm.self)
        do {
            try await PBXConnections.setActive(name: form.name ?? "", active: form.active == "true", on: request.db)
            return request.redirect(to: "/settings/pbx", redirectType: .normal)
        } catch let invalid as PBXConnectionInvalid {
            return try await page(request, form: AddForm(provider: "getfly"), error: (try request.page.lang).t(invalid.vietnamese, invalid.description), created: nil,
                                  status: .badRequest)
        }
    }

    @Sendable static func rotate(_ request: Request) async throws -> Response {
        try requireAdministrator(request)
        let form = try request.content.decode(RotateForm.self)
        do {
            let rotated = try await PBXConnections.rotateSecret(name: form.name ?? "", on: request.db)
            return try await page(request, form: AddForm(provider: "getfly"), error: nil, created: rotated)
        } catch let invalid as PBXConnectionInvalid {
            return try await page(request, form: AddForm(provider: "getfly"), error: (try request.page.lang).t(invalid.vietnamese, invalid.description), created: nil,
                                  status: .badRequest)
        }
    }

    private static func requireAdministrator(_ request: Request) throws {
        guard try request.pageViewer().isAdministrator else {
            let lang = try request.page.lang
            throw ReportRefusal(lang.t("chỉ quản trị viên mới mở được phần Cài đặt", "only administrators may open the settings"))
        }
    }

    static let providerNames: [(value: String, label: String)] = [
        ("getfly", "Getfly-compatible (tổng đài đã tích hợp Getfly)"), ("native", "CallDesk API"),
        ("asterisk", "Asterisk / FreePBX"), ("yeastar", "Yeastar"), ("stringee", "Stringee"),
        ("omicall", "Omicall"), ("zorio", "Zorio"),
    ]

    private static func page(_ request: Request, form: AddForm, error: String?, created: PBXConnections.Created?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let connections = try await PBXConnections.list(on: request.db)
        let base = "\(request.url.scheme ?? "http")://\(request.headers.first(name: .host) ?? "127.0.0.1:8080")"
        var notice: Markup = .empty
        if let created {
            let urls = created.connection.provider.ingestionURLs(code: created.connection.code, base: base)
            notice = Tag.el("section", [("class", "panel secret-once"), ("id", "new-secret")], [
                Tag.el("h2", [], [.text(lang.t("Khóa bí mật của “\(created.connection.name)”",
                                               "Secret of “\(created.connection.name)”"))]),
                Tag.el("p", [], [.text(lang.t("Chỉ hiển thị một lần — hãy sao chép vào cấu hình tổng đài ngay.",
                                              "Shown only once — copy it into the PBX's settings now."))]),
                Tag.el("pre", [("class", "secret")], [.text(created.secret)]),
                Tag.el("ul", [], urls.map { Tag.el("li", [], [Tag.el("code", [], [.text($0)])]) }),
            ])
        }
        let rows: [Markup] = connections.map { c in
            Tag.el("tr", [("class", "connection")], [
                Tag.el("td", [], [.text(c.name)]),
                Tag.el("td", [], [.text(providerNames.first { $0.value == c.provider.rawValue }?.label ?? c.provider.rawValue)]),
                Tag.el("td", [], [Tag.el("code", [], [.text(c.code)])]),
                Tag.el("td", [], [.text(c.active ? lang.t("Đang dùng", "Active") : lang.t("Tạm dừng", "Inactive"))]),
                Tag.el("td", [], [.text(c.lastCallAt.map(context.time) ?? lang.t("chưa có", "none yet"))]),
                Tag.el("td", [("class", "row-actions")], [
                    Tag.el("form", [("method", "post"), ("action", "/settings/pbx/rotate")], [
                        Tag.hidden(WebSecurity.csrfField, context.csrf),
                        Tag.hidden("name", c.name),
                        Tag.el("button", [("type", "submit"), ("class", "button small")],
                               [.text(lang.t("Tạo khóa mới", "New secret"))]),
                    ]),
                    Tag.el("form", [("method", "post"), ("action", "/settings/pbx/active")], [
                        Tag.hidden(WebSecurity.csrfField, context.csrf),
                        Tag.hidden("name", c.name),
                        Tag.hidden("active", c.active ? "false" : "true"),
                        Tag.el("button", [("type", "submit"), ("class", "button small")],
                               [.text(c.active ? lang.t("Tạm dừng", "Deactivate") : lang.t("Bật lại", "Activate"))]),
                    ]),
                ]),
            ])
        }
        let html = Layout.page(context, title: lang.t("Cài đặt › Tổng đài", "Settings › PBX connections"),
                               section: .settings, actions: SettingsTabs.links(context, current: "/settings/pbx"), content: [
            error.map { Tag.div("notice error", [.text($0)]) } ?? .empty,
            notice,
            Tag.el("section", [("class", "panel")], [
                connections.isEmpty
                    ? Tag.el("p", [("class", "muted")], [.text(lang.t("Chưa có tổng đài nào được kết nối.",
                                                                         "No PBX is connected yet."))])
                    : Tag.el("table", [("class", "data"), ("id", "pbx-connections")], [
                        Tag.el("thead", [], [Tag.el("tr", [], [
                            Tag.el("th", [], [.text(lang.t("Tên", "Name"))]),
                            Tag.el("th", [], [.text(lang.t("Loại", "Kind"))]),
                            Tag.el("th", [], [.text(lang.t("Mã nhà cung cấp", "Provider code"))]),
                            Tag.el("th", [], [.text(lang.t("Trạng thái", "Status"))]),
                            Tag.el("th", [], [.text(lang.t("Cuộc gọi gần nhất", "Last call"))]),
                            Tag.el("th", [], []),
                        ])]),
                        Tag.el("tbody", [], rows),
                    ]),
            ]),
            Tag.el("form", [("method", "post"), ("action", "/settings/pbx"), ("class", "panel form-grid"), ("id", "pbx-form")], [
                Tag.el("h2", [], [.text(lang.t("Kết nối tổng đài mới", "Connect a PBX"))]),
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Tên kết nối", "Connection name"), name: "name", value: form.name ?? "", required: true),
                Tag.div("field", [
                    Tag.el("label", [("for", "provider")], [.text(lang.t("Loại tổng đài", "Kind of PBX"))]),
                    Tag.select("provider", providerNames, selected: form.provider ?? "getfly"),
                ]),
                Tag.field(lang.t("Mã nhà cung cấp (tùy chọn)", "Provider code (optional)"), name: "code",
                          value: form.code ?? "", placeholder: "VFONE"),
                Tag.div("form-actions", [
                    Tag.el("button", [("type", "submit"), ("class", "button primary")],
                           [.text(lang.t("Tạo kết nối", "Create connection"))]),
                ]),
            ]),
        ])
        let response = Layout.response(html)
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

/// The settings pages, linked from each of them.
enum SettingsTabs {
    static func links(_ context: PageContext, current: String) -> [Markup] {
        let lang = context.lang
        return [("/settings/company", lang.t("Công ty", "Company")),
                ("/settings/departments", lang.t("Phòng ban", "Departments")), ("/settings/users", lang.t("Người dùng", "Users")),
                ("/settings/roles", lang.t("Vai trò & quyền", "Roles")),
                ("/settings/catalogues/sources", lang.t("Danh mục khách hàng", "Customer lists")),
                ("/settings/products", lang.t("Sản phẩm", "Products")),
                ("/settings/pbx", lang.t("Tổng đài", "PBX")), ("/settings/api-keys", lang.t("Khoá API", "API keys"))]
            .map { Tag.link($0.0, $0.1, class: $0.0 == current ? "button primary" : "button") }
    }
}
