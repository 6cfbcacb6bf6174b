import CallDeskCore
import CallDeskStore
import Plot
import Vapor

/// The first page: names the product and the company, with the size of the data behind it.
enum HomePage {
    struct Model {
        var company: String
        var counts: [(label: String, value: Int64)]
    }

    static func response(for request: Request) async throws -> Response {
        let model = try await load(request)
        let html = render(model)
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: .ok, headers: headers, body: .init(string: html))
    }

    static func load(_ request: Request) async throws -> Model {
        let sql = CallDeskDatabase.sql(request.db)
        let settings = try await CompanySettingsStore.load(sql)
        let counts = try await OverviewCounts.load(sql)
        return Model(company: settings.companyName, counts: [
            ("Khách hàng · Customers", counts.customers),
            ("Nhân viên · Staff", counts.users),
            ("Cuộc gọi · Calls", counts.calls),
            ("Đơn hàng · Orders", counts.orders),
        ])
    }

    static func render(_ model: Model) -> String {
        HTML(
            .lang(.vietnamese),
            .head(
                .encoding(.utf8),
                .title("CallDesk — \(model.company)"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .style(Self.css)
            ),
            .body(
                .header(.h1("CallDesk"), .p("CRM cho đội telesales · Telesales CRM")),
                .main(
                    .h2(.text(model.company)),
                    .ul(.class("counts"), .forEach(model.counts) { item in
                        .li(.span(.class("value"), .text(NumberFormat.grouped(item.value))),
                            .span(.class("label"), .text(item.label)))
                    })
                )
            )
        ).render()
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2937;background:#f5f7fa}
        header{background:#0f4c81;color:#fff;padding:16px 32px}header h1{margin:0;font-size:24px}
        header p{margin:4px 0 0;opacity:.85}main{padding:24px 32px}
        .counts{display:flex;gap:16px;list-style:none;padding:0}
        .counts li{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px 20px;min-width:160px}
        .value{display:block;font-size:28px;font-weight:600;text-align:right}.label{color:#6b7280}
        """
}
