import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// What the settings pages added with roles, catalogues, products and API keys share: the
/// administrator-only guard, the banners and small form pieces.
enum SettingsPageSupport {
    /// A 403 page for anyone but an administrator; nil for an administrator.
    static func refusal(_ request: Request) throws -> Response? {
        guard try request.pageViewer().isAdministrator else {
            let lang = try request.page.lang
            return try ErrorPage.response(request, status: .forbidden, title: lang.t("Không có quyền", "Not allowed"),
                                          message: lang.t("Chỉ quản trị viên mới mở được phần Cài đặt.",
                                                          "Only administrators may open the settings."))
        }
        return nil
    }

    /// `?done=…` of the redirect after a change.
    static func done(_ request: Request) -> String? {
        QueryItems(request.url.query ?? "")["done"]
    }

    /// The red banner over a form that was refused.
    static func refusedBanner(_ lang: Lang, _ errors: [String: String]) -> Markup {
        errors.isEmpty ? .empty : Tag.div("notice error", [Tag.el("p", [], [.text(lang.t(
            "Chưa lưu được: hãy sửa các ô được đánh dấu.", "Not saved yet: fix the marked fields."))])])
    }

    /// A form posting to `action` with the CSRF token.
    static func form(_ context: PageContext, action: String, class className: String? = nil, id: String? = nil,
                     _ children: [Markup]) -> Markup {
        Tag.el("form", [("method", "post"), ("action", action), ("class", className), ("id", id)],
               [Tag.hidden(WebSecurity.csrfField, context.csrf)] + children)
    }

    static func submit(_ label: String, primary: Bool = false, small: Bool = false, name: String? = nil,
                       value: String? = nil) -> Markup {
        Tag.el("button", [("type", "submit"), ("class", "button" + (primary ? " primary" : "") + (small ? " small" : "")),
                          ("name", name), ("value", value)], [.text(label)])
    }

    /// A labelled `<select>` with its error message.
    static func select(_ label: String, name: String, _ options: [(value: String, label: String)], selected: String,
                       error: String?) -> Markup {
        Tag.div(error == nil ? "field" : "field invalid", [
            Tag.el("label", [("for", name)], [.text(label)]),
            Tag.select(name, options, selected: selected),
            error.map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
        ])
    }

    static func th(_ text: String, num: Bool = false) -> Markup {
        Tag.el("th", [("class", num ? "num" : nil)], [.text(text)])
    }

    static func td(_ text: String, num: Bool = false) -> Markup {
        Tag.el("td", [("class", num ? "num" : nil)], [.text(text)])
    }

    static func table(id: String, head: [Markup], rows: [Markup]) -> Markup {
        Tag.div("table-scroll", [Tag.el("table", [("class", "data"), ("id", id)], [
            Tag.el("thead", [], [Tag.el("tr", [], head)]),
            Tag.el("tbody", [], rows),
        ])])
    }
}
