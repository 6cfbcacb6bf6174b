import Foundation
import CallDeskCore

/// The funnel of the Total row (R20): members → called → answered → booked → completed → ordered,
/// as server-rendered SVG bars scaled to the members, each with its count and share.
enum FunnelChart {
    static let steps: [TelesalesMetric] = [.members, .called, .answered, .booked, .completed, .ordered]

    static func svg(_ figures: TelesalesFigures, basis: ReportBasis, lang: Lang) -> String {
        let width = 760.0
        let labelWidth = 170.0
        let barArea = width - labelWidth - 140
        let rowHeight = 34.0
        let height = rowHeight * Double(steps.count) + 8
        let members = max(figures.members, 1)
        var out = "<svg class=\"funnel\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" "
            + "height=\"\(Int(height))\" role=\"img\" aria-label=\"\(Tag.escaped(lang.t("Phễu chuyển đổi", "Conversion funnel")))\">"
        for (index, metric) in steps.enumerated() {
            let value = figures[metric]
            let share = Double(value) / Double(members)
            let barWidth = max(2, barArea * share)
            let y = Double(index) * rowHeight + 4
            let x = labelWidth + (barArea - barWidth) / 2
            let label: String
            switch metric {
            case .members: label = basis == .customer ? lang.t("Khách hàng", "Customers") : lang.t("Cơ hội", "Opportunities")
            case .booked: label = lang.t("Đã đặt lịch hẹn", "Booked")
            case .completed: label = lang.t("Hẹn hoàn thành", "Appointment done")
            default: label = lang == .vi ? metric.label.vi : metric.label.en
            }
            let percent = figures.members == 0 ? "—" : String(format: "%.1f%%", share * 100).replacingOccurrences(of: ".", with: ",")
            out += "<text x=\"0\" y=\"\(y + 21)\" class=\"funnel-label\">\(Tag.escaped(label))</text>"
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(rowHeight - 8)\" rx=\"4\" "
                + "class=\"funnel-bar step\(index)\"/>"
            out += "<text x=\"\(labelWidth + barArea + 12)\" y=\"\(y + 21)\" class=\"funnel-value\">"
                + "\(NumberFormat.grouped(value)) · \(percent)</text>"
        }
        return out + "</svg>"
    }
}
