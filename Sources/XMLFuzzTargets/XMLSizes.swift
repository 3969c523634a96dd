import LibXML2
import SeamFuzz

/// Size-driven XML: a few bytes describe a large document or expression, so that the
/// fuzzer reaches the sizes where libxml2's recursion and super-linear paths are (100,000
/// attributes, 50,000 nested elements or parentheses) within its input length.
///
/// The input is a prefix, an opening piece and a closing piece repeated `count` times each
/// (a `#` in a piece becomes the repetition's number, so that repeated attributes have
/// distinct names), a middle and a suffix: `<a` + ` x#=''` × N + `/>`, or `(` × N + `1` +
/// `)` × N. The text goes to one of the public APIs. Every call must return a value or a
/// typed error within the target's budget (the driver checks time and memory, and runs the
/// input on a small stack).
public enum XMLSizes: FuzzTarget {
    public static var maxInputLength: Int? { 8192 }

    /// Linear work on up to 128 KiB under ASan, with another fuzzer on the other core, took
    /// up to 1.2 s (an error every few bytes, which libxml2 formats); what the budget is for,
    /// a super-linear path at these sizes, takes minutes.
    public static var budget: FuzzBudget { FuzzBudget(seconds: 3) }

    /// The most bytes the repetitions may build. Parsing is linear past the wrapper's bounds,
    /// but an error per few bytes costs libxml2 microseconds each under ASan (1 MiB of
    /// `<\0` took 2.6 s in HTML): 128 KiB stays well within the second.
    static let maxBuilt = 128 << 10

    enum API: CaseIterable {
        case document, reader, html, htmlPush, xpath, compiledXPath
    }

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let api = input.pick(from: API.allCases)
        let count = input.int(in: 0...65_536)
        let prefix = input.bytes(maxCount: 64)
        let opening = input.bytes(maxCount: 32)
        let closing = input.bytes(maxCount: 32)
        let middle = input.bytes(maxCount: 64)
        let suffix = input.remainingBytes()
        let built = build(prefix, opening, closing, middle, suffix, count: count)
        do throws(XMLError) {
            switch api {
            case .document:
                _ = try XMLDocument(parsing: built).serialized()
            case .reader:
                let reader = try XMLReader(bytes: built)
                while try reader.next() != nil {}
            case .html:
                _ = try XMLDocument(parsingHTML: built).serialized()
            case .htmlPush:
                let parser = try HTMLPushParser()
                for start in stride(from: 0, to: built.count, by: 4096) {
                    try parser.feed(built[start..<min(start + 4096, built.count)])
                }
                _ = try parser.finish()
            case .xpath:
                _ = try document.evaluate(String(decoding: built, as: UTF8.self))
            case .compiledXPath:
                _ = try XPathExpression(String(decoding: built, as: UTF8.self)).evaluate(in: document)
            }
        } catch {
            // A typed error is an answer; what it must not be is late, huge or a crash.
            try invariant(!error.description.isEmpty, "an error without a description")
        }
    }

    /// The document expressions are evaluated against: small, parsed per input (a few
    /// microseconds) so that nothing carries over between inputs.
    private static var document: XMLDocument {
        get throws(XMLError) { try XMLDocument(parsing: Array("<r><a n='1'>x</a><a/></r>".utf8)) }
    }

    /// prefix + opening × count + middle + closing × count + suffix, `#` numbered, within
    /// `maxBuilt` bytes.
    static func build(_ prefix: [UInt8], _ opening: [UInt8], _ closing: [UInt8], _ middle: [UInt8], _ suffix: [UInt8], count: Int) -> [UInt8] {
        var built = prefix
        func append(_ piece: [UInt8], _ index: Int) {
            for byte in piece {
                if byte == UInt8(ascii: "#") { built += Array(String(index).utf8) } else { built.append(byte) }
            }
        }
        let perRepetition = max(1, opening.count + closing.count + 6)
        let repetitions = min(count, maxBuilt / perRepetition)
        for index in 0..<repetitions { append(opening, index) }
        built += middle
        for index in 0..<repetitions { append(closing, index) }
        return built + suffix
    }

    static let shapes: [(API, Int, String, String, String, String, String)] = [
        (.document, 300, "<a", " x#=''", "", "/>", ""),
        (.document, 300, "<r>", "<e xmlns:p#='u'>", "</e>", "", "</r>"),
        (.reader, 5000, "<r>", "<!--#-->", "", "", "</r>"),
        (.html, 300, "<p", " x#=1", "", ">", ""),
        (.htmlPush, 1000, "", "<div>", "</div>", "x", ""),
        (.xpath, 300, "", "(", ")", "1", ""),
        (.compiledXPath, 300, "", "a/", "", "a", ""),
    ]

    public static var seeds: [[UInt8]] {
        shapes.map { api, count, prefix, opening, closing, middle, suffix in
            var builder = FuzzInputBuilder()
            builder.pick(api, from: API.allCases)
            builder.int(count, in: 0...65_536)
            builder.bytes(Array(prefix.utf8))
            builder.bytes(Array(opening.utf8))
            builder.bytes(Array(closing.utf8))
            builder.bytes(Array(middle.utf8))
            builder.remainingBytes(Array(suffix.utf8))
            return builder.data
        }
    }
}
