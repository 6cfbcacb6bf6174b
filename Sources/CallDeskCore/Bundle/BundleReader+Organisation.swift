import Foundation

/// settings.csv, departments.csv, users.csv, sources.csv, groups.csv (domain.md, "Organisation").
extension BundleParser {
    static let settingKeys = ["company_name", "time_zone", "currency", "phone_region", "locale"]

    func settingReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let key = columns["key"], value = columns["value"]
        return { row in
            let name = row.requiredKey(key)
            let text = row.requiredKey(value)
            guard let name else { return }
            if let first = self.settingLines[name] {
                return row.fail(key, "setting \(quoted(name)) is already set on line \(first)")
            }
            self.settingLines[name] = row.line
            guard Self.settingKeys.contains(name) else {
                let known = Self.settingKeys.joined(separator: ", ")
                return row.fail(key, "unknown setting \(quoted(name)); the settings are \(known)")
            }
            guard let text else { return }
            if let problem = Self.settingProblem(name, text) {
                return row.fail(value, problem)
            }
            self.bundle.settings[name] = text
        }
    }

    private static func settingProblem(_ name: String, _ value: String) -> String? {
        func isCode(_ length: Int) -> Bool {
            value.utf8.count == length && value.utf8.allSatisfy { (0x41...0x5A).contains($0) }
        }
        switch name {
        case "time_zone" where TimeZone(identifier: value) == nil:
            return "\(quoted(value)) is not a known time zone; use an IANA name (e.g. Asia/Ho_Chi_Minh)"
        case "currency" where !isCode(3):
            return "\(quoted(value)) is not a currency code; use 3 capital letters (e.g. VND)"
        case "phone_region" where !isCode(2):
            return "\(quoted(value)) is not a region code; use 2 capital letters (e.g. VN)"
        case "locale" where value != "vi" && value != "en":
            return "\(quoted(value)) is not a supported locale; use vi or en"
        default:
            return nil
        }
    }

    func departmentReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], name = columns["name"], parent = columns["parent_id"], head = columns["head_email"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let nameValue = row.requiredText(name)
            let parentID = row.reference(parent, .department)
            let headEmail = row.userEmail(head)
            if let idValue, let parentID { self.parents[idValue] = (parentID, row.line) }
            guard let idValue, let nameValue, self.errors.count == mark else { return }
            self.bundle.departments.append(DepartmentRecord(
                line: row.line, id: idValue, name: nameValue, parentID: parentID, headEmail: headEmail))
        }
    }

    func userReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], name = columns["name"], email = columns["email"]
        let department = columns["department_id"], role = columns["role"], active = columns["active"]
        let extensions = columns["extensions"], password = columns["password"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let nameValue = row.requiredText(name)
            let emailValue = self.uniqueEmail(row, email, userID: idValue ?? "")
            let departmentID = row.reference(department, .department)
            let roleValue: RoleCode? = row.choice(role, "role")
            let activeValue = row.flag(active)
            let extensionRefs = self.extensions(row, extensions, userID: idValue ?? "")
            let passwordValue = row.text(password)
            guard let idValue, let nameValue, let emailValue, self.errors.count == mark else { return }
            self.bundle.users.append(UserRecord(
                line: row.line, id: idValue, name: nameValue, email: emailValue, departmentID: departmentID,
                role: roleValue ?? .sales, active: activeValue ?? true, extensions: extensionRefs,
                password: passwordValue))
        }
    }

    /// users.csv `email`: required, email-shaped, unique ignoring case; kept as written.
    private func uniqueEmail(_ row: BundleRow, _ column: BundleCol, userID: String) -> String? {
        guard let email = row.requiredKey(column) else { return nil }
        guard email.looksLikeEmail else {
            row.fail(column, "\(quoted(email)) is not an email address")
            return nil
        }
        let folded = email.lowercased()
        if let first = userEmails[folded] {
            row.fail(column, "email \(quoted(email)) is already used by user \(quoted(first.id)) on line "
                     + "\(first.line) (emails are compared ignoring case)")
            return nil
        }
        userEmails[folded] = (userID, row.line)
        return email
    }

    /// users.csv `extensions`: `101;VFONE:212`, each given to one user only (telesales-report.md R13:
    /// an untagged extension matches calls from every provider, so it clashes with any tag).
    private func extensions(_ row: BundleRow, _ column: BundleCol, userID: String) -> [ExtensionRef] {
        var refs: [ExtensionRef] = []
        for item in row.list(column) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces }
            let number = parts.last ?? ""
            // Provider codes compare ignoring case (R13 matching is case-insensitive): kept upper-cased.
            let code = parts.count == 2 ? parts[0].uppercased() : nil
            let isCode = code.map { !$0.isEmpty && $0.utf8.allSatisfy { $0.isCodeCharacter } } ?? true
            guard parts.count <= 2, isCode, (2...8).contains(number.utf8.count),
                  number.utf8.allSatisfy({ (0x30...0x39).contains($0) })
            else {
                row.fail(column, "\(quoted(item)) is not an extension; use 2 to 8 digits, optionally after a "
                         + "provider code (e.g. 101 or VFONE:212)")
                continue
            }
            let ref = ExtensionRef(number: number, providerCode: code)
            let owners = extensionOwners[number] ?? []
            let clash = owners.first { $0.ref.providerCode == code || $0.ref.providerCode == nil || code == nil }
            if let clash {
                let sameRow = clash.line == row.line
                row.fail(column, Self.extensionClash(ref, clash.ref, clash.userID, clash.line, sameRow: sameRow))
                continue
            }
            extensionOwners[number, default: []].append((ref, userID, row.line))
            refs.append(ref)
        }
        return refs
    }

    private static func extensionClash(
        _ ref: ExtensionRef, _ other: ExtensionRef, _ userID: String, _ line: Int, sameRow: Bool
    ) -> String {
        let why = ref.providerCode == other.providerCode
            ? ""
            : ": an untagged extension matches calls from every provider"
        if sameRow {
            return ref == other
                ? "extension \(ref.bundleText) is listed twice"
                : "extension \(ref.bundleText) overlaps \(other.bundleText) in the same list\(why)"
        }
        let whose = "user \(quoted(userID)) on line \(line)"
        return ref == other
            ? "extension \(ref.bundleText) is already given to \(whose); an extension belongs to one user at a time"
            : "extension \(ref.bundleText) clashes with \(other.bundleText) of \(whose)\(why)"
    }

    func sourceReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], name = columns["name"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let nameValue = row.requiredText(name)
            guard let idValue, let nameValue, self.errors.count == mark else { return }
            self.bundle.sources.append(SourceRecord(line: row.line, id: idValue, name: nameValue))
        }
    }

    func groupReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], name = columns["name"], parent = columns["parent_id"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let nameValue = row.requiredText(name)
            let parentID = row.reference(parent, .group)
            if let idValue, let parentID { self.parents[idValue] = (parentID, row.line) }
            guard let idValue, let nameValue, self.errors.count == mark else { return }
            self.bundle.groups.append(GroupRecord(line: row.line, id: idValue, name: nameValue, parentID: parentID))
        }
    }

    /// Reports every department (or group) on a cycle of `parent_id` links: a tree has none.
    func checkCycles(noun: String) {
        var state: [String: Bool] = [:]  // false: on the path being walked; true: done
        for start in parents.keys.sorted() where state[start] == nil {
            var path: [String] = []
            var node = start
            while state[node] == nil, let link = parents[node] {
                state[node] = false
                path.append(node)
                node = link.parent
            }
            if state[node] == false, let first = path.firstIndex(of: node) {
                let cycle = Array(path[first...])
                for (offset, member) in cycle.enumerated() {
                    let loop = (cycle[offset...] + cycle[..<offset] + [member]).joined(separator: " → ")
                    error(line: parents[member]?.line ?? 1, "parent_id",
                          "\(noun) \(quoted(member)) is in a cycle of parent_id links (\(loop)); "
                          + "a \(noun) cannot be inside itself")
                }
            }
            for member in path { state[member] = true }
        }
    }
}

extension UInt8 {
    /// A letter, digit, `_` or `-`: what a PBX provider code is made of.
    fileprivate var isCodeCharacter: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
            || self == 0x5F || self == 0x2D
    }
}
