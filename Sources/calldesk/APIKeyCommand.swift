import ArgumentParser
import CallDeskStore
import Foundation

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Manage API keys.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for a user; it acts with that user's scope. The key is shown once.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user's email.") var email: String
        @Option(help: "A name to tell keys apart.") var name = "API"

        func run() async throws {
            try await withApplication(db) { app in
                do {
                    let created = try await APIKeys.create(email: email, name: name, on: app.db)
                    say(created.key)
                } catch let error as UserAccounts.Invalid {
                    throw CommandFailure(error.description)
                }
            }
        }
    }
}
