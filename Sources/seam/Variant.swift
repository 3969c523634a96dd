import ArgumentParser
import Foundation

/// A build of the fuzz targets. Each lives in its own scratch path, so switching variants
/// never rebuilds another.
enum Variant: String, CaseIterable, ExpressibleByArgument {
    /// libFuzzer + AddressSanitizer (and LeakSanitizer): the fuzzing default.
    case address
    /// libFuzzer + UndefinedBehaviorSanitizer on the C side (swiftc has no -sanitize=undefined).
    case undefined
    /// libFuzzer + ThreadSanitizer.
    case thread
    /// libFuzzer with no sanitizer: the fastest fuzzing.
    case none
    /// No libFuzzer: every binary is a standalone reproducer.
    case plain

    var isFuzzer: Bool { self != .plain }

    func swiftBuildArguments(scratchPath: String, release: Bool, coverage: Bool) -> [String] {
        // The manifest lists Fuzz/'s folders when it is evaluated, and SwiftPM caches that
        // evaluation by the manifest's text: without this a new target folder stays unseen.
        var arguments = ["build", "--scratch-path", scratchPath, "--manifest-cache", "none"]
        if release {
            arguments += ["-c", "release", "-Xswiftc", "-g"]
        }
        switch self {
        case .address: arguments += ["-Xswiftc", "-sanitize=fuzzer,address"]
        case .undefined:
            arguments += ["-Xswiftc", "-sanitize=fuzzer", "-Xcc", "-fsanitize=undefined",
                          "-Xswiftc", "-Xclang-linker", "-Xswiftc", "-fsanitize=undefined"]
        case .thread: arguments += ["-Xswiftc", "-sanitize=fuzzer,thread"]
        case .none: arguments += ["-Xswiftc", "-sanitize=fuzzer"]
        case .plain: break
        }
        if coverage {
            arguments += ["-Xswiftc", "-profile-generate", "-Xswiftc", "-profile-coverage-mapping"]
        }
        return arguments
    }
}

/// Which libzstd and libxml2 a build links.
enum Libraries: String, CaseIterable, ExpressibleByArgument {
    /// Debian's shared libraries: libFuzzer sees no edges inside them, ASan no bug.
    case system
    /// Static libraries built from Debian's sources with the variant's instrumentation
    /// (`seam deps`): coverage and sanitizer checks reach into the C code.
    case instrumented
}

/// A variant plus the libraries it links: one scratch path each, so no two rebuild each other.
struct BuildConfiguration {
    let variant: Variant
    let libraries: Libraries
    var coverage = false

    /// Instrumented libraries for every libFuzzer variant unless asked otherwise; a plain
    /// build cannot link them (their coverage hooks need libFuzzer's runtime).
    init(_ variant: Variant, libraries: Libraries? = nil, coverage: Bool = false) {
        self.variant = variant
        self.libraries = variant.isFuzzer || coverage ? (libraries ?? .instrumented) : .system
        self.coverage = coverage
    }

    var scratchPath: String {
        let name = coverage ? "coverage" : variant.rawValue
        return ".build-\(name)" + (libraries == .instrumented ? "-instrumented" : "")
    }

    /// The `scripts/deps` variant whose libraries this build links.
    var depsVariant: String { coverage ? "coverage" : variant.rawValue }

    var release: Bool { variant.isFuzzer && !coverage }

    func binaryFolder(in project: Project) -> URL {
        project.root.appendingPathComponent("\(scratchPath)/\(release ? "release" : "debug")")
    }

    func binary(_ target: String, in project: Project) -> URL {
        binaryFolder(in: project).appendingPathComponent(target)
    }

    /// The binary for `target`, or an error that says how to build it.
    func existingBinary(_ target: String, in project: Project) throws -> URL {
        let url = binary(target, in: project)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw SeamError("no \(variant.rawValue) build of \(target) with \(libraries.rawValue) libraries: run `seam build --sanitizer \(variant.rawValue) --libs \(libraries.rawValue)` first")
        }
        return url
    }

    /// Builds `products` (everything when empty), first the instrumented libraries if needed.
    func build(_ project: Project, products: [String] = []) throws {
        var environment = ProcessInfo.processInfo.environment
        if libraries == .instrumented {
            let pkgconfig = try Deps.build(depsVariant, in: project)
            environment["PKG_CONFIG_PATH"] = pkgconfig + (environment["PKG_CONFIG_PATH"].map { ":" + $0 } ?? "")
        }
        var arguments = variant.swiftBuildArguments(scratchPath: scratchPath, release: release, coverage: coverage)
        if products.count == 1 { arguments += ["--product", products[0]] }
        printError("seam: swift \(arguments.joined(separator: " "))")
        let status = try runProgram(try swiftExecutable(), arguments, environment: environment, in: project.root)
        guard status == 0 else { throw SeamError("swift build failed for \(scratchPath) (exit \(status))") }
    }
}
