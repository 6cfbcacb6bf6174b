import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// Reads and writes the company settings.
public enum CompanySettingsStore {
    public static func load(_ sql: any SQLDatabase) async throws -> CompanySettings {
        var values: [String: String] = [:]
        for row in try await sql.select().column("key").column("value").from("company_settings").all() {
            values[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self)
        }
        return CompanySettings(values: values)
    }

    /// Field → message (Vietnamese · English).
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
    }

    /// Checks and stores the settings an administrator edits (every key, in one transaction). A time zone must
    /// be an IANA name (`Asia/Ho_Chi_Minh`), a currency three capital letters, the language `vi` or `en`.
    public static func save(name: String, timeZone: String, currency: String, locale: String,
                            on database: any FluentKit.Database) async throws {
        var problems: [String: String] = [:]
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { problems["company_name"] = "Nhập tên công ty · Enter the company's name" }
        if name.count > 200 { problems["company_name"] = "Tên tối đa 200 ký tự · At most 200 characters" }
        let zone = timeZone.trimmingCharacters(in: .whitespaces)
        if TimeZone(identifier: zone) == nil || !zone.contains("/") {
            problems["time_zone"] = "\"\(zone)\" không phải múi giờ, ví dụ Asia/Ho_Chi_Minh · \"\(zone)\" is not a time zone, e.g. Asia/Ho_Chi_Minh"
        }
        let money = currency.trimmingCharacters(in: .whitespaces).uppercased()
        if money.count != 3 || !money.allSatisfy({ $0.isASCII && $0.isLetter }) {
            problems["currency"] = "Mã tiền tệ gồm 3 chữ cái, ví dụ VND · A currency is 3 letters, e.g. VND"
        }
        if !["vi", "en"].contains(locale) { problems["locale"] = "Chọn ngôn ngữ · Choose a language" }
        guard problems.isEmpty else { throw Problems(fields: problems) }
        let values = ["company_name": name, "time_zone": zone, "currency": money, "locale": locale]
        try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                try await sql.delete(from: "company_settings").where("key", .equal, SQLBind(key)).run()
                try await sql.insert(into: "company_settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
            }
        }
    }
}
