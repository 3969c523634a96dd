import Foundation

/// The system's shared copy of a declared C library, found through pkg-config the way a build
/// without Seam's instrumented copies finds it: what the contract checks imports against, and
/// what `seam deps --which` tells apart from a static instrumented copy.
package struct SystemLibrary: Sendable {
    package let library: CLibrary
    /// The shared object, symbolic links resolved.
    package let sharedObject: URL

    package init(_ library: CLibrary) throws(SeamError) {
        self.library = library
        // The system's .pc files only: not a PKG_CONFIG_PATH that points at Seam's builds.
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PKG_CONFIG_PATH")
        func pkgConfig(_ arguments: [String]) throws(SeamError) -> String {
            let result: (status: Int32, output: String)
            do {
                result = try captureProgram(URL(fileURLWithPath: "/usr/bin/pkg-config"), arguments + [library.pkgConfig.name], environment: environment)
            } catch { throw SeamError("cannot run pkg-config: \(error)") }
            guard result.status == 0 else {
                throw SeamError("pkg-config knows no \(library.pkgConfig.name) (library \(library.name)): install its -dev package")
            }
            return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let libdir = try pkgConfig(["--variable=libdir"])
        let names = try pkgConfig(["--libs-only-l"]).split(separator: " ").filter { $0.hasPrefix("-l") }.map { "lib\($0.dropFirst(2)).so" }
        // The .pc file's libdir, else where the dynamic linker finds it (some .pc files, like
        // some of Debian's, name a libdir that leaves out the multiarch folder).
        let linkerCache = (try? captureProgram(URL(fileURLWithPath: "/sbin/ldconfig"), ["-p"]).output) ?? ""
        let candidates = names.map { URL(fileURLWithPath: "\(libdir)/\($0)") } + names.flatMap { name in
            linkerCache.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + " ") }
                .compactMap { $0.components(separatedBy: "=> ").last.map(URL.init(fileURLWithPath:)) }
        }
        guard let shared = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw SeamError("no shared object for \(library.pkgConfig.name) (\(names.joined(separator: ", ")) in \(libdir) or the linker cache; library \(library.name))")
        }
        sharedObject = shared.resolvingSymlinksInPath()
    }

    /// The symbols the shared object defines, without symbol versions.
    package func exportedSymbols() throws -> Set<String> {
        let (_, exported) = try captureProgram(try Toolchain.tool("llvm-nm"), ["-D", "--defined-only", "--just-symbol-name", sharedObject.path])
        // Versioned exports read "name@@VERSION".
        return Set(exported.split(separator: "\n").map { String($0.split(separator: "@").first ?? $0) })
    }

    /// How `binary` uses this library: dynamically, as a static copy linked in (the
    /// instrumented build: the binary defines the library's functions), or not at all.
    package func linkage(of binary: URL) throws -> String {
        let (_, ldd) = try captureProgram(URL(fileURLWithPath: "/usr/bin/ldd"), [binary.path])
        for line in ldd.split(separator: "\n") {
            guard let path = line.components(separatedBy: "=> ").last?.split(separator: " ").first else { continue }
            if URL(fileURLWithPath: String(path)).resolvingSymlinksInPath() == sharedObject {
                return "\(library.name): system shared library (\(line.trimmingCharacters(in: .whitespaces)))"
            }
        }
        let (_, defined) = try captureProgram(try Toolchain.tool("llvm-nm"), ["--defined-only", "--just-symbol-name", binary.path])
        if !Set(defined.split(separator: "\n").map(String.init)).isDisjoint(with: try exportedSymbols()) {
            return "\(library.name): static copy linked into the binary (the instrumented build from seam deps)"
        }
        return "\(library.name): not linked"
    }
}
