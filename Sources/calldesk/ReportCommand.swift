import ArgumentParser
import CallDeskCore
import CallDeskStore
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports.", subcommands: [Telesales.self])

    /// `calldesk report telesales` (telesales-report.md R19).
    struct Telesales: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Telesales report (Báo cáo Telesales), as the viewer sees it.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "customer or opportunity.") var basis = "customer"
        @Option(help: "all, user:ID_OR_EMAIL or department:ID_OR_NAME.") var owners = "all"
        @Option(help: "all, or a campaign's id, code or exact name.") var campaign = "all"
        @Option(help: "Comma-separated source ids or exact names.") var sources = ""
        @Option(help: "Comma-separated group ids or exact names (a group includes its sub-groups).") var groups = ""
        @Option(help: "Customer/opportunity creation dates FROM..TO (YYYY-MM-DD), inclusive; default today.")
        var created: String?
        @Option(help: "Call dates FROM..TO (YYYY-MM-DD), inclusive; default today.") var calls: String?
        @Option(help: "The moment the report is computed (RFC 3339); default now.") var now: String?
        @Option(name: .customLong("as"), help: "Compute the report as this user sees it (default: an administrator).")
        var viewer: String?
        @Option(help: "table, json or csv.") var format = "table"
        @Option(help: "vi or en (table headers).") var lang = "vi"
        @Flag(help: .hidden) var printSQL = false

        func validate() throws {
            guard ReportBasis(rawValue: basis) != nil else { throw ValidationError("--basis must be customer or opportunity") }
            guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format must be table, json or csv") }
            guard ["vi", "en"].contains(lang) else { throw ValidationError("--lang must be vi or en") }
            if let now, (try? RFC3339.parse(now).get()) == nil {
                throw ValidationError("--now must be an RFC 3339 time with an offset, e.g. 2026-11-30T17:00:00+07:00")
            }
            if let created { _ = try Self.range(created, option: "--created") }
            if let calls { _ = try Self.range(calls, option: "--calls") }
        }

        /// `FROM..TO` (or one date for a single day).
        static func range(_ text: String, option: String) throws -> LocalDateRange {
            let parts = text.components(separatedBy: "..")
            guard (1...2).contains(parts.count), let from = LocalDate(parts[0]),
                  let to = LocalDate(parts.count == 2 ? parts[1] : parts[0]) else {
                throw ValidationError("\(option) must be FROM..TO with dates as YYYY-MM-DD, e.g. 2026-11-01..2026-11-30")
            }
            guard from <= to else { throw ValidationError("\(option): \(from) is after \(to)") }
            return LocalDateRange(from: from, to: to)
        }

        func run() async throws {
            let moment = now.flatMap { try? RFC3339.parse($0).get() } ?? Date()
            try await withApplication(db) { app in
                let sql = CallDeskDatabase.sql(app.db)
                let resolver = ReportNameResolver(sql: sql)
                let zone = try await CompanySettingsStore.load(sql).timeZone
                var filters = TelesalesFilters.defaults(now: moment, timeZone: zone)
                filters.basis = ReportBasis(rawValue: basis)!
                if let created { filters.created = try Self.range(created, option: "--created") }
                if let calls { filters.calls = try Self.range(calls, option: "--calls") }
                do {
                    filters.owners = try await resolver.owners(owners)
                    filters.campaign = try await resolver.campaign(campaign)
                    filters.sources = try await resolver.sources(sources)
                    filters.groups = try await resolver.groups(groups)
                } catch let error as ReportNameResolver.Unresolved {
                    throw BadArguments(error.description)
                }
                do {
                    let viewerID = try await resolver.viewer(viewer)
                    if printSQL {
                        say(try await TelesalesReportEngine(database: app.db)
                            .inlinedSQL(filters, viewerID: viewerID, now: moment))
                        return
                    }
                    let report = try await TelesalesReportEngine(database: app.db)
                        .report(filters, viewerID: viewerID, now: moment)
                    switch format {
                    case "json": say(report.json().pretty())
                    case "csv": FileHandle.standardOutput.write(Data(report.csv().utf8))
                    default: FileHandle.standardOutput.write(Data(report.table(lang: lang).utf8))
                    }
                } catch let refusal as ReportRefusal {
                    throw CommandFailure(refusal.reason)
                } catch let invalid as ReportInvalidInput {
                    throw BadArguments(invalid.reason)
                }
            }
        }
    }
}
