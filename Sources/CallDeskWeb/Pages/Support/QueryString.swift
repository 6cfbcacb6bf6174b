import Foundation

/// Builds `a=1&b=x%2By`: every character outside the unreserved set is percent-encoded (`+` too,
/// which `URLComponents` leaves alone and servers read as a space).
enum QueryString {
    /// The unreserved characters (and `:` `,`, harmless in a query and common in ours), as ASCII bytes.
    private static let allowed: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:,".utf8 { table[Int(byte)] = true }
        return table
    }()

    static func encode(_ pairs: [(String, String)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(pairs.count * 24)
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            append(key, to: &out)
            out.append(UInt8(ascii: "="))
            append(value, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes the UTF-8 bytes of `text` outside the allowed set.
    static func append(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if allowed[Int(byte)] {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
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
