import Foundation

/// A valid Vietnamese phone number: its national significant number, without the trunk `0`
/// (`912345678` for 0912 345 678, `2438251234` for 024 3825 1234).
struct DemoPhone: Sendable, Hashable {
    let national: UInt64
    /// 9 for mobiles, 10 for landlines.
    let digits: Int

    var isMobile: Bool { digits == 9 }

    /// As the company's PBX writes it: `0912345678`.
    var pbxNational: String { DemoText.code("0", national, width: digits) }
    /// As a cloud PBX writes it: `84912345678`.
    var pbxInternational: String { DemoText.code("84", national, width: digits) }
    /// E.164, what `normalize` must turn every typed form into: `+84912345678`.
    var e164: String { DemoText.code("+84", national, width: digits) }
}

/// Makes numbers and writes them the many ways people type them (phone-numbers.md).
///
/// Serial `n` maps to a number through a keyed permutation of the number space, so distinct serials
/// give distinct, random-looking numbers: customers share a number only where the generator means them to.
enum DemoPhoneBook {
    /// Mobile prefixes in use today (after the 2018 renumbering), without the trunk 0.
    static let mobilePrefixes: [UInt64] = [
        32, 33, 34, 35, 36, 37, 38, 39, 56, 58, 59, 70, 76, 77, 78, 79,
        81, 82, 83, 84, 85, 86, 88, 89, 90, 91, 92, 93, 94, 96, 97, 98, 99,
    ]

    /// Today's prefix → the 11-digit prefix it replaced in 2018 (`38` → `168`: 0168 123 4567 is 038 123 4567).
    static let oldMobilePrefix: [UInt64: UInt64] = [
        32: 162, 33: 163, 34: 164, 35: 165, 36: 166, 37: 167, 38: 168, 39: 169,
        70: 120, 79: 121, 77: 122, 76: 126, 78: 128,
        83: 123, 84: 124, 85: 125, 81: 127, 82: 129,
        56: 186, 58: 188, 59: 199,
    ]

    private static let subscriberSpace: UInt64 = 10_000_000
    private static let landlineLeads: [UInt64] = [3, 6, 7]

    /// The mobile number with serial `serial` (distinct serials, distinct numbers).
    static func mobile(serial: UInt64, salt: UInt64) -> DemoPhone {
        let space = UInt64(mobilePrefixes.count) * subscriberSpace
        let x = permute(serial % space, space: space, key: salt)
        let prefix = mobilePrefixes[Int(x / subscriberSpace)]
        return DemoPhone(national: prefix * subscriberSpace + x % subscriberSpace, digits: 9)
    }

    /// The landline with serial `serial` in area `area` (`24`, `28`: 8 subscriber digits; `236`…: 7).
    /// Subscriber numbers start with 3, 6 or 7, as most fixed lines do (never 0 or 1, as the plan requires).
    static func landline(area: UInt64, serial: UInt64, salt: UInt64) -> DemoPhone {
        let length: UInt64 = area < 100 ? 8 : 7
        var power: UInt64 = 1
        for _ in 1..<length {
            power *= 10
        }
        let space = UInt64(landlineLeads.count) * power
        let x = permute(serial % space, space: space, key: salt)
        let subscriber = landlineLeads[Int(x / power)] * power + x % power
        return DemoPhone(national: area * power * 10 + subscriber, digits: 10)
    }

    /// A keyed pseudo-random permutation of `0..<space`: a four-round Feistel network on a square
    /// that covers the space, walking the cycle until the result falls inside it.
    static func permute(_ value: UInt64, space: UInt64, key: UInt64) -> UInt64 {
        var side = UInt64(Double(space).squareRoot())
        while side * side < space {
            side += 1
        }
        var x = value
        repeat {
            var left = x / side
            var right = x % side
            for round: UInt64 in 1...4 {
                let mixed = SplitMix64.mix(right ^ SplitMix64.mix(key &+ round)) % side
                (left, right) = (right, (left + mixed) % side)
            }
            x = left * side + right
        } while x >= space
        return x
    }

    /// How people type mobiles, weighted (index = style of `typed(_:style:)`).
    static let mobileStyles = WeightedTable([30, 15, 9, 5, 8, 5, 4, 6, 6, 3, 4, 2, 1.5, 1])
    /// How people type landlines, weighted.
    static let landlineStyles = WeightedTable([25, 25, 15, 10, 8, 5, 5])

    /// `phone` as a person might type it; `style` is drawn from `mobileStyles` or `landlineStyles`.
    static func typed(_ phone: DemoPhone, style: Int) -> String {
        phone.isMobile ? typedMobile(phone, style: style) : typedLandline(phone, style: style)
    }

    /// The 0-led digits, as ASCII bytes: `0912345678`.
    private static func trunkDigits(_ phone: DemoPhone) -> [UInt8] {
        Array(phone.pbxNational.utf8)
    }

    private static func typedMobile(_ phone: DemoPhone, style: Int) -> String {
        let d = trunkDigits(phone)  // 10 bytes: 0 9 1 2 3 4 5 6 7 8
        var w = DemoByteWriter()
        switch style {
        case 1: w.append(d, groups: [0..<4, 4..<7, 7..<10], separator: space)  // 0912 345 678
        case 2: w.append(d, groups: [0..<4, 4..<7, 7..<10], separator: dot)  // 0912.345.678
        case 3: w.append(d, groups: [0..<4, 4..<7, 7..<10], separator: dash)  // 0912-345-678
        case 4:  // +84 912 345 678
            w.append("+84 ")
            w.append(d, groups: [1..<4, 4..<7, 7..<10], separator: space)
        case 5:  // +84912345678
            w.append("+84")
            w.append(d, 1..<10)
        case 6:  // (+84) 912345678
            w.append("(+84) ")
            w.append(d, 1..<10)
        case 7:  // 84912345678
            w.append("84")
            w.append(d, 1..<10)
        case 8: w.append(d, groups: [0..<3, 3..<6, 6..<10], separator: space)  // 091 234 5678
        case 9: w.append(d, groups: [0..<4, 4..<10], separator: space)  // 0912 345678
        case 10, 11:  // 0168 123 4567, 01681234567: the 11-digit form from before 2018
            guard let old = oldMobilePrefix[phone.national / subscriberSpace] else {
                return typedMobile(phone, style: 1)
            }
            let oldNumber = old * subscriberSpace + phone.national % subscriberSpace
            let o = Array(DemoText.code("0", oldNumber, width: 10).utf8)
            w.append(o, groups: style == 10 ? [0..<4, 4..<7, 7..<11] : [0..<11], separator: space)
        case 12: w.append(d, 1..<10)  // 912345678: a spreadsheet ate the zero
        case 13:  // +84 0912 345 678: the trunk zero kept after the country code
            w.append("+84 ")
            w.append(d, groups: [0..<4, 4..<7, 7..<10], separator: space)
        default: w.append(d, 0..<10)  // 0912345678
        }
        return w.string
    }

    private static func typedLandline(_ phone: DemoPhone, style: Int) -> String {
        let d = trunkDigits(phone)  // 11 bytes: 0 2 4 3 8 2 5 1 2 3 4, or 0 2 3 6 3 8 2 2 1 2 3
        let lead = phone.national / 100_000_000
        let areaEnd = lead == 24 || lead == 28 ? 3 : 4  // 024 | 3825 1234, or 0236 | 3822 123
        let local = [areaEnd..<(areaEnd + 4), (areaEnd + 4)..<11]
        var w = DemoByteWriter()
        switch style {
        case 1: w.append(d, groups: [0..<areaEnd] + local, separator: space)  // 024 3825 1234
        case 2:  // (024) 3825 1234
            w.append("(")
            w.append(d, 0..<areaEnd)
            w.append(") ")
            w.append(d, groups: local, separator: space)
        case 3: w.append(d, groups: [0..<areaEnd] + local, separator: dot)  // 024.3825.1234
        case 4:  // +84 24 3825 1234
            w.append("+84 ")
            w.append(d, groups: [1..<areaEnd] + local, separator: space)
        case 5:  // 842438251234
            w.append("84")
            w.append(d, 1..<11)
        case 6:  // 04 3825 1234: Hà Nội's code before 2017 (only 024 has an unambiguous old form)
            guard lead == 24 else { return typedLandline(phone, style: 1) }
            w.append("04 ")
            w.append(d, groups: local, separator: space)
        default: w.append(d, 0..<11)  // 02438251234
        }
        return w.string
    }

    private static let space: UInt8 = 32
    private static let dot: UInt8 = 46
    private static let dash: UInt8 = 45

    /// A company switchboard with its extension, as it appears on business cards: `028 3822 1234 ext 105`.
    static func withExtension(_ phone: DemoPhone, extension number: Int) -> String {
        typedLandline(phone, style: 1) + " ext " + String(number)
    }
}
