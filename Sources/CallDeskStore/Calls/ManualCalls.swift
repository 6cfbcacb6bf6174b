import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// "Ghi cuộc gọi" on a customer's page: a call made outside the PBX (a mobile phone), logged by hand by the
/// person who made it. It is a call like any other (provider `MANUAL`, its own id), so the report counts it.
public enum ManualCalls {
    public static let provider = "MANUAL"

    public enum Refusal: Error, Sendable, Equatable {
        case notFound
        /// The number is not one of the customer's.
        case notTheirNumber
        /// Talk time not `m:ss` or seconds, or over four hours.
        case badTalkTime
    }

    /// `2:05` or `125` → 125 seconds; nil for anything else or more than 4 hours.
    public static func seconds(_ text: String) -> Int64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return 0 }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let value: Int64?
        switch parts.count {
        case 1: value = Int64(parts[0])
        case 2:
            guard let m = Int64(parts[0]), let s = Int64(parts[1]), parts[1].count == 2, s < 60 else { return nil }
            value = m * 60 + s
        default: value = nil
        }
        guard let value, value >= 0, value <= 4 * 3_600 else { return nil }
        return value
    }

    /// Logs the call as ending now; answers the call's id.
    public static func log(customerID: Int64, phone raw: String, direction: CallDirection, talk: String,
                           userID: Int64, access: ViewerAccess, region: String, now: Date,
                           on database: any Database) async throws -> Int64 {
        guard direction != .internal else { throw Refusal.notTheirNumber }
        guard let talkSeconds = seconds(talk) else { throw Refusal.badTalkTime }
        return try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            guard try await VisibleCustomer.find(String(customerID), access: access, sql: sql)?.id == customerID else {
                throw Refusal.notFound
            }
            struct Phone: Decodable { var raw: String; var e164: String? }
            let phones = try await sql.raw("SELECT raw, e164 FROM customer_phones WHERE customer_id = \(bind: customerID)")
                .all(decoding: Phone.self)
            guard let phone = phones.first(where: { $0.raw == raw }) else { throw Refusal.notTheirNumber }
            let ended = now.epochMilliseconds
            let started = ended - talkSeconds * 1_000
            guard let id = try await sql.insert(into: "calls")
                .columns("provider", "pbx_call_id", "direction", "user_id", "remote_raw", "remote_e164", "started_at",
                         "answered_at", "ended_at", "total_seconds", "talk_seconds", "result")
                .values(SQLBind(provider), SQLBind("manual-" + UUID().uuidString.lowercased()), SQLBind(direction.rawValue),
                        SQLBind(userID), SQLBind(phone.raw), SQLBind(phone.e164 ?? PhoneNumbers.matchKey(phone.raw, region: region)),
                        SQLBind(started), SQLBind(talkSeconds > 0 ? started : nil as Int64?), SQLBind(ended),
                        SQLBind(talkSeconds), SQLBind(talkSeconds), SQLBind(talkSeconds > 0 ? "answered" : "no_answer"))
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            else { throw Refusal.notFound }
            return id
        }
    }
}
