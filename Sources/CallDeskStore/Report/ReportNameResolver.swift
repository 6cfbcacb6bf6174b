import CallDeskCore
import Foundation
import SQLKit

/// People type names, not ids (R19): turns `--owners user:an@example.vn`, `--owners department:Kinh doanh 1`,
/// `--campaign TET`, `--sources Facebook,Zalo` into ids. A value that matches nothing or more than one
/// record is an error listing the candidates; emails compare case-insensitively, names exactly after
/// Unicode NFC normalisation; a value that is one record's id and another's name is ambiguous.
public struct ReportNameResolver: Sendable {
    public struct Unresolved: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    struct Candidate {
        var id: Int64
        var names: [String]
        var label: String
    }

    let sql: any SQLDatabase

    public init(sql: any SQLDatabase) {
        self.sql = sql
    }

    public func owners(_ text: String) async throws -> OwnerFilter {
        if text == "all" { return .all }
        if text.hasPrefix("user:") {
            let value = String(text.dropFirst(5))
            let rows = try await sql.raw("SELECT id, name, email FROM users ORDER BY id").all()
            let candidates = try rows.map { row in
                let email = try row.decode(column: "email", as: String.self)
                return Candidate(id: try row.decode(column: "id", as: Int64.self), names: [email.lowercased()],
                                 label: "\(try row.decode(column: "name", as: String.self)) <\(email)>")
            }
            return .user(try pick(value.lowercased(), from: candidates, what: "user", shown: value))
        }
        if text.hasPrefix("department:") {
            let value = String(text.dropFirst(11))
            return .department(try pick(value, from: try await named("departments"), what: "department"))
        }
        throw Unresolved(description: "--owners takes all, user:ID_OR_EMAIL or department:ID_OR_NAME (got \"\(text)\")")
    }

    public func campaign(_ text: String) async throws -> Int64? {
        if text == "all" { return nil }
        let rows = try await sql.raw("SELECT id, name, code FROM campaigns ORDER BY id").all()
        let candidates = try rows.map { row in
            let name = try row.decode(column: "name", as: String.self)
            let code = try row.decode(column: "code", as: String?.self)
            return Candidate(id: try row.decode(column: "id", as: Int64.self), names: [name] + (code.map { [$0] } ?? []),
                             label: code.map { "\(name) [\($0)]" } ?? name)
        }
        return try pick(text, from: candidates, what: "campaign")
    }

    public func sources(_ text: String) async throws -> [Int64] {
        try await list(text, table: "sources", what: "source")
    }

    public func groups(_ text: String) async throws -> [Int64] {
        try await list(text, table: "customer_groups", what: "group")
    }

    private func list(_ text: String, table: String, what: String) async throws -> [Int64] {
        let values = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !values.isEmpty else { return [] }
        let candidates = try await named(table)
        var ids: [Int64] = []
        for value in values {
            let id = try pick(value, from: candidates, what: what)
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    private func named(_ table: String) async throws -> [Candidate] {
        try await sql.raw("SELECT id, name FROM \(unsafeRaw: table) ORDER BY id").all().map { row in
            let name = try row.decode(column: "name", as: String.self)
            return Candidate(id: try row.decode(column: "id", as: Int64.self), names: [name], label: name)
        }
    }

    private func pick(_ value: String, from candidates: [Candidate], what: String, shown: String? = nil) throws -> Int64 {
        let wanted = value.precomposedStringWithCanonicalMapping
        let matches = candidates.filter { candidate in
            String(candidate.id) == value || candidate.names.contains { $0.precomposedStringWithCanonicalMapping == wanted }
        }
        func describe(_ list: [Candidate]) -> String {
            let shownList = list.prefix(30).map { "  \($0.id)  \($0.label)" }.joined(separator: "\n")
            return list.count > 30 ? shownList + "\n  … and \(list.count - 30) more" : shownList
        }
        switch matches.count {
        case 1:
            return matches[0].id
        case 0:
            throw Unresolved(description: "no \(what) matches \"\(shown ?? value)\"; candidates:\n"
                             + (candidates.isEmpty ? "  (none)" : describe(candidates)))
        default:
            throw Unresolved(description: "\"\(shown ?? value)\" matches several \(what)s; use an id:\n" + describe(matches))
        }
    }

    /// `--as EMAIL`: the viewer; without it, the first active administrator.
    public func viewer(_ email: String?) async throws -> Int64 {
        if let email {
            guard let id = try await sql.select().column("id").from("users")
                .where("email_key", .equal, SQLBind(email.lowercased()))
                .first(decodingColumn: "id", as: Int64.self) else {
                throw ReportRefusal("no user has the email \(email) (--as)")
            }
            return id
        }
        let admin = try await sql.raw("""
            SELECT u.id FROM users u JOIN roles r ON r.id = u.role_id
            WHERE r.code = 'admin' AND u.active = \(true) ORDER BY u.id LIMIT 1
            """).first(decodingColumn: "id", as: Int64.self)
        guard let admin else {
            throw ReportRefusal("the database has no active administrator; name a viewer with --as EMAIL")
        }
        return admin
    }
}
