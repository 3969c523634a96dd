import Foundation

/// One C library a package wraps, as declared in `seam-libraries.json` at the package root:
/// where its source comes from, how to build it as a static library, the pkg-config name its
/// system-library module reads, and the Swift modules that wrap it (for `seam contract`).
///
/// The README's "Use Seam on your own C library" documents every field.
package struct CLibrary: Codable, Equatable, Sendable {
    /// A short name for messages and folders (`.seam/deps/<variant>/<name>/`).
    package var name: String
    /// The Swift modules that import the library's C API; `seam contract` lists their imports.
    package var modules: [String]
    package var source: Source
    package var build: Recipe
    package var pkgConfig: PkgConfig

    package init(name: String, modules: [String], source: Source, build: Recipe, pkgConfig: PkgConfig) {
        (self.name, self.modules, self.source, self.build, self.pkgConfig) = (name, modules, source, build, pkgConfig)
    }

    /// Exactly one of `debian` (with `installedPackage`) or `folder`.
    package struct Source: Codable, Equatable, Sendable {
        /// The Debian source package (`libyaml`); its version follows `installedPackage`.
        package var debian: String?
        /// The installed binary package whose version picks the source version (`libyaml-dev`).
        package var installedPackage: String?
        /// A source tree, relative to the package root or absolute, instead of Debian's.
        package var folder: String?

        package init(debian: String? = nil, installedPackage: String? = nil, folder: String? = nil) {
            (self.debian, self.installedPackage, self.folder) = (debian, installedPackage, folder)
        }
    }

    /// How the static library is built; every step gets the variant's CC, CFLAGS and LDFLAGS.
    package struct Recipe: Codable, Equatable, Sendable {
        package var system: BuildSystem
        /// The folder inside the source tree to build in (default: the top).
        package var directory: String?
        /// make: variables on make's command line. autotools: arguments to configure.
        /// cmake: arguments to the configure step (`-DNAME=VALUE`). meson: arguments to setup.
        package var options: [String]?
        /// autotools only: arguments given to every make call (`AUTOMAKE=true`).
        package var makeOptions: [String]?
        /// make, autotools: the make targets to build (default: make's default). cmake, meson:
        /// the targets to build (default: all).
        package var targets: [String]?
        /// autotools only: the make calls that install into the prefix, each split at spaces
        /// (default: `["install"]`).
        package var install: [String]?
        /// Files (paths in the source tree) copied into the prefix's lib/ after the build:
        /// how a plain make build installs.
        package var libraries: [String]?
        /// Files copied into the prefix's include/ after the build.
        package var headers: [String]?
        /// commands only: shell command lines run in order with `sh -c` in the build folder,
        /// as an OSS-Fuzz build.sh writes them, with `$CC`, `$CFLAGS`, `$LDFLAGS`, `$AR`,
        /// `$RANLIB`, `$PREFIX` (install the headers and static library there) and `$JOBS`.
        package var commands: [String]?

        package init(system: BuildSystem, options: [String]? = nil, commands: [String]? = nil) {
            (self.system, self.options, self.commands) = (system, options, commands)
        }
    }

    package enum BuildSystem: String, Codable, Equatable, Sendable, CaseIterable {
        case make, autotools, cmake, meson, commands
    }

    /// The .pc file Seam writes for the instrumented build, which SwiftPM's system-library
    /// target then reads instead of the system's.
    package struct PkgConfig: Codable, Equatable, Sendable {
        /// The pkg-config name the system-library target declares (`yaml-0.1`).
        package var name: String
        /// Link flags after `-L<prefix>/lib` (`-lyaml -lm`).
        package var libs: String
        /// A folder under the prefix's include/ to add to the include path (`yaml`, for `<prefix>/include/yaml`).
        package var includeSubfolder: String?

        package init(name: String, libs: String, includeSubfolder: String? = nil) {
            (self.name, self.libs, self.includeSubfolder) = (name, libs, includeSubfolder)
        }
    }

    /// A library known only by its Debian source, to fetch that source.
    package static func debianSource(_ package: String, installedPackage: String) -> CLibrary {
        CLibrary(name: package, modules: [package], source: Source(debian: package, installedPackage: installedPackage),
                 build: Recipe(system: .commands, commands: ["true"]), pkgConfig: PkgConfig(name: package, libs: ""))
    }

    /// Checks what JSON alone cannot: one source, the files a plain make build installs.
    package func validate() throws(SeamError) {
        switch (source.debian, source.folder) {
        case (_?, nil):
            guard source.installedPackage != nil else {
                throw SeamError("library \(name): a Debian source needs installedPackage, the package whose installed version picks the source")
            }
        case (nil, _?): break
        default: throw SeamError("library \(name): give exactly one of source.debian and source.folder")
        }
        if build.system == .make, (build.libraries ?? []).isEmpty {
            throw SeamError("library \(name): a make build needs build.libraries, the files it installs into lib/")
        }
        if (build.system == .commands) != (build.commands != nil) || build.commands?.isEmpty == true {
            throw SeamError("library \(name): build.commands goes with build.system \"commands\", and holds at least one command")
        }
        guard !modules.isEmpty else { throw SeamError("library \(name): list the Swift modules that wrap it in modules") }
    }
}

/// The declaration file: `{"libraries": [...]}`.
package struct LibraryDeclarations: Codable, Equatable, Sendable {
    package var libraries: [CLibrary]

    package init(libraries: [CLibrary]) { self.libraries = libraries }

    package static let fileName = "seam-libraries.json"

    package static func read(_ file: URL) throws(SeamError) -> LibraryDeclarations {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw SeamError("no \(fileName) at \(file.deletingLastPathComponent().path): declare the C libraries your wrappers use (README: Use Seam on your own C library)")
        }
        let declarations: LibraryDeclarations
        do { declarations = try JSONDecoder().decode(LibraryDeclarations.self, from: data) } catch {
            throw SeamError("\(file.path): \(describe(error))")
        }
        var names = Set<String>()
        for library in declarations.libraries {
            try library.validate()
            guard names.insert(library.name).inserted else { throw SeamError("\(file.path): library \(library.name) is declared twice") }
        }
        return declarations
    }

    /// A decoding error as one line that names the field.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            String(context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().dropFirst())
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
