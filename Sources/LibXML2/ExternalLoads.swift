import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documents one parse may load, by name, and nothing else: external entities, an
/// external DTD subset, XInclude targets, and schemas a schema includes or imports. libxml2
/// asks for a document by its URI resolved against the referring document's `url` (as
/// written when that has none, so `SYSTEM "a.ent"` asks for `a.ent`); a name not here loads
/// nothing, and libxml2 reports it as it would a missing file.
///
/// The wrapper never opens a file or the network, with or without resources: they are served
/// from memory through the one entity loader it installs in libxml2, dispatching per thread
/// to the call that runs there, so concurrent parses with different resources never see each
/// other's documents.
public struct XMLResources: Sendable, ExpressibleByDictionaryLiteral {
    public var documents: [String: [UInt8]]

    public init(_ documents: [String: [UInt8]] = [:]) {
        self.documents = documents
    }

    public init(dictionaryLiteral elements: (String, [UInt8])...) {
        self.documents = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public var isEmpty: Bool { documents.isEmpty }

    /// The most bytes one call may load from its resources, counting every load (libxml2
    /// loads a document again for each RELAX NG `externalRef` to it, say): 16 MiB plus ten
    /// times the bytes the caller passed, the document and every resource.
    public static func maxLoadedBytes(forInputOf count: Int) -> Int {
        XMLDocument.maxEntityExpansion(forInputOf: count)
    }

    /// Every resource's bytes, added up.
    var totalBytes: Int { documents.values.reduce(0) { $0 + $1.count } }
}

/// One wrapper call's loads: what it may load, and what it has.
final class LoadSession {
    let resources: XMLResources
    let budget: Int
    private(set) var loaded = 0
    /// Set once a load was refused for passing `budget`; the call then fails `.limitExceeded`.
    private(set) var exceeded = false

    init(_ resources: XMLResources, inputBytes: Int) {
        self.resources = resources
        self.budget = XMLResources.maxLoadedBytes(forInputOf: inputBytes + resources.totalBytes)
    }

    /// The bytes to serve for `name`, counted against the budget.
    func load(_ name: String) -> [UInt8]? {
        guard let bytes = resources.documents[name] else { return nil }
        guard loaded + bytes.count <= budget else {
            exceeded = true
            return nil
        }
        loaded += bytes.count
        return bytes
    }

    var exceededError: XMLError {
        XMLError(kind: .limitExceeded("loading resources would pass \(budget) bytes"), diagnostics: [])
    }
}

/// The external entity loader the wrapper installs in libxml2, once per process. Inside a
/// wrapper call it serves that call's `XMLResources` and nothing else, whatever the options
/// (entity substitution makes libxml2 load external entities itself, past the SAX handler);
/// outside one it passes the request to the loader that was installed before, so other users
/// of libxml2 in the process see no change.
enum ExternalLoads {
    /// Set on a thread while a wrapper call runs libxml2 (see `DiagnosticCollector`): the
    /// call's `LoadSession`, unretained, or `nothingToLoad`.
    static let insideCall: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key for libxml2's loader")
        return key
    }()

    /// The mark of a call with no resources; never a session's address.
    private static var nothingToLoad: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: 1)! }

    /// The loader before this one; written once, in `install`, before any parse.
    nonisolated(unsafe) private static var previous: xmlExternalEntityLoader?

    private static let loader: xmlExternalEntityLoader = { url, id, context in
        guard let mark = pthread_getspecific(ExternalLoads.insideCall) else {
            return ExternalLoads.previous?(url, id, context)
        }
        guard mark != ExternalLoads.nothingToLoad, let url else { return nil }
        let session = Unmanaged<LoadSession>.fromOpaque(mark).takeUnretainedValue()
        guard let bytes = session.load(String(cString: url)), let length = try? XMLError.cLength(bytes.count) else { return nil }
        // libxml2 copies the bytes.
        return bytes.withUnsafeBytes { seam_xml_input_from_memory(context, url, $0.cChars, length) }
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

    /// Runs `body` marked as inside a wrapper call that may load from `session`, restoring the
    /// mark it found.
    static func inside<Result>(_ session: LoadSession?, _ body: () -> Result) -> Result {
        let outer = pthread_getspecific(insideCall)
        return withExtendedLifetime(session) {
            pthread_setspecific(insideCall, session.map { Unmanaged.passUnretained($0).toOpaque() } ?? nothingToLoad)
            defer { pthread_setspecific(insideCall, outer) }
            return body()
        }
    }

    /// Throws `.invalidArgument` when `options` would have libxml2 load external documents and
    /// this loader is no longer the one libxml2 calls.
    static func check(_ options: XMLParseOptions, loaderInstalled: @autoclosure () -> Bool = isInstalled) throws(XMLError) {
        guard !options.isDisjoint(with: .loading), !loaderInstalled() else { return }
        throw XMLError(
            kind: .invalidArgument("libxml2's external entity loader was replaced by another library; loading external documents needs the wrapper's"),
            diagnostics: []
        )
    }
}
