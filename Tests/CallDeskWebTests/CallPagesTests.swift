import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// `/calls`: the call log's scope and filters, the unmatched view, and linking a number to a customer.
@Suite("Web: calls")
struct CallPagesTests {
    private func rows(_ html: String) -> Int {
        html.components(separatedBy: #"<tr class="call">"#).count - 1
    }

    /// A call by An to a number no customer has.
    private func addUnmatchedCall(_ app: Application, _ ids: [String: Int64]) async throws {
        try await CallDeskDatabase.sql(app.db).raw("""
            INSERT INTO calls (provider, pbx_call_id, direction, extension, user_id, remote_raw, remote_e164,
                               started_at, total_seconds, talk_seconds, result)
            VALUES ('', 'U1', 'outbound', '102', \(bind: ids["an@example.vn"]!), '0901 111 222', '+84901111222',
                    \(bind: Int64(1_793_934_000_000)), 20, 15, 'answered')
            """).run()
    }

    @Test("everyone sees the calls of the staff in their scope; calls of unknown extensions only with `all`")
    func scope() async throws {
        try await withWebCompany { app, _ in
            var admin = WebClient(app)
            _ = try await admin.signIn("giamdoc@example.vn")
            let all = try await admin.get("/calls")
            #expect(all.status == .ok)
            #expect(rows(all.body.string) == 5)
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            let own = try await an.get("/calls").body.string
            #expect(rows(own) == 2, "A1 and A2 (VFONE 212) are An's")
            #expect(!own.contains("0381234567") && !own.contains("0912.345.678"))
            // Asking for a colleague's calls by URL shows nothing of theirs.
            #expect(rows(try await an.get("/calls?staff=none").body.string) == 0)
        }
    }

    @Test("filters: direction, result, unknown extension, days in the company's time zone")
    func filters() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let inbound = try await client.get("/calls?direction=inbound").body.string
            #expect(rows(inbound) == 1 && inbound.contains("0912.345.678") && inbound.contains("Nghe"))
            #expect(rows(try await client.get("/calls?outcome=answered").body.string) == 2)
            #expect(rows(try await client.get("/calls?outcome=unanswered").body.string) == 3)
            let nobody = try await client.get("/calls?staff=none").body.string
            #expect(rows(nobody) == 2 && nobody.contains("0381234567") && nobody.contains("0987654321"))
            #expect(rows(try await client.get("/calls?from=2026-11-05&to=2026-11-05").body.string) == 5)
            #expect(rows(try await client.get("/calls?from=2026-11-06").body.string) == 0)
            #expect(rows(try await client.get("/calls?to=2026-11-04").body.string) == 0)
            // Nonsense in the URL is ignored, not an error.
            #expect(try await client.get("/calls?direction=sideways&from=31/12/2026&page=-3").status == .ok)
        }
    }

    @Test("the unmatched view lists calls whose number no customer has, with create and link actions")
    func unmatchedAndLink() async throws {
        try await withWebCompany { app, ids in
            try await addUnmatchedCall(app, ids)
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            let unmatched = try await client.get("/calls?match=unmatched").body.string
            #expect(rows(unmatched) == 1)
            #expect(unmatched.contains("0901 111 222"))
            #expect(unmatched.contains("/customers/new?phone=0901%20111%20222"))
            #expect(rows(try await client.get("/calls?match=matched").body.string) == 2)

            let linked = try await client.post("/calls/link", [("phone", "0901 111 222"), ("customer", "kh000001"),
                                                               ("back", "match=unmatched")])
            #expect(linked.status == .seeOther)
            #expect(linked.location?.hasPrefix("/calls?match=unmatched&linked=KH000001") == true)
            let after = try await client.get(linked.location ?? "/calls").body.string
            #expect(rows(after) == 0)
            #expect(after.contains("Đã gắn số 0901 111 222 vào khách hàng KH000001"))
            let matched = try await client.get("/calls?match=matched").body.string
            #expect(rows(matched) == 3 && matched.contains("Nguyễn Thị Lan"))
            let phones = try await CallDeskDatabase.sql(app.db).raw("""
                SELECT raw FROM customer_phones p JOIN customers c ON c.id = p.customer_id
                WHERE c.code = 'KH000001' ORDER BY position
                """).all(decodingColumn: "raw", as: String.self)
            #expect(phones.last == "0901 111 222" && phones.count == 3)
        }
    }

    @Test("linking refuses, with a message and nothing stored: other's customer, bad number, no code, no token")
    func linkRefusals() async throws {
        try await withWebCompany { app, ids in
            try await addUnmatchedCall(app, ids)
            let sql = CallDeskDatabase.sql(app.db)
            let phones: SQLQueryString = "SELECT COUNT(*) AS n FROM customer_phones"
            let before = try await sql.raw(phones).first(decodingColumn: "n", as: Int64.self)
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            _ = try await client.get("/calls?match=unmatched")
            let others = try await client.post("/calls/link", [("phone", "0901 111 222"), ("customer", "KH000002")])
            #expect(others.status == .unprocessableEntity)
            #expect(others.body.string.contains("Không có khách hàng \"KH000002\" trong phạm vi của bạn"))
            let bad = try await client.post("/calls/link", [("phone", "12"), ("customer", "KH000001")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Không thể gắn số này vào khách hàng"))
            let already = try await client.post("/calls/link", [("phone", "84912345678"), ("customer", "KH000001")])
            #expect(already.body.string.contains("Khách hàng KH000001 đã có số này"))
            let empty = try await client.post("/calls/link", [("phone", "0901 111 222"), ("customer", " ")])
            #expect(empty.status == .badRequest)
            #expect(empty.body.string.contains("Nhập mã khách hàng"))
            let forged = try await client.post("/calls/link", [("phone", "0901 111 222"), ("customer", "KH000001")],
                                               withToken: false)
            #expect(forged.status == .forbidden)
            #expect(try await sql.raw(phones).first(decodingColumn: "n", as: Int64.self) == before, "nothing was added")
        }
    }
}
