import CLibXML2

/// Parser options a caller may turn on. Only safe ones exist: the parser never touches the
/// network or the file system, loads external documents (a DTD, entities, XIncludes) only
/// from the call's `XMLResources`, and keeps libxml2's limits on depth, sizes and entity
/// amplification (no "huge" mode), whatever is chosen here.
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
    /// Replaces entity references with their text, where the tree otherwise keeps the
    /// references. An external entity's text comes from the call's `XMLResources` (none by
    /// default: the reference then stays unexpanded), and libxml2's own amplification bound
    /// applies (expansion past 1 MB and ten times the input read fails the parse).
    public static let substituteEntities = XMLParseOptions(rawValue: Int32(XML_PARSE_NOENT.rawValue))
    /// Adds the attribute defaults the document's DTD declares to its elements.
    public static let defaultAttributes = XMLParseOptions(rawValue: Int32(XML_PARSE_DTDATTR.rawValue))
    /// Reads the external DTD subset the doctype names (`<!DOCTYPE r SYSTEM "r.dtd">`), and the
    /// parameter entities the DTD refers to, from the call's `XMLResources`: its entities and
    /// attribute defaults then apply, and `XMLDocument.validate()` checks against it.
    public static let loadExternalDTD = XMLParseOptions(rawValue: Int32(XML_PARSE_DTDLOAD.rawValue))
    /// Replaces XInclude elements with the documents they name, from the call's `XMLResources`
    /// (`XMLDocument(parsing:)` and `XMLPushParser` only; `XMLReader` refuses it).
    /// What they would copy is bounded before any is processed, and `xpointer` is refused
    /// (see `XMLDocument.maxInclusion(forInputOf:)`).
    public static let processXIncludes = XMLParseOptions(rawValue: Int32(XML_PARSE_XINCLUDE.rawValue))

    /// The options that load external documents.
    static let loading: XMLParseOptions = [.substituteEntities, .loadExternalDTD, .processXIncludes]

    /// Every option above, for fuzzers to choose from.
    public static let all: [XMLParseOptions] = [
        .recover, .removeBlankText, .mergeCDATA, .cleanNamespaces, .compactText, .ignoreEncodingDeclaration,
        .substituteEntities, .defaultAttributes, .loadExternalDTD, .processXIncludes,
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
