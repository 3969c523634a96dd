/// Counts, in an HTML document, the attributes of each start tag as libxml2 2.9's HTML parser
/// reads them, fed the document in pieces; and notes the encodings its `meta` elements
/// declare.
///
/// An HTML attribute value may hold `<` and `>`, so a tag's end cannot be found without
/// reading as the parser reads: this follows htmlParseContentInternal, htmlParseStartTag,
/// htmlParseComment, htmlParseDocTypeDecl and htmlParseScript (recovery mode, which the
/// wrapper always uses) byte for byte, including the parser's split of names longer than
/// 100 bytes into several attributes. The few constructs whose reading depends on state the
/// scanner does not keep (a doctype name with non-ASCII characters followed by an
/// identifier, a `</script…` end tag naming another element inside a script) are refused.
struct HTMLMarkupScanner {
    let limits: XMLMarkupLimits
    private(set) var violation: String?
    /// The encodings `meta` elements name (`charset`, or `http-equiv` Content-Type's
    /// `content`), in document order.
    private(set) var declaredCharsets: [String] = []
    /// What libxml2's push parser would read looking ahead for the ends of constructs.
    private(set) var lookahead = PushLookahead()

    private enum State {
        case content
        case open                           // `<`
        case bang                           // `<!`: `--` or `DOCTYPE` may follow
        case comment(length: Int)
        case question                       // `<?`
        case instruction                    // a processing instruction, to `>`
        case endOpen                        // `</`
        case endTag                         // to `>`
        case tagName
        case attributes                     // between attributes
        case slash                          // a `/` that ends the tag if a `>` follows
        case attributeName(length: Int)
        case afterName
        case beforeValue
        case quoted(UInt8)
        case unquoted
        case bogus
        case raw(matched: Int)              // script or style text, matching `</` + its name
        case rawEndName
        case doctype(Doctype)
    }

    private enum Doctype: Equatable {
        case blanksBeforeName, name, blanksAfterName
        case keyword(matched: Int, public: Bool)
        case blanksBeforeLiteral(public: Bool, second: Bool)
        case literal(UInt8, public: Bool)
        case tail
    }

    private var state = State.content
    private var bang: [UInt8] = []           // the bytes after `<!`, uppercased
    private var name: [UInt8] = []          // the element's name, lowercased, up to 100 bytes
    private var rawName: [UInt8] = []
    private var attributes = 0
    private var value: [UInt8] = []          // a meta attribute's value, up to 256 bytes
    private var attribute: [UInt8] = []      // a meta attribute's name, lowercased
    private var metaAttributes: [(name: [UInt8], value: [UInt8])] = []
    private var recent: UInt32 = 0           // the last four bytes, newest lowest
    private var doctypeHasNonASCIIName = false

    /// When true, a document that would make libxml2's push parser read ahead more than
    /// `PushLookahead.readsPerByte` times its length is a violation.
    let boundsPushLookahead: Bool
    private var scanned = 0

    init(limits: XMLMarkupLimits, boundsPushLookahead: Bool = false) {
        self.limits = limits
        self.boundsPushLookahead = boundsPushLookahead
    }

    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        defer {
            scanned += bytes.count
            if boundsPushLookahead, violation == nil, lookahead.reads > PushLookahead.readsPerByte * scanned + PushLookahead.freeReads {
                violation = "libxml2's HTML push parser would read ahead more than \(PushLookahead.readsPerByte) times the document's length (many tags ending before the `>` it looks for: at a NUL, or `</` and `<?` without a name)"
            }
        }
        var index = 0
        while index < bytes.count, violation == nil {
            // Text, attribute values and script text: nothing to read until the byte that
            // can end them.
            let start = index
            switch state {
            case .content, .raw(matched: 0):
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
            case .quoted(let quote) where name != Array("meta".utf8):
                while index < bytes.count, bytes[index] != quote, bytes[index] != 0 { index += 1 }
            default:
                break
            }
            if index > start {
                if lookahead.isOpen {
                    for offset in start..<index { lookahead.read(bytes[offset]) }
                }
                recent = UInt32(bytes[index - 1])
                continue
            }
            step(bytes[index])
            lookahead.read(bytes[index])
            recent = recent << 8 | UInt32(bytes[index])
            index += 1
        }
    }

    private static let maxName = 100  // HTML_PARSER_BUFFER_SIZE: htmlParseHTMLName's limit

    private mutating func step(_ byte: UInt8) {
        switch state {
        case .content:
            if byte == UInt8(ascii: "<") { state = .open }
        case .open:
            switch byte {
            case UInt8(ascii: "!"):
                bang = []
                state = .bang
            case UInt8(ascii: "?"):
                lookahead.open(pairingQuotes: false)
                state = .question
            case UInt8(ascii: "/"):
                lookahead.open(pairingQuotes: false)
                state = .endOpen
            case _ where Self.isLetter(byte):
                lookahead.open(pairingQuotes: true)
                name = [byte | 0x20]
                attributes = 0
                metaAttributes = []
                state = .tagName
            default:
                state = .content
                step(byte)  // `<` then `<`: the second may open a tag
            }
        case .bang:
            bang.append(Self.isLetter(byte) ? byte & 0xDF : byte)
            if bang == Array("--".utf8) {
                state = .comment(length: 0)
            } else if bang == Array("DOCTYPE".utf8) {
                lookahead.open(pairingQuotes: true)
                doctypeHasNonASCIIName = false
                state = .doctype(.blanksBeforeName)
            } else if !"--".utf8.starts(with: bang) && !"DOCTYPE".utf8.starts(with: bang) {
                // `<!` and anything else is text.
                state = .content
                step(byte)
            }
        case .comment(let length):
            // Ends at `-->` or `--!>` after the opener; a NUL is read as a space.
            if byte == UInt8(ascii: ">"),
               (length >= 2 && recent & 0xFFFF == 0x2D2D) || (length >= 3 && recent & 0xFFFFFF == 0x2D2D21) {
                state = .content
            } else {
                state = .comment(length: min(length + 1, 3))
            }
        case .question:
            // htmlParsePI reads to `>` only after a name; otherwise `<?` is skipped.
            if Self.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") {
                state = .instruction
            } else if byte >= 0x80 {
                // Whether libxml2 reads a name here depends on Unicode tables and on the
                // encoding it has settled on by then.
                violation = "an HTML processing instruction whose target starts with a non-ASCII character cannot be checked against XMLMarkupLimits"
            } else {
                state = .content
                step(byte)
            }
        case .instruction:
            if byte == UInt8(ascii: ">") { state = .content }
        case .endOpen:
            if Self.isNameStart(byte) {
                state = .endTag
            } else {
                state = .content
                step(byte)
            }
        case .endTag:
            if byte == UInt8(ascii: ">") || byte == 0 { state = .content }
        case .tagName:
            if Self.isNameCharacter(byte) {
                if name.count < Self.maxName {
                    name.append(Self.lowercased(byte))
                } else {
                    // The parser stops the name at 100 bytes; the rest is read as attributes.
                    continueAfterLongName(byte)
                }
            } else {
                state = .attributes
                step(byte)
            }
        case .attributes:
            if Self.isBlank(byte) { return }
            switch byte {
            case 0: endOfStartTag(atNUL: true)
            case UInt8(ascii: ">"): endOfStartTag()
            case UInt8(ascii: "/"): state = .slash
            case _ where Self.isNameStart(byte): startAttribute(byte)
            default: state = .bogus
            }
        case .slash:
            if byte == UInt8(ascii: ">") {
                if name == Array("meta".utf8) { noteCharset() }
                state = .content  // `/>`: the element is closed, a script too
            } else {
                // A `/` not before `>` is a bogus attribute, skipped to a blank or the end.
                state = .bogus
                step(byte)
            }
        case .attributeName(let length):
            if Self.isNameCharacter(byte) {
                if length < Self.maxName {
                    state = .attributeName(length: length + 1)
                    if name == Array("meta".utf8), attribute.count < 16 { attribute.append(Self.lowercased(byte)) }
                } else {
                    continueAfterLongName(byte)
                }
            } else {
                state = .afterName
                step(byte)
            }
        case .afterName:
            if Self.isBlank(byte) { return }
            if byte == UInt8(ascii: "=") {
                state = .beforeValue
            } else {
                noteMetaAttribute()
                state = .attributes
                step(byte)
            }
        case .beforeValue:
            if Self.isBlank(byte) { return }
            value = []
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                state = .quoted(byte)
            } else {
                state = .unquoted
                step(byte)
            }
        case .quoted(let quote):
            if byte == 0 {
                noteMetaAttribute()
                endOfStartTag(atNUL: true)
            } else if byte == quote {
                noteMetaAttribute()
                state = .attributes
            } else if value.count < 256 {
                value.append(byte)
            }
        case .unquoted:
            if Self.isBlank(byte) || byte == UInt8(ascii: ">") || byte == 0 {
                noteMetaAttribute()
                state = .attributes
                step(byte)
            } else if value.count < 256 {
                value.append(byte)
            }
        case .bogus:
            switch byte {
            case 0: endOfStartTag(atNUL: true)
            case UInt8(ascii: ">"): endOfStartTag()
            case UInt8(ascii: "/"): state = .slash
            case _ where Self.isBlank(byte): state = .attributes
            default: break
            }
        case .raw(let matched):
            // htmlParseScript (recovery) ends at `</` followed by the element's name, in any case.
            if matched == 0 {
                if byte == UInt8(ascii: "<") { state = .raw(matched: 1) }
            } else if matched == 1 {
                state = byte == UInt8(ascii: "/") ? .raw(matched: 2) : .raw(matched: 0)
                if byte == UInt8(ascii: "<") { state = .raw(matched: 1) }
            } else if Self.lowercased(byte) == rawName[matched - 2] {
                if matched - 1 == rawName.count {
                    name = rawName
                    state = .rawEndName
                } else {
                    state = .raw(matched: matched + 1)
                }
            } else {
                state = byte == UInt8(ascii: "<") ? .raw(matched: 1) : .raw(matched: 0)
            }
        case .rawEndName:
            if Self.isNameCharacter(byte), name.count < Self.maxName {
                // `</scriptx>` inside a script: whether the script goes on depends on the
                // elements open around it.
                violation = "a `</\(String(decoding: rawName, as: UTF8.self))…>` end tag naming another element inside a \(String(decoding: rawName, as: UTF8.self)) element cannot be checked against XMLMarkupLimits"
            } else {
                state = .endTag
                step(byte)
            }
        case .doctype(let part):
            doctype(part, byte)
        }
    }

    private mutating func doctype(_ part: Doctype, _ byte: UInt8) {
        switch part {
        case .blanksBeforeName:
            if Self.isBlank(byte) { return }
            state = .doctype(.name)
            if byte >= 0x80 { doctypeHasNonASCIIName = true }
            if Self.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80 { return }
            state = .doctype(.blanksAfterName)
            step(byte)
        case .name:
            if byte >= 0x80 { doctypeHasNonASCIIName = true }
            if Self.isNameCharacter(byte) || byte >= 0x80 { return }
            state = .doctype(.blanksAfterName)
            step(byte)
        case .blanksAfterName:
            if Self.isBlank(byte) { return }
            state = .doctype(.keyword(matched: 0, public: false))
            step(byte)
        case .keyword(let matched, let isPublic):
            let upper = byte & 0xDF
            if matched == 0, upper == UInt8(ascii: "S") || upper == UInt8(ascii: "P") {
                state = .doctype(.keyword(matched: 1, public: upper == UInt8(ascii: "P")))
                return
            }
            let word = Array((isPublic ? "PUBLIC" : "SYSTEM").utf8)
            if matched > 0, upper == word[matched] {
                if matched + 1 == word.count {
                    if doctypeHasNonASCIIName {
                        violation = "an HTML doctype whose name holds non-ASCII characters, followed by an identifier, cannot be checked against XMLMarkupLimits"
                        return
                    }
                    state = .doctype(.blanksBeforeLiteral(public: isPublic, second: false))
                } else {
                    state = .doctype(.keyword(matched: matched + 1, public: isPublic))
                }
                return
            }
            state = .doctype(.tail)
            step(byte)
        case .blanksBeforeLiteral(let isPublic, let second):
            if Self.isBlank(byte) { return }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                state = .doctype(.literal(byte, public: isPublic && !second))
            } else {
                state = .doctype(.tail)
                step(byte)
            }
        case .literal(let quote, let isPublic):
            if byte == 0 {
                state = .content  // the doctype ends at the NUL
            } else if byte == quote {
                // After a public identifier, a system literal may follow.
                state = .doctype(isPublic ? .blanksBeforeLiteral(public: true, second: true) : .tail)
            }
        case .tail:
            if byte == UInt8(ascii: ">") || byte == 0 { state = .content }
        }
    }

    private mutating func startAttribute(_ byte: UInt8) {
        attributes += 1
        attribute = name == Array("meta".utf8) ? [Self.lowercased(byte)] : []
        value = []
        state = .attributeName(length: 1)
        if attributes > limits.attributesPerElement {
            violation = "an element has more than \(limits.attributesPerElement) attributes (XMLMarkupLimits.attributesPerElement)"
        }
    }

    /// The parser stops the name at 100 bytes and reads on: a name character that can start
    /// a name is a new attribute, any other a bogus one.
    private mutating func continueAfterLongName(_ byte: UInt8) {
        if Self.isNameStart(byte) {
            startAttribute(byte)
        } else {
            state = .bogus
        }
    }

    /// The start tag ended at its `>`, or at a NUL, where the parser drops the element.
    private mutating func endOfStartTag(atNUL: Bool = false) {
        if name == Array("meta".utf8) { noteCharset() }
        if !atNUL, name == Array("script".utf8) || name == Array("style".utf8) {
            rawName = name
            state = .raw(matched: 0)
        } else {
            state = .content
        }
    }

    private mutating func noteMetaAttribute() {
        guard name == Array("meta".utf8), !attribute.isEmpty else { return }
        metaAttributes.append((attribute, value))
        attribute = []
    }

    /// htmlCheckMeta: a `charset` attribute, or `http-equiv="Content-Type"` with a
    /// `content` holding `charset=`.
    private mutating func noteCharset() {
        var httpEquiv = false
        var content: [UInt8]?
        for (name, value) in metaAttributes {
            let text = Self.decodingCharacterReferences(value)
            if name == Array("http-equiv".utf8), String(decoding: text, as: UTF8.self).lowercased() == "content-type" {
                httpEquiv = true
            } else if name == Array("charset".utf8) {
                note(String(decoding: text, as: UTF8.self))
            } else if name == Array("content".utf8) {
                content = text
            }
        }
        guard httpEquiv, let content else { return }
        let lower = Array(String(decoding: content, as: UTF8.self).lowercased().utf8)
        guard let range = lower.firstRange(of: "charset".utf8) else { return }
        var rest = lower[range.upperBound...].drop { Self.isBlank($0) }
        guard rest.first == UInt8(ascii: "=") else { return }
        rest = rest.dropFirst()
        note(String(decoding: rest, as: UTF8.self))
    }

    private mutating func note(_ charset: String) {
        let trimmed = charset.drop { $0 == " " || $0 == "\t" }
        if !trimmed.isEmpty, declaredCharsets.count < 8 { declaredCharsets.append(String(trimmed)) }
    }

    /// `&#NN;` and `&#xHH;` decoded, as the parser decodes attribute values.
    static func decodingCharacterReferences(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return bytes }
        let text = String(decoding: bytes, as: UTF8.self)
        var output = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[ampersand...]
            if rest.hasPrefix("&#"), let semicolon = rest.firstIndex(of: ";") {
                let digits = rest[rest.index(rest.startIndex, offsetBy: 2)..<semicolon]
                let number = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                if let number, let scalar = Unicode.Scalar(number) {
                    output.unicodeScalars.append(scalar)
                    rest = rest[rest.index(after: semicolon)...]
                    continue
                }
            }
            output += "&"
            rest = rest.dropFirst()
        }
        output += rest
        return Array(output.utf8)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
    }

    /// htmlParseHTMLName's first byte.
    private static func isNameStart(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    /// htmlParseHTMLName's other bytes.
    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}

/// The bytes libxml2 2.9's HTML push parser reads looking ahead.
///
/// Before it parses a start tag, an end tag, a processing instruction or a doctype, the push
/// parser looks for a `>` from the construct's `<` (htmlParseLookupSequence; for start tags
/// and doctypes skipping each `>` between a quote and the next same quote), and waits for
/// more input until one has arrived. A construct the parser ends before that `>` (a start tag
/// at a NUL, `</` or `<?` with no name after it) leaves the next construct to read the same
/// bytes again: n of them before a `>` cost n² reads. This counts the reads of every
/// look-ahead that has found its `>`: one that never does blocks the parser until `finish()`,
/// which parses the rest without looking ahead. The open ones are kept in groups by where
/// they stand (outside quotes, inside `'…'`, inside `"…"`, or not pairing quotes), each with
/// the reads its members have made so far.
struct PushLookahead {
    /// Documents read ahead about once per byte; a few constructs ending early do no harm.
    static let readsPerByte = 16
    static let freeReads = 1 << 20

    private struct Group {
        var members = 0
        var reads = 0
    }

    private(set) var reads = 0
    private var outside = Group()
    private var inSingle = Group()
    private var inDouble = Group()
    private var plain = Group()

    var isOpen: Bool { outside.members + inSingle.members + inDouble.members + plain.members > 0 }

    mutating func open(pairingQuotes: Bool) {
        if pairingQuotes { outside.members += 1 } else { plain.members += 1 }
    }

    mutating func read(_ byte: UInt8) {
        outside.reads += outside.members
        inSingle.reads += inSingle.members
        inDouble.reads += inDouble.members
        plain.reads += plain.members
        switch byte {
        case UInt8(ascii: ">"):
            reads += outside.reads + plain.reads
            outside = Group()
            plain = Group()
        case UInt8(ascii: "'"): swap(&outside, &inSingle)
        case UInt8(ascii: "\""): swap(&outside, &inDouble)
        default: break
        }
    }
}
