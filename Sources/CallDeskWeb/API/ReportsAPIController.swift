import CallDeskCore
import CallDeskStore
import Foundation
import Vapor

/// `GET /api/v1/reports/telesales` and `/members` (R18), authenticated by API key, in the viewer's scope.
enum ReportsAPIController {
    static func register(_ api: any RoutesBuilder) {
        let reports = api.grouped("reports", "telesales")
        reports.get(use: report)
        reports.get("members", use: members)
    }

    @Sendable static func report(_ request: Request) async throws -> Response {
        let zone = try await CompanySettingsStore.load(CallDeskDatabase.sql(request.db)).timeZone
        let parameters = try TelesalesParameters.parse(request, timeZone: zone)
        let report = try await TelesalesReportEngine(database: request.db)
            .report(parameters.filters, viewerID: try request.viewerID(), now: parameters.now)
        switch QueryItems(request.url.query ?? "")["format"] ?? "json" {
        case "json": return respond(report.json().serialized(), type: "application/json; charset=utf-8")
        case "csv": return respond(report.csv(), type: "text/csv; charset=utf-8", file: "bao-cao-telesales.csv")
        case let other: throw Problem.badRequest("format must be json or csv (got \"\(other)\")")
        }
    }

    @Sendable static func members(_ request: Request) async throws -> Response {
        let zone = try await CompanySettingsStore.load(CallDeskDatabase.sql(request.db)).timeZone
        let parameters = try TelesalesParameters.parse(request, timeZone: zone)
        let drill = try DrillDownParameters.parse(QueryItems(request.url.query ?? ""), formats: [.json, .csv, .xlsx])
        let list = try await TelesalesReportEngine(database: request.db)
            .members(parameters.filters, viewerID: try request.viewerID(), now: parameters.now, row: drill.row,
                     metric: drill.metric, page: drill.page, perPage: drill.perPage, sort: drill.sort)
        if let export = try drill.export(list, timeZone: zone) { return export }
        return respond(list.json(timeZone: zone).serialized(), type: "application/json; charset=utf-8")
    }

    static func respond(_ body: String, type: String, file: String? = nil) -> Response {
        DrillDownParameters.respond(body, type: type, file: file)
    }
}
