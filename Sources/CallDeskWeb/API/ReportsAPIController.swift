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
        let query = QueryItems(request.url.query ?? "")
        guard let rowText = query["row"], let row = ReportRowKey(rowText) else {
            throw Problem.badRequest("row is required: user:<id>, unassigned or total")
        }
        let drillable = TelesalesMetric.drillable.map(\.rawValue).joined(separator: ", ")
        guard let metricText = query["metric"], let metric = TelesalesMetric(rawValue: metricText),
              TelesalesMetric.drillable.contains(metric) else {
            throw Problem.badRequest("metric is required, one of: \(drillable)")
        }
        let format = query["format"] ?? "json"
        guard ["json", "csv", "xlsx"].contains(format) else {
            throw Problem.badRequest("format must be json, csv or xlsx (got \"\(format)\")")
        }
        let sortText = query["sort"] ?? MemberSort.default.rawValue
        guard let sort = MemberSort(rawValue: sortText) else {
            throw Problem.badRequest("sort must be one of: " + MemberSort.allCases.map(\.rawValue).joined(separator: ", "))
        }
        // Exports hold every member; JSON pages.
        let exporting = format != "json"
        let page = exporting ? 1 : try positive(query["page"], name: "page", default: 1)
        let perPage = exporting ? 1_000_000 : min(try positive(query["per_page"], name: "per_page", default: 50), 1_000)
        let engine = TelesalesReportEngine(database: request.db)
        let list = try await engine.members(parameters.filters, viewerID: try request.viewerID(), now: parameters.now,
                                            row: row, metric: metric, page: page, perPage: perPage, sort: sort)
        let name = "khach-hang-\(metric.rawValue)-\(row.description.replacingOccurrences(of: ":", with: "-"))"
        switch format {
        case "csv":
            return respond(csvText(list.table(lang: "vi", timeZone: zone)), type: "text/csv; charset=utf-8",
                           file: name + ".csv")
        case "xlsx":
            let data = try XLSXWriter.workbook(sheet: "Khách hàng", rows: list.table(lang: "vi", timeZone: zone))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType,
                                 value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
            return Response(status: .ok, headers: headers, body: .init(data: data))
        default:
            return respond(list.json(timeZone: zone).serialized(), type: "application/json; charset=utf-8")
        }
    }

    static func positive(_ text: String?, name: String, default fallback: Int) throws -> Int {
        guard let text else { return fallback }
        guard let value = Int(text), value >= 1 else {
            throw Problem.badRequest("\(name) must be a whole number ≥ 1 (got \"\(text)\")")
        }
        return value
    }

    static func respond(_ body: String, type: String, file: String? = nil) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        if let file { headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file)\"") }
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
