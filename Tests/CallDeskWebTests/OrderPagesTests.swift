import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// `/orders`: paid and debt, scope, creating an order with lines, recording a payment, cancelling.
@Suite("Web: orders")
struct OrderPagesTests {
    private func rows(_ html: String) -> Int {
        html.components(separatedBy: #"<tr class="order">"#).count - 1
    }

    private func orderID(_ code: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("""
            SELECT o.id FROM orders o WHERE o.external_id = \(bind: code) OR o.code = \(bind: code)
            """).first(decodingColumn: "id", as: Int64.self)!
    }

    private func count(_ table: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")
            .first(decodingColumn: "n", as: Int64.self) ?? -1
    }

    @Test("the list shows total, paid and debt; cancelled orders only when asked; scope by the customer's owner")
    func listAndScope() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let live = try await admin.get("/orders").body.string
            #expect(rows(live) == 1)
            #expect(live.contains("3.000.000 ₫") && live.contains("1.500.000 ₫"), "total 3,000,000, paid 1,000,000 + 500,000")
            #expect(rows(try await admin.get("/orders?state=cancelled").body.string) == 1)
            #expect(rows(try await admin.get("/orders?state=all").body.string) == 2)
            #expect(rows(try await admin.get("/orders?state=owing").body.string) == 1)
            #expect(rows(try await admin.get("/orders?state=all&customer=KH000002").body.string) == 1)

            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            #expect(rows(try await an.get("/orders?state=all").body.string) == 1, "only Lan's (An's customer) order")
            let hoaMai = try await orderID("R2", app)
            #expect(try await an.get("/orders/\(hoaMai)").status == .notFound)
            let lan = try await an.get("/orders/\(try await orderID("R1", app))").body.string
            #expect(lan.contains("Gói tư vấn") && lan.contains("Công nợ 1.500.000 ₫"))
        }
    }

    @Test("creating an order: catalogue-less lines need a price; the total is the lines' sum; then pay and cancel")
    func createPayCancel() async throws {
        try await withWebCompany { app, _ in
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            let form = try await an.get("/orders/new?customer=KH000001")
            #expect(form.body.string.contains(#"value="KH000001""#))
            let before = try await count("orders", app)
            let refused = try await an.post("/orders", [("customer", "KH000001"), ("product0", "Lõi lọc"), ("quantity0", "2"),
                                                        ("price0", ""), ("product1", "Bình"), ("quantity1", "0")])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("Nhập đơn giá cho hàng ngoài danh mục"))
            #expect(refused.body.string.contains("Số lượng là số nguyên từ 1 đến 100.000"))
            #expect(try await an.post("/orders", [("customer", "KH000002"), ("product0", "X"), ("quantity0", "1"), ("price0", "1")])
                .body.string.contains("Không có khách hàng \"KH000002\" trong phạm vi của bạn"))
            #expect(try await an.post("/orders", [("customer", "KH000001")]).body.string.contains("Thêm ít nhất một dòng hàng"))
            #expect(try await count("orders", app) == before, "nothing stored")

            let created = try await an.post("/orders", [("customer", "KH000001"), ("product0", "Lõi lọc 3 cấp"),
                                                        ("quantity0", "2"), ("price0", "1.250.000"),
                                                        ("product1", "Phí lắp đặt"), ("quantity1", "1"), ("price1", "300000")])
            #expect(created.status == .seeOther)
            let page = try await an.get(created.location ?? "/")
            let html = page.body.string
            #expect(html.contains("Đã tạo đơn hàng") && html.contains("2.800.000 ₫") && html.contains("Chờ duyệt"))
            let id = Int64(created.location?.split(separator: "/").last?.split(separator: "?").first ?? "") ?? -1

            let bad = try await an.post("/orders/\(id)/payments", [("amount", "-5"), ("method", "Tiền mặt"), ("paid_on", "2999-01-01")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("Số tiền là số dương") && bad.body.string.contains("Ngày thu không thể sau hôm nay"))
            let paid = try await an.post("/orders/\(id)/payments", [("amount", "1.000.000"), ("method", "Tiền mặt"), ("paid_on", "")])
            #expect(paid.location == "/orders/\(id)?done=paid")
            let after = try await an.get("/orders/\(id)").body.string
            #expect(after.contains("Công nợ 1.800.000 ₫"))

            let cancelled = try await an.post("/orders/\(id)/cancel", [])
            #expect(cancelled.location == "/orders/\(id)?done=cancelled")
            let payments = try await count("payments", app)
            let late = try await an.post("/orders/\(id)/payments", [("amount", "100000"), ("method", "Tiền mặt")])
            #expect(late.status == .conflict && late.body.string.contains("Đơn hàng đã huỷ"))
            #expect(try await count("payments", app) == payments)
            #expect(try await an.post("/orders/\(id)/cancel", [], withToken: false).status == .forbidden)
        }
    }

    @Test("amounts are read as Vietnamese write them")
    func amounts() {
        #expect(OrderChanges.amount("1.250.000") == 1_250_000)
        #expect(OrderChanges.amount("1 250 000 ₫") == 1_250_000)
        #expect(OrderChanges.amount("300000") == 300_000)
        #expect(OrderChanges.amount("-5") == nil && OrderChanges.amount("1,5") == nil && OrderChanges.amount("") == nil)
        #expect(OrderChanges.amount("١٢٣") == nil, "only ASCII digits")
    }
}
