import ArgumentParser
import CallDeskCore
import CallDeskStore
import CallDeskWeb
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web app and the API (default http://127.0.0.1:8080).")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on (default: $PORT, else 8080).") var port: Int?
    @Flag(help: "Load the demo company into an empty database first, and print the logins.") var demo = false

    func run() async throws {
        let port = port ?? ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 8080
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        let arguments = ["calldesk", "serve", "--hostname", hostname, "--port", String(port)]
        try await withApplication(db, arguments: arguments, logLevel: .notice) { app in
            if demo {
                if try await DemoLoader.isEmpty(app.db) {
                    let options = DemoOptions(now: Date())
                    say("Đang tạo công ty demo · Loading the demo company (\(options.customers) customers)…")
                    let bar = ProgressBar()
                    let summary = try await DemoLoader.load(options, into: app.db) { done, total in
                        bar.update("demo", done, total)
                    }
                    printLogins(summary.logins)
                } else {
                    say("The database already holds data: the demo company was not loaded again.")
                    printLogins(DemoCompany(options: DemoOptions(now: Date())).logins())
                }
            }
            say("CallDesk: http://\(hostname):\(port)")
            try await app.execute()
        }
    }

    private func printLogins(_ logins: [(email: String, role: String, name: String)]) {
        say("Demo logins (password: \(DemoCompany.demoPassword)):")
        for login in logins {
            say("  \(login.role.padding(toLength: 10, withPad: " ", startingAt: 0)) \(login.email)  (\(login.name))")
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a realistic, deterministic demo company into an empty database.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Number of customers.") var customers = 2_000
    @Option(help: "Number of staff.") var staff = 25
    @Option(help: "Days of history before now.") var days = 60
    @Option(help: "Random seed: the same seed gives the same data.") var seed: UInt64 = 1
    @Option(help: "The moment the history ends (RFC 3339); default: now.") var now: String?

    func validate() throws {
        guard customers >= 0 else { throw ValidationError("--customers must be 0 or more") }
        guard staff >= DemoOptions.minimumStaff else {
            throw ValidationError("--staff must be at least \(DemoOptions.minimumStaff) (an admin, heads and salespeople)")
        }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        if let now, (try? RFC3339.parse(now).get()) == nil {
            throw ValidationError("--now must be an RFC 3339 time with an offset, e.g. 2026-11-30T17:00:00+07:00")
        }
    }

    func run() async throws {
        let moment = now.flatMap { try? RFC3339.parse($0).get() } ?? Date()
        let options = DemoOptions(customers: customers, staff: staff, days: days, seed: seed, now: moment)
        let started = Date()
        try await withApplication(db) { app in
            let bar = ProgressBar()
            let summary: DemoSummary
            do {
                summary = try await DemoLoader.load(options, into: app.db) { done, total in
                    bar.update("customers", done, total)
                }
            } catch let error as DemoLoader.NotEmpty {
                throw CommandFailure(error.description)
            }
            let seconds = Date().timeIntervalSince(started)
            say("Loaded the demo company in \(String(format: "%.1f", seconds)) s: \(summary.customers) customers, "
                  + "\(summary.calls) calls, \(summary.tasks) tasks, \(summary.orders) orders, "
                  + "\(summary.payments) payments, \(summary.opportunities) opportunities.")
            say("Logins (password: \(DemoCompany.demoPassword)): "
                  + summary.logins.map { "\($0.email) (\($0.role))" }.joined(separator: ", "))
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a data bundle (a folder or a .zip of CSV files) in one transaction: all or nothing.")

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The bundle: a folder or a .zip.") var path: String

    func run() async throws {
        try await withApplication(db) { app in
            let bar = ProgressBar()
            let summary = try await BundleImporter.importBundle(at: path, into: app.db) { file, done, total in
                if total >= 10_000 { bar.update(file, done, total) }
            }
            for warning in summary.warnings {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            say("Imported \(path): " + summary.counts.map { "\($0.records) \($0.file.replacingOccurrences(of: ".csv", with: ""))" }
                .joined(separator: ", ") + (summary.warnings.isEmpty ? "." : " (\(summary.warnings.count) warnings)."))
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole database as a data bundle (a new folder, or a .zip).")

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "Where to write: a new folder, or a file ending in .zip.") var path: String

    func run() async throws {
        try await withApplication(db) { app in
            try await BundleExporter.export(to: path, from: app.db)
            say("Exported to \(path).")
        }
    }
}
