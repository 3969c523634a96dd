import ArgumentParser
import Foundation
import SeamTool

struct BenchRatios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ratios",
        abstract: "Turn ordo-one/benchmark JMH exports into a table of ratios against raw C from the same run.",
        discussion: "Benchmarks are named <operation>/<case>/<implementation>; each implementation's median wall-clock time (the wrapper, and any peer) is divided by the `raw` one of the same operation and case. Prints Markdown."
    )

    @Argument(help: "The folder of JMH .json files scripts/bench wrote.")
    var folder: String

    func run() throws {
        var medians: [String: [String: Double]] = [:]   // case -> implementation -> median time
        for file in files(in: URL(fileURLWithPath: folder)) where file.pathExtension == "json" {
            let data = try Data(contentsOf: file)
            guard let elements = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { continue }
            for element in elements {
                guard let name = element["benchmark"] as? String,
                      let secondary = element["secondaryMetrics"] as? [String: Any],
                      let wall = secondary["Time (wall clock)"] as? [String: Any],
                      let percentiles = wall["scorePercentiles"] as? [String: Any],
                      let median = (percentiles["50.0"] as? NSNumber)?.doubleValue
                else { continue }
                // package.benchmark.<Target>.<operation>/<case>/<implementation>
                let key = name.split(separator: ".", maxSplits: 3).last.map(String.init) ?? name
                var parts = key.split(separator: "/").map(String.init)
                guard parts.count >= 2 else { continue }
                let implementation = parts.removeLast()
                medians[parts.joined(separator: "/"), default: [:]][implementation] = median
            }
        }
        guard !medians.isEmpty else { throw SeamError("no JMH results with wall-clock times in \(folder)") }
        // A column pair per implementation besides raw: "wrapper" first, then peers by name.
        let peers = Set(medians.values.flatMap(\.keys)).subtracting(["raw", "wrapper"]).sorted()
        let implementations: [String] = ["wrapper"] + peers
        var lines = ["| benchmark | raw C (median, µs) | " + implementations.map { "\($0) | ratio \($0)/raw" }.joined(separator: " | ") + " |",
                     "|---|---|" + String(repeating: "---|---|", count: implementations.count)]
        for (name, values) in medians.sorted(by: { $0.key < $1.key }) {
            guard let raw = values["raw"], raw > 0 else { continue }
            let cells = implementations.map { implementation -> String in
                guard let value = values[implementation] else { return "- | -" }
                return "\(format(value)) | " + String(format: "%.3f", value / raw)
            }
            lines.append("| \(name) | \(format(raw)) | " + cells.joined(separator: " | ") + " |")
        }
        print(lines.joined(separator: "\n"))
    }

    private func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }
}
