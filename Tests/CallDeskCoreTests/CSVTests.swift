import Foundation
import Testing
@testable import CallDeskCore

/// The CSV layer of the data bundle (domain.md, "Data bundle": UTF-8 CSV files with a header row).
@Suite struct CSVTests {
    private func table(_ text: String) -> CSVTable {
        CSV.table(Array(text.utf8))
    }

    @Test func readsQuotedFieldsWithEscapedQuotesCommasAndNewlines() {
        let result = table("id,note\n1,\"say \"\"hi\"\", then, go\"\n2,\"two\nlines\"\n3,plain\n")

        #expect(result.issues.isEmpty)
        #expect(result.header == ["id", "note"])
        #expect(result.rows.map(\.fields) == [["1", "say \"hi\", then, go"], ["2", "two\nlines"], ["3", "plain"]])
        #expect(result.rows.map(\.line) == [2, 3, 5], "a record starts on the physical line after a multi-line field")
    }

    @Test func acceptsCRLFAndLFAndKeepsLineBreaksInsideQuotes() {
        let result = table("a,b\r\n1,\"x\r\ny\"\r\n2,z\n3,w")

        #expect(result.issues.isEmpty)
        #expect(result.rows.map(\.fields) == [["1", "x\r\ny"], ["2", "z"], ["3", "w"]])
        #expect(result.rows.map(\.line) == [2, 4, 5])
    }

    @Test func stripsAUTF8ByteOrderMark() {
        let result = CSV.table([0xEF, 0xBB, 0xBF] + Array("id,name\n1,An\n".utf8))

        #expect(result.header == ["id", "name"])
        #expect(result.rows.map(\.fields) == [["1", "An"]])
    }

    @Test func ignoresEmptyLinesAndAMissingFinalNewline() {
        let withBlanks = table("id,name\n1,An\n\n\r\n\n")
        let withoutNewline = table("id,name\n1,An")

        #expect(withBlanks.issues.isEmpty)
        #expect(withBlanks.rows.map(\.fields) == [["1", "An"]])
        #expect(withoutNewline.rows.map(\.fields) == [["1", "An"]])
    }

    @Test func countsLinesPastEmptyLinesInTheMiddle() {
        let result = table("id,name\n\n1,An\n")

        #expect(result.rows.map(\.line) == [3])
    }

    @Test func keepsEmptyFieldsIncludingATrailingOneAtTheEndOfTheFile() {
        let result = table("a,b,c\n,,\n1,,")

        #expect(result.issues.isEmpty)
        #expect(result.rows.map(\.fields) == [["", "", ""], ["1", "", ""]])
    }

    @Test func reportsARowWithTheWrongNumberOfFields() {
        let result = table("a,b,c\n1,2\n1,2,3\n1,2,3,4\n")

        #expect(result.issues.map(\.description) == ["2: expected 3 fields, found 2", "4: expected 3 fields, found 4"])
        #expect(result.rows.map(\.line) == [3], "the faulty rows are left out, the good one is read")
    }

    @Test func reportsInvalidUTF8WithItsLineAndField() {
        let bytes = Array("id,name\n1,An\n2,".utf8) + [0xC3, 0x28] + Array("\n3,Bình\n".utf8)

        let result = CSV.table(bytes)

        #expect(result.issues == [
            CSVIssue(line: 3, field: 1, message: "holds bytes that are not UTF-8; save the file as UTF-8"),
        ])
        #expect(result.rows.map(\.fields) == [["1", "An"], ["3", "Bình"]])
    }

    @Test func reportsAnUnterminatedQuoteAtTheLineWhereItOpens() {
        let result = table("id,name\n1,An\n2,\"Bình\n3,Chi\n")

        #expect(result.issues.map(\.description)
            == ["3: a quoted field starting on this line is never closed (a \" is missing)"])
        #expect(result.rows.map(\.fields) == [["1", "An"]])
    }

    @Test func reportsTextAfterAClosingQuote() {
        let result = table("id,name\n1,\"An\" Nguyen\n2,Bình\n")

        #expect(result.issues.count == 1)
        #expect(result.issues.first?.line == 2)
        #expect(result.issues.first?.field == 1)
        #expect(result.rows.map(\.fields) == [["2", "Bình"]])
    }

    @Test func keepsAQuoteInsideAnUnquotedFieldAsText() {
        let result = table("id,size\n1,5\" pipe\n")

        #expect(result.rows.map(\.fields) == [["1", "5\" pipe"]])
    }

    @Test func reportsNothingForAnEmptyInput() {
        let result = table("")

        #expect(result.header.isEmpty && result.rows.isEmpty && result.issues.isEmpty)
    }

    @Test func quotesOnlyFieldsThatNeedIt() {
        var writer = CSVWriter()
        writer.row(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", "Nguyễn Văn A",
                    nil, ""])

        let text = String(decoding: writer.bytes, as: UTF8.self)

        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\" lead\",\"trail \","
                + "Nguyễn Văn A,,\n")
    }

    /// Differential: random fields written by `CSVWriter` read back by `CSV.table` unchanged.
    @Test func writtenFieldsReadBackUnchanged() {
        var random = SeededRandom(seed: 20_261_102)
        let alphabet = Array("ab ,\"\n\r;Đạtễ\t1")
        for round in 0..<300 {
            let width = Int.random(in: 1...5, using: &random)
            let rows = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<width).map { _ in
                    String((0..<Int.random(in: 0...8, using: &random)).map { _ in
                        alphabet.randomElement(using: &random)!
                    })
                }
            }
            var writer = CSVWriter()
            writer.row((0..<width).map { "h\($0)" })
            for row in rows { writer.row(row) }

            let result = CSV.table(writer.bytes)

            // A row of one empty field is an empty line, which the reader skips by design.
            let expected = rows.filter { !(width == 1 && $0 == [""]) }
            #expect(result.issues.isEmpty, "seed 20261102, round \(round)")
            #expect(result.rows.map(\.fields) == expected, "seed 20261102, round \(round)")
        }
    }

    /// Differential: the hand-written UTF-8 check agrees with Foundation's decoder on random bytes.
    @Test func utf8CheckAgreesWithFoundation() {
        var random = SeededRandom(seed: 7)
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF,
                                    0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)!
                    : UInt8.random(in: 0...255, using: &random)
            }
            let expected = String(bytes: bytes, encoding: .utf8) != nil
            let actual = bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
            #expect(actual == expected, "bytes \(bytes)")
        }
    }
}

/// A small deterministic generator (SplitMix64) so that failures can be replayed from their seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
