import Foundation

/// Where the data lives, parsed from `--database` / `DATABASE_URL` (cli.md):
/// `sqlite://RELATIVE/PATH.sqlite`, `sqlite:///ABSOLUTE/PATH.sqlite`, `sqlite://:memory:`,
/// `postgres://USER:PASSWORD@HOST:PORT/DB` (also `postgresql://`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// The default when neither `--database` nor `DATABASE_URL` is given.
    public static let defaultURL = "sqlite://calldesk.sqlite"

    public struct InvalidURL: Error, CustomStringConvertible {
        public let url: String
        public let reason: String
        public var description: String {
            "invalid database URL \"\(url)\": \(reason). Use sqlite://calldesk.sqlite, sqlite:///abs/path.sqlite, "
                + "sqlite://:memory: or postgres://USER:PASSWORD@HOST:PORT/DB"
        }
    }

    /// Parses a database URL. Relative SQLite paths are kept relative (to the current folder).
    public init(url: String) throws {
        let text = url.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("sqlite://") {
            let rest = String(text.dropFirst("sqlite://".count))
            if rest == ":memory:" {
                self = .sqliteMemory
            } else if rest.isEmpty || rest == "/" {
                throw InvalidURL(url: url, reason: "the SQLite file path is missing")
            } else {
                self = .sqliteFile(path: rest)
            }
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
                throw InvalidURL(url: url, reason: "the PostgreSQL host is missing")
            }
            let db = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !db.isEmpty else {
                throw InvalidURL(url: url, reason: "the PostgreSQL database name is missing")
            }
            self = .postgres(url: text)
        } else {
            throw InvalidURL(url: url, reason: "unknown scheme")
        }
    }

    /// Resolves `--database`, else `DATABASE_URL`, else the default.
    public static func resolve(option: String?, environment: [String: String]) throws -> DatabaseLocation {
        if let option, !option.isEmpty { return try DatabaseLocation(url: option) }
        if let env = environment["DATABASE_URL"], !env.isEmpty { return try DatabaseLocation(url: env) }
        return try DatabaseLocation(url: defaultURL)
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// A description without the password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): return "sqlite://\(path)"
        case .sqliteMemory: return "sqlite://:memory:"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}
