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

    var scratchPath: String { ".build-\(rawValue)" }

    var isFuzzer: Bool { self != .plain }

    func swiftBuildArguments(release: Bool, coverage: Bool) -> [String] {
        var arguments = ["build", "--scratch-path", scratchPath]
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

    /// Where `swift build` puts this variant's binaries.
    func binaryFolder(in project: Project, release: Bool) -> URL {
        project.root.appendingPathComponent("\(scratchPath)/\(release ? "release" : "debug")")
    }

    func binary(_ target: String, in project: Project, release: Bool = true) -> URL {
        binaryFolder(in: project, release: release).appendingPathComponent(target)
    }

    /// The binary for `target`, or an error that says how to build it.
    func existingBinary(_ target: String, in project: Project) throws -> URL {
        for release in [true, false] {
            let url = binary(target, in: project, release: release)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw SeamError("no \(rawValue) build of \(target): run `seam build --sanitizer \(rawValue)` first")
    }
}
