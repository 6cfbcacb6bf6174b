/// Rule 1 of phone-numbers.md: from the raw UTF-8 text to its digits and whether a leading `+` stood before them.
enum RawPhoneText {
    enum Scan {
        case digits(count: Int, leadingPlus: Bool)
        case invalid(String)
        /// The text has non-ASCII characters: fold it with `foldedToASCII` and scan again.
        case needsUnicodeFolding
    }

    /// More digits than any number the rules accept (`0084` + a trunk `0` + 10 digits is 15; foreign numbers
    /// have at most 15 after `00`); anything longer is only counted, not kept.
    static let digitCapacity = 24

    /// Drops an extension suffix, keeps a leading `+`, refuses letters and keeps only the digits, as values 0–9.
    static func digits(of text: UnsafeBufferPointer<UInt8>, into digits: UnsafeMutableBufferPointer<UInt8>) -> Scan {
        let end = numberEnd(text)
        var count = 0
        var leadingPlus = false
        var plusCanLead = true
        var sawAnything = false
        var sawLetter = false
        var index = 0
        while index < end {
            let byte = text[index]
            index += 1
            switch byte {
            case Byte.zero...Byte.nine:
                if count < digits.count { digits[count] = byte &- Byte.zero }
                count += 1
                plusCanLead = false
            case Byte.plus:
                if plusCanLead { leadingPlus = true }
                plusCanLead = false
            case Byte.space, Byte.tab, Byte.lineFeed, Byte.carriageReturn, 0x0B, 0x0C:
                continue
            case Byte.openParenthesis, Byte.openSquare, Byte.openCurly:
                break
            case Byte.upperA...Byte.upperZ, Byte.lowerA...Byte.lowerZ:
                // Not refused yet: a non-ASCII digit further on, once folded, may make this letter an extension's.
                sawLetter = true
            case 0x80...:
                return .needsUnicodeFolding
            default:
                plusCanLead = false
            }
            sawAnything = true
        }
        if sawLetter {
            return .invalid(Reason.letters)
        }
        if count == 0 {
            return .invalid(sawAnything || end < text.count ? Reason.noDigits : Reason.empty)
        }
        if count > digits.count {
            return .invalid(Reason.tooManyDigits)
        }
        return .digits(count: count, leadingPlus: leadingPlus)
    }

    /// Where the number ends: before an extension suffix (`ext 12`, `ext. 12`, `x12`, `#12`, any case, at the end),
    /// or at the end of the text.
    static func numberEnd(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var index = text.count
        while index > 0, isSpace(text[index - 1]) { index -= 1 }
        let digitsEnd = index
        while index > 0, Byte.zero...Byte.nine ~= text[index - 1] { index -= 1 }
        guard index < digitsEnd else { return text.count }
        while index > 0, isSpace(text[index - 1]) { index -= 1 }
        guard index > 0 else { return text.count }
        let marker = text[index - 1]
        if marker == Byte.hash || marker | 0x20 == Byte.lowerX {
            return index - 1
        }
        if marker == Byte.dot { index -= 1 }
        if index >= 3,
           text[index - 3] | 0x20 == Byte.lowerE,
           text[index - 2] | 0x20 == Byte.lowerX,
           text[index - 1] | 0x20 == Byte.lowerT {
            return index - 3
        }
        return text.count
    }

    /// The text with every non-ASCII character replaced by the ASCII one that plays its part in rule 1: decimal
    /// digits of any script become `0`–`9`, a fullwidth plus `+`, fullwidth opening brackets `(`, spaces ` `, letters
    /// `a` (so the number is refused), invisible format characters nothing, and everything else `-`.
    static func foldedToASCII(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.count)
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                folded.append(UInt8(scalar.value))
                continue
            }
            let properties = scalar.properties
            switch scalar.value {
            case 0xFF0B:
                folded.append(Byte.plus)
            case 0xFF08, 0xFF3B, 0xFF5B:
                folded.append(Byte.openParenthesis)
            default:
                if properties.numericType == .decimal, let value = properties.numericValue {
                    folded.append(Byte.zero + UInt8(value))
                } else if properties.isWhitespace {
                    folded.append(Byte.space)
                } else if properties.isAlphabetic {
                    folded.append(Byte.lowerA)
                } else if !properties.isDefaultIgnorableCodePoint {
                    folded.append(Byte.dash)
                }
            }
        }
        return folded
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == Byte.space || (0x09...0x0D).contains(byte)
    }
}

/// The reasons an invalid number is given: short English a person can act on.
enum Reason {
    static let empty = "the number is empty"
    static let noDigits = "there are no digits in the number"
    static let letters = "letters are not allowed"
    static let tooFewDigits = "too few digits for a phone number"
    static let tooManyDigits = "too many digits for a phone number"
    static let internationalFormRequired = "write the number in international form: + and the country code"
    static let missingTrunkZero = "a Vietnamese number starts with 0, +84 or 84"
    static let noCountryCode = "nothing follows the international prefix"
    static let countryCodeStartsWithZero = "a country code cannot start with 0"
    static let foreignLength = "an international number has 8 to 15 digits, counting the country code"
    static let vietnameseTooShort = "too few digits for a Vietnamese number"
    static let vietnameseTooLong = "too many digits for a Vietnamese number"
    static let landlineSubscriber = "a landline number cannot start with 0 or 1 after its area code"
    static let unknownVietnamese = "not a Vietnamese mobile, landline or 1800/1900 number"
}

/// The ASCII bytes rule 1 looks at.
enum Byte {
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let plus = UInt8(ascii: "+")
    static let dash = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let hash = UInt8(ascii: "#")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let openParenthesis = UInt8(ascii: "(")
    static let openSquare = UInt8(ascii: "[")
    static let openCurly = UInt8(ascii: "{")
    static let upperA = UInt8(ascii: "A")
    static let upperZ = UInt8(ascii: "Z")
    static let lowerA = UInt8(ascii: "a")
    static let lowerZ = UInt8(ascii: "z")
    static let lowerE = UInt8(ascii: "e")
    static let lowerT = UInt8(ascii: "t")
    static let lowerX = UInt8(ascii: "x")
}

extension PhoneNumbers {
    /// The Vietnamese of a reason ``normalize(_:region:)`` gives (for the UI; the CLI and bundle errors stay English).
    public static func vietnamese(reason: String) -> String {
        switch reason {
        case Reason.empty: return "số điện thoại đang trống"
        case Reason.noDigits: return "không có chữ số nào"
        case Reason.letters: return "không được có chữ cái"
        case Reason.tooFewDigits: return "quá ít chữ số"
        case Reason.tooManyDigits: return "quá nhiều chữ số"
        case Reason.internationalFormRequired: return "hãy viết dạng quốc tế: dấu + và mã quốc gia"
        case Reason.missingTrunkZero: return "số Việt Nam bắt đầu bằng 0, +84 hoặc 84"
        case Reason.noCountryCode: return "thiếu mã quốc gia sau dấu +"
        case Reason.countryCodeStartsWithZero: return "mã quốc gia không bắt đầu bằng 0"
        case Reason.foreignLength: return "số quốc tế có từ 8 đến 15 chữ số, tính cả mã quốc gia"
        case Reason.vietnameseTooShort: return "thiếu chữ số so với số Việt Nam"
        case Reason.vietnameseTooLong: return "thừa chữ số so với số Việt Nam"
        case Reason.landlineSubscriber: return "số cố định không bắt đầu bằng 0 hoặc 1 sau mã vùng"
        case Reason.unknownVietnamese: return "không phải số di động, số cố định hay số 1800/1900 của Việt Nam"
        default: return reason
        }
    }
}
