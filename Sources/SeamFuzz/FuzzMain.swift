import CSeamDriver
import Foundation

/// The target this process runs. Set once, before libFuzzer or the replay starts, and only
/// read afterwards: the fuzzer calls back on the thread that started it.
nonisolated(unsafe) private var registeredTarget: (any FuzzTarget.Type)?

private let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let target = registeredTarget else { return 0 }
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try target.run(bytes)
    } catch {
        // libFuzzer turns the abort into a crash report and writes the input as crash-<sha1>.
        FileHandle.standardError.write(Data("==SEAM== \(target.name): \(error)\n".utf8))
        abort()
    }
    return 0
}

/// The whole program of a fuzz executable: `fuzzMain(MyTarget.self)` in its main.swift.
///
/// Built with `-sanitize=fuzzer` it is a libFuzzer binary and takes libFuzzer's flags.
/// Built without it, it is a standalone reproducer: it runs every file, and every file under
/// every folder, named on the command line (flags beginning with `-` are ignored), and exits 1
/// naming the first input that breaks a property.
///
/// In either build, `-seam_write_seeds=<folder>` writes the target's `seeds` there as
/// seed-000, seed-001, ... and exits: how `seam seeds` gets them from any package.
public func fuzzMain<Target: FuzzTarget>(_ target: Target.Type) -> Never {
    let seedsFlag = "-seam_write_seeds="
    if let flag = CommandLine.arguments.dropFirst().first(where: { $0.hasPrefix(seedsFlag) }) {
        exit(Replay.writeSeeds(of: target, to: String(flag.dropFirst(seedsFlag.count))))
    }
    registeredTarget = target
    seam_register_target(testOneInput)
    if seam_libfuzzer_linked() != 0 {
        // A Swift trap must reach libFuzzer's handler, not Swift's backtracer (DESIGN, fact 7).
        seam_disable_swift_backtracer(CommandLine.unsafeArgv)
        exit(seam_run_libfuzzer(CommandLine.argc, CommandLine.unsafeArgv))
    }
    exit(Replay.run(target, arguments: Array(CommandLine.arguments.dropFirst())))
}
