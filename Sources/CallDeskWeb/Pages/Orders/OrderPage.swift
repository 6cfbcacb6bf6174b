import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/orders/:id`: the order's lines and payments, with "record a payment" (`POST /orders/:id/payments`)
/// and "cancel" (`POST /orders/:id/cancel`). Outside the viewer's scope it is a 404.
enum OrderPage {
    static let methods = ["Chuyển khoản", "Tiền mặt", "Quẹt thẻ", "COD"]

    struct PaymentForm: Content {
        var amount: String?
        var method: String?
        var paid_on: String?
        var note: String?
    }

    @Sendable static func handle(_ request: Request) async throws -> Response {
        try await respond(request, form: PaymentForm(), errors: [:], notice: nil, status: .ok)
    }

    static func respond(_ request: Request, form: PaymentForm, errors: [String: String],
                        notice: (text: String, error: Bool)?, status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "orders", on: request.db)
        guard let id = request.parameters.get("id", as: Int64.self),
              let detail = try await OrderBook.detail(id, access: access, now: Date(), on: request.db) else {
            return try notFound(request)
        }
        var notice = notice
        if notice == nil, let done = QueryItems(request.url.query ?? "")["done"] {
            notice = (done == "paid" ? lang.t("Đã ghi nhận khoản thu.", "The payment was recorded.")
                      : done == "cancelled" ? lang.t("Đã huỷ đơn hàng.", "The order was cancelled.")
                      : lang.t("Đã tạo đơn hàng.", "The order was created."), false)
        }
        return Layout.response(render(context, detail: detail, form: form, errors: errors, notice: notice), status: status)
    }

    /// The same 404 for an order that does not exist and one outside the viewer's scope.
    static func notFound(_ request: Request) throws -> Response {
        let lang = try request.page.lang
        return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                      message: lang.t("Không có đơn hàng này trong phạm vi của bạn.",
                                                      "There is no such order within your scope."))
    }

    @Sendable static func pay(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let form = try request.content.decode(PaymentForm.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "orders", on: request.db)
        do {
            try await OrderChanges.pay(order: id, amount: form.amount ?? "", method: form.method ?? "", day: form.paid_on ?? "",
                                       note: form.note ?? "", access: access, timeZone: context.timeZone, now: Date(),
                                       on: request.db)
            return request.redirect(to: "/orders/\(id)?done=paid")
        } catch let problems as OrderChanges.Problems {
            return try await respond(request, form: form, errors: context.lang.pick(problems.fields),
                                     notice: nil, status: .badRequest)
        } catch let refusal as OrderChanges.Refusal {
            return try await refused(request, refusal)
        }
    }

    @Sendable static func cancel(_ request: Request) async throws -> Response {
        let viewer = try request.pageViewer()
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "orders", on: request.db)
        do {
            try await OrderChanges.cancel(order: id, access: access, on: request.db)
            return request.redirect(to: "/orders/\(id)?done=cancelled")
        } catch let refusal as OrderChanges.Refusal {
            return try await refused(request, refusal)
        }
    }

    static func refused(_ request: Request, _ refusal: OrderChanges.Refusal) async throws -> Response {
        let lang = try request.page.lang
        switch refusal {
        case .notFound:
            return try notFound(request)
        case .cancelled:
            return try await respond(request, form: PaymentForm(), errors: [:], notice: (lang.t(
                "Đơn hàng đã huỷ: không thể thu tiền hay huỷ lần nữa.",
                "The order is cancelled: no payment can be recorded and it can't be cancelled again."), true),
                status: .conflict)
        }
    }

    static func render(_ context: PageContext, detail: OrderBook.Detail, form: PaymentForm, errors: [String: String],
                       notice: (text: String, error: Bool)?) -> String {
        let lang = context.lang
        let order = detail.order
        let now = Date()
        let lines: [Markup] = detail.lines.map { line in
            Tag.el("tr", [], [
                Tag.el("td", [("class", "code")], [.text(line.productCode ?? "")]),
                Tag.el("td", [], [.text(line.name)]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(line.quantity))]),
                Tag.el("td", [("class", "num")], [.text(context.money(line.unitPrice))]),
                Tag.el("td", [("class", "num")], [.text(context.money(line.amount))]),
            ])
        }
        let payments: [Markup] = detail.payments.map { payment in
            Tag.el("tr", [("class", "payment")], [
                Tag.el("td", [("class", "time")], [.text(context.time(payment.paidAt)),
                                                   payment.paidAt > now ? Tag.span("badge warn", lang.t("sau hiện tại", "after now")) : .empty]),
                Tag.el("td", [], [.text(payment.method ?? "")]),
                Tag.el("td", [], [.text(payment.note ?? "")]),
                Tag.el("td", [("class", "num")], [.text(context.money(payment.amount))]),
            ])
        }
        let open = order.status != .cancelled
        let payForm: Markup = open ? Tag.el("form", [("method", "post"), ("action", "/orders/\(order.id)/payments"),
                                                     ("class", "panel form-grid"), ("id", "payment-form")], [
            Tag.el("h2", [], [.text(lang.t("Ghi nhận khoản thu", "Record a payment"))]),
            Tag.hidden(WebSecurity.csrfField, context.csrf),
            Tag.field(lang.t("Số tiền (₫)", "Amount (₫)"), name: "amount",
                      value: form.amount ?? (order.debt > 0 ? NumberFormat.grouped(order.debt) : ""),
                      error: errors["amount"], placeholder: "1.250.000", required: true),
            Tag.div("field", [Tag.el("label", [("for", "method")], [.text(lang.t("Hình thức", "Method"))]),
                              Tag.select("method", methods.map { ($0, $0) }, selected: form.method ?? methods[0])]),
            Tag.field(lang.t("Ngày thu", "Paid on"), name: "paid_on", value: form.paid_on ?? "", type: "date",
                      error: errors["paid_on"]),
            Tag.field(lang.t("Ghi chú", "Note"), name: "note", value: form.note ?? ""),
            Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button primary")],
                                            [.text(lang.t("Ghi nhận", "Record"))])]),
        ]) : .empty
        let cancelForm: Markup = open ? Tag.el("form", [("method", "post"), ("action", "/orders/\(order.id)/cancel"),
                                                        ("class", "inline-form")], [
            Tag.hidden(WebSecurity.csrfField, context.csrf),
            Tag.el("button", [("type", "submit"), ("class", "button"),
                              ("onclick", "return confirm('\(lang.t("Huỷ đơn hàng này?", "Cancel this order?"))')")],
                   [.text(lang.t("Huỷ đơn", "Cancel order"))]),
        ]) : .empty
        return Layout.page(context, title: lang.t("Đơn hàng \(order.code ?? "#\(order.id)")", "Order \(order.code ?? "#\(order.id)")"),
                           section: .orders,
                           subtitle: "\(OrderListPage.statusLabel(order.status, lang)) · \(context.time(order.createdAt))"
                               + (order.createdByName.map { " · " + $0 } ?? ""),
                           actions: [Tag.link("/orders", lang.t("← Danh sách đơn hàng", "← Orders"), class: "button"), cancelForm],
                           content: [
            Tag.notice(notice),
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa ghi nhận được: hãy sửa các ô được đánh dấu.", "Not recorded yet: fix the marked fields."))]),
            Tag.el("section", [("class", "panel")], [
                Tag.el("p", [("class", "summary")], [
                    .text(lang.t("Khách hàng: ", "Customer: ")), Tag.link("/customers/\(order.customerID)", order.customerName),
                    .text(" · " + lang.t("Tổng tiền ", "Total ") + context.money(order.total)),
                    .text(" · " + lang.t("Đã thu ", "Paid ") + context.money(order.paid)),
                    Tag.el("strong", [("id", "order-debt")], [.text(" · " + lang.t("Công nợ ", "Debt ") + context.money(order.debt))]),
                ]),
                Tag.el("table", [("class", "data"), ("id", "order-lines")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Mã SP", "Code"))]), Tag.el("th", [], [.text(lang.t("Hàng hoá", "Item"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("SL", "Qty"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Đơn giá", "Unit price"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Thành tiền", "Amount"))]),
                    ])]),
                    Tag.el("tbody", [], lines),
                ]),
            ]),
            Tag.el("section", [("class", "panel")], [
                Tag.el("h2", [], [.text(lang.t("Các khoản đã thu", "Payments"))]),
                payments.isEmpty ? Tag.el("p", [("class", "muted")], [.text(lang.t("Chưa thu khoản nào.", "No payment yet."))])
                    : Tag.el("table", [("class", "data"), ("id", "order-payments")], [Tag.el("tbody", [], payments)]),
            ]),
            payForm,
        ])
    }
}
