import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Settings › Công ty (administrators): the company's name, time zone (reports' days and every time shown),
/// currency and default language.
enum CompanySettingsPage {
    struct Form: Content {
        var company_name: String?
        var time_zone: String?
        var currency: String?
        var locale: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let settings = try request.page.settings
        let form = Form(company_name: settings.companyName, time_zone: settings.timeZoneIdentifier,
                        currency: settings.currency, locale: settings.locale)
        let saved = QueryItems(request.url.query ?? "")["done"] != nil
        return Layout.response(try render(request.page, form: form, errors: [:], saved: saved))
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        if let refused = try SettingsPageSupport.refusal(request) { return refused }
        let context = try request.page
        let form = try request.content.decode(Form.self)
        do {
            try await CompanySettingsStore.save(name: form.company_name ?? "", timeZone: form.time_zone ?? "",
                                                currency: form.currency ?? "", locale: form.locale ?? "", on: request.db)
            let viewerID = try request.pageViewer().id
            request.logger.notice("company settings changed", metadata: ["by": "\(viewerID)"])
            return request.redirect(to: "/settings/company?done=saved")
        } catch let problems as CompanySettingsStore.Problems {
            return Layout.response(render(context, form: form, errors: context.lang.pick(problems.fields),
                                          saved: false), status: .badRequest)
        }
    }

    static func render(_ context: PageContext, form: Form, errors: [String: String], saved: Bool) -> String {
        let lang = context.lang
        let zones = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "UTC"]
        return Layout.page(context, title: lang.t("Công ty", "Company"), section: .settings,
                           actions: SettingsTabs.links(context, current: "/settings/company"), content: [
            saved ? Tag.div("notice success", [Tag.el("p", [], [.text(lang.t("Đã lưu.", "Saved."))])]) : .empty,
            errors.isEmpty ? .empty : Tag.div("notice error", [.text(lang.t(
                "Chưa lưu được: hãy sửa các ô được đánh dấu.", "Not saved yet: fix the marked fields."))]),
            Tag.el("form", [("method", "post"), ("action", "/settings/company"), ("class", "panel form-grid"),
                            ("id", "company-form")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Tên công ty", "Company name"), name: "company_name", value: form.company_name ?? "",
                          error: errors["company_name"], required: true),
                Tag.div(errors["time_zone"] == nil ? "field" : "field invalid", [
                    Tag.el("label", [("for", "time_zone")], [.text(lang.t("Múi giờ", "Time zone"))]),
                    Tag.void("input", [("type", "text"), ("name", "time_zone"), ("id", "time_zone"), ("list", "zones"),
                                       ("value", form.time_zone ?? "")]),
                    Tag.el("datalist", [("id", "zones")], zones.map { Tag.el("option", [("value", $0)], []) }),
                    errors["time_zone"].map { Tag.el("p", [("class", "error")], [.text($0)]) } ?? .empty,
                    Tag.el("p", [("class", "hint")], [.text(lang.t(
                        "Ngày của báo cáo (hôm nay, tháng này) và mọi giờ hiển thị theo múi giờ này.",
                        "The report's days (today, this month) and every time shown follow this zone."))]),
                ]),
                Tag.field(lang.t("Tiền tệ", "Currency"), name: "currency", value: form.currency ?? "", error: errors["currency"]),
                Tag.div("field", [Tag.el("label", [("for", "locale")], [.text(lang.t("Ngôn ngữ mặc định", "Default language"))]),
                                  Tag.select("locale", [("vi", "Tiếng Việt"), ("en", "English")], selected: form.locale ?? "vi")]),
                Tag.div("form-actions", [Tag.el("button", [("type", "submit"), ("class", "button primary")],
                                                [.text(lang.t("Lưu", "Save"))])]),
            ]),
        ])
    }
}
