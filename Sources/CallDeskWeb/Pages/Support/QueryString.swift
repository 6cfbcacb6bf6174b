import Foundation

/// Builds `a=1&b=x%2By`: every character outside the unreserved set is percent-encoded (`+` too,
/// which `URLComponents` leaves alone and servers read as a space).
enum QueryString {
    private static let allowed = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:,")

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key) + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }
}
