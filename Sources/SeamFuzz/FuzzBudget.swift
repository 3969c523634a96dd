import CSeamDriver

/// What one input may cost: wall time, memory growth and stack. A call at a native boundary
/// that takes a minute, a gigabyte or a deep recursion on some input is a bug for the caller
/// even when nothing crashes, so every target has a budget, and the driver turns an input
/// that exceeds it into a crash file like any other.
///
/// - `time` and `memory` are measured around each input. Memory is the peak growth of the
///   live heap (exact in a sanitizer build; the peak resident size in a plain one).
/// - `stack` is the stack of the thread the driver runs inputs on: recursion that does not
///   fit overflows it and is reported as a stack overflow. Swift code is often called on
///   threads with small stacks (a dispatch or a cooperative pool thread has 512 KiB, many
///   C libraries' worker threads less); the main thread's 8 MiB hides such bugs.
public struct FuzzBudget: Sendable, Equatable {
    /// Seconds of wall time one input may take.
    public var seconds: Double
    /// Bytes of memory one input may add at its peak.
    public var memoryBytes: Int
    /// Bytes of stack the inputs run on; 0 runs them on the thread that calls the driver.
    public var stackBytes: Int

    public init(seconds: Double = 1, memoryMiB: Int = 64, stackKiB: Int = 256) {
        self.seconds = seconds
        self.memoryBytes = memoryMiB << 20
        self.stackBytes = stackKiB << 10
    }

    /// One second, 64 MiB and a 256 KiB stack.
    public static let `default` = FuzzBudget()

    /// The budget after the driver's flags: `-seam_time_budget=<seconds>`,
    /// `-seam_memory_budget=<MiB>`, `-seam_stack=<KiB>` (0: the calling thread's stack).
    /// Fails naming the first malformed one.
    public func overridden(by arguments: [String]) -> Result<FuzzBudget, FuzzBudgetFlagError> {
        var budget = self
        for argument in arguments {
            guard argument.hasPrefix("-seam_"), let equals = argument.firstIndex(of: "=") else { continue }
            let name = String(argument[..<equals])
            let value = String(argument[argument.index(after: equals)...])
            switch name {
            case "-seam_time_budget":
                guard let seconds = Double(value), seconds > 0 else { return .failure(FuzzBudgetFlagError(flag: argument)) }
                budget.seconds = seconds
            case "-seam_memory_budget":
                guard let mib = Int(value), mib > 0 else { return .failure(FuzzBudgetFlagError(flag: argument)) }
                budget.memoryBytes = mib << 20
            case "-seam_stack":
                guard let kib = Int(value), kib >= 0 else { return .failure(FuzzBudgetFlagError(flag: argument)) }
                budget.stackBytes = kib << 10
            default:
                continue
            }
        }
        return .success(budget)
    }

    /// What one input cost, measured around a call of `body`; with `memory` false, only its
    /// time (memory reads 0).
    public static func measure<Failure: Error>(memory: Bool = true, _ body: () throws(Failure) -> Void) throws(Failure) -> FuzzCost {
        if memory { seam_memory_window_begin() }
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return FuzzCost(seconds: seconds, memoryBytes: memory ? Int(seam_memory_window_peak_growth()) : 0)
    }

    /// Why `cost` is over this budget, nil when it is within it.
    public func violation(by cost: FuzzCost) -> String? {
        if cost.seconds > seconds {
            return "over the time budget: the input took \(Self.format(seconds: cost.seconds)), the budget is \(Self.format(seconds: seconds)) (-seam_time_budget=<seconds>)"
        }
        if cost.memoryBytes > memoryBytes {
            return "over the memory budget: the input grew memory by \(cost.memoryBytes >> 20) MiB at its peak, the budget is \(memoryBytes >> 20) MiB (-seam_memory_budget=<MiB>)"
        }
        return nil
    }

    static func format(seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        return milliseconds >= 1000 ? "\(Double(milliseconds) / 1000) s" : "\(milliseconds) ms"
    }
}

/// What one input cost.
public struct FuzzCost: Sendable, Equatable {
    public var seconds: Double
    public var memoryBytes: Int

    public init(seconds: Double, memoryBytes: Int) {
        self.seconds = seconds
        self.memoryBytes = memoryBytes
    }
}

/// A budget flag the driver could not read.
public struct FuzzBudgetFlagError: Error, CustomStringConvertible, Sendable {
    public let flag: String
    public var description: String { "malformed budget flag \(flag): expected a positive number (seconds, MiB, KiB)" }
}

/// Runs `body` on a new thread with a stack of `stackBytes` and waits for it: how the driver
/// and the tests bring recursion bugs to sizes a fuzzer reaches. `stackBytes` 0 runs `body`
/// on the calling thread.
public func onThread<Result>(stackBytes: Int, _ body: () -> Result) -> Result {
    guard stackBytes > 0 else { return body() }
    var result: Result?
    withoutActuallyEscaping({ result = body() }) { run in
        let box = ThreadBody(run)
        let status = seam_run_on_thread(stackBytes, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeUnretainedValue().run()
        }, Unmanaged.passUnretained(box).toOpaque())
        precondition(status == 0, "cannot start a thread with a \(stackBytes)-byte stack (error \(status))")
    }
    return result!
}

/// The size of the calling thread's stack, 0 when it cannot be read.
public func currentStackBytes() -> Int { Int(seam_current_stack_size()) }

private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
