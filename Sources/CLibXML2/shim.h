// The C side of the libxml2 boundary. Only Sources/HTMLText/LibXML2Parser.swift imports this module.
//
// It holds the includes the HTML reader needs and a `static inline` adapter for what Swift 6 cannot
// write itself: variadic C callbacks.
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

// MARK: - Version

/// The version of the libxml2 loaded at run time, as libxml2 writes it ("20914" for 2.9.14):
/// `xmlParserVersion` is a macro over a per-thread accessor in some versions, a variable in others.
static inline const char *clibxml2_parser_version(void) {
    return xmlParserVersion;
}

#endif
