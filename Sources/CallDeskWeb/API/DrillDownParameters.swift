import CallDeskCore
import CallDeskStore
import Foundation
import Vapor

/// The drill-down's own parameters (R18): `row`, `metric`, `sort`, `format`, `page`, `per_page`.
/// Shared by the API and the drill-down page, like the CSV and XLSX answers below.
struct DrillDownParameters {
    enum Format: String { case json, csv, xlsx, html }

    var row: ReportRowKey
    var metric: TelesalesMetric
    var sort: MemberSort
    var format: Format
    var page: Int
    var perPage: Int

    /// - Parameter formats: the formats this entry point answers; the first is the default.
    static func parse(_ query: QueryItems, formats: [Format]) throws -> DrillDownParameters {
        guard let rowText = query["row"], let row = ReportRowKey(rowText) else {
            throw Problem.badRequest("row is required: user:<id>, unassigned or total")
        }
        let drillable = TelesalesMetric.drillable.map(\.rawValue).joined(separator: ", ")
        guard let metricText = query["metric"], let metric = TelesalesMetric(rawValue: metricText),
              TelesalesMetric.drillable.contains(metric) else {
            throw Problem.badRequest("metric is required, one of: \(drillable)")
        }
        let formatText = query["format"] ?? formats[0].rawValue
        guard let format = Format(rawValue: formatText), formats.contains(format) else {
            throw Problem.badRequest("format must be " + formats.map(\.rawValue).joined(separator: ", ")
                                     + " (got \"\(formatText)\")")
        }
        let sortText = query["sort"] ?? MemberSort.default.rawValue
        guard let sort = MemberSort(rawValue: sortText) else {
            throw Problem.badRequest("sort must be one of: " + MemberSort.allCases.map(\.rawValue).joined(separator: ", "))
        }
        // Exports hold every member; the other formats page.
        let exporting = format == .csv || format == .xlsx
        let page = exporting ? 1 : try positive(query["page"], name: "page", default: 1)
        let perPage = exporting ? 1_000_000 : min(try positive(query["per_page"], name: "per_page", default: 50), 1_000)
        return DrillDownParameters(row: row, metric: metric, sort: sort, format: format, page: page, perPage: perPage)
    }

    static func positive(_ text: String?, name: String, default fallback: Int) throws -> Int {
        guard let text else { return fallback }
        guard let value = Int(text), value >= 1 else {
            throw Problem.badRequest("\(name) must be a whole number ≥ 1 (got \"\(text)\")")
        }
        return value
    }

    /// The members as a CSV or XLSX download (R15: the same rows as the list), or nil for other formats.
    func export(_ list: MemberPage, timeZone: TimeZone) throws -> Response? {
        let name = "khach-hang-\(metric.rawValue)-\(row.description.replacingOccurrences(of: ":", with: "-"))"
        switch format {
        case .csv:
            return Self.respond(csvText(list.table(lang: "vi", timeZone: timeZone)), type: "text/csv; charset=utf-8",
                                file: name + ".csv")
        case .xlsx:
            let data = try XLSXWriter.workbook(sheet: "Khách hàng", rows: list.table(lang: "vi", timeZone: timeZone))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType,
                                 value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
            return Response(status: .ok, headers: headers, body: .init(data: data))
        case .json, .html:
            return nil
        }
    }

    static func respond(_ body: String, type: String, file: String? = nil) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        if let file { headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file)\"") }
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
