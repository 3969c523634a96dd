import CSeamDriver
import Foundation

/// The target this process runs and its budget. Set once, before libFuzzer or the replay
/// starts, and only read afterwards, on the one thread that runs inputs.
nonisolated(unsafe) private var registeredTarget: (any FuzzTarget.Type)?
nonisolated(unsafe) private var registeredBudget = FuzzBudget.default

/// libFuzzer's callback, through CSeamDriver's entry point, which measures the input against
/// the budget around it: as few branches as it takes, since each is a coverage edge.
private let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let target = registeredTarget else { return 0 }
    do {
        try target.run(copying: UnsafeBufferPointer(start: size == 0 ? nil : data, count: data == nil ? 0 : size))
    } catch {
        // libFuzzer turns the abort into a crash report and writes the input as crash-<sha1>.
        FileHandle.standardError.write(Data("==SEAM== \(target.name): \(error)\n".utf8))
        abort()
    }
    return 0
}

private let reportOverBudget: @convention(c) (Double, Int64) -> Void = { seconds, memoryBytes in
    guard let target = registeredTarget,
          let violation = registeredBudget.violation(by: FuzzCost(seconds: seconds, memoryBytes: Int(memoryBytes)))
    else { return }
    FileHandle.standardError.write(Data("==SEAM== \(target.name): \(violation)\n".utf8))
    abort()
}

/// The whole program of a fuzz executable: `fuzzMain(MyTarget.self)` in its main.swift.
///
/// Built with `-sanitize=fuzzer` it is a libFuzzer binary and takes libFuzzer's flags.
/// Built without it, it is a standalone reproducer: it runs every file, and every file under
/// every folder, named on the command line (flags beginning with `-` are ignored), and exits 1
/// naming the first input that breaks a property or its budget.
///
/// Either way inputs run on a thread with the target's budgeted stack and each input's time
/// and memory are checked against its budget (see `FuzzBudget`; `-seam_time_budget=`,
/// `-seam_memory_budget=` and `-seam_stack=` override it). libFuzzer also gets `-max_len`
/// from the target's `maxInputLength` and a `-timeout` of twice the time budget (at least a
/// second) for inputs that never return, unless the command line sets them.
///
/// In either build, `-seam_write_seeds=<folder>` writes the target's `seeds` there as
/// seed-000, seed-001, ... and exits: how `seam seeds` gets them from any package.
public func fuzzMain<Target: FuzzTarget>(_ target: Target.Type) -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let seedsFlag = "-seam_write_seeds="
    if let flag = arguments.first(where: { $0.hasPrefix(seedsFlag) }) {
        exit(Replay.writeSeeds(of: target, to: String(flag.dropFirst(seedsFlag.count))))
    }
    let budget: FuzzBudget
    switch target.budget.overridden(by: arguments) {
    case .success(let value): budget = value
    case .failure(let error):
        FileHandle.standardError.write(Data("\(target.name): \(error)\n".utf8))
        exit(2)
    }
    registeredTarget = target
    registeredBudget = budget
    if seam_libfuzzer_linked() != 0 {
        // A Swift trap must reach libFuzzer's handler, not Swift's backtracer (DESIGN, fact 7).
        seam_disable_swift_backtracer(CommandLine.unsafeArgv)
        // Reading the resident size per input would cost more than most inputs: without a
        // sanitizer's allocator the fuzzer leaves memory to libFuzzer's -rss_limit_mb.
        seam_register_target(testOneInput, budget.seconds, Int64(budget.memoryBytes), seam_memory_tracking_exact(), reportOverBudget)
        let command = libFuzzerCommand(target, budget, arguments)
        exit(onThread(stackBytes: budget.stackBytes) { runLibFuzzer(command) })
    }
    exit(onThread(stackBytes: budget.stackBytes) { Replay.run(target, arguments: arguments, budget: budget) })
}

/// libFuzzer's command line: the program, the flags the target implies, the given ones, and
/// Seam's own at the end. libFuzzer warns about flags it does not know; after
/// -ignore_remaining_args=1 it neither reads nor warns about them, and still hands them to its
/// -fork/-jobs children.
///
/// A function of its own so that its temporaries are released when it returns: built inline
/// before `exit`, which never returns, the filtered flags were never released, and
/// LeakSanitizer reported them at the end of every run given a `-seam_` flag.
func libFuzzerCommand(_ target: any FuzzTarget.Type, _ budget: FuzzBudget, _ arguments: [String]) -> [String] {
    let seamFlags = arguments.filter { $0.hasPrefix("-seam_") }
    return [CommandLine.arguments[0]] + defaultLibFuzzerFlags(target, budget, given: arguments)
        + arguments.filter { !$0.hasPrefix("-seam_") }
        + (seamFlags.isEmpty ? [] : ["-ignore_remaining_args=1"] + seamFlags)
}

/// The libFuzzer flags the target's declarations imply, for those the command line leaves out.
func defaultLibFuzzerFlags(_ target: any FuzzTarget.Type, _ budget: FuzzBudget, given arguments: [String]) -> [String] {
    var flags: [String] = []
    if let maxLength = target.maxInputLength, !arguments.contains(where: { $0.hasPrefix("-max_len=") }) {
        flags.append("-max_len=\(maxLength)")
    }
    if !arguments.contains(where: { $0.hasPrefix("-timeout=") }) {
        flags.append("-timeout=\(max(1, Int((budget.seconds * 2).rounded(.up))))")
    }
    return flags
}

private func runLibFuzzer(_ command: [String]) -> Int32 {
    seam_alarm_only_here(0)
    var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    // libFuzzer copies its arguments; in -jobs mode it returns, and LeakSanitizer would
    // report these.
    defer { for argument in argv { free(argument) } }
    return argv.withUnsafeMutableBufferPointer { argv in
        seam_run_libfuzzer(Int32(command.count), argv.baseAddress)
    }
}
