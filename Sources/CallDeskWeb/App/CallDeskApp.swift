import CallDeskStore
import Fluent
import Vapor

/// Builds the Vapor application every `calldesk` command runs in: database configured and migrated
/// (cli.md: every command migrates first), routes registered.
public enum CallDeskApp {
    public static func make(database: DatabaseLocation, arguments: [String] = ["calldesk"],
                            logLevel: Logger.Level = .notice) async throws -> Application {
        let environment = Environment(name: "production", arguments: arguments)
        let app = try await Application.make(environment)
        app.logger.logLevel = logLevel
        do {
            try CallDeskDatabase.configure(app, location: database)
            try await CallDeskDatabase.migrate(app)
            try routes(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Registers every route; used by `make` and by the request-level tests.
    public static func routes(_ app: Application) throws {
        app.get("health") { request async throws -> HealthStatus in
            try await HealthStatus.check(request.db)
        }
        app.get("assets", ":file", use: Assets.serve)
        try pageRoutes(app)
        let api = app.grouped("api", "v1").grouped(ProblemMiddleware(), APIKeyAuthenticator())
        ReportsAPIController.register(api)
        CallIngestionController.register(app)
    }
}

extension CallDeskApp {
    /// The HTML pages: session, language and CSRF on all of them; sign-in required except for
    /// `/login` and the first-run page.
    static func pageRoutes(_ app: Application) throws {
        let box = WebSecurityBox()
        app.storage[WebSecurityBoxKey.self] = box
        let pages = app.grouped(WebSessionMiddleware(box: box), PageErrorMiddleware(), RequireCSRF())
        AuthController.register(pages)
        let signedIn = pages.grouped(RequireSignIn())
        signedIn.get(use: HomePage.handle)
        signedIn.get("reports", "telesales", use: TelesalesReportPage.handle)
        signedIn.get("reports", "telesales", "members", use: MemberListPage.handle)
        signedIn.get("customers", use: CustomerListPage.handle)
        signedIn.get("customers", "new", use: CustomerFormPage.show)
        signedIn.post("customers", use: CustomerFormPage.create)
        signedIn.get("customers", "phone-check", use: CustomerFormPage.phoneCheck)
        signedIn.get("customers", "deleted", use: DeletedCustomersPage.list)
        signedIn.post("customers", "bulk", use: CustomerListPage.bulk)
        signedIn.get("customers", ":id", use: CustomerPage.handle)
        signedIn.get("customers", ":id", "edit", use: CustomerFormPage.edit)
        signedIn.post("customers", ":id", "edit", use: CustomerFormPage.update)
        signedIn.post("customers", ":id", "delete", use: DeletedCustomersPage.delete)
        signedIn.post("customers", ":id", "restore", use: DeletedCustomersPage.restore)
        signedIn.post("customers", ":id", "notes", use: CustomerPage.addNote)
        signedIn.post("customers", ":id", "calls", use: CustomerPage.logCall)
        signedIn.get("calls", use: CallLogPage.handle)
        signedIn.post("calls", "link", use: CallLogPage.link)
        signedIn.get("tasks", use: TaskBoardPage.handle)
        signedIn.get("tasks", "new", use: TaskFormPage.show)
        signedIn.post("tasks", use: TaskFormPage.create)
        signedIn.post("tasks", ":id", "complete", use: TaskBoardPage.complete)
        signedIn.post("tasks", ":id", "cancel", use: TaskBoardPage.cancel)
        signedIn.get("campaigns", use: CampaignsPage.list)
        signedIn.get("campaigns", ":id", use: CampaignsPage.board)
        signedIn.post("campaigns", ":id", "customers", use: CampaignsPage.add)
        signedIn.post("campaigns", "opportunities", ":id", use: CampaignsPage.move)
        signedIn.get("orders", use: OrderListPage.handle)
        signedIn.get("orders", "new", use: OrderFormPage.show)
        signedIn.post("orders", use: OrderFormPage.create)
        signedIn.get("orders", ":id", use: OrderPage.handle)
        signedIn.post("orders", ":id", "payments", use: OrderPage.pay)
        signedIn.post("orders", ":id", "cancel", use: OrderPage.cancel)
        signedIn.get("settings", "departments", use: DepartmentsPage.handle)
        signedIn.post("settings", "departments", use: DepartmentsPage.create)
        signedIn.get("settings", "departments", ":id", use: DepartmentsPage.show)
        signedIn.post("settings", "departments", ":id", use: DepartmentsPage.update)
        signedIn.get("settings", "company", use: CompanySettingsPage.show)
        signedIn.post("settings", "company", use: CompanySettingsPage.save)
        signedIn.get("settings", "users", use: UsersPage.list)
        signedIn.post("settings", "users", use: UsersPage.create)
        signedIn.get("settings", "users", ":id", use: UsersPage.show)
        signedIn.post("settings", "users", ":id", use: UsersPage.update)
        signedIn.post("settings", "users", ":id", "password", use: UsersPage.password)
        signedIn.get("settings", "pbx", use: PBXConnectionsPage.show)
        signedIn.post("settings", "pbx", use: PBXConnectionsPage.add)
        signedIn.post("settings", "pbx", "rotate", use: PBXConnectionsPage.rotate)
        signedIn.post("settings", "pbx", "active", use: PBXConnectionsPage.setActive)
        signedIn.get("settings", "roles", use: RolesPage.list)
        signedIn.post("settings", "roles", use: RolesPage.create)
        signedIn.get("settings", "roles", ":id", use: RolesPage.show)
        signedIn.post("settings", "roles", ":id", use: RolesPage.save)
        signedIn.post("settings", "roles", ":id", "delete", use: RolesPage.delete)
        signedIn.get("settings", "catalogues", use: CataloguesPage.first)
        signedIn.get("settings", "catalogues", ":kind", use: CataloguesPage.show)
        signedIn.post("settings", "catalogues", ":kind", use: CataloguesPage.add)
        signedIn.post("settings", "catalogues", ":kind", ":id", use: CataloguesPage.save)
        signedIn.post("settings", "catalogues", ":kind", ":id", "move", use: CataloguesPage.move)
        signedIn.post("settings", "catalogues", ":kind", ":id", "delete", use: CataloguesPage.delete)
        signedIn.get("settings", "products", use: ProductsPage.list)
        signedIn.post("settings", "products", use: ProductsPage.create)
        signedIn.get("settings", "products", ":id", use: ProductsPage.show)
        signedIn.post("settings", "products", ":id", use: ProductsPage.update)
        signedIn.get("settings", "api-keys", use: APIKeysPage.list)
        signedIn.post("settings", "api-keys", use: APIKeysPage.create)
        signedIn.post("settings", "api-keys", ":id", "revoke", use: APIKeysPage.revoke)
        signedIn.get("live", use: LiveEvents.stream)
    }
}

/// `GET /health`: the process is up and its database answers.
struct HealthStatus: Content {
    var status: String
    var database: String

    static func check(_ database: any Database) async throws -> HealthStatus {
        let sql = CallDeskDatabase.sql(database)
        _ = try await sql.raw("SELECT 1 AS ok").first()
        return HealthStatus(status: "ok", database: sql.dialect.name)
    }
}
