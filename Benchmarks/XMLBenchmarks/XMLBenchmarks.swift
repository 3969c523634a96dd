import Benchmark
import CLibXML2
import Foundation
import FoundationXML

// Parse, XPath and serialize: the wrapper against raw libxml2 calls (same options: no network)
// and against FoundationXML's XMLDocument, the peer a Swift user on Linux reaches for.

func catalog(items: Int) -> [UInt8] {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog xmlns:x=\"urn:extra\">\n"
    for index in 0..<items {
        text += "  <item id=\"\(index)\" x:rank=\"\(index % 10)\"><name>item \(index)</name><price>\(index % 97).50</price><tags><t>a</t><t>b</t></tags></item>\n"
    }
    return Array((text + "</catalog>\n").utf8)
}

let documents: [(String, [UInt8])] = [("small", catalog(items: 8)), ("4MiB", catalog(items: 36_000))]
let expression = "//item[price > 50]/name"

func configuration(_ label: String) -> Benchmark.Configuration {
    .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 2,
          maxDuration: .seconds(label == "small" ? 2 : 5), maxIterations: label == "small" ? 100_000 : 30)
}

/// Raw libxml2: parse `bytes`, evaluate `query`, free everything.
@inline(__always)
func rawParseAndEvaluate(_ bytes: [UInt8], _ query: String) {
    bytes.withUnsafeBytes { raw in
        let document = xmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, Int32(XML_PARSE_NONET.rawValue))
        let context = xmlXPathNewContext(document)
        let result = xmlXPathEvalExpression(query, context)
        blackHole(result?.pointee.nodesetval?.pointee.nodeNr)
        xmlXPathFreeObject(result)
        xmlXPathFreeContext(context)
        xmlFreeDoc(document)
    }
}

let benchmarks: @Sendable () -> Void = {
    for (label, bytes) in documents {
        let config = configuration(label)
        let data = Data(bytes)

        Benchmark("parse/\(label)/wrapper", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try SeamDocument(parsing: bytes)) }
        }
        Benchmark("parse/\(label)/raw", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations {
                bytes.withUnsafeBytes { raw in
                    let document = xmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, Int32(XML_PARSE_NONET.rawValue))
                    blackHole(document)
                    xmlFreeDoc(document)
                }
            }
        }
        Benchmark("parse/\(label)/FoundationXML", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try FoundationXML.XMLDocument(data: data)) }
        }

        Benchmark("parse+xpath/\(label)/wrapper", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations {
                let document = try SeamDocument(parsing: bytes)
                blackHole(try document.evaluate(expression))
            }
        }
        Benchmark("parse+xpath/\(label)/raw", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { rawParseAndEvaluate(bytes, expression) }
        }
        // The wrapper evaluates `(expression)` so that libxml2's XPath engine answers, never
        // its streaming shortcut, whose answers are wrong for some expressions (XPathEval's
        // regressions). Raw C making the same choice tells that cost from the wrapper's own.
        Benchmark("parse+xpath-engine/\(label)/wrapper", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations {
                let document = try SeamDocument(parsing: bytes)
                blackHole(try document.evaluate(expression))
            }
        }
        Benchmark("parse+xpath-engine/\(label)/raw", configuration: config) { benchmark in
            let parenthesized = "(\(expression))"
            for _ in benchmark.scaledIterations { rawParseAndEvaluate(bytes, parenthesized) }
        }
        Benchmark("parse+xpath/\(label)/FoundationXML", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations {
                let document = try FoundationXML.XMLDocument(data: data)
                blackHole(try document.nodes(forXPath: expression).count)
            }
        }

        // Each side's document is parsed inside its own benchmark, right before measuring, so
        // neither tree sits in a fresher part of the heap than the other.
        Benchmark("serialize/\(label)/wrapper", configuration: config) { benchmark in
            let parsed = try SeamDocument(parsing: bytes)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try parsed.serialized()) }
        }
        Benchmark("serialize/\(label)/raw", configuration: config) { benchmark in
            let document = bytes.withUnsafeBytes { raw in
                xmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, Int32(XML_PARSE_NONET.rawValue))
            }
            defer { xmlFreeDoc(document) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                var memory: UnsafeMutablePointer<xmlChar>?
                var size: Int32 = 0
                xmlDocDumpFormatMemoryEnc(document, &memory, &size, "UTF-8", 0)
                blackHole(size)
                seam_xml_free(memory)
            }
        }
        Benchmark("serialize/\(label)/FoundationXML", configuration: config) { benchmark in
            let foundation = try FoundationXML.XMLDocument(data: data)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(foundation.xmlData) }
        }
    }
}
