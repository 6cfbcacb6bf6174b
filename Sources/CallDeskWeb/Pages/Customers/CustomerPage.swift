import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/customers/:id`: details and the care history. A customer outside the viewer's scope is a 404,
/// exactly like one that does not exist.
enum CustomerPage {
    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        guard let id = request.parameters.get("id", as: Int64.self),
              let record = try await CustomerProfile.load(id: id, access: access, on: request.db) else {
            return try notFound(request)
        }
        let notice = QueryItems(request.url.query ?? "")["done"] == "saved"
            ? (context.lang.t("Đã lưu thay đổi.", "Changes saved."), false) : nil
        return Layout.response(render(context, record, notice: notice))
    }

    /// The same 404 for a customer that does not exist and one outside the viewer's scope.
    static func notFound(_ request: Request) throws -> Response {
        let lang = try request.page.lang
        return try ErrorPage.response(request, status: .notFound,
                                      title: lang.t("Không tìm thấy khách hàng", "Customer not found"),
                                      message: lang.t("Khách hàng này không tồn tại, đã bị xóa, hoặc nằm ngoài phạm vi bạn được xem.",
                                                      "This customer does not exist, was deleted, or is outside what you may see."))
    }

    struct NoteForm: Content {
        var body: String?
    }

    /// `POST /customers/:id/notes`: adds a note, then back to the page (a reload does not post again).
    @Sendable static func addNote(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let form = try request.content.decode(NoteForm.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        do {
            try await CustomerNotes.add(customerID: id, body: form.body ?? "", authorID: viewer.id, access: access,
                                        now: Date(), on: request.db)
            return request.redirect(to: "/customers/\(id)")
        } catch CustomerNotes.Refusal.badBody {
            guard let record = try await CustomerProfile.load(id: id, access: access, on: request.db) else { throw Abort(.notFound) }
            let message = lang.t("Ghi chú không được để trống và tối đa \(CustomerNotes.longest) ký tự",
                                 "A note can't be empty and holds at most \(CustomerNotes.longest) characters")
            return Layout.response(render(context, record, note: (form.body ?? "", message)), status: .badRequest)
        } catch CustomerNotes.Refusal.notFound {
            return try notFound(request)
        }
    }

    struct CallForm: Content {
        var phone: String?
        var direction: String?
        var talk: String?
    }

    /// `POST /customers/:id/calls`: logs a call made outside the PBX, by the viewer, ending now.
    @Sendable static func logCall(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let form = try request.content.decode(CallForm.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        do {
            _ = try await ManualCalls.log(customerID: id, phone: form.phone ?? "",
                                          direction: form.direction == "inbound" ? .inbound : .outbound, talk: form.talk ?? "",
                                          userID: viewer.id, access: access, region: context.settings.phoneRegion, now: Date(),
                                          on: request.db)
            return request.redirect(to: "/customers/\(id)")
        } catch ManualCalls.Refusal.notFound {
            return try notFound(request)
        } catch let refusal as ManualCalls.Refusal {
            guard let record = try await CustomerProfile.load(id: id, access: access, on: request.db) else { throw Abort(.notFound) }
            let message = refusal == .badTalkTime
                ? lang.t("Thời gian đàm thoại theo dạng phút:giây (2:05) hoặc số giây, tối đa 4 giờ",
                         "Talk time as minutes:seconds (2:05) or seconds, at most 4 hours")
                : lang.t("Chọn một số điện thoại của khách hàng này", "Choose one of this customer's numbers")
            return Layout.response(render(context, record, callError: message), status: .badRequest)
        }
    }

    static func render(_ context: PageContext, _ record: CustomerProfile, note: (text: String, error: String)? = nil,
                       callError: String? = nil, notice: (text: String, error: Bool)? = nil) -> String {
        let lang = context.lang
        func row(_ label: String, _ value: [Markup]) -> Markup {
            Tag.div("detail-row", [Tag.span("detail-label", label), Tag.div("detail-value", value)])
        }
        let phones: [Markup] = record.phones.map { phone in
            Tag.div("phone-line", [
                Tag.span("phone", phone.raw), Tag.span("muted small", " · " + phone.label),
                phone.e164 == nil ? Tag.el("span", [("class", "badge warn")],
                                           [.text(lang.t("Không nhận dạng được số", "Unrecognised number"))]) : .empty,
            ])
        }
        return Layout.page(context, title: record.name, section: .customers,
                           subtitle: [record.code, record.kind == "company" ? lang.t("Doanh nghiệp", "Company")
                                        : lang.t("Cá nhân", "Person")].compactMap { $0 }.joined(separator: " · "),
                           actions: [
                               Tag.link("/customers", lang.t("← Danh sách khách hàng", "← Customer list"), class: "button"),
                               Tag.link("/customers/\(record.id)/edit", lang.t("Sửa", "Edit"), class: "button"),
                               Tag.link("/tasks/new?" + QueryString.encode([("type", "appointment"), ("customer", record.code ?? String(record.id))]),
                                        lang.t("+ Đặt lịch hẹn", "+ Book an appointment"), class: "button"),
                               Tag.link("/orders/new?" + QueryString.encode([("customer", record.code ?? String(record.id))]),
                                        lang.t("+ Tạo đơn hàng", "+ New order"), class: "button"),
                               Tag.link("/tasks/new?" + QueryString.encode([("type", "call"), ("customer", record.code ?? String(record.id))]),
                                        lang.t("+ Thêm công việc", "+ Add a task"), class: "button primary"),
                           ],
                           content: [
            Tag.notice(notice),
            Tag.div("two-columns", [
                Tag.el("section", [("class", "panel details")], [
                    Tag.el("h2", [], [.text(lang.t("Thông tin", "Details"))]),
                    row(lang.t("Số điện thoại", "Phones"), phones),
                    row("Email", [.text(record.emails.joined(separator: ", "))]),
                    row(lang.t("Địa chỉ", "Address"), [.text(record.address ?? "")]),
                    row(lang.t("Người phụ trách", "Owner"), [.text(record.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))]),
                    row(lang.t("Nguồn khách hàng", "Sources"), [.text(record.sources.joined(separator: ", "))]),
                    row(lang.t("Nhóm khách hàng", "Groups"), [.text(record.groups.joined(separator: ", "))]),
                    row(lang.t("Thời gian tạo", "Created"), [.text(context.time(record.createdAt))]),
                    record.phones.isEmpty ? .empty : Tag.el("form", [("method", "post"), ("action", "/customers/\(record.id)/calls"),
                                    ("id", "call-form"), ("class", callError == nil ? "field note-form" : "field note-form invalid")], [
                        Tag.hidden(WebSecurity.csrfField, context.csrf),
                        Tag.el("label", [("for", "call-phone")], [.text(lang.t("Ghi cuộc gọi ngoài tổng đài", "Log a call made outside the PBX"))]),
                        Tag.div("link-actions", [
                            Tag.select("phone", id: "call-phone", record.phones.map { ($0.raw, $0.raw) }, selected: record.phones[0].raw),
                            Tag.select("direction", id: "call-direction", [("outbound", lang.t("Gọi đi", "Outbound")),
                                                                          ("inbound", lang.t("Gọi đến", "Inbound"))], selected: "outbound"),
                            Tag.void("input", [("type", "text"), ("name", "talk"), ("size", "6"), ("placeholder", "2:05"),
                                               ("aria-label", lang.t("Thời gian đàm thoại", "Talk time"))]),
                            Tag.el("button", [("type", "submit"), ("class", "button small")], [.text(lang.t("Ghi", "Log"))]),
                        ]),
                        callError.map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? Tag.el("p", [("class", "hint")], [.text(lang.t(
                            "Đàm thoại 0 hoặc để trống: không nghe máy. Cuộc gọi tính cho bạn, kết thúc lúc này.",
                            "Talk time 0 or empty: not answered. The call counts as yours, ending now."))]),
                    ]),
                    Tag.el("form", [("method", "post"), ("action", "/customers/\(record.id)/notes"), ("id", "note-form"),
                                    ("class", note == nil ? "field note-form" : "field note-form invalid")], [
                        Tag.hidden(WebSecurity.csrfField, context.csrf),
                        Tag.el("label", [("for", "note-body")], [.text(lang.t("Thêm ghi chú", "Add a note"))]),
                        Tag.el("textarea", [("name", "body"), ("id", "note-body"), ("rows", "3"),
                                            ("placeholder", lang.t("Khách hẹn gọi lại sau 15h…", "Call back after 3 pm…"))],
                               [.text(note?.text ?? "")]),
                        note.map { Tag.el("p", [("class", "error")], [.text($0.error)]) } ?? .empty,
                        Tag.el("button", [("type", "submit"), ("class", "button small")], [.text(lang.t("Lưu ghi chú", "Save note"))]),
                    ]),
                ]),
                Tag.el("section", [("class", "panel timeline"), ("id", "customer-timeline"), ("data-live", "calls"),
                                   ("data-live-numbers", Set(record.phones.compactMap(\.e164)).sorted().joined(separator: " "))], [
                    Tag.el("h2", [], [.text(lang.t("Lịch sử chăm sóc", "Care history"))]),
                    record.events.isEmpty
                        ? Tag.el("p", [("class", "muted")], [.text(lang.t("Chưa có hoạt động nào.", "No activity yet."))])
                        : Tag.el("ol", [("class", "events")], record.events.map { event($0, context) }),
                ]),
            ]),
        ])
    }

    static func event(_ event: CustomerProfile.Event, _ context: PageContext) -> Markup {
        let lang = context.lang
        let kind: String
        var title = event.title
        var detail = event.detail ?? ""
        switch event.kind {
        case .call:
            kind = lang.t("Cuộc gọi", "Call")
            title = event.title == "outbound" ? lang.t("Gọi đi", "Outbound") : event.title == "inbound"
                ? lang.t("Gọi đến", "Inbound") : lang.t("Nội bộ", "Internal")
            let talk = event.amount ?? 0
            detail += " · " + (talk > 0 ? lang.t("đàm thoại \(talk / 60) phút \(talk % 60) giây", "talk time \(talk / 60) min \(talk % 60) s")
                                        : lang.t("không nghe máy", "not answered"))
        case .note: kind = lang.t("Ghi chú", "Note"); title = ""
        case .task: kind = lang.t("Công việc", "Task"); detail = status(detail, lang)
        case .appointment: kind = lang.t("Lịch hẹn", "Appointment"); detail = status(detail, lang)
        case .order:
            kind = lang.t("Đơn hàng", "Order")
            detail = status(detail, lang) + (event.amount.map { " · " + context.money($0) } ?? "")
        case .payment:
            kind = lang.t("Thanh toán", "Payment")
            detail = (event.amount.map(context.money) ?? "") + (detail.isEmpty ? "" : " · " + detail)
        case .groupAdded:
            kind = lang.t("Thêm vào nhóm", "Added to a group")
        case .campaign:
            kind = lang.t("Chiến dịch", "Campaign")
            detail = detail.isEmpty ? "" : lang.t("Giai đoạn: ", "Stage: ") + detail
        case .ownerChange:
            kind = lang.t("Đổi người phụ trách", "Owner changed")
            title = "\(event.title) → \(detail)"
            detail = ""
        }
        return Tag.el("li", [("class", "event \(event.kind.rawValue)")], [
            Tag.div("event-head", [Tag.span("event-kind", kind), Tag.span("event-time", context.time(event.at)),
                                   event.who.map { Tag.span("event-who", $0) } ?? .empty]),
            title.isEmpty ? .empty : Tag.div("event-title", [.text(title)]),
            detail.isEmpty ? .empty : Tag.div("event-detail", [.text(detail)]),
            event.link.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }.map { Tag.link($0, lang.t("Nghe ghi âm", "Play recording"), class: "small") } ?? .empty,
        ])
    }

    /// Task and order statuses in the page's language (domain.md values).
    static func status(_ code: String, _ lang: Lang) -> String {
        switch code {
        case "open": return lang.t("Đang mở", "Open")
        case "in_progress": return lang.t("Đang thực hiện", "In progress")
        case "done": return lang.t("Hoàn thành", "Done")
        case "cancelled": return lang.t("Đã hủy", "Cancelled")
        case "pending": return lang.t("Chờ duyệt", "Pending")
        case "approved": return lang.t("Đã duyệt", "Approved")
        case "delivered": return lang.t("Đã giao", "Delivered")
        default: return code
        }
    }
}
