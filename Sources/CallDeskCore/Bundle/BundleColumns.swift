/// A column of the file being read, located in its header once per file.
struct BundleCol {
    let name: String
    /// The field's index in each record, or -1 when the header lacks the (optional) column.
    let field: Int
}

/// A bundle file's header checked against domain.md's table: unknown, duplicate and missing
/// columns are errors, and the columns may come in any order.
struct BundleColumns {
    let file: BundleFile
    private(set) var issues: [BundleIssue] = []
    /// False when a required column is missing: every row would fail, so rows are not read.
    private(set) var canReadRows = true
    private var header: [String] = []
    private var fields: [String: Int] = [:]

    init(file: BundleFile, header rawHeader: [String]) {
        self.file = file
        header = rawHeader.map { $0.trimmingSpaces }
        let columns = file.columns
        let known = Set(columns.map(\.name))
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                issue("-", "the header's field \(index + 1) has no column name")
            } else if !known.contains(name) {
                let hint = known.first { $0 == name.lowercased() }.map { "did you mean \"\($0)\"?" }
                    ?? "the columns of \(file.name) are " + columns.map(\.name).joined(separator: ", ")
                issue(name, "unknown column \(quoted(name)); \(hint)")
            } else if fields[name] != nil {
                issue(name, "column \(quoted(name)) appears twice in the header")
            } else {
                fields[name] = index
            }
        }
        for column in columns where column.isRequired && fields[column.name] == nil {
            issue(column.name, "missing required column \(quoted(column.name))")
            canReadRows = false
        }
    }

    /// The column named `name`, which must be one of the file's columns.
    subscript(name: String) -> BundleCol {
        assert(file.columns.contains { $0.name == name }, "\(name) is not a column of \(file.name)")
        return BundleCol(name: name, field: fields[name] ?? -1)
    }

    /// The header's name for a record's field, to report a problem in that field.
    func name(ofField index: Int) -> String? {
        index < header.count && !header[index].isEmpty ? header[index] : nil
    }

    private mutating func issue(_ column: String, _ message: String) {
        issues.append(BundleIssue(file: file.name, line: 1, column: column, message: message))
    }
}

extension String {
    /// Without spaces and tabs at either end.
    var trimmingSpaces: String {
        guard let first = utf8.first, let last = utf8.last,
              first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return self }
        return String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// A loose check that catches most typing mistakes: `local@domain.tld`, no spaces, one `@`.
    var looksLikeEmail: Bool {
        var at = -1, lastDot = -1, index = 0
        for byte in utf8 {
            switch byte {
            case 0x40:
                if at >= 0 { return false }
                at = index
            case 0x2E: lastDot = index
            case 0x00...0x20, 0x2C, 0x3B, 0x3C, 0x3E, 0x22, 0x7F: return false  // controls, space , ; < > "
            default: break
            }
            index += 1
        }
        return at > 0 && lastDot > at + 1 && lastDot < index - 1
    }
}
