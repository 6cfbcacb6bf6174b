import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/customers/new`: create a customer with several labelled phones. Wrong input re-renders the
/// form with a message under each field (Vietnamese, then English).
enum CustomerFormPage {
    static let phoneRows = 3

    struct Form: Content {
        var name: String?
        var email: String?
        var address: String?
        var owner: String?
        var phone0: String?, phone1: String?, phone2: String?
        var label0: String?, label1: String?, label2: String?

        var phones: [CustomerDraft.Phone] {
            zip([label0, label1, label2], [phone0, phone1, phone2]).map {
                CustomerDraft.Phone(label: $0 ?? "", raw: $1 ?? "")
            }
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        var form = Form(owner: "user:\(viewer.id)")
        // "Create customer" from an inbound call's screen pop arrives with the caller's number.
        if let phone = QueryItems(request.url.query ?? "")["phone"], !phone.isEmpty {
            form.phone0 = String(phone.prefix(40))
        }
        return Layout.response(render(context, access: access, form: form, errors: [:]))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let form = try request.content.decode(Form.self)
        var ownerID: Int64?
        var errors: [String: String] = [:]
        if let owner = form.owner, owner.hasPrefix("user:") {
            ownerID = Int64(owner.dropFirst(5))
        }
        // The new customer must stay visible to whoever creates it: scope decides who may own it.
        if !access.sees(ownerID: ownerID) || (ownerID != nil && !access.people.contains { $0.id == ownerID }) {
            errors["owner"] = lang.t("Bạn chỉ có thể giao khách cho người trong phạm vi của mình",
                                     "You can only give the customer to someone within your scope")
        }
        let draft = CustomerDraft(name: form.name ?? "", phones: form.phones, email: form.email ?? "",
                                  address: form.address ?? "", ownerID: ownerID)
        switch draft.validate(region: context.settings.phoneRegion) {
        case .failure(let problems):
            errors.merge(problems.fields) { a, _ in a }
        case .success(let phones) where errors.isEmpty:
            let id = try await CustomerCreation.create(draft, phones: phones, createdBy: viewer.id, now: Date(),
                                                       on: request.db)
            request.logger.info("customer created", metadata: ["customer": "\(id)", "by": "\(viewer.id)"])
            return request.redirect(to: "/customers/\(id)")
        case .success:
            break
        }
        return Layout.response(render(context, access: access, form: form, errors: errors), status: .badRequest)
    }

    static func render(_ context: PageContext, access: ViewerAccess, form: Form, errors: [String: String]) -> String {
        let lang = context.lang
        var owners: [(value: String, label: String)] = []
        if access.scope.scope == .all { owners.append(("", lang.t("Chưa phụ trách", "Unassigned"))) }
        owners += access.people.filter(\.active).map { ("user:\($0.id)", $0.name) }
        let phones = form.phones
        var phoneRows: [Markup] = []
        for index in 0..<Self.phoneRows {
            let error = errors["phone.\(index)"]
            phoneRows.append(Tag.div(error == nil ? "phone-row" : "phone-row invalid", [
                Tag.void("input", [("type", "text"), ("name", "label\(index)"), ("value", phones[index].label),
                                   ("placeholder", lang.t("Nhãn (Di động, Công ty…)", "Label (Mobile, Office…)")),
                                   ("aria-label", lang.t("Nhãn số \(index + 1)", "Label of number \(index + 1)"))]),
                Tag.void("input", [("type", "tel"), ("name", "phone\(index)"), ("id", "phone\(index)"),
                                   ("value", phones[index].raw), ("placeholder", "0912 345 678"),
                                   ("aria-label", lang.t("Số điện thoại \(index + 1)", "Phone \(index + 1)"))]),
                error.map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
            ]))
        }
        return Layout.page(context, title: lang.t("Thêm khách hàng", "New customer"), section: .customers, content: [
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.", "Not saved yet: fix the marked fields below."))]),
            Tag.el("form", [("method", "post"), ("action", "/customers"), ("class", "panel form-grid"), ("id", "customer-form")], [
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
                    Tag.link("/customers", lang.t("Hủy", "Cancel"), class: "button"),
                ]),
            ]),
        ])
    }
}
