import Foundation

/// The regular, non-hidden files of a folder (recursively), sorted; none when it is missing.
package func files(in folder: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
        return []
    }
    var result: [URL] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        result.append(url)
    }
    return result.sorted { $0.path < $1.path }
}

package func ensureFolder(_ url: URL) throws(SeamError) {
    do {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
        throw SeamError("cannot create \(url.path): \(error.localizedDescription)")
    }
}

package func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
