import Crypto
import Foundation

/// Generated secrets (API keys, PBX connection secrets) and the hash they are stored as: only the SHA-256
/// of a secret is kept, so a copy of the database does not hold working keys.
enum Secrets {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// `prefix` + 40 random base-32 characters (200 bits).
    static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<40).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    static func sha256Hex(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
