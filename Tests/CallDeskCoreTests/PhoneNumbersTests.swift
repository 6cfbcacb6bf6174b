import CallDeskCore
import Testing

// Tests of shared/spec/phone-numbers.md. Each case names the rule it pins ("rule 4").

/// The part of a `PhoneNormalization` a test compares: invalid reasons are checked only where a case names one.
enum Outcome: Equatable, Sendable, CustomStringConvertible {
    case number(String, PhoneKind)
    case internalExtension(String)
    case invalid

    init(_ result: PhoneNormalization) {
        switch result {
        case .number(let number): self = .number(number.e164, number.kind)
        case .internalExtension(let digits): self = .internalExtension(digits)
        case .invalid: self = .invalid
        }
    }

    var description: String {
        switch self {
        case .number(let e164, let kind): "\(kind.rawValue) \(e164)"
        case .internalExtension(let digits): "extension \(digits)"
        case .invalid: "invalid"
        }
    }
}

struct PhoneCase: Sendable, CustomTestStringConvertible {
    let raw: String
    let expected: Outcome
    let rule: String
    var region = "VN"
    var reason: String?

    var testDescription: String { "\(rule): \(raw.debugDescription) [\(region)] → \(expected)" }

    static func mobile(_ raw: String, _ e164: String, _ rule: String, region: String = "VN") -> PhoneCase {
        PhoneCase(raw: raw, expected: .number(e164, .mobile), rule: rule, region: region)
    }
    static func landline(_ raw: String, _ e164: String, _ rule: String) -> PhoneCase {
        PhoneCase(raw: raw, expected: .number(e164, .landline), rule: rule)
    }
    static func service(_ raw: String, _ e164: String, _ rule: String) -> PhoneCase {
        PhoneCase(raw: raw, expected: .number(e164, .service), rule: rule)
    }
    static func foreign(_ raw: String, _ e164: String, _ rule: String, region: String = "VN") -> PhoneCase {
        PhoneCase(raw: raw, expected: .number(e164, .foreign), rule: rule, region: region)
    }
    static func ext(_ raw: String, _ digits: String, _ rule: String, region: String = "VN") -> PhoneCase {
        PhoneCase(raw: raw, expected: .internalExtension(digits), rule: rule, region: region)
    }
    static func invalid(_ raw: String, _ rule: String, region: String = "VN", reason: String? = nil) -> PhoneCase {
        PhoneCase(raw: raw, expected: .invalid, rule: rule, region: region, reason: reason)
    }
}

let phoneCases: [PhoneCase] = [
    // Rule 1: formatting, extension suffixes, letters, the leading plus.
    .mobile("0912345678", "+84912345678", "rule 1"),
    .mobile("0912 345 678", "+84912345678", "rule 1"),
    .mobile("0912.345.678", "+84912345678", "rule 1"),
    .mobile("0912-345-678", "+84912345678", "rule 1"),
    .mobile("(0912) 345 678", "+84912345678", "rule 1"),
    .mobile("  0912345678  ", "+84912345678", "rule 1"),
    .mobile("\t0912 345 678\n", "+84912345678", "rule 1"),
    .mobile("0912345678 ext 12", "+84912345678", "rule 1"),
    .mobile("0912345678 EXT. 12", "+84912345678", "rule 1"),
    .mobile("0912345678ext12", "+84912345678", "rule 1"),
    .mobile("0912345678 x12", "+84912345678", "rule 1"),
    .mobile("0912345678X 12", "+84912345678", "rule 1"),
    .mobile("0912345678 #12", "+84912345678", "rule 1"),
    .landline("024 3825 1234 ext 101", "+842438251234", "rule 1"),
    .invalid("0912abc345", "rule 1", reason: "letters are not allowed"),
    .invalid("call 0912345678", "rule 1", reason: "letters are not allowed"),
    .invalid("0912345678 ext", "rule 1", reason: "letters are not allowed"),
    .invalid("0912345678 ext 12 a", "rule 1", reason: "letters are not allowed"),
    .invalid("Số 0912345678", "rule 1", reason: "letters are not allowed"),
    .mobile("(+84) 912 345 678", "+84912345678", "rule 1"),
    .mobile("( +84 ) 912-345-678", "+84912345678", "rule 1"),
    .mobile("+84-912-345-678", "+84912345678", "rule 1"),
    .mobile("0912+345678", "+84912345678", "rule 1"),
    .invalid("-+1 415 555 2671", "rule 1"),
    .mobile("０９１２３４５６７８", "+84912345678", "rule 1"),
    .mobile("0912\u{00A0}345\u{00A0}678", "+84912345678", "rule 1"),
    .mobile("0912–345–678", "+84912345678", "rule 1"),
    .mobile("＋84 912 345 678", "+84912345678", "rule 1"),
    // Rule 2: Vietnamese international forms, the trunk zero, foreign numbers.
    .mobile("+84912345678", "+84912345678", "rule 2"),
    .mobile("0084912345678", "+84912345678", "rule 2"),
    .mobile("00 84 912 345 678", "+84912345678", "rule 2"),
    .mobile("84912345678", "+84912345678", "rule 2"),
    .landline("84 24 3825 1234", "+842438251234", "rule 2"),
    .mobile("+84 0912 345 678", "+84912345678", "rule 2"),
    .mobile("+84 (0) 912 345 678", "+84912345678", "rule 2"),
    .mobile("0084 0912345678", "+84912345678", "rule 2"),
    .mobile("840912345678", "+84912345678", "rule 2"),
    .mobile("84 01683456789", "+84383456789", "rule 2"),
    .mobile("+84 1683456789", "+84383456789", "rule 2"),
    .landline("+84 4 3825 1234", "+842438251234", "rule 2"),
    .invalid("8491234567", "rule 2"),
    .foreign("+1 415 555 2671", "+14155552671", "rule 2"),
    .foreign("+44 20 7946 0958", "+442079460958", "rule 2"),
    .foreign("0044 20 7946 0958", "+442079460958", "rule 2"),
    .foreign("001 212 555 0100", "+12125550100", "rule 2"),
    .foreign("+65 6123 4567", "+6561234567", "rule 2"),
    .foreign("+12345678", "+12345678", "rule 2"),
    .foreign("+123456789012345", "+123456789012345", "rule 2"),
    .invalid("+1 234 567", "rule 2"),
    .invalid("+1234567890123456", "rule 2"),
    .invalid("+86 1381 2345 6789 01", "rule 2"),
    .invalid("+0912345678", "rule 2"),
    .invalid("+", "rule 2"),
    .invalid("+84", "rule 2"),
    .invalid("+84 123", "rule 2"),
    // Rule 2 and the company's region.
    .invalid("0912345678", "rule 2", region: "US"),
    .invalid("84912345678", "rule 2", region: "US"),
    .mobile("+84 912 345 678", "+84912345678", "rule 2", region: "US"),
    .mobile("+84 0168 345 6789", "+84383456789", "rule 2", region: "SG"),
    .foreign("+1 415 555 2671", "+14155552671", "rule 2", region: "US"),
    .ext("101", "101", "rule 7", region: "US"),
    .mobile("0912345678", "+84912345678", "rule 2", region: "vn"),
    // Rule 3: the zero a spreadsheet ate.
    .mobile("912345678", "+84912345678", "rule 3"),
    .mobile("383456789", "+84383456789", "rule 3"),
    .mobile("523456789", "+84523456789", "rule 3"),
    .mobile("701234567", "+84701234567", "rule 3"),
    .mobile("838221234", "+84838221234", "rule 3"),
    .mobile("1683456789", "+84383456789", "rule 3"),
    .mobile("1201234567", "+84701234567", "rule 3"),
    .mobile("1861234567", "+84561234567", "rule 3"),
    .mobile("1881234567", "+84581234567", "rule 3"),
    .mobile("1991234567", "+84591234567", "rule 3"),
    .invalid("612345678", "rule 3"),
    .invalid("438251234", "rule 3"),
    .invalid("2438251234", "rule 3"),
    .invalid("1301234567", "rule 3"),
    // Rule 4: every old mobile prefix.
    .mobile("0162 123 4567", "+84321234567", "rule 4"),
    .mobile("0163 123 4567", "+84331234567", "rule 4"),
    .mobile("0164 123 4567", "+84341234567", "rule 4"),
    .mobile("0165 123 4567", "+84351234567", "rule 4"),
    .mobile("0166 123 4567", "+84361234567", "rule 4"),
    .mobile("0167 123 4567", "+84371234567", "rule 4"),
    .mobile("0168 123 4567", "+84381234567", "rule 4"),
    .mobile("0169 123 4567", "+84391234567", "rule 4"),
    .mobile("0120 123 4567", "+84701234567", "rule 4"),
    .mobile("0121 123 4567", "+84791234567", "rule 4"),
    .mobile("0122 123 4567", "+84771234567", "rule 4"),
    .mobile("0126 123 4567", "+84761234567", "rule 4"),
    .mobile("0128 123 4567", "+84781234567", "rule 4"),
    .mobile("0123 123 4567", "+84831234567", "rule 4"),
    .mobile("0124 123 4567", "+84841234567", "rule 4"),
    .mobile("0125 123 4567", "+84851234567", "rule 4"),
    .mobile("0127 123 4567", "+84811234567", "rule 4"),
    .mobile("0129 123 4567", "+84821234567", "rule 4"),
    .mobile("0186 123 4567", "+84561234567", "rule 4"),
    .mobile("0188 123 4567", "+84581234567", "rule 4"),
    .mobile("0199 123 4567", "+84591234567", "rule 4"),
    .invalid("0130 123 4567", "rule 4"),
    .invalid("0123 456 789", "rule 4"),
    // Rule 5: old landline codes, only in the old plan's lengths, and never over a number valid today.
    .landline("04 3825 1234", "+842438251234", "rule 5"),
    .landline("(04) 38251234", "+842438251234", "rule 5"),
    .landline("04.3825.1234", "+842438251234", "rule 5"),
    .mobile("08 3822 1234", "+84838221234", "rule 5"),
    .mobile("083 822 1234", "+84838221234", "rule 5"),
    .mobile("031 3842 123", "+84313842123", "rule 5"),
    .landline("0511 3 821 234", "+842363821234", "rule 5"),
    .landline("0710 3 821 234", "+842923821234", "rule 5"),
    .landline("0650 3 821 234", "+842743821234", "rule 5"),
    .landline("0320 3 821 234", "+842203821234", "rule 5"),
    .landline("0780 3 821 234", "+842903821234", "rule 5"),
    .landline("0230 3 821 234", "+842153821234", "rule 5"),
    .landline("0240 3 821 234", "+842043821234", "rule 5"),
    .landline("0241 3 821 234", "+842223821234", "rule 5"),
    .landline("0280 3 821 234", "+842083821234", "rule 5"),
    .landline("020 3 821 234", "+842143821234", "rule 5"),
    .landline("061 3 821 234", "+842513821234", "rule 5"),
    .landline("068 3 821 234", "+842593821234", "rule 5"),
    .landline("0210 3 821 234", "+842103821234", "rule 5"),
    .invalid("04 1234 5678", "rule 5"),
    .invalid("024 3825 123", "rule 5"),
    .invalid("0650 382 123", "rule 5"),
    // Rule 6: numbers valid today are never converted.
    .landline("024 3825 1234", "+842438251234", "rule 6"),
    .landline("028 3822 1234", "+842838221234", "rule 6"),
    .landline("0236 3 821 234", "+842363821234", "rule 6"),
    .landline("0292 3 821 234", "+842923821234", "rule 6"),
    .landline("0203 3 821 234", "+842033821234", "rule 6"),
    .mobile("0868 123 456", "+84868123456", "rule 6"),
    .mobile("0321 234 567", "+84321234567", "rule 6"),
    .mobile("0561 234 567", "+84561234567", "rule 6"),
    .invalid("024 0123 4567", "rule 6"),
    .invalid("0236 0 821 234", "rule 6"),
    .invalid("0200 3 821 234", "rule 6"),
    .invalid("09123456789", "rule 6"),
    .invalid("091234567", "rule 6"),
    .invalid("0612345678 9", "rule 5"),
    // Rule 6: service numbers are kept, but never matched.
    .service("1900 1234", "+8419001234", "rule 6"),
    .service("1800 1091", "+8418001091", "rule 6"),
    .service("1900 54 54 54", "+841900545454", "rule 6"),
    .service("1800-599-920", "+841800599920", "rule 6"),
    .service("+84 1900 1234", "+8419001234", "rule 6"),
    .invalid("1900 12345 67", "rule 6"),
    .invalid("1900123", "rule 6"),
    // Rule 7: internal extensions.
    .ext("101", "101", "rule 7"),
    .ext("1234", "1234", "rule 7"),
    .ext("12 34 56", "123456", "rule 7"),
    .ext("0101", "0101", "rule 7"),
    .ext("113", "113", "rule 7"),
    .invalid("12", "rule 7"),
    .invalid("1234567", "rule 7"),
    .invalid("+101", "rule 7"),
    // Garbage.
    .invalid("", "rule 1", reason: "the number is empty"),
    .invalid("   ", "rule 1", reason: "the number is empty"),
    .invalid("---", "rule 1"),
    .invalid("()", "rule 1"),
    .invalid("N/A", "rule 1", reason: "letters are not allowed"),
    .invalid("null", "rule 1", reason: "letters are not allowed"),
    .invalid("#12", "rule 1"),
    .invalid("0912345678 / 0987654321", "rule 6"),
    .invalid("1111111111111111111111111111111", "rule 1"),
    .invalid("0000000000", "rule 6"),
]

@Test(arguments: phoneCases)
func normalisesTheTable(_ phoneCase: PhoneCase) {
    let result = PhoneNumbers.normalize(phoneCase.raw, region: phoneCase.region)

    #expect(Outcome(result) == phoneCase.expected)
    if let reason = phoneCase.reason {
        #expect(result == .invalid(reason: reason))
    }
    if case .invalid(let reason) = result {
        #expect(!reason.isEmpty && reason.count < 80, "a short reason a person can act on")
    }
}

@Test("round trip: normalize(normalize(x).e164) == normalize(x)", arguments: phoneCases)
func roundTrips(_ phoneCase: PhoneCase) {
    let first = PhoneNumbers.normalize(phoneCase.raw, region: phoneCase.region)

    switch first {
    case .number(let number):
        #expect(PhoneNumbers.normalize(number.e164, region: phoneCase.region) == first)
        #expect(PhoneNumbers.normalize(number.e164, region: "US") == first)
    case .internalExtension(let digits):
        #expect(PhoneNumbers.normalize(digits, region: phoneCase.region) == first)
    case .invalid:
        break
    }
}

@Test("matching: the same number typed two ways has one key; hotlines match nothing (rule 6, Matching)")
func matchKeys() {
    #expect(PhoneNumbers.matchKey("0912345678") == "+84912345678")
    #expect(PhoneNumbers.matchKey("84912345678") == PhoneNumbers.matchKey("0912 345 678"))
    #expect(PhoneNumbers.matchKey("01683456789") == PhoneNumbers.matchKey("+84 38 345 6789"))
    #expect(PhoneNumbers.matchKey("+44 20 7946 0958") == "+442079460958")
    #expect(PhoneNumbers.normalize("1900 1234").phoneNumber?.kind == .service)
    #expect(PhoneNumbers.matchKey("1900 1234") == nil)
    #expect(PhoneNumbers.matchKey("101") == nil)
    #expect(PhoneNumbers.matchKey("not a number") == nil)
    #expect(PhoneNumbers.normalize("101").phoneNumber == nil)
}

@Test("rule 5: the 2017 table has all 63 provinces, and every old code is read as the table says")
func landlineTable() {
    let codes = LandlineAreaCodes.all

    #expect(codes.count == 63)
    #expect(Set(codes.map(\.province)).count == 63)
    #expect(Set(codes.map(\.oldCode)).count == 63)
    #expect(Set(codes.map(\.newCode)).count == 63)
    #expect(codes.filter { $0.oldCode == $0.newCode }.map(\.province).sorted()
        == ["Hà Giang", "Hòa Bình", "Phú Thọ", "Vĩnh Phúc"])
    let spotChecks = ["Hà Nội": "4→24", "TP. Hồ Chí Minh": "8→28", "Hải Phòng": "31→225", "Đà Nẵng": "511→236",
                      "Cần Thơ": "710→292", "Quảng Ninh": "33→203", "Gia Lai": "59→269", "Bình Dương": "650→274"]
    for code in codes where spotChecks[code.province] != nil {
        #expect("\(code.oldCode)→\(code.newCode)" == spotChecks[code.province], "\(code.province)")
    }
    for code in codes {
        let subscriber = code.newCode.count == 2 ? "38251234" : "3821234"
        let today = PhoneNumbers.normalize("0\(code.newCode) \(subscriber)")
        let old = "0\(code.oldCode)\(subscriber)"
        let oldIsAMobileToday = old.count == 10 && "35789".contains(old[old.index(after: old.startIndex)])
        let expectedOld: Outcome = oldIsAMobileToday
            ? .number("+84" + old.dropFirst(), .mobile)
            : .number("+84\(code.newCode)\(subscriber)", .landline)

        #expect(Outcome(today) == .number("+84\(code.newCode)\(subscriber)", .landline), "\(code.province)")
        #expect(Outcome(PhoneNumbers.normalize(old)) == expectedOld, "\(code.province): \(old)")
    }
}

// MARK: - Generated numbers

/// SplitMix64: a small seeded generator of our own, so a failing run can be replayed from the seed it prints.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<Element>(_ items: [Element]) -> Element { items[below(items.count)] }
    mutating func digits(_ count: Int, first: ClosedRange<Int> = 0...9) -> String {
        guard count > 0 else { return "" }
        var text = String(first.lowerBound + below(first.count))
        for _ in 1..<count { text += String(below(10)) }
        return text
    }
}

/// Rule 4's table, written out again here so the tests do not trust the code's copy.
let oldMobilePrefixes: [String: String] = [
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
    "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
    "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0186": "056", "0188": "058", "0199": "059",
]

/// A valid number, its canonical form, and every digit string (with a leading `+` where it has one) that the
/// rules say is the same number.
struct GeneratedNumber {
    let e164: String
    let kind: PhoneKind
    let typings: [String]

    static func random(using rng: inout SplitMix64) -> GeneratedNumber {
        switch rng.below(10) {
        case 0..<4: mobile(using: &rng)
        case 4..<7: landline(using: &rng)
        case 7: service(using: &rng)
        default: foreign(using: &rng)
        }
    }

    /// The ways people and PBXs type a Vietnamese national significant number (the number after `0`).
    static func vietnameseTypings(_ nsn: String, lostZeroAllowed: Bool) -> [String] {
        var typings = ["+84" + nsn, "+840" + nsn, "0084" + nsn, "00840" + nsn]
        if !nsn.hasPrefix("1") { typings.append("0" + nsn) }
        if nsn.count == 9 || nsn.count == 10 { typings += ["84" + nsn, "840" + nsn] }
        if lostZeroAllowed { typings.append(nsn) }
        return typings
    }

    static func mobile(using rng: inout SplitMix64) -> GeneratedNumber {
        let prefix = rng.pick(["3", "5", "7", "8", "9"]) + rng.digits(1)
        let subscriber = rng.digits(7)
        var typings = vietnameseTypings(prefix + subscriber, lostZeroAllowed: true)
        for (old, new) in oldMobilePrefixes where new == "0" + prefix {
            typings += vietnameseTypings(String(old.dropFirst()) + subscriber, lostZeroAllowed: true)
        }
        return GeneratedNumber(e164: "+84" + prefix + subscriber, kind: .mobile, typings: typings)
    }

    static func landline(using rng: inout SplitMix64) -> GeneratedNumber {
        let code = rng.pick(LandlineAreaCodes.all)
        let subscriber = rng.digits(code.newCode.count == 2 ? 8 : 7, first: 2...9)
        var typings = vietnameseTypings(code.newCode + subscriber, lostZeroAllowed: false)
        let old = code.oldCode + subscriber
        let oldIsAMobileToday = old.count == 9 && "35789".contains(old.first!)
        if !oldIsAMobileToday {
            typings += vietnameseTypings(old, lostZeroAllowed: false)
        }
        return GeneratedNumber(e164: "+84" + code.newCode + subscriber, kind: .landline, typings: typings)
    }

    static func service(using rng: inout SplitMix64) -> GeneratedNumber {
        let number = rng.pick(["1800", "1900"]) + rng.digits(4 + rng.below(3))
        var typings = [number, "+84" + number, "0084" + number]
        if number.count >= 9 { typings += ["84" + number] }
        return GeneratedNumber(e164: "+84" + number, kind: .service, typings: typings)
    }

    static func foreign(using rng: inout SplitMix64) -> GeneratedNumber {
        let country = rng.pick(["1", "7", "33", "44", "49", "61", "65", "81", "86", "852", "971"])
        let digits = country + rng.digits(8 + rng.below(8) - country.count)
        return GeneratedNumber(e164: "+" + digits, kind: .foreign, typings: ["+" + digits, "00" + digits])
    }
}

/// Formats a digit string (with its leading `+`, if any) the way a person might: groups, separators, brackets,
/// an extension suffix, stray spaces.
func formatted(_ typing: String, using rng: inout SplitMix64) -> String {
    let plus = typing.hasPrefix("+")
    var digits = Substring(plus ? String(typing.dropFirst()) : typing)
    var groups: [String] = []
    while !digits.isEmpty {
        let size = min(digits.count, 1 + rng.below(4))
        groups.append(String(digits.prefix(size)))
        digits = digits.dropFirst(size)
    }
    let separator = rng.pick([" ", ".", "-", "", " - ", "  ", "\u{00A0}"])
    var text = groups.enumerated().map { index, group in
        index > 0 && rng.chance(10) ? rng.pick([" ", ".", "-"]) + group : group
    }.joined(separator: separator)
    if plus {
        text = rng.chance(20) ? "(+" + groups[0] + ")" + text.dropFirst(groups[0].count) : "+" + text
    } else if rng.chance(15) {
        text = "(" + groups[0] + ")" + text.dropFirst(groups[0].count)
    }
    text += rng.pick(["", "", "", " ext 12", "x7", " #123", " EXT. 45", " x 9", "ext1"])
    return rng.pick(["", " ", "\t"]) + text + rng.pick(["", " ", "\n"])
}

@Test("property: every way of typing a valid number normalises to one E.164 (rules 1-6)",
      arguments: [0x5EED_0001, 20_170_211, 20_180_915] as [UInt64])
func everyFormattingAgrees(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var failures: [String] = []

    for _ in 0..<600 {
        let number = GeneratedNumber.random(using: &rng)
        for typing in number.typings {
            for _ in 0..<3 {
                let raw = formatted(typing, using: &rng)
                let result = PhoneNumbers.normalize(raw)
                if Outcome(result) != .number(number.e164, number.kind) {
                    failures.append("\(raw.debugDescription) → \(Outcome(result)), want \(number.e164)")
                } else if PhoneNumbers.normalize(number.e164) != result {
                    failures.append("\(number.e164) does not round-trip")
                }
            }
        }
    }

    let failed = failures.count
    #expect(failed == 0, "seed \(seed): first failures: \(failures.prefix(5))")
}

// MARK: - Differential test against a slow, obvious reading of the spec

/// phone-numbers.md read with plain String operations, slowly and obviously, to compare the fast code against.
enum ReferenceNormalizer {
    static let oldLandlines = LandlineAreaCodes.all.map { (old: "0" + $0.oldCode, new: "0" + $0.newCode) }
    static let currentAreaCodes = Set(LandlineAreaCodes.all.map { "0" + $0.newCode })

    static func normalize(_ raw: String, region: String) -> Outcome {
        let text = withoutExtension(raw)
        if text.contains(where: \.isLetter) { return .invalid }
        // A byte-order mark is invisible (CSV files start with one), so it does not stop a `+` from leading.
        let beforePlus = text.prefix { $0.isWhitespace || "([{（［｛\u{FEFF}".contains($0) }
        let plus = ["+", "＋"].contains(text.dropFirst(beforePlus.count).first)
        let digits = String(text.compactMap(decimalDigit))
        if plus { return international(digits) }
        if (3...6).contains(digits.count) { return .internalExtension(digits) }
        if digits.count < 3 { return .invalid }
        if digits.hasPrefix("00") { return international(String(digits.dropFirst(2))) }
        guard region.uppercased() == "VN" else { return .invalid }
        if digits.hasPrefix("84") {
            let rest = digits.dropFirst(2)
            if rest.count == 9 || rest.count == 10 || (rest.count == 11 && rest.hasPrefix("0")) {
                return national("0" + (rest.hasPrefix("0") ? rest.dropFirst() : rest))
            }
        }
        if digits.hasPrefix("0") { return national(digits) }
        let lostZero = (digits.count == 9 && "35789".contains(digits.first!))
            || (digits.count == 10 && oldMobilePrefixes["0" + digits.prefix(3)] != nil)
        return lostZero || isService(digits) ? national("0" + digits) : .invalid
    }

    static func withoutExtension(_ raw: String) -> String {
        var text = Substring(raw)
        while text.last?.isWhitespace == true { text = text.dropLast() }
        let trailingDigits = text.reversed().prefix { decimalDigit($0) != nil }.count
        guard trailingDigits > 0 else { return raw }
        var head = text.dropLast(trailingDigits)
        while head.last?.isWhitespace == true { head = head.dropLast() }
        for marker in ["#", "x", "ext.", "ext"] where head.lowercased().hasSuffix(marker) {
            return String(head.dropLast(marker.count))
        }
        return raw
    }

    static func decimalDigit(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue
        else { return nil }
        return Character(String(Int(value)))
    }

    static func international(_ digits: String) -> Outcome {
        if digits.hasPrefix("84") {
            let rest = digits.dropFirst(2)
            return national("0" + (rest.hasPrefix("0") ? rest.dropFirst() : rest))
        }
        if digits.isEmpty || digits.hasPrefix("0") || !(8...15).contains(digits.count) { return .invalid }
        return .number("+" + digits, .foreign)
    }

    /// A national number, with its leading 0.
    static func national(_ number: String) -> Outcome {
        if isMobile(number) { return .number("+84" + number.dropFirst(), .mobile) }
        if isLandline(number) { return .number("+84" + number.dropFirst(), .landline) }
        if isService(String(number.dropFirst())) { return .number("+84" + number.dropFirst(), .service) }
        if number.count == 11, let new = oldMobilePrefixes[String(number.prefix(4))] {
            return .number("+84" + new.dropFirst() + number.dropFirst(4), .mobile)
        }
        for (old, new) in oldLandlines where number.hasPrefix(old) && number.count == (old.count == 4 ? 11 : 10) {
            let converted = new + number.dropFirst(old.count)
            return isLandline(converted) ? .number("+84" + converted.dropFirst(), .landline) : .invalid
        }
        return .invalid
    }

    static func isMobile(_ number: String) -> Bool {
        number.count == 10 && "35789".contains(Array(number)[1])
    }

    static func isLandline(_ number: String) -> Bool {
        guard number.count == 11 else { return false }
        let digits = Array(number)
        if number.hasPrefix("024") || number.hasPrefix("028") { return !"01".contains(digits[3]) }
        return currentAreaCodes.contains(String(number.prefix(4))) && !"01".contains(digits[4])
    }

    static func isService(_ number: String) -> Bool {
        (8...10).contains(number.count) && (number.hasPrefix("1800") || number.hasPrefix("1900"))
    }
}

/// Raw text that wanders over every rule: prefixes, old and new codes, separators, letters, suffixes, Unicode.
func randomRaw(using rng: inout SplitMix64) -> String {
    var body: String
    switch rng.below(6) {
    case 0: body = rng.digits(rng.below(14))
    case 1: body = rng.pick(["16", "12", "18", "19"]) + rng.digits(1 + rng.below(9))
    case 2:
        let code = rng.pick(LandlineAreaCodes.all)
        body = rng.pick([code.oldCode, code.newCode]) + rng.digits(5 + rng.below(5))
    case 3: body = rng.pick(["1800", "1900"]) + rng.digits(2 + rng.below(6))
    case 4: body = rng.pick(["3", "5", "7", "8", "9"]) + rng.digits(6 + rng.below(4))
    default: body = rng.pick(["2", "4", "6", "0", "1"]) + rng.digits(rng.below(12))
    }
    var characters = Array(body)
    for _ in 0..<rng.below(4) {
        let insert = rng.pick([" ", ".", "-", "(", ")", "/", "–", "\u{00A0}", "+", "#"])
        characters.insert(Character(insert), at: rng.below(characters.count + 1))
    }
    if rng.chance(5) { characters.insert(Character(rng.pick(["a", "o", "O", "l", "ố", "x"])), at: 0) }
    if rng.chance(5), let index = characters.firstIndex(where: \.isNumber) {
        characters[index] = Character(UnicodeScalar(0xFF10 + UInt32(String(characters[index]))!)!)
    }
    let lead = rng.pick(["", "", " ", "(", "( ", "-", "\u{00A0}", "\u{FEFF}"])
    let prefix = rng.pick(["", "", "+", "+84", "+84 0", "(+84) ", "84", "840", "0084", "00", "0", "0", "0",
                           "+1 ", "0044", "+0", "++", "＋"])
    let suffix = rng.pick(["", "", "", " ext 12", "x7", " #123", " EXT. 45", " x", "ext", "#", " x 9", " 12"])
    return lead + prefix + String(characters) + suffix + rng.pick(["", " ", "\t"])
}

@Test("differential: the fast code agrees with a slow reference on random text (rules 1-7)",
      arguments: [0xD1FF_0001, 0xD1FF_0002, 0xD1FF_0003] as [UInt64])
func agreesWithTheReference(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var failures: [String] = []
    var numbers = 0

    for _ in 0..<20_000 {
        let raw = randomRaw(using: &rng)
        let region = rng.pick(["VN", "VN", "VN", "US"])
        let fast = Outcome(PhoneNumbers.normalize(raw, region: region))
        let reference = ReferenceNormalizer.normalize(raw, region: region)
        if case .number = fast { numbers += 1 }
        if fast != reference {
            failures.append("\(raw.debugDescription) [\(region)]: fast \(fast), reference \(reference)")
        }
    }

    let disagreements = failures.count
    #expect(disagreements == 0, "seed \(seed): first disagreements: \(failures.prefix(5))")
    #expect(numbers > 2_000, "seed \(seed): the generator must reach valid numbers too, got \(numbers)")
}
