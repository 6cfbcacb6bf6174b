import CallDeskCore
import Foundation
import Testing

/// Test vectors of every PBX adapter (pbx.md), written from the field names the providers publish, and the
/// malformed payloads each must refuse with the field named.
@Suite("PBX adapters (pbx.md)")
struct CDRAdapterTests {
    let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func json(_ text: String) throws -> PBXPayload { try PBXPayload.json(Data(text.utf8)) }

    func instant(_ text: String) -> Date { try! RFC3339.parse(text).get() }

    func call(_ outcome: CDROutcome) -> CallRecord? {
        if case .call(let call) = outcome { return call }
        return nil
    }

    func refusal(_ body: () throws -> Any) -> CDRFieldError? {
        do { _ = try body(); return nil } catch let error as CDRFieldError { return error } catch { return nil }
    }

    // MARK: Getfly

    @Test("form decoding: + is a space, %XX are UTF-8 bytes, malformed escapes are kept as written, [] makes arrays")
    func formDecoding() throws {
        let payload = PBXPayload.form("name=Nguy%E1%BB%85n+V%C4%83n+An&note=100%25+ok&odd=50%&bad=%zz1&e%5B%5D=1&e[]=2&empty=")
        #expect(try payload.text("name") == "Nguyễn Văn An")
        #expect(try payload.text("note") == "100% ok")
        #expect(try payload.text("odd") == "50%")
        #expect(try payload.text("bad") == "%zz1")
        #expect(payload["e"] == .array([.string("1"), .string("2")]))
        #expect(try payload.text("empty") == nil)
        #expect(PBXPayload.decode("plain") == "plain" && PBXPayload.decode("a%2") == "a%2" && PBXPayload.decode("%41") == "A")
    }

    @Test("Getfly: the published example — extension as a number, duration as a string, local time")
    func getflyExample() throws {
        let payload = try json("""
            {"secret":"x","phone":"0912345678","extension":101,"uuid":"a1b2-c3","type":"outbound",
             "time":"2026-11-29 09:15:02","duration":"18","status":"answered","recording":"https://rec.example/a.mp3",
             "provider_code":"VFONE"}
            """)
        let c = try CDRAdapter.getfly(payload, timeZone: vietnam)
        #expect(c.id == "a1b2-c3")
        #expect(c.direction == .outbound)
        #expect(c.extension == "101")
        #expect(c.remoteNumber == "0912345678")
        #expect(c.startedAt == instant("2026-11-29T09:15:02+07:00"))
        #expect(c.talkSeconds == 18 && c.totalSeconds == 18)
        #expect(c.result == .answered)
        #expect(c.recordingURL == "https://rec.example/a.mp3")
    }

    @Test("Getfly: talk time is the duration only when answered; every status spelling maps", arguments: [
        ("no_answer", CallResult.noAnswer), ("noanswer", .noAnswer), ("busy", .busy), ("failed", .failed),
        ("cancel", .cancelled), ("NO ANSWER", .noAnswer),
    ])
    func getflyNotAnswered(status: String, result: CallResult) throws {
        let form = PBXPayload.form("phone=0912345678&extension=101&uuid=u1&type=inbound&time=2026-11-29+09%3A15%3A02"
                                   + "&duration=25&status=\(status.replacingOccurrences(of: " ", with: "+"))")
        let c = try CDRAdapter.getfly(form, timeZone: vietnam)
        #expect(c.talkSeconds == 0)
        #expect(c.totalSeconds == 25)
        #expect(c.result == result)
        #expect(c.direction == .inbound)
    }

    @Test("Getfly: malformed payloads name the field", arguments: [
        (#"{"phone":"0912345678","extension":101,"type":"outbound","time":"2026-11-29 09:15:02","duration":5,"status":"answered"}"#, "uuid"),
        (#"{"uuid":"u","phone":"0912345678","type":"sideways","time":"2026-11-29 09:15:02","duration":5,"status":"answered"}"#, "type"),
        (#"{"uuid":"u","phone":"0912345678","type":"outbound","time":"29/11/2026","duration":5,"status":"answered"}"#, "time"),
        (#"{"uuid":"u","phone":"0912345678","type":"outbound","time":"2026-11-29 09:15:02","duration":"abc","status":"answered"}"#, "duration"),
        (#"{"uuid":"u","phone":"0912345678","type":"outbound","time":"2026-11-29 09:15:02","duration":-3,"status":"answered"}"#, "duration"),
        (#"{"uuid":"u","phone":"0912345678","type":"outbound","time":"2026-11-29 09:15:02","duration":999999,"status":"answered"}"#, "duration"),
        (#"{"uuid":"u","phone":"0912345678","type":"outbound","time":"2026-11-29 09:15:02","duration":5,"status":"exploded"}"#, "status"),
        (#"{"uuid":"u","type":"outbound","time":"2026-11-29 09:15:02","duration":5,"status":"answered"}"#, "phone"),
        (#"{"uuid":{"a":1},"phone":"0912345678","type":"outbound","time":"2026-11-29 09:15:02","duration":5,"status":"answered"}"#, "uuid"),
    ])
    func getflyMalformed(body: String, field: String) throws {
        let error = refusal { try CDRAdapter.getfly(try json(body), timeZone: vietnam) }
        #expect(error?.field == field, "\(String(describing: error))")
    }

    // MARK: Native

    @Test("native: domain.md's fields; a time without an offset is refused")
    func native() throws {
        let c = try CDRAdapter.native(try json("""
            {"id":"n1","direction":"outbound","extension":"102","remote_number":"+84 912-345-678",
             "started_at":"2026-11-29T02:15:00Z","answered_at":"2026-11-29T02:15:08Z","ended_at":"2026-11-29T02:17:08Z",
             "total_seconds":128,"talk_seconds":"120","result":"answered"}
            """))
        #expect(c.startedAt == instant("2026-11-29T09:15:00+07:00"))
        #expect(c.talkSeconds == 120 && c.totalSeconds == 128)
        let noZone = refusal { try CDRAdapter.native(try json("""
            {"id":"n1","direction":"outbound","remote_number":"0912345678","started_at":"2026-11-29 09:15:00","talk_seconds":0}
            """)) }
        #expect(noZone?.field == "started_at")
        #expect(noZone?.message.contains("time zone") == true)
        let longTalk = refusal { try CDRAdapter.native(try json("""
            {"id":"n1","direction":"outbound","remote_number":"0912345678","started_at":"2026-11-29T09:15:00+07:00",
             "total_seconds":10,"talk_seconds":20}
            """)) }
        #expect(longTalk?.field == "talk_seconds")
        let noTalk = refusal { try CDRAdapter.native(try json("""
            {"id":"n1","direction":"outbound","remote_number":"0912345678","started_at":"2026-11-29T09:15:00+07:00"}
            """)) }
        #expect(noTalk?.field == "talk_seconds")
        let result = try CDRAdapter.native(try json("""
            {"id":"n2","direction":"inbound","remote_number":"0912345678","started_at":"2026-11-29T09:15:00+07:00","talk_seconds":0}
            """))
        #expect(result.result == .noAnswer)
    }

    // MARK: Asterisk

    @Test("Asterisk: outbound from an agent's channel, billsec is talk time, local times")
    func asteriskOutbound() throws {
        let payload = try json("""
            {"accountcode":"","src":"101","dst":"0912345678","dcontext":"from-internal","clid":"\\"Lan\\" <101>",
             "channel":"PJSIP/101-0000002a","dstchannel":"PJSIP/viettel-0000002b","lastapp":"Dial",
             "start":"2026-11-29 09:15:02","answer":"2026-11-29 09:15:10","end":"2026-11-29 09:17:10",
             "duration":128,"billsec":120,"disposition":"ANSWERED","amaflags":"DOCUMENTATION",
             "uniqueid":"1764382502.42","userfield":""}
            """)
        let c = try CDRAdapter.asterisk(payload, timeZone: vietnam)
        #expect(c.direction == .outbound)
        #expect(c.extension == "101")
        #expect(c.remoteNumber == "0912345678")
        #expect(c.id == "1764382502.42")
        #expect(c.talkSeconds == 120 && c.totalSeconds == 128)
        #expect(c.answeredAt == instant("2026-11-29T09:15:10+07:00"))
        #expect(c.result == .answered)
    }

    @Test("Asterisk: inbound from a trunk to an agent; internal between extensions; caller-id as src")
    func asteriskDirections() throws {
        let inbound = try CDRAdapter.asterisk(PBXPayload.form(
            "src=0912345678&dst=101&channel=PJSIP/viettel-00000031&dstchannel=PJSIP/101-00000032"
            + "&start=2026-11-29+10:00:00&duration=30&billsec=0&disposition=NO+ANSWER&uniqueid=1764385200.50"),
            timeZone: vietnam)
        #expect(inbound.direction == .inbound && inbound.extension == "101" && inbound.remoteNumber == "0912345678")
        #expect(inbound.result == .noAnswer)
        let internalCall = try CDRAdapter.asterisk(PBXPayload.form(
            "src=101&dst=102&channel=PJSIP/101-1&dstchannel=PJSIP/102-2&start=2026-11-29+10:00:00&billsec=5"
            + "&disposition=ANSWERED&uniqueid=u2"), timeZone: vietnam)
        #expect(internalCall.direction == .internal)
        let callerID = try CDRAdapter.asterisk(PBXPayload.form(
            "src=02873001234&dst=0912345678&channel=SIP/105-00000001&start=2026-11-29+10:00:00&billsec=3"
            + "&disposition=BUSY&uniqueid=u3"), timeZone: vietnam)
        #expect(callerID.direction == .outbound && callerID.extension == "105" && callerID.result == .busy)
        #expect(CDRAdapter.extensionOfChannel("Local/104@from-internal-00000001;1") == "104")
        #expect(CDRAdapter.extensionOfChannel("PJSIP/viettel-0000002b") == nil)
    }

    @Test("Asterisk: a cdr_custom CSV line and an AMI Cdr event read the same call")
    func asteriskTextForms() throws {
        let line = #""","101","0912345678","from-internal","""Lan"" <101>","PJSIP/101-0000002a","PJSIP/viettel-0000002b","Dial","PJSIP/0912345678@viettel","2026-11-29 09:15:02","2026-11-29 09:15:10","2026-11-29 09:17:10","128","120","ANSWERED","DOCUMENTATION","1764382502.42","""#
        let fromCSV = try CDRAdapter.asterisk(try CDRAdapter.cdrCustomLine(line), timeZone: vietnam)
        let event = """
            Event: Cdr
            AccountCode:
            Source: 101
            Destination: 0912345678
            Channel: PJSIP/101-0000002a
            DestinationChannel: PJSIP/viettel-0000002b
            StartTime: 2026-11-29 09:15:02
            AnswerTime: 2026-11-29 09:15:10
            EndTime: 2026-11-29 09:17:10
            Duration: 128
            BillableSeconds: 120
            Disposition: ANSWERED
            UniqueID: 1764382502.42
            """
        let fromAMI = try CDRAdapter.asterisk(CDRAdapter.amiBlock(event), timeZone: vietnam)
        #expect(fromCSV == fromAMI)
        #expect(fromCSV.talkSeconds == 120 && fromCSV.extension == "101")
        #expect(refusal { try CDRAdapter.cdrCustomLine("\"a\",\"b\"") }?.field == "body")
        let missing = refusal { try CDRAdapter.asterisk(PBXPayload.form("src=101&dst=0912345678&channel=PJSIP/101-1&start=2026-11-29+10:00:00&billsec=3"), timeZone: vietnam) }
        #expect(missing?.field == "uniqueid")
    }

    // MARK: Yeastar

    @Test("Yeastar NewCdr: callduraction/talkduraction (sic), the internal side is the extension")
    func yeastar() throws {
        let payload = try json("""
            {"action":"NewCdr","callid":"1764382502.123","timestart":"2026-11-29 09:15:02","callfrom":"1001",
             "callto":"0912345678","callduraction":"65","talkduraction":"50","status":"ANSWERED","type":"Outbound",
             "recording":"20261129091502-1001-0912345678.wav","sn":"3631A2XXXXXX"}
            """)
        let c = try CDRAdapter.yeastar(payload, timeZone: vietnam)
        #expect(c.direction == .outbound && c.extension == "1001" && c.remoteNumber == "0912345678")
        #expect(c.totalSeconds == 65 && c.talkSeconds == 50 && c.result == .answered)
        let inbound = try CDRAdapter.yeastar(try json("""
            {"callid":"y2","timestart":"2026-11-29 09:20:00","callfrom":"0912345678","callto":"1002",
             "callduraction":20,"talkduraction":0,"status":"NO ANSWER","type":"Inbound"}
            """), timeZone: vietnam)
        #expect(inbound.direction == .inbound && inbound.extension == "1002" && inbound.result == .noAnswer)
        let bad = refusal { try CDRAdapter.yeastar(try json("""
            {"callid":"y3","timestart":"2026-11-29 09:20:00","callfrom":"0912345678","callto":"1002","talkduraction":true,"type":"Inbound"}
            """), timeZone: vietnam) }
        #expect(bad?.field == "talkduraction")
    }

    @Test("Yeastar's documented variants: event or action NewCdr, callto as a JSON number, NO ANSWERED, VOICEMAIL, Internal")
    func yeastarDocumentedVariants() throws {
        // Yeastar's v2 API documents `"event": "NewCdr"`, `callto` typed Integer, and the statuses ANSWERED,
        // NO ANSWERED (cloud PBX, K2) or NO ANSWER (S-series), BUSY and VOICEMAIL.
        let internalCall = try CDRAdapter.yeastar(try json("""
            {"event":"NewCdr","callid":"1764400000.7","timestart":"2026-11-29 14:05:00","callfrom":"1023",
             "callto":2023,"callduraction":"19","talkduraction":"14","srctrunkname":"","dsttrcunkname":"",
             "pincode":"","status":"ANSWERED","type":"Internal","didnumber":"","agentringtime":"0","sn":"369451090405"}
            """), timeZone: vietnam)
        #expect(internalCall.direction == .internal && internalCall.extension == "1023"
                && internalCall.remoteNumber == "2023" && internalCall.talkSeconds == 14)
        #expect(internalCall.startedAt == Date(epochMilliseconds: 1_795_935_900_000))  // 14:05 +07:00
        let unanswered = try CDRAdapter.yeastar(try json("""
            {"event":"NewCdr","callid":"1764400100.8","timestart":"2026-11-29 14:06:40","callfrom":"1005",
             "callto":"0912345678","callduraction":"25","talkduraction":"0","status":"NO ANSWERED","type":"Outbound"}
            """), timeZone: vietnam)
        #expect(unanswered.result == .noAnswer && unanswered.talkSeconds == 0 && unanswered.extension == "1005")
        let voicemail = try CDRAdapter.yeastar(try json("""
            {"event":"NewCdr","callid":"1764400200.9","timestart":"2026-11-29 14:08:20","callfrom":"0912345678",
             "callto":"1005","callduraction":"40","talkduraction":"0","status":"VOICEMAIL","type":"Inbound"}
            """), timeZone: vietnam)
        #expect(voicemail.result == .noAnswer && voicemail.direction == .inbound)
        let busy = try CDRAdapter.yeastar(try json("""
            {"action":"NewCdr","callid":"1764400300.10","timestart":"2026-11-29 14:10:00","callfrom":"1005",
             "callto":"0912345678","callduraction":"3","talkduraction":"0","status":"BUSY","type":"Outbound"}
            """), timeZone: vietnam)
        #expect(busy.result == .busy)
        let unknown = refusal { try CDRAdapter.yeastar(try json("""
            {"event":"NewCdr","callid":"y9","timestart":"2026-11-29 14:10:00","callfrom":"1005","callto":"0912345678",
             "callduraction":"3","talkduraction":"0","status":"ON HOLD","type":"Outbound"}
            """), timeZone: vietnam) }
        #expect(unknown?.field == "status")
    }

    // MARK: Stringee

    @Test("Stringee: only the ended event makes a call; the start is derived from its duration")
    func stringee() throws {
        let ringing = try CDRAdapter.stringee(try json("""
            {"call_id":"call-vn-1-ABC","call_status":"ringing","from":{"number":"842873001234","type":"internal","alias":"agent1"},
             "to":{"number":"84912345678","type":"external"},"timestamp_ms":1764382500000}
            """))
        guard case .notFinal = ringing else { Issue.record("a ringing event must not make a call"); return }
        let ended = call(try CDRAdapter.stringee(try json("""
            {"call_id":"call-vn-1-ABC","call_status":"ended","from":{"number":"agent1","type":"internal"},
             "to":{"number":"84912345678","type":"external"},"duration":40,"answerDuration":32,
             "timestamp_ms":1764382540000,"endCallCause":"NORMAL_CLEARING"}
            """)))
        #expect(ended?.direction == .outbound && ended?.extension == "agent1" && ended?.remoteNumber == "84912345678")
        #expect(ended?.startedAt == Date(epochMilliseconds: 1_764_382_500_000))
        #expect(ended?.talkSeconds == 32 && ended?.result == .answered)
        let busy = call(try CDRAdapter.stringee(try json("""
            {"call_id":"c2","call_status":"ended","from":{"number":"84912345678","type":"external"},
             "to":{"number":"agent2","type":"internal"},"duration":"5","answerDuration":"0","timestamp_ms":"1764382540000",
             "endCallCause":"486 Busy Here"}
            """)))
        #expect(busy?.direction == .inbound && busy?.result == .busy && busy?.extension == "agent2")
        #expect(refusal { try CDRAdapter.stringee(try json(#"{"call_id":"c","call_status":"ended","from":{"number":"1","type":"internal"},"to":{"number":"2","type":"external"},"duration":5,"answerDuration":0}"#)) }?.field == "timestamp_ms")
    }

    // MARK: Omicall

    @Test("Omicall transaction: unix-second times, bill_sec is talk time")
    func omicall() throws {
        let c = try CDRAdapter.omicall(try json("""
            {"transaction_id":"9b8c-omi","direction":"outbound","sip_user":"100","phone_number":"0912345678",
             "time_start_call":1795918502,"time_answer_start":1795918510,"time_end_call":1795918630,
             "duration":128,"bill_sec":120,"disposition":"answered","recording_file_url":"https://omi.example/r.mp3"}
            """))
        #expect(c.startedAt == instant("2026-11-29T09:15:02+07:00"))
        #expect(c.answeredAt == instant("2026-11-29T09:15:10+07:00"))
        #expect(c.talkSeconds == 120 && c.extension == "100" && c.recordingURL == "https://omi.example/r.mp3")
        #expect(refusal { try CDRAdapter.omicall(try json(#"{"transaction_id":"t","direction":"outbound","phone_number":"0912345678","bill_sec":1}"#)) }?.field == "time_start_call")
    }

    // MARK: Zorio

    @Test("Zorio pbx.call.hangup: the event's data, RFC 3339 times, billsec")
    func zorio() throws {
        let c = try CDRAdapter.zorio(try json("""
            {"event":"pbx.call.hangup","data":{"call_uuid":"z-1","direction":"inbound","caller_number":"0912345678",
             "destination_number":"19001234","agent_extension":"201","started_at":"2026-11-29T09:15:02+07:00",
             "answered_at":"2026-11-29T09:15:05+07:00","ended_at":"2026-11-29T09:16:05+07:00","duration":63,"billsec":60,
             "result":"answered"}}
            """))
        #expect(c.direction == .inbound && c.remoteNumber == "0912345678" && c.extension == "201")
        #expect(c.talkSeconds == 60 && c.totalSeconds == 63)
        #expect(refusal { try CDRAdapter.zorio(try json(#"{"event":"pbx.call.ringing","data":{}}"#)) }?.field == "event")
        #expect(refusal { try CDRAdapter.zorio(try json(#"{"data":{"call_uuid":"z","direction":"outbound","destination_number":"0912345678","started_at":"2026-11-29 09:15:02","billsec":1}}"#)) }?.field == "started_at")
    }

    @Test("Zorio's documented envelope: started_at may be null (then ended_at − duration); answered_at null if never answered")
    func zorioWithoutStart() throws {
        let c = try CDRAdapter.zorio(try json("""
            {"event":"pbx.call.hangup","timestamp":"2026-11-29T02:16:10Z","data":{"call_uuid":"z-2","extension":"1001",
             "direction":"outbound","caller_number":"1001","destination_number":"0987654321","started_at":null,
             "answered_at":null,"ended_at":"2026-11-29T02:16:05Z","duration":25,"billsec":0}}
            """))
        #expect(c.startedAt == Date(epochMilliseconds: 1_795_918_540_000), "02:16:05 − 25 s")
        #expect(c.answeredAt == nil && c.talkSeconds == 0 && c.extension == "1001" && c.remoteNumber == "0987654321")
        let undated = refusal { try CDRAdapter.zorio(try json("""
            {"event":"pbx.call.hangup","data":{"call_uuid":"z-3","direction":"outbound","destination_number":"0987654321",
             "started_at":null,"ended_at":null,"billsec":0}}
            """)) }
        #expect(undated?.field == "started_at")
    }

    @Test("payload reading: bad JSON, a non-object, form arrays")
    func payloads() throws {
        #expect(refusal { try PBXPayload.json(Data("{oops".utf8)) }?.field == "body")
        #expect(refusal { try PBXPayload.json(Data("[1,2]".utf8)) }?.field == "body")
        #expect(refusal { try PBXPayload.json(Data()) }?.field == "body")
        let form = PBXPayload.form("secret=s&phone=0912+345+678&extension%5B%5D=101&extension[]=102")
        #expect(form["extension"] == .array([.string("101"), .string("102")]))
        #expect(try form.text("phone") == "0912 345 678")
        #expect(try json(#"{"d":18.0}"#).integer("d") == 18)
        #expect(refusal { try json(#"{"d":18.5}"#).integer("d") }?.field == "d")
    }
}
