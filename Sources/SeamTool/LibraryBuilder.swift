import Foundation

/// One declared library's recipe, run in a copy of its source tree, installing into `prefix`.
struct LibraryBuilder {
    let library: CLibrary
    let source: URL
    let prefix: URL
    let step: BuildStep

    private var recipe: CLibrary.Recipe { library.build }
    private var directory: URL { recipe.directory.map { source.appendingPathComponent($0) } ?? source }
    private var jobs: String { "-j\(ProcessInfo.processInfo.activeProcessorCount)" }
    private var toolchain: CToolchain { step.toolchain }

    func run() throws(SeamError) {
        switch recipe.system {
        case .make:
            try step.run("make", ["-C", directory.path, jobs] + (recipe.targets ?? []) + [
                "CC=\(toolchain.cc)", "AR=\(toolchain.ar)", "RANLIB=\(toolchain.ranlib)",
                "CFLAGS=\(toolchain.cflags)", "LDFLAGS=\(toolchain.ldflags)",
            ] + (recipe.options ?? []), in: directory)
        case .autotools:
            if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("configure").path) {
                try step.run("autoreconf", ["-fi"], in: directory)
            }
            try step.run("./configure", ["--prefix=\(prefix.path)", "--libdir=\(prefix.path)/lib", "--disable-shared", "--enable-static",
                                         "CC=\(toolchain.cc)", "AR=\(toolchain.ar)", "RANLIB=\(toolchain.ranlib)",
                                         "CFLAGS=\(toolchain.cflags)", "LDFLAGS=\(toolchain.ldflags)"] + (recipe.options ?? []), in: directory)
            let makeOptions = recipe.makeOptions ?? []
            try step.run("make", [jobs] + makeOptions + (recipe.targets ?? []), in: directory)
            for install in recipe.install ?? ["install"] {
                try step.run("make", makeOptions + install.split(separator: " ").map(String.init), in: directory)
            }
        case .cmake:
            let build = source.appendingPathComponent(".seam-cmake")
            try step.run("cmake", ["-S", directory.path, "-B", build.path, "-DCMAKE_BUILD_TYPE=None",
                                   "-DCMAKE_INSTALL_PREFIX=\(prefix.path)", "-DCMAKE_INSTALL_LIBDIR=lib", "-DBUILD_SHARED_LIBS=OFF",
                                   "-DCMAKE_C_COMPILER=\(toolchain.cc)", "-DCMAKE_AR=\(toolchain.ar)", "-DCMAKE_RANLIB=\(toolchain.ranlib)",
                                   "-DCMAKE_C_FLAGS=\(toolchain.cflags)", "-DCMAKE_EXE_LINKER_FLAGS=\(toolchain.ldflags)",
                                   "-DCMAKE_POSITION_INDEPENDENT_CODE=ON"] + (recipe.options ?? []), in: source)
            try step.run("cmake", ["--build", build.path, jobs] + (recipe.targets ?? []).flatMap { ["--target", $0] }, in: source)
            if recipe.libraries == nil { try step.run("cmake", ["--install", build.path], in: source) }
        case .meson:
            let build = source.appendingPathComponent(".seam-meson")
            try step.run("meson", ["setup", build.path, directory.path, "--prefix=\(prefix.path)", "--libdir=lib",
                                   "--default-library=static", "--buildtype=plain",
                                   "-Dc_args=\(toolchain.cflags)", "-Dc_link_args=\(toolchain.ldflags)"] + (recipe.options ?? []), in: source)
            try step.run("meson", ["compile", "-C", build.path] + (recipe.targets ?? []), in: source)
            if recipe.libraries == nil { try step.run("meson", ["install", "-C", build.path], in: source) }
        case .commands:
            for command in recipe.commands ?? [] {
                try step.run("sh", ["-c", command], in: directory, environment: [
                    "PREFIX": prefix.path, "JOBS": "\(ProcessInfo.processInfo.activeProcessorCount)",
                ])
            }
        }
        try copy(recipe.libraries ?? [], to: prefix.appendingPathComponent("lib"))
        try copy(recipe.headers ?? [], to: prefix.appendingPathComponent("include"))
        try removeSharedLibraries(from: prefix.appendingPathComponent("lib"))
    }

    /// Shared copies a build installed beside the static one: the linker would prefer them,
    /// and at run time the loader would find the system's uninstrumented library by that name.
    private func removeSharedLibraries(from folder: URL) throws(SeamError) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.contains(".so") || name.hasSuffix(".dylib") {
            do { try FileManager.default.removeItem(at: folder.appendingPathComponent(name)) } catch {
                throw SeamError("library \(library.name): cannot remove the shared \(name) from \(folder.path): \(error.localizedDescription)")
            }
        }
    }

    /// Copies built files (paths in the source tree) into a prefix folder.
    private func copy(_ paths: [String], to folder: URL) throws(SeamError) {
        try ensureFolder(folder)
        for path in paths {
            let file = source.appendingPathComponent(path), destination = folder.appendingPathComponent(file.lastPathComponent)
            do {
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.copyItem(at: file, to: destination)
            } catch {
                throw SeamError("library \(library.name): the build made no \(path) (\(error.localizedDescription)); see \(step.log.path)")
            }
        }
    }
}
