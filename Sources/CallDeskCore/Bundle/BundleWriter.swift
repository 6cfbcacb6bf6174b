import Foundation

/// Writes a `DataBundle` as the data bundle's CSV files (domain.md, "Data bundle"), the form
/// `calldesk export` saves and `BundleReader` reads back.
///
/// Every file of the table is written, in table order, with all its columns in the table's order
/// (never `password`); `order_lines.csv` only when there are lines. Records keep their order.
/// Times are RFC 3339 in `timeZone`'s offset at each instant, lists are joined with `;`, lines end
/// with LF and a field is quoted only when it must be. The output depends on nothing but the
/// input, so writing what was read from a written bundle gives the same bytes.
public enum BundleWriter {
    public static func write(_ bundle: DataBundle, timeZone: TimeZone) -> [(name: String, bytes: [UInt8])] {
        var writer = BundleFileWriter(timeZone: timeZone)
        return BundleFile.allCases.compactMap { file in
            if file == .orderLines && bundle.orderLines.isEmpty { return nil }
            return (file.name, writer.write(file, of: bundle))
        }
    }
}

/// Writes one file at a time; keeps the time formatter (and what it knows of the zone) across files.
private struct BundleFileWriter {
    private var formatter: RFC3339.Formatter
    private var csv = CSVWriter()

    init(timeZone: TimeZone) {
        formatter = RFC3339.Formatter(timeZone: timeZone)
    }

    mutating func write(_ file: BundleFile, of bundle: DataBundle) -> [UInt8] {
        csv = CSVWriter(capacity: 64 * (count(of: file, in: bundle) + 1))
        csv.row(file.columns.filter(\.isExported).map(\.name))
        switch file {
        case .settings:
            let order = BundleParser.settingKeys
            let keys = bundle.settings.keys.sorted { a, b in
                (order.firstIndex(of: a) ?? order.count, a) < (order.firstIndex(of: b) ?? order.count, b)
            }
            for key in keys { csv.row([key, bundle.settings[key]]) }
        case .departments:
            for d in bundle.departments { csv.row([d.id, d.name, d.parentID, d.headEmail]) }
        case .users:
            for u in bundle.users {
                csv.row([u.id, u.name, u.email, u.departmentID, u.role.rawValue, u.active ? "true" : "false",
                         u.extensions.map(\.bundleText).joined(separator: ";")])
            }
        case .sources:
            for s in bundle.sources { csv.row([s.id, s.name]) }
        case .groups:
            for g in bundle.groups { csv.row([g.id, g.name, g.parentID]) }
        case .customers:
            for c in bundle.customers { writeCustomer(c) }
        case .campaigns:
            for c in bundle.campaigns {
                csv.row([c.id, c.name, c.code, list(c.stages), c.startsOn?.description, c.endsOn?.description,
                         c.allowDuplicates ? "true" : "false"])
            }
        case .opportunities:
            for o in bundle.opportunities { writeOpportunity(o) }
        case .calls:
            for c in bundle.calls { writeCall(c) }
        case .tasks:
            for t in bundle.tasks { writeTask(t) }
        case .orders:
            for o in bundle.orders { writeOrder(o) }
        case .orderLines:
            for l in bundle.orderLines {
                csv.row([l.orderID, l.productCode, l.name, String(l.quantity), String(l.unitPrice)])
            }
        case .payments:
            for p in bundle.payments {
                csv.fields([p.id, p.orderID, String(p.amount)])
                time(p.paidAt)
                csv.field(p.method)
                csv.endRow()
            }
        }
        return csv.bytes
    }

    private mutating func writeCustomer(_ c: CustomerRecord) {
        csv.fields([c.id, c.name, list(c.phones), list(c.emails), c.address, list(c.sourceIDs), list(c.groupIDs),
                    c.ownerEmail])
        time(c.createdAt)
        time(c.deletedAt)
        csv.endRow()
    }

    private mutating func writeOpportunity(_ o: OpportunityRecord) {
        csv.fields([o.id, o.customerID, o.campaignID, o.ownerEmail, o.stage, o.value.map { String($0) }])
        time(o.createdAt)
        time(o.deletedAt)
        csv.endRow()
    }

    private mutating func writeCall(_ c: CallRecord) {
        csv.fields([c.id, c.provider, c.direction.rawValue, c.extension, c.userEmail, c.remoteNumber])
        time(c.startedAt)
        time(c.answeredAt)
        time(c.endedAt)
        csv.fields([c.totalSeconds.map { String($0) }, String(c.talkSeconds), c.result?.rawValue, c.recordingURL])
        csv.endRow()
    }

    private mutating func writeTask(_ t: TaskRecord) {
        csv.fields([t.id, t.type.rawValue, t.title, t.customerID, t.opportunityID, t.assigneeEmail, t.createdByEmail])
        time(t.createdAt)
        time(t.dueAt)
        csv.field(t.status.rawValue)
        time(t.completedAt)
        csv.endRow()
    }

    private mutating func writeOrder(_ o: OrderRecord) {
        csv.fields([o.id, o.customerID, o.opportunityID, o.createdByEmail])
        time(o.createdAt)
        csv.fields([String(o.total), o.status.rawValue])
        csv.endRow()
    }

    private mutating func time(_ date: Date?) {
        guard let date else { return csv.field(nil) }
        csv.time(date, &formatter)
    }

    private func list(_ items: [String]) -> String? {
        items.isEmpty ? nil : items.joined(separator: ";")
    }

    private func count(of file: BundleFile, in bundle: DataBundle) -> Int {
        switch file {
        case .settings: bundle.settings.count
        case .departments: bundle.departments.count
        case .users: bundle.users.count
        case .sources: bundle.sources.count
        case .groups: bundle.groups.count
        case .customers: bundle.customers.count
        case .campaigns: bundle.campaigns.count
        case .opportunities: bundle.opportunities.count
        case .calls: 2 * bundle.calls.count
        case .tasks: bundle.tasks.count
        case .orders: bundle.orders.count
        case .orderLines: bundle.orderLines.count
        case .payments: bundle.payments.count
        }
    }
}

extension CSVWriter {
    /// Appends several fields to the current row.
    mutating func fields(_ texts: [String?]) {
        for text in texts { field(text) }
    }
}
