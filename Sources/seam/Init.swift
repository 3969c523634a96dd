import ArgumentParser
import Foundation
import SeamTool

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make this folder (empty, or an existing package) fuzz a C library through Seam.",
        discussion: """
        Writes the C module, the declaration in seam-libraries.json (with a build recipe read \
        off the library's source tree), a wrapper module, a targets module with one target \
        that fails until its body is written, the corpus-replay test, the contract file and \
        the ignore lines; an existing Package.swift gets one block appended. The library is a \
        Debian -dev package (zlib1g-dev), a pkg-config name (zlib) or a source folder (./zlib).
        """
    )

    @Argument(help: "The C library: a Debian -dev package, a pkg-config name, or a source folder.")
    var library: String
    @Option(help: "The wrapper module's name (default: from the pkg-config name, zlib → Zlib).")
    var name: String?
    @Option(help: "The first fuzz target's name (default: <Name>Fuzz).")
    var target: String?
    @Option(help: "Where the manifest finds Seam: a path or a git URL (default: the checkout this seam was built from).")
    var seam: String?
    @Option(name: .customLong("package-path"), help: "The folder to set up (default: the current one).")
    var packagePath: String?

    func run() throws {
        let root = URL(fileURLWithPath: packagePath ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        guard let location = seam ?? PackageInit.builtFromCheckout else {
            throw ValidationError("pass --seam <path or URL>: this seam was not built from a checkout that is still there")
        }
        let origin: PackageInit.Origin = library.contains("/") || library.hasPrefix(".")
            ? .folder(library) : library.hasSuffix("-dev") ? .debianPackage(library) : .pkgConfig(library)
        let setup = PackageInit(root: root, seamLocation: location)
        let found = try setup.library(origin, swiftName: name)
        print("seam: \(found.declaration.name): build recipe \(found.declaration.build.system.rawValue) (\(found.recipeReason))")
        let system = found.declaration.build.system
        let tools = [system == .cmake ? "cmake" : system == .meson ? "meson" : "make"] + (found.recipeReason.contains("autoreconf") ? ["autoreconf"] : [])
        for tool in tools where executableInPath(tool) == nil {
            print("seam: the recipe needs \(tool), which is not installed: apt-get install \(tool == "autoreconf" ? "autoconf automake libtool" : tool)")
        }
        let written = try setup.write(found, target: target ?? "\(found.swiftName)Fuzz")
        for file in written.files { print("  \(file)") }
        let seam = "swift package --allow-writing-to-package-directory seam"
        print("""

        Now write the wrapper in Sources/\(found.swiftName)/ and the body and seeds of \(written.target) in \
        Sources/\(found.swiftName)FuzzTargets/\(written.target).swift, then:

          swift build -Xswiftc -sanitize=fuzzer,address   # every target in Package.swift's list
          \(seam) seeds                 # Corpus/<Target>/ from each target's seeds
          \(seam) run --all --time 30   # the instrumented \(found.declaration.name), built on first use
          swift test                                      # every seed and regression replayed; a crash names its input

        More targets: \(seam) add \(found.swiftName)<What>
        """)
    }
}
