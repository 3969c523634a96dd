import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The external entity loader the wrapper installs in libxml2, once per process: inside a
/// wrapper call it loads nothing, whatever the options (entity substitution makes libxml2 load
/// external entities itself, past the SAX handler the wrapper clears); outside one it passes
/// the request to the loader that was installed before, so other users of libxml2 in the
/// process see no change.
enum ExternalLoads {
    /// Set on a thread while a wrapper call runs libxml2 (see `DiagnosticCollector`).
    static let insideCall: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key for libxml2's loader")
        return key
    }()

    /// The loader before this one; written once, in `install`, before any parse.
    nonisolated(unsafe) private static var previous: xmlExternalEntityLoader?

    private static let loader: xmlExternalEntityLoader = { url, id, context in
        if pthread_getspecific(ExternalLoads.insideCall) != nil { return nil }
        return ExternalLoads.previous?(url, id, context)
    }

    /// Installs the loader; called once, from `XMLLibrary.initialize`.
    static func install() {
        _ = insideCall
        previous = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader(loader)
    }

    /// Whether libxml2 still calls this loader: another library in the process may have
    /// installed its own since, and then an option that makes libxml2 load external entities
    /// is refused rather than trusted to it.
    static var isInstalled: Bool {
        guard let current = xmlGetExternalEntityLoader() else { return false }
        return unsafeBitCast(current, to: UnsafeRawPointer.self) == unsafeBitCast(loader, to: UnsafeRawPointer.self)
    }

    /// Runs `body` marked as inside a wrapper call, restoring the mark it found.
    static func inside<Result>(_ body: () -> Result) -> Result {
        let outer = pthread_getspecific(insideCall)
        pthread_setspecific(insideCall, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(insideCall, outer) }
        return body()
    }

    /// Throws `.invalidArgument` when `options` would have libxml2 load external entities and
    /// this loader is no longer the one libxml2 calls.
    static func check(_ options: XMLParseOptions, loaderInstalled: @autoclosure () -> Bool = isInstalled) throws(XMLError) {
        guard options.contains(.substituteEntities), !loaderInstalled() else { return }
        throw XMLError(
            kind: .invalidArgument("libxml2's external entity loader was replaced by another library; entity substitution needs the wrapper's, which loads nothing"),
            diagnostics: []
        )
    }
}
