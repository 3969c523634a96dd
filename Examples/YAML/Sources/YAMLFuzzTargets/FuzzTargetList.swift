import SeamFuzz

/// The fuzz targets whose bodies are in this module, for the tests: kept by `seam add` in
/// step with Package.swift's list.
public let fuzzTargets: [any FuzzTarget.Type] = [
    YAMLParse.self,
    YAMLRoundTrip.self,
]
