import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Sản phẩm (administrators): the product list (code, name, unit, list price), adding a product and
/// changing one. Prices are typed as `1.250.000` or `1250000`.
enum ProductsPage {
    struct Form: Content {
        var code: String?
        var name: String?
        var unit: String?
        var price: String?
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderList(request, form: Form(), errors: [:], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let form = try request.content.decode(Form.self)
        do {
            try await ProductCatalogue.add(code: form.code ?? "", name: form.name ?? "", unit: form.unit ?? "",
                                           price: form.price ?? "", on: request.db)
            return request.redirect(to: "/settings/products?done=added")
        } catch let problems as ProductCatalogue.Problems {
            return try await renderList(request, form: form, errors: try request.page.lang.pick(problems.fields),
                                        status: .badRequest)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        return try await renderProduct(request, form: nil, errors: [:], status: .ok)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let form = try request.content.decode(Form.self)
        do {
            guard try await ProductCatalogue.list(on: request.db).contains(where: { $0.id == id }) else { throw Abort(.notFound) }
            try await ProductCatalogue.update(id, code: form.code ?? "", name: form.name ?? "", unit: form.unit ?? "",
                                              price: form.price ?? "", on: request.db)
            return request.redirect(to: "/settings/products?done=saved")
        } catch let problems as ProductCatalogue.Problems {
            return try await renderProduct(request, form: form, errors: try request.page.lang.pick(problems.fields),
                                           status: .badRequest)
        }
    }

    // MARK: - View

    private static func fields(_ lang: Lang, form: Form, errors: [String: String]) -> [Markup] {
        [
            Tag.field(lang.t("Mã sản phẩm", "Product code"), name: "code", value: form.code ?? "", error: errors["code"],
                      placeholder: "SP001", required: true),
            Tag.field(lang.t("Tên sản phẩm", "Product name"), name: "name", value: form.name ?? "", error: errors["name"],
                      required: true),
            Tag.field(lang.t("Đơn vị tính", "Unit"), name: "unit", value: form.unit ?? "", error: errors["unit"],
                      placeholder: lang.t("cái, gói, tháng…", "piece, pack, month…")),
            Tag.field(lang.t("Giá bán (₫)", "List price (₫)"), name: "price", value: form.price ?? "", error: errors["price"],
                      placeholder: "1.250.000", required: true),
        ]
    }

    static func renderList(_ request: Request, form: Form, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let products = try await ProductCatalogue.list(on: request.db)
        let done = SettingsPageSupport.done(request).map {
            ($0 == "added" ? lang.t("Đã thêm sản phẩm.", "Product added.") : lang.t("Đã lưu.", "Saved."), false)
        }
        let rows: [Markup] = products.map { product in
            Tag.el("tr", [("class", "product")], [
                Tag.el("td", [("class", "code")], [Tag.link("/settings/products/\(product.id)", product.code)]),
                SettingsPageSupport.td(product.name),
                SettingsPageSupport.td(product.unit ?? "—"),
                SettingsPageSupport.td(context.money(product.price), num: true),
                SettingsPageSupport.td(NumberFormat.grouped(product.orderLines), num: true),
            ])
        }
        let html = Layout.page(context, title: lang.t("Cài đặt › Sản phẩm", "Settings › Products"), section: .settings,
                               actions: SettingsTabs.links(context, current: "/settings/products"), content: [
            Tag.notice(done),
            Tag.el("section", [("class", "panel")], [
                products.isEmpty
                    ? Tag.el("p", [("class", "muted")], [.text(lang.t("Chưa có sản phẩm nào.", "No products yet."))])
                    : SettingsPageSupport.table(id: "product-list", head: [
                        SettingsPageSupport.th(lang.t("Mã", "Code")), SettingsPageSupport.th(lang.t("Tên", "Name")),
                        SettingsPageSupport.th(lang.t("Đơn vị", "Unit")),
                        SettingsPageSupport.th(lang.t("Giá bán", "List price"), num: true),
                        SettingsPageSupport.th(lang.t("Dòng đơn hàng", "Order lines"), num: true),
                    ], rows: rows),
            ]),
            SettingsPageSupport.form(context, action: "/settings/products", class: "panel form-grid", id: "product-form",
                                     [Tag.el("h2", [], [.text(lang.t("Thêm sản phẩm", "Add a product"))]),
                                      SettingsPageSupport.refusedBanner(lang, errors)]
                                     + fields(lang, form: form, errors: errors)
                                     + [Tag.div("form-actions", [SettingsPageSupport.submit(lang.t("Thêm sản phẩm", "Add product"),
                                                                                            primary: true)])]),
        ])
        return Layout.response(html, status: status)
    }

    static func renderProduct(_ request: Request, form: Form?, errors: [String: String], status: HTTPResponseStatus)
        async throws -> Response {
        let context = try request.page
        let lang = context.lang
        guard let id = request.parameters.get("id", as: Int64.self),
              let product = try await ProductCatalogue.list(on: request.db).first(where: { $0.id == id }) else {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có sản phẩm này.", "There is no such product."))
        }
        let form = form ?? Form(code: product.code, name: product.name, unit: product.unit ?? "",
                                price: NumberFormat.grouped(product.price))
        let html = Layout.page(context, title: product.name, section: .settings, subtitle: product.code,
                               actions: [Tag.link("/settings/products", lang.t("← Sản phẩm", "← Products"), class: "button")],
                               content: [
            SettingsPageSupport.form(context, action: "/settings/products/\(product.id)", class: "panel form-grid",
                                     id: "product-edit", [SettingsPageSupport.refusedBanner(lang, errors)]
                                     + fields(lang, form: form, errors: errors)
                                     + [Tag.el("p", [("class", "hint")], [.text(lang.t(
                                         "Đơn hàng đã tạo giữ nguyên tên và đơn giá của dòng hàng.",
                                         "Orders already taken keep their lines' names and prices."))]),
                                        Tag.div("form-actions", [SettingsPageSupport.submit(lang.t("Lưu thay đổi", "Save changes"),
                                                                                            primary: true)])]),
        ])
        return Layout.response(html, status: status)
    }
}
