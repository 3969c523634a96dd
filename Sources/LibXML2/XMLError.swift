import CLibXML2

/// One message libxml2 reported: its domain, code, severity, position and text.
public struct XMLDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious libxml2 judged the message.
    public enum Level: Int, Sendable, Comparable {
        case warning = 1
        case error = 2
        case fatal = 3

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The libxml2 module that reported it.
    public let domain: XMLError.Domain
    /// libxml2's code for it.
    public let code: XMLError.Code
    public let level: Level
    /// 1-based line, or 0 when libxml2 gave none.
    public let line: Int
    /// 1-based column, or 0 when libxml2 gave none.
    public let column: Int
    /// libxml2's message, without its trailing newline.
    public let message: String

    public var description: String {
        "\(line):\(column): \(level) \(domain)/\(code): \(message)"
    }

    /// What libxml2's reader says about a NUL byte, for the tree parser that says nothing.
    static let nulByte = XMLDiagnostic(
        domain: .parser, code: .invalidCharacter, level: .fatal,
        line: 0, column: 0, message: "Char 0x0 out of allowed range: the document continues after a NUL byte"
    )

    init(domain: XMLError.Domain, code: XMLError.Code, level: Level, line: Int, column: Int, message: String) {
        self.domain = domain
        self.code = code
        self.level = level
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ error: xmlError) {
        self.domain = XMLError.Domain(rawValue: Int(error.domain))
        self.code = XMLError.Code(rawValue: Int(error.code))
        self.level = Level(rawValue: Int(error.level.rawValue)) ?? .error
        self.line = Int(error.line)
        self.column = Int(error.int2)
        // libxml2 ends its messages with a line break: drop it from the bytes, before any
        // String exists.
        var text = ""
        if let message = error.message {
            let bytes = UnsafeRawPointer(message).assumingMemoryBound(to: xmlChar.self)
            var count = Int(xmlStrlen(bytes))
            while count > 0, bytes[count - 1] == UInt8(ascii: "\n") || bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
            text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        self.message = text
    }
}

/// A failure of the libxml2 wrapper, with everything libxml2 reported during the call.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Hashable, Sendable {
        /// The document is not well-formed, or an option asked for cannot be met.
        case parse
        /// The XPath expression is invalid or its evaluation failed.
        case xpath
        /// Serialization failed.
        case serialization
        /// An argument libxml2 cannot take (an embedded NUL in a C string, a size over 2 GiB).
        case invalidArgument(String)
        /// The document would exceed a resource bound (see `XMLParseOptions.maxEntityExpansion`).
        case limitExceeded(String)
        /// The tree holds something libxml2 would serialize as malformed XML (see
        /// `XMLDocument.serialized(format:)`); the wrapper refuses rather than emit it.
        case unserializable(String)
    }

    public let kind: Kind
    /// Every warning and error libxml2 reported during the call, in order.
    public let diagnostics: [XMLDiagnostic]

    /// The first error (or, without one, the first warning): libxml2's domain, code,
    /// position and message are read from it.
    public var primary: XMLDiagnostic? {
        diagnostics.first { $0.level >= .error } ?? diagnostics.first
    }

    /// The primary diagnostic's domain, or `.none` when libxml2 reported nothing.
    public var domain: Domain { primary?.domain ?? .none }
    /// The primary diagnostic's code, or `.ok` when libxml2 reported nothing (a bound the
    /// wrapper enforces, an invalid argument).
    public var code: Code { primary?.code ?? .ok }
    public var line: Int { primary?.line ?? 0 }
    public var column: Int { primary?.column ?? 0 }
    public var message: String {
        if case .invalidArgument(let what) = kind { return what }
        if case .unserializable(let what) = kind { return what }
        if case .limitExceeded(let what) = kind { return what }
        return primary?.message ?? "libxml2 failed without a message"
    }

    /// True when XPath evaluation stopped at its operation or recursion limit: the expression
    /// may be valid, it was just too expensive.
    public var isXPathLimitExceeded: Bool {
        diagnostics.contains { $0.code == .xpathOperationLimit || $0.code == .xpathRecursionLimit }
    }

    public var description: String {
        switch kind {
        case .invalidArgument, .unserializable, .limitExceeded:
            "XML error: \(message)"
        default:
            "XML \(kind) error at \(line):\(column) (domain \(domain), code \(code)): \(message)"
        }
    }
}

extension XMLError {
    /// The most bytes a document may hold: libxml2 2.9 keeps lengths and offsets in `int`s.
    static let maxDocumentBytes = Int(Int32.max) - 1

    /// `count` more bytes of a document, after `previous` already given, as the `int` length
    /// libxml2 takes; `.invalidArgument` when the document would pass `maxDocumentBytes`.
    /// Every length the wrapper narrows for libxml2 goes through here, checked before
    /// anything is read.
    static func cLength(_ count: Int, after previous: Int = 0) throws(XMLError) -> Int32 {
        let total = previous.addingReportingOverflow(count)
        guard count >= 0, !total.overflow, total.partialValue <= maxDocumentBytes else {
            throw XMLError(kind: .invalidArgument("a document of \(previous) + \(count) bytes is over libxml2's 2 GiB limit"), diagnostics: [])
        }
        return Int32(count)
    }
}

/// Collects what libxml2 reports on this thread while one wrapper call runs, or, for a push
/// parser, while each of its calls runs.
final class DiagnosticCollector {
    /// The most diagnostics one collector keeps: a hostile document can raise millions of
    /// errors in recovery mode.
    static let limit = 100
    var diagnostics: [XMLDiagnostic] = []
    /// What libxml2 may load while this collector's calls run; nothing when nil.
    let loads: LoadSession?

    init(loads: LoadSession? = nil) {
        self.loads = loads
    }

    /// Runs `body` with libxml2's per-thread handlers pointing here, then puts back the
    /// caller's: nothing reaches stderr and no handler outlives the call. libxml2 loads only
    /// from `loads`.
    static func collect<Result>(loads: LoadSession? = nil, _ body: () -> Result) -> (Result, [XMLDiagnostic]) {
        let collector = DiagnosticCollector(loads: loads)
        let result = collector.collecting(body)
        return (result, collector.diagnostics)
    }

    /// Runs `body` as `collect` does, adding what it reports to `diagnostics`.
    func collecting<Result>(_ body: () -> Result) -> Result {
        XMLLibrary.initialize()
        return withExtendedLifetime(self) {
            let saved = seam_xml_install_handlers(Unmanaged.passUnretained(self).toOpaque(), collectStructuredError)
            defer { seam_xml_restore_handlers(saved) }
            return ExternalLoads.inside(loads, body)
        }
    }
}

private let collectStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let collector = Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue()
    if collector.diagnostics.count < DiagnosticCollector.limit {
        collector.diagnostics.append(XMLDiagnostic(error.pointee))
    }
}
