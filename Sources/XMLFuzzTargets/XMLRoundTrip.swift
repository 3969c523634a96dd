import LibXML2
import SeamFuzz

/// Parse, serialize, parse again: the second tree has the same shape and the same canonical
/// XML as the first, and serializing it again gives the same bytes.
public enum XMLRoundTrip: FuzzTarget {
    static let options = FuzzedResources.optionsWithoutRecovery

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let chosen = input.options(from: options)
        let format = input.bool()
        let data = input.remainingBytes()
        guard let first = try? XMLDocument(parsing: data, options: chosen) else { return }
        let bytes: [UInt8]
        do {
            bytes = try first.serialized()
        } catch {
            // The wrapper refuses trees libxml2 would write as malformed XML; nothing else fails.
            guard case .unserializable = error.kind else { throw InvariantViolation("serialize failed: \(error)") }
            return
        }
        // Plain options: the serialized form alone must carry the tree.
        let second = try mustSucceed("re-parse the serialized document") {
            try XMLDocument(parsing: bytes)
        }
        let shape = XMLTreeShape.of(first)
        let shapeAgain = XMLTreeShape.of(second)
        try invariant(shape == shapeAgain, "tree changed in a round trip:\n\(shape.joined(separator: "\n"))\n---\n\(shapeAgain.joined(separator: "\n"))")
        let canonical = try? first.canonicalized(withComments: true)
        let canonicalAgain = try? second.canonicalized(withComments: true)
        try invariant(canonical == canonicalAgain, "canonical XML changed in a round trip")
        let bytesAgain = try mustSucceed("serialize again") { try second.serialized() }
        try invariant(bytes == bytesAgain, "serialization is not stable across a round trip")
        if format {
            _ = try mustSucceed("serialize with formatting") { try second.serialized(format: true) }
        }
    }

    public static var seeds: [[UInt8]] {
        XMLSeeds.documents.enumerated().map { index, document in
            var builder = FuzzInputBuilder()
            builder.options(index > 0 ? options[index % options.count] : [], from: options)
            builder.bool(index % 2 == 1)
            builder.remainingBytes(Array(document.utf8))
            return builder.data
        }
    }
}
