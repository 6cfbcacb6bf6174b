import Foundation

/// A deliberately simple reading of phone-numbers.md, enough for the forms the demo writes, so the
/// demo's tests do not depend on the real `normalize`: strip an `ext` suffix, the country code (with a
/// trunk 0 after it), put back a lost leading 0, map the old 11-digit mobile prefixes and Hà Nội's
/// old `04`, then accept only today's mobiles (10 digits) and landlines (11 digits, `02…`).
enum ReferencePhone {
    static let mobilePrefixes: Set<String> = [
        "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059", "070", "076", "077", "078",
        "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "092", "093", "094", "096",
        "097", "098", "099",
    ]
    static let oldMobile: [String: String] = [
        "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
        "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
        "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0186": "056", "0188": "058", "0199": "059",
    ]

    /// `+84…`, or nil when the text is not a valid Vietnamese number.
    static func e164(_ raw: String) -> String? {
        var text = raw
        if let suffix = text.range(of: " ext ") { text = String(text[..<suffix.lowerBound]) }
        let international = text.hasPrefix("+") || text.hasPrefix("(+")
        var digits = String(text.filter { $0.isASCII && $0.isNumber })
        if international || (digits.hasPrefix("84") && (11...12).contains(digits.count)) {
            guard digits.hasPrefix("84") else { return nil }
            digits = String(digits.dropFirst(2))
            if digits.hasPrefix("0") { digits.removeFirst() }
            digits = "0" + digits
        } else if !digits.hasPrefix("0") {
            digits = "0" + digits
        }
        if digits.count == 11, let new = oldMobile[String(digits.prefix(4))] {
            digits = new + digits.dropFirst(4)
        }
        if digits.count == 10, digits.hasPrefix("04") {
            digits = "024" + digits.dropFirst(2)
        }
        let mobile = digits.count == 10 && mobilePrefixes.contains(String(digits.prefix(3)))
        let landline = digits.count == 11 && digits.hasPrefix("02")
        return mobile || landline ? "+84" + digits.dropFirst() : nil
    }

    /// The pattern of a typed number, digits as `9`: `0912 345 678` → `9999 999 999`.
    static func shape(_ raw: String) -> String {
        String(raw.map { $0.isNumber ? "9" : $0 })
    }
}
