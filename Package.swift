// swift-tools-version:6.1
import Foundation
import PackageDescription

// Every folder under Fuzz/ is a fuzz target: an executable whose main.swift is one line,
// `fuzzMain(<Target>.self)`, with the body in a targets module. Adding a target is adding a
// folder (`seam add <Target>`); the manifest never lists them by hand.
let packageRoot = URL(fileURLWithPath: Context.packageDirectory)
let fuzzTargetNames: [String] = {
    let fuzzDir = packageRoot.appendingPathComponent("Fuzz")
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: fuzzDir.path)) ?? []
    return entries.filter { name in
        FileManager.default.fileExists(atPath: fuzzDir.appendingPathComponent(name).appendingPathComponent("main.swift").path)
    }.sorted()
}()

// The modules holding target bodies: one per library, so a binary links (and libFuzzer scans
// the coverage counters of) only the library it fuzzes, and FuzzTargets, which links both and
// lists every target. An executable depends on those its main.swift imports.
let fuzzTargetModules = ["ZstdFuzzTargets", "XMLFuzzTargets", "FuzzTargets"]
let fuzzExecutables: [Target] = fuzzTargetNames.map { name in
    let main = (try? String(contentsOf: packageRoot.appendingPathComponent("Fuzz/\(name)/main.swift"), encoding: .utf8)) ?? ""
    let imported = fuzzTargetModules.filter { module in main.contains("import \(module)\n") }
    return .executableTarget(
        name: name,
        dependencies: ["SeamFuzz"] + (imported.isEmpty ? ["FuzzTargets"] : imported).map { .target(name: $0) },
        path: "Fuzz/\(name)"
    )
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

let package = Package(
    name: "Seam",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Zstd", targets: ["Zstd"]),
        .library(name: "LibXML2", targets: ["LibXML2"]),
        .library(name: "SeamFuzz", targets: ["SeamFuzz"]),
        .library(name: "SeamBoundary", targets: ["SeamBoundary"]),
        .executable(name: "seam", targets: ["seam"]),
        .plugin(name: "SeamPlugin", targets: ["SeamPlugin"]),
    ] + fuzzTargetNames.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ] + benchmarkDependencies,
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
            dependencies: ["SeamFuzz", "SeamTool", "FuzzTargets", "PlantedTargets", "Zstd", "LibXML2"]
        ),
    ] + fuzzExecutables + benchmarkTargets,
    swiftLanguageModes: [.v6]
)
