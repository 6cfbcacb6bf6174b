import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/orders/new`: an order for a customer (`?customer=KH000123` from the customer's page) with up to
/// five lines — a catalogue product (its price unless another is typed) or any item with its price.
enum OrderFormPage {
    static let lineRows = 5

    struct Form: Content {
        var customer: String?
        var product0: String?, product1: String?, product2: String?, product3: String?, product4: String?
        var quantity0: String?, quantity1: String?, quantity2: String?, quantity3: String?, quantity4: String?
        var price0: String?, price1: String?, price2: String?, price3: String?, price4: String?

        var lines: [OrderChanges.LineDraft] {
            let products = [product0, product1, product2, product3, product4]
            let quantities = [quantity0, quantity1, quantity2, quantity3, quantity4]
            let prices = [price0, price1, price2, price3, price4]
            return (0..<OrderFormPage.lineRows).map {
                OrderChanges.LineDraft(product: products[$0] ?? "", quantity: quantities[$0] ?? "", unitPrice: prices[$0] ?? "")
            }
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let context = try request.page
        var form = Form()
        form.customer = QueryItems(request.url.query ?? "")["customer"].map { String($0.prefix(20)) }
        form.quantity0 = "1"
        let products = try await OrderBook.products(on: request.db)
        return Layout.response(render(context, products: products, form: form, errors: [:]))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let form = try request.content.decode(Form.self)
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "orders", on: request.db)
        do {
            let id = try await OrderChanges.create(customer: form.customer ?? "", lines: form.lines, createdBy: viewer.id,
                                                   access: access, now: Date(), on: request.db)
            request.logger.info("order created", metadata: ["order": "\(id)", "by": "\(viewer.id)"])
            return request.redirect(to: "/orders/\(id)?done=created")
        } catch let problems as OrderChanges.Problems {
            let products = try await OrderBook.products(on: request.db)
            return Layout.response(render(context, products: products, form: form,
                                          errors: context.lang.pick(problems.fields)), status: .badRequest)
        }
    }

    static func render(_ context: PageContext, products: [OrderBook.Product], form: Form, errors: [String: String]) -> String {
        let lang = context.lang
        let drafts = form.lines
        var rows: [Markup] = []
        for index in 0..<lineRows {
            let error = errors["line.\(index)"]
            rows.append(Tag.div(error == nil ? "order-line" : "order-line invalid", [
                Tag.void("input", [("type", "text"), ("name", "product\(index)"), ("id", "product\(index)"), ("list", "catalogue"),
                                   ("value", drafts[index].product),
                                   ("placeholder", lang.t("Mã SP hoặc tên hàng", "Product code or item name")),
                                   ("aria-label", lang.t("Hàng hoá dòng \(index + 1)", "Item of line \(index + 1)"))]),
                Tag.void("input", [("type", "text"), ("inputmode", "numeric"), ("name", "quantity\(index)"),
                                   ("value", drafts[index].quantity), ("placeholder", lang.t("SL", "Qty")),
                                   ("aria-label", lang.t("Số lượng dòng \(index + 1)", "Quantity of line \(index + 1)"))]),
                Tag.void("input", [("type", "text"), ("inputmode", "numeric"), ("name", "price\(index)"),
                                   ("value", drafts[index].unitPrice),
                                   ("placeholder", lang.t("Đơn giá (để trống: giá niêm yết)", "Price (empty: list price)")),
                                   ("aria-label", lang.t("Đơn giá dòng \(index + 1)", "Price of line \(index + 1)"))]),
                error.map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
            ]))
        }
        let catalogue = Tag.el("datalist", [("id", "catalogue")], products.map { product in
            Tag.el("option", [("value", product.code)], [.text("\(product.name) — \(context.money(product.price))")])
        })
        return Layout.page(context, title: lang.t("Tạo đơn hàng", "New order"), section: .orders, content: [
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.", "Not saved yet: fix the marked fields below."))]),
            Tag.el("form", [("method", "post"), ("action", "/orders"), ("class", "panel form-grid wide-form"), ("id", "order-form")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Khách hàng (mã KH)", "Customer (code)"), name: "customer", value: form.customer ?? "",
                          error: errors["customer"], placeholder: "KH000123", required: true),
                Tag.div(errors["lines"] == nil ? "field" : "field invalid", [
                    Tag.el("label", [("for", "product0")], [.text(lang.t("Hàng hoá · số lượng · đơn giá", "Items · quantity · price"))]),
                    .group(rows),
                    catalogue,
                    errors["lines"].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
                    Tag.el("p", [("class", "hint")], [.text(lang.t(
                        "Đơn mới ở trạng thái Chờ duyệt. Tiền nhập theo dạng 1.250.000.",
                        "A new order is Pending. Amounts as 1.250.000."))]),
                ]),
                Tag.div("form-actions", [
                    Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Tạo đơn hàng", "Create order"))]),
                    Tag.link("/orders", lang.t("Hủy", "Cancel"), class: "button"),
                ]),
            ]),
        ])
    }
}
