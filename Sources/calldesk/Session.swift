import CallDeskStore
import CallDeskWeb
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs `body` with a migrated application on the chosen database, and shuts it down after.
func withApplication<T>(_ options: DatabaseOptions, arguments: [String] = ["calldesk"],
                        logLevel: Logger.Level = .warning,
                        _ body: (Application) async throws -> T) async throws -> T {
    let location = try options.location()
    let app: Application
    do {
        app = try await CallDeskApp.make(database: location, arguments: arguments, logLevel: logLevel)
    } catch {
        throw CommandFailure("cannot open the database \(location): \(String(reflecting: error))")
    }
    do {
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// A one-line progress bar on stderr, redrawn in place when stderr is a terminal.
final class ProgressBar: Sendable {
    private let lastDraw = NIOLockedValueBox(Date.distantPast)
    private let interactive = isatty(STDERR_FILENO) == 1

    func update(_ label: String, _ done: Int, _ total: Int) {
        let finished = done >= total
        let draw = lastDraw.withLockedValue { last in
            guard finished || Date().timeIntervalSince(last) > (interactive ? 0.2 : 5) else { return false }
            last = Date()
            return true
        }
        guard draw else { return }
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)"
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[2K" + line : line + "\n").utf8))
        if finished && interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
