// The C side of the libxml2 boundary. Only Sources/HTMLText/LibXML2Parser.swift imports this module.
//
// It holds the includes the HTML reader needs and a few `static inline` adapters for what Swift 6
// cannot write itself: variadic C callbacks, and a SAX start-element hook that must run inside the parse.
#ifndef DRAGNET_CLIBXML2_SHIM_H
#define DRAGNET_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's <unicode/ucnv.h>.
// Any Swift module that sees both that and Foundation's bundled ICU fails to build ("'UErrorCode' has
// different definitions in different modules"), and clients of HTMLText load this module too. Nothing
// here touches ICU: only the ICU fields at the end of xmlCharEncodingHandler disappear from view, and we
// never use that struct.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <strings.h>

// MARK: - Diagnostics

static inline void clibxml2_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void clibxml2_ignore_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/// Sends libxml2's diagnostics nowhere: on the calling thread (libxml2 keeps these handlers per thread)
/// and, as the default, on threads that first use libxml2 later. Nothing may reach stderr.
static inline void clibxml2_silence_errors(void) {
    xmlThrDefSetGenericErrorFunc(NULL, clibxml2_ignore_generic_error);
    xmlThrDefSetStructuredErrorFunc(NULL, clibxml2_ignore_structured_error);
    xmlSetGenericErrorFunc(NULL, clibxml2_ignore_generic_error);
    xmlSetStructuredErrorFunc(NULL, clibxml2_ignore_structured_error);
}

// MARK: - Nesting guard

/// libxml2 2.9 halts the whole parse, silently, once the tree is more than 256 elements deep, and forgets
/// where it was. The guard stops it just before that, at a start tag, and remembers the byte offset so
/// the caller can parse the rest of the input as a new document.
typedef struct {
    /// In: the number of open nodes (ctxt->nodeNr) at which a start tag stops the parse.
    int maxOpenNodes;
    /// Out: -1 when the parse was not stopped; the byte offset (into the parsed buffer) of the end of the
    /// start tag that stopped it; or -2 when it was stopped but the position is unknown.
    long stopOffset;
    /// Out: 1 when that start tag opened `script`, 2 when `style` (raw text follows it), otherwise 0.
    int stopRawText;
    /// The start-element handler the guard forwards to (libxml2's tree builder).
    startElementSAXFunc next;
} clibxml2_nesting_guard;

static inline void clibxml2_guarded_start_element(void *context, const xmlChar *name, const xmlChar **attributes) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)context;
    clibxml2_nesting_guard *guard = (clibxml2_nesting_guard *)ctxt->_private;
    if (ctxt->nodeNr >= guard->maxOpenNodes) {
        // Not xmlByteConsumed(): in 2.9.14 it miscounts by 32000-byte steps when more than 32000 bytes
        // remain. The UTF-8 "conversion" copies bytes unchanged, so the decoded position is the input's.
        xmlParserInputPtr input = ctxt->input;
        guard->stopOffset = (input != NULL && input->cur != NULL && input->base != NULL)
            ? (long)input->consumed + (long)(input->cur - input->base)
            : -2;
        if (name != NULL && strcasecmp((const char *)name, "script") == 0) {
            guard->stopRawText = 1;
        } else if (name != NULL && strcasecmp((const char *)name, "style") == 0) {
            guard->stopRawText = 2;
        }
        xmlStopParser(ctxt);
        return;
    }
    if (guard->next != NULL) {
        guard->next(context, name, attributes);
    }
}

/// Installs `guard` on a parser context made by htmlNewParserCtxt. `guard` must outlive the parse.
/// Returns 0 on success, -1 when the context has no SAX handler to hook.
static inline int clibxml2_install_nesting_guard(htmlParserCtxtPtr ctxt, clibxml2_nesting_guard *guard) {
    if (ctxt == NULL || ctxt->sax == NULL || guard == NULL) {
        return -1;
    }
    guard->stopOffset = -1;
    guard->stopRawText = 0;
    guard->next = ctxt->sax->startElement;
    ctxt->_private = guard;
    ctxt->sax->startElement = clibxml2_guarded_start_element;
    return 0;
}

#endif
