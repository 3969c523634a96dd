import Foundation
import SeamFuzz

/// The budget every hostile call is held to: one second plus a quarter of a second per MiB
/// of input (linear work on a large input is not a hang: libxml2 formats one diagnostic per
/// bad byte, and the reader hands out each node), and 64 MiB plus eight times the input's
/// size of memory (a tree costs a few times its document), unless the case says less.
let baseSeconds = 1.0
let secondsPerMiB = 0.25

func timeBudget(inputBytes: Int) -> Double {
    baseSeconds + secondsPerMiB * Double(inputBytes) / Double(1 << 20)
}

/// A size's time per input byte more than this many times the previous size's is super-linear
/// on any machine (a quadratic path gives 4 when the size grows fourfold), once the call
/// takes long enough to measure. A refusal is not held to it: a limit that stops super-linear
/// work (XPath's operation limit) bounds the cost, which the budget then holds.
let growthLimit = 3.0
let measurableSeconds = 0.2

/// Why a call of `seconds` on `bytes` of input is over its time budget, or nil; `previous`
/// is the case's previous size.
func timeFailure(seconds: Double, bytes: Int, refused: Bool, previous: (bytes: Int, seconds: Double)?) -> String? {
    let budget = timeBudget(inputBytes: bytes)
    if seconds > budget {
        return String(format: "%.2f s, over the %.2f s budget", seconds, budget)
    }
    guard !refused, let previous, seconds >= measurableSeconds, bytes > previous.bytes else { return nil }
    let growth = seconds * Double(previous.bytes) / (max(previous.seconds, 1e-9) * Double(bytes))
    return growth > growthLimit ? String(format: "%.2f s, super-linear (time per byte %.1fx the previous size's)", seconds, growth) : nil
}
let stackBytes = 256 << 10
let addressSpace: rlim_t = 2 << 30

/// Writes a line to stdout unbuffered: the parent must see it even if the next call crashes.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

enum CaseRunner {
    /// Runs every size of `hostile` in this process, on a small-stack thread, printing a line
    /// before each call (so a crash names its size) and one after. Returns 0; a crash or a
    /// hang never returns.
    static func runInProcess(_ hostile: HostileCase) -> Int32 {
        var limit = rlimit(rlim_cur: addressSpace, rlim_max: addressSpace)
        guard setrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 else {
            emit("error cannot limit the address space")
            return 2
        }
        var previous: (bytes: Int, seconds: Double)?
        for size in hostile.sizes {
            let input = hostile.make(size)
            emit("start \(size) \(input.count)")
            var outcome = Outcome.returned("")
            func call() -> FuzzCost {
                onThread(stackBytes: stackBytes) { FuzzBudget.measure { outcome = hostile.call(input) } }
            }
            func isSlow(_ cost: FuzzCost) -> Bool {
                timeFailure(seconds: cost.seconds, bytes: input.count, refused: outcome.code == "error", previous: previous) != nil
            }
            var cost = call()
            // A call over its time budget runs once more and keeps the faster time (and the
            // larger memory), so that a stall of a loaded machine is not taken for a slow path.
            if isSlow(cost) {
                let again = call()
                cost = FuzzCost(seconds: min(cost.seconds, again.seconds), memoryBytes: max(cost.memoryBytes, again.memoryBytes))
            }
            emit("done \(size) \(input.count) \(cost.seconds) \(cost.memoryBytes) \(outcome.code) \(outcome.text.replacingOccurrences(of: "\n", with: " "))")
            // Larger sizes of a super-linear path would only take longer.
            if isSlow(cost) { break }
            previous = (input.count, cost.seconds)
        }
        return 0
    }
}

/// What one call gave: a value, a typed error (its description), or a broken property.
enum Outcome {
    case returned(String)
    case refused(String)
    case violated(String)

    var code: String {
        switch self {
        case .returned: "ok"
        case .refused: "error"
        case .violated: "VIOLATED"
        }
    }

    var text: String {
        switch self {
        case .returned(let text), .refused(let text), .violated(let text): String(text.prefix(160))
        }
    }
}

enum SuiteRunner {
    struct Row {
        var hostile: HostileCase
        var largest = 0
        var largestBytes = 0
        var worstSeconds = 0.0
        var worstMemory = 0
        var refusals = 0
        var failure: String?
    }

    static func run(_ cases: [HostileCase]) -> Int32 {
        var rows: [Row] = []
        for hostile in cases {
            let row = runChild(hostile)
            rows.append(row)
            FileHandle.standardError.write(Data("\(row.failure == nil ? "ok  " : "FAIL") \(hostile.name)\(row.failure.map { ": \($0)" } ?? "")\n".utf8))
        }
        print(table(rows))
        let failures = rows.filter { $0.failure != nil }.count
        print("\(rows.count - failures) of \(rows.count) cases within budget (\(baseSeconds.formatted()) s + \(secondsPerMiB.formatted()) s per MiB of input, and time per byte growing less than \(Int(growthLimit))x from size to size; 64 MiB + 8x input unless stated; \(stackBytes >> 10) KiB stack; \(addressSpace >> 30) GiB address space)")
        return failures == 0 ? 0 : 1
    }

    static func runChild(_ hostile: HostileCase) -> Row {
        var row = Row(hostile: hostile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--case", hostile.name]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            row.failure = "cannot start: \(error)"
            return row
        }
        // A call that never returns is killed at ten times the budget of a 16 MiB input (no
        // case's input is larger).
        let deadline = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeBudget(inputBytes: 16 << 20) * 10 * Double(hostile.sizes.count), execute: deadline)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        deadline.cancel()
        var started: (size: Int, bytes: Int)?
        var previous: (bytes: Int, seconds: Double)?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "start", fields.count >= 3 {
                started = (Int(fields[1]) ?? 0, Int(fields[2]) ?? 0)
            } else if fields[0] == "done", fields.count >= 6 {
                started = nil
                let size = Int(fields[1]) ?? 0, bytes = Int(fields[2]) ?? 0
                let seconds = Double(fields[3]) ?? 0, memory = Int(fields[4]) ?? 0
                row.largest = max(row.largest, size)
                row.largestBytes = max(row.largestBytes, bytes)
                row.worstSeconds = max(row.worstSeconds, seconds)
                row.worstMemory = max(row.worstMemory, memory)
                if fields[5] == "error" { row.refusals += 1 }
                let detail = fields.count > 6 ? fields[6] : ""
                if row.failure == nil {
                    if fields[5] == "VIOLATED" {
                        row.failure = "at \(size) \(hostile.unit): \(detail)"
                    } else if let slow = timeFailure(seconds: seconds, bytes: bytes, refused: fields[5] == "error", previous: previous) {
                        row.failure = "at \(size) \(hostile.unit): \(slow)"
                    } else if memory > hostile.memoryBudget(bytes) {
                        row.failure = "at \(size) \(hostile.unit): \(memory >> 20) MiB, over the \(hostile.memoryBudget(bytes) >> 20) MiB budget"
                    }
                }
                previous = (bytes, seconds)
            }
        }
        if row.failure == nil, process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
            let how = process.terminationReason == .uncaughtSignal ? "killed by signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
            row.failure = started.map { "\(how) at \($0.size) \(hostile.unit) (\($0.bytes) bytes)" } ?? how
        }
        return row
    }

    static func table(_ rows: [Row]) -> String {
        var lines = ["| class | API | input | largest tried | worst time | worst memory | refused | result |", "|---|---|---|---|---|---|---|---|"]
        for row in rows {
            let largest = "\(row.largest) \(row.hostile.unit) (\(bytes(row.largestBytes)))"
            let result = row.failure.map { "**FAIL** \($0)" } ?? "pass"
            lines.append("| \(row.hostile.hostileClass.rawValue) | \(row.hostile.api) | \(row.hostile.input) | \(largest) | \(String(format: "%.3f", row.worstSeconds)) s | \(bytes(row.worstMemory)) | \(row.refusals)/\(row.hostile.sizes.count) | \(result) |")
        }
        return lines.joined(separator: "\n")
    }

    static func bytes(_ count: Int) -> String {
        count >= 1 << 20 ? "\(count >> 20) MiB" : count >= 1 << 10 ? "\(count >> 10) KiB" : "\(count) B"
    }
}
