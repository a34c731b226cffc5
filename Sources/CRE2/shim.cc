// shim.cc — the C API of cre2shim.h over RE2. See the header for the contract of each function.

#include "cre2shim.h"

#include <new>
#include <string>

#include <re2/re2.h>

struct cre2shim_regex {
    re2::RE2 re;
    cre2shim_regex(const re2::StringPiece &pattern, const re2::RE2::Options &options) : re(pattern, options) {}
};

extern "C" cre2shim_regex *cre2shim_compile(const char *pattern, size_t length, int case_insensitive,
                                            int64_t max_mem) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_case_sensitive(case_insensitive == 0);
    options.set_longest_match(false);
    options.set_log_errors(false);
    if (max_mem > 0) options.set_max_mem(max_mem);
    try {
        return new cre2shim_regex(re2::StringPiece(pattern == nullptr ? "" : pattern, length), options);
    } catch (...) {
        return nullptr;
    }
}

extern "C" int cre2shim_status(const cre2shim_regex *regex) {
    if (regex == nullptr) return CRE2SHIM_NO_MEMORY;
    switch (regex->re.error_code()) {
    case re2::RE2::NoError: return CRE2SHIM_OK;
    case re2::RE2::ErrorPatternTooLarge: return CRE2SHIM_TOO_LARGE;
    default: return CRE2SHIM_INVALID;
    }
}

extern "C" const char *cre2shim_error(const cre2shim_regex *regex) {
    if (regex == nullptr) return "out of memory";
    return regex->re.error().c_str();
}

extern "C" int cre2shim_search(const cre2shim_regex *regex, const char *text, size_t length,
                               size_t *match_start, size_t *match_end) {
    if (regex == nullptr || !regex->re.ok()) return 0;
    re2::StringPiece input(text == nullptr ? "" : text, length);
    re2::StringPiece match;
    try {
        if (!regex->re.Match(input, 0, length, re2::RE2::UNANCHORED, &match, 1)) return 0;
    } catch (...) {
        return 0;
    }
    size_t start = static_cast<size_t>(match.data() - input.data());
    if (match_start != nullptr) *match_start = start;
    if (match_end != nullptr) *match_end = start + match.size();
    return 1;
}

extern "C" void cre2shim_free(cre2shim_regex *regex) { delete regex; }
