/// How a RELAX NG grammar's named patterns refer to each other, measured before libxml2 2.9
/// compiles it: that compiler expands references outside an `element` in place, recursing
/// once per level, so a chain of references costs stack and a fan-out costs time and memory
/// exponentially (16 defines of two references each took over 20 s and 600 MiB).
///
/// A reference inside an `element` is not expanded (an element is where RELAX NG recursion
/// is allowed), so it ends a chain and counts once.
struct RelaxNGDefineGraph {
    static let namespace = "http://relaxng.org/ns/structure/1.0"
    /// Expansion of one pattern, counted in references, past which the schema is refused.
    static let maxExpansion = 10_000
    /// References expanded one inside another, past which the schema is refused: each level
    /// is a few frames of libxml2's recursion, and the budgets' 256 KiB stack must hold them.
    static let maxDepth = 100

    /// The references outside elements in each define's body (defines that share a name, with
    /// `combine`, are one), and the line of the first define of each name.
    private var references: [String: [String]] = [:]
    private var lines: [String: Int] = [:]

    init(_ root: XMLNode) {
        var stack = [root]
        while let node = stack.popLast() {
            if node.kind == .element, node.namespaceURI == Self.namespace, node.name == "define", let name = node.attribute("name") {
                references[name, default: []] += Self.references(in: node)
                if lines[name] == nil { lines[name] = node.line }
            }
            stack += node.childElements
        }
    }

    private static func references(in define: XMLNode) -> [String] {
        var found: [String] = []
        var stack = define.childElements
        while let node = stack.popLast() {
            guard node.namespaceURI == namespace else { continue }
            if node.name == "element" { continue }
            if node.name == "ref" || node.name == "parentRef", let name = node.attribute("name") { found.append(name) }
            stack += node.childElements
        }
        return found
    }

    /// Why libxml2 must not compile the grammar, or nil: a define whose references, expanded,
    /// pass `maxExpansion`, nest deeper than `maxDepth`, or come back to it (a cycle outside
    /// elements, which RELAX NG forbids and libxml2 finds only by recursing through it).
    func refusal() -> String? {
        var expansion: [String: Int] = [:]
        var depth: [String: Int] = [:]
        var visiting: Set<String> = []
        // Iterative post-order: no recursion in the check of a recursion hazard.
        for start in references.keys.sorted() where expansion[start] == nil {
            var stack: [(name: String, next: Int)] = [(start, 0)]
            visiting.insert(start)
            while let top = stack.last {
                let targets = references[top.name] ?? []
                if top.next < targets.count {
                    stack[stack.count - 1].next += 1
                    let target = targets[top.next]
                    guard references[target] != nil, expansion[target] == nil else { continue }
                    if visiting.contains(target) {
                        return "the RELAX NG define '\(target)' at line \(lines[target] ?? 0) refers back to itself outside an element"
                    }
                    if stack.count >= Self.maxDepth {
                        return "the RELAX NG define '\(start)' at line \(lines[start] ?? 0) nests references more than \(Self.maxDepth) deep outside elements"
                    }
                    visiting.insert(target)
                    stack.append((target, 0))
                    continue
                }
                stack.removeLast()
                visiting.remove(top.name)
                var total = 1, deepest = 0
                for target in targets {
                    total += expansion[target] ?? 1
                    deepest = max(deepest, depth[target] ?? 0)
                    if total > Self.maxExpansion {
                        return "the RELAX NG define '\(top.name)' at line \(lines[top.name] ?? 0) expands to more than \(Self.maxExpansion) references"
                    }
                }
                if deepest + 1 > Self.maxDepth {
                    return "the RELAX NG define '\(top.name)' at line \(lines[top.name] ?? 0) nests references more than \(Self.maxDepth) deep outside elements"
                }
                expansion[top.name] = total
                depth[top.name] = deepest + 1
            }
        }
        return nil
    }
}
