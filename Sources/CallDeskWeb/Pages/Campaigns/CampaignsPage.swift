import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// `/campaigns` and `/campaigns/:id`: campaigns, one campaign's opportunities by stage with "move / assign"
/// on each card (`POST /campaigns/opportunities/:id`), and "add the customers this filter finds"
/// (`POST /campaigns/:id/customers`), in the viewer's scope (``CampaignBoard``).
enum CampaignsPage {
    @Sendable static func list(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let campaigns = try await CampaignBoard.list(access: access, on: request.db)
        func date(_ text: String?) -> String {
            guard let text, let day = LocalDate(text) else { return "…" }
            return String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
        }
        let rows: [Markup] = campaigns.map { campaign in
            Tag.el("tr", [("class", "campaign")], [
                Tag.el("td", [("class", "code")], [.text(campaign.code ?? "")]),
                Tag.el("td", [], [Tag.link("/campaigns/\(campaign.id)", campaign.name)]),
                Tag.el("td", [], [.text("\(date(campaign.startsOn)) – \(date(campaign.endsOn))")]),
                Tag.el("td", [], [.text(campaign.stages.joined(separator: " → "))]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(Int64(campaign.opportunities)))]),
            ])
        }
        let html = Layout.page(context, title: lang.t("Chiến dịch", "Campaigns"), section: .campaigns, content: [
            Tag.el("section", [("class", "panel")], [Tag.div("table-scroll", [
                Tag.el("table", [("class", "data"), ("id", "campaign-list")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Mã", "Code"))]), Tag.el("th", [], [.text(lang.t("Chiến dịch", "Campaign"))]),
                        Tag.el("th", [], [.text(lang.t("Thời gian", "Dates"))]),
                        Tag.el("th", [], [.text(lang.t("Các giai đoạn", "Stages"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Cơ hội", "Opportunities"))]),
                    ])]),
                    Tag.el("tbody", [], rows.isEmpty ? [Tag.el("tr", [], [Tag.el("td", [("colspan", "5"), ("class", "empty")],
                        [.text(lang.t("Chưa có chiến dịch nào.", "No campaign yet."))])])] : rows),
                ]),
            ])]),
        ])
        return Layout.response(html)
    }

    @Sendable static func board(_ request: Request) async throws -> Response {
        try await renderBoard(request, notice: nil, status: .ok)
    }

    static func renderBoard(_ request: Request, notice: (text: String, error: Bool)?, status: HTTPResponseStatus) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let lang = context.lang
        let items = QueryItems(request.url.query ?? "")
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let owner = items["owner"].flatMap { $0.hasPrefix("user:") ? Int64($0.dropFirst(5)) : nil }
        guard let id = request.parameters.get("id", as: Int64.self),
              let board = try await CampaignBoard.board(id, owner: owner, access: access, on: request.db) else {
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"),
                                          message: lang.t("Không có chiến dịch này.", "There is no such campaign."))
        }
        var notice = notice
        if notice == nil, let added = items["added"].flatMap(Int.init) {
            let already = items["already"].flatMap(Int.init) ?? 0
            notice = (lang.t("Đã thêm \(added) khách hàng vào chiến dịch" + (already > 0 ? " (\(already) khách đã có sẵn)." : "."),
                             "Added \(added) customers to the campaign" + (already > 0 ? " (\(already) were in it already)." : ".")), false)
        } else if notice == nil, items["moved"] != nil {
            notice = (lang.t("Đã cập nhật cơ hội.", "The opportunity was updated."), false)
        }
        let owners: [(value: String, label: String)] = (access.scope.scope == .all ? [("", lang.t("Chưa phụ trách", "Unassigned"))] : [])
            + access.people.filter(\.active).map { ("user:\($0.id)", $0.name) }
        let columns: [Markup] = board.columns.map { column in
            Tag.el("section", [("class", "stage-column")], [
                Tag.el("h3", [], [.text(column.stage.isEmpty ? lang.t("Giai đoạn khác", "Other stage") : column.stage),
                                  Tag.span("badge", NumberFormat.grouped(Int64(column.count)))]),
                .group(column.cards.map { card in
                    Tag.div("opportunity-card", [
                        Tag.link("/customers/\(card.customerID)", card.customerName),
                        Tag.div("muted small", [.text((card.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))
                                                      + (card.value.map { " · " + context.money($0) } ?? ""))]),
                        Tag.el("form", [("method", "post"), ("action", "/campaigns/opportunities/\(card.id)"), ("class", "card-form")], [
                            Tag.hidden(WebSecurity.csrfField, context.csrf),
                            Tag.hidden("back", request.url.string),
                            Tag.select("stage", id: "stage-\(card.id)", board.campaign.stages.map { ($0, $0) }, selected: card.stage),
                            Tag.select("owner", id: "owner-\(card.id)", owners, selected: card.ownerID.map { "user:\($0)" } ?? ""),
                            Tag.el("button", [("type", "submit"), ("class", "button small")], [.text(lang.t("Lưu", "Save"))]),
                        ]),
                    ])
                }),
                column.count > column.cards.count
                    ? Tag.el("p", [("class", "muted small")], [.text(lang.t("và \(column.count - column.cards.count) cơ hội khác",
                                                                             "and \(column.count - column.cards.count) more"))])
                    : .empty,
            ])
        }
        let filterOwners: [(value: String, label: String)] = [("", lang.t("Mọi người phụ trách", "Any owner"))]
            + access.people.map { ("user:\($0.id)", $0.name) }
        let html = Layout.page(context, title: board.campaign.name, section: .campaigns,
                               subtitle: board.campaign.stages.joined(separator: " → "),
                               actions: [Tag.link("/campaigns", lang.t("← Chiến dịch", "← Campaigns"), class: "button")], content: [
            Tag.notice(notice),
            Tag.el("form", [("method", "get"), ("action", "/campaigns/\(id)"), ("class", "filters panel inline")], [
                Tag.div("field", [Tag.el("label", [("for", "owner")], [.text(lang.t("Người phụ trách", "Owner"))]),
                                  Tag.select("owner", filterOwners, selected: items["owner"] ?? "")]),
                Tag.el("button", [("type", "submit"), ("class", "button")], [.text(lang.t("Lọc", "Filter"))]),
            ]),
            Tag.div("stage-board", columns),
            Tag.el("form", [("method", "post"), ("action", "/campaigns/\(id)/customers"), ("class", "panel filters inline"),
                            ("id", "add-customers")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.div("field grow", [
                    Tag.el("label", [("for", "q")], [.text(lang.t("Thêm khách hàng tìm được bởi", "Add the customers found by"))]),
                    Tag.void("input", [("type", "search"), ("name", "q"), ("id", "q"),
                                       ("placeholder", lang.t("Tên, mã KH, email hoặc số điện thoại (để trống: tất cả)",
                                                              "Name, code, email or phone (empty: all)"))]),
                ]),
                Tag.div("field", [Tag.el("label", [("for", "add-owner")], [.text(lang.t("Người phụ trách", "Owner"))]),
                                  Tag.select("owner", id: "add-owner", filterOwners, selected: "")]),
                Tag.el("button", [("type", "submit"), ("class", "button primary")], [.text(lang.t("Thêm vào chiến dịch", "Add to campaign"))]),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    struct MoveForm: Content {
        var stage: String?
        var owner: String?
        var back: String?
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        let viewer = try request.pageViewer()
        let lang = try request.page.lang
        let form = try request.content.decode(MoveForm.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        let owner = form.owner.flatMap { $0.hasPrefix("user:") ? Int64($0.dropFirst(5)) : nil }
        // Back to the board the form was on (a path of ours only).
        let back = (form.back ?? "/campaigns").hasPrefix("/campaigns/") ? (form.back ?? "/campaigns") : "/campaigns"
        do {
            try await CampaignBoard.update(opportunity: id, stage: form.stage ?? "", ownerID: owner, access: access, now: Date(),
                                           on: request.db)
            // The board's filters stay; the banner replaces any earlier one.
            var target = URI(string: back)
            let kept = QueryItems(target.query ?? "").pairs.filter { !$0.1.isEmpty && !["moved", "added", "already"].contains($0.0) }
            target.query = QueryString.encode(kept + [("moved", "1")])
            return request.redirect(to: target.string)
        } catch let problems as CampaignBoard.Problems {
            let text = lang.pick(problems.fields).values.sorted().joined(separator: " ")
            if problems.fields["opportunity"] != nil {
                return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy", "Not found"), message: text)
            }
            return try ErrorPage.response(request, status: .badRequest, title: lang.t("Chưa lưu được", "Not saved"), message: text)
        }
    }

    struct AddForm: Content {
        var q: String?
        var owner: String?
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        let context = try request.page
        let viewer = try request.pageViewer()
        let form = try request.content.decode(AddForm.self)
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        var owner = CustomerList.OwnerFilter.any
        if let text = form.owner, text.hasPrefix("user:"), let user = Int64(text.dropFirst(5)) { owner = .user(user) }
        do {
            let added = try await CampaignBoard.addCustomers(to: id, matching: CustomerList.Query(text: form.q ?? "", owner: owner),
                                                            access: access, region: context.settings.phoneRegion, now: Date(),
                                                            on: request.db)
            return request.redirect(to: "/campaigns/\(id)?added=\(added.added)&already=\(added.alreadyIn)")
        } catch let problems as CampaignBoard.Problems {
            let text = context.lang.pick(problems.fields).values.sorted().joined(separator: " ")
            return try await renderBoard(request, notice: (text, true), status: .badRequest)
        }
    }
}
