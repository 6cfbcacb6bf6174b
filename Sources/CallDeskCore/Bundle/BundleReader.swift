import Foundation

/// Reads a data bundle's CSV files into a `DataBundle` and checks every rule that the bundle alone
/// can decide (domain.md, "Data bundle"). It never stops at the first problem: an import lists
/// them all as `file:line: column: message`. Pure: files come in as bytes, nothing is read from disk.
public enum BundleReader {
    /// Reads the bundle's files, given by name (`customers.csv`) → contents.
    public static func read(files: [String: [UInt8]]) -> BundleReadResult {
        let parser = BundleParser()
        for name in files.keys.sorted() where BundleFile(rawValue: name) == nil {
            parser.errors.append(BundleIssue(
                file: name, line: 1, column: "-",
                message: "unknown file; a bundle holds only "
                    + BundleFile.allCases.map(\.name).joined(separator: ", ")))
        }
        for file in BundleFile.allCases {
            guard let bytes = files[file.name] else { continue }
            parser.read(file, bytes)
        }
        return parser.finish()
    }

    /// Reads the bundle's files, given by name (`customers.csv`) → contents.
    public static func read(files: [String: Data]) -> BundleReadResult {
        read(files: files.mapValues { [UInt8]($0) })
    }
}

/// The state of one `BundleReader.read`: what was read so far, the ids it knows, the problems.
/// Files are read in table order, so a reference to an earlier file is checked at once and only
/// references to the same or a later file wait for `finish()`.
final class BundleParser {
    var bundle = DataBundle()
    var errors: [BundleIssue] = []
    var warnings: [BundleIssue] = []
    private var references: [BundleReference] = []
    private var pending: [BundleReference] = []

    /// The file being read.
    private(set) var file = BundleFile.settings
    /// The ids of the file being read (id → line), for duplicates.
    var ids: [String: Int] = [:]
    /// The ids of the files read so far, by the kind of reference that names them.
    var known: [BundleReference.Kind: [String: Int]] = [:]
    /// users.csv's emails, lowercased → (user id, line).
    var userEmails: [String: (id: String, line: Int)] = [:]
    /// users.csv's extensions by number, for the one-user-per-extension rule.
    var extensionOwners: [String: [(ref: ExtensionRef, userID: String, line: Int)]] = [:]
    /// departments.csv's and groups.csv's parent links (id → (parent, line)), for cycles.
    var parents: [String: (parent: String, line: Int)] = [:]
    /// Emails as written → whether users.csv has them, once users.csv is read.
    private var knownEmailSpellings: [String: Bool] = [:]
    var settingLines: [String: Int] = [:]
    var campaignIndex: [String: Int] = [:]
    var opportunityCustomers: [String: String] = [:]
    /// opportunities.csv's (campaign, customer) pairs → line, for campaigns that allow no duplicates.
    var campaignCustomers: [PairKey: Int] = [:]
    var callLines: [PairKey: Int] = [:]
    var orderIndex: [String: Int] = [:]
    var lineTotals: [String: LineTotal] = [:]

    /// Two strings as one key: (provider, call id), or (campaign, customer).
    struct PairKey: Hashable {
        var first: String
        var second: String
    }

    func read(_ file: BundleFile, _ bytes: [UInt8]) {
        self.file = file
        ids = [:]
        parents = [:]
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes.dropFirst(bom).contains(where: { $0 != 0x0A && $0 != 0x0D }) else {
            error(line: 1, "-", "the file is empty; it needs at least a header row: "
                  + file.columns.filter(\.isExported).map(\.name).joined(separator: ","))
            return finishFile()
        }
        reserveCapacity(file, rows: bytes.withUnsafeBufferPointer { $0.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } })
        var columns = BundleColumns(file: file, header: [])
        var readRow: (BundleRow) -> Void = { _ in }
        let issues = CSV.read(bytes, header: { header in
            columns = BundleColumns(file: file, header: header)
            errors += columns.issues
            readRow = rowReader(columns)
            return columns.canReadRows
        }) { record in
            guard (0..<record.count).contains(where: { !record.isEmpty($0) }) else { return }  // `,,,` rows
            readRow(BundleRow(record: record, parser: self))
        }
        for issue in issues {
            let column = issue.field.flatMap { columns.name(ofField: $0) } ?? "-"
            errors.append(BundleIssue(file: file.name, line: issue.line, column: column, message: issue.message))
        }
        finishFile()
    }

    /// The function that reads one row of the current file, its columns located once.
    private func rowReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        switch file {
        case .settings: settingReader(columns)
        case .departments: departmentReader(columns)
        case .users: userReader(columns)
        case .sources: sourceReader(columns)
        case .groups: groupReader(columns)
        case .customers: customerReader(columns)
        case .campaigns: campaignReader(columns)
        case .opportunities: opportunityReader(columns)
        case .calls: callReader(columns)
        case .tasks: taskReader(columns)
        case .orders: orderReader(columns)
        case .orderLines: orderLineReader(columns)
        case .payments: paymentReader(columns)
        }
    }

    /// Makes room for about `rows` records at once: saves copying a million calls as the arrays grow.
    private func reserveCapacity(_ file: BundleFile, rows: Int) {
        switch file {
        case .customers: bundle.customers.reserveCapacity(bundle.customers.count + rows)
        case .opportunities: bundle.opportunities.reserveCapacity(bundle.opportunities.count + rows)
        case .calls:
            bundle.calls.reserveCapacity(bundle.calls.count + rows)
            callLines.reserveCapacity(callLines.count + rows)
        case .tasks: bundle.tasks.reserveCapacity(bundle.tasks.count + rows)
        case .orders: bundle.orders.reserveCapacity(bundle.orders.count + rows)
        case .orderLines: bundle.orderLines.reserveCapacity(bundle.orderLines.count + rows)
        case .payments: bundle.payments.reserveCapacity(bundle.payments.count + rows)
        default: break
        }
        if file != .calls && file != .orderLines && file != .settings { ids.reserveCapacity(rows) }
    }

    private func finishFile() {
        switch file {
        case .departments: checkCycles(noun: "department")
        case .groups: checkCycles(noun: "group")
        case .orderLines: checkOrderTotals()
        default: break
        }
        if let kind = file.referenceKind { known[kind] = ids }
    }

    func finish() -> BundleReadResult {
        for reference in pending where !isKnown(reference.kind, reference.value) {
            references.append(reference)
        }
        let order = Dictionary(uniqueKeysWithValues: BundleFile.allCases.enumerated().map { ($1.name, $0) })
        func sorted<T>(_ items: [T], _ key: (T) -> (String, Int)) -> [T] {
            items.enumerated().sorted { a, b in
                let (fa, la) = key(a.element), (fb, lb) = key(b.element)
                let (oa, ob) = (order[fa] ?? -1, order[fb] ?? -1)
                return (oa, fa, la, a.offset) < (ob, fb, lb, b.offset)
            }.map(\.element)
        }
        return BundleReadResult(
            bundle: bundle,
            errors: sorted(errors) { ($0.file, $0.line) },
            warnings: sorted(warnings) { ($0.file, $0.line) },
            references: sorted(references) { ($0.file, $0.line) })
    }

    // MARK: Reporting

    func error(file: BundleFile? = nil, line: Int, _ column: String, _ message: String) {
        errors.append(BundleIssue(file: (file ?? self.file).name, line: line, column: column, message: message))
    }

    func warning(line: Int, _ column: String, _ message: String) {
        warnings.append(BundleIssue(file: file.name, line: line, column: column, message: message))
    }

    /// Notes that `value` in `column` names a record of `kind`; one the bundle lacks becomes a `BundleReference`.
    func reference(_ kind: BundleReference.Kind, _ value: String, line: Int, _ column: String) {
        let isLater = kind.file.order >= file.order
        if !isLater && isKnown(kind, value) { return }
        let reference = BundleReference(file: file.name, line: line, column: column, kind: kind, value: value)
        if isLater {
            pending.append(reference)
        } else {
            references.append(reference)
        }
    }

    private func isKnown(_ kind: BundleReference.Kind, _ value: String) -> Bool {
        guard kind == .userEmail else { return known[kind]?[value] != nil }
        if let isKnown = knownEmailSpellings[value] { return isKnown }  // saves lowercasing the same email again
        let isKnown = userEmails[value.lowercased()] != nil
        if file.order > BundleFile.users.order { knownEmailSpellings[value] = isKnown }
        return isKnown
    }

    /// The row's required id, registered; nil (and an error) when it is blank or the file already has it.
    func registeredID(_ row: BundleRow, _ column: BundleCol) -> String? {
        guard let id = row.requiredKey(column), register(id: id, row: row, column: column.name) else { return nil }
        return id
    }

    /// Registers the row's id; false (and an error) when the file already has it.
    func register(id: String, row: BundleRow, column: String = "id") -> Bool {
        if let first = ids[id] {
            error(line: row.line, column, "duplicate id \(quoted(id)); it is already used on line \(first)")
            return false
        }
        ids[id] = row.line
        return true
    }
}

extension BundleFile {
    /// The position in the table, which is the reading order.
    var order: Int { Self.order[self] ?? 0 }

    private static let order = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// The kind of reference that names this file's records.
    var referenceKind: BundleReference.Kind? {
        switch self {
        case .departments: .department
        case .groups: .group
        case .sources: .source
        case .customers: .customer
        case .campaigns: .campaign
        case .opportunities: .opportunity
        case .orders: .order
        default: nil
        }
    }
}

extension BundleReference.Kind {
    /// The file holding the records of this kind.
    var file: BundleFile {
        switch self {
        case .department: .departments
        case .group: .groups
        case .source: .sources
        case .customer: .customers
        case .campaign: .campaigns
        case .opportunity: .opportunities
        case .order: .orders
        case .userEmail: .users
        }
    }
}

/// `"value"` for messages, shortened when long.
func quoted(_ value: String) -> String {
    value.count > 60 ? "\"\(value.prefix(57))…\"" : "\"\(value)\""
}
