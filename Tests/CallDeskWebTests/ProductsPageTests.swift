import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Settings › Sản phẩm: list with prices as `1.250.000 ₫`, add, edit; prices typed `1.250.000` or `1250000`
/// (ui-glossary.md formats; domain.md "Product", money in minor units).
@Suite("Web: settings › products")
struct ProductsPageTests {
    private struct Row: Decodable, Equatable { var code: String; var name: String; var unit: String?; var price: Int64 }

    private func products(_ app: Application) async throws -> [Row] {
        try await CallDeskDatabase.sql(app.db).raw("SELECT code, name, unit, price FROM products ORDER BY code")
            .all(decoding: Row.self)
    }

    @Test("only administrators see or change products")
    func administratorsOnly() async throws {
        try await withWebCompany { app, _ in
            var manager = WebClient(app)
            _ = try await manager.signIn("truong.kd@example.vn")
            #expect(try await manager.get("/settings/products").status == .forbidden)
            let post = try await manager.post("/settings/products", [("code", "SP9"), ("name", "X"), ("price", "1")])
            #expect(post.status == .forbidden)
            #expect(try await products(app).isEmpty)
        }
    }

    @Test("adding: price in either format, list shows 1.250.000 ₫; refused fields keep what was typed")
    func add() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            #expect(try await admin.get("/settings/products").body.string.contains("Chưa có sản phẩm nào."))
            let added = try await admin.post("/settings/products", [("code", " SP001 "), ("name", "Máy lọc nước  RO"),
                                                                    ("unit", "cái"), ("price", "1.250.000")])
            #expect(added.location == "/settings/products?done=added")
            _ = try await admin.post("/settings/products", [("code", "SP002"), ("name", "Lõi lọc"), ("unit", ""),
                                                            ("price", "350000")])
            #expect(try await products(app) == [Row(code: "SP001", name: "Máy lọc nước RO", unit: "cái", price: 1_250_000),
                                                Row(code: "SP002", name: "Lõi lọc", unit: nil, price: 350_000)])
            let list = try await admin.get("/settings/products").body.string
            #expect(list.contains(#"<td class="num">1.250.000 ₫</td>"#) && list.contains(#"<td class="num">350.000 ₫</td>"#))
            let english = try await admin.get("/settings/products?lang=en").body.string
            #expect(english.contains("Add a product") && english.contains("List price") && english.contains("1.250.000 ₫"))
            _ = try await admin.get("/settings/products?lang=vi")

            let wrong = try await admin.post("/settings/products", [("code", "sp001"), ("name", " "), ("unit", "hộp"),
                                                                    ("price", "-5")])
            #expect(wrong.status == .badRequest)
            let html = wrong.body.string
            #expect(html.contains("Đã có sản phẩm mã “sp001”") && html.contains("Nhập tên sản phẩm")
                    && html.contains("Giá không thể âm"))
            #expect(html.contains(#"value="hộp""#) && html.contains(#"value="-5""#), "the form keeps what was typed")
            let letters = try await admin.post("/settings/products", [("code", "SP003"), ("name", "Phí lắp đặt"),
                                                                      ("price", "1,5 triệu")])
            #expect(letters.status == .badRequest && letters.body.string.contains("Giá là số tiền, ví dụ 1.250.000"))
            let decimal = try await admin.post("/settings/products", [("code", "SP003"), ("name", "Phí lắp đặt"),
                                                                      ("price", "")])
            #expect(decimal.body.string.contains("Nhập giá bán"))
            #expect(try await products(app).count == 2)
        }
    }

    @Test("editing: the form shows the price grouped; changes are saved; a bad price is refused")
    func edit() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            _ = try await admin.get("/settings/products")
            _ = try await admin.post("/settings/products", [("code", "SP001"), ("name", "Máy lọc nước"), ("price", "1250000")])
            _ = try await admin.post("/settings/products", [("code", "SP002"), ("name", "Lõi lọc"), ("price", "350000")])
            let id = try #require(try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM products WHERE code = 'SP001'")
                .first(decodingColumn: "id", as: Int64.self))
            let form = try await admin.get("/settings/products/\(id)").body.string
            #expect(form.contains(#"value="1.250.000""#) && form.contains(#"value="Máy lọc nước""#))

            let bad = try await admin.post("/settings/products/\(id)", [("code", "SP002"), ("name", "Máy lọc nước"),
                                                                       ("price", "abc")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("Đã có sản phẩm mã “SP002”") && bad.body.string.contains("Giá là số tiền"))
            #expect(bad.body.string.contains(#"value="abc""#))

            let saved = try await admin.post("/settings/products/\(id)", [("code", "SP001"), ("name", "Máy lọc nước RO"),
                                                                         ("unit", "bộ"), ("price", "1.490.000")])
            #expect(saved.location == "/settings/products?done=saved")
            #expect(try await products(app).first == Row(code: "SP001", name: "Máy lọc nước RO", unit: "bộ", price: 1_490_000))
            #expect(try await admin.get("/settings/products").body.string.contains("1.490.000 ₫"))
            #expect(try await admin.get("/settings/products/999999").status == .notFound)
        }
    }
}
