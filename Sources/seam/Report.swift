import ArgumentParser
import Foundation
import SeamTool

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a Markdown summary of the last run of each target, with a coverage-over-time SVG per target.",
        discussion: "Reads <work>/runs.jsonl and the coverage samples `seam run` records from libFuzzer's output. Writes <work>/report/report.md and prints it."
    )

    @OptionGroup var package: PackageOptions

    func run() throws {
        let project = try package.project()
        let history = (try? String(contentsOf: project.runHistory, encoding: .utf8)) ?? ""
        var latest: [String: [String: Any]] = [:]
        for line in history.split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let target = record["target"] as? String else { continue }
            latest[target] = record
        }
        guard !latest.isEmpty else { throw SeamError("no runs recorded in \(project.display(project.runHistory)): run `seam run` first") }
        let folder = project.workRoot.appendingPathComponent("report")
        try ensureFolder(folder)
        var markdown = "# Seam fuzzing report\n\n| target | date | variant | time | runs | exec/s | coverage | corpus | crashes |\n|---|---|---|---|---|---|---|---|---|\n"
        for (target, record) in latest.sorted(by: { $0.key < $1.key }) {
            let seconds = (record["seconds"] as? Double).map { "\(Int($0.rounded()))s" } ?? "-"
            let fields: [String] = [
                target, "\(record["date"] ?? "-")", "\(record["variant"] ?? "-")", seconds, "\(record["runs"] ?? 0)",
                "\(record["execsPerSecond"] ?? 0)", "\(record["coverage"] ?? 0)", "\(record["corpus"] ?? 0)", "\(record["crashes"] ?? 0)",
            ]
            markdown += "| " + fields.joined(separator: " | ") + " |\n"
        }
        markdown += "\n## Coverage over time\n\n"
        for target in latest.keys.sorted() {
            let samples = CoverageSamples.read(project.coverageSamples(target))
            guard samples.count >= 2 else { continue }
            let svg = folder.appendingPathComponent("\(target)-coverage.svg")
            try CoverageSamples.svg(samples, title: target).write(to: svg, atomically: true, encoding: .utf8)
            markdown += "![\(target) coverage over time](\(svg.lastPathComponent))\n\n"
        }
        let report = folder.appendingPathComponent("report.md")
        try markdown.write(to: report, atomically: true, encoding: .utf8)
        print(markdown)
        printError("seam: wrote \(project.display(report))")
    }
}
