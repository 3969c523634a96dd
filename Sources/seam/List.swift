import ArgumentParser
import Foundation
import SeamTool

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the fuzz targets with their seeds, working corpus, regressions and dictionary.")

    @OptionGroup var package: PackageOptions
    @Flag(help: "Print only the targets' names, one per line, for scripts.")
    var names = false

    func run() throws {
        let project = try package.project()
        if names {
            for target in project.targets { print(target) }
            return
        }
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
