import SeamFuzz
// The targets live in one module per library, so each fuzz binary links (and libFuzzer scans
// the coverage counters of) only the library it fuzzes; this module lists them all.
@_exported import XMLFuzzTargets
@_exported import ZstdFuzzTargets

/// Every shipped fuzz target, one per folder under Fuzz/ (a test keeps the two in step;
/// `seam add` appends here).
public let allFuzzTargets: [any FuzzTarget.Type] = [
    ZstdRoundTrip.self,
    ZstdStreamRoundTrip.self,
    ZstdDecompress.self,
    XMLParse.self,
    XMLRoundTrip.self,
    XPathEval.self,
    ZstdDictionaryRoundTrip.self,
    ZstdDifferential.self,
    ZstdFrameInfo.self,
    HTMLParse.self,
    XMLInZstd.self,
    XMLSchemaValidate.self,
    XMLReaderTarget.self,
    XMLSizes.self,
]

/// The target called `name`, if it is shipped.
public func fuzzTarget(named name: String) -> (any FuzzTarget.Type)? {
    allFuzzTargets.first { $0.name == name }
}
