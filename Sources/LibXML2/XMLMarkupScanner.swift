/// Counts, in an XML document, what `XMLMarkupLimits` bounds, fed the document in pieces.
///
/// Two readings run side by side. Start tags are read wherever a `<` (or, in the DTD's
/// literals, a `&#60;`, which an entity's text turns into one) is followed by a name
/// character, inside comments, CDATA and the DTD too, and a tag ends at its `>` or at the next `<`, which XML allows in no
/// attribute value: so no comment, literal or malformed construct can hide a tag's
/// attributes from the count. End tags close a scope, and tags end a run of nodes, only in
/// content, read exactly (comments, CDATA, processing instructions and the DTD with its
/// literals skipped): a `</a>` inside a comment cannot lower the namespaces in scope.
struct XMLMarkupScanner {
    let limits: XMLMarkupLimits
    /// Whether runs of nodes between tags count (the streaming reader's memory).
    let countsNodes: Bool
    /// The first limit the document passes, nil while it passes none.
    private(set) var violation: String?

    private enum Tag {
        case outside, open, name, space, attributeName, afterName, afterEquals, quoted(UInt8), unquoted
    }
    private var tag = Tag.outside
    private var attributes = 0
    private var namespaces = 0
    /// The first six bytes of the attribute name being read, packed: is it `xmlns` or
    /// `xmlns:…`?
    private var attributeName: UInt64 = 0
    private var attributeNameLength = 0
    private var emptyElement = false
    /// A character reference being read: 0 none, 1 `&`, 2 `&#`, 3 decimal digits, 4 `&#x`/hex.
    private var reference = 0
    private var referenceValue = 0

    private enum Region {
        case content, comment, cdata, instruction, doctype, literal(UInt8), doctypeComment, doctypeInstruction
    }
    private var region = Region.content
    /// Bytes read since the region began, capped: an end marker must not reuse the opener's.
    private var regionLength = 0
    private var doctypeSubset = 0  // 0 none yet, 1 inside `[`, 2 after `]`
    /// The last bytes read, newest lowest, for the markers `<!--`, `]]>`, `<!DOCTYPE`, ...
    private var recent: UInt128 = 0
    private var scopes: [Int] = []
    private var inScope = 0
    private var run = 0
    private var lastByte: UInt8 = 0
    /// Bytes since the last `<`, and the byte after it: a marker is in progress only right
    /// after a `<` (`<?` and `</` are whole then) or shortly after a `<!` (`<!--`,
    /// `<![CDATA[`, `<!DOCTYPE`).
    private var sinceLessThan = 16
    private var afterLessThan: UInt8 = 0
    private var markerPossible: Bool {
        sinceLessThan == 0 || (sinceLessThan <= 9 && afterLessThan == UInt8(ascii: "!"))
    }

    init(limits: XMLMarkupLimits, countsNodes: Bool) {
        self.limits = limits
        self.countsNodes = countsNodes
    }

    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count, violation == nil {
            // Runs of bytes neither machine reacts to are skipped in one loop: text up to the
            // next `<` or `&`, the rest of a name (an attribute's after its first six bytes),
            // an attribute value up to its quote or a `<`.
            let start = index
            if case .content = region {
                switch tag {
                case .outside where !markerPossible:
                    while index < bytes.count, bytes[index] != UInt8(ascii: "<"), bytes[index] != UInt8(ascii: "&") { index += 1 }
                    if index > start, lastByte == UInt8(ascii: ">") { countNode() }  // a run of text
                case .name where !markerPossible, .attributeName where !markerPossible && attributeNameLength > 6:
                    while index < bytes.count, Self.isPlainNameByte(bytes[index]) { index += 1 }
                case .quoted(let quote):
                    while index < bytes.count, bytes[index] != quote, bytes[index] != UInt8(ascii: "<"), bytes[index] != 0 { index += 1 }
                default:
                    break
                }
            }
            if index > start {
                lastByte = bytes[index - 1]
                recent = UInt128(lastByte)
                regionLength = 16
                continue
            }
            step(bytes[index])
            index += 1
        }
    }

    private mutating func step(_ byte: UInt8) {
        recent = recent << 8 | UInt128(byte)
        regionLength = min(regionLength + 1, 16)
        if sinceLessThan == 0 { afterLessThan = byte }
        sinceLessThan = byte == UInt8(ascii: "<") ? 0 : min(sinceLessThan + 1, 16)
        readRegion(byte)
        readTag(byte)
        if case .literal = region { readReference(byte) }
        lastByte = byte
    }

    // MARK: Regions, scopes and runs

    /// A marker packed as `recent` holds it, with the mask of its length.
    private struct Marker {
        let packed: UInt128
        let mask: UInt128
        let count: Int

        init(_ text: StaticString) {
            var packed: UInt128 = 0
            for index in 0..<text.utf8CodeUnitCount { packed = packed << 8 | UInt128(text.utf8Start[index]) }
            self.packed = packed
            self.count = text.utf8CodeUnitCount
            self.mask = (1 << UInt128(8 * count)) - 1
        }

        static let commentOpen = Marker("<!--"), commentClose = Marker("-->")
        static let cdataOpen = Marker("<![CDATA["), cdataClose = Marker("]]>")
        static let doctypeOpen = Marker("<!DOCTYPE"), endTag = Marker("</")
        static let instructionOpen = Marker("<?"), instructionClose = Marker("?>")
    }

    private func ends(_ marker: Marker) -> Bool {
        recent & marker.mask == marker.packed && regionLength >= marker.count
    }

    private mutating func enter(_ next: Region) {
        region = next
        regionLength = 0
    }

    private mutating func readRegion(_ byte: UInt8) {
        switch region {
        case .content:
            if byte == UInt8(ascii: "-"), ends(.commentOpen) { enter(.comment) }
            else if byte == UInt8(ascii: "["), ends(.cdataOpen) { enter(.cdata) }
            else if byte == UInt8(ascii: "E"), ends(.doctypeOpen) { enter(.doctype); doctypeSubset = 0 }
            else if byte == UInt8(ascii: "?"), ends(.instructionOpen) { enter(.instruction) }
            else if byte == UInt8(ascii: "/"), ends(.endTag) {
                if let closed = scopes.popLast() { inScope -= closed }
                run = 0
            } else if lastByte == UInt8(ascii: "<"), Self.isNameStart(byte) {
                run = 0
            } else if byte == UInt8(ascii: "&") || (lastByte == UInt8(ascii: ">") && byte != UInt8(ascii: "<")) {
                countNode()  // a reference or a run of text
            }
        case .comment:
            if byte == UInt8(ascii: ">"), ends(.commentClose) { enter(.content); countNode() }
        case .cdata:
            if byte == UInt8(ascii: ">"), ends(.cdataClose) { enter(.content); countNode() }
        case .instruction:
            if byte == UInt8(ascii: ">"), ends(.instructionClose) { enter(.content); countNode() }
        case .doctype:
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { enter(.literal(byte)) }
            else if byte == UInt8(ascii: "-"), ends(.commentOpen) { enter(.doctypeComment) }
            else if byte == UInt8(ascii: "?"), ends(.instructionOpen) { enter(.doctypeInstruction) }
            else if byte == UInt8(ascii: "[") { doctypeSubset = 1 }
            else if byte == UInt8(ascii: "]") { doctypeSubset = 2 }
            else if byte == UInt8(ascii: ">"), doctypeSubset != 1 { enter(.content) }
        case .literal(let quote):
            if byte == quote { enter(.doctype) }
        case .doctypeComment:
            if byte == UInt8(ascii: ">"), ends(.commentClose) { enter(.doctype) }
        case .doctypeInstruction:
            if byte == UInt8(ascii: ">"), ends(.instructionClose) { enter(.doctype) }
        }
    }

    private mutating func countNode() {
        guard countsNodes else { return }
        run += 1
        if run > limits.nodesBetweenTags {
            violation = "more than \(limits.nodesBetweenTags) comments, processing instructions, CDATA sections and text runs between two tags (XMLMarkupLimits.nodesBetweenTags)"
        }
    }

    // MARK: Start tags

    /// In the DTD's literals, `&#60;` and `&#x3C;` are read as the `<` they become in an
    /// entity's text. (In an attribute value they are text, and start no tag.)
    private mutating func readReference(_ byte: UInt8) {
        switch (reference, byte) {
        case (_, UInt8(ascii: "&")): reference = 1
        case (1, UInt8(ascii: "#")): reference = 2; referenceValue = 0
        case (2, UInt8(ascii: "x")), (2, UInt8(ascii: "X")): reference = 4
        case (2...3, UInt8(ascii: "0")...UInt8(ascii: "9")):
            reference = 3
            referenceValue = min(referenceValue * 10 + Int(byte - UInt8(ascii: "0")), 1 << 24)
        case (4, _) where Self.hexValue(byte) != nil:
            referenceValue = min(referenceValue * 16 + Self.hexValue(byte)!, 1 << 24)
        case (3...4, UInt8(ascii: ";")):
            reference = 0
            if referenceValue == 0x3C { readTag(UInt8(ascii: "<")) }
        default: reference = 0
        }
    }

    private mutating func readTag(_ byte: UInt8) {
        if byte == UInt8(ascii: "<") {
            // Ends any tag: no attribute value holds a `<`.
            tag = .open
            return
        }
        switch tag {
        case .outside:
            return
        case .open:
            if Self.isNameStart(byte) {
                tag = .name
                attributes = 0
                namespaces = 0
                emptyElement = false
            } else {
                tag = .outside
            }
        case .name:
            if Self.isBlank(byte) { tag = .space } else { endOfName(byte) }
        case .space, .afterName:
            if Self.isBlank(byte) { return }
            if byte == UInt8(ascii: "="), case .afterName = tag { tag = .afterEquals; return }
            if endOfName(byte) { return }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "=") { return }
            attributes += 1
            attributeName = UInt64(byte)
            attributeNameLength = 1
            tag = .attributeName
            checkAttributes()
        case .attributeName:
            if byte == UInt8(ascii: "=") { finishAttributeName(); tag = .afterEquals }
            else if Self.isBlank(byte) { finishAttributeName(); tag = .afterName }
            else if Self.isTagEnd(byte) { finishAttributeName(); tag = .space; endOfName(byte) }
            else { noteAttributeNameByte(byte) }
        case .afterEquals:
            if Self.isBlank(byte) { return }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { tag = .quoted(byte) }
            else if !endOfName(byte) { tag = .unquoted }
        case .quoted(let quote):
            if byte == 0 { tag = .outside }
            else if byte == quote { tag = .space }
        case .unquoted:
            if Self.isBlank(byte) { tag = .space } else { endOfName(byte) }
        }
    }

    /// Handles the bytes that end a name or a tag: `/`, `>`, a NUL or a control character.
    /// Returns false for any other byte.
    @discardableResult
    private mutating func endOfName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"):
            emptyElement = true
            tag = .space
        case UInt8(ascii: ">"):
            if !emptyElement {
                scopes.append(namespaces)
                inScope += namespaces
            }
            tag = .outside
        case 0..<0x20 where !Self.isBlank(byte):
            tag = .outside  // libxml2 ends the tag at a control character
        default:
            emptyElement = false
            return false
        }
        return true
    }

    private mutating func finishAttributeName() {
        // "xmlns" and "xmlns:", packed as noteAttributeNameByte packs them.
        if (attributeNameLength == 5 && attributeName == 0x78_6D_6C_6E_73)
            || (attributeNameLength >= 6 && attributeName == 0x78_6D_6C_6E_73_3A) {
            namespaces += 1
            checkAttributes()
        }
    }

    private mutating func noteAttributeNameByte(_ byte: UInt8) {
        if attributeNameLength < 6 { attributeName = attributeName << 8 | UInt64(byte) }
        attributeNameLength = min(attributeNameLength + 1, 7)
    }

    private mutating func checkAttributes() {
        if attributes > limits.attributesPerElement {
            violation = "an element has more than \(limits.attributesPerElement) attributes (XMLMarkupLimits.attributesPerElement)"
        } else if inScope + namespaces > limits.namespacesInScope {
            violation = "more than \(limits.namespacesInScope) namespace declarations in scope (XMLMarkupLimits.namespacesInScope)"
        }
    }

    /// A byte inside a name that neither machine reacts to.
    private static func isPlainNameByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "/") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "&")
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isTagEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte < 0x20
    }

    /// A byte that can start an XML name: a letter, `_`, `:` or any byte of a non-ASCII
    /// character (over-counting a non-letter is safe).
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
