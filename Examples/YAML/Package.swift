// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "YAML",
    platforms: [.macOS(.v15)],
    products: [.library(name: "YAML", targets: ["YAML"])],
    swiftLanguageModes: [.v6]
)

// Fuzzing through Seam (written by `seam init`). The fuzz targets, one line each: an
// executable Fuzz/<name>/ linking the module that holds its body. `seam add` keeps the
// list; it is written out so that SwiftPM, which caches this file by its text, always
// sees every target.
let fuzzTargets: [(name: String, module: String)] = [
    ("YAMLParse", "YAMLFuzzTargets"),
    ("YAMLRoundTrip", "YAMLFuzzTargets"),
]

package.dependencies.append(.package(name: "Seam", path: "../.."))
package.targets += fuzzTargets.map { target in
    .executableTarget(
        name: target.name,
        dependencies: [.target(name: target.module), .product(name: "SeamFuzz", package: "Seam")],
        path: "Fuzz/\(target.name)"
    )
}

// yaml (written by `seam init`): its C module, the safe wrapper, the fuzz
// target bodies and the tests.
package.targets += [
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    .target(name: "YAML", dependencies: ["CYAML", .product(name: "SeamBoundary", package: "Seam")]),
    .target(name: "YAMLFuzzTargets", dependencies: ["YAML", .product(name: "SeamFuzz", package: "Seam")]),
    .testTarget(
        name: "YAMLTests",
        dependencies: ["YAML", "YAMLFuzzTargets", .product(name: "SeamFuzzTesting", package: "Seam")]
    ),
]
