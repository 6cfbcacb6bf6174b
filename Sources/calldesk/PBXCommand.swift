import ArgumentParser
import CallDeskCore
import CallDeskStore
import Foundation

/// `calldesk pbx add|list|rotate-secret`: the phone systems that push calls (README, "Connecting your PBX").
struct PBXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pbx", abstract: "Manage PBX connections (tổng đài) that push call records.",
        subcommands: [Add.self, List.self, RotateSecret.self, Deactivate.self, Activate.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a PBX connection; prints its ingestion URL and secret (the secret is shown once).")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The provider kind: \(PBXProvider.allCases.map(\.rawValue).joined(separator: ", ")).")
        var provider: String
        @Option(help: "A name for the connection (e.g. \"Tổng đài Hà Nội\").") var name: String
        @Option(help: "The provider code its calls are stored under and tagged extensions match (default: the kind).")
        var code: String?
        @Option(help: "The address the PBX reaches CallDesk at, for the printed URL.")
        var baseURL = "http://127.0.0.1:8080"

        func run() async throws {
            guard let kind = PBXProvider(rawValue: provider.lowercased()) else {
                throw BadArguments("unknown provider \"\(provider)\"; use one of: "
                                   + PBXProvider.allCases.map(\.rawValue).joined(separator: ", "))
            }
            try await withApplication(db) { app in
                do {
                    let created = try await PBXConnections.add(name: name, provider: kind, code: code, on: app.db)
                    say("connection: \(created.connection.name) (\(kind.rawValue), code \(created.connection.code))")
                    for url in PBXCommand.urls(for: kind, base: baseURL, code: created.connection.code) { say("url: \(url)") }
                    say("secret: \(created.secret)")
                } catch let error as PBXConnectionInvalid {
                    throw CommandFailure(error.description)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the PBX connections (secrets are never shown).")

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await withApplication(db) { app in
                let connections = try await PBXConnections.list(on: app.db)
                if connections.isEmpty { say("no PBX connections yet (calldesk pbx add --provider KIND --name NAME)") }
                for c in connections {
                    let last = c.lastCallAt.map { RFC3339.string(from: $0, in: TimeZone(identifier: "UTC")!) } ?? "never"
                    say("\(c.name)\t\(c.provider.rawValue)\t\(c.code)\t\(c.active ? "active" : "inactive")\tlast call: \(last)")
                }
            }
        }
    }

    struct RotateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-secret", abstract: "Give a connection a new secret; the old one stops working at once.")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The connection's name.") var name: String

        func run() async throws {
            try await withApplication(db) { app in
                do {
                    let rotated = try await PBXConnections.rotateSecret(name: name, on: app.db)
                    say("secret: \(rotated.secret)")
                } catch let error as PBXConnectionInvalid {
                    throw BadArguments(error.description)
                }
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a connection off: its secret is refused (401) until it is activated again; its calls stay.")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The connection's name.") var name: String

        func run() async throws { try await PBXCommand.setActive(name, false, db) }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a connection back on.")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The connection's name.") var name: String

        func run() async throws { try await PBXCommand.setActive(name, true, db) }
    }

    static func setActive(_ name: String, _ active: Bool, _ db: DatabaseOptions) async throws {
        try await withApplication(db) { app in
            do {
                let connection = try await PBXConnections.setActive(name: name, active: active, on: app.db)
                say("\(connection.name): \(active ? "active" : "inactive")")
            } catch let error as PBXConnectionInvalid {
                throw BadArguments(error.description)
            }
        }
    }

    static func urls(for kind: PBXProvider, base: String, code: String) -> [String] {
        let note = kind.signsRequests ? "  (signed: X-Zorio-Signature = HMAC-SHA256 of the body with the secret)" : ""
        return kind.ingestionURLs(code: code, base: base).map { $0 + note }
    }
}
