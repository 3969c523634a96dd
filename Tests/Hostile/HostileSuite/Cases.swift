import Foundation
import LibXML2
import Zstd

/// One hostile input class reaching one API: `make(size)` builds the input for a size,
/// `call` runs the API on it.
struct HostileCase {
    enum HostileClass: String {
        case recursion, superlinear = "super-linear time", memory = "memory growth", bomb = "decompression bomb"
        case lying = "lying headers and sizes", external = "external access", encoding = "encodings"
    }

    let name: String
    let hostileClass: HostileClass
    let api: String
    /// What the input is, for the table.
    let input: String
    /// What a size counts.
    let unit: String
    let sizes: [Int]
    var memoryBudget: (_ inputBytes: Int) -> Int = { 64 << 20 + 8 * $0 }
    let make: (Int) -> [UInt8]
    let call: ([UInt8]) -> Outcome
}

/// Sizes from `from` to `to`, each `factor` times the last.
func growing(_ from: Int, _ to: Int, factor: Int = 4) -> [Int] {
    Array(sequence(first: from) { $0 * factor <= to ? $0 * factor : nil })
}

func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Runs a throwing call, a typed error being one acceptable outcome.
func outcome<Failure: Error>(_ body: () throws(Failure) -> String) -> Outcome {
    do { return .returned(try body()) } catch { return .refused("\(error)") }
}

func describe(_ result: XPathResult) -> String {
    switch result {
    case .nodes(let nodes): "\(nodes.count) nodes"
    case .string(let text): "string of \(text.utf8.count) bytes"
    case .number(let value): "\(value)"
    case .boolean(let value): "\(value)"
    }
}

func smallDocument() -> XMLDocument { try! XMLDocument(parsing: utf8("<a><a/><a/></a>")) }

func xpathCompile(_ name: String, _ input: String, _ sizes: [Int], _ make: @escaping (Int) -> String) -> HostileCase {
    HostileCase(name: name, hostileClass: .recursion, api: "XPathExpression(_:) + evaluate", input: input, unit: "levels", sizes: sizes,
                make: { utf8(make($0)) },
                call: { bytes in outcome { () throws(XMLError) in
                    let expression = try XPathExpression(String(decoding: bytes, as: UTF8.self))
                    return describe(try expression.evaluate(in: smallDocument()))
                } })
}

func xpathEvaluate(_ name: String, _ input: String, _ sizes: [Int], _ make: @escaping (Int) -> String) -> HostileCase {
    HostileCase(name: name, hostileClass: .recursion, api: "XMLDocument.evaluate", input: input, unit: "levels", sizes: sizes,
                make: { utf8(make($0)) },
                call: { bytes in outcome { () throws(XMLError) in describe(try smallDocument().evaluate(String(decoding: bytes, as: UTF8.self))) } })
}

func parseXML(_ bytes: [UInt8], options: XMLParseOptions = []) -> Outcome {
    outcome { () throws(XMLError) in
        let document = try XMLDocument(parsing: bytes, options: options)
        return "root \(document.root?.name ?? "none"), \(document.root?.attributes.count ?? 0) attributes"
    }
}

func readXML(_ bytes: [UInt8]) -> Outcome {
    outcome { () throws(XMLError) in
        let reader = try XMLReader(bytes: bytes)
        var events = 0
        while try reader.next() != nil { events += 1 }
        return "\(events) events"
    }
}

func parseHTML(_ bytes: [UInt8]) -> Outcome {
    outcome { () throws(XMLError) in
        let document = try XMLDocument(parsingHTML: bytes)
        let serialized = try document.serialized()
        let count = describe(try document.evaluate("count(//*)"))
        return "\(count) elements, \(serialized.count) bytes serialized, \(document.root?.content.utf8.count ?? 0) bytes of text"
    }
}

/// `bytes` in 4 KiB chunks, as the push parsers are fed.
func chunks(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    stride(from: 0, to: bytes.count, by: 4096).map { bytes[$0..<min($0 + 4096, bytes.count)] }
}

func pushXML(_ bytes: [UInt8]) -> Outcome {
    outcome { () throws(XMLError) in
        let parser = try XMLPushParser()
        for chunk in chunks(bytes) { try parser.feed(chunk) }
        let document = try parser.finish()
        return "root \(document.root?.name ?? "none"), \(document.root?.content.utf8.count ?? 0) bytes of text"
    }
}

func pushHTML(_ bytes: [UInt8]) -> Outcome {
    outcome { () throws(XMLError) in
        let parser = try HTMLPushParser()
        for chunk in chunks(bytes) { try parser.feed(chunk) }
        let document = try parser.finish()
        return "root \(document.root?.name ?? "none")"
    }
}

/// A little-endian UTF-16 encoding of `text` with a byte-order mark.
func utf16LE(_ text: String) -> [UInt8] {
    [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
}

/// `text` in UTF-7 (RFC 2152) with every character outside letters and digits encoded,
/// which hides all markup from a byte-level scan.
func utf7(_ text: String) -> [UInt8] {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    var pending: [UInt16] = []
    func flush() {
        guard !pending.isEmpty else { return }
        var bits: UInt32 = 0, count = 0
        output.append(UInt8(ascii: "+"))
        for unit in pending {
            bits = bits << 16 | UInt32(unit); count += 16
            while count >= 6 { count -= 6; output.append(alphabet[Int(bits >> UInt32(count) & 63)]) }
        }
        if count > 0 { output.append(alphabet[Int(bits << UInt32(6 - count) & 63)]) }
        output.append(UInt8(ascii: "-"))
        pending = []
    }
    for scalar in text.unicodeScalars {
        if scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) {
            flush()
            output.append(UInt8(scalar.value))
        } else {
            pending += Array(String(scalar).utf16)
        }
    }
    flush()
    return output
}

func attributes(_ count: Int, prefix: String = "a") -> String {
    (0..<count).map { " \(prefix)\($0)='1'" }.joined()
}

func zstdFrame(windowLog: Int, contentSize: UInt64?) -> [UInt8] {
    // Frame header: magic, descriptor (single segment off, content size field as needed),
    // window descriptor; then one raw last block of 4 bytes.
    var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    var descriptor: UInt8 = 0
    var sizeField: [UInt8] = []
    if let contentSize {
        descriptor |= 3 << 6  // 8-byte content size
        sizeField = (0..<8).map { UInt8(truncatingIfNeeded: contentSize >> (8 * UInt64($0))) }
    }
    frame.append(descriptor)
    frame.append(UInt8((windowLog - 10) << 3))  // exponent, no mantissa
    frame += sizeField
    frame += [0x21, 0x00, 0x00]  // raw block, last, 4 bytes
    frame += [1, 2, 3, 4]
    return frame
}

/// A frame of `mebibytes` MiB of zeros made of RLE blocks (four bytes per 128 KiB), with a
/// 128 KiB window, declaring its size or not: a bomb built without holding its output.
func zstdZeros(mebibytes: Int, declared: Bool) -> [UInt8] {
    var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, declared ? 3 << 6 : 0, (17 - 10) << 3]
    if declared { frame += (0..<8).map { UInt8(truncatingIfNeeded: (UInt64(mebibytes) << 20) >> (8 * UInt64($0))) } }
    let blocks = mebibytes * 8
    for index in 0..<blocks {
        let header = (128 << 10) << 3 | 1 << 1 | (index == blocks - 1 ? 1 : 0)
        frame += [UInt8(header & 0xFF), UInt8(header >> 8 & 0xFF), UInt8(header >> 16 & 0xFF), 0]
    }
    return frame
}

extension HostileCase {
    nonisolated(unsafe) static let all: [HostileCase] = recursion + superlinear + memory + bombs + lying + external + encodings

    nonisolated(unsafe) static let recursion: [HostileCase] = [
        xpathCompile("xpath-compile-parentheses", "(((…1…)))", growing(64, 65536)) { repeated("(", $0) + "1" + repeated(")", $0) },
        xpathCompile("xpath-compile-functions", "boolean(boolean(…))", growing(64, 65536)) { repeated("boolean(", $0) + "1" + repeated(")", $0) },
        xpathEvaluate("xpath-parentheses", "(((…1…)))", growing(64, 65536)) { repeated("(", $0) + "1" + repeated(")", $0) },
        xpathEvaluate("xpath-predicates", "*[*[…]]", growing(64, 65536)) { repeated("*[", $0) + "1" + repeated("]", $0) },
        xpathEvaluate("xpath-addition-chain", "1+1+…+1", growing(64, 65536)) { "1" + repeated("+1", $0) },
        xpathEvaluate("xpath-union-chain", "a|a|…|a", growing(64, 65536)) { "a" + repeated("|a", $0) },
        xpathEvaluate("xpath-steps", "a/a/…/a", growing(64, 65536)) { "a" + repeated("/a", $0) },
        xpathEvaluate("xpath-unary-minus", "----1", growing(64, 65536)) { repeated("-", $0) + "1" },
        HostileCase(name: "xml-nesting", hostileClass: .recursion, api: "XMLDocument(parsing:)", input: "<a><a>…</a></a>", unit: "levels",
                    sizes: growing(64, 65536), make: { utf8(repeated("<a>", $0) + repeated("</a>", $0)) }, call: { parseXML($0) }),
        HostileCase(name: "xml-nesting-recover", hostileClass: .recursion, api: "XMLDocument(parsing:) .recover", input: "<a><a>… unclosed", unit: "levels",
                    sizes: growing(64, 65536), make: { utf8(repeated("<a>", $0)) }, call: { parseXML($0, options: .recover) }),
        HostileCase(name: "xml-push-nesting", hostileClass: .recursion, api: "XMLPushParser", input: "<a><a>…</a></a>", unit: "levels",
                    sizes: growing(64, 65536), make: { utf8(repeated("<a>", $0) + repeated("</a>", $0)) }, call: pushXML),
        HostileCase(name: "reader-nesting", hostileClass: .recursion, api: "XMLReader", input: "<a><a>…</a></a>", unit: "levels",
                    sizes: growing(64, 65536), make: { utf8(repeated("<a>", $0) + repeated("</a>", $0)) }, call: readXML),
        HostileCase(name: "html-nesting", hostileClass: .recursion, api: "XMLDocument(parsingHTML:) + serialized + evaluate + content", input: "<div><div>…", unit: "levels",
                    sizes: growing(64, 65536), make: { utf8(repeated("<div>", $0) + "x") }, call: parseHTML),
        HostileCase(name: "html-push-nesting", hostileClass: .recursion, api: "HTMLPushParser", input: "<div><div>…", unit: "levels",
                    sizes: growing(64, 65536), make: { utf8(repeated("<div>", $0)) }, call: pushHTML),
        HostileCase(name: "xml-entity-chain", hostileClass: .recursion, api: "XMLDocument(parsing:) + content", input: "<!ENTITY eN '&eN-1;'>", unit: "entities",
                    sizes: growing(16, 4096), make: { count in
                        var dtd = "<!DOCTYPE a [<!ENTITY e0 'x'>"
                        for index in 1...count { dtd += "<!ENTITY e\(index) '&e\(index - 1);'>" }
                        return utf8(dtd + "]><a>&e\(count);</a>")
                    }, call: { bytes in outcome { () throws(XMLError) in "\(try XMLDocument(parsing: bytes).root?.content.utf8.count ?? 0) bytes of text" } }),
        HostileCase(name: "xsd-nesting", hostileClass: .recursion, api: "XMLSchema(parsing:)", input: "nested anonymous complex types", unit: "levels",
                    sizes: growing(16, 4096), make: { count in
                        let open = "<xs:element name='e'><xs:complexType><xs:sequence>"
                        let close = "</xs:sequence></xs:complexType></xs:element>"
                        return utf8("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>" + repeated(open, count) + repeated(close, count) + "</xs:schema>")
                    }, call: { bytes in outcome { () throws(XMLError) in _ = try XMLSchema(parsing: bytes); return "compiled" } }),
    ]

    nonisolated(unsafe) static let superlinear: [HostileCase] = [
        HostileCase(name: "xml-attributes", hostileClass: .superlinear, api: "XMLDocument(parsing:)", input: "<a a0='1' a1='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<a\(attributes($0))/>") }, call: { parseXML($0) }),
        HostileCase(name: "xml-push-attributes", hostileClass: .superlinear, api: "XMLPushParser", input: "<a a0='1' a1='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<a\(attributes($0))/>") }, call: pushXML),
        HostileCase(name: "xml-push-namespaces", hostileClass: .superlinear, api: "XMLPushParser", input: "<a xmlns:n0='u0' …/>", unit: "declarations",
                    sizes: growing(1000, 256_000), make: { count in utf8("<a" + (0..<count).map { " xmlns:n\($0)='u\($0)'" }.joined() + "/>") }, call: pushXML),
        HostileCase(name: "xml-push-utf16-attributes", hostileClass: .encoding, api: "XMLPushParser", input: "UTF-16LE <a a0='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf16LE("<a\(attributes($0))/>") }, call: pushXML),
        HostileCase(name: "reader-attributes", hostileClass: .superlinear, api: "XMLReader", input: "<a a0='1' a1='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<a\(attributes($0))/>") }, call: readXML),
        HostileCase(name: "html-attributes", hostileClass: .superlinear, api: "XMLDocument(parsingHTML:)", input: "<a a0='1' a1='1' …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<a\(attributes($0))>") }, call: parseHTML),
        HostileCase(name: "html-attributes-unquoted", hostileClass: .superlinear, api: "XMLDocument(parsingHTML:)", input: "<a a0=1 a1=1 …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { count in utf8("<a" + (0..<count).map { " a\($0)=1" }.joined() + ">") }, call: parseHTML),
        HostileCase(name: "html-push-attributes", hostileClass: .superlinear, api: "HTMLPushParser", input: "<a a0='1' a1='1' …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<a\(attributes($0))>") }, call: pushHTML),
        HostileCase(name: "html-push-nul-ended-tags", hostileClass: .superlinear, api: "HTMLPushParser", input: "<a\\0<a\\0 … >", unit: "tags",
                    sizes: growing(1000, 1_024_000), make: { utf8(repeated("<a\0", $0) + ">") }, call: pushHTML),
        HostileCase(name: "html-push-nameless-end-tags", hostileClass: .superlinear, api: "HTMLPushParser", input: "<p></1</1 … >", unit: "tags",
                    sizes: growing(1000, 1_024_000), make: { utf8("<p>" + repeated("</1", $0) + ">") }, call: pushHTML),
        HostileCase(name: "html-push-quoted-nul-ended-tags", hostileClass: .superlinear, api: "HTMLPushParser", input: "<a b='\\0>'<a b='\\0>' … >", unit: "tags",
                    sizes: growing(1000, 1_024_000), make: { utf8(repeated("<a b='\0>'       ", $0) + ">") }, call: pushHTML),
        HostileCase(name: "xml-namespaces", hostileClass: .superlinear, api: "XMLDocument(parsing:)", input: "<a xmlns:n0='u0' …/>", unit: "declarations",
                    sizes: growing(1000, 256_000), make: { count in utf8("<a" + (0..<count).map { " xmlns:n\($0)='u\($0)'" }.joined() + "/>") }, call: { parseXML($0) }),
        HostileCase(name: "xml-namespaces-nested", hostileClass: .superlinear, api: "XMLDocument(parsing:)", input: "200 levels, each declaring N/200", unit: "declarations",
                    sizes: growing(1000, 256_000), make: { count in
                        let perLevel = max(1, count / 200)
                        var text = ""
                        for level in 0..<200 { text += "<a" + (0..<perLevel).map { " xmlns:n\(level)x\($0)='u'" }.joined() + ">" }
                        return utf8(text + repeated("</a>", 200))
                    }, call: { parseXML($0) }),
        HostileCase(name: "html-namespaces", hostileClass: .superlinear, api: "XMLDocument(parsingHTML:)", input: "<a xmlns:n0='u0' …>", unit: "declarations",
                    sizes: growing(1000, 256_000), make: { count in utf8("<a" + (0..<count).map { " xmlns:n\($0)='u\($0)'" }.joined() + ">") }, call: parseHTML),
        HostileCase(name: "xml-entity-literal-attributes", hostileClass: .superlinear, api: "XMLDocument(parsing:)", input: "attributes inside an entity", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { count in
                        utf8("<!DOCTYPE r [<!ENTITY e '<a" + (0..<count).map { " a\($0)=\"1\"" }.joined() + "/>'>]><r>&e;</r>")
                    }, call: { parseXML($0) }),
        HostileCase(name: "html-push-utf16-attributes", hostileClass: .encoding, api: "HTMLPushParser", input: "UTF-16LE <a a0='1' …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf16LE("<a\(attributes($0))>") }, call: pushHTML),
        HostileCase(name: "html-push-utf7-attributes", hostileClass: .encoding, api: "HTMLPushParser", input: "meta charset UTF-7, then <a a0='1' …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<html><head><meta charset='UTF-7'></head><body>") + utf7("<a\(attributes($0))>") }, call: pushHTML),
        HostileCase(name: "html-utf16-attributes", hostileClass: .encoding, api: "XMLDocument(parsingHTML:)", input: "UTF-16LE <a a0='1' …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf16LE("<a\(attributes($0))>") }, call: parseHTML),
        HostileCase(name: "html-long-names", hostileClass: .superlinear, api: "XMLDocument(parsingHTML:)", input: "one attribute name of N x 100 bytes", unit: "hundreds",
                    sizes: growing(1000, 64_000), make: { count in
                        utf8("<a " + (0..<count).map { String(format: "a%099d", $0) }.joined() + ">")
                    }, call: parseHTML),
        HostileCase(name: "xml-entity-attributes", hostileClass: .superlinear, api: "XMLDocument(parsing:)", input: "attributes inside an entity, as &#60;", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { count in
                        utf8("<!DOCTYPE r [<!ENTITY e '&#60;a" + (0..<count).map { " a\($0)=\"1\"" }.joined() + "/>'>]><r>&e;</r>")
                    }, call: { parseXML($0) }),
        HostileCase(name: "xpath-polynomial", hostileClass: .superlinear, api: "XMLDocument.evaluate", input: "//*[count(//*) > 0] over N elements", unit: "elements",
                    sizes: growing(1000, 256_000), make: { utf8("<a>" + repeated("<b/>", $0) + "</a>") }, call: { bytes in outcome { () throws(XMLError) in
                        describe(try XMLDocument(parsing: bytes).evaluate("count(//*[count(//*) > 0])"))
                    } }),
    ]

    nonisolated(unsafe) static let memory: [HostileCase] = [
        HostileCase(name: "reader-processing-instructions", hostileClass: .memory, api: "XMLReader", input: "<r><?p?><?p?>…</r>", unit: "instructions",
                    sizes: growing(10_000, 640_000), memoryBudget: { 32 << 20 + $0 }, make: { utf8("<r>" + repeated("<?p x?>", $0) + "</r>") }, call: readXML),
        HostileCase(name: "reader-comments", hostileClass: .memory, api: "XMLReader", input: "<r><!--c-->…</r>", unit: "comments",
                    sizes: growing(10_000, 640_000), memoryBudget: { 32 << 20 + $0 }, make: { utf8("<r>" + repeated("<!--c-->", $0) + "</r>") }, call: readXML),
        HostileCase(name: "reader-top-level-comments", hostileClass: .memory, api: "XMLReader", input: "<!--c-->…<r/>", unit: "comments",
                    sizes: growing(10_000, 640_000), memoryBudget: { 32 << 20 + $0 }, make: { utf8(repeated("<!--c-->", $0) + "<r/>" + repeated("<?p?>", $0)) }, call: readXML),
        HostileCase(name: "reader-siblings", hostileClass: .memory, api: "XMLReader", input: "<r><e>t</e>…</r>", unit: "elements",
                    sizes: growing(10_000, 640_000), memoryBudget: { 32 << 20 + $0 }, make: { utf8("<r>" + repeated("<e a='1'>t</e>", $0) + "</r>") }, call: readXML),
        HostileCase(name: "zstd-stream-output", hostileClass: .memory, api: "ZstdDecompressor.decompress(chunk:)", input: "N MiB of zeros, streamed in 64 KiB chunks", unit: "MiB",
                    sizes: growing(1, 1024), memoryBudget: { _ in 2 * 64 << 20 + 16 << 20 }, make: { zstdZeros(mebibytes: $0, declared: false) }, call: { frame in
                        outcome { () throws(ZstdError) in
                            let decompressor = try ZstdDecompressor()
                            var total = 0, start = 0
                            while start < frame.count {
                                total += try decompressor.decompress(chunk: frame[start..<min(start + 65536, frame.count)]).count
                                start += 65536
                            }
                            try decompressor.finish()
                            return "\(total) bytes"
                        }
                    }),
    ]

    nonisolated(unsafe) static let bombs: [HostileCase] = [
        HostileCase(name: "zstd-zeros", hostileClass: .bomb, api: "Zstd.decompress", input: "a frame of N MiB of zeros", unit: "MiB",
                    sizes: growing(1, 1024), memoryBudget: { _ in 64 << 20 + 16 << 20 }, make: { zstdZeros(mebibytes: $0, declared: true) }, call: { frame in
                        outcome { () throws(ZstdError) in "\(try Zstd.decompress(frame).count) bytes" }
                    }),
        HostileCase(name: "zstd-zeros-undeclared", hostileClass: .bomb, api: "Zstd.decompress", input: "N MiB of zeros, size not declared", unit: "MiB",
                    sizes: growing(1, 1024), memoryBudget: { _ in 2 * 64 << 20 + 16 << 20 }, make: { zstdZeros(mebibytes: $0, declared: false) }, call: { frame in outcome { () throws(ZstdError) in "\(try Zstd.decompress(frame).count) bytes" } }),
        HostileCase(name: "xml-billion-laughs", hostileClass: .bomb, api: "XMLDocument(parsing:) + content", input: "entities of ten references each", unit: "levels",
                    sizes: Array(1...9), make: { levels in
                        var dtd = "<!DOCTYPE a [<!ENTITY l0 'lol'>"
                        for level in 1...levels { dtd += "<!ENTITY l\(level) '" + repeated("&l\(level - 1);", 10) + "'>" }
                        return utf8(dtd + "]><a>&l\(levels);</a>")
                    }, call: { bytes in outcome { () throws(XMLError) in "\(try XMLDocument(parsing: bytes).root?.content.utf8.count ?? 0) bytes of text" } }),
        HostileCase(name: "xml-substitution-billion-laughs", hostileClass: .bomb, api: "XMLDocument(parsing:) .substituteEntities", input: "entities of ten references each", unit: "levels",
                    sizes: Array(1...9), make: { levels in
                        var dtd = "<!DOCTYPE a [<!ENTITY l0 'lol'>"
                        for level in 1...levels { dtd += "<!ENTITY l\(level) '" + repeated("&l\(level - 1);", 10) + "'>" }
                        return utf8(dtd + "]><a>&l\(levels);</a>")
                    }, call: { parseXML($0, options: .substituteEntities) }),
        HostileCase(name: "xml-push-billion-laughs", hostileClass: .bomb, api: "XMLPushParser + content", input: "entities of ten references each", unit: "levels",
                    sizes: Array(1...9), make: { levels in
                        var dtd = "<!DOCTYPE a [<!ENTITY l0 'lol'>"
                        for level in 1...levels { dtd += "<!ENTITY l\(level) '" + repeated("&l\(level - 1);", 10) + "'>" }
                        return utf8(dtd + "]><a>&l\(levels);</a>")
                    }, call: pushXML),
    ]

    nonisolated(unsafe) static let lying: [HostileCase] = [
        HostileCase(name: "zstd-window", hostileClass: .lying, api: "Zstd.decompress and ZstdDecompressor.decompress(chunk:)", input: "a 4-byte frame declaring a 2^N window", unit: "window log",
                    sizes: Array(stride(from: 20, through: 31, by: 1)), make: { zstdFrame(windowLog: $0, contentSize: nil) }, call: { frame in
                        let oneShot = Result { () throws(ZstdError) in try Zstd.decompress(frame) }
                        let streamed = Result { () throws(ZstdError) -> [UInt8] in
                            let decompressor = try ZstdDecompressor()
                            let output = try decompressor.decompress(chunk: frame)
                            try decompressor.finish()
                            return output
                        }
                        switch (oneShot, streamed) {
                        case (.success(let a), .success(let b)) where a == b: return .returned("\(a.count) bytes from both")
                        case (.failure(let a), .failure): return .refused("\(a)")
                        default: return .violated("one-shot \(oneShot) but streaming \(streamed)")
                        }
                    }),
        HostileCase(name: "zstd-window-memory", hostileClass: .lying, api: "Zstd.decompress(maxOutputSize: 1 MiB)", input: "a 10-byte frame declaring a window of N MiB; bound: 2^27 + 16 MiB", unit: "MiB",
                    sizes: [8, 32, 120, 2048], memoryBudget: { _ in 128 << 20 + 16 << 20 }, make: { mebibytes in
                        // Window descriptor: exponent and mantissa (eighths) for N MiB, no size.
                        let log = Int.bitWidth - 1 - (mebibytes << 20).leadingZeroBitCount
                        let mantissa = ((mebibytes << 20) - (1 << log)) >> (log - 3)
                        return [0x28, 0xB5, 0x2F, 0xFD, 0x00, UInt8((log - 10) << 3 | mantissa), 0xBB, 0xBB, 0xBB, 0x28]
                    }, call: { frame in outcome { () throws(ZstdError) in "\(try Zstd.decompress(frame, maxOutputSize: 1 << 20).count) bytes" } }),
        HostileCase(name: "zstd-content-size", hostileClass: .lying, api: "Zstd.decompress", input: "a 4-byte frame declaring 2^N bytes", unit: "log2 size",
                    sizes: Array(stride(from: 10, through: 62, by: 4)), make: { zstdFrame(windowLog: 20, contentSize: 1 << UInt64($0)) }, call: { frame in
                        outcome { () throws(ZstdError) in "\(try Zstd.decompress(frame).count) bytes" }
                    }),
        HostileCase(name: "zstd-frame-header", hostileClass: .lying, api: "Zstd.frameHeader(of:)", input: "a frame header declaring 2^N bytes", unit: "log2 size",
                    sizes: Array(stride(from: 10, through: 62, by: 4)), make: { zstdFrame(windowLog: 31, contentSize: 1 << UInt64($0)) }, call: { frame in
                        outcome { () throws(ZstdError) in "\(try Zstd.frameHeader(of: frame))" }
                    }),
    ]

    nonisolated(unsafe) static let external: [HostileCase] = [
        HostileCase(name: "xml-external-entity", hostileClass: .external, api: "XMLDocument(parsing:) + content", input: "N references to SYSTEM '/etc/passwd'", unit: "references",
                    sizes: growing(1, 4096), make: { utf8("<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>" + repeated("&x;", $0) + "</a>") }, call: { bytes in
                        outcome { () throws(XMLError) in try XMLDocument(parsing: bytes).root?.content ?? "" }.requiring { !$0.contains("root:") }
                    }),
        HostileCase(name: "xml-external-dtd", hostileClass: .external, api: "XMLDocument(parsing:)", input: "a DOCTYPE naming /etc/passwd, N elements", unit: "elements",
                    sizes: growing(1, 4096), make: { utf8("<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a>" + repeated("<b/>", $0) + "</a>") }, call: { bytes in
                        outcome { () throws(XMLError) in
                            let document = try XMLDocument(parsing: bytes)
                            return describe(try document.evaluate("count(//*)"))
                        }
                    }),
        HostileCase(name: "xsd-include", hostileClass: .external, api: "XMLSchema(parsing:)", input: "N xs:include of /etc/passwd", unit: "includes",
                    sizes: growing(1, 4096), make: { utf8("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>" + repeated("<xs:include schemaLocation='file:///etc/passwd'/>", $0) + "</xs:schema>") }, call: { bytes in
                        outcome { () throws(XMLError) in _ = try XMLSchema(parsing: bytes); return "compiled" }.requiring { _ in false }
                    }),
    ]

    nonisolated(unsafe) static let encodings: [HostileCase] = [
        HostileCase(name: "utf16-attributes", hostileClass: .encoding, api: "XMLDocument(parsing:)", input: "UTF-16LE <a a0='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf16LE("<a\(attributes($0))/>") }, call: { parseXML($0) }),
        HostileCase(name: "utf7-attributes", hostileClass: .encoding, api: "XMLDocument(parsing:)", input: "UTF-7 <a a0='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<?xml version='1.0' encoding='UTF-7'?>") + utf7("<a\(attributes($0))/>") }, call: { parseXML($0) }),
        HostileCase(name: "utf7-reader-attributes", hostileClass: .encoding, api: "XMLReader", input: "UTF-7 <a a0='1' …/>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<?xml version='1.0' encoding='UTF-7'?>") + utf7("<a\(attributes($0))/>") }, call: readXML),
        HostileCase(name: "html-utf7-attributes", hostileClass: .encoding, api: "XMLDocument(parsingHTML:)", input: "meta charset UTF-7, then <a a0='1' …>", unit: "attributes",
                    sizes: growing(1000, 256_000), make: { utf8("<html><head><meta charset='UTF-7'></head><body>") + utf7("<a\(attributes($0))>") }, call: parseHTML),
        HostileCase(name: "invalid-utf8", hostileClass: .encoding, api: "XMLDocument(parsing:)", input: "N KiB of text with invalid UTF-8", unit: "KiB",
                    sizes: growing(1, 16384), make: { utf8("<a>") + [UInt8](repeating: 0xC3, count: $0 << 10) + utf8("</a>") }, call: { parseXML($0, options: .recover) }),
    ]
}

extension Outcome {
    /// This outcome, or a violation when a returned value breaks `property`.
    func requiring(_ property: (String) -> Bool) -> Outcome {
        if case .returned(let value) = self, !property(value) { return .violated("returned \(value.prefix(80).debugDescription)") }
        return self
    }
}

extension Result where Failure == ZstdError {
    init(_ body: () throws(ZstdError) -> Success) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }
}
