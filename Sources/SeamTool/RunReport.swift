import Foundation

/// The report across runs: the last run of each target as a table, each target's coverage
/// during its last run and at the end of every run recorded (`<work>/runs.jsonl`), as
/// Markdown with SVG files and as one HTML page that links each target's llvm-cov report.
package struct RunReport {
    package struct Run: Sendable {
        package let date: Date
        package let target: String
        package let record: [String: String]
        package let coverage: Int
    }

    package let project: Project
    package let runs: [Run]

    package init(project: Project) throws {
        self.project = project
        let formatter = ISO8601DateFormatter()
        var runs: [Run] = []
        for line in ((try? String(contentsOf: project.runHistory, encoding: .utf8)) ?? "").split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let target = record["target"] as? String, let date = (record["date"] as? String).flatMap(formatter.date(from:))
            else { continue }
            runs.append(Run(date: date, target: target, record: record.mapValues { "\($0)" }, coverage: record["coverage"] as? Int ?? 0))
        }
        guard !runs.isEmpty else { throw SeamError("no runs recorded in \(project.display(project.runHistory)): run `seam run` first") }
        self.runs = runs.sorted { $0.date < $1.date }
    }

    package var targets: [String] { Array(Set(runs.map(\.target))).sorted() }

    private static let columns = ["date", "variant", "libraries", "seconds", "runs", "execsPerSecond", "coverage", "corpus", "crashes"]
    private static let headers = ["target", "date", "variant", "libraries", "time", "runs", "exec/s", "coverage", "corpus", "crashes", "runs recorded"]

    private func latestRow(_ target: String) -> [String] {
        let history = runs.filter { $0.target == target }
        let record = history.last!.record
        return [target] + Self.columns.map { column in
            column == "seconds" ? (Double(record[column] ?? "").map { "\(Int($0.rounded()))s" } ?? "-") : record[column] ?? "-"
        } + ["\(history.count)"]
    }

    /// The plot of coverage during the target's last run, from the samples `seam run` kept.
    package func lastRunPlot(_ target: String) -> LinePlot? {
        let samples = CoverageSamples.read(project.coverageSamples(target))
        guard samples.count >= 2 else { return nil }
        return LinePlot(title: "\(target): coverage during the last run", xLabel: "seconds", yLabel: "edges",
                        points: samples.map { (Double($0.0), Double($0.1)) }, xTick: { "\(Int($0)) s" })
    }

    /// The plot of each run's final coverage, over the dates of the runs.
    package func historyPlot(_ target: String) -> LinePlot? {
        let history = runs.filter { $0.target == target }
        guard history.count >= 2, let start = history.first?.date else { return nil }
        let span = history.last!.date.timeIntervalSince(start)
        let formatter = DateFormatter()
        formatter.dateFormat = span < 3_600 ? "HH:mm:ss" : span < 3 * 86_400 ? "MM-dd HH:mm" : "yyyy-MM-dd"
        return LinePlot(title: "\(target): coverage at the end of each run", xLabel: "date of the run", yLabel: "edges",
                        points: history.map { ($0.date.timeIntervalSince(start), Double($0.coverage)) },
                        xTick: { formatter.string(from: start.addingTimeInterval($0)) })
    }

    /// Writes report.md, report.html and the SVG plots into `<work>/report/`; returns the Markdown.
    @discardableResult
    package func write() throws -> String {
        let folder = project.workRoot.appendingPathComponent("report")
        try ensureFolder(folder)
        var markdown = "# Seam fuzzing report\n\n| " + Self.headers.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: Self.headers.count) + "\n"
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Seam fuzzing report</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}svg{margin:1em 1em 0 0}</style>
            </head><body>
            <h1>Seam fuzzing report</h1>
            <table><tr>\(Self.headers.map { "<th>\(escaped($0))</th>" }.joined())<th>line coverage</th></tr>

            """
        for target in targets {
            let row = latestRow(target)
            markdown += "| " + row.joined(separator: " | ") + " |\n"
            let llvmCov = project.workRoot.appendingPathComponent("coverage/\(target)/html/index.html")
            let link = FileManager.default.fileExists(atPath: llvmCov.path)
                ? "<a href=\"../coverage/\(escaped(target))/html/index.html\">llvm-cov</a>" : "<span title=\"run seam coverage \(escaped(target))\">-</span>"
            html += "<tr>" + row.map { "<td>\(escaped($0))</td>" }.joined() + "<td>\(link)</td></tr>\n"
        }
        html += "</table>\n"
        markdown += "\n## Coverage\n\n"
        for target in targets {
            let plots = [("coverage", lastRunPlot(target)), ("history", historyPlot(target))].compactMap { name, plot in plot.map { (name, $0) } }
            guard !plots.isEmpty else { continue }
            html += "<h2 id=\"\(escaped(target))\">\(escaped(target))</h2>\n"
            for (name, plot) in plots {
                let file = folder.appendingPathComponent("\(target)-\(name).svg")
                try plot.svg.write(to: file, atomically: true, encoding: .utf8)
                markdown += "![\(plot.title)](\(file.lastPathComponent))\n\n"
                html += plot.svg
            }
        }
        html += "</body></html>\n"
        try markdown.write(to: folder.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try html.write(to: folder.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        return markdown
    }
}
