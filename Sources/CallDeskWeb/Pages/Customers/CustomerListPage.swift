import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/customers`: search by name, code, email or any phone in any format, an owner filter and pages,
/// inside the viewer's scope (``ViewerAccess`` for the `customers` module).
enum CustomerListPage {
    struct Model {
        var context: PageContext
        var query: CustomerList.Query
        var ownerText: String
        var access: ViewerAccess
        var result: CustomerList.Page

        var lang: Lang { context.lang }

        func link(page: Int) -> String {
            var pairs: [(String, String)] = []
            if !query.text.isEmpty { pairs.append(("q", query.text)) }
            if !ownerText.isEmpty { pairs.append(("owner", ownerText)) }
            pairs.append(("page", String(page)))
            return "/customers?" + QueryString.encode(pairs)
        }
    }

    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let items = QueryItems(request.url.query ?? "")
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let ownerText = items["owner"] ?? ""
        var owner = CustomerList.OwnerFilter.any
        if ownerText == "none" {
            owner = .unassigned
        } else if ownerText.hasPrefix("user:"), let id = Int64(ownerText.dropFirst(5)) {
            owner = .user(id)
        }
        let page = Int(items["page"] ?? "1") ?? 1
        let query = CustomerList.Query(text: items["q"] ?? "", owner: owner, page: page)
        let result = try await CustomerList.page(query, access: access, region: context.settings.phoneRegion,
                                                 on: request.db)
        let model = Model(context: context, query: query, ownerText: ownerText, access: access, result: result)
        return Layout.response(render(model))
    }

    static func render(_ model: Model) -> String {
        let lang = model.lang
        var owners: [(value: String, label: String)] = [("", lang.t("Mọi người phụ trách", "Any owner"))]
        if model.access.scope.scope == .all { owners.append(("none", lang.t("Chưa phụ trách", "Unassigned"))) }
        owners += model.access.people.map { ("user:\($0.id)", $0.name) }
        let result = model.result
        return Layout.page(model.context, title: lang.t("Khách hàng", "Customers"), section: .customers,
                           subtitle: lang.t("\(NumberFormat.grouped(Int64(result.total))) khách hàng",
                                            "\(NumberFormat.grouped(Int64(result.total))) customers"),
                           actions: [Tag.link("/customers/new", lang.t("+ Thêm khách hàng", "+ New customer"), class: "button primary")],
                           content: [
            Tag.el("form", [("method", "get"), ("action", "/customers"), ("class", "filters panel inline")], [
                Tag.div("field grow", [
                    Tag.el("label", [("for", "q")], [.text(lang.t("Tìm kiếm", "Search"))]),
                    Tag.void("input", [("type", "search"), ("name", "q"), ("id", "q"), ("value", model.query.text),
                                       ("placeholder", lang.t("Tên, mã KH, email hoặc số điện thoại", "Name, code, email or phone"))]),
                ]),
                Tag.div("field", [Tag.el("label", [("for", "owner")], [.text(lang.t("Người phụ trách", "Owner"))]),
                                  Tag.select("owner", owners, selected: model.ownerText)]),
                Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Tìm", "Search"))]),
            ]),
            Tag.el("section", [("class", "panel")], [table(model), pager(model)]),
        ])
    }

    static func table(_ model: Model) -> Markup {
        let lang = model.lang
        let rows: [Markup] = model.result.items.map { item in
            Tag.el("tr", [("class", "customer")], [
                Tag.el("td", [("class", "code")], [.text(item.code ?? "")]),
                Tag.el("td", [], [Tag.link("/customers/\(item.id)", item.name)]),
                Tag.el("td", [("class", "phones")], item.phones.map { Tag.span("phone", $0) }
                       + [item.sharesPhone ? Tag.el("span", [("class", "badge warn"), ("title", lang.t(
                            "Một số điện thoại của khách này cũng thuộc khách hàng khác",
                            "Another customer has one of these numbers too"))], [.text(lang.t("Trùng số", "Shared number"))]) : .empty]),
                Tag.el("td", [], [.text(item.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))]),
                Tag.el("td", [("class", "time")], [.text(model.context.time(item.createdAt))]),
            ])
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", "5"), ("class", "empty")],
                                       [.text(lang.t("Không tìm thấy khách hàng nào.", "No customer found."))])])
            : .empty
        return Tag.div("table-scroll", [
            Tag.el("table", [("class", "data"), ("id", "customer-list")], [
                Tag.el("thead", [], [Tag.el("tr", [], [
                    Tag.el("th", [], [.text(lang.t("Mã KH", "Code"))]),
                    Tag.el("th", [], [.text(lang.t("Khách hàng", "Customer"))]),
                    Tag.el("th", [], [.text(lang.t("Số điện thoại", "Phones"))]),
                    Tag.el("th", [], [.text(lang.t("Người phụ trách", "Owner"))]),
                    Tag.el("th", [], [.text(lang.t("Thời gian tạo", "Created"))]),
                ])]),
                Tag.el("tbody", [], rows + [empty]),
            ]),
        ])
    }

    static func pager(_ model: Model) -> Markup {
        let lang = model.lang
        let result = model.result
        let last = max(1, (result.total + result.perPage - 1) / result.perPage)
        return Tag.el("nav", [("class", "pager")], [
            Tag.span("page", lang.t("Trang \(result.page)/\(last)", "Page \(result.page) of \(last)")),
            result.page > 1 ? Tag.link(model.link(page: result.page - 1), lang.t("‹ Trước", "‹ Previous"), class: "button") : .empty,
            result.page < last ? Tag.link(model.link(page: result.page + 1), lang.t("Sau ›", "Next ›"), class: "button") : .empty,
        ])
    }
}
