import Plot

/// The sign-in form (fields `email`, `password`), and the first-run form.
enum LoginPage {
    static func render(_ context: PageContext, email: String, next: String, message: String?) -> String {
        let lang = context.lang
        return Layout.card(context, title: lang.t("Đăng nhập", "Sign in"), content: [
            message.map { Tag.div("notice error", [.text($0)]) } ?? .empty,
            Tag.el("form", [("method", "post"), ("action", "/login"), ("class", "stack")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.hidden("next", next),
                Tag.field("Email", name: "email", value: email, type: "email", required: true),
                Tag.field(lang.t("Mật khẩu", "Password"), name: "password", value: "", type: "password", required: true),
                Tag.el("button", [("type", "submit"), ("class", "button primary wide")], [.text(lang.t("Đăng nhập", "Sign in"))]),
            ]),
        ])
    }
}

enum FirstRunPage {
    static func render(_ context: PageContext, form: AuthController.SetupForm, errors: [String: String]) -> String {
        let lang = context.lang
        return Layout.card(context, title: lang.t("Tạo quản trị viên đầu tiên", "Create the first administrator"), content: [
            Tag.el("p", [("class", "muted")], [.text(lang.t(
                "Cơ sở dữ liệu chưa có người dùng nào. Tài khoản này sẽ có toàn quyền.",
                "The database has no user yet. This account gets every permission."))]),
            errors["form"].map { Tag.div("notice error", [.text($0)]) } ?? .empty,
            Tag.el("form", [("method", "post"), ("action", "/setup"), ("class", "stack")], [
                Tag.hidden(WebSecurity.csrfField, context.csrf),
                Tag.field(lang.t("Họ và tên", "Full name"), name: "name", value: form.name ?? "", required: true),
                Tag.field("Email", name: "email", value: form.email ?? "", type: "email", required: true),
                Tag.field(lang.t("Mật khẩu (ít nhất 8 ký tự)", "Password (8 characters or more)"), name: "password",
                          value: "", type: "password", required: true),
                Tag.field(lang.t("Nhập lại mật khẩu", "Repeat the password"), name: "confirm", value: "",
                          type: "password", error: errors["confirm"], required: true),
                Tag.el("button", [("type", "submit"), ("class", "button primary wide")],
                       [.text(lang.t("Tạo tài khoản", "Create the account"))]),
            ]),
        ])
    }
}
