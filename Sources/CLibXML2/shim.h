#ifndef SEAM_CLIBXML2_SHIM_H
#define SEAM_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xinclude.h>
#include <libxml/xmlreader.h>
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
    // Entity expansion: references are kept unexpanded in the tree, but reading a node's
    // text (xmlNodeGetContent, XPath string()) expands them all. The parse stops once the
    // expanded size of all references passes max_expansion.
    unsigned long long expansion;
    unsigned long long max_expansion;
    int expansion_exceeded;
} seam_xml_parse_notes;

// The size an entity expands to, following references in its content; memoized in the
// entity's _private field (libxml2 leaves it to the application), capped to stay finite.
static unsigned long long seam_xml_entity_size(xmlEntityPtr entity, int depth);

static unsigned long long seam_xml_nodes_size(xmlNodePtr node, int depth) {
    unsigned long long total = 0;
    for (; node != NULL && total < (1ULL << 62); node = node->next) {
        if (node->type == XML_ENTITY_REF_NODE && node->children != NULL) {
            total += seam_xml_entity_size((xmlEntityPtr)node->children, depth + 1);
        } else if (node->content != NULL && node->type != XML_ELEMENT_NODE) {
            total += xmlStrlen(node->content);
        } else if (node->type == XML_ELEMENT_NODE) {
            total += seam_xml_nodes_size(node->children, depth + 1);
        }
    }
    return total;
}

static unsigned long long seam_xml_entity_size(xmlEntityPtr entity, int depth) {
    if (entity == NULL || depth > 64) return 1ULL << 40;
    if (entity->_private != NULL) return (unsigned long long)(uintptr_t)entity->_private - 1;
    unsigned long long size = entity->children != NULL ? seam_xml_nodes_size(entity->children, depth) : (unsigned long long)entity->length;
    entity->_private = (void *)(uintptr_t)(size + 1);
    return size;
}

static void seam_xml_reference(void *ctx, const xmlChar *name) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    seam_xml_parse_notes *notes = (seam_xml_parse_notes *)ctxt->_private;
    if (notes != NULL && name != NULL && name[0] != '#') {
        xmlEntityPtr entity = xmlGetDocEntity(ctxt->myDoc, name);
        if (entity != NULL) {
            notes->expansion += seam_xml_entity_size(entity, 0);
            if (notes->expansion > notes->max_expansion) {
                notes->expansion_exceeded = 1;
                xmlStopParser(ctxt);
                return;
            }
        }
    }
    xmlSAX2Reference(ctx, name);
}

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

// libxml2 2.9's tree parser stops at a NUL byte and calls the document complete, ignoring
// whatever follows ("<a/>\0<b>" parses as "<a/>"); its streaming reader reports the NUL.
// True when the parse stopped at a NUL byte before the end of its input.
static inline int seam_xml_stopped_at_nul(xmlParserCtxtPtr ctxt) {
    xmlParserInputPtr input = ctxt->input;
    return input != NULL && input->cur != NULL && input->end != NULL && input->cur < input->end && *input->cur == 0;
}

// libxml2 2.9's tree parser also calls the document complete where converting its input
// from the declared encoding failed (UTF-7 with a NUL, say), reporting the conversion but
// not failing the parse; its streaming reader fails. True when the input buffer recorded
// such a failure (or ran out of room or memory): input was dropped.
static inline int seam_xml_input_failed(xmlParserCtxtPtr ctxt) {
    xmlParserInputPtr input = ctxt->input;
    return input != NULL && input->buf != NULL && input->buf->error != 0;
}

static inline void seam_xml_take_parse_notes(xmlParserCtxtPtr ctxt, seam_xml_parse_notes *notes) {
    ctxt->_private = notes;
    ctxt->sax->startElementNs = seam_xml_start_element_ns;
    ctxt->sax->reference = seam_xml_reference;
}

// A parser input over a copy of `size` bytes at `bytes`, named `url` (the base for what it
// refers to in turn), for the wrapper's external entity loader to return; NULL when it
// cannot be allocated. libxml2 frees it. The bytes are read through a callback, as a file's
// would be: XInclude's text inclusion reads only that way (a memory buffer reads as empty).
typedef struct {
    int size;
    int offset;
    char bytes[];
} seam_xml_memory_source;

static int seam_xml_memory_read(void *context, char *buffer, int length) {
    seam_xml_memory_source *source = context;
    int count = source->size - source->offset;
    if (count > length) count = length;
    if (count > 0) memcpy(buffer, source->bytes + source->offset, (size_t)count);
    source->offset += count;
    return count;
}

static int seam_xml_memory_close(void *context) {
    free(context);
    return 0;
}

static inline xmlParserInputPtr seam_xml_input_from_memory(xmlParserCtxtPtr ctxt, const char *url, const char *bytes, int size) {
    seam_xml_memory_source *source = malloc(sizeof(seam_xml_memory_source) + (size_t)size);
    if (source == NULL) return NULL;
    source->size = size;
    source->offset = 0;
    if (size > 0) memcpy(source->bytes, bytes, (size_t)size);
    xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateIO(seam_xml_memory_read, seam_xml_memory_close, source, XML_CHAR_ENCODING_NONE);
    if (buffer == NULL) {
        free(source);
        return NULL;
    }
    xmlParserInputPtr input = xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE);
    if (input == NULL) {
        xmlFreeParserInputBuffer(buffer);
        return NULL;
    }
    if (url != NULL) input->filename = (const char *)xmlCharStrdup(url);
    return input;
}

// What XInclude processing would do with one tree: the number of XInclude elements in it
// (either namespace), whether any selects by XPointer, and whether any includes text, or
// text in an encoding other than UTF-8. Iterative: any depth.
typedef struct {
    long includes;
    int xpointer;
    int text;
    int text_encoding;
} seam_xml_inclusions;

static inline seam_xml_inclusions seam_xml_count_inclusions(xmlNodePtr root) {
    seam_xml_inclusions found = {0, 0, 0, 0};
    xmlNodePtr node = root;
    while (node != NULL) {
        if (node->type == XML_ELEMENT_NODE && node->ns != NULL && xmlStrEqual(node->name, XINCLUDE_NODE)
            && (xmlStrEqual(node->ns->href, XINCLUDE_NS) || xmlStrEqual(node->ns->href, XINCLUDE_OLD_NS))) {
            found.includes += 1;
            if (xmlHasProp(node, XINCLUDE_PARSE_XPOINTER) != NULL) found.xpointer = 1;
            xmlChar *parse = xmlGetProp(node, XINCLUDE_PARSE);
            if (parse != NULL && xmlStrEqual(parse, XINCLUDE_PARSE_TEXT)) {
                found.text = 1;
                xmlChar *encoding = xmlGetProp(node, XINCLUDE_PARSE_ENCODING);
                if (encoding != NULL && xmlStrcasecmp(encoding, BAD_CAST "UTF-8") != 0) found.text_encoding = 1;
                xmlFree(encoding);
            }
            xmlFree(parse);
        }
        if ((node->type == XML_ELEMENT_NODE || node->type == XML_DOCUMENT_NODE) && node->children != NULL) {
            node = node->children;
            continue;
        }
        while (node != NULL && node != root && node->next == NULL) node = node->parent;
        if (node == NULL || node == root) break;
        node = node->next;
    }
    return found;
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
