import CallDeskCore
import Plot

extension TelesalesReportPage {
    static func render(_ model: Model) -> String {
        let lang = model.lang
        let f = model.report.filters
        let subtitle = lang.t("Khách hàng tạo từ \(f.created.from.display) đến \(f.created.to.display) · "
                                + "cuộc gọi từ \(f.calls.from.display) đến \(f.calls.to.display)",
                              "Customers created \(f.created.from.display)–\(f.created.to.display) · "
                                + "calls \(f.calls.from.display)–\(f.calls.to.display)")
        return Layout.page(model.context, title: lang.t("Báo cáo Telesales", "Telesales report"), section: .report,
                           subtitle: subtitle, content: [
            filterForm(model),
            Tag.el("section", [("class", "panel")], [table(model)]),
            Tag.el("section", [("class", "panel funnel-panel")], [
                Tag.el("h2", [], [.text(lang.t("Phễu chuyển đổi (dòng Tổng)", "Conversion funnel (Total row)"))]),
                .raw(FunnelChart.svg(model.report.total.figures, basis: f.basis, lang: lang)),
            ]),
        ])
    }

    /// The columns in order: (metric, group header or nil for a single header spanning both rows).
    static let columns: [(metric: TelesalesMetric, group: String?)] = [
        (.members, nil),
        (.called, "Telesales"), (.answered, "Telesales"),
        (.notCalled, nil),
        (.booked, "appointments"), (.completed, "appointments"),
        (.notBooked, nil),
        (.orders, "orders"), (.orderValue, "orders"), (.paid, "orders"), (.debt, "orders"),
        (.notOrdered, nil),
    ]

    static func groupTitle(_ group: String, lang: Lang) -> String {
        switch group {
        case "appointments": return lang.t("Lịch hẹn", "Appointments")
        case "orders": return lang.t("Đơn hàng", "Orders")
        default: return group
        }
    }

    static func header(_ metric: TelesalesMetric, basis: ReportBasis, lang: Lang) -> String {
        if metric == .members { return basis == .customer ? lang.t("Khách hàng", "Customers") : lang.t("Cơ hội", "Opportunities") }
        if metric == .booked { return lang.t("Đã đặt", "Booked") }
        return lang == .vi ? metric.label.vi : metric.label.en
    }

    static func table(_ model: Model) -> Markup {
        let lang = model.lang
        let basis = model.report.filters.basis
        var top: [Markup] = [Tag.el("th", [("rowspan", "2"), ("class", "name")], [.text(lang.t("Nhân viên", "Staff member"))])]
        var bottom: [Markup] = []
        var index = 0
        while index < columns.count {
            let column = columns[index]
            if let group = column.group {
                let span = columns[index...].prefix { $0.group == group }.count
                top.append(Tag.el("th", [("colspan", String(span)), ("class", "group")], [.text(groupTitle(group, lang: lang))]))
                for member in columns[index..<index + span] {
                    bottom.append(Tag.el("th", [("class", "num")], [.text(header(member.metric, basis: basis, lang: lang))]))
                }
                index += span
            } else {
                top.append(Tag.el("th", [("rowspan", "2"), ("class", "num")], [.text(header(column.metric, basis: basis, lang: lang))]))
                index += 1
            }
        }
        let report = model.report
        let rows = report.rows + (report.unassigned.map { [$0] } ?? [])
        return Tag.el("div", [("class", "table-scroll"), ("id", "report-live"), ("data-live", "calls")], [
            Tag.el("table", [("class", "data report"), ("id", "telesales-report")], [
                Tag.el("thead", [], [Tag.el("tr", [], top), Tag.el("tr", [], bottom)]),
                Tag.el("tbody", [], rows.map { row(model, $0) }),
                Tag.el("tfoot", [], [row(model, report.total)]),
            ]),
        ])
    }

    static func row(_ model: Model, _ row: TelesalesRow) -> Markup {
        let lang = model.lang
        let figures = row.figures
        var cells: [Markup] = []
        let department = row.user?.department.map { Tag.span("department", $0) } ?? .empty
        let inactive = row.user?.active == false ? Tag.span("badge", lang.t("Đã nghỉ", "Inactive")) : .empty
        cells.append(Tag.el("th", [("scope", "row"), ("class", "name")],
                            [Tag.span("person", label(of: row, lang: lang)), inactive, department]))
        for column in columns {
            let metric = column.metric
            let value = figures[metric]
            if TelesalesMetric.drillable.contains(metric) {
                let link = Tag.el("a", [("href", model.filter.drillDownLink(row: row.key, metric: metric)),
                                        ("class", value == 0 ? "count zero" : "count"),
                                        ("data-row", row.key.description), ("data-metric", metric.rawValue),
                                        ("data-count", String(value)), ("title", hint(metric, figures, lang: lang))],
                                  [.text(NumberFormat.grouped(value))])
                cells.append(Tag.el("td", [("class", "num")], [link]))
            } else {
                cells.append(Tag.el("td", [("class", "num money")], [.text(NumberFormat.grouped(value))]))
            }
        }
        let kind: String
        switch row.key {
        case .user: kind = "staff"
        case .unassigned: kind = "unassigned"
        case .total: kind = "total"
        }
        return Tag.el("tr", [("class", kind), ("data-row", row.key.description)], cells)
    }

    /// The secondary figures (telesales-report.md "Secondary figures") as a tooltip.
    static func hint(_ metric: TelesalesMetric, _ f: TelesalesFigures, lang: Lang) -> String {
        switch metric {
        case .called: return lang.t("\(NumberFormat.grouped(f.calls)) cuộc gọi", "\(NumberFormat.grouped(f.calls)) calls")
        case .answered:
            return lang.t("\(NumberFormat.grouped(f.answeredCalls)) cuộc gọi thành công, \(NumberFormat.grouped(f.talkSeconds / 60)) phút đàm thoại",
                          "\(NumberFormat.grouped(f.answeredCalls)) answered calls, \(NumberFormat.grouped(f.talkSeconds / 60)) min talk time")
        case .booked:
            return lang.t("\(NumberFormat.grouped(f.appointments)) lịch hẹn", "\(NumberFormat.grouped(f.appointments)) appointments")
        case .completed:
            return lang.t("\(NumberFormat.grouped(f.completedAppointments)) lịch hẹn hoàn thành",
                          "\(NumberFormat.grouped(f.completedAppointments)) completed appointments")
        case .orders:
            return lang.t("\(NumberFormat.grouped(f.ordered)) khách hàng có đơn — bấm để xem",
                          "\(NumberFormat.grouped(f.ordered)) members with an order — click to list them")
        default: return lang.t("Bấm để xem danh sách", "Click to list them")
        }
    }
}

extension LocalDate {
    /// `29/11/2026` (ui-glossary.md).
    var display: String {
        (day < 10 ? "0" : "") + "\(day)/" + (month < 10 ? "0" : "") + "\(month)/\(year)"
    }
}
