import CallDeskCore
import CallDeskStore
import Foundation
import SQLKit
import Testing

/// R19: on the command line people type names, not ids.
@Suite("R19: names on the command line")
struct ReportNameResolverTests {
    private func withResolver(_ body: (ReportNameResolver, any SQLDatabase) async throws -> Void) async throws {
        try await TestDatabase.withApp { app in
            var company = SampleBundles.company
            // A department whose name is another department's id, to make "1" ambiguous.
            company["departments.csv"]! += "\nD4,1,D1,"
            company["sources.csv"]! += "\nS3,Facebook Ads"
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(company), into: app.db)
            let sql = CallDeskDatabase.sql(app.db)
            try await body(ReportNameResolver(sql: sql), sql)
        }
    }

    private func id(_ sql: any SQLDatabase, _ table: String, _ external: String) async throws -> Int64 {
        try await sql.select().column("id").from(table).where("external_id", .equal, SQLBind(external))
            .first(decodingColumn: "id", as: Int64.self)!
    }

    @Test("R19: user:EMAIL compares case-insensitively; user:ID works too")
    func users() async throws {
        try await withResolver { resolver, sql in
            let an = try await id(sql, "users", "U3")
            #expect(try await resolver.owners("user:AN@Example.VN") == .user(an))
            #expect(try await resolver.owners("user:\(an)") == .user(an))
            await #expect(throws: ReportNameResolver.Unresolved.self) { try await resolver.owners("user:nobody@example.vn") }
        }
    }

    @Test("R19: department:NAME matches exactly after NFC; a value that is one's id and another's name is ambiguous")
    func departments() async throws {
        try await withResolver { resolver, sql in
            let sales = try await id(sql, "departments", "D2")
            #expect(try await resolver.owners("department:Kinh doanh") == .department(sales))
            // The same name typed with decomposed diacritics (NFD) still matches.
            let decomposed = "Kinh doanh 1".decomposedStringWithCanonicalMapping
            let one = try await id(sql, "departments", "D3")
            #expect(try await resolver.owners("department:\(decomposed)") == .department(one))
            let ambiguous = await #expect(throws: ReportNameResolver.Unresolved.self) {
                try await resolver.owners("department:1")
            }
            #expect(ambiguous?.description.contains("several") == true)
            let unknown = await #expect(throws: ReportNameResolver.Unresolved.self) {
                try await resolver.owners("department:Kinh")
            }
            #expect(unknown?.description.contains("Kinh doanh 1") == true)   // the candidates are listed
        }
    }

    @Test("R19: campaigns by id, code or exact name; sources and groups as comma-separated names or ids")
    func campaignsSourcesGroups() async throws {
        try await withResolver { resolver, sql in
            let tet = try await id(sql, "campaigns", "K1")
            #expect(try await resolver.campaign("TET") == tet)
            #expect(try await resolver.campaign("Khuyến mãi Tết") == tet)
            #expect(try await resolver.campaign("all") == nil)
            let facebook = try await id(sql, "sources", "S1")
            let referral = try await id(sql, "sources", "S2")
            #expect(try await resolver.sources("Facebook, Giới thiệu") == [facebook, referral])
            let gold = try await id(sql, "customer_groups", "G2")
            #expect(try await resolver.groups("VIP Vàng") == [gold])
            await #expect(throws: ReportNameResolver.Unresolved.self) { try await resolver.sources("Face") }
        }
    }

    @Test("R19: --as defaults to an administrator; an unknown --as is refused")
    func viewer() async throws {
        try await withResolver { resolver, sql in
            let admin = try await id(sql, "users", "U1")
            #expect(try await resolver.viewer(nil) == admin)
            await #expect(throws: ReportRefusal.self) { try await resolver.viewer("ghost@example.vn") }
        }
    }
}
