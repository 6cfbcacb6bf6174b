import Foundation

/// Builds CSV bytes row by row (RFC 4180, LF line ends), quoting a field only when it holds a
/// comma, a quote, a line break, or spaces or tabs at either end (so they survive tools that trim).
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var rowIsEmpty = true

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a field; nil writes an empty field.
    public mutating func field(_ text: String?) {
        startField()
        guard var text else { return }
        text.withUTF8 { utf8 in
            if Self.needsQuotes(utf8) {
                bytes.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { bytes.append(0x22) }
                    bytes.append(byte)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Appends an RFC 3339 time (which never needs quotes).
    mutating func time(_ date: Date, _ formatter: inout RFC3339.Formatter) {
        startField()
        formatter.append(date, to: &bytes)
    }

    /// Appends a whole row.
    public mutating func row(_ fields: [String?]) {
        for field in fields { self.field(field) }
        endRow()
    }

    /// Ends the current row with LF.
    public mutating func endRow() {
        bytes.append(0x0A)
        rowIsEmpty = true
    }

    private mutating func startField() {
        if rowIsEmpty {
            rowIsEmpty = false
        } else {
            bytes.append(0x2C)
        }
    }

    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            return true
        }
        return false
    }
}
