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
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Lower-case hex of `bytes` (on every pushed call: no `String(format:)` per byte).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex HMAC-SHA256 of `body` with `key` (signed webhooks).
    static func hmacHex(_ body: [UInt8], key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))
        return hex(code)
    }
}
