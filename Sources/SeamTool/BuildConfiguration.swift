import Foundation

/// A variant plus the libraries it links: one scratch path each, so no two rebuild each other.
package struct BuildConfiguration {
    package let variant: Variant
    package let libraries: Libraries
    package var coverage = false

    /// Instrumented libraries for every libFuzzer variant unless asked otherwise; a plain
    /// build cannot link them (their coverage hooks need libFuzzer's runtime).
    package init(_ variant: Variant, libraries: Libraries? = nil, coverage: Bool = false) {
        self.variant = variant
        self.libraries = variant.isFuzzer || coverage ? (libraries ?? .instrumented) : .system
        self.coverage = coverage
    }

    package var scratchPath: String {
        let name = coverage ? "coverage" : variant.rawValue
        return ".build-\(name)" + (libraries == .instrumented ? "-instrumented" : "")
    }

    /// How the instrumented C libraries this build links are compiled; nil for a plain build.
    package var instrumentation: Instrumentation? {
        coverage ? .coverage : Instrumentation(rawValue: variant.rawValue)
    }

    package var release: Bool { variant.isFuzzer && !coverage }

    package func binaryFolder(in project: Project) -> URL {
        project.root.appendingPathComponent("\(scratchPath)/\(release ? "release" : "debug")")
    }

    package func binary(_ target: String, in project: Project) -> URL {
        binaryFolder(in: project).appendingPathComponent(target)
    }

    /// The binary for `target`, or an error that says how to build it.
    package func existingBinary(_ target: String, in project: Project) throws -> URL {
        let url = binary(target, in: project)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw SeamError("no \(variant.rawValue) build of \(target) with \(libraries.rawValue) libraries: run `seam build --variant \(variant.rawValue) --libs \(libraries.rawValue)` first")
        }
        return url
    }

    /// Builds `products` (everything when empty), first the instrumented libraries if needed.
    package func build(_ project: Project, products: [String] = []) throws {
        var environment = ProcessInfo.processInfo.environment
        if libraries == .instrumented, let instrumentation {
            let folders = try InstrumentedLibraries(project: project).build(instrumentation)
            environment["PKG_CONFIG_PATH"] = (folders.map(\.path) + [environment["PKG_CONFIG_PATH"]].compactMap { $0 }).joined(separator: ":")
        }
        var arguments = variant.swiftBuildArguments(scratchPath: scratchPath, release: release, coverage: coverage)
        if products.count == 1 { arguments += ["--product", products[0]] }
        printError("seam: swift \(arguments.joined(separator: " "))")
        let status = try runProgram(try swiftExecutable(), arguments, environment: environment, in: project.root)
        guard status == 0 else { throw SeamError("swift build failed for \(scratchPath) (exit \(status))") }
    }
}
