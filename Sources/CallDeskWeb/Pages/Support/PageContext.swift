import CallDeskCore
import CallDeskStore
import Foundation
import Vapor

/// The language of the pages: Vietnamese first, English on request (`?lang=en`, kept in a cookie).
enum Lang: String, Sendable {
    case vi, en

    static let cookie = "calldesk_lang"

    func t(_ vietnamese: String, _ english: String) -> String { self == .vi ? vietnamese : english }

    /// A store message written "Vietnamese · English" (the Store's field messages) in this language.
    func pick(_ bilingual: String) -> String {
        let parts = bilingual.components(separatedBy: " · ")
        return self == .vi || parts.count < 2 ? parts[0] : parts[1]
    }

    /// ``pick(_:)`` for every field message of a form.
    func pick(_ fields: [String: String]) -> [String: String] { fields.mapValues(pick) }
}

/// What every page knows about the request: who is signed in, the language, the form token and
/// the company's formats.
struct PageContext: Sendable {
    var viewer: SignedInUser?
    var lang: Lang
    /// The CSRF token to put in every state-changing form.
    var csrf: String
    var settings: CompanySettings
    /// Path and query of the request, for the language switch and `next=`.
    var location: String

    var timeZone: TimeZone { settings.timeZone }

    func money(_ value: Int64) -> String { NumberFormat.money(value, currency: settings.currency) }
    func time(_ date: Date) -> String { DisplayTime.format(date, in: settings.timeZone) }
}

enum PageContextKey: StorageKey {
    typealias Value = PageContext
}

extension Request {
    var page: PageContext {
        get throws {
            guard let context = storage[PageContextKey.self] else {
                throw Abort(.internalServerError, reason: "page route without WebSessionMiddleware")
            }
            return context
        }
    }

    /// The signed-in user of a page route behind ``RequireSignIn``.
    func pageViewer() throws -> SignedInUser {
        guard let viewer = try page.viewer else { throw Abort(.unauthorized) }
        return viewer
    }
}

/// Reads the session, language and CSRF cookies of every page request into a ``PageContext``,
/// and writes back the cookies that changed.
struct WebSessionMiddleware: AsyncMiddleware {
    let box: WebSecurityBox

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let security = try await box.security(request)
        let settings = try await CompanySettingsStore.load(CallDeskDatabase.sql(request.db))
        let queryLang = (try? request.query.get(String.self, at: "lang")).flatMap(Lang.init(rawValue:))
        let lang = queryLang ?? request.cookies[Lang.cookie].flatMap { Lang(rawValue: $0.string) }
            ?? Lang(rawValue: settings.locale) ?? .vi
        let existingNonce = request.cookies[WebSecurity.csrfCookie]?.string
        let nonce = existingNonce.flatMap { $0.isEmpty ? nil : $0 } ?? WebSecurity.newNonce()
        var viewer: SignedInUser?
        if let cookie = request.cookies[WebSecurity.sessionCookie]?.string,
           let id = security.userID(fromSession: cookie),
           let user = try await UserAccounts.user(id: id, on: request.db), user.active {
            viewer = user
            request.storage[ViewerKey.self] = user.id
        }
        var location = request.url.path
        if let query = request.url.query, !query.isEmpty { location += "?" + query }
        request.storage[PageContextKey.self] = PageContext(viewer: viewer, lang: lang,
                                                           csrf: security.csrfToken(nonce: nonce),
                                                           settings: settings, location: location)
        request.storage[WebSecurityKey.self] = security
        request.storage[CSRFNonceKey.self] = existingNonce
        let response = try await next.respond(to: request)
        if existingNonce != nonce {
            response.cookies[WebSecurity.csrfCookie] = .web(nonce, maxAge: nil)
        }
        if let queryLang {
            response.cookies[Lang.cookie] = .web(queryLang.rawValue, maxAge: 365 * 24 * 3_600)
        }
        return response
    }
}

enum WebSecurityKey: StorageKey {
    typealias Value = WebSecurity
}

/// The CSRF nonce the browser sent (nil when it had none yet).
enum CSRFNonceKey: StorageKey {
    typealias Value = String
}

/// Page routes for signed-in users: anyone else goes to `/login?next=…` (or to the first-run page
/// while the database has no user).
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let context = try request.page
        guard context.viewer == nil else { return try await next.respond(to: request) }
        if try await UserAccounts.isEmpty(on: request.db) { return request.redirect(to: "/setup") }
        return request.redirect(to: "/login?" + QueryString.encode([("next", context.location)]))
    }
}

/// Refuses a state-changing form whose CSRF token is missing or wrong: 403 with a page that says
/// what to do.
struct RequireCSRF: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await next.respond(to: request) }
        // The route collects the body only after the middleware; the token is in it.
        if request.body.data == nil { _ = try await request.body.collect(max: 1 << 20).get() }
        let token = try? request.content.get(String.self, at: WebSecurity.csrfField)
        guard let security = request.storage[WebSecurityKey.self],
              security.csrfValid(token: token, nonce: request.storage[CSRFNonceKey.self]) else {
            let lang = try request.page.lang
            return try ErrorPage.response(request, status: .forbidden,
                                          title: lang.t("Biểu mẫu không hợp lệ", "Form refused"),
                                          message: lang.t(
                                            "Mã bảo mật (CSRF) của biểu mẫu bị thiếu hoặc đã hết hạn. "
                                                + "Hãy tải lại trang rồi gửi lại.",
                                            "The form's security (CSRF) token is missing or expired. "
                                                + "Reload the page and submit it again."))
        }
        return try await next.respond(to: request)
    }
}
