@testable import CallDeskStore
import Testing

@Suite("Database URLs (cli.md)")
struct DatabaseLocationTests {
    @Test("sqlite and postgres URLs parse as cli.md lists them", arguments: [
        ("sqlite://calldesk.sqlite", DatabaseLocation.sqliteFile(path: "calldesk.sqlite")),
        ("sqlite://data/crm.sqlite", .sqliteFile(path: "data/crm.sqlite")),
        ("sqlite:///var/lib/calldesk/crm.sqlite", .sqliteFile(path: "/var/lib/calldesk/crm.sqlite")),
        ("sqlite://:memory:", .sqliteMemory),
        ("postgres://u:p@127.0.0.1:5432/crm", .postgres(url: "postgres://u:p@127.0.0.1:5432/crm")),
        ("postgresql://u@localhost/crm", .postgres(url: "postgresql://u@localhost/crm")),
    ])
    func parses(url: String, expected: DatabaseLocation) throws {
        #expect(try DatabaseLocation(url: url) == expected)
    }

    @Test("bad URLs are refused with a reason", arguments: ["mysql://x/y", "sqlite://", "postgres://u@host", "calldesk.sqlite"])
    func refuses(url: String) {
        #expect(throws: DatabaseLocation.InvalidURL.self) { try DatabaseLocation(url: url) }
    }

    @Test("--database wins over DATABASE_URL, which wins over the default")
    func precedence() throws {
        #expect(try DatabaseLocation.resolve(option: nil, environment: [:]) == .sqliteFile(path: "calldesk.sqlite"))
        #expect(try DatabaseLocation.resolve(option: nil, environment: ["DATABASE_URL": "sqlite://:memory:"]) == .sqliteMemory)
        #expect(try DatabaseLocation.resolve(option: "sqlite://a.sqlite", environment: ["DATABASE_URL": "sqlite://:memory:"])
                == .sqliteFile(path: "a.sqlite"))
    }

    @Test("the password never shows in descriptions")
    func hidesPassword() throws {
        #expect(try DatabaseLocation(url: "postgres://u:secret@h:5432/db").description == "postgres://u:***@h:5432/db")
    }
}
