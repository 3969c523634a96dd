import Foundation
import FuzzTargets
import PlantedTargets
import SeamFuzz
import SeamFuzzTesting
import SeamTool
import Testing

/// Every seed and every regression of every target, each target's files in a child process
/// (its reproducer), so an input that crashes names itself. Not crashing and no broken
/// invariant is exactly the property here.
@Suite struct CorpusReplay {
    static let targets = FuzzTargets.fuzzTargets + XMLFuzzTargets.fuzzTargets + ZstdFuzzTargets.fuzzTargets

    @Test(arguments: targets.map(FuzzTargetCase.init))
    func replaysSeedsAndRegressions(_ target: FuzzTargetCase) throws {
        try FuzzTargetTests.replayCorpus(of: target.type, packageRoot: packageRoot)
    }

    @Test(arguments: targets.map(FuzzTargetCase.init))
    func committedSeedsMatchTheGenerator(_ target: FuzzTargetCase) {
        FuzzTargetTests.checkSeeds(of: target.type, packageRoot: packageRoot)
        #expect(target.type.seeds.map(\.count).reduce(0, +) < 64 * 1024, "seeds stay small")
    }

    /// The manifest's list and the modules' lists name the same targets, each in the module
    /// the manifest links, each with its folder and corpus.
    @Test func theManifestListsEveryTargetOfEveryModule() throws {
        let catalog = try seamProject.catalog()
        let modules = ["FuzzTargets": FuzzTargets.fuzzTargets, "XMLFuzzTargets": XMLFuzzTargets.fuzzTargets, "ZstdFuzzTargets": ZstdFuzzTargets.fuzzTargets]
        let fromModules = modules.flatMap { module, targets in targets.map { TargetCatalog.Entry(name: $0.name, module: module) } }
        #expect(catalog.entries == fromModules.sorted { $0.name < $1.name })
        #expect(catalog.entries.count == 16)
        for entry in catalog.entries {
            let main = try String(contentsOf: packageRoot.appendingPathComponent("Fuzz/\(entry.name)/main.swift"), encoding: .utf8)
            #expect(main.hasPrefix("import \(entry.module)\n"), "Fuzz/\(entry.name)/main.swift imports another module than the manifest links")
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Corpus/\(entry.name)").path))
        }
    }

    /// A crashing input fails the replay naming it and the signal, and the inputs after it
    /// still run: PlantedTrap traps on inputs that start with "TRAP".
    @Test func aCrashingInputIsNamedAndTheRestStillRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["a-fine", "b-trap", "c-fine", "d-trap"]
        for name in names {
            try Data((name.hasSuffix("trap") ? "TRAP" : "fine").utf8).write(to: folder.appendingPathComponent(name))
        }
        let files = names.map { folder.appendingPathComponent($0).path }
        let outcome = try FuzzTargetTests.replay(files, through: PlantedTrap.self)
        #expect(outcome.replayed == files)
        #expect(outcome.failures.map(\.file) == [files[1], files[3]])
        #expect(outcome.failures.allSatisfy { $0.reason.hasPrefix("signal ") && $0.reason.contains("Fatal error: ") }, "\(outcome.failures)")
    }
}
