import Foundation

/// A province (tỉnh/thành phố) with real streets and the wards and districts they run through,
/// written the way customers' addresses are usually written (ward, district, province).
struct DemoProvince: Sendable {
    enum HouseStyle: Sendable {
        /// `Số 12 ngõ 34 Nguyễn Trãi` — Hà Nội's lanes.
        case lane
        /// `123/4 Lê Văn Sỹ` — Hồ Chí Minh City's alleys.
        case alley
        case plain
    }

    let name: String
    /// The landline area code without its trunk 0 (`24`, `28`, `236`…).
    let areaCode: UInt64
    let weight: Double
    let style: HouseStyle
    /// `", Phường …, Quận …, Province"` after the street name, precomputed.
    let streets: [(street: String, rest: String)]

    init(_ name: String, area: UInt64, weight: Double, style: HouseStyle = .plain,
         _ streets: [(String, String, String)]) {
        self.name = name
        areaCode = area
        self.weight = weight
        self.style = style
        self.streets = streets.map { ($0.0, ", " + $0.1 + ", " + $0.2 + ", " + name) }
    }
}

enum DemoPlaces {
    static let provinceTable = WeightedTable(provinces.map(\.weight))

    /// An address like `Số 12 ngõ 34 Nguyễn Trãi, Phường Thượng Đình, Quận Thanh Xuân, Hà Nội`.
    static func address(province: Int, street: Int, house: Int, lane: Int) -> String {
        let place = provinces[province]
        let (name, rest) = place.streets[street % place.streets.count]
        switch place.style {
        case .lane where lane > 0:
            return "Số \(house) ngõ \(lane) \(name)\(rest)"
        case .alley where lane > 0:
            return "\(house)/\(lane) \(name)\(rest)"
        default:
            return "\(house) \(name)\(rest)"
        }
    }

    static let provinces: [DemoProvince] = [
        DemoProvince("Hà Nội", area: 24, weight: 28, style: .lane, [
            ("Nguyễn Trãi", "Phường Thượng Đình", "Quận Thanh Xuân"),
            ("Lê Văn Lương", "Phường Nhân Chính", "Quận Thanh Xuân"),
            ("Láng Hạ", "Phường Láng Hạ", "Quận Đống Đa"),
            ("Nguyễn Chí Thanh", "Phường Láng Thượng", "Quận Đống Đa"),
            ("Giải Phóng", "Phường Phương Mai", "Quận Đống Đa"),
            ("Xuân Thủy", "Phường Dịch Vọng Hậu", "Quận Cầu Giấy"),
            ("Trần Duy Hưng", "Phường Trung Hòa", "Quận Cầu Giấy"),
            ("Cầu Giấy", "Phường Quan Hoa", "Quận Cầu Giấy"),
            ("Hồ Tùng Mậu", "Phường Mai Dịch", "Quận Cầu Giấy"),
            ("Kim Mã", "Phường Kim Mã", "Quận Ba Đình"),
            ("Đội Cấn", "Phường Đội Cấn", "Quận Ba Đình"),
            ("Hàng Bài", "Phường Hàng Bài", "Quận Hoàn Kiếm"),
            ("Bà Triệu", "Phường Lê Đại Hành", "Quận Hai Bà Trưng"),
            ("Minh Khai", "Phường Minh Khai", "Quận Hai Bà Trưng"),
            ("Tam Trinh", "Phường Mai Động", "Quận Hoàng Mai"),
            ("Nguyễn Văn Cừ", "Phường Ngọc Lâm", "Quận Long Biên"),
            ("Lạc Long Quân", "Phường Xuân La", "Quận Tây Hồ"),
            ("Phạm Văn Đồng", "Phường Cổ Nhuế 1", "Quận Bắc Từ Liêm"),
            ("Quang Trung", "Phường Quang Trung", "Quận Hà Đông"),
        ]),
        DemoProvince("TP. Hồ Chí Minh", area: 28, weight: 30, style: .alley, [
            ("Nguyễn Huệ", "Phường Bến Nghé", "Quận 1"),
            ("Lê Lợi", "Phường Bến Thành", "Quận 1"),
            ("Nguyễn Thị Minh Khai", "Phường Đa Kao", "Quận 1"),
            ("Trần Hưng Đạo", "Phường Cầu Ông Lãnh", "Quận 1"),
            ("Cách Mạng Tháng Tám", "Phường 15", "Quận 10"),
            ("3 Tháng 2", "Phường 12", "Quận 10"),
            ("Lê Văn Sỹ", "Phường 13", "Quận 3"),
            ("Điện Biên Phủ", "Phường 25", "Quận Bình Thạnh"),
            ("Xô Viết Nghệ Tĩnh", "Phường 21", "Quận Bình Thạnh"),
            ("Phan Xích Long", "Phường 2", "Quận Phú Nhuận"),
            ("Hoàng Văn Thụ", "Phường 4", "Quận Tân Bình"),
            ("Cộng Hòa", "Phường 13", "Quận Tân Bình"),
            ("Nguyễn Oanh", "Phường 17", "Quận Gò Vấp"),
            ("Quang Trung", "Phường 10", "Quận Gò Vấp"),
            ("Nguyễn Văn Linh", "Phường Tân Phong", "Quận 7"),
            ("Nguyễn Thị Thập", "Phường Tân Phú", "Quận 7"),
            ("Huỳnh Tấn Phát", "Phường Tân Thuận Tây", "Quận 7"),
            ("Lũy Bán Bích", "Phường Tân Thới Hòa", "Quận Tân Phú"),
            ("Kinh Dương Vương", "Phường An Lạc A", "Quận Bình Tân"),
            ("Võ Văn Ngân", "Phường Linh Chiểu", "TP. Thủ Đức"),
            ("Kha Vạn Cân", "Phường Linh Đông", "TP. Thủ Đức"),
        ]),
        DemoProvince("Đà Nẵng", area: 236, weight: 7, [
            ("Nguyễn Văn Linh", "Phường Nam Dương", "Quận Hải Châu"),
            ("Lê Duẩn", "Phường Thạch Thang", "Quận Hải Châu"),
            ("Điện Biên Phủ", "Phường Chính Gián", "Quận Thanh Khê"),
            ("Ngô Quyền", "Phường An Hải Bắc", "Quận Sơn Trà"),
            ("Võ Nguyên Giáp", "Phường Phước Mỹ", "Quận Sơn Trà"),
            ("Tôn Đức Thắng", "Phường Hòa Khánh Bắc", "Quận Liên Chiểu"),
        ]),
        DemoProvince("Hải Phòng", area: 225, weight: 5, [
            ("Lạch Tray", "Phường Lạch Tray", "Quận Ngô Quyền"),
            ("Trần Nguyên Hãn", "Phường Niệm Nghĩa", "Quận Lê Chân"),
            ("Điện Biên Phủ", "Phường Minh Khai", "Quận Hồng Bàng"),
        ]),
        DemoProvince("Cần Thơ", area: 292, weight: 4, [
            ("30 Tháng 4", "Phường Xuân Khánh", "Quận Ninh Kiều"),
            ("Nguyễn Văn Cừ", "Phường An Khánh", "Quận Ninh Kiều"),
            ("Mậu Thân", "Phường An Hòa", "Quận Ninh Kiều"),
        ]),
        DemoProvince("Bình Dương", area: 274, weight: 5, [
            ("Đại lộ Bình Dương", "Phường Phú Hòa", "TP. Thủ Dầu Một"),
            ("Yersin", "Phường Phú Cường", "TP. Thủ Dầu Một"),
        ]),
        DemoProvince("Đồng Nai", area: 251, weight: 4, [
            ("Phạm Văn Thuận", "Phường Tân Tiến", "TP. Biên Hòa"),
            ("Đồng Khởi", "Phường Tân Phong", "TP. Biên Hòa"),
        ]),
        DemoProvince("Khánh Hòa", area: 258, weight: 3, [
            ("Trần Phú", "Phường Lộc Thọ", "TP. Nha Trang"),
            ("Thống Nhất", "Phường Phương Sài", "TP. Nha Trang"),
        ]),
        DemoProvince("Nghệ An", area: 238, weight: 3, [
            ("Quang Trung", "Phường Quang Trung", "TP. Vinh"),
            ("Nguyễn Văn Cừ", "Phường Hưng Phúc", "TP. Vinh"),
        ]),
        DemoProvince("Thanh Hóa", area: 237, weight: 3, [
            ("Lê Lợi", "Phường Lam Sơn", "TP. Thanh Hóa"),
        ]),
        DemoProvince("Quảng Ninh", area: 203, weight: 2.5, [
            ("Trần Hưng Đạo", "Phường Trần Hưng Đạo", "TP. Hạ Long"),
        ]),
        DemoProvince("Thừa Thiên Huế", area: 234, weight: 2, [
            ("Lê Lợi", "Phường Vĩnh Ninh", "TP. Huế"),
        ]),
        DemoProvince("Lâm Đồng", area: 263, weight: 1.5, [
            ("Phan Đình Phùng", "Phường 2", "TP. Đà Lạt"),
        ]),
        DemoProvince("Bắc Ninh", area: 222, weight: 2, [
            ("Nguyễn Gia Thiều", "Phường Suối Hoa", "TP. Bắc Ninh"),
        ]),
    ]
}
