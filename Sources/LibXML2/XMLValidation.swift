import CLibXML2
import SeamBoundary

/// A DTD parsed on its own, as an external subset is written (declarations, no doctype), to
/// validate documents against.
///
/// Ownership: owns its `xmlDtd`. Threading: not Sendable; parse one per task. Safety: the
/// parameter entities it refers to load from `resources` only, as in `XMLDocument(parsing:)`.
public final class XMLDTD {
    let pointer: xmlDtdPtr

    /// Parses `bytes` as a DTD. Throws `.parse` with libxml2's diagnostics when they are not
    /// one, `.limitExceeded` when its loads pass `XMLResources.maxLoadedBytes`, and
    /// `.invalidArgument` for input of 2 GiB or more.
    public init<Bytes: Collection<UInt8>>(parsing bytes: Bytes, resources: XMLResources = [:]) throws(XMLError) {
        XMLLibrary.initialize()
        let loads = resources.isEmpty ? nil : LoadSession(resources, inputBytes: bytes.count)
        let (parsed, diagnostics) = XMLDocument.readMemory(bytes, loads: loads) { base, length -> Result<xmlDtdPtr?, XMLError> in
            // The buffer copies the bytes; xmlIOParseDTD takes it, and frees it with its parser.
            guard let buffer = xmlParserInputBufferCreateMem(base, length, XML_CHAR_ENCODING_NONE) else { return .success(nil) }
            let dtd = xmlIOParseDTD(nil, buffer, XML_CHAR_ENCODING_NONE)
            Boundary.record("xmlIOParseDTD", ok: dtd != nil)
            return .success(dtd)
        }
        if let loads, loads.exceeded {
            if case .success(let dtd?) = parsed { xmlFreeDtd(dtd) }
            throw loads.exceededError
        }
        switch parsed {
        case .failure(let error): throw error
        case .success(nil): throw XMLError(kind: .parse, diagnostics: diagnostics)
        case .success(let dtd?): pointer = dtd
        }
    }

    deinit {
        xmlFreeDtd(pointer)
    }
}

extension XMLDocument {
    /// Validates the document against its own DTD: the declarations in its `<!DOCTYPE r [...]>`
    /// (the internal subset), and the external subset the doctype names if the document was
    /// parsed with `.loadExternalDTD` and the resources held it. Nothing is loaded here: an
    /// external subset not read when parsing is not read now, and what it declares is invalid.
    ///
    /// The verdict is libxml2's; the errors are every error it reported on the way (up to
    /// 100): the validity errors, domain `.validity`, and any other problem it met reading
    /// the tree (some, such as a text node that is not UTF-8, it reports only once per
    /// process). An ambiguous content model (`.dtdContentNotDeterministic`, an error about
    /// the DTD, not the document: the verdict can still be valid) is reported by the first
    /// validation against a DTD only; later ones against the same DTD use the compiled
    /// model. Throws `.invalidArgument` when the document has no DTD, and `.parse` when
    /// libxml2 cannot run the validation at all.
    public func validateAgainstDTD() throws(XMLError) -> XMLSchema.Validation {
        let document = pointer
        if document.pointee.extSubset != nil {
            // Both subsets; xmlValidateDocument loads an external subset only when none is there.
            return try validate("xmlValidateDocument") { xmlValidateDocument($0, document) }
        }
        guard let subset = document.pointee.intSubset else {
            throw XMLError(kind: .invalidArgument("the document has no DTD to validate against"), diagnostics: [])
        }
        // xmlValidateDtd, not xmlValidateDocument: the latter would try to load the external
        // subset the doctype names.
        return try validate("xmlValidateDtd") { xmlValidateDtd($0, document, subset) }
    }

    /// Validates the document against `dtd`, ignoring its own DTD (libxml2's
    /// `xmlValidateDtd`): the verdict and errors as in `validateAgainstDTD()`.
    public func validate(against dtd: XMLDTD) throws(XMLError) -> XMLSchema.Validation {
        let document = pointer
        return try withExtendedLifetime(dtd) { () throws(XMLError) in
            try validate("xmlValidateDtd") { xmlValidateDtd($0, document, dtd.pointer) }
        }
    }

    private func validate(_ function: StaticString, _ run: (xmlValidCtxtPtr) -> Int32) throws(XMLError) -> XMLSchema.Validation {
        let (status, diagnostics) = DiagnosticCollector.collect { () -> Int32 in
            guard let context = xmlNewValidCtxt() else { return -1 }
            defer { xmlFreeValidCtxt(context) }
            // No generic callbacks: libxml2 reports through the collector's structured handler.
            context.pointee.error = nil
            context.pointee.warning = nil
            let valid = run(context)
            Boundary.record(function, ok: valid == 1)
            return valid
        }
        guard status >= 0 else { throw XMLError(kind: .parse, diagnostics: diagnostics) }
        return XMLSchema.Validation(isValid: status == 1, errors: diagnostics.filter { $0.level >= .error })
    }
}
