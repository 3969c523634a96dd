import LibXML2
import SeamFuzz

/// A fuzzed XPath expression against a fuzzed document. Evaluation gives a value or a typed
/// XPath error; compiled once it gives the same value again; nodes belong to the document;
/// and a node-set's size agrees with XPath's own `count()` of the expression.
public enum XPathEval: FuzzTarget {
    static let bindings: [[String: String]] = [[:], ["p": "urn:p"], ["p": "urn:p", "d": "urn:d"]]
    /// Inputs are small: a tight step limit keeps expensive expressions from slowing the fuzzer.
    static let limit = 1_000_000
    static let fallback = Array("<r xmlns:p=\"urn:p\"><p:a n=\"1\">x</p:a><b>2</b><b>3</b></r>".utf8)

    /// The two checks that evaluate the expression again (`-seam_skip_checks=`).
    static let compiledAgrees = FuzzCheck("compiled"), countAgrees = FuzzCheck("count")

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let namespaces = input.pick(from: bindings)
        let fromRoot = input.bool()
        let expression = input.string(maxCount: 200)
        let data = input.remainingBytes()
        let parsed = try? XMLDocument(parsing: data, options: .recover)
        guard let document = parsed ?? (try? XMLDocument(parsing: fallback)) else {
            throw InvariantViolation("the fallback document does not parse")
        }
        let context = fromRoot ? document.root : nil

        let result: XPathResult
        do {
            result = try document.evaluate(expression, namespaces: namespaces, at: context, operationLimit: limit)
        } catch {
            switch error.kind {
            case .xpath: try invariant(!error.diagnostics.isEmpty || error.code == .ok, "XPath error without diagnostics")
            case .invalidArgument: try invariant(expression.utf8.contains(0), "invalid argument for a NUL-free expression: \(error)")
            case .limitExceeded: try invariant(expression.utf8.count > XMLDocument.maxXPathOperations, "a limit refused an expression of \(expression.utf8.count) bytes")
            default: throw InvariantViolation("XPath evaluation failed with kind \(error.kind)")
            }
            return
        }
        // A second evaluation, through a compiled expression: it must give the same value
        // (which also catches a nondeterministic evaluation).
        if compiledAgrees.runs {
            let compiled = try? XPathExpression(expression).evaluate(in: document, namespaces: namespaces, at: context, operationLimit: limit)
            try invariant(compiled.map { same($0, result) } ?? false, "the compiled expression disagrees with evaluate()")
        }

        guard case .nodes(let nodes) = result else { return }
        for node in nodes {
            try invariant(node.document === document, "XPath returned a node of another document")
        }
        guard countAgrees.runs else { return }
        let counted: XPathResult
        do {
            counted = try document.evaluate("count((\(expression)))", namespaces: namespaces, at: context, operationLimit: limit)
        } catch {
            // libxml2's streaming shortcut once made these disagree (".//.": 6 nodes, count() 7;
            // regression-d1a6f9715a744001, -8de111b426387232, -abb4d811f27c4a5a); the wrapper
            // now always takes the XPath engine, so only a resource limit may differ (the
            // three operations count((…)) adds may pass the wrapper's bound on them).
            if case .limitExceeded = error.kind { return }
            try invariant(error.isXPathLimitExceeded, "count() of a valid node-set expression failed: \(error)")
            return
        }
        guard case .number(let count) = counted else {
            throw InvariantViolation("count() did not return a number")
        }
        try invariant(count == Double(nodes.count), "count() says \(count), the node-set has \(nodes.count)")
    }

    /// True when two results are the same value: the same nodes in the same order, or equal
    /// scalars (NaN equal to NaN). Node identity, not a digest of their content: a digest
    /// read every matched element's whole text, quadratic on nested documents.
    static func same(_ a: XPathResult, _ b: XPathResult) -> Bool {
        switch (a, b) {
        case (.nodes(let x), .nodes(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.isSameNode(as: $1) }
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y || (x.isNaN && y.isNaN)
        case (.boolean(let x), .boolean(let y)): x == y
        default: false
        }
    }

    static let expressions = [
        "/", "//*", "count(//b)", "string(/r/p:a/@n)", "//p:a/text()", "sum(//b) > 4", "//namespace::*",
        "/root/item[@id='2']", "name(/*)", "//d:y | //p:x", "concat('a', 'b')", "//*[position() mod 2 = 0]",
    ]

    public static var seeds: [[UInt8]] {
        expressions.enumerated().map { index, expression in
            var builder = FuzzInputBuilder()
            builder.int(index % bindings.count, in: 0..<bindings.count)
            builder.bool(index % 3 == 0)
            builder.string(expression)
            builder.remainingBytes(Array(XMLSeeds.documents[index % XMLSeeds.documents.count].utf8))
            return builder.data
        }
    }
}
