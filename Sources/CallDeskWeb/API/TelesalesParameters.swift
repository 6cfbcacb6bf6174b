import CallDeskCore
import CallDeskStore
import Foundation
import Vapor

/// The report's query parameters (R18) → filters, `now`, and for drill-downs row/metric/paging.
/// Every wrong value is a 400 that names the parameter and the expected form.
struct TelesalesParameters {
    var filters: TelesalesFilters
    var now: Date

    static func parse(_ request: Request, timeZone: TimeZone) throws -> TelesalesParameters {
        try parse(request.url.query.map(QueryItems.init) ?? QueryItems(""), timeZone: timeZone)
    }

    static func parse(_ query: QueryItems, timeZone: TimeZone) throws -> TelesalesParameters {
        var now = Date()
        if let text = query["now"] {
            guard let parsed = try? RFC3339.parse(text).get() else {
                throw Problem.badRequest("now must be an RFC 3339 time with an offset, e.g. 2026-11-30T17:00:00+07:00")
            }
            now = parsed
        }
        var filters = TelesalesFilters.defaults(now: now, timeZone: timeZone)
        if let basis = query["basis"] {
            guard let value = ReportBasis(rawValue: basis) else {
                throw Problem.badRequest("basis must be customer or opportunity (got \"\(basis)\")")
            }
            filters.basis = value
        }
        if let owners = query["owners"] {
            guard let value = OwnerFilter(owners) else {
                throw Problem.badRequest("owners must be all, user:<id> or department:<id> (got \"\(owners)\")")
            }
            filters.owners = value
        }
        if let campaign = query["campaign"], campaign != "all" {
            guard let id = Int64(campaign) else {
                throw Problem.badRequest("campaign must be all or a campaign id (got \"\(campaign)\")")
            }
            filters.campaign = id
        }
        filters.sources = try ids(query["sources"], name: "sources")
        filters.groups = try ids(query["groups"], name: "groups")
        filters.created = try range(query, "created", default: filters.created)
        filters.calls = try range(query, "calls", default: filters.calls)
        return TelesalesParameters(filters: filters, now: now)
    }

    static func ids(_ text: String?, name: String) throws -> [Int64] {
        guard let text, !text.isEmpty else { return [] }
        var result: [Int64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let id = Int64(part.trimmingCharacters(in: .whitespaces)) else {
                throw Problem.badRequest("\(name) must be comma-separated ids (got \"\(text)\")")
            }
            if !result.contains(id) { result.append(id) }
        }
        return result
    }

    static func range(_ query: QueryItems, _ name: String, default fallback: LocalDateRange) throws -> LocalDateRange {
        func date(_ key: String) throws -> LocalDate? {
            guard let text = query[key] else { return nil }
            guard let date = LocalDate(text) else {
                throw Problem.badRequest("\(key) must be a date as YYYY-MM-DD (got \"\(text)\")")
            }
            return date
        }
        let from = try date("\(name)_from") ?? fallback.from
        let to = try date("\(name)_to") ?? fallback.to
        guard from <= to else { throw Problem.badRequest("\(name)_from (\(from)) is after \(name)_to (\(to))") }
        return LocalDateRange(from: from, to: to)
    }
}

/// Query items by name, percent-decoded; the last value of a repeated name wins (``all(_:)`` has
/// every value, for multiple selects).
struct QueryItems {
    private var items: [String: String] = [:]
    private var repeated: [String: [String]] = [:]
    /// Every key and value in the order they came.
    private(set) var pairs: [(String, String)] = []

    init(_ query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in PBXPayload.decode(String(s)) }
            guard let key = parts.first.map(decode), !key.isEmpty else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            items[key] = value
            repeated[key, default: []].append(value)
            pairs.append((key, value))
        }
    }

    /// Every non-empty value given for `key`, in order.
    func all(_ key: String) -> [String] {
        (repeated[key] ?? []).filter { !$0.isEmpty }
    }

    /// Replaces `key`'s value (nil removes it).
    mutating func set(_ key: String, _ value: String?) {
        items[key] = value
        repeated[key] = value.map { [$0] }
    }

    subscript(_ key: String) -> String? {
        guard let value = items[key], !value.isEmpty else { return nil }
        return value
    }
}
