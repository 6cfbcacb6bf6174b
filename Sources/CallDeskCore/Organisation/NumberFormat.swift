/// Numbers as the UI shows them (ui-glossary.md): dot thousands, no decimals for VND.
public enum NumberFormat {
    /// `1250000` → `1.250.000`.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// `1250000` → `1.250.000 ₫`.
    public static func money(_ value: Int64, currency: String = "VND") -> String {
        currency == "VND" ? grouped(value) + " ₫" : grouped(value) + " " + currency
    }
}
