import LibXML2
import SeamFuzz

/// Arbitrary bytes into the parser with fuzzed (always safe) options. A failure is a typed
/// error that carries libxml2's code and position, or a bound the wrapper enforces; a success is a tree whose parent links
/// are consistent and which serializes (or is refused as `.unserializable`).
public enum XMLParse: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let options = input.options(from: XMLParseOptions.all)
        let data = input.remainingBytes()
        let document: XMLDocument
        do {
            document = try XMLDocument(parsing: data, options: options)
        } catch {
            if case .limitExceeded = error.kind { return }  // markup or entities over the wrapper's bounds
            try invariant(error.kind == .parse, "parse failed with kind \(error.kind)")
            try invariant(error.code != .ok && !error.diagnostics.isEmpty, "parse error without libxml2's diagnostics")
            return
        }
        try checkParentLinks(document.node, depth: 0)
        do {
            _ = try document.serialized()
        } catch {
            // Refusing a tree libxml2 would write as malformed XML is the only allowed failure.
            guard case .unserializable = error.kind else { throw InvariantViolation("serialize failed: \(error)") }
        }
    }

    /// Every child's parent link, down to depth 1,000, points back to its parent; with
    /// `attributes`, every attribute's too (and its value reads).
    static func checkParentLinks(_ node: XMLNode, depth: Int, attributes: Bool = true) throws(InvariantViolation) {
        guard depth < 1_000 else { return }
        var next = node.firstChild
        while let child = next {
            try invariant(child.parent?.isSameNode(as: node) == true, "child's parent link does not point back")
            try checkParentLinks(child, depth: depth + 1, attributes: attributes)
            next = child.nextSibling
        }
        guard attributes else { return }
        for attribute in node.attributes {
            try invariant(attribute.parent?.isSameNode(as: node) == true, "attribute's parent is not its element")
            _ = attribute.content
        }
    }

    public static var seeds: [[UInt8]] {
        XMLSeeds.documents.enumerated().map { index, document in
            var builder = FuzzInputBuilder()
            builder.options(index > 0 ? XMLParseOptions.all[index % XMLParseOptions.all.count] : [], from: XMLParseOptions.all)
            builder.remainingBytes(Array(document.utf8))
            return builder.data
        }
    }
}
