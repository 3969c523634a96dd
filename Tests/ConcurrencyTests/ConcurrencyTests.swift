import LibXML2
import Testing
import Zstd

/// Many tasks using the wrappers at once, each with its own contexts and documents: the
/// stress the TSan variant runs under. Each checks its results, so a race that corrupts
/// data fails here even without a sanitizer.
@Suite struct ConcurrentUse {
    static let tasks = 16
    static let rounds = 20

    @Test func firstUseOfLibxml2FromManyThreadsAtOnce() async {
        // In a fresh process (the TSan job runs this test alone) this is libxml2's first use,
        // and its schema datatypes' first use: libxml2 2.9 builds their tables lazily, from
        // whichever thread parses a schema first (a race TSan reported between an XSD and a
        // RELAX NG parse in the full suite).
        let roots = await withTaskGroup(of: String?.self) { group in
            for index in 0..<Self.tasks {
                group.addTask {
                    switch index % 3 {
                    case 0: try? XMLDocument(parsing: Array("<r\(index)/>".utf8)).root?.name
                    case 1: (try? XMLSchema(parsing: Array(Self.xsd.utf8), language: .xsd)) != nil ? "xsd" : nil
                    default: (try? XMLSchema(parsing: Array(Self.rng.utf8), language: .relaxNG)) != nil ? "rng" : nil
                    }
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        let expected = (0..<Self.tasks).map { $0 % 3 == 0 ? "r\($0)" : $0 % 3 == 1 ? "xsd" : "rng" }
        #expect(roots.compactMap { $0 }.sorted() == expected.sorted())
    }

    static let xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="n" type="xs:positiveInteger"/>
        </xs:schema>
        """
    static let rng = """
        <element name="n" xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <data type="positiveInteger"/>
        </element>
        """

    /// Dictionary training is the one libzstd routine the wrapper serializes (its builder
    /// writes a file-level global): many trainings at once must still each give the one
    /// dictionary their samples make, and under TSan no race.
    @Test func trainDictionariesConcurrently() async {
        let samples: [[UInt8]] = (0..<200).map { Array("record \($0): name=user\($0 % 17) value=\($0 * 7919 % 1000)".utf8) }
        guard let expected = try? ZstdDictionary.train(samples: samples, capacity: 2_048) else {
            Issue.record("training failed on one thread")
            return
        }
        let failures = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<Self.tasks {
                group.addTask {
                    guard let trained = try? ZstdDictionary.train(samples: samples, capacity: 2_048) else { return 1 }
                    guard trained.bytes == expected.bytes, let compressor = try? ZstdCompressor(ZstdParameters(), dictionary: trained),
                          let frame = try? compressor.compress(samples[3]),
                          (try? ZstdDecompressor(dictionary: expected).decompress(frame)) == samples[3] else { return 1 }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func compressAndDecompressConcurrently() async {
        let failures = await withTaskGroup(of: Int.self) { group in
            for index in 0..<Self.tasks {
                group.addTask {
                    var failures = 0
                    guard let compressor = try? ZstdCompressor(level: index % 5 + 1), let decompressor = try? ZstdDecompressor() else { return 1 }
                    for round in 0..<Self.rounds {
                        let data = Array(String(repeating: "task \(index) round \(round) ", count: 50 + round).utf8)
                        guard let frame = try? compressor.compress(data), (try? decompressor.decompress(frame)) == data else {
                            failures += 1
                            continue
                        }
                        var stream = (try? compressor.compress(chunk: data, mode: .continue)) ?? []
                        stream += (try? compressor.compress(chunk: [UInt8](), mode: .end)) ?? []
                        if (try? Zstd.decompress(stream)) != data { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func parseEvaluateAndSerializeConcurrently() async {
        let failures = await withTaskGroup(of: Int.self) { group in
            for index in 0..<Self.tasks {
                group.addTask {
                    var failures = 0
                    for round in 0..<Self.rounds {
                        let text = "<r xmlns:p=\"urn:p\"><p:i n=\"\(index)\">\(round)</p:i><bad"
                        guard let document = try? XMLDocument(parsing: Array(text.utf8), options: .recover),
                              case .number(let n)? = try? document.evaluate("number(//p:i/@n)", namespaces: ["p": "urn:p"]),
                              Int(n) == index,
                              let bytes = try? document.serialized(),
                              (try? XMLDocument(parsing: bytes))?.root?.name == "r"
                        else {
                            failures += 1
                            continue
                        }
                        // Errors are collected per call and per thread: never another task's.
                        do {
                            _ = try XMLDocument(parsing: Array("<a\(index)></b>".utf8))
                            failures += 1
                        } catch {
                            if (error as? XMLError)?.message.contains("a\(index)") != true { failures += 1 }
                        }
                        // A push parser per task, fed in small chunks, builds the same tree.
                        let whole = "<r><i n=\"\(index)\">\(round)</i></r>"
                        let pushed = try? { () throws(XMLError) -> [UInt8] in
                            let parser = try XMLPushParser()
                            for byte in Array(whole.utf8) { try parser.feed([byte]) }
                            return try parser.finish().serialized()
                        }()
                        if pushed == nil || pushed != (try? XMLDocument(parsing: Array(whole.utf8)).serialized()) { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }
}
