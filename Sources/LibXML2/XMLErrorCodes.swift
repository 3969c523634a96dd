import CLibXML2

extension XMLError {
    /// The libxml2 module that reported a diagnostic (`xmlErrorDomain`).
    ///
    /// Named for the domains the wrapper reaches; any other value is kept as its raw number.
    public struct Domain: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        init(_ value: xmlErrorDomain) { self.rawValue = Int(value.rawValue) }

        public static let none = Domain(XML_FROM_NONE)
        public static let parser = Domain(XML_FROM_PARSER)
        public static let tree = Domain(XML_FROM_TREE)
        public static let namespace = Domain(XML_FROM_NAMESPACE)
        public static let dtd = Domain(XML_FROM_DTD)
        public static let html = Domain(XML_FROM_HTML)
        public static let memory = Domain(XML_FROM_MEMORY)
        public static let output = Domain(XML_FROM_OUTPUT)
        public static let io = Domain(XML_FROM_IO)
        public static let xpath = Domain(XML_FROM_XPATH)
        public static let schemasParser = Domain(XML_FROM_SCHEMASP)
        public static let schemasValidator = Domain(XML_FROM_SCHEMASV)
        public static let relaxNGParser = Domain(XML_FROM_RELAXNGP)
        public static let relaxNGValidator = Domain(XML_FROM_RELAXNGV)
        public static let c14n = Domain(XML_FROM_C14N)
        public static let validity = Domain(XML_FROM_VALID)
        public static let encoding = Domain(XML_FROM_I18N)
        public static let xinclude = Domain(XML_FROM_XINCLUDE)

        public var description: String { "\(rawValue)" }
    }

    /// libxml2's code for one diagnostic (`xmlParserErrors`), in the style of swift-system's
    /// `Errno`: compare with the named values, print or store the raw number.
    ///
    /// The named values are those the wrapper and its users meet most; every other code
    /// libxml2 reports is still available through `init(rawValue:)`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        init(_ value: xmlParserErrors) { self.rawValue = Int(value.rawValue) }
        /// XPath evaluation errors arrive as `XML_XPATH_EXPRESSION_OK` plus an `xmlXPathError`.
        init(xpath value: xmlXPathError) { self.rawValue = Int(XML_XPATH_EXPRESSION_OK.rawValue) + Int(value.rawValue) }

        /// No error.
        public static let ok = Code(XML_ERR_OK)
        public static let internalError = Code(XML_ERR_INTERNAL_ERROR)
        public static let noMemory = Code(XML_ERR_NO_MEMORY)
        /// The document is empty, or starts with something that cannot start one.
        public static let documentStart = Code(XML_ERR_DOCUMENT_START)
        public static let documentEmpty = Code(XML_ERR_DOCUMENT_EMPTY)
        /// Content after the root element.
        public static let documentEnd = Code(XML_ERR_DOCUMENT_END)
        public static let invalidCharacterReference = Code(XML_ERR_INVALID_CHARREF)
        /// A byte or character not allowed in XML (a NUL, an invalid UTF-8 sequence).
        public static let invalidCharacter = Code(XML_ERR_INVALID_CHAR)
        public static let undeclaredEntity = Code(XML_ERR_UNDECLARED_ENTITY)
        /// An undeclared entity in a document whose external subset was not read: a warning,
        /// and the reference stays in the tree unexpanded.
        public static let undeclaredEntityWarning = Code(XML_WAR_UNDECLARED_ENTITY)
        public static let unknownEncoding = Code(XML_ERR_UNKNOWN_ENCODING)
        public static let unsupportedEncoding = Code(XML_ERR_UNSUPPORTED_ENCODING)
        /// An attribute value that does not end, or is over libxml2's 10 MB value limit.
        public static let attributeNotFinished = Code(XML_ERR_ATTRIBUTE_NOT_FINISHED)
        public static let lessThanInAttribute = Code(XML_ERR_LT_IN_ATTRIBUTE)
        public static let attributeRedefined = Code(XML_ERR_ATTRIBUTE_REDEFINED)
        public static let nameRequired = Code(XML_ERR_NAME_REQUIRED)
        public static let greaterThanRequired = Code(XML_ERR_GT_REQUIRED)
        /// An end tag that does not match the open element.
        public static let tagNameMismatch = Code(XML_ERR_TAG_NAME_MISMATCH)
        /// The document ended inside an element.
        public static let tagNotFinished = Code(XML_ERR_TAG_NOT_FINISHED)
        /// A name over libxml2's 50,000-byte limit (without `XMLParseOptions.huge`).
        public static let nameTooLong = Code(XML_ERR_NAME_TOO_LONG)
        public static let invalidEncoding = Code(XML_ERR_INVALID_ENCODING)
        public static let extraContent = Code(XML_ERR_EXTRA_CONTENT)
        /// An entity refers to itself, directly or not.
        public static let entityLoop = Code(XML_ERR_ENTITY_LOOP)
        public static let undefinedNamespace = Code(XML_NS_ERR_UNDEFINED_NAMESPACE)
        /// The input could not be converted from its declared or detected encoding.
        public static let encodingConversionFailed = Code(XML_I18N_CONV_FAILED)
        /// A RELAX NG `element` pattern without content.
        public static let relaxNGEmptyElement = Code(XML_RNGP_ELEMENT_EMPTY)
        /// DTD validation: an element whose children do not match its declared content.
        public static let dtdContentModel = Code(XML_DTD_CONTENT_MODEL)
        /// DTD validation: an element's content model is ambiguous (`(a|a)`), an error about
        /// the DTD. libxml2 reports it when it first compiles the model, once per DTD.
        public static let dtdContentNotDeterministic = Code(XML_DTD_CONTENT_NOT_DETERMINIST)
        /// DTD validation: an element the DTD does not declare.
        public static let dtdUnknownElement = Code(XML_DTD_UNKNOWN_ELEM)
        /// DTD validation: a `#REQUIRED` attribute missing.
        public static let dtdMissingAttribute = Code(XML_DTD_MISSING_ATTRIBUTE)
        public static let htmlUnknownTag = Code(XML_HTML_UNKNOWN_TAG)
        /// An XInclude named a document that could not be loaded, and had no fallback.
        public static let xincludeNoFallback = Code(XML_XINCLUDE_NO_FALLBACK)
        /// libxml2 refused to open a network resource (the wrapper's default, `XML_PARSE_NONET`).
        public static let ioNetworkAttempt = Code(XML_IO_NETWORK_ATTEMPT)
        public static let ioLoadError = Code(XML_IO_LOAD_ERROR)
        /// An XPath expression that does not parse ("Invalid expression").
        public static let xpathSyntax = Code(XML_XPATH_EXPR_ERROR)
        /// A string literal in an XPath expression that is not closed.
        public static let xpathUnfinishedLiteral = Code(XML_XPATH_UNFINISHED_LITERAL_ERROR)
        public static let xpathUndefinedVariable = Code(XML_XPATH_UNDEF_VARIABLE_ERROR)
        public static let xpathUnknownFunction = Code(XML_XPATH_UNKNOWN_FUNC_ERROR)
        public static let xpathInvalidType = Code(XML_XPATH_INVALID_TYPE)
        public static let xpathInvalidArity = Code(XML_XPATH_INVALID_ARITY)
        public static let xpathUndefinedPrefix = Code(XML_XPATH_UNDEF_PREFIX_ERROR)
        /// XPath evaluation stopped at the wrapper's operation limit.
        public static let xpathOperationLimit = Code(xpath: XPATH_OP_LIMIT_EXCEEDED)
        /// XPath evaluation stopped at libxml2's recursion limit.
        public static let xpathRecursionLimit = Code(xpath: XPATH_RECURSION_LIMIT_EXCEEDED)

        public var description: String { "\(rawValue)" }
    }
}
