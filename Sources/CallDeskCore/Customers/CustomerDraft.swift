/// A customer as typed into the create form, before it is stored (domain.md "Customer").
public struct CustomerDraft: Sendable, Equatable {
    /// One labelled phone, as typed.
    public struct Phone: Sendable, Equatable {
        public var label: String
        public var raw: String
        public init(label: String, raw: String) {
            self.label = label
            self.raw = raw
        }
    }

    public var name: String
    public var phones: [Phone]
    public var email: String
    public var address: String
    public var ownerID: Int64?

    public init(name: String, phones: [Phone], email: String, address: String, ownerID: Int64?) {
        self.name = name
        self.phones = phones
        self.email = email
        self.address = address
        self.ownerID = ownerID
    }

    /// A phone that passed the rules: what to store (raw as typed, and the key calls match on).
    public struct ValidPhone: Sendable, Equatable {
        public var label: String
        public var raw: String
        /// nil for hotlines (kept, never matched).
        public var matchKey: String?
    }

    /// Field → message, Vietnamese then English. Keys: `name`, `phones`, `phone.<index>`, `email`.
    public struct Problems: Error, Sendable, Equatable {
        public var fields: [String: String]
    }

    /// Checks the draft against the phone rules (phone-numbers.md) and the obvious ones: a name, at
    /// least one phone, a plausible email. Empty phone rows are ignored.
    public func validate(region: String) -> Result<[ValidPhone], Problems> {
        var problems: [String: String] = [:]
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems["name"] = "Nhập tên khách hàng · Enter the customer's name"
        }
        var valid: [ValidPhone] = []
        var seen: Set<String> = []
        for (index, phone) in phones.enumerated() {
            let raw = phone.raw.trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty else { continue }
            switch PhoneNumbers.normalize(raw, region: region) {
            case .number(let number):
                if !seen.insert(number.e164).inserted {
                    problems["phone.\(index)"] = "Số này đã nhập ở trên · This number is already listed above"
                }
                let label = phone.label.trimmingCharacters(in: .whitespaces)
                valid.append(ValidPhone(label: label.isEmpty ? Self.label(of: number.kind) : label, raw: raw,
                                        matchKey: number.matchKey))
            case .internalExtension:
                problems["phone.\(index)"] = "\"\(raw)\" là số máy nhánh nội bộ, không phải số khách hàng"
                    + " · \"\(raw)\" is an internal extension, not a customer's number"
            case .invalid(let reason):
                problems["phone.\(index)"] = "Số điện thoại không hợp lệ: \(PhoneNumbers.vietnamese(reason: reason)) · Not a phone number: \(reason)"
            }
        }
        if valid.isEmpty && !problems.keys.contains(where: { $0.hasPrefix("phone.") }) {
            problems["phones"] = "Nhập ít nhất một số điện thoại · Enter at least one phone number"
        }
        let email = email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
                problems["email"] = "Email không hợp lệ, ví dụ lan@example.vn · Not an email address, e.g. lan@example.vn"
            }
        }
        return problems.isEmpty ? .success(valid) : .failure(Problems(fields: problems))
    }

    /// The label a phone gets when the user gave none.
    public static func label(of kind: PhoneKind) -> String {
        switch kind {
        case .mobile: return "Di động"
        case .landline: return "Cố định"
        case .service: return "Tổng đài"
        case .foreign: return "Quốc tế"
        }
    }
}
