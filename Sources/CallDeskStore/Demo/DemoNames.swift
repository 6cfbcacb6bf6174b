import Foundation

/// A word of a name with its lowercase ASCII form (`Nguyễn`, `nguyen`), folded once, not per customer.
struct DemoWord: Sendable {
    let text: String
    let ascii: String

    init(_ text: String) {
        self.text = text
        ascii = DemoText.slug(text)
    }
}

/// A Vietnamese full name (họ, tên đệm, tên), with what emails are made of.
struct DemoPersonName: Sendable {
    let surname: DemoWord
    let middle: DemoWord
    let given: DemoWord
    let female: Bool

    var fullName: String { surname.text + " " + middle.text + " " + given.text }
}

/// Vietnamese names with realistic frequencies, and the words companies are named with.
enum DemoNames {
    /// Surnames, weighted roughly as in Vietnam (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 % …;
    /// Hoàng/Huỳnh and Vũ/Võ are the northern/southern forms of one name).
    static let surnames: [DemoWord] = surnameWeights.map { DemoWord($0.0) }
    static let surnameTable = WeightedTable(surnameWeights.map(\.1))
    private static let surnameWeights: [(String, Double)] = [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3.3), ("Huỳnh", 2.5),
        ("Phan", 4.5), ("Vũ", 2.4), ("Võ", 1.6), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
        ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.8), ("Đoàn", 0.5),
        ("Mai", 0.5), ("Trịnh", 0.4), ("Lương", 0.4), ("Cao", 0.4), ("Lâm", 0.4), ("Hà", 0.4),
        ("Tô", 0.3), ("Tạ", 0.2), ("Châu", 0.2), ("Vương", 0.2), ("Phùng", 0.2), ("Thái", 0.2),
        ("Kiều", 0.1), ("Quách", 0.1), ("La", 0.1),
    ]

    static let maleMiddles: [DemoWord] = maleMiddleWeights.map { DemoWord($0.0) }
    static let maleMiddleTable = WeightedTable(maleMiddleWeights.map(\.1))
    private static let maleMiddleWeights: [(String, Double)] = [
        ("Văn", 26), ("Minh", 10), ("Đức", 8), ("Hữu", 6), ("Quốc", 6), ("Thanh", 5), ("Công", 5),
        ("Hoàng", 4), ("Đình", 4), ("Quang", 4), ("Gia", 4), ("Anh", 3), ("Tuấn", 3), ("Xuân", 3),
        ("Ngọc", 3), ("Duy", 3), ("Trung", 3), ("Bảo", 3), ("Tiến", 2), ("Thế", 2), ("Nhật", 2),
    ]

    static let femaleMiddles: [DemoWord] = femaleMiddleWeights.map { DemoWord($0.0) }
    static let femaleMiddleTable = WeightedTable(femaleMiddleWeights.map(\.1))
    private static let femaleMiddleWeights: [(String, Double)] = [
        ("Thị", 36), ("Ngọc", 8), ("Thu", 6), ("Thanh", 5), ("Phương", 4), ("Kim", 4), ("Hồng", 4),
        ("Minh", 4), ("Thùy", 4), ("Mỹ", 3), ("Bảo", 3), ("Khánh", 3), ("Hoài", 2), ("Diệu", 2),
        ("Ánh", 2), ("Quỳnh", 2), ("Hải", 2), ("Mai", 2), ("Cẩm", 2), ("Tường", 1),
    ]

    static let maleGiven: [DemoWord] = [
        "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
        "Khang", "Khoa", "Khánh", "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Nhân", "Phát",
        "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thành", "Thắng", "Thịnh", "Toàn", "Trí",
        "Trung", "Tú", "Tuấn", "Việt", "Vinh", "Vũ", "Hưng", "Duy", "Khôi", "Bảo",
    ].map(DemoWord.init)

    static let femaleGiven: [DemoWord] = [
        "Anh", "Ánh", "Châu", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
        "Hoa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân",
        "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy", "Trâm",
        "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Hậu",
    ].map(DemoWord.init)

    /// A person's name; `surname` is an index into `surnames` (a family shares one), nil to draw one.
    static func person(female: Bool, surname: Int? = nil, using rng: inout DemoRandom) -> DemoPersonName {
        let family = surnames[surname ?? rng.pick(surnameTable)]
        if female {
            return DemoPersonName(surname: family, middle: femaleMiddles[rng.pick(femaleMiddleTable)],
                                  given: rng.pick(femaleGiven), female: true)
        }
        return DemoPersonName(surname: family, middle: maleMiddles[rng.pick(maleMiddleTable)],
                              given: rng.pick(maleGiven), female: false)
    }

    /// Legal forms, weighted: most small Vietnamese firms are limited companies (TNHH).
    static let companyForms = ["Công ty TNHH", "Công ty CP", "Công ty TNHH MTV", "Doanh nghiệp tư nhân"]
    static let companyFormTable = WeightedTable([48, 32, 15, 5])
    static let companyTrades = [
        "Thương mại", "Thương mại Dịch vụ", "Xây dựng", "Công nghệ", "Đầu tư", "Thực phẩm", "Dược phẩm",
        "Vận tải", "Nội thất", "Du lịch", "Giáo dục", "Thiết bị Y tế", "Sản xuất", "Kỹ thuật",
        "Xuất nhập khẩu", "Cơ khí",
    ]
    static let companyBrands: [DemoWord] = [
        "Hoàng Long", "Minh Phát", "Đại Việt", "Sao Mai", "Thiên Phú", "Phú Thịnh", "An Khang",
        "Hưng Thịnh", "Tân Á", "Nam Sơn", "Việt Tiến", "Kim Ngân", "Thành Công", "Đông Á", "Bảo Tín",
        "Hải Đăng", "Trường An", "Phúc Lộc", "Gia Phát", "Tín Nghĩa", "Thăng Long", "Mê Kông", "Hòa Bình",
        "Ánh Dương", "Hồng Hà", "Tân Phát", "Vạn Xuân", "Quang Minh", "Nhật Quang", "Sông Hàn",
    ].map(DemoWord.init)

    static let mailDomains = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com"]
    static let mailDomainTable = WeightedTable([72, 10, 7, 6, 5])
}
