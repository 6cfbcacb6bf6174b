import CallDeskCore
import CallDeskStore
import Foundation
import Vapor

/// The report page's query string → the report's parameters. On top of the API's syntax
/// (``TelesalesParameters``) the page's form sends date presets (`created_preset=this_month`) and
/// repeated `sources`/`groups` from multiple selects; links carry the resolved values and `now`, so
/// a drill-down counts exactly what its cell showed.
struct ReportFilterQuery {
    var parameters: TelesalesParameters
    var query: QueryItems
    var timeZone: TimeZone
    /// ``linkPairs`` encoded: every count of the table links with it (a 200-row report has ~2,000 links).
    private(set) var linkQuery = ""

    init(parameters: TelesalesParameters, query: QueryItems, timeZone: TimeZone) {
        self.parameters = parameters
        self.query = query
        self.timeZone = timeZone
        linkQuery = QueryString.encode(linkPairs)
    }

    var filters: TelesalesFilters { parameters.filters }
    var today: LocalDate { LocalCalendar.localDate(of: parameters.now, in: timeZone) }

    static func parse(_ request: Request, timeZone: TimeZone) throws -> ReportFilterQuery {
        var query = QueryItems(request.url.query ?? "")
        for name in ["sources", "groups"] {
            let values = query.all(name)
            if values.count > 1 { query.set(name, values.joined(separator: ",")) }
        }
        let now = try TelesalesParameters.parse(query, timeZone: timeZone).now
        let today = LocalCalendar.localDate(of: now, in: timeZone)
        for name in ["created", "calls"] {
            guard let preset = query["\(name)_preset"].flatMap(DatePreset.init(rawValue:)),
                  let range = preset.range(today: today) else { continue }
            query.set("\(name)_from", range.from.description)
            query.set("\(name)_to", range.to.description)
        }
        return ReportFilterQuery(parameters: try TelesalesParameters.parse(query, timeZone: timeZone), query: query,
                                 timeZone: timeZone)
    }

    /// The filters and `now` in the API's syntax (R18), for drill-down links and exports.
    var linkPairs: [(String, String)] {
        let f = filters
        var pairs: [(String, String)] = [("basis", f.basis.rawValue), ("owners", f.owners.description)]
        if let campaign = f.campaign { pairs.append(("campaign", String(campaign))) }
        if !f.sources.isEmpty { pairs.append(("sources", f.sources.map(String.init).joined(separator: ","))) }
        if !f.groups.isEmpty { pairs.append(("groups", f.groups.map(String.init).joined(separator: ","))) }
        pairs += [("created_from", f.created.from.description), ("created_to", f.created.to.description),
                  ("calls_from", f.calls.from.description), ("calls_to", f.calls.to.description),
                  ("now", RFC3339.string(from: parameters.now, in: timeZone))]
        return pairs
    }

    func drillDownLink(row: ReportRowKey, metric: TelesalesMetric, extra: [(String, String)] = []) -> String {
        "/reports/telesales/members?" + linkQuery + "&"
            + QueryString.encode([("row", row.description), ("metric", metric.rawValue)] + extra)
    }

    /// The report itself with these filters, pinned to the same `now`.
    var reportLink: String {
        "/reports/telesales?" + linkQuery
    }
}
