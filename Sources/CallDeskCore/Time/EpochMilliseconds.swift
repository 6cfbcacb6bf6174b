import Foundation

/// Instants are stored as milliseconds since the Unix epoch (UTC) in both databases.
extension Date {
    /// This instant as whole milliseconds since 1970-01-01T00:00:00Z (rounded to the nearest).
    public var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(epochMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
