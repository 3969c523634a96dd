import LibXML2
import SeamFuzz

/// The resources a target's input carries, up to three, served as `a`, `b` and `c`: fixed
/// short names, because a Swift dictionary lookup gives libFuzzer no comparison to learn a
/// name from.
enum FuzzedResources {
    static let names = ["a", "b", "c"]

    /// The parse options for targets with no resources: not the two that load only from
    /// resources, nor recovery.
    static let optionsWithoutRecovery: [XMLParseOptions] = XMLParseOptions.all.filter { ![.recover, .loadExternalDTD, .processXIncludes].contains($0) }

    /// `count` byte strings from the front of `input`, by name.
    static func draw(_ count: Int, from input: inout FuzzInput) -> XMLResources {
        var resources = XMLResources()
        for name in names.prefix(count) {
            resources.documents[name] = input.bytes(maxCount: 1 << 16)
        }
        return resources
    }

    /// The main document, then `count` resources after it. The document comes first so that
    /// an input without separators is all document whatever `count` says: from an empty
    /// corpus, libFuzzer's inputs rarely hold a separator, and with resources first such an
    /// input would be an empty document for three counts in four.
    static func draw(document count: Int, from input: inout FuzzInput) -> (document: [UInt8], resources: XMLResources) {
        guard count > 0 else { return (input.remainingBytes(), XMLResources()) }
        let document = input.bytes(maxCount: .max)
        return (document, draw(count, from: &input))
    }

    /// Writes `resources` as `draw` reads them; the count is written where the target reads it.
    static func write(_ resources: [String], to builder: inout FuzzInputBuilder) {
        for resource in resources { builder.bytes(Array(resource.utf8)) }
    }

    /// Writes `document` and `resources` as `draw(document:from:)` reads them.
    static func write(document: String, resources: [String], to builder: inout FuzzInputBuilder) {
        guard !resources.isEmpty else { return builder.remainingBytes(Array(document.utf8)) }
        builder.bytes(Array(document.utf8))
        write(resources, to: &builder)
    }
}
