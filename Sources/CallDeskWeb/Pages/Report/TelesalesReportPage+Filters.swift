import CallDeskCore
import CallDeskStore
import Plot

/// The filter form: a GET form, so the filters live in the URL and a report can be bookmarked.
extension TelesalesReportPage {
    static func filterForm(_ model: Model) -> Markup {
        let lang = model.lang
        let f = model.report.filters
        let today = model.filter.today
        var owners: [(value: String, label: String)] = [("all", lang.t("Tất cả (trong phạm vi của bạn)", "Everyone I may see"))]
        owners += model.access.departments.map {
            ("department:\($0.id)", String(repeating: "  ", count: $0.depth) + lang.t("Phòng ban: ", "Department: ") + $0.name)
        }
        owners += model.access.people.map { person in
            ("user:\(person.id)", person.name + (person.active ? "" : lang.t(" (đã nghỉ)", " (inactive)")))
        }
        var campaigns: [(value: String, label: String)] = [("all", lang.t("Tất cả chiến dịch", "All campaigns"))]
        campaigns += model.choices.campaigns.map { (String($0.id), $0.name) }
        return Tag.el("form", [("method", "get"), ("action", "/reports/telesales"), ("class", "filters panel"),
                               ("id", "report-filters"), ("data-today", today.description)], [
            Tag.div("filter-grid", [
                labelled(lang.t("Báo cáo theo", "Report by"), "basis",
                         Tag.select("basis", [("customer", lang.t("Người phụ trách khách hàng", "Customer owner")),
                                              ("opportunity", lang.t("Người phụ trách cơ hội", "Opportunity owner"))],
                                    selected: f.basis.rawValue)),
                labelled(lang.t("Người phụ trách", "Owner"), "owners",
                         Tag.select("owners", owners, selected: f.owners.description)),
                labelled(lang.t("Chiến dịch", "Campaign"), "campaign",
                         Tag.select("campaign", campaigns, selected: f.campaign.map(String.init) ?? "all")),
                multiple(lang.t("Nguồn khách hàng", "Sources"), "sources", model.choices.sources, selected: f.sources),
                dateRange(lang.t("Thời gian tạo khách hàng / cơ hội", "Customer / opportunity created"), "created",
                          f.created, today: today, lang: lang),
                dateRange(lang.t("Thời gian gọi điện thoại", "Call time"), "calls", f.calls, today: today, lang: lang),
                multiple(lang.t("Nhóm khách hàng", "Groups"), "groups", model.choices.groups, selected: f.groups),
                Tag.div("filter-actions", [
                    Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Xem báo cáo", "Show report"))]),
                    Tag.link("/reports/telesales", lang.t("Đặt lại", "Reset"), class: "button"),
                ]),
            ]),
        ])
    }

    static func labelled(_ label: String, _ name: String, _ control: Markup) -> Markup {
        Tag.div("field", [Tag.el("label", [("for", name)], [.text(label)]), control])
    }

    static func multiple(_ label: String, _ name: String, _ choices: [FilterChoices.Choice], selected: [Int64]) -> Markup {
        Tag.div("field", [
            Tag.el("label", [("for", name)], [.text(label)]),
            Tag.el("select", [("name", name), ("id", name), ("multiple", ""), ("size", "3")], choices.map { choice in
                Tag.el("option", [("value", String(choice.id)), ("selected", selected.contains(choice.id) ? "" : nil)],
                       [.text(String(repeating: "  ", count: choice.depth) + choice.name)])
            }),
        ])
    }

    /// A preset select and two date inputs; the script fills the dates when a preset is chosen, and
    /// without it the server applies the preset.
    static func dateRange(_ label: String, _ name: String, _ range: LocalDateRange, today: LocalDate, lang: Lang) -> Markup {
        let preset = DatePreset.matching(range, today: today)
        return Tag.div("field date-range", [
            Tag.el("label", [("for", "\(name)_preset")], [.text(label)]),
            Tag.div("range-controls", [
                Tag.select("\(name)_preset", DatePreset.allCases.map { ($0.rawValue, lang == .vi ? $0.label.vi : $0.label.en) },
                           selected: preset.rawValue),
                Tag.void("input", [("type", "date"), ("name", "\(name)_from"), ("id", "\(name)_from"),
                                   ("value", range.from.description), ("aria-label", lang.t("Từ ngày", "From"))]),
                Tag.span("dash", "–"),
                Tag.void("input", [("type", "date"), ("name", "\(name)_to"), ("id", "\(name)_to"),
                                   ("value", range.to.description), ("aria-label", lang.t("Đến ngày", "To"))]),
            ]),
        ])
    }
}
