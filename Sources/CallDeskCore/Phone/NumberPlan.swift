/// A run of digit values (0–9) in a buffer that outlives it; never stored.
struct DigitSpan {
    let base: UnsafePointer<UInt8>
    let count: Int

    subscript(index: Int) -> UInt8 {
        base[index]
    }

    func dropFirst(_ digits: Int) -> DigitSpan {
        DigitSpan(base: base + digits, count: count - digits)
    }

    func startsWith(_ first: UInt8, _ second: UInt8) -> Bool {
        count >= 2 && base[0] == first && base[1] == second
    }

    /// The value of the `length` digits from `offset`.
    func value(at offset: Int, length: Int) -> Int {
        var value = 0
        for index in offset..<(offset + length) {
            value = value * 10 + Int(base[index])
        }
        return value
    }

    var text: String {
        String(unsafeUninitializedCapacity: count) { out in
            for index in 0..<count { out[index] = base[index] &+ Byte.zero }
            return count
        }
    }
}

/// Rules 2–7 of phone-numbers.md, over the digits that rule 1 left.
enum NumberPlan {
    static func classify(_ digits: DigitSpan, leadingPlus: Bool, vietnam: Bool) -> PhoneNormalization {
        if leadingPlus {
            return international(digits)
        }
        // Rule 7 before the prefixes: no phone number has 3 to 6 digits, so `0101` is an extension, not a `0…`.
        if (3...6).contains(digits.count) {
            return .internalExtension(digits.text)
        }
        if digits.count < 3 {
            return .invalid(reason: Reason.tooFewDigits)
        }
        if digits.startsWith(0, 0) {
            return international(digits.dropFirst(2))
        }
        guard vietnam else {
            return .invalid(reason: Reason.internationalFormRequired)
        }
        if digits.startsWith(8, 4) {
            // Rule 2: a bare 84 is the country code when 9 or 10 digits follow it, not counting a trunk 0.
            let rest = digits.dropFirst(2)
            if rest.count == 9 || rest.count == 10 || (rest.count == 11 && rest[0] == 0) {
                return vietnamese(droppingTrunkZero(rest))
            }
        }
        if digits[0] == 0 {
            return vietnamese(digits.dropFirst(1))
        }
        if lostItsZero(digits) || isService(digits) {
            return vietnamese(digits)
        }
        return .invalid(reason: Reason.missingTrunkZero)
    }

    /// Rule 2: the digits after `+` or `00`.
    private static func international(_ digits: DigitSpan) -> PhoneNormalization {
        guard digits.count > 0 else {
            return .invalid(reason: Reason.noCountryCode)
        }
        if digits.startsWith(8, 4) {
            return vietnamese(droppingTrunkZero(digits.dropFirst(2)))
        }
        guard digits[0] != 0 else {
            return .invalid(reason: Reason.countryCodeStartsWithZero)
        }
        guard (8...15).contains(digits.count) else {
            return .invalid(reason: Reason.foreignLength)
        }
        return .number(PhoneNumber(e164: e164(foreign: digits), kind: .foreign))
    }

    private static func droppingTrunkZero(_ digits: DigitSpan) -> DigitSpan {
        digits.count > 0 && digits[0] == 0 ? digits.dropFirst(1) : digits
    }

    /// Rule 3: a 9-digit mobile, or a 10-digit old mobile, typed without its leading zero.
    private static func lostItsZero(_ digits: DigitSpan) -> Bool {
        switch digits.count {
        case 9: return isMobileLeadingDigit(digits[0])
        case 10: return oldMobilePrefix(digits) != nil
        default: return false
        }
    }

    /// Rules 4–6 on a national significant number: the national number without its leading `0`.
    private static func vietnamese(_ number: DigitSpan) -> PhoneNormalization {
        let length = number.count
        guard length > 0 else { return .invalid(reason: Reason.vietnameseTooShort) }
        // Rule 6 first: a number valid under today's plan is never converted.
        if length == 9 && isMobileLeadingDigit(number[0]) {
            return vietnameseNumber(number, kind: .mobile)
        }
        if let codeLength = currentAreaCodeLength(number), number[codeLength] >= 2 {
            return vietnameseNumber(number, kind: .landline)
        }
        if isService(number) {
            return vietnameseNumber(number, kind: .service)
        }
        // Rule 4: old 11-digit mobiles.
        if length == 10, let newPrefix = oldMobilePrefix(number) {
            return vietnameseNumber(number.dropFirst(3), head: newPrefix, headLength: 2, kind: .mobile)
        }
        // Rule 5: old landlines, only in the lengths of the old plan.
        if let (newCode, oldLength) = oldLandlineCode(number) {
            let subscriber = number.dropFirst(oldLength)
            guard subscriber[0] >= 2 else { return .invalid(reason: Reason.landlineSubscriber) }
            return vietnameseNumber(subscriber, head: newCode, headLength: newCode < 100 ? 2 : 3, kind: .landline)
        }
        if currentAreaCodeLength(number) != nil {
            return .invalid(reason: Reason.landlineSubscriber)
        }
        if length < 9 { return .invalid(reason: Reason.vietnameseTooShort) }
        if length > 10 { return .invalid(reason: Reason.vietnameseTooLong) }
        return .invalid(reason: Reason.unknownVietnamese)
    }

    /// Rule 6 mobiles: `03x`, `05x`, `07x`, `08x`, `09x`.
    private static func isMobileLeadingDigit(_ digit: UInt8) -> Bool {
        digit == 3 || digit == 5 || digit == 7 || digit == 8 || digit == 9
    }

    /// Rule 6 landlines: the length of the current area code that starts this 10-digit national number.
    private static func currentAreaCodeLength(_ number: DigitSpan) -> Int? {
        guard number.count == 10 && number[0] == 2 else { return nil }
        if number[1] == 4 || number[1] == 8 { return 2 }
        return LandlineLookup.shared.isCurrentThreeDigits[number.value(at: 0, length: 3)] ? 3 : nil
    }

    /// Rule 6 service numbers: `1800…` and `1900…`, 8 to 10 digits in all.
    private static func isService(_ number: DigitSpan) -> Bool {
        (8...10).contains(number.count) && (number[0] == 1 && (number[1] == 8 || number[1] == 9))
            && number[2] == 0 && number[3] == 0
    }

    /// Rule 4: the new two-digit prefix of an old `1xx` mobile prefix (without its zero), or nil.
    private static func oldMobilePrefix(_ number: DigitSpan) -> Int? {
        guard number.count >= 3 && number[0] == 1 else { return nil }
        let prefix = newMobilePrefixByOld[number.value(at: 1, length: 2)]
        return prefix == 0 ? nil : Int(prefix)
    }

    /// Rule 4's table, indexed by the two digits after the old prefix's `1` (`0168` → 68 → 38).
    private static let newMobilePrefixByOld: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 100)
        let renumbering: [(old: Int, new: UInt8)] = [
            (62, 32), (63, 33), (64, 34), (65, 35), (66, 36), (67, 37), (68, 38), (69, 39),  // Viettel
            (20, 70), (21, 79), (22, 77), (26, 76), (28, 78),  // MobiFone
            (23, 83), (24, 84), (25, 85), (27, 81), (29, 82),  // VinaPhone
            (86, 56), (88, 58),  // Vietnamobile
            (99, 59),  // Gmobile
        ]
        for (old, new) in renumbering { table[old] = new }
        return table
    }()

    /// Rule 5: the new area code and the old code's length, when the number has an old code and the old plan's
    /// length for it (`4`/`8` + 8 digits, a two-digit code + 7, a three-digit code + 7).
    private static func oldLandlineCode(_ number: DigitSpan) -> (newCode: Int, oldLength: Int)? {
        let lookup = LandlineLookup.shared
        switch number.count {
        case 9:
            let one = lookup.newByOldOneDigit[Int(number[0])]
            if one != 0 { return (Int(one), 1) }
            let two = lookup.newByOldTwoDigits[number.value(at: 0, length: 2)]
            return two == 0 ? nil : (Int(two), 2)
        case 10:
            let three = lookup.newByOldThreeDigits[number.value(at: 0, length: 3)]
            return three == 0 ? nil : (Int(three), 3)
        default:
            return nil
        }
    }

    private static func vietnameseNumber(_ number: DigitSpan, head: Int = 0, headLength: Int = 0,
                                         kind: PhoneKind) -> PhoneNormalization {
        let length = 3 + headLength + number.count
        let e164 = String(unsafeUninitializedCapacity: length) { out in
            out[0] = Byte.plus
            out[1] = Byte.zero + 8
            out[2] = Byte.zero + 4
            var rest = head
            var index = 3 + headLength
            while index > 3 {
                index -= 1
                out[index] = Byte.zero + UInt8(rest % 10)
                rest /= 10
            }
            for offset in 0..<number.count {
                out[3 + headLength + offset] = number[offset] &+ Byte.zero
            }
            return length
        }
        return .number(PhoneNumber(e164: e164, kind: kind))
    }

    private static func e164(foreign digits: DigitSpan) -> String {
        String(unsafeUninitializedCapacity: digits.count + 1) { out in
            out[0] = Byte.plus
            for index in 0..<digits.count { out[index + 1] = digits[index] &+ Byte.zero }
            return digits.count + 1
        }
    }
}
