import ArgumentParser
import CallDeskCore
import CallDeskStore
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage logins.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a login.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Email (the login).") var email: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Role: admin, manager or sales.") var role: String
        @Option(help: "Department id or exact name.") var department: String?
        @Flag(help: "Read the password from standard input (else one is generated and printed).")
        var passwordStdin = false

        func validate() throws {
            guard RoleCode(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: admin, manager, sales")
            }
        }

        func run() async throws {
            var password: String
            var generated = false
            if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            } else {
                let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                password = String((0..<14).map { _ in alphabet.randomElement()! })
                generated = true
            }
            try await withApplication(db) { app in
                do {
                    let id = try await UserAccounts.create(email: email, name: name, role: RoleCode(rawValue: role)!,
                                                           department: department, password: password, on: app.db)
                    say("Created user \(id): \(email) (\(role))" + (generated ? ", password: \(password)" : ""))
                } catch let error as UserAccounts.Invalid {
                    throw CommandFailure(error.description)
                }
            }
            password = ""
        }
    }
}
