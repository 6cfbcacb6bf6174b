import CallDeskCore
@testable import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLiteNIO
import SQLKit
import Testing
import VaporTesting

/// Calls pushed by phone systems (issue "Calls from real phone systems"): secrets, the native batch endpoint,
/// the Getfly-compatible endpoints, the provider endpoint, exactly-once storage and attribution (R13), and the
/// report's called/answered moving as the spec says — on the sample company, on SQLite and PostgreSQL.
@Suite("Call ingestion (PBX connections)")
struct CallIngestionTests {
    static let now = "2026-11-30T17:00:00%2B07:00"
    static let month = "created_from=2026-11-01&created_to=2026-11-30&calls_from=2026-11-01&calls_to=2026-11-30&now=\(now)"

    private func withCompany(_ body: (Application, any SQLDatabase) async throws -> Void) async throws {
        try await TestDatabase.withApp { app in
            _ = try await BundleImporter.importBundle(files: SampleBundles.files(SampleBundles.company), into: app.db)
            try CallDeskApp.routes(app)
            try await body(app, CallDeskDatabase.sql(app.db))
        }
    }

    private func count(_ sql: any SQLDatabase, _ condition: String = "1 = 1") async throws -> Int64 {
        try await sql.raw("SELECT COUNT(*) AS n FROM calls WHERE \(unsafeRaw: condition)").first()!
            .decode(column: "n", as: Int64.self)
    }

    private func json(_ response: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    private func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func nativeCall(_ id: String, number: String = "0912345678", ext: String = "102", talk: Int = 30) -> String {
        #"{"id":"\#(id)","direction":"outbound","extension":"\#(ext)","remote_number":"\#(number)","started_at":"2026-11-20T09:00:00+07:00","total_seconds":\#(talk + 5),"talk_seconds":\#(talk)}"#
    }

    @Test("a missing or wrong secret is 401 and stores nothing; a rotated secret stops working")
    func secrets() async throws {
        try await withCompany { app, sql in
            let before = try await count(sql)
            let json: HTTPHeaders = ["Content-Type": "application/json"]
            try await app.testing().test(.POST, "api/v1/calls", headers: json, body: body(Self.nativeCall("s1"))) {
                #expect($0.status == .unauthorized)
                #expect($0.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            }
            let created = try await PBXConnections.add(name: "Tổng đài chính", provider: .native, on: app.db)
            var wrong = json
            wrong.bearerAuthorization = BearerAuthorization(token: "pbx_" + String(repeating: "a", count: 40))
            try await app.testing().test(.POST, "api/v1/calls", headers: wrong, body: body(Self.nativeCall("s1"))) {
                #expect($0.status == .unauthorized)
            }
            try await app.testing().test(.POST, "api/callcenter/cdr",
                                         headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                         body: body("secret=nope&phone=0912345678&uuid=g&type=outbound&time=2026-11-20+09:00:00&duration=5&status=answered")) {
                #expect($0.status == .unauthorized)
            }
            #expect(try await count(sql) == before)
            let rotated = try await PBXConnections.rotateSecret(name: "tổng đài chính", on: app.db)
            var old = json
            old.bearerAuthorization = BearerAuthorization(token: created.secret)
            try await app.testing().test(.POST, "api/v1/calls", headers: old, body: body(Self.nativeCall("s1"))) {
                #expect($0.status == .unauthorized)
            }
            var fresh = json
            fresh.bearerAuthorization = BearerAuthorization(token: rotated.secret)
            try await app.testing().test(.POST, "api/v1/calls", headers: fresh, body: body(Self.nativeCall("s1"))) {
                #expect($0.status == .ok)
            }
            #expect(try await count(sql) == before + 1)
            // Names and codes are unique; a reserved code is refused.
            await #expect(throws: PBXConnectionInvalid.self) {
                _ = try await PBXConnections.add(name: "TỔNG ĐÀI CHÍNH", provider: .asterisk, on: app.db)
            }
            await #expect(throws: PBXConnectionInvalid.self) {
                _ = try await PBXConnections.add(name: "Khác", provider: .native, on: app.db)
            }
            await #expect(throws: PBXConnectionInvalid.self) {
                _ = try await PBXConnections.add(name: "Nhập", provider: .native, code: "import", on: app.db)
            }
        }
    }

    @Test("native batch: atomic, created/duplicate per call, R13 attribution, internal calls unmatched")
    func nativeBatch() async throws {
        try await withCompany { app, sql in
            let secret = try await PBXConnections.add(name: "VFone", provider: .native, code: "VFONE", on: app.db).secret
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            headers.bearerAuthorization = BearerAuthorization(token: secret)
            let before = try await count(sql)
            // One bad call (no offset) refuses the whole batch, naming it.
            let bad = "[" + Self.nativeCall("b1") + ","
                + #"{"id":"b2","direction":"outbound","remote_number":"0912345678","started_at":"2026-11-20 09:00:00","talk_seconds":1}"# + "]"
            try await app.testing().test(.POST, "api/v1/calls", headers: headers, body: body(bad)) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("calls[1].started_at"))
            }
            #expect(try await count(sql) == before)
            let batch = #"{"calls":["# + [
                Self.nativeCall("b1", ext: "212"),            // tagged VFONE:212 → An
                Self.nativeCall("b2", ext: "103"),            // untagged 103 → Bình
                Self.nativeCall("b3", ext: "999"),            // nobody
                Self.nativeCall("b1", ext: "212"),            // the same call twice in one batch
                #"{"id":"b4","direction":"internal","extension":"101","remote_number":"102","started_at":"2026-11-20T09:00:00+07:00","talk_seconds":3}"#,
            ].joined(separator: ",") + "]}"
            try await app.testing().test(.POST, "api/v1/calls", headers: headers, body: body(batch)) { response in
                #expect(response.status == .ok)
                let answer = json(response)
                #expect(answer["created"] as? Int == 4)
                #expect(answer["duplicate"] as? Int == 1)
                let statuses = (answer["results"] as? [[String: Any]] ?? []).map { $0["status"] as? String ?? "" }
                #expect(statuses == ["created", "created", "created", "duplicate", "created"])
            }
            // Replaying the whole batch stores nothing new.
            try await app.testing().test(.POST, "api/v1/calls", headers: headers, body: body(batch)) { response in
                #expect(json(response)["created"] as? Int == 0)
                #expect(json(response)["duplicate"] as? Int == 5)
            }
            #expect(try await count(sql) == before + 4)
            let users = try await sql.raw("""
                SELECT k.pbx_call_id, u.email, k.remote_e164, k.provider FROM calls k LEFT JOIN users u ON u.id = k.user_id
                WHERE k.provider = 'VFONE' ORDER BY k.pbx_call_id
                """).all()
            let byID = Dictionary(uniqueKeysWithValues: try users.map {
                (try $0.decode(column: "pbx_call_id", as: String.self), try $0.decode(column: "email", as: String?.self))
            })
            #expect(byID["b1"] == "an@example.vn")
            #expect(byID["b2"] == "binh@example.vn")
            #expect(byID["b3"] == .some(nil))
            #expect(try await count(sql, "pbx_call_id = 'b4' AND remote_e164 IS NULL") == 1)
            #expect(try await count(sql, "pbx_call_id = 'b1' AND remote_e164 = '+84912345678'") == 1)
            // Limits.
            let tooMany = "[" + (0...1_000).map { Self.nativeCall("x\($0)") }.joined(separator: ",") + "]"
            try await app.testing().test(.POST, "api/v1/calls", headers: headers, body: body(tooMany)) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("at most 1000"))
            }
            try await app.testing().test(.POST, "api/v1/calls", headers: headers, body: body("{not json")) {
                #expect($0.status == .badRequest)
            }
            let unknownUser = #"{"id":"u9","direction":"outbound","user_email":"ghost@example.vn","remote_number":"0912345678","started_at":"2026-11-20T09:00:00+07:00","talk_seconds":1}"#
            try await app.testing().test(.POST, "api/v1/calls", headers: headers, body: body(unknownUser)) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("user_email"))
            }
        }
    }

    @Test("Getfly endpoints: form and JSON CDRs on both paths, extension lookup, inbound answer")
    func getfly() async throws {
        try await withCompany { app, sql in
            let secret = try await PBXConnections.add(name: "Getfly", provider: .getfly, on: app.db).secret
            let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            try await app.testing().test(.POST, "api/callcenter/cdr", headers: form, body: body(
                "secret=\(secret)&phone=0912345678&extension=102&uuid=g1&type=outbound&time=2026-11-20+09%3A00%3A00"
                + "&duration=18&status=answered&recording=https%3A%2F%2Frec%2Fg1.mp3&provider_code=VFONE")) { response in
                #expect(response.status == .ok)
                #expect(json(response)["status"] as? String == "created")
            }
            try await app.testing().test(.POST, "api/v6.1/call_center/cdr", headers: ["Content-Type": "application/json"],
                                         body: body(#"{"secret":"\#(secret)","phone":"0912345678","extension":102,"uuid":"g1","type":"outbound","time":"2026-11-20 09:00:00","duration":"18","status":"answered"}"#)) { response in
                #expect(json(response)["status"] as? String == "duplicate")
            }
            try await app.testing().test(.POST, "api/v6.1/call_center/cdr", headers: ["Content-Type": "application/json"],
                                         body: body(#"{"secret":"\#(secret)","phone":"0912345678","extension":102,"uuid":"g2","type":"outbound","time":"2026-11-20T09:00:00","duration":"x","status":"answered"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.body.string.contains("duration"))
            }
            #expect(try await count(sql, "pbx_call_id = 'g1' AND talk_seconds = 18 AND started_at = 1795140000000") == 1)
            // R13 with Getfly's provider_code: 212 is tagged VFONE (An); g1 named VFONE, so An placed it. The
            // call is stored under the connection's code.
            #expect(try await count(sql, "pbx_call_id = 'g1' AND provider = 'GETFLY' AND user_id IS NOT NULL") == 1)
            try await app.testing().test(.POST, "api/callcenter/cdr", headers: form, body: body(
                "secret=\(secret)&phone=0912345678&extension=212&uuid=g3&type=outbound&time=2026-11-20+09%3A00%3A00"
                + "&duration=18&status=answered&provider_code=VFONE")) { #expect($0.status == .ok) }
            try await app.testing().test(.POST, "api/callcenter/cdr", headers: form, body: body(
                "secret=\(secret)&phone=0912345678&extension=212&uuid=g4&type=outbound&time=2026-11-20+09%3A00%3A00"
                + "&duration=18&status=answered&provider_code=OTHER")) { #expect($0.status == .ok) }
            let an = try await userID(sql, "an@example.vn")
            #expect(try await count(sql, "pbx_call_id = 'g3' AND user_id = \(an)") == 1)
            #expect(try await count(sql, "pbx_call_id = 'g4' AND user_id IS NULL") == 1)
            // The owner's extension for a known number (C1 belongs to An: 102), null for a stranger.
            try await app.testing().test(.GET, "api/v3/callcenter/extension?secret=\(secret)&caller_number=84912345678") {
                #expect($0.body.string == #"{"extension":"102"}"#)
            }
            try await app.testing().test(.GET, "api/v3/callcenter/extension?secret=\(secret)&caller_number=0999999999") {
                #expect($0.body.string == #"{"extension":null}"#)
            }
            try await app.testing().test(.GET, "api/v3/callcenter/extension?caller_number=0912345678") {
                #expect($0.status == .unauthorized)
            }
            let hub = app.liveHub
            let stream = hub.subscribe(userID: try await userID(sql, "an@example.vn"))
            try await app.testing().test(.GET, "api/callcenter/inbound?secret=\(secret)&phone=0912345678&extension[]=102&extension[]=555") {
                #expect($0.body.string == #"{"message":"Kết nối thành công"}"#)
            }
            // Bounded: a frame that never comes fails the test instead of hanging it.
            let frame = await withTaskGroup(of: String?.self) { group in
                group.addTask { var iterator = stream.makeAsyncIterator(); return await iterator.next() }
                group.addTask { try? await Task.sleep(for: .seconds(10)); return nil }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
            #expect(frame?.hasPrefix("event: inbound\n") == true)
            #expect(frame?.contains("Nguyễn Thị Lan") == true)
        }
    }

    private func userID(_ sql: any SQLDatabase, _ email: String) async throws -> Int64 {
        try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first()!.decode(column: "id", as: Int64.self)
    }

    @Test("provider endpoint: an Asterisk connection takes JSON, a cdr_custom line and an AMI block")
    func asteriskEndpoint() async throws {
        try await withCompany { app, sql in
            let secret = try await PBXConnections.add(name: "Asterisk HN", provider: .asterisk, on: app.db).secret
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.add(name: "X-CallDesk-Secret", value: secret)
            let line = #""","102","0912345678","from-internal","","PJSIP/102-0000002a","PJSIP/trunk-0000002b","Dial","","2026-11-20 10:00:00","2026-11-20 10:00:05","2026-11-20 10:01:05","65","60","ANSWERED","DOCUMENTATION","1763607600.1","""#
            try await app.testing().test(.POST, "api/v1/pbx/cdr", headers: headers, body: body(line)) { response in
                #expect(response.status == .ok, "\(response.body.string)")
            }
            headers.replaceOrAdd(name: .contentType, value: "text/plain")
            try await app.testing().test(.POST, "api/v1/pbx/cdr", headers: headers, body: body("""
                Event: Cdr
                Source: 102
                Destination: 0912345678
                Channel: PJSIP/102-0000002a
                StartTime: 2026-11-20 10:00:00
                BillableSeconds: 60
                Disposition: ANSWERED
                UniqueID: 1763607600.1
                """)) { response in
                #expect(json(response)["status"] as? String == "duplicate")
            }
            #expect(try await count(sql, "provider = 'ASTERISK' AND talk_seconds = 60") == 1)
            headers.replaceOrAdd(name: .contentType, value: "application/json")
            try await app.testing().test(.POST, "api/v1/pbx/cdr", headers: headers, body: body(#"{"src":"102"}"#)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("Zorio: a signed push is accepted only with the right HMAC of the body")
    func zorioSigned() async throws {
        try await withCompany { app, sql in
            let secret = try await PBXConnections.add(name: "Zorio", provider: .zorio, on: app.db).secret
            let payload = #"{"event":"pbx.call.hangup","data":{"call_uuid":"z-9","direction":"outbound","destination_number":"0912345678","extension":"102","started_at":"2026-11-20T09:00:00+07:00","duration":40,"billsec":35,"result":"answered"}}"#
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            headers.add(name: "X-Zorio-Signature", value: "sha256=" + Secrets.hmacHex(Array(payload.utf8), key: "wrong"))
            try await app.testing().test(.POST, "api/v1/pbx/cdr/ZORIO", headers: headers, body: body(payload)) {
                #expect($0.status == .unauthorized)
            }
            headers.replaceOrAdd(name: "X-Zorio-Signature", value: Secrets.hmacHex(Array(payload.utf8), key: secret))
            try await app.testing().test(.POST, "api/v1/pbx/cdr/ZORIO", headers: headers, body: body(payload)) { response in
                #expect(response.status == .ok, "\(response.body.string)")
                #expect(json(response)["status"] as? String == "created")
            }
            #expect(try await count(sql, "provider = 'ZORIO' AND talk_seconds = 35") == 1)
        }
    }

    @Test("end to end: pushed calls move the report's called and answered exactly as R9/R10 say")
    func reportMoves() async throws {
        try await withCompany { app, sql in
            let key = try await APIKeys.create(email: "giamdoc@example.vn", on: app.db).key
            func figures() async throws -> [String: Int] {
                var result: [String: Int] = [:]
                try await app.testing().test(.GET, "api/v1/reports/telesales?\(Self.month)",
                                             headers: ["Authorization": "Bearer \(key)"]) { response in
                    let rows = json(response)["rows"] as? [[String: Any]] ?? []
                    let an = try await userID(sql, "an@example.vn")
                    let row = rows.first { $0["row"] as? String == "user:\(an)" } ?? [:]
                    result["called"] = row["called"] as? Int
                    result["answered"] = row["answered"] as? Int
                    result["calls"] = row["calls"] as? Int
                }
                return result
            }
            let before = try await figures()
            let secret = try await PBXConnections.add(name: "Getfly", provider: .getfly, on: app.db).secret
            let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            // An unanswered outbound call from An to C1's landline: C1 was already called; calls +1, answered same.
            try await app.testing().test(.POST, "api/callcenter/cdr", headers: form, body: body(
                "secret=\(secret)&phone=%2B84+24+3825+1234&extension=102&uuid=e1&type=outbound&time=2026-11-21+09%3A00%3A00"
                + "&duration=20&status=no_answer")) { #expect($0.status == .ok) }
            // An inbound call never counts (R9).
            try await app.testing().test(.POST, "api/callcenter/cdr", headers: form, body: body(
                "secret=\(secret)&phone=0912345678&extension=102&uuid=e2&type=inbound&time=2026-11-21+09%3A05%3A00"
                + "&duration=20&status=answered")) { #expect($0.status == .ok) }
            let after = try await figures()
            #expect(after["calls"] == (before["calls"] ?? 0) + 1)
            #expect(after["called"] == before["called"])
            #expect(after["answered"] == before["answered"])
        }
    }

    @Test("group commit: 400 concurrent single calls (each sent twice) store 200, each answered after its commit")
    func groupCommit() async throws {
        try await withCompany { app, sql in
            let getfly = try await PBXConnections.add(name: "G", provider: .getfly, on: app.db).connection
            let other = try await PBXConnections.add(name: "V", provider: .native, code: "VFONE", on: app.db).connection
            let writer = app.callWriter  // the server's: reads on another connection than the writes
            let results = try await withThrowingTaskGroup(of: CallIngestion.Stored.self) { group in
                for copy in 0..<2 {
                    for index in 0..<200 {
                        group.addTask {
                            // The same id on two connections is two calls (their codes differ).
                            let connection = index % 2 == 0 ? getfly : other
                            let call = try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall(
                                "w\(index / 2)", ext: "212").utf8)))
                            _ = copy
                            return try await writer.store(call, connection: connection)
                        }
                    }
                }
                var all: [CallIngestion.Stored] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(results.filter { $0.status == .created }.count == 200)
            #expect(results.filter { $0.status == .duplicate }.count == 200)
            #expect(try await count(sql, "pbx_call_id LIKE 'w%'") == 200)
            // Batches and single calls queued together (PostgreSQL writes batches side by side with a group):
            // every call answered, each stored once.
            // Twice: through the server's writer (reads on their own connection, overlapping the writes), and
            // through one given a single database (on SQLite a group is then read only between writes).
            for (prefix, mixedWriter) in [("m", writer), ("n", CallWriter(database: app.db))] {
                let mixed = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<120 {
                        group.addTask {
                            if index % 20 == 0 {
                                let calls = try (0..<50).map { n in
                                    try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall("\(prefix)\(index)-\(n)", ext: "212").utf8)))
                                }
                                return try await mixedWriter.store(batch: calls, connection: other)
                                    .filter { $0.status == .created }.count
                            }
                            let call = try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall("\(prefix)\(index % 60)", ext: "212").utf8)))
                            return try await mixedWriter.store(call, connection: getfly).status == .created ? 1 : 0
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(mixed == 6 * 50 + 57, "writer \(prefix)")
                #expect(try await count(sql, "pbx_call_id LIKE '\(prefix)%'") == 6 * 50 + 57, "writer \(prefix)")
            }
            // R13 per connection in one group: 212 is tagged VFONE (An) and matches nothing untagged.
            #expect(try await count(sql, "pbx_call_id LIKE 'w%' AND provider = 'VFONE' AND user_id IS NOT NULL") == 100)
            #expect(try await count(sql, "pbx_call_id LIKE 'w%' AND provider = 'GETFLY' AND user_id IS NULL") == 100)
        }
    }

    @Test("more calls than one INSERT takes (SQLite: 2,142) go through the transaction path: each stored once, a replay all duplicates")
    func largerThanOneStatement() async throws {
        try await withCompany { app, sql in
            let connection = try await PBXConnections.add(name: "Big", provider: .native, code: "BIG", on: app.db).connection
            let records = try (0..<2_500).map {
                try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall("big\($0)", number: "09\(String(format: "%08d", $0))").utf8)))
            }
            let first = try await CallIngestion.ingest(records, connection: connection, on: app.db)
            #expect(first.filter { $0.status == .created }.count == 2_500)
            #expect(try await count(sql, "provider = 'BIG'") == 2_500)
            let again = try await CallIngestion.ingest(records, connection: connection, on: app.db)
            #expect(again.allSatisfy { $0.status == .duplicate })
            #expect(try await count(sql, "provider = 'BIG'") == 2_500)
        }
    }

    @Test("every field of a pushed call is stored as sent; absent ones stay empty (a missing result is derived)")
    func storedFields() async throws {
        try await withCompany { app, sql in
            let connection = try await PBXConnections.add(name: "F", provider: .native, code: "FIELDS", on: app.db).connection
            let full = try CDRAdapter.native(PBXPayload.json(Data(#"""
                {"id":"f-1 \"quoted\" ü","direction":"inbound","extension":"101","remote_number":"+84 912 345 678",
                 "started_at":"2026-11-20T09:00:00+07:00","answered_at":"2026-11-20T09:00:07+07:00",
                 "ended_at":"2026-11-20T09:01:07+07:00","total_seconds":67,"talk_seconds":60,"result":"answered",
                 "recording_url":"https://pbx.example.vn/rec?id=1&name=Nguyễn\\a"}
                """#.utf8)))
            let bare = try CDRAdapter.native(PBXPayload.json(Data(#"""
                {"id":"f-2","direction":"outbound","remote_number":"abc","started_at":"2026-11-20T10:00:00Z","talk_seconds":0}
                """#.utf8)))
            let stored = try await CallIngestion.ingest([full, bare], connection: connection, on: app.db)
            #expect(stored.map(\.status) == [.created, .created])
            let rows = try await sql.raw("""
                SELECT pbx_call_id, direction, extension, user_id, remote_raw, remote_e164, started_at, answered_at, ended_at,
                       total_seconds, talk_seconds, result, recording_url
                FROM calls WHERE provider = 'FIELDS' ORDER BY pbx_call_id
                """).all()
            try #require(rows.count == 2)
            let a = rows[0], b = rows[1]
            #expect(try a.decode(column: "pbx_call_id", as: String.self) == #"f-1 "quoted" ü"#)
            #expect(try a.decode(column: "direction", as: String.self) == "inbound")
            #expect(try a.decode(column: "extension", as: String?.self) == "101")
            #expect(try a.decode(column: "user_id", as: Int64?.self) != nil)
            #expect(try a.decode(column: "remote_raw", as: String.self) == "+84 912 345 678")
            #expect(try a.decode(column: "remote_e164", as: String?.self) == "+84912345678")
            #expect(try a.decode(column: "started_at", as: Int64.self) == 1_795_140_000_000)
            #expect(try a.decode(column: "answered_at", as: Int64?.self) == 1_795_140_007_000)
            #expect(try a.decode(column: "ended_at", as: Int64?.self) == 1_795_140_067_000)
            #expect(try a.decode(column: "total_seconds", as: Int64?.self) == 67)
            #expect(try a.decode(column: "talk_seconds", as: Int64.self) == 60)
            #expect(try a.decode(column: "result", as: String?.self) == "answered")
            #expect(try a.decode(column: "recording_url", as: String?.self) == #"https://pbx.example.vn/rec?id=1&name=Nguyễn\a"#)
            #expect(try b.decode(column: "extension", as: String?.self) == nil)
            #expect(try b.decode(column: "user_id", as: Int64?.self) == nil)
            #expect(try b.decode(column: "remote_e164", as: String?.self) == nil)
            #expect(try b.decode(column: "answered_at", as: Int64?.self) == nil)
            #expect(try b.decode(column: "ended_at", as: Int64?.self) == nil)
            #expect(try b.decode(column: "total_seconds", as: Int64?.self) == nil)
            #expect(try b.decode(column: "result", as: String?.self) == "no_answer") // derived: no talk time
            #expect(try b.decode(column: "recording_url", as: String?.self) == nil)
            #expect(try b.decode(column: "started_at", as: Int64.self) == 1_795_168_800_000)
        }
    }

    @Test("SQLite: a group written while another connection holds the write lock waits for it instead of failing")
    func waitsForWriteLock() async throws {
        try await withCompany { app, sql in
            // PostgreSQL's writers wait for each other's locks by themselves.
            guard case .sqliteFile(let path)? = CallDeskDatabase.location(of: app) else { return }
            let connection = try await PBXConnections.add(name: "G", provider: .getfly, on: app.db).connection
            let writer = app.callWriter
            let call = try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall("lock1").utf8)))
            // The writer's connection as it is when freshly opened: no busy timeout (it is set on the first
            // write that meets a lock — not up front, which would cost a round trip per statement).
            let loops = Array(app.eventLoopGroup.makeIterator())
            let writes = try #require(app.databases.database(logger: app.logger, on: loops[0]))
            try await CallDeskDatabase.sql(writes).raw("PRAGMA busy_timeout = 0").run()
            // Another process (the CLI, say) holds the write lock for 300 ms.
            let other = try await SQLiteConnection.open(storage: .file(path: path))
            _ = try await other.query("BEGIN IMMEDIATE")
            let started = ContinuousClock.now
            async let stored = writer.store(call, connection: connection)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await other.query("COMMIT")
            try await other.close()
            #expect(try await stored.status == .created)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(try await count(sql, "pbx_call_id = 'lock1'") == 1)
        }
    }

    @Test("pushes authenticated per group: each push answered by its own secret and payload, a rotated secret refused")
    func groupAuthentication() async throws {
        try await withCompany { app, sql in
            let getfly = try await PBXConnections.add(name: "G", provider: .getfly, on: app.db)
            let vfone = try await PBXConnections.add(name: "V", provider: .native, code: "VFONE", on: app.db)
            let writer = app.callWriter  // the server's: reads on another connection than the writes
            let wrong = "pbx_" + String(repeating: "b", count: 40)
            enum Answer: Equatable { case stored(String, Int64?), unknown, ignored, refused(String) }
            // 40 pushes at once: good ones for two connections, wrong secrets, a malformed payload, a non-final event.
            let answers = try await withThrowingTaskGroup(of: (Int, Answer).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let secret = index % 5 == 0 ? wrong : index % 2 == 0 ? getfly.secret : vfone.secret
                        do {
                            let pushed = try await writer.push(secret: secret) { connection, settings in
                                if index == 7 { throw CDRFieldError("duration", "must be a whole number of seconds") }
                                if index == 9 { return .notFinal("ringing") }
                                var call = try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall("p\(index)", ext: "212").utf8)))
                                #expect(settings.timeZoneIdentifier == "Asia/Ho_Chi_Minh")
                                call.id = "p\(index)-\(connection.code)"
                                return .call(call)
                            }
                            switch pushed {
                            case .unknownSecret: return (index, .unknown)
                            case .notFinal: return (index, .ignored)
                            case .stored(let stored, let connection):
                                return (index, .stored(connection.code, stored.status == .created ? stored.userID : -1))
                            }
                        } catch let error as CDRFieldError {
                            return (index, .refused(error.field))
                        }
                    }
                }
                var all: [Int: Answer] = [:]
                for try await (index, answer) in group { all[index] = answer }
                return all
            }
            let an = try #require(try await sql.raw("""
                SELECT user_id FROM user_extensions WHERE number = '212' AND provider_code = 'VFONE'
                """).first()).decode(column: "user_id", as: Int64.self)
            for index in 0..<40 {
                let expected: Answer = index % 5 == 0 ? .unknown : index == 7 ? .refused("duration") : index == 9 ? .ignored
                    : index % 2 == 0 ? .stored("GETFLY", nil) : .stored("VFONE", an)
                #expect(answers[index] == expected, "push \(index)")
            }
            #expect(try await count(sql, "pbx_call_id LIKE 'p%'") == 40 - 8 - 2)
            // The next group reads the database again: a rotated secret is refused at once.
            _ = try await PBXConnections.rotateSecret(name: "V", on: app.db)
            let after = try await writer.push(secret: vfone.secret) { _, _ in Issue.record("read without a connection"); return .notFinal("") }
            guard case .unknownSecret = after else { Issue.record("a rotated secret was accepted: \(after)"); return }
        }
    }

    @Test("exactly once: 50 concurrent clients replaying the same 1,000 calls store 1,000 rows")
    func concurrentReplays() async throws {
        try await withCompany { app, sql in
            let secret = try await PBXConnections.add(name: "Load", provider: .native, code: "LOAD", on: app.db).secret
            let connection = try #require(try await PBXConnections.connection(forSecret: secret, on: app.db))
            let records = try (0..<1_000).map {
                try CDRAdapter.native(PBXPayload.json(Data(Self.nativeCall("r\($0)", number: "09\(String(format: "%08d", $0))").utf8)))
            }
            // As the server writes them: through the process's writer, batches of 250 in each client's own order.
            let writer = app.callWriter  // the server's: reads on another connection than the writes
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<50 {
                    group.addTask {
                        let order = client % 2 == 0 ? records : records.reversed()
                        var mine = 0
                        for start in stride(from: 0, to: order.count, by: 250) {
                            let stored = try await writer.store(batch: Array(order[start..<start + 250]), connection: connection)
                            mine += stored.filter { $0.status == .created }.count
                        }
                        return mine
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(created == 1_000)
            #expect(try await count(sql, "provider = 'LOAD'") == 1_000)
            // And without the writer (several server processes): concurrent transactions on the database itself.
            let direct = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<6 {
                    group.addTask {
                        let order = client % 2 == 0 ? records : records.reversed()
                        let renamed = order.map { call -> CallRecord in var c = call; c.id = "d" + call.id; return c }
                        return try await CallIngestion.ingest(renamed, connection: connection, on: app.db)
                            .filter { $0.status == .created }.count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(direct == 1_000)
            #expect(try await count(sql, "provider = 'LOAD'") == 2_000)
        }
    }
}
