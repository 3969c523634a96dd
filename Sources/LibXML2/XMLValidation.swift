import CLibXML2
import SeamBoundary

extension XMLDocument {
    /// Validates the document against its own DTD: the declarations in its `<!DOCTYPE r [...]>`
    /// (the internal subset). The verdict is libxml2's; the errors are every error it reported
    /// on the way (up to 100): the validity errors, domain `.validity`, and any other problem
    /// it met reading the tree (some, such as a text node that is not UTF-8, it reports only
    /// once per process).
    ///
    /// An external DTD the doctype names (`SYSTEM "..."`) is never read, here or when parsing:
    /// elements and attributes declared only there are invalid. Throws `.invalidArgument`
    /// when the document has no internal subset, and `.parse` when libxml2 cannot run the
    /// validation at all.
    public func validateAgainstInternalSubset() throws(XMLError) -> XMLSchema.Validation {
        guard let subset = pointer.pointee.intSubset else {
            throw XMLError(kind: .invalidArgument("the document has no internal DTD subset to validate against"), diagnostics: [])
        }
        let (status, diagnostics) = DiagnosticCollector.collect { () -> Int32 in
            guard let context = xmlNewValidCtxt() else { return -1 }
            defer { xmlFreeValidCtxt(context) }
            // No generic callbacks: libxml2 reports through the collector's structured handler.
            context.pointee.error = nil
            context.pointee.warning = nil
            // xmlValidateDtd, not xmlValidateDocument: the latter loads the external subset
            // the doctype names, through libxml2's process-wide loader.
            let valid = xmlValidateDtd(context, pointer, subset)
            Boundary.record("xmlValidateDtd", ok: valid == 1)
            return valid
        }
        guard status >= 0 else { throw XMLError(kind: .parse, diagnostics: diagnostics) }
        return XMLSchema.Validation(isValid: status == 1, errors: diagnostics.filter { $0.level >= .error })
    }
}
