import Foundation
import SeamTool
import Testing

/// A source archive that lists what it is told and fails the downloads it is told to fail,
/// recording every call: the fetch step injected, no network involved.
final class ScriptedArchive: SourceArchive {
    let listed: [String: [String]]
    let failing: Set<String>
    private(set) var downloads: [String] = []
    private(set) var listings = 0

    init(listed: [String: [String]], failing: Set<String> = []) {
        self.listed = listed
        self.failing = failing
    }

    func versions(of package: String) throws(SeamError) -> [String] {
        listings += 1
        return listed[package] ?? []
    }

    func download(_ package: String, version: String, into folder: URL) throws(SeamError) {
        downloads.append(version)
        if failing.contains(version) { throw SeamError("E: Failed to fetch \(package)_\(version).dsc  404  Not Found") }
        try? Data(version.utf8).write(to: folder.appendingPathComponent("\(package)_\(DebianVersion(version).withoutEpoch).dsc"))
    }
}

@Suite struct SourceFetching {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seam-fetch-\(UUID().uuidString)")

    func fetcher(_ archive: ScriptedArchive) -> SourceFetcher {
        SourceFetcher(archive: archive, cache: folder.appendingPathComponent("cache"), unpacked: folder.appendingPathComponent("src"))
    }

    @Test func fallsBackToAnotherRevisionWhenTheInstalledOnesDownloadFails() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = ScriptedArchive(
            listed: ["libzstd": ["1.5.4+dfsg2-5", "1.5.4+dfsg2-5+deb12u1", "1.5.5+dfsg2-1", "1.5.4+dfsg2-4"]],
            failing: ["1.5.4+dfsg2-5+deb12u1"]
        )
        let fetched = try fetcher(archive).fetch("libzstd", installed: "1.5.4+dfsg2-5+deb12u1")
        #expect(fetched.version == "1.5.4+dfsg2-5")
        #expect(archive.downloads == ["1.5.4+dfsg2-5+deb12u1", "1.5.4+dfsg2-5"])
        #expect(fetched.fallbackReason == "1.5.4+dfsg2-5+deb12u1: E: Failed to fetch libzstd_1.5.4+dfsg2-5+deb12u1.dsc  404  Not Found")
        #expect(fetched.downloads == folder.appendingPathComponent("cache/sources/libzstd_1.5.4+dfsg2-5"))
        #expect(FileManager.default.fileExists(atPath: fetched.downloads.appendingPathComponent("libzstd_1.5.4+dfsg2-5.dsc").path))
    }

    @Test func fallsBackToTheNewestRevisionWhenTheInstalledOneIsNotListed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = ScriptedArchive(listed: ["libxml2": ["2.9.14+dfsg-1.3~deb12u4", "2.9.14+dfsg-1.3~deb12u6", "2.9.13+dfsg-1"]])
        let fetched = try fetcher(archive).fetch("libxml2", installed: "2.9.14+dfsg-1.3~deb12u5")
        #expect(fetched.version == "2.9.14+dfsg-1.3~deb12u6")
        #expect(archive.downloads == ["2.9.14+dfsg-1.3~deb12u6"])
        #expect(fetched.fallbackReason == "2.9.14+dfsg-1.3~deb12u5 is not in the source index")
    }

    @Test func theInstalledVersionIsUsedWhenItDownloads() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = ScriptedArchive(listed: ["libyaml": ["0.2.5-1", "0.2.5-2"]])
        let fetched = try fetcher(archive).fetch("libyaml", installed: "0.2.5-1")
        #expect(fetched.version == "0.2.5-1")
        #expect(fetched.fallbackReason == nil)
        #expect(archive.downloads == ["0.2.5-1"])
    }

    @Test func aCachedInstalledVersionNeedsNoArchive() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try fetcher(ScriptedArchive(listed: ["libyaml": ["0.2.5-1"]])).fetch("libyaml", installed: "0.2.5-1")
        let offline = ScriptedArchive(listed: [:], failing: ["0.2.5-1"])
        let fetched = try fetcher(offline).fetch("libyaml", installed: "0.2.5-1")
        #expect(fetched.version == "0.2.5-1")
        #expect(offline.listings == 0)
        #expect(offline.downloads.isEmpty)
    }

    @Test func aFailedDownloadLeavesNothingInTheCache() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = ScriptedArchive(listed: ["libzstd": ["1.5.4+dfsg2-5+deb12u1", "1.5.4+dfsg2-5"]], failing: ["1.5.4+dfsg2-5+deb12u1"])
        _ = try fetcher(archive).fetch("libzstd", installed: "1.5.4+dfsg2-5+deb12u1")
        let sources = folder.appendingPathComponent("cache/sources")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sources.path) == ["libzstd_1.5.4+dfsg2-5"])
    }

    @Test func noDownloadableRevisionIsOneLineNamingEachAttempt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = ScriptedArchive(listed: ["libzstd": ["1.5.4+dfsg2-5+deb12u1", "1.5.4+dfsg2-5", "1.5.5+dfsg2-1"]],
                                      failing: ["1.5.4+dfsg2-5+deb12u1", "1.5.4+dfsg2-5"])
        let error = try #require(throws: SeamError.self) { try fetcher(archive).fetch("libzstd", installed: "1.5.4+dfsg2-5+deb12u1") }
        #expect(error.description == "no downloadable source for libzstd 1.5.4+dfsg2-5+deb12u1 or another revision of it (listed: 1.5.4+dfsg2-5+deb12u1, 1.5.4+dfsg2-5, 1.5.5+dfsg2-1; 1.5.4+dfsg2-5+deb12u1: E: Failed to fetch libzstd_1.5.4+dfsg2-5+deb12u1.dsc  404  Not Found; 1.5.4+dfsg2-5: E: Failed to fetch libzstd_1.5.4+dfsg2-5.dsc  404  Not Found)")
        #expect(!error.description.contains("\n"))
        #expect(archive.downloads == ["1.5.4+dfsg2-5+deb12u1", "1.5.4+dfsg2-5"], "another upstream version is never taken")
    }

    @Test func aFailedFetchNamesTheFlagThatTakesALocalTree() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let declarations = try LibraryDeclarations.read(packageRoot.appendingPathComponent("seam-libraries.json"))
        let zstd = try #require(declarations.libraries.first { $0.name == "zstd" })
        let libraries = InstrumentedLibraries(
            project: Project(root: packageRoot, workRoot: folder.appendingPathComponent("work").path),
            declarations: declarations,
            fetcher: fetcher(ScriptedArchive(listed: [:]))
        )
        let error = try #require(throws: SeamError.self) { try libraries.build(zstd, .none) }
        #expect(error.description.hasPrefix("no downloadable source for libzstd "))
        #expect(error.description.hasSuffix("; pass --source zstd=DIR to build a local source tree instead"))
    }
}

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
