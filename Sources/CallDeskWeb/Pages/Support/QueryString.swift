import Foundation

/// Builds `a=1&b=x%2By`: every character outside the unreserved set is percent-encoded (`+` too,
/// which `URLComponents` leaves alone and servers read as a space).
enum QueryString {
    private static let allowed = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:,")

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key) + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }
}

/// A list page's address: its filter parameters as they are now, some replaced (nil removes one).
/// `page=1` is left out, so the first page has one address.
struct ListAddress {
    var path: String
    var parameters: [String]
    var items: QueryItems

    func link(_ changes: [String: String?]) -> String {
        var pairs: [(String, String)] = []
        for name in parameters {
            let value = changes.keys.contains(name) ? changes[name] ?? nil : items[name]
            if let value, !value.isEmpty, !(name == "page" && value == "1") { pairs.append((name, value)) }
        }
        return path + (pairs.isEmpty ? "" : "?" + QueryString.encode(pairs))
    }

    /// The query of ``link(_:)`` without changes, to come back to after a form.
    var query: String {
        String(link([:]).dropFirst(path.count).drop { $0 == "?" })
    }

    /// "Page N" with previous and next buttons, for lists that know only whether a next page exists.
    func pager(page: Int, hasNext: Bool, lang: Lang) -> Markup {
        Tag.el("nav", [("class", "pager")], [
            Tag.span("page", lang.t("Trang \(page)", "Page \(page)")),
            page > 1 ? Tag.link(link(["page": String(page - 1)]), lang.t("‹ Trước", "‹ Previous"), class: "button") : .empty,
            hasNext ? Tag.link(link(["page": String(page + 1)]), lang.t("Sau ›", "Next ›"), class: "button") : .empty,
        ])
    }
}
