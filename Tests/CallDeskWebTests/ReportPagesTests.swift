import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// R20: the Telesales report page and its drill-down (R15), on the sample company.
@Suite("Web: Telesales report page (R15, R16, R20)")
struct ReportPagesTests {
    static let month = "created_from=2026-11-01&created_to=2026-11-30&calls_from=2026-11-01&calls_to=2026-11-30"
        + "&now=2026-11-30T17:00:00%2B07:00"
    static let now = try! RFC3339.parse("2026-11-30T17:00:00+07:00").get()
    static var filters: TelesalesFilters {
        TelesalesFilters(created: LocalDateRange(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!),
                         calls: LocalDateRange(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!))
    }

    /// The count link of a cell as the page writes it.
    static func cell(_ row: ReportRowKey, _ metric: TelesalesMetric, _ value: Int64) -> String {
        #"data-row="\#(row)" data-metric="\#(metric.rawValue)" data-count="\#(value)""#
    }

    @Test("R20: every count of every row is the engine's, each a link to its drill-down; money is formatted")
    func engineNumbersAndLinks() async throws {
        try await withWebCompany { app, ids in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let response = try await client.get("/reports/telesales?\(Self.month)")
            #expect(response.status == .ok)
            let html = response.body.string
            let report = try await TelesalesReportEngine(database: app.db)
                .report(Self.filters, viewerID: ids["giamdoc@example.vn"]!, now: Self.now)
            // `ordered` has no column of its own: the `orders` cell opens those members (R15).
            for row in report.allRows {
                for metric in TelesalesMetric.drillable where metric != .ordered {
                    #expect(html.contains(Self.cell(row.key, metric, row.figures[metric])), "\(row.key) \(metric)")
                }
            }
            #expect(html.contains("href=\"/reports/telesales/members?basis=customer&amp;owners=all&amp;created_from=2026-11-01"))
            #expect(html.contains("row=total&amp;metric=members"))
            #expect(html.contains("Chưa phụ trách"))
            #expect(html.contains("Tổng"))
            #expect(html.contains(#"<th colspan="2" class="group">Telesales</th>"#))
            #expect(html.contains(NumberFormat.grouped(report.total.figures.orderValue)))
            #expect(html.contains("<svg class=\"funnel\""))
        }
    }

    @Test("R16: a salesperson sees only their own row, and a colleague's row is a 403 page with the reason")
    func salespersonSeesOwnRow() async throws {
        try await withWebCompany { app, ids in
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            let html = try await client.get("/reports/telesales?\(Self.month)").body.string
            #expect(html.contains(#"<tr class="staff" data-row="user:\#(ids["an@example.vn"]!)""#))
            #expect(!html.contains(#"data-row="user:\#(ids["truong.kd@example.vn"]!)""#))
            #expect(!html.contains(#"<tr class="unassigned""#))
            let refused = try await client.get("/reports/telesales?\(Self.month)&owners=user:\(ids["truong.kd@example.vn"]!)")
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("Bạn không được xem nội dung này"))
            let drill = try await client.get("/reports/telesales/members?\(Self.month)&row=unassigned&metric=members")
            #expect(drill.status == .forbidden)
        }
    }

    @Test("R15: each drill-down page states the cell's count and lists that many members")
    func drillDownCountEqualsCell() async throws {
        try await withWebCompany { app, ids in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let report = try await TelesalesReportEngine(database: app.db)
                .report(Self.filters, viewerID: ids["giamdoc@example.vn"]!, now: Self.now)
            for row in report.allRows {
                for metric in [TelesalesMetric.members, .called, .notCalled, .ordered, .notBooked] {
                    let page = try await client.get("/reports/telesales/members?\(Self.month)&row=\(row.key)&metric=\(metric.rawValue)")
                    #expect(page.status == .ok)
                    let html = page.body.string
                    let value = row.figures[metric]
                    #expect(html.contains(#"id="member-count" data-count="\#(value)""#), "\(row.key) \(metric)")
                    #expect(html.components(separatedBy: #"<tr class="member">"#).count - 1 == Int(value))
                }
            }
            let csv = try await client.get("/reports/telesales/members?\(Self.month)&row=total&metric=members&format=csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.split(separator: "\n").count == Int(report.total.figures.members) + 1)
            let xlsx = try await client.get("/reports/telesales/members?\(Self.month)&row=total&metric=members&format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.body.readableBytes > 0)
        }
    }

    @Test("bad filters show a 400 page that says what to fix")
    func badFilters() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let response = try await client.get("/reports/telesales?created_from=2026-11-30&created_to=2026-11-01")
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("Hãy sửa bộ lọc"))
        }
    }

    @Test("a date preset sets the range, and the page can switch to English")
    func presetsAndEnglish() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let html = try await client.get("/reports/telesales?created_preset=last_month&calls_preset=last_month"
                                            + "&now=2026-12-02T10:00:00%2B07:00&lang=en").body.string
            #expect(html.contains(#"name="created_from" id="created_from" value="2026-11-01""#))
            #expect(html.contains(#"name="calls_to" id="calls_to" value="2026-11-30""#))
            #expect(html.contains("Telesales report"))
            #expect(client.cookies["calldesk_lang"] == "en")
        }
    }
}
