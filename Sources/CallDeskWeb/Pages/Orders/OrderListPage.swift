import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/orders`: orders with total, paid and debt, filtered by status ("còn nợ" too) and customer, in the
/// viewer's scope (``OrderBook``).
enum OrderListPage {
    static let parameters = ["state", "customer", "page"]

    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let items = QueryItems(request.url.query ?? "")
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "orders", on: request.db)
        let query = OrderBook.Query(state: OrderBook.State(rawValue: items["state"] ?? "") ?? .live,
                                    customer: items["customer"] ?? "", page: Int(items["page"] ?? "1") ?? 1)
        let result = try await OrderBook.page(query, access: access, now: Date(), on: request.db)
        let address = ListAddress(path: "/orders", parameters: parameters, items: items)
        let states: [(value: String, label: String)] = [
            ("", lang.t("Chưa huỷ", "Not cancelled")), ("owing", lang.t("Còn nợ", "Owing")),
            ("pending", lang.t("Chờ duyệt", "Pending")), ("approved", lang.t("Đã duyệt", "Approved")),
            ("delivered", lang.t("Đã giao", "Delivered")), ("cancelled", lang.t("Đã huỷ", "Cancelled")),
            ("all", lang.t("Tất cả", "All")),
        ]
        let rows: [Markup] = result.items.map { item in
            Tag.el("tr", [("class", "order")], [
                Tag.el("td", [("class", "code")], [Tag.link("/orders/\(item.id)", item.code ?? "#\(item.id)")]),
                Tag.el("td", [("class", "time")], [.text(context.time(item.createdAt))]),
                Tag.el("td", [], [Tag.link("/customers/\(item.customerID)", item.customerName)]),
                Tag.el("td", [], [.text(item.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))]),
                Tag.el("td", [("class", "num")], [.text(context.money(item.total))]),
                Tag.el("td", [("class", "num")], [.text(context.money(item.paid))]),
                Tag.el("td", [("class", item.debt > 0 ? "num debt" : "num")], [.text(context.money(item.debt))]),
                Tag.el("td", [], [.text(statusLabel(item.status, lang))]),
            ])
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", "8"), ("class", "empty")],
                                       [.text(lang.t("Không có đơn hàng nào.", "No order."))])])
            : .empty
        let html = Layout.page(context, title: lang.t("Đơn hàng", "Orders"), section: .orders,
                               subtitle: lang.t("Đã thu tính các khoản thu đến hiện tại; công nợ = tổng − đã thu",
                                                "Paid counts payments up to now; debt = total − paid"),
                               actions: [Tag.link("/orders/new", lang.t("+ Tạo đơn hàng", "+ New order"), class: "button primary")],
                               content: [
            Tag.el("form", [("method", "get"), ("action", "/orders"), ("class", "filters panel inline")], [
                Tag.div("field", [Tag.el("label", [("for", "state")], [.text(lang.t("Trạng thái", "Status"))]),
                                  Tag.select("state", states, selected: items["state"] ?? "")]),
                Tag.field(lang.t("Khách hàng (mã KH)", "Customer (code)"), name: "customer", value: items["customer"] ?? "",
                          placeholder: "KH000123"),
                Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Lọc", "Filter"))]),
            ]),
            Tag.el("section", [("class", "panel")], [
                Tag.div("table-scroll", [Tag.el("table", [("class", "data"), ("id", "order-list")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Mã đơn", "Order"))]),
                        Tag.el("th", [], [.text(lang.t("Ngày tạo", "Created"))]),
                        Tag.el("th", [], [.text(lang.t("Khách hàng", "Customer"))]),
                        Tag.el("th", [], [.text(lang.t("Người phụ trách", "Owner"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Tổng tiền", "Total"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Đã thu", "Paid"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Công nợ", "Debt"))]),
                        Tag.el("th", [], [.text(lang.t("Trạng thái", "Status"))]),
                    ])]),
                    Tag.el("tbody", [], rows + [empty]),
                ])]),
                address.pager(page: result.page, hasNext: result.hasNext, lang: lang),
            ]),
        ])
        return Layout.response(html)
    }

    static func statusLabel(_ status: OrderStatus, _ lang: Lang) -> String {
        switch status {
        case .pending: return lang.t("Chờ duyệt", "Pending")
        case .approved: return lang.t("Đã duyệt", "Approved")
        case .delivered: return lang.t("Đã giao", "Delivered")
        case .cancelled: return lang.t("Đã huỷ", "Cancelled")
        }
    }
}
