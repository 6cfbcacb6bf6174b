import CallDeskCore
import CallDeskStore
import NIOConcurrencyHelpers
import Vapor

/// Live updates for open pages (issue "Calls from real phone systems", 7): every signed-in tab holds one
/// Server-Sent Events stream (`GET /live`); a stored call is announced to every tab (pages decide whether
/// it concerns them: the report and the home page refresh their figures, a customer page refreshes when
/// the call's number is one of the customer's), an inbound call's screen pop only to the users whose
/// extensions ring. In-process: one `calldesk serve` process serves every tab of the company.
final class LiveHub: Sendable {
    private struct Subscriber {
        var userID: Int64
        var continuation: AsyncStream<String>.Continuation
    }

    private let subscribers = NIOLockedValueBox<[UUID: Subscriber]>([:])

    /// A new stream of SSE frames for `userID`; it ends (and is forgotten) when the tab goes away.
    func subscribe(userID: Int64) -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLockedValue { $0.removeValue(forKey: id) }
        }
        subscribers.withLockedValue { $0[id] = Subscriber(userID: userID, continuation: continuation) }
        return stream
    }

    var count: Int { subscribers.withLockedValue { $0.count } }

    /// Calls just committed: `event: calls`, data `{"calls":[{"user":…,"number":…}, …]}` (a batch in one frame).
    func stored(_ calls: [CallIngestion.Stored]) {
        let items = calls.prefix(1_000).map { call in
            JSONValue.object([("user", call.userID.map { .int($0) } ?? .null),
                              ("number", call.remoteKey.map(JSONValue.string) ?? .null)])
        }
        broadcast(Self.frame("calls", .object([("calls", .array(Array(items)))])), to: nil)
    }

    /// `event: inbound` to the users whose extensions ring, with what the screen pop shows.
    func inbound(_ ringing: InboundRinging, timeZone: TimeZone) {
        guard !ringing.userIDs.isEmpty else { return }
        var customer = JSONValue.null
        if let found = ringing.customer {
            customer = .object([
                ("id", .int(found.id)), ("code", found.code.map(JSONValue.string) ?? .null),
                ("name", .string(found.name)), ("owner", found.ownerName.map(JSONValue.string) ?? .null),
                ("open_orders", .int(found.openOrders)), ("debt", .int(found.debt)),
                ("debt_text", .string(NumberFormat.money(found.debt))),
                ("recent_calls", .array(found.recentCalls.map { call in
                    .object([("started_at", .int(call.startedAt.epochMilliseconds)),
                             ("started_text", .string(DisplayTime.format(call.startedAt, in: timeZone))),
                             ("direction", .string(call.direction)), ("talk_seconds", .int(call.talkSeconds)),
                             ("user", call.userName.map(JSONValue.string) ?? .null)])
                })),
            ])
        }
        let frame = Self.frame("inbound", .object([("phone", .string(ringing.phone)), ("customer", customer)]))
        broadcast(frame, to: Set(ringing.userIDs))
    }

    private func broadcast(_ frame: String, to users: Set<Int64>?) {
        let targets = subscribers.withLockedValue { all in
            all.values.filter { users == nil || users!.contains($0.userID) }.map(\.continuation)
        }
        for continuation in targets { continuation.yield(frame) }
    }

    static func frame(_ event: String, _ data: JSONValue) -> String {
        "event: \(event)\ndata: \(data.serialized())\n\n"
    }
}

struct LiveHubKey: StorageKey {
    typealias Value = LiveHub
}

struct CallWriterKey: StorageKey {
    typealias Value = CallWriter
}

extension Application {
    /// The process's group-commit writer for calls pushed one at a time (set up with the routes).
    var callWriter: CallWriter {
        if let writer = storage[CallWriterKey.self] { return writer }
        // Reads on another event loop's connections than the writes' (SQLite's pool has one per loop) — but
        // not for SQLite's `:memory:`, whose connections share one cache with table locks that refuse a read
        // while another connection writes, instead of waiting.
        let loops = Array(eventLoopGroup.makeIterator())
        let writes = databases.database(logger: logger, on: loops[0])!
        let separate = loops.count > 1 && CallDeskDatabase.location(of: self) != .sqliteMemory
        let reads = separate ? databases.database(logger: logger, on: loops[1]) : nil
        let writer = CallWriter(database: writes, reader: reads)
        storage[CallWriterKey.self] = writer
        return writer
    }

    /// The process's live hub (set up with the routes).
    var liveHub: LiveHub {
        if let hub = storage[LiveHubKey.self] { return hub }
        let hub = LiveHub()
        storage[LiveHubKey.self] = hub
        return hub
    }
}

/// `GET /live`: the signed-in user's Server-Sent Events stream, with a comment every 20 s to keep proxies open.
enum LiveEvents {
    @Sendable static func stream(_ request: Request) async throws -> Response {
        let viewer = try request.pageViewer()
        let events = request.application.liveHub.subscribe(userID: viewer.id)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/event-stream; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        let response = Response(status: .ok, headers: headers)
        response.body = .init(managedAsyncStream: { writer in
            try await writer.writeBuffer(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await frame in events { try await writer.writeBuffer(ByteBuffer(string: frame)) }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: .seconds(20))
                        try await writer.writeBuffer(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                }
                // Either side ending (the tab went away: a write fails) ends both.
                _ = try await group.next()
                group.cancelAll()
            }
        })
        return response
    }
}
