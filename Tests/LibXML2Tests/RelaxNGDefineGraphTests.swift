import Foundation
@testable import LibXML2
import Testing

/// RELAX NG grammars whose defines libxml2 2.9 expands without bound are refused before it
/// compiles them; ordinary recursion, through elements, compiles.
@Suite struct RelaxNGDefineGraphBounds {
    static let ns = "http://relaxng.org/ns/structure/1.0"

    static func grammar(_ defines: String, start: String = "<ref name=\"d0\"/>") -> [UInt8] {
        Array("<grammar xmlns=\"\(ns)\"><start><element name=\"a\">\(start)</element></start>\(defines)</grammar>".utf8)
    }

    /// Runs `body` on a thread with the fuzz budgets' 256 KiB stack, where libxml2's
    /// recursion through a long cycle of defines overflowed.
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        nonisolated(unsafe) var result: T?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result = body()
            done.signal()
        }
        thread.stackSize = 256 << 10
        thread.start()
        done.wait()
        return result!
    }

    /// 16 defines of two optional references each: 2^16 expansions, over 20 s and 600 MiB
    /// inside xmlRelaxNGParse.
    @Test func aFanOutOfDefinesIsRefused() {
        let defines = (0..<16).map { "<define name=\"d\($0)\"><group><optional><ref name=\"d\($0 + 1)\"/></optional><optional><ref name=\"d\($0 + 1)\"/></optional></group></define>" }.joined()
            + "<define name=\"d16\"><element name=\"x\"><empty/></element></define>"
        let error = #expect(throws: XMLError.self) { try XMLSchema(parsing: Self.grammar(defines), language: .relaxNG) }
        #expect(error?.kind == .limitExceeded("the RELAX NG define 'd3' at line 1 expands to more than 10000 references"))
    }

    /// A cycle of 1,024 defines outside elements: on the main thread libxml2 reports the cycle,
    /// on a 256 KiB stack it overflowed first.
    @Test func aLongCycleOfDefinesIsRefusedOnASmallStack() {
        let defines = (0..<1_024).map { "<define name=\"d\($0)\"><ref name=\"d\(($0 + 1) % 1_024)\"/></define>" }.joined()
        let kind = Self.onSmallStack { () -> XMLError.Kind? in
            do throws(XMLError) {
                _ = try XMLSchema(parsing: Self.grammar(defines), language: .relaxNG)
                return nil
            } catch {
                return error.kind
            }
        }
        #expect(kind == .limitExceeded("the RELAX NG define 'd0' at line 1 nests references more than 100 deep outside elements"))
    }

    @Test func aShortCycleIsRefusedAsACycle() {
        let defines = "<define name=\"d0\"><ref name=\"d1\"/></define><define name=\"d1\"><choice><empty/><ref name=\"d0\"/></choice></define>"
        let error = #expect(throws: XMLError.self) { try XMLSchema(parsing: Self.grammar(defines), language: .relaxNG) }
        #expect(error?.kind == .limitExceeded("the RELAX NG define 'd0' at line 1 refers back to itself outside an element"))
    }

    /// The deepest chain the bound allows compiles on the small stack and validates.
    @Test func aChainAtTheBoundCompilesOnASmallStack() {
        let depth = RelaxNGDefineGraph.maxDepth - 1
        let defines = (0..<depth).map { "<define name=\"d\($0)\"><ref name=\"d\($0 + 1)\"/></define>" }.joined()
            + "<define name=\"d\(depth)\"><element name=\"x\"><empty/></element></define>"
        let valid = Self.onSmallStack { () -> Bool? in
            guard let schema = try? XMLSchema(parsing: Self.grammar(defines), language: .relaxNG),
                  let document = try? XMLDocument(parsing: Array("<a><x/></a>".utf8)) else { return nil }
            return try? schema.validate(document).isValid
        }
        #expect(valid == true)
    }

    @Test func recursionThroughAnElementCompiles() throws {
        let defines = "<define name=\"d0\"><element name=\"t\"><zeroOrMore><ref name=\"d0\"/></zeroOrMore></element></define>"
        let schema = try XMLSchema(parsing: Self.grammar(defines), language: .relaxNG)
        #expect(try schema.validate(XMLDocument(parsing: Array("<a><t><t/><t><t/></t></t></a>".utf8))).isValid)
        #expect(try !schema.validate(XMLDocument(parsing: Array("<a><u/></a>".utf8))).isValid)
    }
}
