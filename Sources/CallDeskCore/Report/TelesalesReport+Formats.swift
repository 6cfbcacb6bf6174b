import Foundation

/// The report's faces (R18, R19): JSON in the spec's exact shape, CSV and an aligned text table.
/// All come from the same ``TelesalesReport`` and the metric list of ``TelesalesMetric``.
extension TelesalesReport {
    /// The metrics of a row in the spec's JSON order.
    public static let jsonMetrics: [TelesalesMetric] = [
        .members, .called, .answered, .notCalled, .booked, .completed, .notBooked, .orders, .ordered, .orderValue,
        .paid, .debt, .notOrdered, .calls, .answeredCalls, .talkSeconds, .appointments, .completedAppointments,
    ]

    /// The JSON document of telesales-report.md (R19).
    public func json() -> JSONValue {
        .object([
            ("filters", filtersJSON()),
            ("rows", .array(rows.map(Self.rowJSON))),
            ("unassigned", unassigned.map(Self.rowJSON) ?? .null),
            ("total", Self.rowJSON(total)),
        ])
    }

    public func filtersJSON() -> JSONValue {
        func range(_ r: LocalDateRange) -> JSONValue {
            .object([("from", .string(r.from.description)), ("to", .string(r.to.description))])
        }
        return .object([
            ("basis", .string(filters.basis.rawValue)),
            ("owners", .string(filters.owners.description)),
            ("campaign", filters.campaign.map { .int($0) } ?? .string("all")),
            ("sources", .array(filters.sources.map { .int($0) })),
            ("groups", .array(filters.groups.map { .int($0) })),
            ("created", range(filters.created)),
            ("calls", range(filters.calls)),
            ("now", .string(RFC3339.string(from: now, in: timeZone))),
            ("time_zone", .string(timeZone.identifier)),
        ])
    }

    public static func rowJSON(_ row: TelesalesRow) -> JSONValue {
        var fields: [(String, JSONValue)] = [("row", .string(row.key.description))]
        if let user = row.user {
            fields.append(("user", .object([
                ("id", .int(user.id)), ("name", .string(user.name)), ("email", .string(user.email)),
                ("department", user.department.map { .string($0) } ?? .null),
            ])))
        }
        for metric in jsonMetrics { fields.append((metric.rawValue, .int(row.figures[metric]))) }
        return .object(fields)
    }

    /// Every row, then Unassigned (when shown) and Total.
    public var allRows: [TelesalesRow] { rows + (unassigned.map { [$0] } ?? []) + [total] }

    /// CSV: one line per row, columns named as the JSON's keys.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.row(["row", "user_id", "name", "email", "department"] + Self.jsonMetrics.map(\.rawValue))
        for row in allRows {
            writer.row([row.key.description, row.user.map { String($0.id) }, row.user?.name ?? Self.label(row.key, "vi"),
                        row.user?.email, row.user?.department]
                       + Self.jsonMetrics.map { String(row.figures[$0]) })
        }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func label(_ key: ReportRowKey, _ lang: String) -> String {
        switch key {
        case .user(let id): return "user:\(id)"
        case .unassigned: return lang == "en" ? "Unassigned" : "Chưa phụ trách"
        case .total: return lang == "en" ? "Total" : "Tổng"
        }
    }

    /// An aligned text table for the terminal, Vietnamese (`vi`) or English (`en`) headers.
    public func table(lang: String = "vi") -> String {
        let columns: [(TelesalesMetric, vi: String, en: String)] = [
            (.members, "Khách hàng", "Members"), (.called, "Đã gọi", "Called"), (.answered, "Gọi TC", "Answered"),
            (.notCalled, "Chưa gọi", "Not called"), (.booked, "Đặt hẹn", "Booked"), (.completed, "Hoàn thành", "Completed"),
            (.notBooked, "Chưa hẹn", "Not booked"), (.orders, "Số đơn", "Orders"), (.orderValue, "Giá trị", "Value"),
            (.paid, "Đã thu", "Paid"), (.debt, "Công nợ", "Debt"), (.notOrdered, "Chưa có đơn", "No order"),
        ]
        let en = lang == "en"
        var header = [en ? "Staff" : "Nhân viên", en ? "Department" : "Phòng ban"]
        header += columns.map { en ? $0.en : $0.vi }
        var lines: [[String]] = [header]
        for row in allRows {
            var cells = [row.user?.name ?? Self.label(row.key, lang), row.user?.department ?? ""]
            cells += columns.map { NumberFormat.grouped(row.figures[$0.0]) }
            lines.append(cells)
        }
        var widths = Array(repeating: 0, count: header.count)
        for line in lines { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func render(_ line: [String]) -> String {
            line.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = [render(lines[0]), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += lines.dropFirst().dropLast().map(render)
        out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        out.append(render(lines.last!))
        let title = en ? "Telesales report" : "Báo cáo Telesales"
        let period = "\(filters.created) · \(en ? "calls" : "gọi") \(filters.calls) · \(filters.basis.rawValue)"
        return "\(title) — \(period)\n" + out.joined(separator: "\n") + "\n"
    }
}
