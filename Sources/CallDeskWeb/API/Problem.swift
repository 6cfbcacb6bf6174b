import CallDeskCore
import CallDeskStore
import Vapor

/// An API error as `application/problem+json` (RFC 9457): a user error becomes a 4xx whose `detail`
/// says what to fix; anything else is a 500, logged with the request id.
struct Problem: Error {
    var status: HTTPResponseStatus
    var detail: String

    static func badRequest(_ detail: String) -> Problem { Problem(status: .badRequest, detail: detail) }

    func response() -> Response {
        let body = JSONValue.object([
            ("type", .string("about:blank")),
            ("title", .string(status.reasonPhrase)),
            ("status", .int(Int64(status.code))),
            ("detail", .string(detail)),
        ]).serialized()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        return Response(status: status, headers: headers, body: .init(string: body))
    }
}

/// Turns every error under `/api` into a problem document.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let problem as Problem {
            return problem.response()
        } catch let refusal as ReportRefusal {
            return Problem(status: .forbidden, detail: refusal.reason).response()
        } catch let invalid as ReportInvalidInput {
            return Problem(status: .badRequest, detail: invalid.reason).response()
        } catch let abort as any AbortError {
            return Problem(status: abort.status, detail: abort.reason).response()
        } catch {
            request.logger.error("unhandled error: \(String(reflecting: error))")
            return Problem(status: .internalServerError,
                           detail: "an internal error occurred (request \(request.id)); it has been logged").response()
        }
    }
}

/// `Authorization: Bearer <API key>`: the key's user is the viewer of everything the request asks.
struct APIKeyAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw Problem(status: .unauthorized,
                          detail: "send an API key as \"Authorization: Bearer <key>\" (create one with calldesk apikey create)")
        }
        guard let user = try await APIKeys.user(forKey: bearer.token, on: request.db) else {
            throw Problem(status: .unauthorized, detail: "the API key is unknown, revoked, or its user is deactivated")
        }
        request.storage[ViewerKey.self] = user
        return try await next.respond(to: request)
    }
}

enum ViewerKey: StorageKey {
    typealias Value = Int64
}

extension Request {
    /// The signed-in (or API-key) user on whose behalf the request runs.
    func viewerID() throws -> Int64 {
        guard let id = storage[ViewerKey.self] else { throw Problem(status: .unauthorized, detail: "not signed in") }
        return id
    }
}
