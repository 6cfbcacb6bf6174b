import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/customers`: search by name, code, email or any phone in any format; filters (owner, department, source,
/// group, relation, created range, no owner, shared number); sort; pages; and bulk actions on a selection
/// (change owner, add to a group, add to a campaign) — inside the viewer's scope (``ViewerAccess`` for the
/// `customers` module).
enum CustomerListPage {
    struct Model {
        var context: PageContext
        var query: CustomerList.Query
        /// The filters as they arrived (to refill the form and build links).
        var items: QueryItems
        var access: ViewerAccess
        var result: CustomerList.Page
        var choices: FilterChoices
        var relations: [(id: Int64, name: String)]
        var notice: (text: String, error: Bool)?

        var lang: Lang { context.lang }

        /// The filter parameters that are set, in a fixed order.
        var filterPairs: [(String, String)] {
            CustomerListPage.filterKeys.compactMap { key in items[key].flatMap { $0.isEmpty ? nil : (key, $0) } }
        }

        func link(page: Int) -> String {
            "/customers?" + QueryString.encode(filterPairs + [("page", String(page))])
        }

        var here: String {
            "/customers" + (filterPairs.isEmpty && query.page == 1 ? "" : "?" + QueryString.encode(filterPairs + [("page", String(query.page))]))
        }
    }

    static let filterKeys = ["q", "owner", "department", "source", "group", "relation", "created_from", "created_to",
                             "shared", "sort"]

    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let items = QueryItems(request.url.query ?? "")
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let query = parse(items, timeZone: context.settings.timeZone)
        let result = try await CustomerList.page(query, access: access, region: context.settings.phoneRegion,
                                                 on: request.db)
        let choices = try await FilterChoices.load(on: request.db)
        let relations = try await CustomerList.relations(on: request.db)
        let model = Model(context: context, query: query, items: items, access: access, result: result, choices: choices,
                          relations: relations, notice: notice(items, context.lang))
        return Layout.response(render(model))
    }

    /// The banner after a delete or a bulk action (`done=…&changed=N&unchanged=M`).
    static func notice(_ items: QueryItems, _ lang: Lang) -> (text: String, error: Bool)? {
        let changed = Int64(items["changed"] ?? "0") ?? 0, unchanged = Int64(items["unchanged"] ?? "0") ?? 0
        let n = NumberFormat.grouped(changed)
        let rest = unchanged > 0 ? lang.t(" (\(NumberFormat.grouped(unchanged)) khách đã như vậy hoặc ngoài phạm vi, không đổi)",
                                          " (\(NumberFormat.grouped(unchanged)) already so or outside your scope, left as they were)") : ""
        switch items["done"] {
        case "deleted": return (lang.t("Đã xóa khách hàng. Quản trị viên có thể khôi phục.", "The customer is deleted. An administrator can restore it."), false)
        case "owner": return (lang.t("Đã đổi người phụ trách cho \(n) khách hàng", "Owner changed for \(n) customers") + rest + ".", false)
        case "group": return (lang.t("Đã thêm \(n) khách hàng vào nhóm", "\(n) customers added to the group") + rest + ".", false)
        case "campaign": return (lang.t("Đã thêm \(n) khách hàng vào chiến dịch", "\(n) customers added to the campaign") + rest + ".", false)
        default: return nil
        }
    }

    static func parse(_ items: QueryItems, timeZone: TimeZone) -> CustomerList.Query {
        let ownerText = items["owner"] ?? ""
        var owner = CustomerList.OwnerFilter.any
        if ownerText == "none" {
            owner = .unassigned
        } else if ownerText.hasPrefix("user:"), let id = Int64(ownerText.dropFirst(5)) {
            owner = .user(id)
        }
        func id(_ key: String) -> Int64? { items[key].flatMap { Int64($0) } }
        let from = items["created_from"].flatMap(LocalDate.init), to = items["created_to"].flatMap(LocalDate.init)
        var createdFrom: Date?, createdBefore: Date?
        if from != nil || to != nil {
            let start = from ?? LocalDate(year: 1970, month: 1, day: 2), end = to ?? LocalDate(year: 2200, month: 12, day: 31)
            let (a, b) = LocalDateRange(from: min(start, end), to: max(start, end)).instants(in: timeZone)
            createdFrom = from == nil ? nil : Date(epochMilliseconds: a)
            createdBefore = to == nil ? nil : Date(epochMilliseconds: b)
        }
        return CustomerList.Query(text: items["q"] ?? "", owner: owner, department: id("department"), source: id("source"),
                                  group: id("group"), relation: id("relation"), createdFrom: createdFrom,
                                  createdBefore: createdBefore, sharedPhone: items["shared"] == "1",
                                  sort: CustomerList.Sort(rawValue: items["sort"] ?? "") ?? .newest,
                                  page: Int(items["page"] ?? "1") ?? 1)
    }

    static func render(_ model: Model) -> String {
        let lang = model.lang
        let result = model.result
        var actions = [Tag.link("/customers/new", lang.t("+ Thêm khách hàng", "+ New customer"), class: "button primary")]
        if model.context.viewer?.isAdministrator == true {
            actions.insert(Tag.link("/customers/deleted", lang.t("Khách hàng đã xóa", "Deleted customers"), class: "button"), at: 0)
        }
        return Layout.page(model.context, title: lang.t("Khách hàng", "Customers"), section: .customers,
                           subtitle: lang.t("\(NumberFormat.grouped(Int64(result.total))) khách hàng",
                                            "\(NumberFormat.grouped(Int64(result.total))) customers"),
                           actions: actions,
                           content: [
            Tag.notice(model.notice),
            filters(model),
            bulkForm(model),
            Tag.el("section", [("class", "panel")], [table(model), pager(model)]),
        ])
    }

    static func filters(_ model: Model) -> Markup {
        let lang = model.lang
        let items = model.items
        var owners: [(value: String, label: String)] = [("", lang.t("Mọi người phụ trách", "Any owner"))]
        if model.access.scope.scope == .all { owners.append(("none", lang.t("Chưa phụ trách", "No owner"))) }
        owners += model.access.people.map { ("user:\($0.id)", $0.name + ($0.active ? "" : lang.t(" (đã khoá)", " (deactivated)"))) }
        func indent(_ depth: Int) -> String { String(repeating: "\u{00A0}\u{00A0}", count: depth) }
        let any = lang.t("Tất cả", "Any")
        func select(_ name: String, _ label: String, _ options: [(value: String, label: String)]) -> Markup {
            Tag.div("field", [Tag.el("label", [("for", name)], [.text(label)]),
                              Tag.select(name, [("", any)] + options, selected: items[name] ?? "")])
        }
        func date(_ name: String, _ label: String) -> Markup {
            Tag.div("field", [Tag.el("label", [("for", name)], [.text(label)]),
                              Tag.void("input", [("type", "date"), ("name", name), ("id", name), ("value", items[name] ?? "")])])
        }
        let advanced = ["department", "source", "group", "relation", "created_from", "created_to", "shared"]
            .contains { !(items[$0] ?? "").isEmpty }
        return Tag.el("form", [("method", "get"), ("action", "/customers"), ("class", "filters panel"), ("id", "customer-filters")], [
            Tag.div("inline", [
                Tag.div("field grow", [
                    Tag.el("label", [("for", "q")], [.text(lang.t("Tìm kiếm", "Search"))]),
                    Tag.void("input", [("type", "search"), ("name", "q"), ("id", "q"), ("value", model.query.text),
                                       ("placeholder", lang.t("Tên, mã KH, email hoặc số điện thoại", "Name, code, email or phone"))]),
                ]),
                Tag.div("field", [Tag.el("label", [("for", "owner")], [.text(lang.t("Người phụ trách", "Owner"))]),
                                  Tag.select("owner", owners, selected: items["owner"] ?? "")]),
                Tag.div("field", [Tag.el("label", [("for", "sort")], [.text(lang.t("Sắp xếp", "Sort"))]),
                                  Tag.select("sort", [("newest", lang.t("Mới tạo trước", "Newest first")),
                                                      ("oldest", lang.t("Cũ trước", "Oldest first")),
                                                      ("name", lang.t("Tên A → Z", "Name A → Z")),
                                                      ("name-desc", lang.t("Tên Z → A", "Name Z → A"))],
                                             selected: model.query.sort.rawValue)]),
                Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Tìm", "Search"))]),
                model.filterPairs.isEmpty ? .empty : Tag.link("/customers", lang.t("Xóa bộ lọc", "Clear filters"), class: "button"),
            ]),
            Tag.el("details", [("class", "more-filters"), ("open", advanced ? "" : nil)], [
                Tag.el("summary", [], [.text(lang.t("Lọc thêm", "More filters"))]),
                Tag.div("inline", [
                    select("department", lang.t("Phòng ban", "Department"),
                           model.access.departments.map { (String($0.id), indent($0.depth) + $0.name) }),
                    select("source", lang.t("Nguồn khách hàng", "Source"), model.choices.sources.map { (String($0.id), $0.name) }),
                    select("group", lang.t("Nhóm khách hàng", "Group"),
                           model.choices.groups.map { (String($0.id), indent($0.depth) + $0.name) }),
                    select("relation", lang.t("Mối quan hệ", "Relation"), model.relations.map { (String($0.id), $0.name) }),
                    date("created_from", lang.t("Tạo từ ngày", "Created from")),
                    date("created_to", lang.t("Đến ngày", "to")),
                    Tag.div("field checkbox", [Tag.el("label", [], [
                        Tag.void("input", [("type", "checkbox"), ("name", "shared"), ("value", "1"),
                                           ("checked", items["shared"] == "1" ? "" : nil)]),
                        .text(" " + lang.t("Chỉ khách trùng số điện thoại", "Only customers sharing a number")),
                    ])]),
                ]),
            ]),
        ])
    }

    /// The bulk action bar: the checkboxes in the table belong to this form (`form="bulk-form"`), so it works
    /// without JavaScript.
    static func bulkForm(_ model: Model) -> Markup {
        let lang = model.lang
        let context = model.context
        var owners: [(value: String, label: String)] = []
        if model.access.scope.scope == .all { owners.append(("none", lang.t("— Bỏ người phụ trách —", "— No owner —"))) }
        owners += model.access.people.filter(\.active).map { ("user:\($0.id)", $0.name) }
        return Tag.el("form", [("method", "post"), ("action", "/customers/bulk"), ("class", "panel bulk-bar inline"),
                               ("id", "bulk-form")], [
            Tag.hidden(WebSecurity.csrfField, context.csrf),
            Tag.hidden("back", model.here),
            Tag.span("bulk-count", lang.t("Với các khách đã chọn:", "With the selected customers:")),
            Tag.div("field", [Tag.el("label", [("for", "bulk-owner")], [.text(lang.t("Đổi người phụ trách", "Change owner"))]),
                              Tag.select("owner", id: "bulk-owner", [("", "—")] + owners, selected: "")]),
            Tag.div("field", [Tag.el("label", [("for", "bulk-group")], [.text(lang.t("Thêm vào nhóm", "Add to group"))]),
                              Tag.select("group", id: "bulk-group", [("", "—")] + model.choices.groups.map {
                                  (String($0.id), String(repeating: "\u{00A0}\u{00A0}", count: $0.depth) + $0.name) }, selected: "")]),
            Tag.div("field", [Tag.el("label", [("for", "bulk-campaign")], [.text(lang.t("Thêm vào chiến dịch", "Add to campaign"))]),
                              Tag.select("campaign", id: "bulk-campaign", [("", "—")] + model.choices.campaigns.map {
                                  (String($0.id), $0.name) }, selected: "")]),
            Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Áp dụng", "Apply"))]),
        ])
    }

    struct BulkForm: Content {
        var ids: [Int64]?
        var owner: String?
        var group: String?
        var campaign: String?
        var back: String?
    }

    /// `POST /customers/bulk`: exactly one action per submit; back to the list with what happened.
    @Sendable static func bulk(_ request: Request) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let viewer = try request.pageViewer()
        let form = try request.content.decode(BulkForm.self)
        let back = (form.back ?? "").hasPrefix("/customers") && !(form.back ?? "").hasPrefix("//") ? form.back! : "/customers"
        func withNotice(_ pairs: [(String, String)]) -> String {
            var target = URI(string: back)
            let kept = QueryItems(target.query ?? "")
            let filters = filterKeys.compactMap { key in kept[key].flatMap { $0.isEmpty ? nil : (key, $0) } }
            target.query = QueryString.encode(filters + pairs)
            return target.string
        }
        let ids = form.ids ?? []
        let chosen = [(form.owner ?? "").isEmpty ? nil : "owner", (form.group ?? "").isEmpty ? nil : "group",
                      (form.campaign ?? "").isEmpty ? nil : "campaign"].compactMap { $0 }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let region = context.settings.phoneRegion
        do {
            guard chosen.count == 1 else {
                throw CustomerBulk.Problems(fields: ["action": chosen.isEmpty
                    ? "Chọn một thao tác: đổi người phụ trách, thêm vào nhóm hoặc chiến dịch · Choose one action: change owner, add to a group or a campaign"
                    : "Mỗi lần chỉ một thao tác · One action at a time"])
            }
            let outcome: CustomerBulk.Outcome
            switch chosen[0] {
            case "owner":
                let owner: Int64? = form.owner == "none" ? nil : Int64((form.owner ?? "").replacingOccurrences(of: "user:", with: ""))
                if form.owner != "none" && owner == nil {
                    throw CustomerBulk.Problems(fields: ["owner": "Chọn người phụ trách · Choose an owner"])
                }
                outcome = try await CustomerBulk.changeOwner(ids, to: owner, access: access, region: region, by: viewer.id,
                                                             now: Date(), on: request.db)
            case "group":
                outcome = try await CustomerBulk.addToGroup(ids, group: Int64(form.group ?? "") ?? -1, access: access,
                                                            region: region, by: viewer.id, now: Date(), on: request.db)
            default:
                outcome = try await CustomerBulk.addToCampaign(ids, campaign: Int64(form.campaign ?? "") ?? -1, access: access,
                                                               region: region, now: Date(), on: request.db)
            }
            request.logger.info("customers bulk action", metadata: ["action": "\(chosen[0])", "changed": "\(outcome.changed)",
                                                                  "by": "\(viewer.id)"])
            return request.redirect(to: withNotice([("done", chosen[0]), ("changed", String(outcome.changed)),
                                                    ("unchanged", String(outcome.unchanged))]))
        } catch let problems as CustomerBulk.Problems {
            // Refused: the list again (same filters), with the reason; nothing was changed.
            let items = QueryItems(URI(string: back).query ?? "")
            let query = parse(items, timeZone: context.settings.timeZone)
            let result = try await CustomerList.page(query, access: access, region: region, on: request.db)
            let model = Model(context: context, query: query, items: items, access: access, result: result,
                              choices: try await FilterChoices.load(on: request.db),
                              relations: try await CustomerList.relations(on: request.db),
                              notice: (problems.fields.values.sorted().map(lang.pick).joined(separator: " "), true))
            return Layout.response(render(model), status: .badRequest)
        }
    }

    static func table(_ model: Model) -> Markup {
        let lang = model.lang
        let rows: [Markup] = model.result.items.map { item in
            Tag.el("tr", [("class", "customer")], [
                Tag.el("td", [("class", "pick")], [Tag.void("input", [("type", "checkbox"), ("name", "ids[]"), ("value", String(item.id)),
                                                                     ("form", "bulk-form"),
                                                                     ("aria-label", lang.t("Chọn \(item.name)", "Select \(item.name)"))])]),
                Tag.el("td", [("class", "code")], [.text(item.code ?? "")]),
                Tag.el("td", [("class", "name")], [Tag.link("/customers/\(item.id)", item.name)]),
                Tag.el("td", [("class", "phones")], item.phones.map { Tag.span("phone", $0) }
                       + [item.sharesPhone ? Tag.el("span", [("class", "badge warn"), ("title", lang.t(
                            "Một số điện thoại của khách này cũng thuộc khách hàng khác",
                            "Another customer has one of these numbers too"))], [.text(lang.t("Trùng số", "Shared number"))]) : .empty]),
                Tag.el("td", [], [.text(item.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))]),
                Tag.el("td", [("class", "time")], [.text(model.context.time(item.createdAt))]),
            ])
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", "6"), ("class", "empty")],
                                       [.text(lang.t("Không tìm thấy khách hàng nào.", "No customer found."))])])
            : .empty
        return Tag.div("table-scroll", [
            Tag.el("table", [("class", "data"), ("id", "customer-list")], [
                Tag.el("thead", [], [Tag.el("tr", [], [
                    Tag.el("th", [("class", "pick")], [Tag.void("input", [("type", "checkbox"), ("id", "pick-all"),
                                                                        ("aria-label", lang.t("Chọn cả trang", "Select the whole page"))])]),
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
