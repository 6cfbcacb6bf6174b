import ArgumentParser
import CallDeskStore
import Foundation

/// `calldesk`: one executable for everything a user or an operator runs by hand (cli.md).
/// Exit status: 0 done, 1 failed (one line on stderr), 2 bad arguments.
@main
struct CallDesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calldesk",
        abstract: "CallDesk — CRM cho đội telesales (a telesales CRM).",
        subcommands: [Serve.self, Demo.self, Import.self, Export.self, ReportCommand.self, UserCommand.self, APIKeyCommand.self,
                      PBXCommand.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("calldesk: \(failure.message)\n".utf8))
            Foundation.exit(1)
        } catch let bad as BadArguments {
            FileHandle.standardError.write(Data("calldesk: \(bad.message)\n".utf8))
            Foundation.exit(2)
        } catch let failure as BundleImportFailed {
            FileHandle.standardError.write(Data("calldesk: \(failure.description)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            } else if code == .validationFailure || error is ValidationError {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            } else if error is CleanExit || error is ExitCode {
                exit(withError: error)
            } else {
                FileHandle.standardError.write(Data("calldesk: \(String(describing: error))\n".utf8))
                Foundation.exit(1)
            }
        }
    }
}

/// A failure to report to the user as one line, with exit status 1.
struct CommandFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Arguments found wrong only once the command runs (a name that matches nothing, say): exit status 2.
struct BadArguments: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// `--database URL`, else `DATABASE_URL`, else `sqlite://calldesk.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Database URL: sqlite://calldesk.sqlite, sqlite:///abs.sqlite, sqlite://:memory: or "
            + "postgres://USER:PASSWORD@HOST:PORT/DB. Default: $DATABASE_URL, else sqlite://calldesk.sqlite."))
    var database: String?

    func location() throws -> DatabaseLocation {
        do {
            return try DatabaseLocation.resolve(option: database, environment: ProcessInfo.processInfo.environment)
        } catch let error as DatabaseLocation.InvalidURL {
            throw BadArguments(error.description)
        }
    }
}

/// Prints a line to standard output at once (not buffered), so progress and URLs show while a
/// long-running command (e.g. `serve`) is still running.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
