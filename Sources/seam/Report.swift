import ArgumentParser
import Foundation
import SeamTool

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the fuzzing report across runs: a table of each target's last run, and coverage plots during the last run and over every run.",
        discussion: "Reads <work>/runs.jsonl and the coverage samples `seam run` records from libFuzzer's output. Writes <work>/report/report.md (printed), report.html (one page with the table, the plots and links to each target's llvm-cov report from `seam coverage`) and the SVG plots."
    )

    @OptionGroup var package: PackageOptions

    func run() throws {
        let project = try package.project()
        print(try RunReport(project: project).write())
        printError("seam: wrote \(project.display(project.workRoot.appendingPathComponent("report")))/report.md and report.html")
    }
}
