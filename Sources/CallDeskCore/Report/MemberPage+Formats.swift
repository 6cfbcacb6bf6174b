import Foundation

/// A drill-down list's faces (R15): JSON, and rows of cells for CSV and XLSX with the same members.
extension MemberPage {
    public static func headers(lang: String) -> [String] {
        let vi = ["Mã KH", "Khách hàng", "Cơ hội / Chiến dịch", "Số điện thoại", "Người phụ trách", "Nguồn", "Nhóm",
                  "Thời gian tạo", "Cuộc gọi gần nhất", "Số cuộc gọi", "Gọi thành công", "Lịch hẹn", "Số đơn",
                  "Giá trị đơn", "Đã thu", "Công nợ"]
        let en = ["Code", "Customer", "Opportunity / Campaign", "Phones", "Owner", "Sources", "Groups", "Created",
                  "Last call", "Calls", "Answered calls", "Appointments", "Orders", "Order value", "Paid", "Debt"]
        return lang == "en" ? en : vi
    }

    /// Header row, then one row per member; times in `timeZone` as `dd/MM/yyyy HH:mm`.
    public func table(lang: String, timeZone: TimeZone) -> [[TableCell]] {
        var rows: [[TableCell]] = [Self.headers(lang: lang).map { .text($0) }]
        for m in members {
            let opportunity = m.opportunityExternalID.map { id in m.campaignName.map { "\(id) · \($0)" } ?? id }
            rows.append([
                .text(m.customerCode ?? ""), .text(m.name), opportunity.map { .text($0) } ?? .empty,
                .text(m.phones.joined(separator: "; ")), .text(m.ownerName ?? (lang == "en" ? "Unassigned" : "Chưa phụ trách")),
                .text(m.sources.joined(separator: "; ")), .text(m.groups.joined(separator: "; ")),
                .text(DisplayTime.format(m.createdAt, in: timeZone)),
                m.lastCallAt.map { .text(DisplayTime.format($0, in: timeZone)) } ?? .empty,
                .number(m.figures.calls), .number(m.figures.answeredCalls), .number(m.figures.appointments),
                .number(m.figures.orders), .number(m.figures.orderValue), .number(m.figures.paid), .number(m.figures.debt),
            ])
        }
        return rows
    }

    public func json(timeZone: TimeZone) -> JSONValue {
        .object([
            ("total", .int(Int64(total))),
            ("page", .int(Int64(page))),
            ("per_page", .int(Int64(perPage))),
            ("members", .array(members.map { member($0, timeZone: timeZone) })),
        ])
    }

    private func member(_ m: ReportMember, timeZone: TimeZone) -> JSONValue {
        .object([
            ("customer", .object([
                ("id", .int(m.customerID)), ("code", m.customerCode.map { .string($0) } ?? .null),
                ("name", .string(m.name)), ("phones", .array(m.phones.map { .string($0) })),
            ])),
            ("opportunity", m.opportunityID.map { id in
                .object([("id", .int(id)), ("campaign", m.campaignName.map { .string($0) } ?? .null)])
            } ?? .null),
            ("owner", m.ownerID.map { id in .object([("id", .int(id)), ("name", .string(m.ownerName ?? ""))]) } ?? .null),
            ("sources", .array(m.sources.map { .string($0) })),
            ("groups", .array(m.groups.map { .string($0) })),
            ("created_at", .string(RFC3339.string(from: m.createdAt, in: timeZone))),
            ("last_call_at", m.lastCallAt.map { .string(RFC3339.string(from: $0, in: timeZone)) } ?? .null),
            ("calls", .int(m.figures.calls)),
            ("answered_calls", .int(m.figures.answeredCalls)),
            ("talk_seconds", .int(m.figures.talkSeconds)),
            ("appointments", .int(m.figures.appointments)),
            ("completed_appointments", .int(m.figures.completedAppointments)),
            ("orders", .int(m.figures.orders)),
            ("order_value", .int(m.figures.orderValue)),
            ("paid", .int(m.figures.paid)),
            ("debt", .int(m.figures.debt)),
        ])
    }
}

/// Times as the UI shows them (ui-glossary.md): `29/11/2026 14:05` in the company's zone.
public enum DisplayTime {
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let seconds = Int64(floor(date.timeIntervalSince1970)) + Int64(timeZone.secondsFromGMT(for: date))
        let day = LocalDate(daysSinceEpoch: LocalCalendar.floorDiv(seconds, 86_400))
        let secondOfDay = seconds - LocalCalendar.floorDiv(seconds, 86_400) * 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(Int64(day.day)))/\(two(Int64(day.month)))/\(day.year) \(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60))"
    }
}
