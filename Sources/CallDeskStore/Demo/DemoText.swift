import Foundation

/// Small, fast text builders for the demo's hot loops (no `String(format:)`, no `DateFormatter`).
enum DemoText {
    /// `prefix` and then `value` in decimal, zero-padded to at least `width` digits:
    /// `code("CALL", 42, width: 10)` is `CALL0000000042`. Short results (≤ 15 bytes) need no allocation.
    static func code(_ prefix: StaticString, _ value: UInt64, width: Int) -> String {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let count = max(width, digits)
        let prefixCount = prefix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: prefixCount + count) { buffer in
            let source = prefix.utf8Start
            for k in 0..<prefixCount {
                buffer[k] = source[k]
            }
            var remaining = value
            var k = prefixCount + count - 1
            while k >= prefixCount {
                buffer[k] = UInt8(48 + remaining % 10)
                remaining /= 10
                k -= 1
            }
            return prefixCount + count
        }
    }

    static func code(_ prefix: StaticString, _ value: Int, width: Int) -> String {
        code(prefix, UInt64(max(value, 0)), width: width)
    }

    /// Vietnamese text without diacritics (`Nguyễn Đức` → `Nguyen Duc`), for emails and slugs.
    static func ascii(_ text: String) -> String {
        String(text.map { folding[$0] ?? $0 })
    }

    /// Lowercase ASCII letters and digits only (`Hoàng Long` → `hoanglong`).
    static func slug(_ text: String) -> String {
        String(ascii(text).lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    private static let folding: [Character: Character] = {
        let groups: [(String, Character)] = [
            ("àáảãạăằắẳẵặâầấẩẫậ", "a"), ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "A"),
            ("èéẻẽẹêềếểễệ", "e"), ("ÈÉẺẼẸÊỀẾỂỄỆ", "E"),
            ("ìíỉĩị", "i"), ("ÌÍỈĨỊ", "I"),
            ("òóỏõọôồốổỗộơờớởỡợ", "o"), ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "O"),
            ("ùúủũụưừứửữự", "u"), ("ÙÚỦŨỤƯỪỨỬỮỰ", "U"),
            ("ỳýỷỹỵ", "y"), ("ỲÝỶỸỴ", "Y"),
            ("đ", "d"), ("Đ", "D"),
        ]
        var table: [Character: Character] = [:]
        for (letters, base) in groups {
            for letter in letters {
                table[letter] = base
            }
        }
        return table
    }()
}

/// Builds short ASCII strings byte by byte (phone numbers as people type them).
struct DemoByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 24) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: StaticString) {
        let start = text.utf8Start
        for k in 0..<text.utf8CodeUnitCount {
            bytes.append(start[k])
        }
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ source: [UInt8], _ range: Range<Int>) {
        bytes.append(contentsOf: source[range])
    }

    /// The ranges of `source`, with `separator` between them.
    mutating func append(_ source: [UInt8], groups: [Range<Int>], separator: UInt8) {
        for (k, range) in groups.enumerated() {
            if k > 0 { bytes.append(separator) }
            bytes.append(contentsOf: source[range])
        }
    }

    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }
}
