import CLibXML2

/// Process-wide facts about the loaded libxml2. (Not named after the module, so that
/// `LibXML2.XMLDocument` can tell this module's types from FoundationXML's.)
public enum XMLLibrary {
    private static let initialized: Bool = {
        xmlInitParser()
        // libxml2 2.9 builds the schema datatypes' tables (and RELAX NG's registry of
        // datatype libraries) on first use, unguarded: two threads parsing their first
        // schemas at once race on them (ThreadSanitizer, ConcurrentUse). Built here, once.
        xmlSchemaInitTypes()
        _ = xmlRelaxNGInitTypes()
        ExternalLoads.install()
        return true
    }()

    /// Initializes libxml2 once per process; safe from any thread (a Swift lazy global).
    /// Every wrapper entry point calls it, so callers never need to.
    static func initialize() {
        _ = initialized
    }

    /// The version of the libxml2 loaded at run time, as MAJOR*10000 + MINOR*100 + PATCH.
    public static var libraryVersion: Int {
        initialize()
        return Int(String(cString: seam_xml_library_version())) ?? 0
    }

    /// Whether libxml2 still calls the wrapper's external entity loader (see `ExternalLoads`).
    static var ownsExternalLoader: Bool {
        initialize()
        return ExternalLoads.isInstalled
    }

    /// `ExternalLoads.check`, for callers that see no libxml2 types (the tests).
    static func checkExternalLoads(_ options: XMLParseOptions, loaderInstalled: Bool) throws(XMLError) {
        try ExternalLoads.check(options, loaderInstalled: loaderInstalled)
    }

    /// The version of the headers this wrapper was compiled against, in the same form.
    public static var headerVersion: Int { Int(seam_xml_header_version()) }
}
