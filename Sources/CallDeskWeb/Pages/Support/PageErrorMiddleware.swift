import CallDeskCore
import CallDeskStore
import Vapor

/// Turns errors of page routes into pages a person can act on: a refusal (R16) is a 403 that says
/// why, bad filters a 400 that says what to fix, anything else a logged 500.
struct PageErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let refusal as ReportRefusal {
            let lang = try request.page.lang
            return try ErrorPage.response(request, status: .forbidden, title: lang.t("Không có quyền xem", "Not allowed"),
                                          message: lang.t("Bạn không được xem nội dung này: ", "You may not see this: ")
                                            + refusal.reason)
        } catch let invalid as ReportInvalidInput {
            return try badRequest(request, invalid.reason)
        } catch let problem as Problem where problem.status == .badRequest {
            return try badRequest(request, problem.detail)
        } catch let abort as any AbortError where abort.status == .notFound {
            let lang = try request.page.lang
            return try ErrorPage.response(request, status: .notFound, title: lang.t("Không tìm thấy trang", "Page not found"),
                                          message: lang.t("Địa chỉ này không có trang nào.", "There is no page at this address."))
        } catch let abort as any AbortError where abort.status.code < 500 {
            return try ErrorPage.response(request, status: abort.status, title: abort.status.reasonPhrase,
                                          message: abort.reason)
        } catch {
            request.logger.error("page failed: \(String(reflecting: error))", metadata: ["request": "\(request.id)"])
            let lang = try request.page.lang
            return try ErrorPage.response(request, status: .internalServerError,
                                          title: lang.t("Đã có lỗi", "Something went wrong"),
                                          message: lang.t("Lỗi máy chủ (mã yêu cầu \(request.id)); lỗi đã được ghi lại.",
                                                          "A server error occurred (request \(request.id)); it has been logged."))
        }
    }

    private func badRequest(_ request: Request, _ reason: String) throws -> Response {
        let lang = try request.page.lang
        return try ErrorPage.response(request, status: .badRequest, title: lang.t("Bộ lọc không hợp lệ", "Invalid filters"),
                                      message: lang.t("Hãy sửa bộ lọc rồi thử lại. Chi tiết: ",
                                                      "Fix the filters and try again. Details: ") + reason)
    }
}

/// `/assets/app.css` and `/assets/app.js`, from the package's resources.
enum Assets {
    static let files: [String: HTTPMediaType] = [
        "app.css": HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]),
        "app.js": HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
    ]

    @Sendable static func serve(_ request: Request) async throws -> Response {
        guard let name = request.parameters.get("file"), let type = files[name],
              let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Public"),
              let data = try? Data(contentsOf: url) else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
