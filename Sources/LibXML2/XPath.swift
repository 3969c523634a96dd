import CLibXML2
import SeamBoundary

/// The value of an XPath expression.
public enum XPathResult {
    case nodes([XMLNode])
    case string(String)
    case number(Double)
    case boolean(Bool)
}

extension XMLDocument {
    /// The default bound on XPath evaluation steps: 10 million, a fifth of a second of work on
    /// a loaded 2-core machine, so that a refused evaluation also ends well inside the
    /// hostile-input suite's budget (a second, plus a quarter per MiB of input). A predicate over every element of a 4 MiB
    /// document takes a few million; an expression that grows with a power of the document
    /// size stops here instead of running for hours.
    public static let defaultXPathOperationLimit = 10_000_000

    /// The most operators and nesting levels an XPath expression may hold (see
    /// `checkXPathComplexity`): what libxml2's compiler and evaluator fit in a 256 KiB stack
    /// with room to spare, AddressSanitizer's larger frames included (nested parentheses
    /// overflow it there between 192 and 224 levels).
    public static let maxXPathOperations = 128

    /// Refuses an expression libxml2 could not compile and evaluate within a small stack.
    /// libxml2's XPath compiler recurses once per nesting level and its evaluator once per
    /// operator of a chain (`1+1+…`, `a|a|…`, `a/a/…`): compiling without a context has no
    /// depth limit at all, and its own limit (5,000) needs megabytes of stack, where threads
    /// often have 512 KiB or less. The count is an upper bound on both depths: every `(`,
    /// `[`, `/`, `|`, `,`, comparison, arithmetic operator and `and`/`or`/`div`/`mod` outside
    /// string literals. 256 keeps both recursions within 64 KiB of stack.
    static func checkXPathComplexity(_ expression: String) throws(XMLError) {
        let operatorWords: Set<[UInt8]> = [Array("and".utf8), Array("or".utf8), Array("div".utf8), Array("mod".utf8)]
        var operations = 0
        var quote: UInt8? = nil
        var word: [UInt8] = []  // the lowercase letters since the last other character
        for byte in expression.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                word.append(byte)
                continue
            }
            if operatorWords.contains(word) { operations += 1 }
            word.removeAll(keepingCapacity: true)
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                quote = byte
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: ","),
                 UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"):
                operations += 1
            default:
                break
            }
        }
        if operatorWords.contains(word) { operations += 1 }
        if operations > maxXPathOperations {
            throw XMLError(kind: .limitExceeded("XPath expression has \(operations) operators and nesting levels, over the limit of \(maxXPathOperations)"), diagnostics: [])
        }
    }

    /// Evaluates an XPath 1.0 expression against this document.
    ///
    /// Every expression goes through libxml2's XPath engine. libxml2 2.9 also has a streaming
    /// shortcut for simple paths (pattern.c) that disagrees with the engine: it returns 6
    /// nodes for `.//.` where the engine (and XPath) give 7, and accepts `a|` and `a//`
    /// (found by the XPathEval target). The wrapper evaluates `(expression)`, which the
    /// shortcut never takes, so results do not depend on which path libxml2 picks, and
    /// refuses an expression whose parentheses do not balance (see `engineForm`).
    ///
    /// - Parameters:
    ///   - expression: the expression; an embedded NUL is an `.invalidArgument` error.
    ///   - namespaces: prefix to URI bindings the expression may use.
    ///   - node: the context node (the document node when nil); must belong to this document.
    ///   - operationLimit: the most evaluation steps libxml2 may take before failing.
    /// - Throws: `XMLError` of kind `.xpath` with libxml2's diagnostics for an invalid
    ///   expression, an unbound prefix or an exceeded limit; `.limitExceeded` for an
    ///   expression with more than `maxXPathOperations` operators and nesting levels.
    public func evaluate(
        _ expression: String,
        namespaces: [String: String] = [:],
        at node: XMLNode? = nil,
        operationLimit: Int = defaultXPathOperationLimit
    ) throws(XMLError) -> XPathResult {
        guard !expression.utf8.contains(0) else {
            throw XMLError(kind: .invalidArgument("XPath expression contains a NUL byte"), diagnostics: [])
        }
        try Self.checkXPathComplexity(expression)
        let engineOnly = try Self.engineForm(expression)
        return try withXPathContext(namespaces: namespaces, at: node, operationLimit: operationLimit) { context in
            let evaluated = xmlXPathEvalExpression(engineOnly, context)
            Boundary.record("xmlXPathEvalExpression", ok: evaluated != nil)
            return evaluated
        }
    }

    /// Checks the arguments, sets up an XPath context with the bindings, context node and
    /// limit, runs `evaluate` in it and converts what it returns; throws libxml2's diagnostics.
    func withXPathContext(
        namespaces: [String: String],
        at node: XMLNode?,
        operationLimit: Int,
        _ evaluate: (xmlXPathContextPtr) -> xmlXPathObjectPtr?
    ) throws(XMLError) -> XPathResult {
        for (prefix, uri) in namespaces where prefix.utf8.contains(0) || uri.utf8.contains(0) || prefix.isEmpty {
            throw XMLError(kind: .invalidArgument("namespace binding \(prefix)=\(uri) is empty or contains NUL"), diagnostics: [])
        }
        if let node, node.document !== self || node.pointer == nil {
            throw XMLError(kind: .invalidArgument("context node is not a node of this document"), diagnostics: [])
        }
        let (result, diagnostics) = DiagnosticCollector.collect { () -> XPathResult? in
            guard let context = xpathContext ?? xmlXPathNewContext(pointer) else { return nil }
            xpathContext = context
            // What one evaluation leaves behind: the bindings, the running operation count
            // (libxml2 never resets it), the recursion depth an error may leave raised, the
            // last error.
            defer { xmlXPathRegisteredNsCleanup(context) }
            context.pointee.opCount = 0
            context.pointee.depth = 0
            context.pointee.contextSize = -1
            context.pointee.proximityPosition = -1
            xmlResetError(&context.pointee.lastError)
            context.pointee.opLimit = UInt(max(operationLimit, 1))
            for (prefix, uri) in namespaces {
                guard xmlXPathRegisterNs(context, prefix, uri) == 0 else { return nil }
            }
            // Safety: the document as the context node, cast as libxml2 itself does
            // (xmlXPathNewContext sets `node` to the xmlDoc): xmlDoc begins with xmlNode's fields.
            context.pointee.node = node?.pointer ?? UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)
            guard let object = evaluate(context) else { return nil }
            defer { xmlXPathFreeObject(object) }
            return convert(object)
        }
        guard let result else { throw XMLError(kind: .xpath, diagnostics: diagnostics) }
        return result
    }

    /// The form of `expression` given to libxml2: `(expression)`, which parses as the
    /// expression itself and which the streaming shortcut never takes. An expression whose
    /// parentheses do not balance is not XPath, and libxml2 2.9 is not consistent about it:
    /// it closes a function call the expression ends inside (`count(//b` is `count(//b)`,
    /// and `id(a,` is `id(a)` though `id(a,)` is an error), so whether a text is valid would
    /// depend on what follows it. The wrapper refuses it with the syntax error libxml2 gives
    /// an unclosed group (found by XPathEval: regression-fba9110c8cdb2459). An unfinished
    /// string literal runs to the end whatever follows, so libxml2 reports that itself.
    static func engineForm(_ expression: String) throws(XMLError) -> String {
        guard parenthesesBalance(expression) else {
            let diagnostic = XMLDiagnostic(
                domain: .xpath, code: .xpathSyntax, level: .error, line: 0, column: 0,
                message: "Invalid expression: a parenthesis is not closed, or a ')' closes nothing"
            )
            throw XMLError(kind: .xpath, diagnostics: [diagnostic])
        }
        return "(\(expression))"
    }

    /// True when no `)` outside a string literal closes more than was opened and every `(`
    /// is closed, or a string literal is left open (and holds the rest).
    static func parenthesesBalance(_ expression: String) -> Bool {
        var depth = 0
        var quote: UInt8? = nil
        for byte in expression.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        return depth == 0 || quote != nil
    }

    private func convert(_ object: xmlXPathObjectPtr) -> XPathResult {
        switch object.pointee.type {
        case XPATH_NODESET:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
                return .nodes([])
            }
            var nodes: [XMLNode] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                guard let node = table[index] else { continue }
                if node.pointee.type == XML_NAMESPACE_DECL {
                    // Safety: XPath node-sets hold namespace nodes as xmlNs pointers typed as
                    // xmlNode; `type` (checked above) is at the same offset in both, and the
                    // rest is read as the xmlNs it is.
                    let ns = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlNs.self)
                    nodes.append(XMLNode(
                        document: self,
                        namespacePrefix: ns.pointee.prefix.map { String(cString: $0) },
                        uri: ns.pointee.href.map { String(cString: $0) } ?? ""
                    ))
                } else {
                    nodes.append(XMLNode(document: self, pointer: node))
                }
            }
            return .nodes(nodes)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        default:
            guard let text = xmlXPathCastToString(object) else { return .string("") }
            defer { seam_xml_free(text) }
            return .string(String(cString: text))
        }
    }
}

/// An XPath expression compiled once and evaluated against any number of documents.
///
/// Ownership: owns its `xmlXPathCompExpr`, freed with it. Threading: not Sendable: libxml2
/// 2.9 does not document compiled expressions as safe to evaluate from several threads at
/// once; compile one per task.
public final class XPathExpression {
    let compiled: xmlXPathCompExprPtr
    /// The expression as given.
    public let expression: String

    /// Compiles `expression` with libxml2's XPath engine (see `XMLDocument.evaluate`).
    /// Throws `.xpath` with libxml2's diagnostics for invalid syntax, `.invalidArgument`
    /// for an embedded NUL, `.limitExceeded` for more than `XMLDocument.maxXPathOperations`
    /// operators and nesting levels.
    public init(_ expression: String) throws(XMLError) {
        guard !expression.utf8.contains(0) else {
            throw XMLError(kind: .invalidArgument("XPath expression contains a NUL byte"), diagnostics: [])
        }
        try XMLDocument.checkXPathComplexity(expression)
        let engineOnly = try XMLDocument.engineForm(expression)
        let (compiled, diagnostics) = DiagnosticCollector.collect { () -> xmlXPathCompExprPtr? in
            let compiled = xmlXPathCtxtCompile(nil, engineOnly)
            Boundary.record("xmlXPathCtxtCompile", ok: compiled != nil)
            return compiled
        }
        guard let compiled else { throw XMLError(kind: .xpath, diagnostics: diagnostics) }
        self.compiled = compiled
        self.expression = expression
    }

    deinit {
        xmlXPathFreeCompExpr(compiled)
    }

    /// Evaluates against `document`, as `XMLDocument.evaluate` does.
    public func evaluate(
        in document: XMLDocument,
        namespaces: [String: String] = [:],
        at node: XMLNode? = nil,
        operationLimit: Int = XMLDocument.defaultXPathOperationLimit
    ) throws(XMLError) -> XPathResult {
        try withExtendedLifetime(self) { () throws(XMLError) -> XPathResult in
            try document.withXPathContext(namespaces: namespaces, at: node, operationLimit: operationLimit) { context in
                let evaluated = xmlXPathCompiledEval(compiled, context)
                Boundary.record("xmlXPathCompiledEval", ok: evaluated != nil)
                return evaluated
            }
        }
    }
}
