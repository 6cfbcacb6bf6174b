/// One province's landline area code before and after the 2017 renumbering (Decision 2036/QĐ-BTTTT of the
/// Ministry of Information and Communications), both written without the trunk `0`: Hà Nội is `4` → `24`.
public struct LandlineAreaCode: Sendable, Hashable {
    /// The province or centrally-run city, as the Ministry named it in 2017.
    public let province: String
    /// The code dialled before 2017. Old subscriber numbers had 8 digits after `4` and `8`, 7 after the others.
    public let oldCode: String
    /// The code dialled since 2017: `24` and `28` with 8 subscriber digits, a three-digit `2xx` with 7.
    public let newCode: String

    init(_ province: String, old oldCode: String, new newCode: String) {
        self.province = province
        self.oldCode = oldCode
        self.newCode = newCode
    }
}

/// The full 2017 landline renumbering: all 63 provinces (rule 5 of phone-numbers.md).
public enum LandlineAreaCodes {
    /// Every province, in the order of the three phases. Vĩnh Phúc, Phú Thọ, Hòa Bình and Hà Giang kept their codes.
    public static let all: [LandlineAreaCode] = [
        // Phase 1, from 11 February 2017.
        .init("Sơn La", old: "22", new: "212"),
        .init("Lai Châu", old: "231", new: "213"),
        .init("Lào Cai", old: "20", new: "214"),
        .init("Điện Biên", old: "230", new: "215"),
        .init("Yên Bái", old: "29", new: "216"),
        .init("Quảng Bình", old: "52", new: "232"),
        .init("Quảng Trị", old: "53", new: "233"),
        .init("Thừa Thiên Huế", old: "54", new: "234"),
        .init("Quảng Nam", old: "510", new: "235"),
        .init("Đà Nẵng", old: "511", new: "236"),
        .init("Thanh Hóa", old: "37", new: "237"),
        .init("Nghệ An", old: "38", new: "238"),
        .init("Hà Tĩnh", old: "39", new: "239"),
        // Phase 2, from 15 April 2017.
        .init("Quảng Ninh", old: "33", new: "203"),
        .init("Bắc Giang", old: "240", new: "204"),
        .init("Lạng Sơn", old: "25", new: "205"),
        .init("Cao Bằng", old: "26", new: "206"),
        .init("Tuyên Quang", old: "27", new: "207"),
        .init("Thái Nguyên", old: "280", new: "208"),
        .init("Bắc Kạn", old: "281", new: "209"),
        .init("Hải Dương", old: "320", new: "220"),
        .init("Hưng Yên", old: "321", new: "221"),
        .init("Bắc Ninh", old: "241", new: "222"),
        .init("Hải Phòng", old: "31", new: "225"),
        .init("Hà Nam", old: "351", new: "226"),
        .init("Thái Bình", old: "36", new: "227"),
        .init("Nam Định", old: "350", new: "228"),
        .init("Ninh Bình", old: "30", new: "229"),
        .init("Cà Mau", old: "780", new: "290"),
        .init("Bạc Liêu", old: "781", new: "291"),
        .init("Cần Thơ", old: "710", new: "292"),
        .init("Hậu Giang", old: "711", new: "293"),
        .init("Trà Vinh", old: "74", new: "294"),
        .init("An Giang", old: "76", new: "296"),
        .init("Kiên Giang", old: "77", new: "297"),
        .init("Sóc Trăng", old: "79", new: "299"),
        // Phase 3, from 17 June 2017.
        .init("Hà Nội", old: "4", new: "24"),
        .init("TP. Hồ Chí Minh", old: "8", new: "28"),
        .init("Đồng Nai", old: "61", new: "251"),
        .init("Bình Thuận", old: "62", new: "252"),
        .init("Bà Rịa – Vũng Tàu", old: "64", new: "254"),
        .init("Quảng Ngãi", old: "55", new: "255"),
        .init("Bình Định", old: "56", new: "256"),
        .init("Phú Yên", old: "57", new: "257"),
        .init("Khánh Hòa", old: "58", new: "258"),
        .init("Ninh Thuận", old: "68", new: "259"),
        .init("Kon Tum", old: "60", new: "260"),
        .init("Đắk Nông", old: "501", new: "261"),
        .init("Đắk Lắk", old: "500", new: "262"),
        .init("Lâm Đồng", old: "63", new: "263"),
        .init("Gia Lai", old: "59", new: "269"),
        .init("Vĩnh Long", old: "70", new: "270"),
        .init("Bình Phước", old: "651", new: "271"),
        .init("Long An", old: "72", new: "272"),
        .init("Tiền Giang", old: "73", new: "273"),
        .init("Bình Dương", old: "650", new: "274"),
        .init("Bến Tre", old: "75", new: "275"),
        .init("Tây Ninh", old: "66", new: "276"),
        .init("Đồng Tháp", old: "67", new: "277"),
        // Unchanged.
        .init("Phú Thọ", old: "210", new: "210"),
        .init("Vĩnh Phúc", old: "211", new: "211"),
        .init("Hòa Bình", old: "218", new: "218"),
        .init("Hà Giang", old: "219", new: "219"),
    ]
}

/// The renumbering as flat lookup tables, indexed by the code's value, so that the hot path never hashes a string.
struct LandlineLookup: Sendable {
    /// New code by one-digit old code (`4` → 24, `8` → 28); 0 when there is none.
    let newByOldOneDigit: [UInt16]
    /// New code by two-digit old code (`31` → 225); 0 when there is none.
    let newByOldTwoDigits: [UInt16]
    /// New code by three-digit old code (`511` → 236); 0 when there is none.
    let newByOldThreeDigits: [UInt16]
    /// Whether a three-digit value is a current `2xx` area code (the two-digit `24` and `28` are checked apart).
    let isCurrentThreeDigits: [Bool]

    static let shared = LandlineLookup(LandlineAreaCodes.all)

    init(_ codes: [LandlineAreaCode]) {
        var one = [UInt16](repeating: 0, count: 10)
        var two = [UInt16](repeating: 0, count: 100)
        var three = [UInt16](repeating: 0, count: 1000)
        var current = [Bool](repeating: false, count: 1000)
        for code in codes {
            let old = Int(code.oldCode)!
            let new = UInt16(code.newCode)!
            switch code.oldCode.utf8.count {
            case 1: one[old] = new
            case 2: two[old] = new
            default: three[old] = new
            }
            if code.newCode.utf8.count == 3 {
                current[Int(new)] = true
            }
        }
        newByOldOneDigit = one
        newByOldTwoDigits = two
        newByOldThreeDigits = three
        isCurrentThreeDigits = current
    }
}
