import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// R18: the HTTP API of the Telesales report, on the sample company (Tests/CallDeskTestSupport).
@Suite("Reports API (R18)")
struct ReportsAPITests {
    static let month = "created_from=2026-11-01&created_to=2026-11-30&calls_from=2026-11-01&calls_to=2026-11-30"
        + "&now=2026-11-30T17:00:00%2B07:00"

    /// The sample company imported, routes registered, and an API key per email asked for.
    private func withCompany(keysFor emails: [String],
                             _ body: (Application, [String: String], [String: Int64]) async throws -> Void) async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            try CallDeskApp.routes(app)
            var keys: [String: String] = [:]
            for email in emails { keys[email] = try await APIKeys.create(email: email, on: app.db).key }
            var ids: [String: Int64] = [:]
            for row in try await CallDeskDatabase.sql(app.db).raw("SELECT id, email FROM users").all() {
                ids[try row.decode(column: "email", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
            try await body(app, keys, ids)
        }
    }

    private func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    @Test("without a key, or with a wrong one: 401 as problem+json")
    func unauthorised() async throws {
        try await withCompany(keysFor: []) { app, _, _ in
            try await app.testing().test(.GET, "api/v1/reports/telesales") { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            }
            try await app.testing().test(.GET, "api/v1/reports/telesales",
                                         headers: ["Authorization": "Bearer cd_" + String(repeating: "a", count: 40)]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("R19: the JSON has the spec's shape, keys in order, for an administrator")
    func jsonShape() async throws {
        try await withCompany(keysFor: ["giamdoc@example.vn"]) { app, keys, _ in
            try await app.testing().test(.GET, "api/v1/reports/telesales?\(Self.month)",
                                         headers: ["Authorization": "Bearer \(keys["giamdoc@example.vn"]!)"]) { response in
                #expect(response.status == .ok)
                let text = response.body.string
                #expect(text.hasPrefix(#"{"filters":{"basis":"customer","owners":"all","campaign":"all","sources":[],"groups":[],"created":{"from":"2026-11-01","to":"2026-11-30"},"calls":{"from":"2026-11-01","to":"2026-11-30"},"now":"2026-11-30T17:00:00+07:00","time_zone":"Asia/Ho_Chi_Minh"},"rows":[{"row":"user:"#))
                let body = try json(response)
                let rows = body["rows"] as? [[String: Any]] ?? []
                // R6: three active users, and the inactive Bình because she owns C2.
                #expect(rows.count == 4)
                let total = body["total"] as? [String: Any]
                #expect(total?["members"] as? Int == 3)
                #expect((body["unassigned"] as? [String: Any])?["members"] as? Int == 1)
                for key in TelesalesReport.jsonMetrics.map(\.rawValue) { #expect(total?[key] != nil, "\(key)") }
            }
        }
    }

    @Test("R16: a salesperson sees only their own row, and is refused a colleague with 403")
    func salespersonScope() async throws {
        try await withCompany(keysFor: ["an@example.vn"]) { app, keys, ids in
            let auth: HTTPHeaders = ["Authorization": "Bearer \(keys["an@example.vn"]!)"]
            try await app.testing().test(.GET, "api/v1/reports/telesales?\(Self.month)", headers: auth) { response in
                let body = try json(response)
                let rows = body["rows"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["row"] as? String } == ["user:\(ids["an@example.vn"]!)"])
                #expect(body["unassigned"] is NSNull)
            }
            try await app.testing().test(.GET, "api/v1/reports/telesales?owners=user:\(ids["binh@example.vn"]!)",
                                         headers: auth) { response in
                #expect(response.status == .forbidden)
                #expect(response.body.string.contains("R16"))
            }
            try await app.testing().test(.GET, "api/v1/reports/telesales/members?\(Self.month)&row=unassigned&metric=members",
                                         headers: auth) { #expect($0.status == .forbidden) }
        }
    }

    @Test("R15: a drill-down lists as many members as its cell, in JSON, CSV and XLSX")
    func drillDown() async throws {
        try await withCompany(keysFor: ["giamdoc@example.vn"]) { app, keys, _ in
            let auth: HTTPHeaders = ["Authorization": "Bearer \(keys["giamdoc@example.vn"]!)"]
            var cells: [String: Int] = [:]
            try await app.testing().test(.GET, "api/v1/reports/telesales?\(Self.month)", headers: auth) { response in
                let total = try json(response)["total"] as? [String: Any] ?? [:]
                for metric in TelesalesMetric.drillable { cells[metric.rawValue] = total[metric.rawValue] as? Int }
            }
            for metric in TelesalesMetric.drillable where metric != .orders {
                try await app.testing().test(.GET, "api/v1/reports/telesales/members?\(Self.month)&row=total&metric=\(metric.rawValue)",
                                             headers: auth) { response in
                    let body = try json(response)
                    #expect(body["total"] as? Int == cells[metric.rawValue], "\(metric)")
                    #expect((body["members"] as? [Any])?.count == cells[metric.rawValue], "\(metric)")
                }
            }
            try await app.testing().test(.GET, "api/v1/reports/telesales/members?\(Self.month)&row=total&metric=members&format=csv",
                                         headers: auth) { response in
                #expect(response.headers.contentType?.description.hasPrefix("text/csv") == true)
                let lines = response.body.string.split(separator: "\n")
                #expect(lines.count == 1 + (cells["members"] ?? -1))
                #expect(lines.first?.hasPrefix("Mã KH,Khách hàng") == true)
            }
            try await app.testing().test(.GET, "api/v1/reports/telesales/members?\(Self.month)&row=total&metric=members&format=xlsx",
                                         headers: auth) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])   // a zip: PK
            }
        }
    }

    @Test("bad parameters are a 400 naming the parameter", arguments: [
        ("basis=people", "basis"), ("owners=team:1", "owners"), ("created_from=2026-13-01", "created_from"),
        ("created_from=2026-11-30&created_to=2026-11-01", "created_from"), ("now=yesterday", "now"),
        ("sources=1,x", "sources"), ("campaign=abc", "campaign"),
    ])
    func badParameters(query: String, parameter: String) async throws {
        try await withCompany(keysFor: ["giamdoc@example.vn"]) { app, keys, _ in
            try await app.testing().test(.GET, "api/v1/reports/telesales?\(query)",
                                         headers: ["Authorization": "Bearer \(keys["giamdoc@example.vn"]!)"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains(parameter))
            }
        }
    }

    @Test("GET /health answers ok with the database's name")
    func health() async throws {
        try await withCompany(keysFor: []) { app, _, _ in
            try await app.testing().test(.GET, "health") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains(#""status":"ok""#))
            }
        }
    }
}
