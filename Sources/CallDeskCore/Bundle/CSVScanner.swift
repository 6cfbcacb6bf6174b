/// Splits CSV bytes into records, one `next()` at a time, reusing its buffers (see `CSV.read`).
struct CSVScanner {
    enum Step { case record, end, unterminated }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    let input: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1
    /// Where the current record starts.
    private(set) var recordLine = 1
    /// The current record's fields, unescaped, one after the other; field `i` ends at `ends[i]`.
    private(set) var storage: [UInt8] = []
    private(set) var ends: [Int] = []
    /// Whether the current record has a byte ≥ 0x80 (so its UTF-8 must be checked).
    private var nonASCII = false
    /// A field of the current record with text after its closing quote (`"abc"def`).
    private var strayTextField: Int?

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { position = 3 }
        storage.reserveCapacity(1024)
        ends.reserveCapacity(32)
    }

    /// Reads the next record into `storage` and `ends`.
    mutating func next() -> Step {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        nonASCII = false
        strayTextField = nil
        let n = input.count
        while position < n, input[position] == Self.lf || input[position] == Self.cr {
            skipLineBreak()  // empty lines
        }
        if position >= n { return .end }
        recordLine = line
        while true {
            if position >= n {  // a trailing comma at the end of the file: one more empty field
                ends.append(storage.count)
                return .record
            }
            if input[position] == Self.quote {
                guard readQuotedField() else { return .unterminated }
            } else {
                readPlainField()
            }
            ends.append(storage.count)
            if position >= n { return .record }
            if input[position] == Self.comma {
                position += 1
            } else {
                skipLineBreak()
                return .record
            }
        }
    }

    /// A problem with the record just read, or nil when it is usable.
    func problem(expectedFields: Int?) -> CSVIssue? {
        if let field = strayTextField {
            return CSVIssue(
                line: recordLine, field: field,
                message: "has text after its closing quote; inside a quoted field write a quote as \"\"")
        }
        if nonASCII, let field = firstInvalidUTF8Field() {
            return CSVIssue(
                line: recordLine, field: field, message: "holds bytes that are not UTF-8; save the file as UTF-8")
        }
        if let expectedFields, ends.count != expectedFields {
            return CSVIssue(
                line: recordLine, field: nil, message: "expected \(expectedFields) fields, found \(ends.count)")
        }
        return nil
    }

    private mutating func skipLineBreak() {
        if input[position] == Self.cr, position + 1 < input.count, input[position + 1] == Self.lf {
            position += 2
        } else {
            position += 1
        }
        line += 1
    }

    private mutating func readPlainField() {
        let start = position
        let n = input.count
        var seen: UInt8 = 0
        while position < n {
            let byte = input[position]
            if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
            seen |= byte
            position += 1
        }
        if seen >= 0x80 { nonASCII = true }
        storage.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<position]))
    }

    /// Reads `"…"` with `""` for a quote; false when the closing quote is missing.
    private mutating func readQuotedField() -> Bool {
        let n = input.count
        position += 1
        var seen: UInt8 = 0
        while true {
            let start = position
            while position < n {
                let byte = input[position]
                if byte == Self.quote { break }
                seen |= byte
                if byte == Self.lf || (byte == Self.cr && (position + 1 == n || input[position + 1] != Self.lf)) {
                    line += 1
                }
                position += 1
            }
            storage.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<position]))
            if position >= n { return false }
            if position + 1 < n, input[position + 1] == Self.quote {
                storage.append(Self.quote)
                position += 2
            } else {
                position += 1
                break
            }
        }
        if seen >= 0x80 { nonASCII = true }
        if position < n, input[position] != Self.comma, input[position] != Self.lf, input[position] != Self.cr {
            strayTextField = ends.count
            readPlainField()  // keep going to the end of the field; the record is refused
        }
        return true
    }

    private func firstInvalidUTF8Field() -> Int? {
        storage.withUnsafeBufferPointer { all in
            var start = 0
            for (field, end) in ends.enumerated() {
                if !UTF8Check.isValid(UnsafeBufferPointer(rebasing: all[start..<end])) { return field }
                start = end
            }
            return nil
        }
    }
}

/// Strict UTF-8 validation (Unicode 15, table 3-7): no overlong forms, surrogates or values past U+10FFFF.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return false }
            for k in 2..<max(length, 2) where bytes[i + k] & 0xC0 != 0x80 {
                return false
            }
            i += length
        }
        return true
    }
}
