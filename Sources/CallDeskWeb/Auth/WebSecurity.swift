import CallDeskStore
import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Signed session cookies and CSRF tokens, both HMAC-SHA256 with the server's key
/// (``AppSecrets/sessionKey(environment:on:)``).
///
/// A session is `v1.<user id>.<expiry, epoch seconds>.<hmac>` in an HttpOnly, SameSite=Lax cookie:
/// nothing to store server-side, and a user who is deactivated loses access on their next request
/// because every request reloads the user. The CSRF token of a form is the HMAC of a random nonce
/// kept in its own cookie: a cross-site page can neither read the nonce nor compute the token.
struct WebSecurity: Sendable {
    static let sessionCookie = "calldesk_session"
    static let csrfCookie = "calldesk_csrf"
    static let csrfField = "_csrf"
    static let sessionLifetime: TimeInterval = 14 * 24 * 3_600

    /// The key's bytes: `SymmetricKey` itself is not `Sendable`.
    let keyBytes: [UInt8]

    init(key: SymmetricKey) {
        keyBytes = key.withUnsafeBytes { Array($0) }
    }

    func sessionValue(userID: Int64, now: Date = Date()) -> String {
        let payload = "v1.\(userID).\(Int64(now.addingTimeInterval(Self.sessionLifetime).timeIntervalSince1970))"
        return payload + "." + mac(payload)
    }

    /// The user id of a valid, unexpired session cookie.
    func userID(fromSession value: String, now: Date = Date()) -> Int64? {
        let parts = value.split(separator: ".")
        guard parts.count == 4, parts[0] == "v1", let id = Int64(parts[1]), let expiry = Int64(parts[2]),
              Double(expiry) > now.timeIntervalSince1970 else { return nil }
        return constantTimeEqual(mac(parts[0...2].joined(separator: ".")), String(parts[3])) ? id : nil
    }

    func csrfToken(nonce: String) -> String { mac("csrf." + nonce) }

    func csrfValid(token: String?, nonce: String?) -> Bool {
        guard let token, let nonce, !nonce.isEmpty else { return false }
        return constantTimeEqual(csrfToken(nonce: nonce), token)
    }

    static func newNonce() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    private func mac(_ text: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: keyBytes))
        return code.withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The key, loaded from the environment or the database on the first page request and kept.
final class WebSecurityBox: Sendable {
    private let cached = NIOLockedValueBox<WebSecurity?>(nil)

    func security(_ request: Request) async throws -> WebSecurity {
        if let security = cached.withLockedValue({ $0 }) { return security }
        let key = try await AppSecrets.sessionKey(environment: Environment.get("CALLDESK_SECRET"),
                                                  on: CallDeskDatabase.sql(request.db))
        let security = WebSecurity(key: key)
        cached.withLockedValue { $0 = security }
        return security
    }
}

extension HTTPCookies.Value {
    /// An HttpOnly, SameSite=Lax cookie for the whole site.
    static func web(_ value: String, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/", isSecure: false,
                          isHTTPOnly: true, sameSite: .lax)
    }
}
