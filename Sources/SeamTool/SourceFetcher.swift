import Foundation

/// Fetches and unpacks the Debian source package of an installed version, surviving the
/// archive moving: when that version is missing from the index or its download fails (the
/// security archive lists sources it does not serve), it takes the newest other revision of
/// the same upstream version, which has the same headers the wrapper compiled against.
///
/// Downloads are kept in `cache` (one folder per package and version, shared by every clone);
/// unpacked trees go to `unpacked`.
package struct SourceFetcher {
    package var archive: any SourceArchive
    package var cache: URL
    package var unpacked: URL

    package init(archive: any SourceArchive, cache: URL, unpacked: URL) {
        self.archive = archive
        self.cache = cache
        self.unpacked = unpacked
    }

    /// `$SEAM_CACHE`, else `$XDG_CACHE_HOME/seam`, else `~/.cache/seam`: source packages are
    /// kept under its `sources/<package>_<version>/`.
    package static var defaultCache: URL {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["SEAM_CACHE"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        if let folder = environment["XDG_CACHE_HOME"], !folder.isEmpty { return URL(fileURLWithPath: folder).appendingPathComponent("seam") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/seam")
    }

    package struct Fetched: Equatable {
        package let package: String
        /// The cached download: the .dsc and the files it names.
        package let downloads: URL
        /// The version fetched: the installed one, or the fallback.
        package let version: String
        /// Why another version than the installed one was used; nil when it was not.
        package let fallbackReason: String?
    }

    /// The downloaded source of `package` at `installed`, or the fallback (see the type).
    package func fetch(_ package: String, installed: String) throws(SeamError) -> Fetched {
        if isCached(package, installed) {
            return Fetched(package: package, downloads: cached(package, installed), version: installed, fallbackReason: nil)
        }
        let wanted = DebianVersion(installed)
        let listed = try archive.versions(of: package)
        let sameUpstream = listed.filter { $0 != installed }.map(DebianVersion.init)
            .filter { $0.epoch == wanted.epoch && $0.upstream == wanted.upstream }
            .sorted(by: >).map(\.description)
        let candidates = (listed.contains(installed) ? [installed] : []) + sameUpstream
        var failures = listed.contains(installed) ? [] : ["\(installed) is not in the source index"]
        for version in candidates {
            do throws(SeamError) {
                try download(package, version)
            } catch {
                failures.append("\(version): \(error.description)")
                continue
            }
            return Fetched(package: package, downloads: cached(package, version), version: version,
                           fallbackReason: version == installed ? nil : failures.joined(separator: "; "))
        }
        let listing = listed.isEmpty ? "none listed" : "listed: " + listed.joined(separator: ", ")
        throw SeamError("no downloadable source for \(package) \(installed) or another revision of it (\(listing); \(failures.joined(separator: "; ")))")
    }

    private func cached(_ package: String, _ version: String) -> URL {
        cache.appendingPathComponent("sources/\(package)_\(version)")
    }

    /// A marker, written last, says a download finished.
    private func isCached(_ package: String, _ version: String) -> Bool {
        FileManager.default.fileExists(atPath: cached(package, version).appendingPathComponent(".complete").path)
    }

    private func download(_ package: String, _ version: String) throws(SeamError) {
        guard !isCached(package, version) else { return }
        let final = cached(package, version)
        let partial = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: partial)
        try ensureFolder(partial)
        do {
            try archive.download(package, version: version, into: partial)
            _ = FileManager.default.createFile(atPath: partial.appendingPathComponent(".complete").path, contents: nil)
            try? FileManager.default.removeItem(at: final)
            try FileManager.default.moveItem(at: partial, to: final)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw (error as? SeamError) ?? SeamError("cannot keep \(package) \(version) in \(final.path): \(error)")
        }
    }

    /// dpkg-source unpacks a download (applying Debian's patches), once per version.
    package func unpack(_ fetched: Fetched) throws(SeamError) -> URL {
        let (package, version) = (fetched.package, fetched.version)
        let folder = unpacked.appendingPathComponent("\(package)-\(version)")
        let marker = folder.appendingPathComponent(".seam-unpacked")
        if FileManager.default.fileExists(atPath: marker.path) { return folder }
        try? FileManager.default.removeItem(at: folder)
        try ensureFolder(unpacked)
        let dsc = fetched.downloads.appendingPathComponent("\(package)_\(DebianVersion(version).withoutEpoch).dsc")
        let status: Int32, output: String
        do {
            (status, output) = try captureProgram(URL(fileURLWithPath: "/usr/bin/dpkg-source"), ["-x", dsc.path, folder.path])
        } catch { throw SeamError("cannot run dpkg-source (Debian's dpkg-dev): \(error)") }
        guard status == 0 else { throw SeamError("dpkg-source -x \(dsc.path) failed (exit \(status)): \(output.suffix(500))") }
        _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
        return folder
    }
}

extension DebianVersion {
    /// The version as it appears in file names: no epoch.
    package var withoutEpoch: String {
        description.split(separator: ":", maxSplits: 1).last.map(String.init) ?? description
    }
}
