import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// The first page: the company and the size of the data behind it, with the way to the report.
enum HomePage {
    struct Model {
        var context: PageContext
        var counts: [(label: String, value: Int64, link: String?)]
    }

    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let sql = CallDeskDatabase.sql(request.db)
        let counts = try await OverviewCounts.load(sql)
        let viewer = try request.pageViewer()
        let zone = context.settings.timeZone
        let today = LocalCalendar.startOfDay(LocalCalendar.localDate(of: Date(), in: zone), in: zone)
        let own = try await OverviewCounts.ownCalls(userID: viewer.id, since: today, sql)
        let lang = context.lang
        let model = Model(context: context, counts: [
            (lang.t("Cuộc gọi đi của tôi hôm nay", "My outbound calls today"), own.calls, nil),
            (lang.t("Gọi thành công hôm nay", "Answered today"), own.answered, nil),
            (lang.t("Khách hàng", "Customers"), counts.customers, "/customers"),
            (lang.t("Nhân viên", "Staff"), counts.users, nil),
            (lang.t("Cuộc gọi", "Calls"), counts.calls, nil),
            (lang.t("Đơn hàng", "Orders"), counts.orders, nil),
        ])
        return Layout.response(render(model))
    }

    static func render(_ model: Model) -> String {
        let lang = model.context.lang
        let name = model.context.viewer?.name ?? ""
        return Layout.page(model.context, title: lang.t("Trang chủ", "Home"), section: .home,
                           subtitle: lang.t("Xin chào, \(name)", "Hello, \(name)"), content: [
            Tag.el("ul", [("class", "stat-cards"), ("id", "home-counters"), ("data-live", "calls")], model.counts.map { item in
                let value = Tag.span("value", NumberFormat.grouped(item.value))
                let label = Tag.span("label", item.label)
                return Tag.el("li", [("class", "stat")],
                              [item.link.map { Tag.el("a", [("href", $0)], [value, label]) } ?? .group(value, label)])
            }),
            Tag.el("section", [("class", "panel")], [
                Tag.el("h2", [], [.text(lang.t("Báo cáo", "Reports"))]),
                Tag.el("p", [], [Tag.link("/reports/telesales?created_preset=this_month&calls_preset=this_month",
                                          lang.t("Báo cáo Telesales tháng này →", "This month's Telesales report →"))]),
            ]),
        ])
    }
}
