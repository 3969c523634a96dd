import Foundation
import FuzzTargets
import SeamFuzz
import Testing

/// Every seed and every regression of every target, through the target's body in-process.
/// Not crashing and no broken invariant is exactly the property here.
@Suite struct CorpusReplay {
    @Test(arguments: allFuzzTargets.map { $0.name })
    func replaysSeedsAndRegressions(target name: String) throws {
        let target = try #require(fuzzTarget(named: name))
        let folders = ["Corpus/\(name)", "Corpus/Regressions/\(name)"].map { packageRoot.appendingPathComponent($0).path }
        let files = try Replay.inputFiles(folders.filter { FileManager.default.fileExists(atPath: $0) })
        #expect(files.count >= target.seeds.count, "the seeds of \(name) are not all committed")
        for file in files {
            let data = try #require(Replay.contents(ofFile: file))
            do {
                try target.run([UInt8](data))
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
    }

    @Test func everyFuzzFolderIsARegisteredTarget() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Fuzz").path)
        #expect(Set(folders) == Set(allFuzzTargets.map { $0.name }))
        for name in folders {
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Corpus/\(name)").path))
        }
    }

    @Test(arguments: allFuzzTargets.map { $0.name })
    func committedSeedsMatchTheGenerator(target name: String) throws {
        let target = try #require(fuzzTarget(named: name))
        for (index, seed) in target.seeds.enumerated() {
            let file = packageRoot.appendingPathComponent("Corpus/\(name)/" + String(format: "seed-%03d", index))
            let committed = Replay.contents(ofFile: file.path)
            #expect(committed == seed, "\(file.path) is stale: run `seam seeds`")
        }
        #expect(target.seeds.map(\.count).reduce(0, +) < 64 * 1024, "seeds stay small")
    }
}
