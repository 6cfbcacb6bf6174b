import CallDeskCore
import Plot

extension MemberListPage {
    static func render(_ model: Model) -> String {
        let lang = model.lang
        let metric = model.drill.metric
        let basis = model.filter.filters.basis
        let metricLabel = TelesalesReportPage.header(metric, basis: basis, lang: lang)
        let unit = basis == .customer ? lang.t("khách hàng", "customers") : lang.t("cơ hội", "opportunities")
        let orderNote = metric == .orders
            ? lang.t(" (những khách hàng có đơn hàng, kèm số đơn của từng người)", " (the members with an order, each with their order count)")
            : ""
        let title = lang.t("Chi tiết: \(metricLabel) — \(model.rowLabel)", "Drill-down: \(metricLabel) — \(model.rowLabel)")
        let count = Tag.el("strong", [("id", "member-count"), ("data-count", String(model.list.total))],
                           [.text(NumberFormat.grouped(Int64(model.list.total)))])
        return Layout.page(model.context, title: title, section: .report, actions: [
            Tag.link(model.link([("format", "csv")]), lang.t("Xuất CSV", "Export CSV"), class: "button"),
            Tag.link(model.link([("format", "xlsx")]), lang.t("Xuất Excel", "Export Excel"), class: "button"),
        ], content: [
            Tag.el("p", [("class", "back")], [Tag.link(model.filter.reportLink, lang.t("← Quay lại báo cáo", "← Back to the report"))]),
            Tag.el("p", [("class", "summary")], [count, .text(" " + unit + orderNote)]),
            Tag.el("section", [("class", "panel")], [table(model), pager(model)]),
        ])
    }

    /// Column: header, the sort it applies (nil: not sortable), numeric or not.
    static func columns(_ lang: Lang) -> [(String, MemberSort?, Bool)] {
        [(lang.t("Mã KH", "Code"), nil, false), (lang.t("Khách hàng", "Customer"), .name, false),
         (lang.t("Số điện thoại", "Phones"), nil, false), (lang.t("Người phụ trách", "Owner"), nil, false),
         (lang.t("Nguồn · Nhóm", "Sources · Groups"), nil, false),
         (lang.t("Thời gian tạo", "Created"), .created, false), (lang.t("Cuộc gọi gần nhất", "Last call"), .lastCall, false),
         (lang.t("Số cuộc gọi", "Calls"), .calls, true), (lang.t("Lịch hẹn", "Appointments"), nil, true),
         (lang.t("Số đơn", "Orders"), nil, true), (lang.t("Giá trị đơn", "Order value"), .orderValue, true),
         (lang.t("Đã thu", "Paid"), nil, true), (lang.t("Công nợ", "Debt"), .debt, true)]
    }

    static func table(_ model: Model) -> Markup {
        let lang = model.lang
        let context = model.context
        // In one staff member's row every member has the same owner: the column would only repeat it.
        var showOwner = true
        if case .user = model.drill.row { showOwner = false }
        let ownerColumn = 3
        var headerColumns = columns(lang)
        if !showOwner { headerColumns.remove(at: ownerColumn) }
        let headers: [Markup] = headerColumns.map { label, sort, numeric in
            let className = numeric ? "num" : nil
            guard let sort else { return Tag.el("th", [("class", className)], [.text(label)]) }
            let active = sort == model.drill.sort
            return Tag.el("th", [("class", className), ("aria-sort", active ? "descending" : nil)], [
                Tag.link(model.link([("sort", sort.rawValue), ("page", "1")]), label + (active ? " ▾" : ""),
                         class: active ? "sort active" : "sort"),
            ])
        }
        let rows: [Markup] = model.list.members.map { m in
            let f = m.figures
            let name: Markup = Tag.el("td", [("class", "name")], [
                Tag.link("/customers/\(m.customerID)", m.name),
                m.campaignName.map { Tag.span("muted small block", $0) } ?? .empty,
            ])
            var cells: [Markup] = [
                Tag.el("td", [("class", "code")], [.text(m.customerCode ?? "")]),
                name,
                Tag.el("td", [("class", "phones")], m.phones.map { Tag.span("phone", $0) }),
                Tag.el("td", [], [.text(m.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))]),
                Tag.el("td", [], [.text(m.sources.joined(separator: ", ")), Tag.span("sub", m.groups.joined(separator: ", "))]),
                Tag.el("td", [("class", "time")], stacked(context.time(m.createdAt))),
                Tag.el("td", [("class", "time")], m.lastCallAt.map { stacked(context.time($0)) } ?? [.text("—")]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(f.calls))]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(f.appointments))]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(f.orders))]),
                Tag.el("td", [("class", "num")], [.text(context.money(f.orderValue))]),
                Tag.el("td", [("class", "num")], [.text(context.money(f.paid))]),
                Tag.el("td", [("class", "num")], [.text(context.money(f.debt))]),
            ]
            if !showOwner { cells.remove(at: ownerColumn) }
            return Tag.el("tr", [("class", "member")], cells)
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", String(headerColumns.count)), ("class", "empty")],
                                       [.text(lang.t("Không có ai trong ô này.", "Nobody is in this cell."))])])
            : .empty
        return Tag.div("table-scroll", [
            Tag.el("table", [("class", "data members"), ("id", "member-list")], [
                Tag.el("thead", [], [Tag.el("tr", [], headers)]),
                Tag.el("tbody", [], rows + [empty]),
            ]),
        ])
    }

    /// `dd/MM/yyyy HH:mm` as the date over the time, to keep the table narrow.
    static func stacked(_ time: String) -> [Markup] {
        let parts = time.split(separator: " ", maxSplits: 1).map(String.init)
        return [.text(parts.first ?? time), parts.count > 1 ? Tag.span("sub", parts[1]) : .empty]
    }

    static func pager(_ model: Model) -> Markup {
        let lang = model.lang
        let page = model.drill.page
        let last = model.pageCount
        let first = (page - 1) * model.list.perPage + 1
        let shown = model.list.members.count
        return Tag.el("nav", [("class", "pager"), ("aria-label", lang.t("Phân trang", "Pages"))], [
            Tag.span("range", shown == 0 ? "" : lang.t("\(first)–\(first + shown - 1) trong \(model.list.total)",
                                                        "\(first)–\(first + shown - 1) of \(model.list.total)")),
            page > 1 ? Tag.link(model.link([("page", String(page - 1))]), lang.t("‹ Trước", "‹ Previous"), class: "button prev")
                : .empty,
            Tag.span("page", lang.t("Trang \(page)/\(last)", "Page \(page) of \(last)")),
            page < last ? Tag.link(model.link([("page", String(page + 1))]), lang.t("Sau ›", "Next ›"), class: "button next")
                : .empty,
        ])
    }
}
