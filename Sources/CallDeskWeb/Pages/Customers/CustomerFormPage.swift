import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/customers/new`: create a customer with several labelled phones. Wrong input re-renders the
/// form with a message under each field (Vietnamese, then English).
enum CustomerFormPage {
    /// Empty phone rows under the filled ones (at least this many rows in all).
    static let phoneRows = 3
    /// At most this many numbers per customer from the form.
    static let maximumPhones = 10

    /// The form as posted: fixed fields plus `phoneN` / `labelN` pairs for as many rows as the page drew.
    struct Form {
        var name: String?
        var email: String?
        var address: String?
        var owner: String?
        var phones: [CustomerDraft.Phone] = []

        init(name: String? = nil, email: String? = nil, address: String? = nil, owner: String? = nil,
             phones: [CustomerDraft.Phone] = []) {
            self.name = name
            self.email = email
            self.address = address
            self.owner = owner
            self.phones = phones
        }

        init(_ request: Request) throws {
            let fields = try request.content.decode([String: String].self)
            name = fields["name"]
            email = fields["email"]
            address = fields["address"]
            owner = fields["owner"]
            phones = (0..<CustomerFormPage.maximumPhones).map {
                CustomerDraft.Phone(label: fields["label\($0)"] ?? "", raw: fields["phone\($0)"] ?? "")
            }
            while let last = phones.last, last.raw.isEmpty, last.label.isEmpty { phones.removeLast() }
        }

        /// The rows to draw: what was typed, then empty rows up to ``phoneRows`` (one empty row at least while
        /// there is room).
        var rows: [CustomerDraft.Phone] {
            var rows = phones
            let blank = CustomerDraft.Phone(label: "", raw: "")
            if rows.count < CustomerFormPage.maximumPhones { rows.append(blank) }
            while rows.count < CustomerFormPage.phoneRows { rows.append(blank) }
            return rows
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        var form = Form(owner: "user:\(viewer.id)")
        // "Create customer" from an inbound call's screen pop arrives with the caller's number.
        if let phone = QueryItems(request.url.query ?? "")["phone"], !phone.isEmpty {
            form.phones = [CustomerDraft.Phone(label: "", raw: String(phone.prefix(40)))]
        }
        return Layout.response(render(context, access: access, form: form, errors: [:]))
    }

    /// The posted form checked: the owner (`user:ID` or empty) against the viewer's scope — a customer must stay
    /// visible to whoever saves it — and the draft against the phone rules. `phones` is nil when anything is wrong;
    /// `errors` then holds a message per field, in the page's language.
    static func checked(_ form: Form, access: ViewerAccess, context: PageContext)
        -> (draft: CustomerDraft, phones: [CustomerDraft.ValidPhone]?, errors: [String: String]) {
        let lang = context.lang
        var ownerID: Int64?
        var errors: [String: String] = [:]
        if let owner = form.owner, owner.hasPrefix("user:") { ownerID = Int64(owner.dropFirst(5)) }
        if !access.sees(ownerID: ownerID) || (ownerID != nil && !access.people.contains { $0.id == ownerID }) {
            errors["owner"] = lang.t("Bạn chỉ có thể giao khách cho người trong phạm vi của mình",
                                     "You can only give the customer to someone within your scope")
        }
        let draft = CustomerDraft(name: form.name ?? "", phones: form.phones, email: form.email ?? "",
                                  address: form.address ?? "", ownerID: ownerID)
        switch draft.validate(region: context.settings.phoneRegion) {
        case .failure(let problems):
            errors.merge(lang.pick(problems.fields)) { a, _ in a }
            return (draft, nil, errors)
        case .success(let phones):
            return (draft, errors.isEmpty ? phones : nil, errors)
        }
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let form = try Form(request)
        let (draft, phones, errors) = checked(form, access: access, context: context)
        if let phones {
            let id = try await CustomerCreation.create(draft, phones: phones, createdBy: viewer.id, now: Date(),
                                                       on: request.db)
            request.logger.info("customer created", metadata: ["customer": "\(id)", "by": "\(viewer.id)"])
            return request.redirect(to: "/customers/\(id)")
        }
        return Layout.response(render(context, access: access, form: form, errors: errors), status: .badRequest)
    }

    // MARK: - Edit

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        guard let id = request.parameters.get("id", as: Int64.self),
              let customer = try await CustomerChanges.editable(id: id, access: access, on: request.db) else {
            return try CustomerPage.notFound(request)
        }
        let form = Form(name: customer.name, email: customer.email, address: customer.address,
                        owner: customer.ownerID.map { "user:\($0)" } ?? "", phones: customer.phones)
        let mayDelete = try await ViewerAccess.permits(viewerID: viewer.id, module: "customers", action: "delete", on: request.db)
        return Layout.response(render(context, access: access, form: form, errors: [:], editing: customer, mayDelete: mayDelete))
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        guard let id = request.parameters.get("id", as: Int64.self),
              let customer = try await CustomerChanges.editable(id: id, access: access, on: request.db) else {
            return try CustomerPage.notFound(request)
        }
        let form = try Form(request)
        let (draft, phones, errors) = checked(form, access: access, context: context)
        if let phones {
            do {
                try await CustomerChanges.update(id: id, draft: draft, phones: phones, access: access, by: viewer.id,
                                                 now: Date(), on: request.db)
            } catch CustomerChanges.Refusal.notFound {
                return try CustomerPage.notFound(request)
            }
            request.logger.info("customer changed", metadata: ["customer": "\(id)", "by": "\(viewer.id)"])
            return request.redirect(to: "/customers/\(id)?done=saved")
        }
        let mayDelete = try await ViewerAccess.permits(viewerID: viewer.id, module: "customers", action: "delete", on: request.db)
        return Layout.response(render(context, access: access, form: form, errors: errors, editing: customer,
                                      mayDelete: mayDelete), status: .badRequest)
    }

    // MARK: - As you type

    /// `GET /customers/phone-check?phone=…&except=ID`: what the phone rules make of a number, and which other
    /// customers have it (named only when the viewer may see them). The form's script calls it as you type.
    struct PhoneCheck: Content {
        struct Other: Content { var name: String?; var code: String?; var url: String? }
        var valid: Bool
        var message: String?
        var others: [Other]
    }

    @Sendable static func phoneCheck(_ request: Request) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        let viewer = try request.pageViewer()
        let items = QueryItems(request.url.query ?? "")
        let raw = (items["phone"] ?? "").trimmingCharacters(in: .whitespaces)
        var answer = PhoneCheck(valid: true, message: nil, others: [])
        if !raw.isEmpty {
            switch PhoneNumbers.normalize(String(raw.prefix(40)), region: context.settings.phoneRegion) {
            case .number(let number):
                if let key = number.matchKey {
                    let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
                    let owners = try await CustomerChanges.phoneOwners(matchKey: key, except: items["except"].flatMap { Int64($0) },
                                                                       access: access, on: request.db)
                    answer.others = owners.map {
                        PhoneCheck.Other(name: $0.name ?? lang.t("một khách hàng ngoài phạm vi của bạn",
                                                                  "a customer outside what you may see"),
                                         code: $0.code, url: $0.id.map { "/customers/\($0)" })
                    }
                    if !owners.isEmpty {
                        answer.message = lang.t("Số này đã có ở khách hàng khác:", "Another customer has this number:")
                    }
                }
            case .internalExtension:
                answer.valid = false
                answer.message = lang.t("Đây là số máy nhánh nội bộ, không phải số khách hàng",
                                        "This is an internal extension, not a customer's number")
            case .invalid(let reason):
                answer.valid = false
                answer.message = lang.t("Số điện thoại không hợp lệ: " + PhoneNumbers.vietnamese(reason: reason),
                                        "Not a phone number: " + reason)
            }
        }
        let response = try await answer.encodeResponse(for: request)
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    /// `mayDelete`: the viewer's role has customers/delete (otherwise the delete panel is not offered).
    static func render(_ context: PageContext, access: ViewerAccess, form: Form, errors: [String: String],
                       editing: CustomerChanges.Editable? = nil, mayDelete: Bool = false) -> String {
        let lang = context.lang
        var owners: [(value: String, label: String)] = []
        if access.scope.scope == .all { owners.append(("", lang.t("Chưa phụ trách", "Unassigned"))) }
        owners += access.people.filter { $0.active || "user:\($0.id)" == form.owner }.map { ("user:\($0.id)", $0.name) }
        let phones = form.rows
        var phoneRows: [Markup] = []
        for index in phones.indices {
            let error = errors["phone.\(index)"]
            phoneRows.append(Tag.div(error == nil ? "phone-row" : "phone-row invalid", [
                Tag.void("input", [("type", "text"), ("name", "label\(index)"), ("value", phones[index].label),
                                   ("placeholder", lang.t("Nhãn (Di động, Công ty…)", "Label (Mobile, Office…)")),
                                   ("aria-label", lang.t("Nhãn số \(index + 1)", "Label of number \(index + 1)"))]),
                Tag.void("input", [("type", "tel"), ("name", "phone\(index)"), ("id", "phone\(index)"),
                                   ("value", phones[index].raw), ("placeholder", "0912 345 678"), ("data-phone-check", ""),
                                   ("aria-label", lang.t("Số điện thoại \(index + 1)", "Phone \(index + 1)"))]),
                error.map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
                Tag.el("p", [("class", "phone-check"), ("aria-live", "polite")], []),
            ]))
        }
        let action = editing.map { "/customers/\($0.id)/edit" } ?? "/customers"
        let cancel = editing.map { "/customers/\($0.id)" } ?? "/customers"
        let title = editing.map { lang.t("Sửa khách hàng", "Edit customer") + " · " + ($0.code ?? $0.name) }
            ?? lang.t("Thêm khách hàng", "New customer")
        let deleteForm: Markup = editing.flatMap { mayDelete ? $0 : nil }.map { customer in
            Tag.el("form", [("method", "post"), ("action", "/customers/\(customer.id)/delete"), ("class", "panel danger-zone"),
                            ("id", "customer-delete"),
                            ("data-confirm", lang.t("Xóa khách hàng \(customer.name)? Quản trị viên có thể khôi phục lại.",
                                                    "Delete the customer \(customer.name)? An administrator can restore it."))], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.el("h2", [], [.text(lang.t("Xóa khách hàng", "Delete the customer"))]),
                Tag.el("p", [("class", "hint")], [.text(lang.t(
                    "Khách hàng biến khỏi danh sách, báo cáo và tìm kiếm; lịch sử chăm sóc được giữ lại và quản trị viên có thể khôi phục.",
                    "The customer leaves lists, reports and search; the care history is kept and an administrator can restore it."))]),
                Tag.el("button", [("type", "submit"), ("class", "button danger")], [.text(lang.t("Xóa khách hàng", "Delete customer"))]),
            ])
        } ?? .empty
        return Layout.page(context, title: title, section: .customers, content: [
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.", "Not saved yet: fix the marked fields below."))]),
            Tag.el("form", [("method", "post"), ("action", action), ("class", "panel form-grid"), ("id", "customer-form"),
                            ("data-customer", editing.map { String($0.id) })], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Tên khách hàng", "Customer name"), name: "name", value: form.name ?? "",
                          error: errors["name"], required: true),
                Tag.div(errors["phones"] == nil ? "field" : "field invalid", [
                    Tag.el("label", [("for", "phone0")], [.text(lang.t("Số điện thoại", "Phone numbers"))]),
                    .group(phoneRows),
                    errors["phones"].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
                    Tag.el("p", [("class", "hint")], [.text(lang.t(
                        "Nhập theo bất kỳ cách viết nào: 0912 345 678, +84 912-345-678, 84912345678…",
                        "Any format works: 0912 345 678, +84 912-345-678, 84912345678…"))]),
                ]),
                Tag.field("Email", name: "email", value: form.email ?? "", type: "email", error: errors["email"]),
                Tag.field(lang.t("Địa chỉ", "Address"), name: "address", value: form.address ?? ""),
                Tag.div(errors["owner"] == nil ? "field" : "field invalid", [
                    Tag.el("label", [("for", "owner")], [.text(lang.t("Người phụ trách", "Owner"))]),
                    Tag.select("owner", owners, selected: form.owner ?? ""),
                    errors["owner"].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
                ]),
                Tag.div("form-actions", [
                    Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Lưu khách hàng", "Save customer"))]),
                    Tag.link(cancel, lang.t("Hủy", "Cancel"), class: "button"),
                ]),
            ]),
            deleteForm,
        ])
    }
}
