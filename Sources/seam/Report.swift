import ArgumentParser
import Foundation

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

/// (seconds, coverage) samples taken from libFuzzer's status lines while a target ran.
enum CoverageSamples {
    static func write(_ samples: [(Int, Int)], to file: URL) throws {
        try ensureFolder(file.deletingLastPathComponent())
        try samples.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    static func read(_ file: URL) -> [(Int, Int)] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let seconds = Int(fields[0]), let coverage = Int(fields[1]) else { return nil }
            return (seconds, coverage)
        }
    }

    /// A line plot, 640×320, seconds on x and coverage (edges) on y.
    static func svg(_ samples: [(Int, Int)], title: String) -> String {
        let width = 640.0, height = 320.0, left = 60.0, bottom = 40.0, top = 30.0, right = 20.0
        let maxX = Double(max(samples.map(\.0).max() ?? 1, 1)), maxY = Double(max(samples.map(\.1).max() ?? 1, 1))
        let points = samples.map { sample -> String in
            let x = left + Double(sample.0) / maxX * (width - left - right)
            let y = height - bottom - Double(sample.1) / maxY * (height - bottom - top)
            return String(format: "%.1f,%.1f", x, y)
        }.joined(separator: " ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(left))" y="20" font-size="14">\(title): coverage (edges) over time</text>
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
            <text x="\(width - right)" y="\(height - 10)" text-anchor="end">\(Int(maxX)) s</text>
            <text x="\(left - 5)" y="\(top + 4)" text-anchor="end">\(Int(maxY))</text>
            <text x="\(left - 5)" y="\(height - bottom)" text-anchor="end">0</text>
            <polyline fill="none" stroke="#1f77b4" stroke-width="2" points="\(points)"/>
            </svg>

            """
    }
}
