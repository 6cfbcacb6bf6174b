import CallDeskCore
import FluentKit
import Foundation
import SQLKit

/// What an import did.
public struct BundleImportSummary: Sendable {
    /// File name → number of records read from it, for the files present.
    public var counts: [(file: String, records: Int)]
    /// Problems that did not stop the import (e.g. a phone kept as typed because it cannot be normalised).
    public var warnings: [String]
}

/// An import refused: every problem found, as `file:line: column: message`. Nothing was written.
public struct BundleImportFailed: Error, CustomStringConvertible {
    public let issues: [String]
    public var description: String {
        "the bundle was not imported (\(issues.count) problem\(issues.count == 1 ? "" : "s"); nothing was written):\n"
            + issues.joined(separator: "\n")
    }
}

/// `calldesk import PATH`: reads a bundle, checks it whole against itself and the database, and
/// writes it in one transaction — all or nothing (domain.md, cli.md).
public enum BundleImporter {
    /// Imports the bundle at `path` (a folder or a `.zip`).
    /// - Parameter progress: called with a file name, records written and records in the file.
    public static func importBundle(at path: String, into database: any Database,
                                    progress: (@Sendable (String, Int, Int) -> Void)? = nil)
        async throws -> BundleImportSummary {
        let files: [String: [UInt8]]
        do {
            files = try BundleFiles.read(from: path)
        } catch let problem as BundleFiles.Problem {
            throw BundleImportFailed(issues: [problem.description])
        }
        return try await importBundle(files: files, into: database, progress: progress)
    }

    /// Imports a bundle given as file name → bytes.
    public static func importBundle(files: [String: [UInt8]], into database: any Database,
                                    progress: (@Sendable (String, Int, Int) -> Void)? = nil)
        async throws -> BundleImportSummary {
        let read = BundleReader.read(files: files)
        let readErrors = read.errors.map(\.description)
        let bundle = read.bundle
        let warnings = read.warnings.map(\.description)
        let summary = try await database.transaction { transaction in
            let sql = CallDeskDatabase.sql(transaction)
            let checks = BundleDatabaseChecks(sql: sql, bundle: bundle)
            let issues = readErrors + (try await checks.problems(references: read.references))
            guard issues.isEmpty else { throw BundleImportFailed(issues: issues) }
            let settings = try await CompanySettingsStore.load(sql)
            let writer = BundleStoreWriter(sql: sql)
            writer.phoneRegion = bundle.settings["phone_region"] ?? settings.phoneRegion
            writer.progress = progress
            try await writer.write(bundle)
            let cycles = try await BundleDatabaseChecks(sql: sql, bundle: bundle).departmentCycles()
            guard cycles.isEmpty else { throw BundleImportFailed(issues: cycles) }
            return BundleImportSummary(counts: Self.counts(bundle), warnings: warnings + writer.warnings)
        }
        // Fresh statistics after a bulk load (outside the transaction: PostgreSQL's ANALYZE sees only committed rows).
        try await CallDeskDatabase.sql(database).raw("ANALYZE").run()
        return summary
    }

    static func counts(_ bundle: DataBundle) -> [(file: String, records: Int)] {
        [("settings.csv", bundle.settings.count), ("departments.csv", bundle.departments.count),
         ("users.csv", bundle.users.count), ("sources.csv", bundle.sources.count), ("groups.csv", bundle.groups.count),
         ("customers.csv", bundle.customers.count), ("campaigns.csv", bundle.campaigns.count),
         ("opportunities.csv", bundle.opportunities.count), ("calls.csv", bundle.calls.count),
         ("tasks.csv", bundle.tasks.count), ("orders.csv", bundle.orders.count),
         ("order_lines.csv", bundle.orderLines.count), ("payments.csv", bundle.payments.count)]
            .filter { $0.1 > 0 }
    }
}

/// `calldesk export PATH`: the whole database as a bundle that `import` reads back to the same content.
public enum BundleExporter {
    public static func export(to path: String, from database: any Database) async throws {
        let sql = CallDeskDatabase.sql(database)
        let settings = try await CompanySettingsStore.load(sql)
        let bundle = try await BundleStoreReader(sql: sql).read()
        let files = BundleWriter.write(bundle, timeZone: settings.timeZone)
        do {
            try BundleFiles.write(files, to: path)
        } catch let problem as BundleFiles.Problem {
            throw BundleImportFailed(issues: [problem.description])
        }
    }

    /// The bundle's files in memory (for tests and the web app's download).
    public static func files(from database: any Database) async throws -> [(name: String, bytes: [UInt8])] {
        let sql = CallDeskDatabase.sql(database)
        let settings = try await CompanySettingsStore.load(sql)
        return BundleWriter.write(try await BundleStoreReader(sql: sql).read(), timeZone: settings.timeZone)
    }
}
