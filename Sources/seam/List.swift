import ArgumentParser
import Foundation

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the fuzz targets with their seeds, working corpus, regressions and dictionary.")

    @OptionGroup var package: PackageOptions

    func run() throws {
        let project = try package.project()
        var rows = [["target", "seeds", "corpus", "regressions", "dictionary"]]
        for target in project.targets {
            let dictionary = FileManager.default.fileExists(atPath: project.dictionary(target).path)
            rows.append([
                target,
                "\(files(in: project.seeds(target)).count)",
                "\(files(in: project.workCorpus(target)).count)",
                "\(files(in: project.regressions(target)).count)",
                dictionary ? project.display(project.dictionary(target)) : "-",
            ])
        }
        print(Table(rows).rendered)
    }
}

/// A plain-text table with aligned columns, the first row a header.
struct Table {
    let rows: [[String]]
    init(_ rows: [[String]]) { self.rows = rows }

    var rendered: String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }
}
