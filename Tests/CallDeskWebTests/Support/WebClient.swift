import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// A browser in miniature for request tests: keeps the cookies the server sets, and sends forms
/// with the CSRF token of the last page it read.
struct WebClient {
    let app: Application
    var cookies: [String: String] = [:]
    /// The `_csrf` value of the last HTML page received.
    var csrf: String?

    init(_ app: Application) { self.app = app }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: cookieHeader())
        remember(response)
        return response
    }

    /// Posts a urlencoded form; `withToken` adds the CSRF token read from the last page.
    mutating func post(_ path: String, _ fields: [(String, String)], withToken: Bool = true) async throws
        -> TestingHTTPResponse {
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        var headers = cookieHeader()
        headers.contentType = .urlEncodedForm
        let body = ByteBuffer(string: QueryString.encode(all))
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        remember(response)
        return response
    }

    /// Signs in through the form, as a person would.
    mutating func signIn(_ email: String, password: String = "matkhau123") async throws -> TestingHTTPResponse {
        _ = try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }

    private func cookieHeader() -> HTTPHeaders {
        guard !cookies.isEmpty else { return [:] }
        return ["Cookie": cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    private mutating func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
                .split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = header.contains("Max-Age=0") ? nil : String(pair[1])
        }
        let text = response.body.string
        if let range = text.range(of: #"name="_csrf" value=""#) {
            let rest = text[range.upperBound...]
            csrf = String(rest.prefix { $0 != "\"" })
        }
    }
}

/// The sample company (Tests/CallDeskTestSupport) with the page routes, and user ids by email.
func withWebCompany(_ body: (Application, [String: Int64]) async throws -> Void) async throws {
    try await TestDatabase.withApp { app in
        _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
        try CallDeskApp.routes(app)
        var ids: [String: Int64] = [:]
        for row in try await CallDeskDatabase.sql(app.db).raw("SELECT id, email FROM users").all() {
            ids[try row.decode(column: "email", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        try await body(app, ids)
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
}
