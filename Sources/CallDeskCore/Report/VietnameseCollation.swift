import Foundation

/// Vietnamese ordering of names (R6): ICU's `vi` collation — Đ after D, tones after letters.
public enum VietnameseCollation {
    private static let locale = Locale(identifier: "vi")

    public static func compare(_ lhs: String, _ rhs: String) -> ComparisonResult {
        lhs.compare(rhs, options: [], range: nil, locale: locale)
    }

    /// Lexicographic comparison of name paths (department names from the root).
    public static func compare(_ lhs: [String], _ rhs: [String]) -> ComparisonResult {
        for (a, b) in zip(lhs, rhs) {
            let result = compare(a, b)
            if result != .orderedSame { return result }
        }
        return lhs.count == rhs.count ? .orderedSame : (lhs.count < rhs.count ? .orderedAscending : .orderedDescending)
    }
}

/// Invalid report input that is not a matter of permission (an unknown user, department or campaign):
/// the API answers 400 or 404, the CLI exits 2.
public struct ReportInvalidInput: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
