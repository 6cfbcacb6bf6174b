import CallDeskCore
import CallDeskStore
import Foundation
import Vapor

/// `/login`, `/logout` and the first-run page `/setup`.
enum AuthController {
    static func register(_ pages: any RoutesBuilder) {
        pages.get("login", use: loginForm)
        pages.post("login", use: login)
        pages.post("logout", use: logout)
        pages.get("setup", use: setupForm)
        pages.post("setup", use: setup)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    @Sendable static func loginForm(_ request: Request) async throws -> Response {
        let context = try request.page
        if try await UserAccounts.isEmpty(on: request.db) { return request.redirect(to: "/setup") }
        if context.viewer != nil { return request.redirect(to: safeNext(try? request.query.get(String.self, at: "next"))) }
        let next = (try? request.query.get(String.self, at: "next")) ?? "/"
        return Layout.response(LoginPage.render(context, email: "", next: next, message: nil))
    }

    @Sendable static func login(_ request: Request) async throws -> Response {
        let context = try request.page
        let form = try request.content.decode(LoginForm.self)
        let email = form.email ?? ""
        let next = safeNext(form.next)
        switch try await UserAccounts.signIn(email: email, password: form.password ?? "", on: request.db) {
        case .signedIn(let user):
            let security = try await WebSecurityBox.shared(request).security(request)
            let response = request.redirect(to: next, redirectType: .normal)
            response.cookies[WebSecurity.sessionCookie] = .web(security.sessionValue(userID: user.id),
                                                               maxAge: Int(WebSecurity.sessionLifetime))
            request.logger.info("signed in", metadata: ["user": "\(user.id)"])
            return response
        case .wrongCredentials:
            let message = context.lang.t("Email hoặc mật khẩu không đúng. Kiểm tra lại rồi thử lại.",
                                         "Wrong email or password. Check them and try again.")
            return Layout.response(LoginPage.render(context, email: email, next: next, message: message),
                                   status: .unauthorized)
        case .deactivated:
            let message = context.lang.t("Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.",
                                         "This account has been deactivated. Ask an administrator.")
            return Layout.response(LoginPage.render(context, email: email, next: next, message: message),
                                   status: .forbidden)
        }
    }

    @Sendable static func logout(_ request: Request) async throws -> Response {
        let response = request.redirect(to: "/login")
        response.cookies[WebSecurity.sessionCookie] = .web("", maxAge: 0)
        return response
    }

    struct SetupForm: Content {
        var name: String?
        var email: String?
        var password: String?
        var confirm: String?
    }

    @Sendable static func setupForm(_ request: Request) async throws -> Response {
        guard try await UserAccounts.isEmpty(on: request.db) else { return request.redirect(to: "/login") }
        return Layout.response(FirstRunPage.render(try request.page, form: SetupForm(), errors: [:]))
    }

    @Sendable static func setup(_ request: Request) async throws -> Response {
        let context = try request.page
        guard try await UserAccounts.isEmpty(on: request.db) else { return request.redirect(to: "/login") }
        let form = try request.content.decode(SetupForm.self)
        let lang = context.lang
        var errors: [String: String] = [:]
        if (form.password ?? "") != (form.confirm ?? "") {
            errors["confirm"] = lang.t("Hai mật khẩu không giống nhau", "The two passwords differ")
        }
        if errors.isEmpty {
            do {
                let id = try await UserAccounts.createFirstAdministrator(
                    email: form.email ?? "", name: form.name ?? "", password: form.password ?? "", on: request.db)
                let security = try await WebSecurityBox.shared(request).security(request)
                let response = request.redirect(to: "/")
                response.cookies[WebSecurity.sessionCookie] = .web(security.sessionValue(userID: id),
                                                                   maxAge: Int(WebSecurity.sessionLifetime))
                return response
            } catch let invalid as UserAccounts.Invalid {
                errors["form"] = lang.t("Chưa tạo được tài khoản: ", "The account was not created: ")
                    + invalid.description
            }
        }
        return Layout.response(FirstRunPage.render(context, form: form, errors: errors), status: .badRequest)
    }

    /// Only a path on this site: `//evil.example` and `https://…` become `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}

extension WebSecurityBox {
    static func shared(_ request: Request) throws -> WebSecurityBox {
        guard let box = request.application.storage[WebSecurityBoxKey.self] else {
            throw Abort(.internalServerError, reason: "web routes not registered")
        }
        return box
    }
}

enum WebSecurityBoxKey: StorageKey {
    typealias Value = WebSecurityBox
}
