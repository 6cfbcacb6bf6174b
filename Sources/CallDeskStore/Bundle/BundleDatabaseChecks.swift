import CallDeskCore
import Foundation
import SQLKit

/// The checks of a bundle that need the database: references to records the bundle does not hold,
/// and conflicts with records it does not replace (an email or an extension of another user, a
/// department tree that would gain a cycle).
struct BundleDatabaseChecks {
    let sql: any SQLDatabase
    let bundle: DataBundle

    func problems(references: [BundleReference]) async throws -> [String] {
        var problems: [String] = []
        let byKind = Dictionary(grouping: references, by: \.kind)
        for (kind, refs) in byKind.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let known = try await existing(kind: kind, values: Set(refs.map(\.value)))
            for ref in refs where !known.contains(kind == .userEmail ? ref.value.lowercased() : ref.value) {
                problems.append("\(ref.file):\(ref.line): \(ref.column): unknown \(Self.noun(kind)) \"\(ref.value)\" "
                                + "(not in \(Self.file(kind)) nor in the database)")
            }
        }
        problems += try await userConflicts()
        return problems
    }

    private static func table(_ kind: BundleReference.Kind) -> String {
        switch kind {
        case .department: return "departments"
        case .group: return "customer_groups"
        case .source: return "sources"
        case .customer: return "customers"
        case .campaign: return "campaigns"
        case .opportunity: return "opportunities"
        case .order: return "orders"
        case .userEmail: return "users"
        }
    }

    private static func noun(_ kind: BundleReference.Kind) -> String {
        kind.rawValue
    }

    private static func file(_ kind: BundleReference.Kind) -> String {
        kind == .userEmail ? "users.csv" : (kind == .group ? "groups.csv" : table(kind) + ".csv")
    }

    private func existing(kind: BundleReference.Kind, values: Set<String>) async throws -> Set<String> {
        let column = kind == .userEmail ? "email_key" : "external_id"
        let wanted = Array(kind == .userEmail ? Set(values.map { $0.lowercased() }) : values)
        var found = Set<String>()
        var start = 0
        while start < wanted.count {
            let end = min(start + 1_000, wanted.count)
            let rows = try await sql.select().column(column).from(Self.table(kind))
                .where(SQLColumn(column), .in, SQLBind.group(Array(wanted[start..<end]))).all()
            for row in rows { found.insert(try row.decode(column: column, as: String.self)) }
            start = end
        }
        return found
    }

    /// A bundle user whose email or extension already belongs to another user of the database.
    private func userConflicts() async throws -> [String] {
        guard !bundle.users.isEmpty else { return [] }
        var problems: [String] = []
        var owners: [String: String] = [:]
        for row in try await sql.select().column("external_id").column("email_key").from("users").all() {
            owners[try row.decode(column: "email_key", as: String.self)] = try row.decode(column: "external_id",
                                                                                          as: String.self)
        }
        let bundleIDs = Set(bundle.users.map(\.id))
        for user in bundle.users {
            if let other = owners[user.email.lowercased()], other != user.id, !bundleIDs.contains(other) {
                problems.append("users.csv:\(user.line): email: \"\(user.email)\" already belongs to user \"\(other)\" "
                                + "in the database")
            }
        }
        var taken: [String: [(code: String, user: String)]] = [:]
        let rows = try await sql.raw("""
            SELECT e.number, e.provider_code, u.external_id FROM user_extensions e JOIN users u ON u.id = e.user_id
            """).all()
        for row in rows {
            let user = try row.decode(column: "external_id", as: String.self)
            guard !bundleIDs.contains(user) else { continue }
            taken[try row.decode(column: "number", as: String.self), default: []]
                .append((try row.decode(column: "provider_code", as: String.self), user))
        }
        for user in bundle.users {
            for ext in user.extensions {
                let code = (ext.providerCode ?? "").uppercased()
                for holder in taken[ext.number] ?? [] where holder.code == code || holder.code.isEmpty || code.isEmpty {
                    problems.append("users.csv:\(user.line): extensions: \(ext.bundleText) is already the extension "
                                    + "of user \"\(holder.user)\" in the database (one user at a time)")
                }
            }
        }
        return problems
    }

    /// After the departments are written: a department tree with a cycle, from parents the bundle
    /// set on departments of the database.
    func departmentCycles() async throws -> [String] {
        guard !bundle.departments.isEmpty else { return [] }
        var parent: [Int64: Int64] = [:]
        var externalID: [Int64: String] = [:]
        for row in try await sql.select().column("id").column("parent_id").column("external_id").from("departments").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            externalID[id] = try row.decode(column: "external_id", as: String.self)
            if let p = try row.decode(column: "parent_id", as: Int64?.self) { parent[id] = p }
        }
        let lines = Dictionary(bundle.departments.map { ($0.id, $0.line) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        for (id, external) in externalID.sorted(by: { $0.key < $1.key }) {
            var seen: Set<Int64> = [id]
            var current = parent[id]
            while let next = current {
                if next == id {
                    problems.append("departments.csv:\(lines[external] ?? 1): parent_id: department \"\(external)\" "
                                    + "would be inside itself (a cycle in the department tree)")
                    break
                }
                if !seen.insert(next).inserted { break }
                current = parent[next]
            }
        }
        return problems
    }
}
