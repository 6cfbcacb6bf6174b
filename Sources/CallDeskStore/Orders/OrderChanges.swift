import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Creating an order with its lines, recording a payment and cancelling an order, each in one transaction.
public enum OrderChanges {
    public struct LineDraft: Sendable, Equatable {
        /// A product code from the catalogue, or the name of something not in it.
        public var product: String
        public var quantity: String
        /// Empty: the catalogue's price.
        public var unitPrice: String

        public init(product: String, quantity: String, unitPrice: String) {
            self.product = product
            self.quantity = quantity
            self.unitPrice = unitPrice
        }

        var isEmpty: Bool { [product, quantity, unitPrice].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
    }

    public enum Refusal: Error, Sendable, Equatable {
        case notFound
        case cancelled
    }

    /// `1.250.000`, `1 250 000` or `1250000` → 1250000; nil for anything else (negative, decimals, letters).
    public static func amount(_ text: String) -> Int64? {
        let digits = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".", with: "")
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "₫", with: "")
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int64(digits)
    }

    /// Creates a pending order for a customer the viewer sees; answers its id.
    public static func create(customer: String, lines drafts: [LineDraft], createdBy viewerID: Int64,
                              access: ViewerAccess, now: Date, on database: any Database) async throws -> Int64 {
        let sql = CallDeskDatabase.sql(database)
        var problems: [String: String] = [:]
        let code = customer.trimmingCharacters(in: .whitespaces)
        var customerID: Int64?
        if code.isEmpty {
            problems["customer"] = "Nhập mã khách hàng · Enter the customer's code"
        } else {
            if let found = try await VisibleCustomer.find(code, access: access, sql: sql) { customerID = found.id } else {
                problems["customer"] = "Không có khách hàng \"\(code)\" trong phạm vi của bạn · No customer \"\(code)\" within your scope"
            }
        }
        let catalogue = Dictionary(try await OrderBook.products(on: database).map { ($0.code.uppercased(), $0) }) { a, _ in a }
        var lines: [(line: OrderBook.Line, productID: Int64?)] = []
        for (index, draft) in drafts.enumerated() where !draft.isEmpty {
            let product = draft.product.trimmingCharacters(in: .whitespaces)
            let known = catalogue[product.uppercased()]
            guard !product.isEmpty else {
                problems["line.\(index)"] = "Chọn sản phẩm hoặc nhập tên hàng · Choose a product or type a name"
                continue
            }
            guard let quantity = amount(draft.quantity), quantity >= 1, quantity <= 100_000 else {
                problems["line.\(index)"] = "Số lượng là số nguyên từ 1 đến 100.000 · Quantity: a whole number from 1 to 100,000"
                continue
            }
            let priceText = draft.unitPrice.trimmingCharacters(in: .whitespaces)
            let price: Int64
            if priceText.isEmpty, let known {
                price = known.price
            } else if let typed = amount(priceText) {
                price = typed
            } else {
                problems["line.\(index)"] = priceText.isEmpty
                    ? "Nhập đơn giá cho hàng ngoài danh mục · Enter a price for an item outside the catalogue"
                    : "Đơn giá là số tiền, ví dụ 1.250.000 · The price is an amount, e.g. 1.250.000"
                continue
            }
            guard quantity.multipliedReportingOverflow(by: price).overflow == false,
                  quantity * price <= 1_000_000_000_000_000 else {
                problems["line.\(index)"] = "Thành tiền quá lớn · The amount is too large"
                continue
            }
            lines.append((OrderBook.Line(name: known?.name ?? product, productCode: known?.code, quantity: quantity,
                                         unitPrice: price, discount: 0), known?.id))
        }
        if lines.isEmpty && !problems.keys.contains(where: { $0.hasPrefix("line.") }) {
            problems["lines"] = "Thêm ít nhất một dòng hàng · Add at least one line"
        }
        guard problems.isEmpty, let customerID else { throw Problems(fields: problems) }
        let total = lines.reduce(Int64(0)) { $0 + $1.line.amount }
        let finalLines = lines
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard let id = try await sql.insert(into: "orders")
                .columns("external_id", "customer_id", "created_by_id", "created_at", "discount", "vat", "total", "status")
                .values(SQLBind("web-" + UUID().uuidString.lowercased()), SQLBind(customerID), SQLBind(viewerID),
                        SQLBind(now.epochMilliseconds), SQLBind(Int64(0)), SQLBind(Int64(0)), SQLBind(total),
                        SQLBind(OrderStatus.pending.rawValue))
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            else { throw Problems(fields: ["lines": "Không lưu được đơn hàng · The order was not saved"]) }
            try await sql.update("orders").set("code", to: SQLDialectSupport.paddedCode(prefix: "DH", on: sql))
                .where("id", .equal, SQLBind(id)).run()
            let insert = sql.insert(into: "order_lines")
                .columns("order_id", "position", "product_id", "product_code", "name", "quantity", "unit_price", "discount")
            for (position, (line, productID)) in finalLines.enumerated() {
                insert.values(SQLBind(id), SQLBind(position), SQLBind(productID),
                              SQLBind(line.productCode), SQLBind(line.name), SQLBind(line.quantity),
                              SQLBind(line.unitPrice), SQLBind(line.discount))
            }
            try await insert.run()
            return id
        }
    }

    /// Records a payment on an order the viewer sees that is not cancelled. `day` is a local date in the
    /// company's time zone, not after today; the payment is stamped at that day's current local time
    /// (today: now).
    public static func pay(order id: Int64, amount text: String, method: String, day: String, note: String,
                           access: ViewerAccess, timeZone: TimeZone, now: Date, on database: any Database) async throws {
        var problems: [String: String] = [:]
        let amount = amount(text)
        if amount == nil || amount == 0 {
            problems["amount"] = "Số tiền là số dương, ví dụ 1.250.000 · The amount is a positive number, e.g. 1.250.000"
        }
        let today = LocalCalendar.localDate(of: now, in: timeZone)
        let dayText = day.trimmingCharacters(in: .whitespaces)
        let date = dayText.isEmpty ? today : LocalDate(dayText)
        if date == nil { problems["paid_on"] = "Ngày không hợp lệ · Not a date" }
        if let date, date > today { problems["paid_on"] = "Ngày thu không thể sau hôm nay · A payment can't be dated after today" }
        guard problems.isEmpty, let amount, let date else { throw Problems(fields: problems) }
        let nowMs = now.epochMilliseconds
        let startOfToday = LocalCalendar.startOfDay(today, in: timeZone)
        let paidAt = date == today ? nowMs : LocalCalendar.startOfDay(date, in: timeZone) + (nowMs - startOfToday)
        let methodText = method.trimmingCharacters(in: .whitespaces), noteText = note.trimmingCharacters(in: .whitespaces)
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            try await checkOpen(id, access: access, sql: sql)
            try await sql.insert(into: "payments").columns("external_id", "order_id", "amount", "paid_at", "method", "note")
                .values(SQLBind("web-" + UUID().uuidString.lowercased()), SQLBind(id), SQLBind(amount), SQLBind(paidAt),
                        SQLBind(methodText.isEmpty ? nil : String(methodText.prefix(60))),
                        SQLBind(noteText.isEmpty ? nil : String(noteText.prefix(500))))
                .run()
        }
    }

    /// Cancels an order the viewer sees (its payments stay, as money received).
    public static func cancel(order id: Int64, access: ViewerAccess, on database: any Database) async throws {
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            try await checkOpen(id, access: access, sql: sql)
            try await sql.raw("UPDATE orders SET status = 'cancelled' WHERE id = \(bind: id)").run()
        }
    }

    static func checkOpen(_ id: Int64, access: ViewerAccess, sql: any SQLDatabase) async throws {
        struct Found: Decodable { var status: String; var owner_id: Int64? }
        guard let found = try await sql.raw("""
            SELECT o.status, c.owner_id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = \(bind: id)
            """).first(decoding: Found.self), access.sees(ownerID: found.owner_id) else { throw Refusal.notFound }
        if found.status == OrderStatus.cancelled.rawValue { throw Refusal.cancelled }
    }
}
