// swift-tools-version:6.1
import PackageDescription

// The fuzz targets, one line each: an executable Fuzz/<name>/ (main.swift calls
// `fuzzMain(<name>.self)`) linking the module that holds its body. The list is kept by
// `seam add` and read by seam; it is written out, not discovered from folders, because SwiftPM
// caches an evaluated manifest by its text and would not see a new folder.
let fuzzTargets: [(name: String, module: String)] = [
    ("HTMLParse", "XMLFuzzTargets"),
    ("XMLDTDValidate", "XMLFuzzTargets"),
    ("XMLInZstd", "FuzzTargets"),
    ("XMLParse", "XMLFuzzTargets"),
    ("XMLReader", "XMLFuzzTargets"),
    ("XMLRoundTrip", "XMLFuzzTargets"),
    ("XMLSchemaInclude", "XMLFuzzTargets"),
    ("XMLSchemaValidate", "XMLFuzzTargets"),
    ("XMLSizes", "XMLFuzzTargets"),
    ("XPathEval", "XMLFuzzTargets"),
    ("ZstdDecompress", "ZstdFuzzTargets"),
    ("ZstdDictionaryRoundTrip", "ZstdFuzzTargets"),
    ("ZstdDifferential", "ZstdFuzzTargets"),
    ("ZstdFrameInfo", "ZstdFuzzTargets"),
    ("ZstdRoundTrip", "ZstdFuzzTargets"),
    ("ZstdStreamRoundTrip", "ZstdFuzzTargets"),
]

// The modules holding target bodies are one per library, so a binary links (and libFuzzer
// scans the coverage counters of) only the library it fuzzes; FuzzTargets links both.
// The executables are targets without products: a root package gets an executable product
// for each anyway, and a package that depends on Seam does not build them.
let fuzzExecutables: [Target] = fuzzTargets.map { target in
    .executableTarget(name: target.name, dependencies: ["SeamFuzz", .target(name: target.module)], path: "Fuzz/\(target.name)")
}

// Benchmarks (Benchmarks/<Suite>/, ordo-one/benchmark) join the package only when
// SEAM_BENCHMARKS is set, as scripts/bench does: ordinary builds and CI never resolve or
// compile the benchmark package and its dependencies.
let benchmarksEnabled = Context.environment["SEAM_BENCHMARKS"] != nil
let benchmarkDependencies: [Package.Dependency] = benchmarksEnabled
    ? [.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"])]
    : []
let benchmarkTargets: [Target] = benchmarksEnabled
    ? ["ZstdBenchmarks", "XMLBenchmarks"].map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                "Zstd", "LibXML2", "CZstd", "CLibXML2",
            ],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
    : []

// The DocC plugin joins only when SEAM_DOCS is set, as scripts/docs does, so a package that
// depends on Seam never resolves it.
let docsDependencies: [Package.Dependency] = Context.environment["SEAM_DOCS"] != nil
    ? [.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0")]
    : []

let package = Package(
    name: "Seam",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Zstd", targets: ["Zstd"]),
        .library(name: "LibXML2", targets: ["LibXML2"]),
        .library(name: "SeamFuzz", targets: ["SeamFuzz"]),
        .library(name: "SeamBoundary", targets: ["SeamBoundary"]),
        .library(name: "SeamFuzzTesting", targets: ["SeamFuzzTesting"]),
        .executable(name: "seam", targets: ["seam"]),
        .plugin(name: "SeamPlugin", targets: ["SeamPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ] + benchmarkDependencies + docsDependencies,
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CSeamDriver"),
        .target(name: "CSeamBoundary"),
        .target(name: "SeamBoundary", dependencies: ["CSeamBoundary"]),
        .target(name: "Zstd", dependencies: ["CZstd", "SeamBoundary"]),
        .target(name: "LibXML2", dependencies: ["CLibXML2", "SeamBoundary"]),
        .target(name: "SeamFuzz", dependencies: ["CSeamDriver"]),
        // What a package's tests use to replay its fuzz targets' corpora (Swift Testing).
        .target(name: "CSeamFuzzTesting"),
        .target(name: "SeamFuzzTesting", dependencies: ["SeamFuzz", "CSeamFuzzTesting"]),
        .target(name: "ZstdFuzzTargets", dependencies: ["SeamFuzz", "Zstd"]),
        .target(name: "XMLFuzzTargets", dependencies: ["SeamFuzz", "LibXML2"]),
        .target(name: "FuzzTargets", dependencies: ["SeamFuzz", "Zstd", "LibXML2", "ZstdFuzzTargets", "XMLFuzzTargets"]),
        // The tool: its model as a library (project layout, declared C libraries and their
        // instrumented builds, variants, runs, contract), a thin executable over it, and the
        // command plugin that runs it from any package (`swift package seam ...`).
        .target(name: "SeamTool"),
        .executableTarget(
            name: "seam",
            dependencies: [
                "CSeamDriver",
                "SeamTool",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .plugin(
            name: "SeamPlugin",
            capability: .command(
                intent: .custom(verb: "seam", description: "Fuzz this package's targets: seam run, repro, merge, contract, deps, ..."),
                permissions: [.writeToPackageDirectory(reason: "seam writes seeds, regressions and its work folder (.seam/) in the package")]
            ),
            dependencies: ["seam"]
        ),

        // Test-only fuzz targets with planted bugs: built so the tests can prove the harness
        // catches and reproduces them, never listed under Fuzz/ and never shipped.
        .target(name: "PlantedTargets", dependencies: ["SeamFuzz"], path: "Tests/Planted/PlantedTargets"),
        .executableTarget(
            name: "PlantedInvariant",
            dependencies: ["SeamFuzz", "PlantedTargets"],
            path: "Tests/Planted/PlantedInvariant"
        ),
        .target(name: "CPlanted", path: "Tests/Planted/CPlanted"),
        .executableTarget(
            name: "PlantedSanitizers",
            dependencies: ["CPlanted", "CSeamDriver"],
            path: "Tests/Planted/PlantedSanitizers"
        ),
        .executableTarget(
            name: "PlantedTrap",
            dependencies: ["SeamFuzz", "PlantedTargets"],
            path: "Tests/Planted/PlantedTrap"
        ),
        .executableTarget(
            name: "PlantedBudgets",
            dependencies: ["SeamFuzz", "PlantedTargets"],
            path: "Tests/Planted/PlantedBudgets"
        ),
        .executableTarget(
            name: "PlantedThreeBugs",
            dependencies: ["SeamFuzz", "PlantedTargets"],
            path: "Tests/Planted/PlantedThreeBugs"
        ),
        // The Swift sides of scripts/bench-null: a target that reads its input and calls
        // nothing, and zstd's simple_decompress fuzzer made through the Zstd wrapper.
        .executableTarget(name: "NullTarget", dependencies: ["SeamFuzz"], path: "Benchmarks/NullTarget"),
        .executableTarget(name: "DecompressMirror", dependencies: ["SeamFuzz", "Zstd"], path: "Benchmarks/DecompressMirror"),
        // The hostile-input suite (scripts/hostile, the plain CI job): classes of hostile input
        // at growing sizes against every public API, each in a child process.
        .executableTarget(
            name: "HostileSuite",
            dependencies: ["SeamFuzz", "Zstd", "LibXML2"],
            path: "Tests/Hostile/HostileSuite"
        ),

        .testTarget(name: "ZstdTests", dependencies: ["Zstd", "SeamBoundary"]),
        .testTarget(name: "LibXML2Tests", dependencies: ["LibXML2"]),
        .testTarget(name: "SeamToolTests", dependencies: ["SeamTool"]),
        .testTarget(name: "ConcurrencyTests", dependencies: ["Zstd", "LibXML2"]),
        .testTarget(
            name: "HarnessTests",
            dependencies: ["SeamFuzz", "SeamFuzzTesting", "SeamTool", "FuzzTargets", "PlantedTargets", "Zstd", "LibXML2"]
        ),
    ] + fuzzExecutables + benchmarkTargets,
    swiftLanguageModes: [.v6]
)
