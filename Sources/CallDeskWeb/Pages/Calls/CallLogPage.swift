import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/calls`: the call log with filters (staff, direction, result, days, matched / unmatched), inside the
/// viewer's scope (``CallLog``). The unmatched view (`?match=unmatched`) offers, per call, "create a
/// customer from this number" and "link to a customer" (`POST /calls/link`).
enum CallLogPage {
    struct Model {
        var context: PageContext
        var query: CallLog.Query
        var items: QueryItems
        var access: ViewerAccess
        var result: CallLog.Page
        /// After a link: the message to show, and whether it is an error.
        var notice: (text: String, error: Bool)?

        var lang: Lang { context.lang }
        var address: ListAddress { ListAddress(path: "/calls", parameters: CallLogPage.parameters, items: items) }

        func link(_ changes: [String: String?]) -> String { address.link(changes) }
    }

    static let parameters = ["staff", "direction", "outcome", "match", "from", "to", "page"]

    @Sendable static func handle(_ request: Request) async throws -> Response {
        let items = QueryItems(request.url.query ?? "")
        var notice: (text: String, error: Bool)?
        if let code = items["linked"], let phone = items["phone"] {
            let lang = try request.page.lang
            notice = (lang.t("Đã gắn số \(phone) vào khách hàng \(code): các cuộc gọi với số này giờ thuộc khách hàng đó.",
                             "Linked \(phone) to customer \(code): calls with this number now belong to them."), false)
        }
        return try await respond(request, notice: notice, status: .ok)
    }

    static func respond(_ request: Request, notice: (text: String, error: Bool)?, status: HTTPResponseStatus,
                        query text: String? = nil) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let items = QueryItems(text ?? request.url.query ?? "")
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "calls", on: request.db)
        let query = parse(items)
        let result = try await CallLog.page(query, access: access, timeZone: context.timeZone, on: request.db)
        let model = Model(context: context, query: query, items: items, access: access, result: result, notice: notice)
        return Layout.response(render(model), status: status)
    }

    static func parse(_ items: QueryItems) -> CallLog.Query {
        var staff = CallLog.StaffFilter.any
        if items["staff"] == "none" {
            staff = .nobody
        } else if let value = items["staff"], value.hasPrefix("user:"), let id = Int64(value.dropFirst(5)) {
            staff = .user(id)
        }
        var days: LocalDateRange?
        let from = items["from"].flatMap(LocalDate.init), to = items["to"].flatMap(LocalDate.init)
        if from != nil || to != nil {
            let start = from ?? LocalDate(year: 2000, month: 1, day: 1)
            let end = to ?? LocalDate(year: 2100, month: 12, day: 31)
            days = LocalDateRange(from: min(start, end), to: max(start, end))
        }
        return CallLog.Query(staff: staff, direction: items["direction"].flatMap(CallDirection.init(rawValue:)),
                             outcome: CallLog.Outcome(rawValue: items["outcome"] ?? "") ?? .any,
                             matching: CallLog.Matching(rawValue: items["match"] ?? "") ?? .any, days: days,
                             page: Int(items["page"] ?? "1") ?? 1)
    }

    // MARK: - Link a number to a customer

    struct LinkForm: Content {
        var phone: String?
        var customer: String?
        /// The list's query, to come back to.
        var back: String?
    }

    @Sendable static func link(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let form = try request.content.decode(LinkForm.self)
        let back = form.back ?? "match=unmatched"
        let phone = form.phone ?? "", customer = (form.customer ?? "").trimmingCharacters(in: .whitespaces)
        guard !customer.isEmpty else {
            return try await respond(request, notice: (lang.t(
                "Nhập mã khách hàng (ví dụ KH000123) để gắn số \(phone)",
                "Enter a customer code (e.g. KH000123) to link \(phone) to"), true), status: .badRequest, query: back)
        }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        do {
            let linked = try await CustomerPhoneLink.add(phone, to: customer, access: access,
                                                         region: context.settings.phoneRegion, now: Date(), on: request.db)
            // Post/redirect/get: a reload does not post again.
            let notice = QueryString.encode([("linked", linked.code), ("phone", phone)])
            return request.redirect(to: "/calls?" + (back.isEmpty ? notice : back + "&" + notice))
        } catch let refusal as CustomerPhoneLink.Refusal {
            let text: String
            switch refusal {
            case .noSuchCustomer(let name):
                text = lang.t("Không có khách hàng \"\(name)\" trong phạm vi của bạn — kiểm tra lại mã KH",
                              "No customer \"\(name)\" within your scope — check the customer code")
            case .notACustomerNumber(let reason):
                text = lang.t("Không thể gắn số này vào khách hàng: \(reason)",
                              "This number can't belong to a customer: \(reason)")
            case .alreadyTheirs(let code):
                text = lang.t("Khách hàng \(code) đã có số này", "Customer \(code) already has this number")
            }
            return try await respond(request, notice: (text, true), status: .unprocessableEntity, query: back)
        }
    }

    // MARK: - View

    static func render(_ model: Model) -> String {
        let lang = model.lang
        let unmatched = model.query.matching == .unmatched
        return Layout.page(model.context, title: lang.t("Cuộc gọi", "Calls"), section: .calls,
                           subtitle: lang.t("Nhật ký cuộc gọi từ tổng đài, mới nhất trước",
                                            "Calls from your phone systems, newest first"),
                           content: [
            Tag.el("nav", [("class", "tabs")], [
                Tag.link(model.link(["match": nil, "page": nil]), lang.t("Tất cả cuộc gọi", "All calls"),
                         class: unmatched ? "tab" : "tab active"),
                Tag.link(model.link(["match": "unmatched", "page": nil]),
                         lang.t("Chưa khớp khách hàng", "Unmatched calls"), class: unmatched ? "tab active" : "tab"),
            ]),
            Tag.notice(model.notice),
            filters(model),
            Tag.el("section", [("class", "panel")], [table(model), pager(model)]),
        ])
    }

    static func filters(_ model: Model) -> Markup {
        let lang = model.lang
        var staff: [(value: String, label: String)] = [("", lang.t("Mọi nhân viên", "All staff"))]
        if model.access.scope.scope == .all {
            staff.append(("none", lang.t("Máy nhánh không xác định", "Unknown extension")))
        }
        staff += model.access.people.map { ("user:\($0.id)", $0.active ? $0.name : $0.name + lang.t(" (đã nghỉ)", " (left)")) }
        let directions: [(value: String, label: String)] = [
            ("", lang.t("Mọi hướng", "Any direction")), ("outbound", lang.t("Gọi ra", "Outbound")),
            ("inbound", lang.t("Gọi vào", "Inbound")), ("internal", lang.t("Nội bộ", "Internal")),
        ]
        let outcomes: [(value: String, label: String)] = [
            ("", lang.t("Mọi kết quả", "Any result")), ("answered", lang.t("Nghe máy", "Answered")),
            ("unanswered", lang.t("Không nghe máy", "Not answered")),
        ]
        let matching: [(value: String, label: String)] = [
            ("", lang.t("Khớp và chưa khớp", "Matched or not")), ("matched", lang.t("Đã khớp khách hàng", "Matched")),
            ("unmatched", lang.t("Chưa khớp khách hàng", "Unmatched")),
        ]
        func select(_ name: String, _ label: String, _ options: [(value: String, label: String)]) -> Markup {
            Tag.div("field", [Tag.el("label", [("for", name)], [.text(label)]),
                              Tag.select(name, options, selected: model.items[name] ?? "")])
        }
        func date(_ name: String, _ label: String) -> Markup {
            Tag.div("field", [Tag.el("label", [("for", name)], [.text(label)]),
                              Tag.void("input", [("type", "date"), ("name", name), ("id", name),
                                                 ("value", model.items[name].flatMap(LocalDate.init)?.description ?? "")])])
        }
        return Tag.el("form", [("method", "get"), ("action", "/calls"), ("class", "filters panel inline")], [
            select("staff", lang.t("Nhân viên", "Staff"), staff),
            select("direction", lang.t("Hướng gọi", "Direction"), directions),
            select("outcome", lang.t("Kết quả", "Result"), outcomes),
            select("match", lang.t("Khách hàng", "Customer"), matching),
            date("from", lang.t("Từ ngày", "From")),
            date("to", lang.t("Đến ngày", "To")),
            Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Lọc", "Filter"))]),
        ])
    }

    static func direction(_ direction: CallDirection, _ lang: Lang) -> String {
        switch direction {
        case .outbound: return lang.t("Gọi ra", "Outbound")
        case .inbound: return lang.t("Gọi vào", "Inbound")
        case .internal: return lang.t("Nội bộ", "Internal")
        }
    }

    static func result(_ item: CallLog.Item, _ lang: Lang) -> String {
        if item.talkSeconds > 0 { return lang.t("Nghe máy", "Answered") }
        switch item.result {
        case "busy": return lang.t("Máy bận", "Busy")
        case "failed": return lang.t("Lỗi", "Failed")
        case "cancelled": return lang.t("Đã huỷ", "Cancelled")
        default: return lang.t("Không nghe máy", "No answer")
        }
    }

    static func duration(_ seconds: Int64) -> String {
        String(format: "%d:%02d", seconds / 60, seconds % 60)
    }

    static func table(_ model: Model) -> Markup {
        let lang = model.lang
        let unmatched = model.query.matching == .unmatched
        let back = model.address.query
        let rows: [Markup] = model.result.items.map { item in
            let customer: Markup
            if let id = item.customerID, let name = item.customerName {
                customer = Tag.el("span", [], [
                    Tag.link("/customers/\(id)", name),
                    item.customerCount > 1 ? Tag.span("badge warn", lang.t("+\(item.customerCount - 1) khách khác",
                                                                          "+\(item.customerCount - 1) more")) : .empty,
                ])
            } else if item.direction == .internal {
                customer = Tag.span("muted", "—")
            } else {
                customer = Tag.el("div", [("class", "link-actions")], [
                    Tag.link("/customers/new?" + QueryString.encode([("phone", item.remote)]),
                             lang.t("+ Tạo khách hàng", "+ Create customer"), class: "button small"),
                    Tag.el("form", [("method", "post"), ("action", "/calls/link"), ("class", "inline-form")], [
                        Tag.hidden(WebSecurity.csrfField, model.context.csrf),
                        Tag.hidden("phone", item.remote),
                        Tag.hidden("back", back),
                        Tag.void("input", [("type", "text"), ("name", "customer"), ("size", "9"),
                                           ("placeholder", "KH000123"), ("aria-label", lang.t("Mã khách hàng", "Customer code"))]),
                        Tag.el("button", [("type", "submit"), ("class", "button small")],
                               [.text(lang.t("Gắn vào khách", "Link"))]),
                    ]),
                ])
            }
            return Tag.el("tr", [("class", "call")], [
                Tag.el("td", [("class", "time")], [.text(model.context.time(item.startedAt))]),
                Tag.el("td", [], [.text(direction(item.direction, lang))]),
                Tag.el("td", [], [.text(item.staffName ?? lang.t("Không xác định", "Unknown")),
                                  item.extensionNumber.map { Tag.span("muted", " · " + $0) } ?? .empty]),
                Tag.el("td", [("class", "phone")], [.text(item.remote)]),
                Tag.el("td", [], [customer]),
                Tag.el("td", [], [.text(result(item, lang))]),
                Tag.el("td", [("class", "num")], [.text(duration(item.talkSeconds))]),
                Tag.el("td", [], [item.recordingURL.map { url in
                    url.hasPrefix("http") ? Tag.link(url, lang.t("Nghe", "Listen")) : Tag.span("muted", url)
                } ?? .empty]),
            ])
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", "8"), ("class", "empty")], [.text(unmatched
                ? lang.t("Không có cuộc gọi chưa khớp nào.", "No unmatched call.")
                : lang.t("Không có cuộc gọi nào.", "No call."))])])
            : .empty
        return Tag.div("table-scroll", [
            Tag.el("table", [("class", "data"), ("id", "call-list")], [
                Tag.el("thead", [], [Tag.el("tr", [], [
                    Tag.el("th", [], [.text(lang.t("Thời gian", "Time"))]),
                    Tag.el("th", [], [.text(lang.t("Hướng", "Direction"))]),
                    Tag.el("th", [], [.text(lang.t("Nhân viên · máy nhánh", "Staff · extension"))]),
                    Tag.el("th", [], [.text(lang.t("Số điện thoại", "Number"))]),
                    Tag.el("th", [], [.text(lang.t("Khách hàng", "Customer"))]),
                    Tag.el("th", [], [.text(lang.t("Kết quả", "Result"))]),
                    Tag.el("th", [("class", "num")], [.text(lang.t("Đàm thoại", "Talk time"))]),
                    Tag.el("th", [], [.text(lang.t("Ghi âm", "Recording"))]),
                ])]),
                Tag.el("tbody", [], rows + [empty]),
            ]),
        ])
    }

    static func pager(_ model: Model) -> Markup {
        model.address.pager(page: model.result.page, hasNext: model.result.hasNext, lang: model.lang)
    }
}
