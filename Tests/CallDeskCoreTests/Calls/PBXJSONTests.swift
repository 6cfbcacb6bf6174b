import CallDeskCore
import Foundation
import Testing

/// The byte-level JSON reader of pushed calls, against Foundation's JSONDecoder (the reader it replaced).
@Suite("Pushed-call JSON reader")
struct PBXJSONTests {
    @Test("valid documents read exactly as JSONDecoder reads them", arguments: [
        #"{"id":"c1","extension":101,"duration":"18","talk":18.0,"ok":true,"no":false,"none":null}"#,
        #"[{"a":[1,2,[3,{"b":"c"}]]},{},[],"x",-0.5,1e3,2E-2,12345678901234567890]"#,
        #"  {"name":"Nguyễn Văn An","esc":"a\"b\\c\/d\n\t\r\b\f","u":"\u0041\u1ec7\ud83d\ude00"}  "#,
        #"{"calls":[{"id":"n1","remote_number":"0913000001","started_at":"2026-11-29T09:15:02+07:00"}]}"#,
        #""only text""#, "0", "-12", "true", "null",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let ours = try PBXJSON.parse(Array(text.utf8))
        let theirs = try JSONDecoder().decode(PBXValue.self, from: Data(text.utf8))
        #expect(ours == theirs)
    }

    @Test("whole values read as integers; others like a Double", arguments: [
        ("101", "101"), ("-7", "-7"), ("18.0", "18"), ("18.5", "18.5"), ("1e3", "1000"), ("2E-2", "0.02"),
    ])
    func numbers(_ pair: (String, String)) throws {
        #expect(try PBXJSON.parse(Array(pair.0.utf8)) == .number(pair.1))
    }

    @Test("malformed documents are refused with where and why", arguments: [
        "", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\":1} x", "01", "-", "1.", "1e", "tru", "nul",
        "\"abc", "\"a\u{01}b\"", "\"\\x\"", "\"\\u12G4\"", "\"\\ud83d\"", "{a:1}", "'x'",
    ])
    func malformed(_ text: String) {
        #expect(throws: PBXJSON.Malformed.self) { try PBXJSON.parse(Array(text.utf8)) }
    }

    @Test("invalid UTF-8 inside text is refused; nesting is bounded")
    func limits() {
        #expect(throws: PBXJSON.Malformed.self) { try PBXJSON.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: PBXJSON.Malformed.self) { try PBXJSON.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? PBXJSON.parse(Array(fine.utf8))) != nil)
    }
}
