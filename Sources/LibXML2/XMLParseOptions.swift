import CLibXML2

/// Parser options a caller may turn on. Only safe ones exist: the parser never touches the
/// network, never loads an external DTD or entity, never runs XInclude, and keeps libxml2's limits on depth, sizes and entity amplification (no
/// "huge" mode), whatever is chosen here.
public struct XMLParseOptions: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Returns a tree for a malformed document where libxml2 can, with its errors in
    /// `XMLDocument.parseDiagnostics`.
    public static let recover = XMLParseOptions(rawValue: Int32(XML_PARSE_RECOVER.rawValue))
    /// Drops text nodes that hold only white space.
    public static let removeBlankText = XMLParseOptions(rawValue: Int32(XML_PARSE_NOBLANKS.rawValue))
    /// Turns CDATA sections into text nodes.
    public static let mergeCDATA = XMLParseOptions(rawValue: Int32(XML_PARSE_NOCDATA.rawValue))
    /// Removes redundant namespace declarations.
    public static let cleanNamespaces = XMLParseOptions(rawValue: Int32(XML_PARSE_NSCLEAN.rawValue))
    /// Stores small text nodes compactly; the tree is the same.
    public static let compactText = XMLParseOptions(rawValue: Int32(XML_PARSE_COMPACT.rawValue))
    /// Ignores the document's encoding declaration.
    public static let ignoreEncodingDeclaration = XMLParseOptions(rawValue: Int32(XML_PARSE_IGNORE_ENC.rawValue))
    /// Replaces references to the document's internal entities with their text, where the tree
    /// otherwise keeps the references. External entities are still never loaded, and libxml2's
    /// own amplification bound applies (expansion past 1 MB and ten times the input read
    /// fails the parse).
    public static let substituteEntities = XMLParseOptions(rawValue: Int32(XML_PARSE_NOENT.rawValue))
    /// Adds the attribute defaults the document's internal DTD declares to its elements.
    public static let defaultAttributes = XMLParseOptions(rawValue: Int32(XML_PARSE_DTDATTR.rawValue))

    /// Every option above, for fuzzers to choose from.
    public static let all: [XMLParseOptions] = [
        .recover, .removeBlankText, .mergeCDATA, .cleanNamespaces, .compactText, .ignoreEncodingDeclaration,
        .substituteEntities, .defaultAttributes,
    ]

    /// What libxml2 gets: the chosen options plus the ones that are always on.
    var libxml2Options: Int32 {
        rawValue | Int32(XML_PARSE_NONET.rawValue)
    }
}

/// HTML parser options a caller may turn on; the network is always off.
public struct HTMLParseOptions: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Drops text nodes that hold only white space.
    public static let removeBlankText = HTMLParseOptions(rawValue: Int32(HTML_PARSE_NOBLANKS.rawValue))
    /// Does not add the implied html, head and body elements.
    public static let noImpliedElements = HTMLParseOptions(rawValue: Int32(HTML_PARSE_NOIMPLIED.rawValue))
    /// Does not add a default doctype when the document has none.
    public static let noDefaultDoctype = HTMLParseOptions(rawValue: Int32(HTML_PARSE_NODEFDTD.rawValue))
    /// Stores small text nodes compactly; the tree is the same.
    public static let compactText = HTMLParseOptions(rawValue: Int32(HTML_PARSE_COMPACT.rawValue))
    /// Ignores the document's own encoding hints (a `meta` charset).
    public static let ignoreEncodingDeclaration = HTMLParseOptions(rawValue: Int32(HTML_PARSE_IGNORE_ENC.rawValue))
    /// Also reports what is merely unusual, as warnings in `parseDiagnostics`.
    public static let pedantic = HTMLParseOptions(rawValue: Int32(HTML_PARSE_PEDANTIC.rawValue))

    /// Every option above, for fuzzers to choose from.
    public static let all: [HTMLParseOptions] = [
        .removeBlankText, .noImpliedElements, .noDefaultDoctype, .compactText, .ignoreEncodingDeclaration, .pedantic,
    ]

    var libxml2Options: Int32 {
        rawValue | Int32(HTML_PARSE_NONET.rawValue) | Int32(HTML_PARSE_RECOVER.rawValue)
    }
}
