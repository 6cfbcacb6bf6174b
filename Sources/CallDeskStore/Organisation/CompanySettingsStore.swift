import CallDeskCore
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
}
