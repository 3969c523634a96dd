import Foundation
@testable import LibXML2
import Testing

@Suite struct XMLPushParsing {
    func pushed(_ text: String, chunk: Int, options: XMLParseOptions = []) throws(XMLError) -> XMLDocument {
        let parser = try XMLPushParser(options: options)
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try parser.feed(bytes[start..<min(start + chunk, bytes.count)])
        }
        return try parser.finish()
    }

    @Test(arguments: [1, 2, 7, 64, 4096])
    func chunksBuildTheTreeTheOneCallParserBuilds(chunk: Int) throws {
        for text in [catalog, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf\u{E9}</t>",
                     "<!DOCTYPE d [<!ENTITY e \"entity text\">]><d>&e;<![CDATA[ <raw> ]]><!-- c --><?pi x?></d>"] {
            let whole = try XMLDocument(parsing: Array(text.utf8))
            let pushedDocument = try pushed(text, chunk: chunk)
            #expect(try pushedDocument.serialized() == whole.serialized())
            #expect(pushedDocument.root?.content == whole.root?.content)
        }
    }

    /// libxml2 2.9's push parser ends a doctype header at a `>` inside its system ID, when
    /// a chunk ends after it; the wrapper holds such bytes back until the ID closes.
    @Test func aDoctypeWhoseIdentifierHoldsAGreaterThanSignParsesInAnyChunks() throws {
        let text = "<!-- > --><!DOCTYPE r SYSTEM \"x)><a\" [<!ELEMENT r ANY>]><r>></r>"
        let whole = try XMLDocument(parsing: Array(text.utf8))
        for chunk in 1...text.utf8.count {
            #expect(try pushed(text, chunk: chunk).serialized() == whole.serialized(), "chunk \(chunk)")
        }
    }

    @Test func aMalformedDocumentIsAParseErrorAndStaysOne() throws {
        let parser = try XMLPushParser()
        try parser.feed(Array("<a>\n<b>".utf8))
        // Gathered below 4 KiB: the error comes with the feed that completes the piece.
        try parser.feed(Array("</a>".utf8))
        let padding = [UInt8](repeating: 0x20, count: XMLPushParser.gatheredChunk)
        let error = #expect(throws: XMLError.self) { try parser.feed(padding) }
        #expect(error?.kind == .parse)
        #expect(error?.code == .tagNameMismatch)
        #expect((#expect(throws: XMLError.self) { try parser.feed(Array("<c/>".utf8)) }) == error)
        #expect((#expect(throws: XMLError.self) { try parser.finish() }) == error)
    }

    @Test func aSmallPieceErrorIsThrownByFinish() throws {
        let parser = try XMLPushParser()
        try parser.feed(Array("<a></b>".utf8))
        #expect((#expect(throws: XMLError.self) { try parser.finish() })?.code == .tagNameMismatch)
    }

    /// A 1 MB attribute value fed a byte at a time: libxml2 reads it in 4 KiB pieces, so the
    /// work is linear (one call per byte did not finish in a minute). Timed as a count of
    /// libxml2's reads, not in seconds.
    @Test func bytewiseFeedsReachLibxml2InGatheredPieces() throws {
        let text = Array("<a v='".utf8) + [UInt8](repeating: 0x61, count: 1 << 20) + Array("'/>".utf8)
        let parser = try XMLPushParser()
        for byte in text { try parser.feed(CollectionOfOne(byte)) }
        #expect(try parser.finish().root?.attribute("v")?.utf8.count == 1 << 20)
        #expect(parser.libxml2Reads <= text.count / XMLPushParser.gatheredChunk + 2, "\(parser.libxml2Reads) reads")
    }

    @Test func aDocumentThatEndsEarlyFailsAtFinish() throws {
        let parser = try XMLPushParser()
        try parser.feed(Array("<a><b>".utf8))
        // libxml2's push parser names an unfinished document's end, where the one-call
        // parser names the open tag (.tagNotFinished) or the empty input (.documentEmpty).
        #expect((#expect(throws: XMLError.self) { try parser.finish() })?.code == .documentEnd)
        #expect(throws: XMLError(kind: .invalidArgument("the XML push parser has finished"), diagnostics: [])) { try parser.finish() }
        let empty = try XMLPushParser()
        #expect((#expect(throws: XMLError.self) { try empty.finish() })?.code == .documentEnd)
    }

    @Test func recoverModeKeepsATree() throws {
        let document = try pushed("<a><b>text</a>", chunk: 3, options: .recover)
        #expect(document.root?.name == "a")
        #expect(document.parseDiagnostics.contains { $0.level >= .error })
    }

    @Test func markupLimitsHoldAcrossChunks() throws {
        func attributes(_ count: Int) -> String { (0..<count).map { " a\($0)='1'" }.joined() }
        let error = #expect(throws: XMLError.self) { try pushed("<r" + attributes(257) + "/>", chunk: 5) }
        #expect(error?.kind == .limitExceeded("an element has more than 256 attributes (XMLMarkupLimits.attributesPerElement)"))
        #expect(try pushed("<r" + attributes(256) + "/>", chunk: 5).root?.attributes.count == 256)
    }

    @Test func entityExpansionIsBounded() throws {
        let inner = String(repeating: "y", count: 10_000)
        let text = "<!DOCTYPE r [<!ENTITY b \"\(inner)\"><!ENTITY a \"" + String(repeating: "&b;", count: 9) + "\">]><r>"
            + String(repeating: "&a;", count: 5_000) + "</r>"
        let error = #expect(throws: XMLError.self) { try pushed(text, chunk: 4096) }
        guard case .limitExceeded(let what)? = error?.kind else { Issue.record("expected .limitExceeded, got \(String(describing: error))"); return }
        #expect(what.hasPrefix("entity references would expand to more than"))
    }

    @Test func encodingsTheScannerCannotReadAreRefused() throws {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("<a/>".utf8).flatMap { [$0, 0] }
        let parser = try XMLPushParser()
        #expect(throws: XMLError(kind: .invalidArgument("the XML push parser reads ASCII-compatible encodings only, not UTF-16LE; parse the document whole"), diagnostics: [])) {
            try parser.feed(utf16)
        }
        // A declaration cut across chunks is read whole before any byte is parsed.
        let declared = try XMLPushParser()
        try declared.feed(Array("<?x".utf8))
        #expect(throws: XMLError(kind: .invalidArgument("the XML push parser reads ASCII-compatible encodings only, not UTF-7; parse the document whole"), diagnostics: [])) {
            try declared.feed(Array("ml version='1.0' encoding='UTF-7'?><a/>".utf8))
        }
        // ASCII-compatible declarations parse, and so does a short document fed at once.
        #expect(try pushed("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", chunk: 2).root?.name == "a")
        #expect(try pushed("<a/>", chunk: 1).root?.name == "a")
        let long = try XMLPushParser()
        #expect(throws: XMLError(kind: .invalidArgument("the XML push parser reads declarations of up to 512 bytes"), diagnostics: [])) {
            try long.feed(Array(("<?xml version='1.0'" + String(repeating: " ", count: 600)).utf8))
        }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("seam-push-\(getpid()).xml")
        try Data("SECRET-MARKER".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let document = try pushed("<!DOCTYPE r [<!ENTITY x SYSTEM \"\(secret.absoluteString)\">]><r>&x;</r>", chunk: 3)
        #expect(document.root?.children.map(\.kind) == [.entityReference])
        #expect(!String(decoding: try document.serialized(), as: UTF8.self).contains("SECRET-MARKER"))
    }
}
