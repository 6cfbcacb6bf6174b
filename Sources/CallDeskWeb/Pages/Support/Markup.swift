import Plot

/// Every page element lives in Plot's body context; one node type keeps the views simple.
typealias Markup = Node<HTML.BodyContext>

/// Small helpers over Plot for elements and attributes Plot does not type, and for attribute
/// values, which Plot writes without escaping: every attribute value passes through ``escaped(_:)``.
enum Tag {
    /// `<name attr="value"…>children</name>`; a nil value leaves the attribute out, "" writes it bare.
    static func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: [Markup] = []) -> Markup {
        .element(named: name, nodes: attributes.compactMap(attribute) + children)
    }

    /// An element without content or closing tag (`input`).
    static func void(_ name: String, _ attributes: [(String, String?)]) -> Markup {
        .selfClosedElement(named: name, attributes: attributes.compactMap { name, value in
            value.map { Attribute<HTML.BodyContext>(name: name, value: escaped($0), ignoreIfValueIsEmpty: false) }
        })
    }

    static func attribute(_ pair: (String, String?)) -> Markup? {
        pair.1.map { .attribute(named: pair.0, value: escaped($0), ignoreIfValueIsEmpty: false) }
    }

    static func link(_ href: String, _ text: String, class className: String? = nil, title: String? = nil) -> Markup {
        el("a", [("href", href), ("class", className), ("title", title)], [.text(text)])
    }

    static func div(_ className: String, _ children: [Markup]) -> Markup {
        el("div", [("class", className)], children)
    }

    static func span(_ className: String, _ text: String) -> Markup {
        el("span", [("class", className)], [.text(text)])
    }

    /// The banner after an action: green when it worked, red when it was refused.
    static func notice(_ notice: (text: String, error: Bool)?) -> Markup {
        notice.map { div($0.error ? "notice error" : "notice success", [el("p", [], [.text($0.text)])]) } ?? .empty
    }

    static func hidden(_ name: String, _ value: String) -> Markup {
        void("input", [("type", "hidden"), ("name", name), ("value", value)])
    }

    /// `<select name>` with options (value, label); `selected` marks the chosen value.
    static func select(_ name: String, id: String? = nil, _ options: [(value: String, label: String)],
                       selected: String) -> Markup {
        el("select", [("name", name), ("id", id ?? name)], options.map { option in
            el("option", [("value", option.value), ("selected", option.value == selected ? "" : nil)],
               [.text(option.label)])
        })
    }

    /// A text input with its label above it and an error message under it.
    static func field(_ label: String, name: String, value: String, type: String = "text", error: String? = nil,
                      placeholder: String? = nil, required: Bool = false) -> Markup {
        el("div", [("class", error == nil ? "field" : "field invalid")], [
            el("label", [("for", name)], [.text(label)]),
            void("input", [("type", type), ("name", name), ("id", name), ("value", value),
                           ("placeholder", placeholder), ("required", required ? "" : nil)]),
            error.map { el("p", [("class", "error")], [.text($0)]) } ?? .empty,
        ])
    }

    /// Attribute text with `&`, `<`, `>`, `"` and `'` escaped.
    static func escaped(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
