import LibXML2
import SeamFuzz

/// The streaming reader against the tree parser on the same bytes and options: both accept
/// or both reject (or the reader alone refuses a run of nodes over its bound), and the reader's start-element events name the tree's elements in
/// document order, at their depths.
public enum XMLReaderTarget: FuzzTarget {
    public static var name: String { "XMLReader" }

    static let options = FuzzedResources.optionsWithoutRecovery

    /// Room for 4,096 comments in a row, where the reader's bound on nodes between tags is.
    public static var maxInputLength: Int? { 64 << 10 }

    /// Two parses of up to 64 KiB under ASan: as XMLSizes, linear work with room to spare.
    public static var budget: FuzzBudget { FuzzBudget(seconds: 3) }

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let chosen = input.options(from: options)
        let data = input.remainingBytes()
        try checkReader(data, options: chosen, resources: [:], tree: try? XMLDocument(parsing: data, options: chosen))
    }

    /// The reader on `data` against `tree`, the tree parser's result on the same bytes,
    /// options and resources (nil when it refused them).
    static func checkReader(_ data: [UInt8], options: XMLParseOptions, resources: XMLResources, tree: XMLDocument?) throws(InvariantViolation) {
        var events: [XMLReader.Event] = []
        var failed = false
        do {
            let reader = try XMLReader(bytes: data, options: options, resources: resources)
            while let event = try reader.next() {
                events.append(event)
                if events.count > 1_000_000 { break }
            }
        } catch {
            // The reader alone bounds the nodes between two tags (XMLMarkupLimits), and its
            // loads count from the start of the document as it reads on.
            if case .limitExceeded = error.kind, tree != nil { return }
            failed = true
        }
        guard let tree else {
            try invariant(failed, "the reader accepted what the tree parser rejects")
            return
        }
        try invariant(!failed, "the reader rejected what the tree parser accepts")
        var expected: [String] = []
        collect(tree.node, depth: -1, into: &expected)
        let seen = events.filter { $0.kind == .startElement }.map { "\($0.depth) {\($0.namespaceURI ?? "")}\($0.name)" }
        try invariant(seen == expected, "reader elements differ from the tree:\n\(seen.prefix(20))\n\(expected.prefix(20))")
    }

    /// The tree's elements in document order with their depths; a loop, as deep trees
    /// outgrow the fuzz thread's stack when walked recursively under ASan.
    private static func collect(_ root: XMLNode, depth: Int, into names: inout [String]) {
        var pending: [(XMLNode, Int)] = [(root, depth)]
        while let (node, depth) = pending.popLast() {
            let elements = node.children.filter { $0.kind == .element }
            for child in elements {
                pending.append((child, depth + 1))
            }
            pending[(pending.count - elements.count)...].reverse()
            if node.kind == .element { names.append("\(depth) {\(node.namespaceURI ?? "")}\(node.name)") }
        }
    }

    public static var seeds: [[UInt8]] {
        XMLSeeds.documents.enumerated().map { index, document in
            var builder = FuzzInputBuilder()
            builder.options(index > 0 ? options[index % options.count] : [], from: options)
            builder.remainingBytes(Array(document.utf8))
            return builder.data
        }
    }
}
