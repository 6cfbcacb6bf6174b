/// A cell of an exported table (CSV, XLSX): text or a whole number.
public enum TableCell: Sendable, Equatable {
    case text(String)
    case number(Int64)
    case empty

    public var csvText: String? {
        switch self {
        case .text(let text): return text
        case .number(let value): return String(value)
        case .empty: return nil
        }
    }
}

/// Rows of cells as CSV text (RFC 4180, LF line ends).
public func csvText(_ rows: [[TableCell]]) -> String {
    var writer = CSVWriter()
    for row in rows { writer.row(row.map(\.csvText)) }
    return String(decoding: writer.bytes, as: UTF8.self)
}
