import CallDeskCore
import CallDeskStore
import Vapor

/// KPI › Báo cáo Telesales (R20): the filters with their defaults, the table with grouped headers,
/// every count a link to its drill-down, and the funnel of the Total row. Every number comes from
/// ``TelesalesReportEngine``; the page only formats it.
enum TelesalesReportPage {
    struct Model {
        var context: PageContext
        var filter: ReportFilterQuery
        var report: TelesalesReport
        var access: ViewerAccess
        var choices: FilterChoices

        var lang: Lang { context.lang }
    }

    static func load(_ request: Request) async throws -> Model {
        let context = try request.page
        let viewer = try request.pageViewer()
        let filter = try ReportFilterQuery.parse(request, timeZone: context.timeZone)
        let engine = TelesalesReportEngine(database: request.db)
        let report = try await engine.report(filter.filters, viewerID: viewer.id, now: filter.parameters.now)
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "reports", on: request.db)
        let choices = try await FilterChoices.load(on: request.db)
        return Model(context: context, filter: filter, report: report, access: access, choices: choices)
    }

    @Sendable static func handle(_ request: Request) async throws -> Response {
        Layout.response(render(try await load(request)))
    }

    /// The row's name as the table shows it.
    static func label(of row: TelesalesRow, lang: Lang) -> String {
        switch row.key {
        case .user: return row.user?.name ?? row.key.description
        case .unassigned: return lang.t("Chưa phụ trách", "Unassigned")
        case .total: return lang.t("Tổng", "Total")
        }
    }
}
