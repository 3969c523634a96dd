// swift-tools-version:6.1
import Foundation
import PackageDescription

// A package of its own that fuzzes libyaml through a small Swift wrapper, using Seam as a
// dependency: the fuzzing library (SeamFuzz), the contract recorder (SeamBoundary) and the
// `swift package seam` command. Every folder under Fuzz/ with a main.swift is a fuzz target.
let fuzzTargetNames: [String] = {
    let fuzz = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent("Fuzz")
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: fuzz.path)) ?? []
    return entries.filter { FileManager.default.fileExists(atPath: fuzz.appendingPathComponent("\($0)/main.swift").path) }.sorted()
}()

let seamFuzz = Target.Dependency.product(name: "SeamFuzz", package: "Seam")

let package = Package(
    name: "SeamYAMLExample",
    products: [.library(name: "YAML", targets: ["YAML"])] + fuzzTargetNames.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "Seam", path: "../..")],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "YAML", dependencies: ["CYAML", .product(name: "SeamBoundary", package: "Seam")]),
        .target(name: "YAMLFuzzTargets", dependencies: ["YAML", seamFuzz]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "YAMLFuzzTargets", seamFuzz]),
    ] + fuzzTargetNames.map { .executableTarget(name: $0, dependencies: ["YAMLFuzzTargets", seamFuzz], path: "Fuzz/\($0)") },
    swiftLanguageModes: [.v6]
)
