import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// Cài đặt › Phòng ban (administrators): the department tree with heads and staff counts.
enum DepartmentsPage {
    @Sendable static func handle(_ request: Request) async throws -> Response {
        let context = try request.page
        let lang = context.lang
        guard try request.pageViewer().isAdministrator else {
            throw ReportRefusal(lang.t("chỉ quản trị viên mới mở được phần Cài đặt",
                                       "only administrators may open the settings"))
        }
        let overview = try await DepartmentOverview.load(on: request.db)
        let rows: [Markup] = overview.lines.map { line in
            Tag.el("tr", [], [
                Tag.el("td", [], [Tag.el("span", [("class", "tree-name"), ("style", "padding-left:\(line.depth * 22)px")],
                                         [.text((line.depth > 0 ? "└ " : "") + line.name)])]),
                Tag.el("td", [], [.text(line.heads.isEmpty ? "—" : line.heads.joined(separator: ", "))]),
                Tag.el("td", [("class", "num")], [.text(NumberFormat.grouped(line.staff))]),
            ])
        }
        let html = Layout.page(context, title: lang.t("Cài đặt › Phòng ban", "Settings › Departments"), section: .settings,
                               actions: SettingsTabs.links(context, current: "/settings/departments"),
                               content: [
            Tag.el("section", [("class", "panel")], [
                Tag.el("table", [("class", "data"), ("id", "departments")], [
                    Tag.el("thead", [], [Tag.el("tr", [], [
                        Tag.el("th", [], [.text(lang.t("Phòng ban", "Department"))]),
                        Tag.el("th", [], [.text(lang.t("Trưởng phòng", "Head of department"))]),
                        Tag.el("th", [("class", "num")], [.text(lang.t("Nhân viên", "Staff"))]),
                    ])]),
                    Tag.el("tbody", [], rows),
                ]),
            ]),
        ])
        return Layout.response(html)
    }
}
