import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Settings › Sản phẩm: the products an order line can name — code (unique, case aside), name, unit and
/// list price in the currency's minor unit (domain.md "Product").
public enum ProductCatalogue {
    public struct Product: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var name: String
        public var unit: String?
        public var price: Int64
        /// Order lines naming the product.
        public var orderLines: Int64
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]

        public init(fields: [String: String]) { self.fields = fields }
    }

    /// Every product by code.
    public static func list(on database: any Database) async throws -> [Product] {
        struct Row: Decodable {
            var id: Int64; var code: String; var name: String; var unit: String?; var price: Int64; var lines: Int64
        }
        return try await CallDeskDatabase.sql(database).raw("""
            SELECT p.id, p.code, p.name, p.unit, p.price,
                   (SELECT COUNT(*) FROM order_lines l WHERE l.product_id = p.id) AS lines
            FROM products p ORDER BY p.code, p.id
            """).all(decoding: Row.self).map {
            Product(id: $0.id, code: $0.code, name: $0.name, unit: $0.unit, price: $0.price, orderLines: $0.lines)
        }
    }

    /// Adds a product; answers its id.
    @discardableResult
    public static func add(code: String, name: String, unit: String, price: String, on database: any Database) async throws -> Int64 {
        let valid = try await checked(id: nil, code: code, name: name, unit: unit, price: price, on: database)
        guard let id = try await CallDeskDatabase.sql(database).insert(into: "products")
            .columns("code", "name", "unit", "price")
            .values(SQLBind(valid.code), SQLBind(valid.name), SQLBind(valid.unit), SQLBind(valid.price))
            .returning("id").first(decodingColumn: "id", as: Int64.self) else {
            throw Problems(fields: ["code": "Không lưu được · Not saved"])
        }
        return id
    }

    /// Changes a product. Orders already taken keep their lines' names and prices.
    public static func update(_ id: Int64, code: String, name: String, unit: String, price: String,
                              on database: any Database) async throws {
        let valid = try await checked(id: id, code: code, name: name, unit: unit, price: price, on: database)
        try await CallDeskDatabase.sql(database).update("products")
            .set("code", to: SQLBind(valid.code)).set("name", to: SQLBind(valid.name))
            .set("unit", to: SQLBind(valid.unit)).set("price", to: SQLBind(valid.price))
            .where("id", .equal, SQLBind(id)).run()
    }

    /// `1.250.000`, `1 250 000 ₫` or `1250000` → 1250000; nil for a negative, a decimal or not a number.
    public static func price(_ text: String) -> Int64? { OrderChanges.amount(text) }

    private static func checked(id: Int64?, code: String, name: String, unit: String, price text: String,
                                on database: any Database) async throws -> (code: String, name: String, unit: String?, price: Int64) {
        var problems: [String: String] = [:]
        let cleanCode = code.trimmingCharacters(in: .whitespaces)
        let cleanName = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let cleanUnit = unit.trimmingCharacters(in: .whitespaces)
        if cleanCode.isEmpty {
            problems["code"] = "Nhập mã sản phẩm · Enter the product code"
        } else if cleanCode.count > 40 || cleanCode.contains(where: \.isWhitespace) {
            problems["code"] = "Mã sản phẩm không có dấu cách, tối đa 40 ký tự · A product code has no spaces, 40 characters at most"
        } else if try await list(on: database).contains(where: { $0.id != id && $0.code.uppercased() == cleanCode.uppercased() }) {
            problems["code"] = "Đã có sản phẩm mã “\(cleanCode)” · There is already a product “\(cleanCode)”"
        }
        if cleanName.isEmpty { problems["name"] = "Nhập tên sản phẩm · Enter the product name" }
        if cleanUnit.count > 30 { problems["unit"] = "Đơn vị tối đa 30 ký tự · The unit has 30 characters at most" }
        let trimmedPrice = text.trimmingCharacters(in: .whitespaces)
        let price = Self.price(trimmedPrice)
        if trimmedPrice.isEmpty {
            problems["price"] = "Nhập giá bán, ví dụ 1.250.000 · Enter the price, e.g. 1.250.000"
        } else if price == nil {
            problems["price"] = trimmedPrice.hasPrefix("-")
                ? "Giá không thể âm · The price can't be negative"
                : "Giá là số tiền, ví dụ 1.250.000 · The price is an amount, e.g. 1.250.000"
        }
        guard problems.isEmpty, let price else { throw Problems(fields: problems) }
        return (cleanCode, cleanName, cleanUnit.isEmpty ? nil : cleanUnit, price)
    }
}
