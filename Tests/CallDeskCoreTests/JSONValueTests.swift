import Foundation
import Testing
@testable import CallDeskCore

/// JSON text CallDesk writes (API answers, and the rows of a PostgreSQL call insert): every string reads back
/// as itself through an independent parser, whether or not it needs escapes.
@Suite struct JSONValueTests {
    @Test func stringsReadBackAsThemselves() throws {
        let samples = ["", "plain", "Nguyễn Thị Hoa", "0912 345 678", "say \"alô\"", #"C:\calls\rec.wav"#,
                       "line\nbreak\tand\rreturn", "bell\u{07} nul\u{00} unit\u{1F}", "emoji 📞 and \u{2028}",
                       "ends with \\", "\""]
        let value = JSONValue.array(samples.map(JSONValue.string))
        for text in [value.serialized(), value.pretty()] {
            let read = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String])
            #expect(read == samples)
        }
        #expect(JSONValue.string("plain").serialized() == #""plain""#)
        #expect(JSONValue.string("a\u{01}\"b").serialized() == #""a\u0001\"b""#)
    }

    @Test func objectsKeepTheirKeyOrder() {
        let value = JSONValue.object([("z", .int(-3)), ("a", .null), ("m", .array([.bool(true), .string("x")]))])
        #expect(value.serialized() == #"{"z":-3,"a":null,"m":[true,"x"]}"#)
    }
}
