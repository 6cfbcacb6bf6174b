import Foundation

/// One record of a bundle file, read field by field. Each accessor reports its own problems to
/// the parser and returns nil for a value that is missing or wrong, so that a row reports every
/// problem it has before it is dropped.
///
/// Free text (names, addresses, titles) is kept as written; ids, emails, codes, numbers, times
/// and choices are read with spaces and tabs at either end trimmed.
struct BundleRow {
    let record: CSVRecord
    let parser: BundleParser

    var line: Int { record.line }

    /// Whether the field is empty or only spaces.
    func isBlank(_ column: BundleCol) -> Bool {
        column.field < 0 || record.withTrimmedBytes(column.field) { $0.isEmpty }
    }

    /// Free text as written; nil when empty.
    func text(_ column: BundleCol) -> String? {
        column.field < 0 || record.isEmpty(column.field) ? nil : record[column.field]
    }

    /// Free text as written that must be given.
    func requiredText(_ column: BundleCol) -> String? {
        guard !isBlank(column) else { return missing(column) }
        return record[column.field]
    }

    /// A trimmed value (an id, a code); nil when blank.
    func key(_ column: BundleCol) -> String? {
        guard column.field >= 0 else { return nil }
        return record.withTrimmedBytes(column.field) { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
    }

    /// A trimmed value that must be given.
    func requiredKey(_ column: BundleCol) -> String? {
        key(column) ?? missing(column)
    }

    /// A `;`-separated list: items trimmed, empty ones dropped.
    func list(_ column: BundleCol) -> [String] {
        guard let text = key(column) else { return [] }
        return text.split(separator: ";").compactMap { item in
            let trimmed = String(item).trimmingSpaces
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// An id naming a record of `kind`, noted as a reference.
    func reference(_ column: BundleCol, _ kind: BundleReference.Kind, required: Bool = false) -> String? {
        guard let value = required ? requiredKey(column) : key(column) else { return nil }
        parser.reference(kind, value, line: line, column.name)
        return value
    }

    /// A user's email (`owner_email`…), noted as a reference to users.csv.
    func userEmail(_ column: BundleCol) -> String? {
        guard let value = key(column) else { return nil }
        guard value.looksLikeEmail else {
            parser.error(line: line, column.name, "\(quoted(value)) is not an email address")
            return nil
        }
        parser.reference(.userEmail, value, line: line, column.name)
        return value
    }

    /// An RFC 3339 time with an offset.
    func time(_ column: BundleCol, required: Bool = false) -> Date? {
        guard column.field >= 0 else { return nil }
        let parsed = record.withTrimmedBytes(column.field) { $0.isEmpty ? nil : RFC3339.parse($0) }
        switch parsed {
        case nil:
            return required ? missing(column) : nil
        case .success(let date):
            return date
        case .failure(let failure):
            let value = quoted(key(column) ?? "")
            let example = "(e.g. \(RFC3339.example))"
            switch failure {
            case .missingOffset:
                fail(column, "\(value) has no UTC offset; write the time with its offset \(example), or Z for UTC")
            case .malformed:
                fail(column, "\(value) is not an RFC 3339 time with an offset \(example)")
            case .outOfRange(let why):
                fail(column, "\(value) is not a valid time: \(why)")
            }
            return nil
        }
    }

    /// A calendar date `YYYY-MM-DD`.
    func date(_ column: BundleCol) -> LocalDate? {
        guard let value = key(column) else { return nil }
        let isDigitsAndDashes = value.utf8.allSatisfy { (0x30...0x39).contains($0) || $0 == 0x2D }
        guard isDigitsAndDashes, let date = LocalDate(value) else {
            fail(column, "\(quoted(value)) is not a date of the form YYYY-MM-DD (e.g. 2026-11-29)")
            return nil
        }
        return date
    }

    enum Quantity {
        case money, seconds, count

        var hint: String {
            switch self {
            case .money: "write money in the currency's minor unit with digits only (e.g. 150000)"
            case .seconds: "write whole seconds with digits only (e.g. 95)"
            case .count: "use digits only (e.g. 3)"
            }
        }
    }

    /// A whole, non-negative number.
    func number(_ column: BundleCol, _ quantity: Quantity, required: Bool = false) -> Int64? {
        guard column.field >= 0 else { return nil }
        enum Parsed { case blank, value(Int64), negative, notWhole, tooLarge }
        let parsed: Parsed = record.withTrimmedBytes(column.field) { p in
            guard !p.isEmpty else { return .blank }
            let negative = p[0] == 0x2D
            var value: Int64 = 0
            guard p.count > (negative ? 1 : 0) else { return .notWhole }
            for byte in p.dropFirst(negative ? 1 : 0) {
                guard byte >= 0x30, byte <= 0x39 else { return .notWhole }
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - 0x30))
                if overflow1 || overflow2 { return .tooLarge }
                value = sum
            }
            return negative ? .negative : .value(value)
        }
        let value = { quoted(key(column) ?? "") }
        switch parsed {
        case .blank: return required ? missing(column) : nil
        case .value(let number): return number
        case .negative: fail(column, "\(value()) must not be negative")
        case .notWhole: fail(column, "\(value()) is not a whole number; \(quantity.hint)")
        case .tooLarge: fail(column, "\(value()) is too large")
        }
        return nil
    }

    /// One of an enum's values, ignoring case; `noun` names it in messages (`role`).
    func choice<Choice>(_ column: BundleCol, _ noun: String, required: Bool = false) -> Choice?
    where Choice: RawRepresentable & CaseIterable, Choice.RawValue == String {
        guard let value = key(column) else { return required ? missing(column) : nil }
        if let choice = Choice(rawValue: value) ?? Choice(rawValue: value.lowercased()) { return choice }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        fail(column, "\(quoted(value)) is not a valid \(noun); use one of: \(allowed)")
        return nil
    }

    /// `true` or `false`, ignoring case (spreadsheets write `TRUE`).
    func flag(_ column: BundleCol) -> Bool? {
        guard let value = key(column) else { return nil }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            fail(column, "\(quoted(value)) is not a valid value; use true or false")
            return nil
        }
    }

    /// Reports a problem with this row's `column`.
    func fail(_ column: BundleCol, _ message: String) {
        parser.error(line: line, column.name, message)
    }

    /// Reports a problem with this row that does not stop an import.
    func warn(_ column: BundleCol, _ message: String) {
        parser.warning(line: line, column.name, message)
    }

    private func missing<T>(_ column: BundleCol) -> T? {
        fail(column, "a value is required")
        return nil
    }
}
