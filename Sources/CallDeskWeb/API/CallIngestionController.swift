import CallDeskCore
import CallDeskStore
import Vapor

/// Where phone systems push calls (README, "Connecting your PBX"):
/// - `POST /api/v1/calls` — CallDesk's own format, one call or a batch of up to 1,000 (atomic);
/// - `POST /api/v1/pbx/cdr` — the connection's provider format (Asterisk, Yeastar, Stringee, Omicall, Zorio…);
/// - `POST /api/callcenter/cdr`, `POST /api/v6.1/call_center/cdr` — Getfly's call-center API, unchanged;
/// - `GET /api/callcenter/inbound`, `GET /api/v3/callcenter/extension` — Getfly's screen pop and routing.
/// Every request names its connection by the connection's secret (`Authorization: Bearer`, `X-CallDesk-Secret`,
/// or a `secret` field as Getfly sends it); a missing or wrong secret is 401 and stores nothing. A call is
/// acknowledged only after its transaction has committed.
enum CallIngestionController {
    static let largestBatch = 1_000

    static func register(_ app: Application) {
        // Created here, before any request, so that concurrent requests share one writer and one hub.
        _ = app.callWriter
        _ = app.liveHub
        let api = app.grouped(ProblemMiddleware())
        api.on(.POST, "api", "v1", "calls", body: .collect(maxSize: "8mb"), use: native)
        api.on(.POST, "api", "v1", "pbx", "cdr", body: .collect(maxSize: "1mb"), use: provider)
        api.on(.POST, "api", "v1", "pbx", "cdr", ":code", body: .collect(maxSize: "1mb"), use: signed)
        api.on(.POST, "api", "callcenter", "cdr", body: .collect(maxSize: "1mb"), use: getfly)
        api.on(.POST, "api", "v6.1", "call_center", "cdr", body: .collect(maxSize: "1mb"), use: getfly)
        api.get("api", "callcenter", "inbound", use: inbound)
        api.get("api", "v3", "callcenter", "extension", use: ownerExtension)
    }

    // MARK: - Endpoints

    /// `{…one call…}`, `[{…}, …]` or `{"calls": [{…}, …]}`; answers each call's `created` / `duplicate`.
    @Sendable static func native(_ request: Request) async throws -> Response {
        let connection = try await authenticate(request, payload: nil)
        let body = Data(buffer: request.body.data ?? ByteBuffer())
        let items = try batchItems(body)
        guard !items.isEmpty else { throw Problem.badRequest("the batch holds no calls") }
        guard items.count <= largestBatch else {
            throw Problem.badRequest("a batch holds at most \(largestBatch) calls; this one holds \(items.count) — split it")
        }
        var calls: [CallRecord] = []
        calls.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item else {
                throw Problem.badRequest("calls[\(index)] must be a JSON object")
            }
            do {
                calls.append(try CDRAdapter.native(PBXPayload(fields)))
            } catch let error as CDRFieldError {
                throw Problem.badRequest(items.count == 1 && !body.starts(with: Array("[".utf8)) ? error.description
                                         : "calls[\(index)].\(error.description)")
            }
        }
        let stored = try await store(calls, connection: connection, request: request)
        let results = JSONValue.array(stored.map { call in
            .object([("id", .string(call.pbxCallID)), ("status", .string(call.status.rawValue))])
        })
        return json(.object([
            ("created", .int(Int64(stored.filter { $0.status == .created }.count))),
            ("duplicate", .int(Int64(stored.filter { $0.status == .duplicate }.count))),
            ("results", results),
        ]))
    }

    /// One call record in the connection's own provider format (its kind chooses the adapter).
    @Sendable static func provider(_ request: Request) async throws -> Response {
        let payload = try payload(of: request, asteriskText: true)
        return try await push(payload, request: request) { connection, settings in
            try CDRAdapter.read(payload, provider: connection.provider, timeZone: settings.timeZone)
        }
    }

    /// A signed provider's push (Zorio): the connection is named by its code in the path and proven by
    /// `X-Zorio-Signature` / `X-Signature` = hex HMAC-SHA256 of the raw body with the connection's secret.
    @Sendable static func signed(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        guard let signature = request.headers.first(name: "X-Zorio-Signature") ?? request.headers.first(name: "X-Signature") else {
            throw Problem(status: .unauthorized, detail: "send the request's HMAC-SHA256 signature in X-Zorio-Signature")
        }
        let body = Array(request.body.data?.readableBytesView ?? ByteBuffer().readableBytesView)
        guard let connection = try await PBXConnections.connection(code: code, signature: signature, body: body,
                                                                    on: request.db) else {
            throw Problem(status: .unauthorized, detail: "the signature does not match the connection \(code)'s secret (or no signing connection has that code)")
        }
        let payload = try payload(of: request, asteriskText: false)
        let timeZone = try await CompanySettingsStore.load(CallDeskDatabase.sql(request.db)).timeZone
        return try await ingestOne(payload, provider: connection.provider, connection: connection, timeZone: timeZone,
                                   request: request)
    }

    /// Getfly's call-center CDR push: form-encoded or JSON, `secret` in the body.
    @Sendable static func getfly(_ request: Request) async throws -> Response {
        let payload = try payload(of: request, asteriskText: false)
        return try await push(payload, request: request) { _, settings in
            try CDRAdapter.read(payload, provider: .getfly, timeZone: settings.timeZone)
        }
    }

    /// Getfly's inbound screen pop: an inbound call rings at these extensions.
    @Sendable static func inbound(_ request: Request) async throws -> Response {
        let query = queryPayload(request)
        let (connection, settings) = try await authenticated(request, payload: query)
        let phone = try field { try query.requiredText("phone") }
        var extensions: [String] = []
        switch query["extension"] {
        case .array(let items)?:
            for item in items { if let text = try? PBXPayload(["e": item]).text("e") { extensions.append(text) } }
        case .some:
            if let one = try field({ try query.text("extension") }) { extensions.append(one) }
        case nil: break
        }
        let ringing = try await InboundLookup.ringing(phone: phone, extensions: extensions, connection: connection,
                                                      on: request.db)
        request.application.liveHub.inbound(ringing, timeZone: settings.timeZone)
        return json(.object([("message", .string("Kết nối thành công"))]))
    }

    /// Getfly's routing lookup: the extension of the owner of the customer with this number, or null.
    @Sendable static func ownerExtension(_ request: Request) async throws -> Response {
        let query = queryPayload(request)
        let connection = try await authenticate(request, payload: query)
        let number = try field { try query.requiredText("caller_number") }
        let found = try await InboundLookup.ownerExtension(callerNumber: number, connection: connection,
                                                           on: request.db)
        return json(.object([("extension", found.map(JSONValue.string) ?? .null)]))
    }

    // MARK: - Shared steps

    /// A call pushed one per request and named by its secret: authenticated, read and stored in the writer's
    /// next group (one secret lookup per group, not per request).
    private static func push(_ payload: PBXPayload, request: Request,
                             read: @escaping CallWriter.Reader) async throws -> Response {
        let presented = try presentedSecret(request, payload: payload)
        // A secret that cannot be one is refused here, without a place in the writer's queue.
        guard PBXConnections.isWellFormed(secret: presented) else { throw unknownSecret }
        let pushed: CallWriter.Pushed
        do {
            pushed = try await request.application.callWriter.push(secret: presented, read: read)
        } catch let error as CDRFieldError {
            throw Problem.badRequest(error.description)
        }
        switch pushed {
        case .unknownSecret: throw unknownSecret
        case .notFinal(let why): return ignored(why)
        case .stored(let stored, _):
            if stored.status == .created { request.application.liveHub.stored([stored]) }
            return storedAnswer(stored)
        }
    }

    private static func ingestOne(_ payload: PBXPayload, provider: PBXProvider, connection: PBXConnection,
                                  timeZone: TimeZone, request: Request) async throws -> Response {
        let outcome = try field { try CDRAdapter.read(payload, provider: provider, timeZone: timeZone) }
        switch outcome {
        case .notFinal(let why):
            return ignored(why)
        case .call(let call):
            // One request per call: written together with the calls that arrive meanwhile (group commit).
            let stored = try await request.application.callWriter.store(call, connection: connection)
            if stored.status == .created { request.application.liveHub.stored([stored]) }
            return storedAnswer(stored)
        }
    }

    private static func ignored(_ why: String) -> Response {
        json(.object([("message", .string("Đã nhận")), ("status", .string("ignored")), ("detail", .string(why))]))
    }

    private static func storedAnswer(_ stored: CallIngestion.Stored) -> Response {
        json(.object([("message", .string("Thành công")), ("id", .string(stored.pbxCallID)),
                      ("status", .string(stored.status.rawValue))]))
    }

    private static func store(_ calls: [CallRecord], connection: PBXConnection,
                              request: Request) async throws -> [CallIngestion.Stored] {
        let stored: [CallIngestion.Stored]
        do {
            stored = try await request.application.callWriter.store(batch: calls, connection: connection)
        } catch let invalid as CallIngestion.Invalid {
            throw Problem.badRequest(calls.count == 1 ? "\(invalid.field): \(invalid.message)" : invalid.description)
        }
        let fresh = stored.filter { $0.status == .created }
        if !fresh.isEmpty { request.application.liveHub.stored(fresh) }
        return stored
    }

    /// The connection whose secret the request presents; 401 otherwise (nothing is read or stored).
    private static func authenticate(_ request: Request, payload: PBXPayload?) async throws -> PBXConnection {
        try await authenticated(request, payload: payload).connection
    }

    /// ``authenticate(_:payload:)`` with the company settings read by the same query.
    private static func authenticated(_ request: Request, payload: PBXPayload?) async throws
        -> (connection: PBXConnection, settings: CompanySettings) {
        let presented = try presentedSecret(request, payload: payload)
        guard let found = try await PBXConnections.pushContext(forSecret: presented, on: request.db) else {
            throw unknownSecret
        }
        return found
    }

    /// The secret the request presents: `Authorization: Bearer`, `X-CallDesk-Secret`, or a `secret` field
    /// of the body or the query; 401 when there is none.
    private static func presentedSecret(_ request: Request, payload: PBXPayload?) throws -> String {
        let presented = request.headers.bearerAuthorization?.token
            ?? request.headers.first(name: "X-CallDesk-Secret")
            ?? (try? payload?.text("secret")) ?? nil
            ?? (try? queryPayload(request).text("secret")) ?? nil
        guard let presented else {
            throw Problem(status: .unauthorized, detail: "send the PBX connection's secret as \"Authorization: Bearer <secret>\", an X-CallDesk-Secret header or a secret field (calldesk pbx add prints it)")
        }
        return presented
    }

    private static let unknownSecret = Problem(status: .unauthorized, detail: "the secret matches no active PBX connection (calldesk pbx list; calldesk pbx rotate-secret NAME makes a new one)")

    /// The body as fields: JSON, a form, or (for Asterisk) a `cdr_custom` CSV line or an AMI `Key: Value` block.
    private static func payload(of request: Request, asteriskText: Bool) throws -> PBXPayload {
        let body = Data(buffer: request.body.data ?? ByteBuffer())
        let type = request.headers.contentType
        return try field {
            if type == .json || (type == nil && body.first.map { $0 == UInt8(ascii: "{") } == true) {
                return try PBXPayload.json(body)
            }
            let text = String(decoding: body, as: UTF8.self)
            if asteriskText, type?.subType == "csv" { return try CDRAdapter.cdrCustomLine(text) }
            if asteriskText, type == .plainText { return CDRAdapter.amiBlock(text) }
            if type == .urlEncodedForm || type == nil { return PBXPayload.form(text) }
            throw CDRFieldError("Content-Type", "send application/json or application/x-www-form-urlencoded"
                                + (asteriskText ? " (Asterisk also: text/csv, text/plain)" : ""))
        }
    }

    private static func queryPayload(_ request: Request) -> PBXPayload {
        PBXPayload.form(request.url.query ?? "")
    }

    private static func batchItems(_ body: Data) throws -> [PBXValue] {
        let value: PBXValue
        do {
            value = try PBXJSON.parse(body)
        } catch let malformed as PBXJSON.Malformed {
            throw Problem.badRequest(body.isEmpty ? "the body is empty; send a call as a JSON object, or {\"calls\": [...]}"
                                     : "the body is not valid JSON (\(malformed))")
        }
        switch value {
        case .array(let items): return items
        case .object(let fields):
            if case .array(let items)? = fields["calls"] { return items }
            return [value]
        default: throw Problem.badRequest("send a call as a JSON object, a JSON array of calls, or {\"calls\": [...]}")
        }
    }

    /// A field error becomes 400 with the field's name.
    private static func field<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CDRFieldError { throw Problem.badRequest(error.description) }
    }

    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: value.serializedBytes())))
    }
}
