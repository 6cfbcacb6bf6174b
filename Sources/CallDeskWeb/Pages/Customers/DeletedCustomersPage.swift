import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Soft delete from the customer's edit page, and the administrators' bin (`/customers/deleted`) to restore.
enum DeletedCustomersPage {
    /// `POST /customers/:id/delete`: for roles with the `customers`/`delete` permission, within their scope.
    @Sendable static func delete(_ request: Request) async throws -> Response {
        let viewer = try request.pageViewer()
        let lang = try request.page.lang
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        guard try await ViewerAccess.permits(viewerID: viewer.id, module: "customers", action: "delete", on: request.db) else {
            return try ErrorPage.response(request, status: .forbidden, title: lang.t("Không có quyền", "Not allowed"),
                                          message: lang.t("Vai trò của bạn không được xóa khách hàng. Hãy nhờ quản lý của bạn.",
                                                          "Your role may not delete customers. Ask your manager."))
        }
        let access = try await ViewerAccess.load(viewerID: viewer.id, module: "customers", on: request.db)
        do {
            try await CustomerChanges.delete(id: id, access: access, now: Date(), on: request.db)
        } catch CustomerChanges.Refusal.notFound {
            return try CustomerPage.notFound(request)
        }
        request.logger.info("customer deleted", metadata: ["customer": "\(id)", "by": "\(viewer.id)"])
        return request.redirect(to: "/customers?done=deleted")
    }

    /// `GET /customers/deleted`: administrators only.
    @Sendable static func list(_ request: Request) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        guard try request.pageViewer().isAdministrator else {
            return try ErrorPage.response(request, status: .forbidden, title: lang.t("Không có quyền", "Not allowed"),
                                          message: lang.t("Chỉ quản trị viên mới xem và khôi phục được khách hàng đã xóa.",
                                                          "Only administrators see and restore deleted customers."))
        }
        let items = QueryItems(request.url.query ?? "")
        let page = try await CustomerChanges.deleted(page: Int(items["page"] ?? "1") ?? 1, on: request.db)
        let notice: (String, Bool)? = items["done"] == "restored" ? (lang.t("Đã khôi phục khách hàng.", "The customer is restored."), false) : nil
        let rows: [Markup] = page.items.map { item in
            Tag.el("tr", [("class", "customer")], [
                Tag.el("td", [("class", "code")], [.text(item.code ?? "")]),
                Tag.el("td", [], [.text(item.name)]),
                Tag.el("td", [], [.text(item.ownerName ?? lang.t("Chưa phụ trách", "Unassigned"))]),
                Tag.el("td", [("class", "time")], [.text(context.time(item.deletedAt))]),
                Tag.el("td", [], [Tag.el("form", [("method", "post"), ("action", "/customers/\(item.id)/restore")], [
                    Tag.hidden(WebSecurity.csrfField, context.csrf),
                    Tag.el("button", [("type", "submit"), ("class", "button small")], [.text(lang.t("Khôi phục", "Restore"))]),
                ])]),
            ])
        }
        let empty: Markup = rows.isEmpty
            ? Tag.el("tr", [], [Tag.el("td", [("colspan", "5"), ("class", "empty")],
                                       [.text(lang.t("Không có khách hàng nào bị xóa.", "No deleted customer."))])])
            : .empty
        let pager = Tag.el("nav", [("class", "pager")], [
            Tag.span("page", lang.t("Trang \(page.page)", "Page \(page.page)")),
            page.page > 1 ? Tag.link("/customers/deleted?page=\(page.page - 1)", lang.t("‹ Trước", "‹ Previous"), class: "button") : .empty,
            page.hasNext ? Tag.link("/customers/deleted?page=\(page.page + 1)", lang.t("Sau ›", "Next ›"), class: "button") : .empty,
        ])
        let html = Layout.page(context, title: lang.t("Khách hàng đã xóa", "Deleted customers"), section: .customers,
                               actions: [Tag.link("/customers", lang.t("← Danh sách khách hàng", "← Customer list"), class: "button")],
                               content: [
            Tag.notice(notice),
            Tag.el("section", [("class", "panel")], [
                Tag.div("table-scroll", [Tag.el("table", [("class", "data"), ("id", "deleted-customers")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Mã KH", "Code"))]),
                        Tag.el("th", [], [.text(lang.t("Khách hàng", "Customer"))]),
                        Tag.el("th", [], [.text(lang.t("Người phụ trách", "Owner"))]),
                        Tag.el("th", [], [.text(lang.t("Thời gian xóa", "Deleted"))]),
                        Tag.el("th", [], []),
                    ])]),
                    Tag.el("tbody", [], rows + [empty]),
                ])]),
                pager,
            ]),
        ])
        return Layout.response(html)
    }

    /// `POST /customers/:id/restore`: administrators only.
    @Sendable static func restore(_ request: Request) async throws -> Response {
        let lang = try request.page.lang
        guard try request.pageViewer().isAdministrator else {
            return try ErrorPage.response(request, status: .forbidden, title: lang.t("Không có quyền", "Not allowed"),
                                          message: lang.t("Chỉ quản trị viên mới khôi phục được khách hàng đã xóa.",
                                                          "Only administrators restore deleted customers."))
        }
        guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.notFound) }
        do {
            try await CustomerChanges.restore(id: id, now: Date(), on: request.db)
        } catch CustomerChanges.Refusal.notFound {
            return try CustomerPage.notFound(request)
        }
        request.logger.info("customer restored", metadata: ["customer": "\(id)"])
        return request.redirect(to: "/customers/deleted?done=restored")
    }
}
