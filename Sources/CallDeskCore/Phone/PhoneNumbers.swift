/// What a normalised number reaches.
public enum PhoneKind: String, Sendable {
    /// A Vietnamese mobile under the 2018 plan: 10 digits nationally, `03x`, `05x`, `07x`, `08x` or `09x`.
    case mobile
    /// A Vietnamese landline under the 2017 plan: `024`/`028` + 8 digits, or a three-digit `02xx` code + 7.
    case landline
    /// A `1800…` or `1900…` hotline: kept, but never matched to a customer.
    case service
    /// Any number with another country code, 8 to 15 digits counting it.
    case foreign
}

/// A phone number in its canonical form (phone-numbers.md): E.164 with a plus.
public struct PhoneNumber: Sendable, Hashable {
    /// The canonical form, `+84912345678`; service numbers keep their digits after `+84` (`+8419001234`).
    public let e164: String
    /// Which plan the number belongs to; decides whether it can match a customer.
    public let kind: PhoneKind

    /// The key calls are joined on: e164 for mobile, landline and foreign; nil for service numbers (hotlines
    /// never match customers).
    public var matchKey: String? {
        kind == .service ? nil : e164
    }

    init(e164: String, kind: PhoneKind) {
        self.e164 = e164
        self.kind = kind
    }
}

/// The outcome of normalising one raw phone string.
public enum PhoneNormalization: Sendable, Equatable {
    case number(PhoneNumber)
    /// 3 to 6 digits: an internal extension, never a customer (rule 7).
    case internalExtension(String)
    /// Not a number: kept as typed, shown with a warning, matches nothing. The reason is short English a person
    /// can act on, e.g. "letters are not allowed".
    case invalid(reason: String)

    /// The number, when the text was one (including service numbers).
    public var phoneNumber: PhoneNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// `phoneNumber?.matchKey`: nil for service numbers, extensions and invalid input.
    public var matchKey: String? {
        phoneNumber?.matchKey
    }
}

/// Normalisation of the phone numbers people type and PBXs send (shared/spec/phone-numbers.md).
///
/// Everything works on the UTF-8 bytes and a small stack buffer of digits: no regexes, no Foundation scanning
/// and no allocation beyond the result string (which fits Swift's inline small-string storage for every
/// Vietnamese number). Text with non-ASCII characters takes a slower path that first folds it to ASCII.
public enum PhoneNumbers {
    /// Normalise per phone-numbers.md. `region` is the company's default region; only "VN" has national rules,
    /// any other region: only +CC/00CC international forms are accepted.
    ///
    /// Whatever the region, `+84…`/`0084…` numbers follow the Vietnamese rules (trunk `0`, 2018 mobile and 2017
    /// landline renumbering, validity), and 3 to 6 digits without a `+` are an internal extension.
    public static func normalize(_ raw: String, region: String = "VN") -> PhoneNormalization {
        let vietnam = isVietnam(region)
        if let result = raw.utf8.withContiguousStorageIfAvailable({ normalize(bytes: $0, vietnam: vietnam) }) {
            return result
        }
        let bytes = Array(raw.utf8)
        return bytes.withUnsafeBufferPointer { normalize(bytes: $0, vietnam: vietnam) }
    }

    /// Shorthand: normalize(raw, region).matchKey
    public static func matchKey(_ raw: String, region: String = "VN") -> String? {
        normalize(raw, region: region).matchKey
    }

    private static func normalize(bytes: UnsafeBufferPointer<UInt8>, vietnam: Bool) -> PhoneNormalization {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: RawPhoneText.digitCapacity) { buffer in
            switch RawPhoneText.digits(of: bytes, into: buffer) {
            case .digits(let count, let leadingPlus):
                let digits = DigitSpan(base: UnsafePointer(buffer.baseAddress!), count: count)
                return NumberPlan.classify(digits, leadingPlus: leadingPlus, vietnam: vietnam)
            case .invalid(let reason):
                return .invalid(reason: reason)
            case .needsUnicodeFolding:
                let folded = RawPhoneText.foldedToASCII(bytes)
                return folded.withUnsafeBufferPointer { normalize(bytes: $0, vietnam: vietnam) }
            }
        }
    }

    private static func isVietnam(_ region: String) -> Bool {
        if region == "VN" { return true }
        var bytes = region.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), bytes.next() == nil else { return false }
        return first | 0x20 == UInt8(ascii: "v") && second | 0x20 == UInt8(ascii: "n")
    }
}
