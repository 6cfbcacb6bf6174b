/// A problem found in a data bundle, reported as `file:line: column: message` (domain.md, "Data bundle").
public struct BundleIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The CSV file's name, e.g. `customers.csv`.
    public var file: String
    /// The physical line where the record starts (the header is line 1; whole-file problems use 1).
    public var line: Int
    /// The column's name, or `-` when the problem is not in one column.
    public var column: String
    /// What is wrong and how to put it right, in plain English.
    public var message: String

    public init(file: String, line: Int, column: String, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// `file:line: column: message`.
    public var description: String { "\(file):\(line): \(column): \(message)" }
}

/// A value in a bundle that names a record the bundle does not hold (a department, a user's email…).
///
/// It is not an error by itself: the record may already be in the database. Whoever imports the
/// bundle checks these and reports the missing ones as `file:line: column: unknown … "value"`.
public struct BundleReference: Sendable, Hashable, CustomStringConvertible {
    /// What kind of record the value names; the raw value is what messages call it (`user email`).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case department, group, source, customer, campaign, opportunity, order
        /// A user, named by email; compare ignoring case.
        case userEmail = "user email"
    }

    public var file: String
    public var line: Int
    public var column: String
    public var kind: Kind
    /// The id, or the email as written.
    public var value: String

    public init(file: String, line: Int, column: String, kind: Kind, value: String) {
        self.file = file; self.line = line; self.column = column; self.kind = kind; self.value = value
    }

    /// The issue to report when the database does not know the value either.
    public var unknownIssue: BundleIssue {
        BundleIssue(file: file, line: line, column: column, message: "unknown \(kind.rawValue) \"\(value)\"")
    }

    public var description: String { "\(file):\(line): \(column): \(kind.rawValue) \"\(value)\"" }
}

/// What `BundleReader.read` found: the records it could read and every problem.
public struct BundleReadResult: Sendable {
    /// The records that were read without errors. Import it only when `errors` is empty.
    public var bundle: DataBundle
    /// Every error, sorted by file (in the bundle's table order) and line.
    public var errors: [BundleIssue]
    /// Problems that do not stop an import (e.g. a customer email that does not look like one).
    public var warnings: [BundleIssue]
    /// Values that name records not in the bundle, to be checked against the database.
    public var references: [BundleReference]

    public init(bundle: DataBundle, errors: [BundleIssue], warnings: [BundleIssue], references: [BundleReference]) {
        self.bundle = bundle; self.errors = errors; self.warnings = warnings; self.references = references
    }

    /// The distinct values of `references`, by kind: what to look up in the database (emails as written).
    public var referencedValues: [BundleReference.Kind: Set<String>] {
        references.reduce(into: [:]) { $0[$1.kind, default: []].insert($1.value) }
    }
}
