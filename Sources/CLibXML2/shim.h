#ifndef SEAM_CLIBXML2_SHIM_H
#define SEAM_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlversion.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// libxml2 reports errors through per-thread handlers (its globals are thread-local in a
// threaded build). The wrapper installs its own for the length of one call and restores the
// caller's afterwards, so nothing is printed and no handler outlives the call.
// The generic handler is variadic, which Swift cannot implement: it lives here.

typedef struct {
    xmlStructuredErrorFunc structured;
    void *structuredContext;
    xmlGenericErrorFunc generic;
    void *genericContext;
} seam_xml_handlers;

static void seam_xml_ignore_generic(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

static inline seam_xml_handlers seam_xml_install_handlers(void *context, xmlStructuredErrorFunc handler) {
    seam_xml_handlers saved = {
        xmlStructuredError, xmlStructuredErrorContext, xmlGenericError, xmlGenericErrorContext
    };
    xmlSetStructuredErrorFunc(context, handler);
    xmlSetGenericErrorFunc(NULL, seam_xml_ignore_generic);
    return saved;
}

static inline void seam_xml_restore_handlers(seam_xml_handlers saved) {
    xmlSetStructuredErrorFunc(saved.structuredContext, saved.structured);
    xmlSetGenericErrorFunc(saved.genericContext, saved.generic);
}

// xmlFree is a global function pointer (a macro in some builds): call it from C.
static inline void seam_xml_free(void *pointer) {
    xmlFree(pointer);
}

// libxml2 2.9's serializer writes namespace URIs unescaped, so a URI holding '<', '&', a tab
// or a line break would come out as malformed XML. The parser reports every namespace
// declaration to SAX startElementNs while it is still in cache; this hook notes the first
// such URI (interned in the document's dictionary, so it lives as long as the document)
// and passes the call on. Checking the finished tree instead cost as much as serializing it.
typedef struct {
    const xmlChar *unserializable_namespace;
} seam_xml_parse_notes;

static void seam_xml_start_element_ns(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                                      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                                      int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    seam_xml_parse_notes *notes = (seam_xml_parse_notes *)ctxt->_private;
    if (notes != NULL && notes->unserializable_namespace == NULL) {
        for (int i = 0; i < nb_namespaces; i++) {
            for (const xmlChar *c = namespaces[2 * i + 1]; c != NULL && *c != 0; c++) {
                if (*c == '<' || *c == '&' || *c == '\t' || *c == '\n' || *c == '\r') {
                    notes->unserializable_namespace = namespaces[2 * i + 1];
                    break;
                }
            }
        }
    }
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted, attributes);
}

static inline void seam_xml_take_parse_notes(xmlParserCtxtPtr ctxt, seam_xml_parse_notes *notes) {
    ctxt->_private = notes;
    ctxt->sax->startElementNs = seam_xml_start_element_ns;
}

// The version string of the libxml2 loaded at run time (a per-thread global behind a macro).
static inline const char *seam_xml_library_version(void) {
    return xmlParserVersion;
}

// The version libxml2 was compiled as, read from the header the wrapper was compiled against.
static inline int seam_xml_header_version(void) {
    return LIBXML_VERSION;
}
#endif
