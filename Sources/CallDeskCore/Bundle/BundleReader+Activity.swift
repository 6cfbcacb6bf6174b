import Foundation

/// calls.csv and tasks.csv (domain.md, "Calls", "Tasks and appointments").
extension BundleParser {
    func callReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], provider = columns["provider"], direction = columns["direction"]
        let ext = columns["extension"], user = columns["user_email"], remote = columns["remote_number"]
        let startedAt = columns["started_at"], answeredAt = columns["answered_at"], endedAt = columns["ended_at"]
        let total = columns["total_seconds"], talk = columns["talk_seconds"], result = columns["result"]
        let recording = columns["recording_url"]
        return { row in
            let mark = self.errors.count
            let providerValue = row.key(provider) ?? "import"
            var idValue = row.requiredKey(id)
            if let callID = idValue {  // a PBX call id is unique per provider (domain.md, "Calls")
                let key = PairKey(first: providerValue, second: callID)
                if let first = self.callLines[key] {
                    row.fail(id, "duplicate call id \(quoted(callID)) from provider \(quoted(providerValue)); "
                             + "it is already used on line \(first)")
                    idValue = nil
                } else {
                    self.callLines[key] = row.line
                }
            }
            let directionValue: CallDirection? = row.choice(direction, "direction", required: true)
            let extensionValue = row.key(ext)
            let userEmail = row.userEmail(user)
            let remoteNumber = row.requiredKey(remote)
            let started = row.time(startedAt, required: true)
            let answered = row.time(answeredAt)
            let ended = row.time(endedAt)
            let totalSeconds = row.number(total, .seconds)
            let talkSeconds = row.number(talk, .seconds, required: true)
            if let totalSeconds, let talkSeconds, talkSeconds > totalSeconds {
                row.fail(talk, "talk_seconds (\(talkSeconds)) is greater than total_seconds (\(totalSeconds))")
            }
            let resultValue: CallResult? = row.choice(result, "result")
            let recordingURL = row.key(recording)
            row.checkNotBefore(answeredAt, answered, startedAt, started, warnOnly: true)
            row.checkNotBefore(endedAt, ended, startedAt, started, warnOnly: true)
            guard let idValue, let directionValue, let remoteNumber, let started, let talkSeconds,
                  self.errors.count == mark
            else { return }
            self.bundle.calls.append(CallRecord(
                line: row.line, id: idValue, provider: providerValue, direction: directionValue,
                extension: extensionValue, userEmail: userEmail, remoteNumber: remoteNumber, startedAt: started,
                answeredAt: answered, endedAt: ended, totalSeconds: totalSeconds.map { Int($0) },
                talkSeconds: Int(talkSeconds), result: resultValue, recordingURL: recordingURL))
        }
    }

    func taskReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], type = columns["type"], title = columns["title"]
        let customer = columns["customer_id"], opportunity = columns["opportunity_id"]
        let assignee = columns["assignee_email"], createdBy = columns["created_by_email"]
        let createdAt = columns["created_at"], dueAt = columns["due_at"], status = columns["status"]
        let completedAt = columns["completed_at"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let typeValue: TaskType? = row.choice(type, "task type", required: true)
            let titleValue = row.requiredText(title)
            let customerID = row.reference(customer, .customer)
            let opportunityID = row.reference(opportunity, .opportunity)
            self.checkOpportunityCustomer(row, opportunity, opportunityID, customerID)
            let assigneeEmail = row.userEmail(assignee)
            let createdByEmail = row.userEmail(createdBy)
            let created = row.time(createdAt, required: true)
            let due = row.time(dueAt)
            let statusValue: TaskStatus? = row.choice(status, "task status", required: true)
            let completed = row.time(completedAt)
            row.checkNotBefore(completedAt, completed, createdAt, created)
            guard let idValue, let typeValue, let titleValue, let created, let statusValue,
                  self.errors.count == mark
            else { return }
            self.bundle.tasks.append(TaskRecord(
                line: row.line, id: idValue, type: typeValue, title: titleValue, customerID: customerID,
                opportunityID: opportunityID, assigneeEmail: assigneeEmail, createdByEmail: createdByEmail,
                createdAt: created, dueAt: due, status: statusValue, completedAt: completed))
        }
    }
}
