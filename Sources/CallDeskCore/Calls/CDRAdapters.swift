import Foundation

/// The kinds of phone system a PBX connection can be (issue "Calls from real phone systems").
public enum PBXProvider: String, Sendable, CaseIterable, Codable {
    case native, getfly, asterisk, yeastar, stringee, omicall, zorio

    /// Providers that sign each request with the shared secret (HMAC) instead of sending it.
    public var signsRequests: Bool { self == .zorio }

    /// The requests a connection of this kind (with provider code `code`) sends, as `METHOD /path`.
    public func ingestionEndpoints(code: String) -> [String] {
        switch self {
        case .native: return ["POST /api/v1/calls"]
        case .getfly:
            return ["POST /api/callcenter/cdr", "POST /api/v6.1/call_center/cdr", "GET /api/callcenter/inbound",
                    "GET /api/v3/callcenter/extension"]
        case .zorio: return ["POST /api/v1/pbx/cdr/\(code)"]
        case .asterisk, .yeastar, .stringee, .omicall: return ["POST /api/v1/pbx/cdr"]
        }
    }

    /// ``ingestionEndpoints(code:)`` as full URLs on `base` (`https://crm.example.vn`).
    public func ingestionURLs(code: String, base: String) -> [String] {
        let base = base.hasSuffix("/") ? String(base.dropLast()) : base
        return ingestionEndpoints(code: code).map { $0.replacingOccurrences(of: " /", with: " \(base)/") }
    }
}

/// What one pushed payload amounts to.
public enum CDROutcome: Sendable, Equatable {
    /// A finished call, ready to store. Its `provider` is empty unless the payload names the provider that
    /// placed it (Getfly's `provider_code`): then tagged extensions of that provider match it (R13). The
    /// call is stored under its connection's code either way.
    case call(CallRecord)
    /// A payload that is valid but does not finish a call (a Stringee `ringing` event): nothing to store.
    case notFinal(String)
}

/// Each provider's payload → CallDesk's call (pbx.md), as small pure functions. Every field may come as
/// a JSON number or as text; every refusal names the field. Local times without an offset are read in the
/// company's time zone where the provider documents local times (Getfly, Asterisk, Yeastar); the native
/// format requires an offset.
public enum CDRAdapter {
    /// Talk or total time above this is refused as absurd (a day).
    public static let longestCall: Int64 = 86_400

    public static func read(_ payload: PBXPayload, provider: PBXProvider, timeZone: TimeZone) throws -> CDROutcome {
        switch provider {
        case .native: return .call(try native(payload))
        case .getfly: return .call(try getfly(payload, timeZone: timeZone))
        case .asterisk: return .call(try asterisk(payload, timeZone: timeZone))
        case .yeastar: return .call(try yeastar(payload, timeZone: timeZone))
        case .stringee: return try stringee(payload)
        case .omicall: return .call(try omicall(payload))
        case .zorio: return .call(try zorio(payload))
        }
    }

    // MARK: - Native (domain.md's call fields)

    public static func native(_ p: PBXPayload) throws -> CallRecord {
        let direction = try directionField(p, "direction", values: directions)
        let started = try instant(p, "started_at", localIn: nil)!
        let answered = try instant(p, "answered_at", localIn: nil, required: false)
        let ended = try instant(p, "ended_at", localIn: nil, required: false)
        let result = try resultField(p, "result", values: standardResults, required: false)
        var call = CallRecord(id: try p.requiredText("id"), provider: "", direction: direction,
                              extension: try p.text("extension"), userEmail: try p.text("user_email"),
                              remoteNumber: try p.requiredText("remote_number"),
                              startedAt: started, answeredAt: answered, endedAt: ended,
                              totalSeconds: try seconds(p, "total_seconds").map { Int($0) },
                              talkSeconds: Int(try seconds(p, "talk_seconds", required: true) ?? 0),
                              result: result, recordingURL: try p.text("recording_url"))
        try check(&call)
        return call
    }

    static let directions: [String: CallDirection] = ["outbound": .outbound, "inbound": .inbound, "internal": .internal]

    static let standardResults: [String: CallResult] = [
        "answered": .answered, "no_answer": .noAnswer, "noanswer": .noAnswer, "no answer": .noAnswer,
        "busy": .busy, "failed": .failed, "cancel": .cancelled, "cancelled": .cancelled, "canceled": .cancelled,
        "congestion": .failed,
    ]

    // MARK: - Getfly call-center API

    /// `secret, phone, extension, uuid, type, time ("Y-m-d H:i:s", company time zone), duration, status,
    /// recording, provider_code`. Talk time is `duration` when the status is answered, else 0.
    public static func getfly(_ p: PBXPayload, timeZone: TimeZone) throws -> CallRecord {
        let direction = try directionField(p, "type", values: directions)
        let result = try resultField(p, "status", values: standardResults, required: true)!
        let duration = try seconds(p, "duration", required: true) ?? 0
        var call = CallRecord(id: try p.requiredText("uuid"), provider: try p.text("provider_code")?.uppercased() ?? "",
                              direction: direction,
                              extension: try p.text("extension"),
                              remoteNumber: try p.requiredText("phone"),
                              startedAt: try instant(p, "time", localIn: timeZone)!,
                              totalSeconds: Int(duration), talkSeconds: result == .answered ? Int(duration) : 0,
                              result: result, recordingURL: try p.text("recording"))
        try check(&call)
        return call
    }

    // MARK: - Asterisk CDR (cdr_http-style JSON, a form, a cdr_custom CSV line, or an AMI `Cdr` event)

    public static func asterisk(_ p: PBXPayload, timeZone: TimeZone) throws -> CallRecord {
        let source = try p.text("src", "Source") ?? ""
        let destination = try p.text("dst", "Destination") ?? ""
        let channel = try p.text("channel", "Channel")
        let destinationChannel = try p.text("dstchannel", "DestinationChannel")
        let callerExtension = channel.flatMap(extensionOfChannel) ?? (isExtension(source) ? source : nil)
        let calledExtension = destinationChannel.flatMap(extensionOfChannel) ?? (isExtension(destination) ? destination : nil)
        // Derived (pbx.md): extension → external = outbound, external → extension = inbound, extension →
        // extension = internal. The caller is an extension when its channel is one (an outbound call may
        // carry the company's number as `src`).
        let direction: CallDirection
        let remoteNumber: String
        let agent: String?
        if callerExtension != nil && isExtension(destination) {
            (direction, remoteNumber, agent) = (.internal, destination, callerExtension)
        } else if callerExtension != nil {
            (direction, remoteNumber, agent) = (.outbound, destination, callerExtension)
        } else {
            (direction, remoteNumber, agent) = (.inbound, source, calledExtension)
        }
        guard !remoteNumber.isEmpty else {
            throw CDRFieldError(direction == .inbound ? "src" : "dst", "is missing")
        }
        let disposition = try resultField(p, "disposition", "Disposition", values: standardResults, required: false)
        let billsec = try seconds(p, "billsec", "BillableSeconds", required: true) ?? 0
        var call = CallRecord(id: try p.requiredText("uniqueid", "UniqueID"), provider: "", direction: direction,
                              extension: try agent ?? p.text("accountcode", "AccountCode"),
                              remoteNumber: remoteNumber,
                              startedAt: try instant(p, "start", "StartTime", localIn: timeZone)!,
                              answeredAt: try instant(p, "answer", "AnswerTime", localIn: timeZone, required: false),
                              endedAt: try instant(p, "end", "EndTime", localIn: timeZone, required: false),
                              totalSeconds: try seconds(p, "duration", "Duration").map { Int($0) },
                              talkSeconds: Int(billsec), result: disposition,
                              recordingURL: try p.text("userfield", "UserField", "recordingfile"))
        try check(&call)
        return call
    }

    /// `PJSIP/101-0000002a` → `101`; `SIP/101-00000001`, `Local/101@from-internal-00000001;1` likewise;
    /// a trunk channel (`PJSIP/viettel-0000002b`) names no extension.
    public static func extensionOfChannel(_ channel: String) -> String? {
        guard let slash = channel.firstIndex(of: "/") else { return nil }
        var rest = channel[channel.index(after: slash)...]
        if let at = rest.firstIndex(of: "@") { rest = rest[..<at] } else if let dash = rest.lastIndex(of: "-") {
            rest = rest[..<dash]
        }
        let name = String(rest)
        return isExtension(name) ? name : nil
    }

    /// An internal extension: 2–6 digits (external numbers are longer).
    public static func isExtension(_ text: String) -> Bool {
        (2...6).contains(text.count) && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }

    /// AMI event blocks, `cdr_custom` lines and forms all come as text pairs; this reads one
    /// `Key: Value` block (an AMI event).
    public static func amiBlock(_ text: String) -> PBXPayload {
        var fields: [String: PBXValue] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields[key] = .string(value)
        }
        return PBXPayload(fields)
    }

    /// The columns of the stock `cdr_custom` line (`Master.csv`): accountcode, src, dst, dcontext, clid,
    /// channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags,
    /// uniqueid, userfield.
    public static let cdrCustomColumns = ["accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel",
                                          "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec",
                                          "disposition", "amaflags", "uniqueid", "userfield"]

    /// One `cdr_custom` CSV line with the columns above.
    public static func cdrCustomLine(_ line: String) throws -> PBXPayload {
        var values: [String] = []
        let issues = CSV.read(Array(line.trimmingCharacters(in: .newlines).utf8), header: { values = $0; return false },
                              row: { _ in })
        if let issue = issues.first { throw CDRFieldError("body", "is not a CSV line: \(issue.message)") }
        guard !values.isEmpty else { throw CDRFieldError("body", "is an empty CSV line") }
        guard values.count >= 17 else {
            throw CDRFieldError("body", "a cdr_custom line needs at least 17 columns (\(cdrCustomColumns.joined(separator: ", "))); got \(values.count)")
        }
        var fields: [String: PBXValue] = [:]
        for (name, value) in zip(cdrCustomColumns, values) { fields[name] = .string(value) }
        return PBXPayload(fields)
    }

    // MARK: - Yeastar NewCdr

    /// Yeastar documents ANSWERED, NO ANSWERED (cloud PBX, K2) or NO ANSWER (S-series), BUSY, and
    /// VOICEMAIL (not answered; the caller left a message).
    static let yeastarResults = standardResults.merging(["no answered": .noAnswer, "voicemail": .noAnswer]) { a, _ in a }

    public static func yeastar(_ p: PBXPayload, timeZone: TimeZone) throws -> CallRecord {
        let direction = try directionField(p, "type", values: directions)
        let from = try p.requiredText("callfrom"), to = try p.requiredText("callto")
        let (remoteNumber, agent) = direction == .inbound ? (from, to) : (to, from)
        var call = CallRecord(id: try p.requiredText("callid"), provider: "", direction: direction,
                              extension: agent, remoteNumber: remoteNumber,
                              startedAt: try instant(p, "timestart", localIn: timeZone)!,
                              totalSeconds: try seconds(p, "callduraction").map { Int($0) },
                              talkSeconds: Int(try seconds(p, "talkduraction", required: true) ?? 0),
                              result: try resultField(p, "status", values: yeastarResults, required: false),
                              recordingURL: try p.text("recording"))
        try check(&call)
        return call
    }

    // MARK: - Stringee call events

    /// Only the `ended` event makes a call; it carries `duration` and `answerDuration` (seconds) and
    /// `timestamp_ms` (when it ended); the start is `timestamp_ms − duration` unless `start_time_ms` is given.
    public static func stringee(_ p: PBXPayload) throws -> CDROutcome {
        let status = try p.requiredText("call_status").lowercased()
        guard status == "ended" else { return .notFinal("call_status \(status) does not finish a call") }
        let fromType = try p.text("from.type")?.lowercased(), toType = try p.text("to.type")?.lowercased()
        let fromNumber = try p.requiredText("from.number"), toNumber = try p.requiredText("to.number")
        let direction: CallDirection
        switch (fromType, toType) {
        case ("internal", "internal"): direction = .internal
        case ("internal", _): direction = .outbound
        case (_, "internal"): direction = .inbound
        default:
            throw CDRFieldError("from.type", "one side of the call must be internal (from.type or to.type)")
        }
        let (remoteNumber, agent) = direction == .inbound ? (fromNumber, toNumber) : (toNumber, fromNumber)
        let duration = try seconds(p, "duration", required: true) ?? 0
        let talk = try seconds(p, "answerDuration", required: true) ?? 0
        let endedMs = try p.requiredInteger("timestamp_ms")
        let startedMs = try p.integer("start_time_ms") ?? (endedMs - duration * 1_000)
        let cause = try p.text("endCallCause")
        let result: CallResult = talk > 0 ? .answered : (cause?.hasPrefix("486") == true ? .busy : .noAnswer)
        var call = CallRecord(id: try p.requiredText("call_id"), provider: "", direction: direction, extension: agent,
                              remoteNumber: remoteNumber, startedAt: Date(epochMilliseconds: startedMs),
                              endedAt: Date(epochMilliseconds: endedMs), totalSeconds: Int(duration),
                              talkSeconds: Int(talk), result: result)
        try check(&call)
        return .call(call)
    }

    // MARK: - Omicall transactions

    public static func omicall(_ p: PBXPayload) throws -> CallRecord {
        let direction = try directionField(p, "direction", values: ["inbound": .inbound, "outbound": .outbound,
                                                                     "internal": .internal, "local": .internal])
        func unix(_ field: String, required: Bool) throws -> Date? {
            guard let seconds = try p.integer(field) else {
                if required { throw CDRFieldError(field, "is missing") }
                return nil
            }
            return seconds > 0 ? Date(epochMilliseconds: seconds * 1_000) : nil
        }
        var call = CallRecord(id: try p.requiredText("transaction_id"), provider: "", direction: direction,
                              extension: try p.text("sip_user"),
                              remoteNumber: try p.requiredText("phone_number"),
                              startedAt: try unix("time_start_call", required: true)!,
                              answeredAt: try unix("time_answer_start", required: false),
                              endedAt: try unix("time_end_call", required: false),
                              totalSeconds: try seconds(p, "duration").map { Int($0) },
                              talkSeconds: Int(try seconds(p, "bill_sec", required: true) ?? 0),
                              result: try resultField(p, "disposition", values: standardResults, required: false),
                              recordingURL: try p.text("recording_file_url"))
        try check(&call)
        return call
    }

    // MARK: - Zorio pbx.call.hangup

    /// The event's fields at the top level or under `data`; times RFC 3339 or unix seconds.
    public static func zorio(_ p: PBXPayload) throws -> CallRecord {
        var p = p
        if let event = try p.text("event"), event != "pbx.call.hangup" {
            throw CDRFieldError("event", "must be pbx.call.hangup, got \(event)")
        }
        if case .object(let data)? = p["data"] { p = PBXPayload(data) }
        let direction = try directionField(p, "direction", values: ["inbound": .inbound, "outbound": .outbound,
                                                                     "internal": .internal])
        let remoteField = direction == .inbound ? "caller_number" : "destination_number"
        func time(_ field: String, required: Bool) throws -> Date? {
            if case .number? = p[field], let seconds = try p.integer(field) { return Date(epochMilliseconds: seconds * 1_000) }
            return try instant(p, field, localIn: nil, required: required)
        }
        // Zorio documents `started_at` as nullable: then the call started `duration` before it ended.
        let answered = try time("answered_at", required: false), ended = try time("ended_at", required: false)
        let duration = try seconds(p, "duration")
        var started = try time("started_at", required: false)
        if started == nil, let ended { started = ended.addingTimeInterval(-Double(duration ?? 0)) }
        guard let started = started ?? answered else {
            throw CDRFieldError("started_at", "is missing, and there is no ended_at to date the call by")
        }
        var call = CallRecord(id: try p.requiredText("call_uuid"), provider: "", direction: direction,
                              extension: try p.text("extension", "agent_extension"),
                              remoteNumber: try p.requiredText(remoteField),
                              startedAt: started, answeredAt: answered, endedAt: ended,
                              totalSeconds: duration.map { Int($0) },
                              talkSeconds: Int(try seconds(p, "billsec", required: true) ?? 0),
                              result: try resultField(p, "result", values: standardResults, required: false),
                              recordingURL: try p.text("recording_url"))
        try check(&call)
        return call
    }

    // MARK: - Fields shared by every adapter

    static func directionField(_ p: PBXPayload, _ field: String,
                               values: [String: CallDirection]) throws -> CallDirection {
        let text = try p.requiredText(field)
        // The value as sent is nearly always already a key; only other spellings pay for lowercasing.
        guard let direction = values[text] ?? values[text.lowercased()] else {
            throw CDRFieldError(field, "must be one of \(values.keys.sorted().joined(separator: ", ")); got \"\(text)\"")
        }
        return direction
    }

    static func resultField(_ p: PBXPayload, _ fields: String..., values: [String: CallResult],
                            required: Bool) throws -> CallResult? {
        guard let (path, _) = p.first(fields), let text = try p.text(path) else {
            if required { throw CDRFieldError(fields[0], "is missing") }
            return nil
        }
        // The value as sent is nearly always already a key; only other spellings (`NO ANSWER`, `no-answer`)
        // pay for normalising.
        guard let result = values[text] ?? values[String(text.lowercased().map { $0 == "-" ? "_" : $0 })] else {
            throw CDRFieldError(path, "must be one of answered, no_answer, busy, failed, cancel(led); got \"\(text)\"")
        }
        return result
    }

    static func seconds(_ p: PBXPayload, _ fields: String..., required: Bool = false) throws -> Int64? {
        guard let (path, _) = p.first(fields), let value = try p.integer(path) else {
            if required { throw CDRFieldError(fields[0], "is missing") }
            return nil
        }
        guard value >= 0 else { throw CDRFieldError(path, "must not be negative; got \(value)") }
        guard value <= longestCall else {
            throw CDRFieldError(path, "\(value) seconds is more than a day; send the call's length in seconds")
        }
        return value
    }

    /// An instant: RFC 3339 with an offset; with `localIn`, also `Y-m-d H:i:s` read in that time zone.
    static func instant(_ p: PBXPayload, _ fields: String..., localIn timeZone: TimeZone?,
                        required: Bool = true) throws -> Date? {
        guard let (path, _) = p.first(fields), let text = try p.text(path) else {
            if required { throw CDRFieldError(fields[0], "is missing") }
            return nil
        }
        switch RFC3339.parse(text) {
        case .success(let date): return date
        case .failure(.missingOffset):
            guard let timeZone else {
                throw CDRFieldError(path, "\"\(text)\" has no time zone; send it with an offset, e.g. \(RFC3339.example)")
            }
            guard case .success(let wall) = RFC3339.parse(text + "Z") else {
                throw CDRFieldError(path, "\"\(text)\" is not a time like 2026-11-29 09:15:02")
            }
            // The wall-clock time in the company's zone → the instant (twice, for a zone that changes offset).
            var instant = wall.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: wall)))
            instant = wall.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: instant)))
            return instant
        case .failure(.outOfRange(let why)):
            throw CDRFieldError(path, "\"\(text)\": \(why)")
        case .failure(.malformed):
            let local = timeZone == nil ? "" : " or 2026-11-29 09:15:02 (company time)"
            throw CDRFieldError(path, "\"\(text)\" is not a time; send \(RFC3339.example)\(local)")
        }
    }

    /// Checks every adapter's call the same way: ids and numbers present, times in order, talk ≤ total.
    static func check(_ call: inout CallRecord) throws {
        guard call.id.count <= 200 else { throw CDRFieldError("id", "is longer than 200 characters") }
        guard call.remoteNumber.count <= 64 else { throw CDRFieldError("remote_number", "is longer than 64 characters") }
        if let total = call.totalSeconds, call.talkSeconds > total {
            throw CDRFieldError("talk_seconds", "talk time \(call.talkSeconds) s is longer than the whole call (\(total) s)")
        }
        if let answered = call.answeredAt, answered < call.startedAt {
            throw CDRFieldError("answered_at", "is before the call started")
        }
        if let ended = call.endedAt, ended < call.startedAt {
            throw CDRFieldError("ended_at", "is before the call started")
        }
        if call.result == nil { call.result = call.talkSeconds > 0 ? .answered : .noAnswer }
    }
}
