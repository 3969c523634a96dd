import Foundation

/// What libFuzzer's own output says about a run, read from its log.
package struct FuzzerStats: Equatable {
    package var runs = 0
    package var execsPerSecond = 0
    package var coverage = 0
    package var corpusCount = 0
    package var corpusSize = ""
    package var crashArtifacts: [String] = []
    /// Fork mode (`-fork=N`): the workers' crashes, timeouts and out-of-memory exits so far.
    package var failuresReported = 0
    /// The first report line of a crash (sanitizer, deadly signal or broken invariant).
    package var crashSummary: String?

    /// Parses a whole libFuzzer log.
    package static func parse(_ log: String) -> FuzzerStats {
        var stats = FuzzerStats()
        for line in log.split(whereSeparator: \.isNewline) {
            stats.read(String(line))
        }
        return stats
    }

    package mutating func read(_ line: String) {
        // A status line; not a stack frame ("#0 0x55f4 in main"), which fork mode prints too.
        if line.hasPrefix("#"), line.contains(" cov: ") {
            // "#123\tNEW cov: ..." in one process; "#123: cov: ..." from fork mode's parent.
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, let runs = Int(first.dropFirst().filter { $0 != ":" }) else { return }
            self.runs = runs
            var index = 1
            while index < fields.count - 1 {
                let key = fields[index], value = fields[index + 1]
                switch key {
                case "cov:": coverage = Int(value) ?? coverage
                case "corp:":
                    let parts = value.split(separator: "/")
                    corpusCount = Int(parts.first ?? "") ?? corpusCount
                    corpusSize = parts.count > 1 ? String(parts[1]) : corpusSize
                case "exec/s:": execsPerSecond = Int(value) ?? execsPerSecond
                case "oom/timeout/crash:":
                    failuresReported = value.split(separator: "/").compactMap { Int($0) }.reduce(0, +)
                default: break
                }
                index += 1
            }
            return
        }
        if line.hasPrefix("Done "), let runs = Int(line.split(separator: " ")[1]) {
            self.runs = runs
        } else if line.hasPrefix("stat::number_of_executed_units:") {
            runs = Int(line.split(separator: " ").last ?? "") ?? runs
        } else if line.hasPrefix("stat::average_exec_per_sec:") {
            execsPerSecond = Int(line.split(separator: " ").last ?? "") ?? execsPerSecond
        } else if let range = line.range(of: "Test unit written to ") {
            crashArtifacts.append(String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces))
        } else if crashSummary == nil, line.hasPrefix("==SEAM==") || line.contains("ERROR: AddressSanitizer")
            || line.contains("ERROR: libFuzzer") || line.contains("runtime error:") || line.contains("WARNING: ThreadSanitizer")
            || line.contains("ERROR: LeakSanitizer") {
            crashSummary = line.trimmingCharacters(in: .whitespaces)
        }
    }
}
