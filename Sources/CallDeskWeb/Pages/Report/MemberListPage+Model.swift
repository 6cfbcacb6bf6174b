import CallDeskCore
import CallDeskStore
import Vapor

/// The drill-down (R15): the members behind one cell of the report, paged and sortable, with CSV
/// and Excel downloads of the same list. Its heading states the cell and the count, which always
/// equals the number in the cell (the engine counts both).
enum MemberListPage {
    struct Model {
        var context: PageContext
        var filter: ReportFilterQuery
        var drill: DrillDownParameters
        var list: MemberPage
        var rowLabel: String

        var lang: Lang { context.lang }
        var pageCount: Int { max(1, (list.total + list.perPage - 1) / list.perPage) }

        /// This list with some parameters changed (sort, page, format).
        func link(_ changes: [(String, String)]) -> String {
            var pairs: [(String, String)] = [("sort", drill.sort.rawValue), ("page", String(drill.page))]
            for change in changes {
                pairs.removeAll { $0.0 == change.0 }
                pairs.append(change)
            }
            return filter.drillDownLink(row: drill.row, metric: drill.metric, extra: pairs)
        }
    }

    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let filter = try ReportFilterQuery.parse(request, timeZone: context.timeZone)
        let drill = try DrillDownParameters.parse(filter.query, formats: [.html, .csv, .xlsx])
        let list = try await TelesalesReportEngine(database: request.db)
            .members(filter.filters, viewerID: viewer.id, now: filter.parameters.now, row: drill.row,
                     metric: drill.metric, page: drill.page, perPage: drill.perPage, sort: drill.sort)
        if let export = try drill.export(list, timeZone: context.timeZone) { return export }
        let lang = context.lang
        let rowLabel: String
        switch drill.row {
        case .total: rowLabel = lang.t("Tổng", "Total")
        case .unassigned: rowLabel = lang.t("Chưa phụ trách", "Unassigned")
        case .user(let id):
            let access = try await ViewerAccess.load(viewerID: viewer.id, module: "reports", on: request.db)
            rowLabel = access.people.first { $0.id == id }?.name ?? "user:\(id)"
        }
        let model = Model(context: context, filter: filter, drill: drill, list: list, rowLabel: rowLabel)
        return Layout.response(render(model))
    }
}
