import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// The frame of every page: a left navigation (Trang chủ, Khách hàng, Cuộc gọi, KPI › Báo cáo Telesales,
/// Cài đặt), the signed-in user with the language switch and Đăng xuất, and the page's content.
enum Layout {
    enum Section { case home, customers, calls, tasks, orders, campaigns, report, settings, none }

    static func document(_ context: PageContext, title: String, body: [Markup]) -> String {
        let html = HTML(
            .lang(context.lang == .vi ? .vietnamese : .english),
            .head(
                .encoding(.utf8),
                .title("\(title) · CallDesk"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .link(.rel(.stylesheet), .href("/assets/app.css")),
                .raw(#"<script src="/assets/app.js" defer></script>"#)
            ),
            .body(.group(body))
        )
        return html.render()
    }

    /// A page of the application, for a signed-in user.
    static func page(_ context: PageContext, title: String, section: Section, subtitle: String? = nil,
                     actions: [Markup] = [], content: [Markup]) -> String {
        document(context, title: title, body: [
            Tag.div("shell", [
                navigation(context, section: section),
                Tag.el("main", [("class", "content")], [
                    Tag.el("header", [("class", "page-header")], [
                        Tag.div("titles", [
                            Tag.el("h1", [], [.text(title)]),
                            subtitle.map { Tag.el("p", [("class", "subtitle")], [.text($0)]) } ?? .empty,
                        ]),
                        Tag.div("actions", actions),
                    ]),
                    .group(content),
                ]),
            ]),
        ])
    }

    /// A page outside the application frame: sign in, first run.
    static func card(_ context: PageContext, title: String, content: [Markup]) -> String {
        document(context, title: title, body: [
            Tag.div("card-page", [
                Tag.div("card", [
                    Tag.div("brand big", [Tag.span("logo", "CD"), Tag.span("name", "CallDesk")]),
                    Tag.el("h1", [], [.text(title)]),
                    .group(content),
                    languageSwitch(context),
                ]),
            ]),
        ])
    }

    static func response(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    private static func navigation(_ context: PageContext, section: Section) -> Markup {
        let lang = context.lang
        func item(_ href: String, _ label: String, _ itemSection: Section, indent: Bool = false) -> Markup {
            var classes = indent ? "nav-item sub" : "nav-item"
            if itemSection == section { classes += " active" }
            return Tag.link(href, label, class: classes)
        }
        let viewer = context.viewer
        return Tag.el("nav", [("class", "sidebar")], [
            Tag.div("brand", [Tag.span("logo", "CD"), Tag.span("name", "CallDesk")]),
            Tag.div("company", [.text(context.settings.companyName)]),
            item("/", lang.t("Trang chủ", "Home"), .home),
            item("/customers", lang.t("Khách hàng", "Customers"), .customers),
            item("/calls", lang.t("Cuộc gọi", "Calls"), .calls),
            item("/tasks", lang.t("Công việc & lịch hẹn", "Tasks"), .tasks),
            item("/orders", lang.t("Đơn hàng", "Orders"), .orders),
            item("/campaigns", lang.t("Chiến dịch", "Campaigns"), .campaigns),
            Tag.div("nav-group", [.text("KPI")]),
            item("/reports/telesales", lang.t("Báo cáo Telesales", "Telesales report"), .report, indent: true),
            viewer?.isAdministrator == true ? item("/settings/departments", lang.t("Cài đặt", "Settings"), .settings)
                : .empty,
            Tag.div("user-menu", [
                Tag.div("user-name", [.text(viewer?.name ?? "")]),
                Tag.div("user-email", [.text(viewer?.email ?? "")]),
                languageSwitch(context),
                Tag.el("form", [("method", "post"), ("action", "/logout")], [
                    Tag.hidden(WebSecurity.csrfField, context.csrf),
                    Tag.el("button", [("type", "submit"), ("class", "link-button")], [.text(lang.t("Đăng xuất", "Sign out"))]),
                ]),
            ]),
        ])
    }

    /// Links to the same page in the other language.
    static func languageSwitch(_ context: PageContext) -> Markup {
        var components = URLComponents(string: context.location) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "lang" }
        func href(_ lang: Lang) -> String {
            items.removeAll { $0.name == "lang" }
            components.queryItems = items + [URLQueryItem(name: "lang", value: lang.rawValue)]
            return components.string ?? "?lang=\(lang.rawValue)"
        }
        return Tag.div("lang-switch", [
            context.lang == .vi ? Tag.span("current", "Tiếng Việt") : Tag.link(href(.vi), "Tiếng Việt"),
            Tag.span("sep", "·"),
            context.lang == .en ? Tag.span("current", "English") : Tag.link(href(.en), "English"),
        ])
    }
}

/// An error page in the application frame (or bare when nobody is signed in).
enum ErrorPage {
    static func response(_ request: Request, status: HTTPResponseStatus, title: String, message: String) throws -> Response {
        let context = try request.page
        let content: [Markup] = [
            Tag.div("notice error", [Tag.el("p", [], [.text(message)])]),
            Tag.el("p", [], [Tag.link("/", context.lang.t("← Về trang chủ", "← Back to the home page"))]),
        ]
        let html = context.viewer == nil
            ? Layout.card(context, title: title, content: content)
            : Layout.page(context, title: title, section: .none, content: content)
        return Layout.response(html, status: status)
    }
}
