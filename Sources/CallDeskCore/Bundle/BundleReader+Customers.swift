import Foundation

/// customers.csv, campaigns.csv, opportunities.csv (domain.md, "Customers", "Campaigns and opportunities").
extension BundleParser {
    func customerReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], name = columns["name"], phones = columns["phones"], emails = columns["emails"]
        let address = columns["address"], sources = columns["source_ids"], groups = columns["group_ids"]
        let owner = columns["owner_email"], createdAt = columns["created_at"], deletedAt = columns["deleted_at"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let nameValue = row.requiredText(name)
            let phoneList = row.list(phones)
            let emailList = row.list(emails)
            for email in emailList where !email.looksLikeEmail {
                row.warn(emails, "\(quoted(email)) does not look like an email address; it is imported as written")
            }
            let addressValue = row.text(address)
            let sourceIDs = row.references(sources, .source)
            let groupIDs = row.references(groups, .group)
            let ownerEmail = row.userEmail(owner)
            let created = row.time(createdAt, required: true)
            let deleted = row.time(deletedAt)
            row.checkNotBefore(deletedAt, deleted, createdAt, created)
            guard let idValue, let nameValue, let created, self.errors.count == mark else { return }
            self.bundle.customers.append(CustomerRecord(
                line: row.line, id: idValue, name: nameValue, phones: phoneList, emails: emailList,
                address: addressValue, sourceIDs: sourceIDs, groupIDs: groupIDs, ownerEmail: ownerEmail,
                createdAt: created, deletedAt: deleted))
        }
    }

    func campaignReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], name = columns["name"], code = columns["code"], stages = columns["stages"]
        let startsOn = columns["starts_on"], endsOn = columns["ends_on"], duplicates = columns["allow_duplicates"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let nameValue = row.requiredText(name)
            let codeValue = row.key(code)
            let stageList = row.list(stages)
            let starts = row.date(startsOn)
            let ends = row.date(endsOn)
            if let starts, let ends, ends < starts {
                row.fail(endsOn, "ends_on \(ends) is before starts_on \(starts)")
            }
            let allowDuplicates = row.flag(duplicates)
            guard let idValue, let nameValue, self.errors.count == mark else { return }
            self.campaignIndex[idValue] = self.bundle.campaigns.count
            self.bundle.campaigns.append(CampaignRecord(
                line: row.line, id: idValue, name: nameValue, code: codeValue, stages: stageList,
                startsOn: starts, endsOn: ends, allowDuplicates: allowDuplicates ?? false))
        }
    }

    func opportunityReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], customer = columns["customer_id"], campaign = columns["campaign_id"]
        let owner = columns["owner_email"], stage = columns["stage"], value = columns["value"]
        let createdAt = columns["created_at"], deletedAt = columns["deleted_at"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let customerID = row.reference(customer, .customer, required: true)
            let campaignID = row.reference(campaign, .campaign, required: true)
            let ownerEmail = row.userEmail(owner)
            let stageValue = row.key(stage)
            let amount = row.number(value, .money)
            let created = row.time(createdAt, required: true)
            let deleted = row.time(deletedAt)
            row.checkNotBefore(deletedAt, deleted, createdAt, created)
            if let idValue, let customerID { self.opportunityCustomers[idValue] = customerID }
            if let campaignID, let index = self.campaignIndex[campaignID] {
                let campaignRecord = self.bundle.campaigns[index]
                if let stageValue, !campaignRecord.stages.isEmpty, !campaignRecord.stages.contains(stageValue) {
                    row.warn(stage, "stage \(quoted(stageValue)) is not one of campaign \(quoted(campaignID))'s "
                             + "stages (\(campaignRecord.stages.joined(separator: ", ")))")
                }
                if let customerID, deleted == nil, !campaignRecord.allowDuplicates {
                    let pair = PairKey(first: campaignID, second: customerID)
                    if let first = self.campaignCustomers[pair] {
                        row.fail(customer, "customer \(quoted(customerID)) is already in campaign \(quoted(campaignID))"
                                 + " on line \(first), and the campaign does not allow duplicates (allow_duplicates)")
                    } else {
                        self.campaignCustomers[pair] = row.line
                    }
                }
            }
            guard let idValue, let customerID, let campaignID, let created, self.errors.count == mark else { return }
            self.bundle.opportunities.append(OpportunityRecord(
                line: row.line, id: idValue, customerID: customerID, campaignID: campaignID, ownerEmail: ownerEmail,
                stage: stageValue, value: amount, createdAt: created, deletedAt: deleted))
        }
    }

    /// An order's or a task's `opportunity_id` must name an opportunity of its `customer_id` (domain.md,
    /// "Tasks": a task that names an opportunity belongs to that opportunity's customer).
    func checkOpportunityCustomer(
        _ row: BundleRow, _ column: BundleCol, _ opportunityID: String?, _ customerID: String?
    ) {
        guard let opportunityID, let customerID, let owner = opportunityCustomers[opportunityID], owner != customerID
        else { return }
        row.fail(column, "opportunity \(quoted(opportunityID)) belongs to customer \(quoted(owner)), "
                 + "not to customer \(quoted(customerID)) named in customer_id")
    }
}

extension BundleRow {
    /// A `;`-separated list of ids naming records of `kind`, each noted as a reference.
    func references(_ column: BundleCol, _ kind: BundleReference.Kind) -> [String] {
        let values = list(column)
        for value in values { parser.reference(kind, value, line: line, column.name) }
        return values
    }

    /// Reports `later` (`deleted_at`) when it is before `earlier` (`created_at`); a warning if `warnOnly`.
    func checkNotBefore(
        _ laterColumn: BundleCol, _ later: Date?, _ earlierColumn: BundleCol, _ earlier: Date?, warnOnly: Bool = false
    ) {
        guard let later, let earlier, later < earlier else { return }
        let message = "\(laterColumn.name) \(key(laterColumn) ?? "") is before "
            + "\(earlierColumn.name) \(key(earlierColumn) ?? "")"
        if warnOnly { warn(laterColumn, message) } else { fail(laterColumn, message) }
    }
}
