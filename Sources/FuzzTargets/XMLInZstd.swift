import LibXML2
import SeamFuzz
import XMLFuzzTargets
import Zstd

/// Compressed XML through both wrappers. Either the input is a document that must survive
/// compression unchanged (the same tree parsed before and after), or it is a compressed
/// document from outside, decoded under a bound and parsed, with typed errors only.
public enum XMLInZstd: FuzzTarget {
    public static var budget: FuzzBudget { ZstdDecompress.arbitraryFramesBudget }
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let compressedFromOutside = input.bool()
        let level = input.int(in: 1...9)
        let data = input.remainingBytes()
        if compressedFromOutside {
            guard let xml = try? Zstd.decompress(data, maxOutputSize: 1 << 20),
                  let document = try? XMLDocument(parsing: xml, options: .recover),
                  let bytes = try? document.serialized()
            else { return }
            let frame = try mustSucceed("compress a serialized document") { try Zstd.compress(bytes, level: level) }
            let back = try mustSucceed("decompress it") { try Zstd.decompress(frame) }
            try invariant(back == bytes, "serialized document changed in zstd")
            return
        }
        let frame = try mustSucceed("compress the document") { try Zstd.compress(data, level: level) }
        let xml = try mustSucceed("decompress the document") { try Zstd.decompress(frame, maxOutputSize: data.count) }
        try invariant(xml == data, "document bytes changed in zstd")
        let before = try? XMLDocument(parsing: data)
        let after = try? XMLDocument(parsing: xml)
        try invariant((before == nil) == (after == nil), "parse result changed after a zstd round trip")
        if let before, let after {
            try invariant(XMLTreeShape.of(before) == XMLTreeShape.of(after), "tree changed after a zstd round trip")
        }
    }

    public static var seeds: [[UInt8]] {
        XMLSeeds.documents.enumerated().map { index, document in
            var builder = FuzzInputBuilder()
            builder.bool(index % 2 == 1)
            builder.int(3, in: 1...9)
            let bytes = Array(document.utf8)
            builder.remainingBytes(index % 2 == 1 ? ((try? Zstd.compress(bytes)) ?? bytes) : bytes)
            return builder.data
        }
    }
}
