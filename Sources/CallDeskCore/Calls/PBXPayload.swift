import Foundation

/// One value of a PBX's payload, whatever the wire format: JSON, a form, or a CSV line.
public indirect enum PBXValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A JSON number, with its text as sent (`101`, `18.0`).
    case number(String)
    case string(String)
    case array([PBXValue])
    case object([String: PBXValue])
}

extension PBXValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let flag = try? container.decode(Bool.self) { self = .bool(flag); return }
        if let text = try? container.decode(String.self) { self = .string(text); return }
        if let whole = try? container.decode(Int64.self) { self = .number(String(whole)); return }
        if let real = try? container.decode(Double.self) { self = .number(String(real)); return }
        if let array = try? container.decode([PBXValue].self) { self = .array(array); return }
        self = .object(try container.decode([String: PBXValue].self))
    }
}

/// A problem with one field of a call record: answered as 400 with this message; nothing is stored.
public struct CDRFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// A PBX's payload as named fields: every adapter reads through it, so "a number may come as a string"
/// (`"duration": "18"`) and "a string may come as a number" (`"extension": 101`) hold for every field of
/// every provider, and every complaint names its field.
public struct PBXPayload: Sendable, Equatable {
    public var fields: [String: PBXValue]

    public init(_ fields: [String: PBXValue]) {
        self.fields = fields
    }

    /// A JSON object. Anything else (an array, a bare value, bad JSON) is refused with the reason.
    public static func json(_ data: Data) throws -> PBXPayload {
        guard !data.isEmpty else { throw CDRFieldError("body", "is empty; send a JSON object") }
        let decoded: PBXValue
        do {
            decoded = try PBXJSON.parse(data)
        } catch let malformed as PBXJSON.Malformed {
            throw CDRFieldError("body", "is not valid JSON (\(malformed))")
        }
        guard case .object(let fields) = decoded else {
            throw CDRFieldError("body", "must be a JSON object with the call's fields")
        }
        return PBXPayload(fields)
    }

    /// `application/x-www-form-urlencoded` (or a query string): `a=1&b=x+y`; `extension[]=101` collects
    /// into an array.
    public static func form(_ text: String) -> PBXPayload {
        var fields: [String: PBXValue] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(String(parts[0]))
            let value = parts.count > 1 ? decode(String(parts[1])) : ""
            if key.hasSuffix("[]") {
                let name = String(key.dropLast(2))
                if case .array(let items) = fields[name] {
                    fields[name] = .array(items + [.string(value)])
                } else {
                    fields[name] = .array([.string(value)])
                }
            } else {
                fields[key] = .string(value)
            }
        }
        return PBXPayload(fields)
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; the bytes are UTF-8. A malformed
    /// escape (`%G1`, a lone `%`) is kept as it was written, like invalid UTF-8 is repaired, rather than dropping the field.
    public static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return text }
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value at `path` (`from.number` reads into nested objects); nil when absent or null.
    public subscript(path: String) -> PBXValue? {
        if !path.utf8.contains(UInt8(ascii: ".")) {
            // A top-level field (nearly every lookup): no path to split.
            guard let value = fields[path], value != .null else { return nil }
            return value
        }
        var current: PBXValue = .object(fields)
        for key in path.split(separator: ".") {
            guard case .object(let object) = current, let next = object[String(key)] else { return nil }
            current = next
        }
        return current == .null ? nil : current
    }

    /// The first of `paths` that is present.
    public func first(_ paths: [String]) -> (path: String, value: PBXValue)? {
        for path in paths { if let value = self[path] { return (path, value) } }
        return nil
    }

    /// A text field; numbers are read as their text. Empty text counts as absent.
    public func text(_ paths: String...) throws -> String? {
        guard let (path, value) = first(paths) else { return nil }
        return try Self.text(of: value, path: path)
    }

    public func requiredText(_ paths: String...) throws -> String {
        guard let (path, value) = first(paths) else { throw CDRFieldError(paths[0], "is missing") }
        guard let text = try Self.text(of: value, path: path) else { throw CDRFieldError(path, "is empty") }
        return text
    }

    /// Text (trimmed; empty counts as absent) or a number's text; anything else names the field.
    static func text(of value: PBXValue, path: String) throws -> String? {
        switch value {
        case .string(let text):
            let trimmed = trimmed(text)
            return trimmed.isEmpty ? nil : trimmed
        case .number(let text): return text
        default: throw CDRFieldError(path, "must be text or a number, not \(Self.kind(value))")
        }
    }

    /// Whitespace and newlines off both ends; the text itself when there are none (nearly always).
    static func trimmed(_ text: String) -> String {
        guard let first = text.first, let last = text.last else { return text }
        if !first.isWhitespace && !last.isWhitespace { return text }
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// A whole number of seconds, from a JSON number or a numeric string (`"18"`, `18`, `18.0`).
    public func integer(_ paths: String...) throws -> Int64? {
        guard let (path, value) = first(paths) else { return nil }
        let text: String
        switch value {
        case .number(let t): text = t
        case .string(let t):
            text = t.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
        default: throw CDRFieldError(path, "must be a whole number, not \(Self.kind(value))")
        }
        if let whole = Int64(text) { return whole }
        if let real = Double(text), real.isFinite, real == real.rounded(), abs(real) < 1e15 { return Int64(real) }
        throw CDRFieldError(path, "must be a whole number, got \"\(text)\"")
    }

    public func requiredInteger(_ paths: String...) throws -> Int64 {
        guard let (path, _) = first(paths) else { throw CDRFieldError(paths[0], "is missing") }
        guard let value = try integer(path) else { throw CDRFieldError(path, "is empty") }
        return value
    }

    static func kind(_ value: PBXValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
