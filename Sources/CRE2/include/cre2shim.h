/*
 * cre2shim.h — a plain C API over RE2 (Debian libre2-dev), for Swift.
 *
 * Only the SafeRegex module imports this header. It exposes an opaque compiled pattern, its
 * compile error, and an unanchored search that returns the byte range of the first match.
 * Nothing here throws: C++ exceptions never cross this boundary.
 */
#ifndef CRE2_SHIM_H
#define CRE2_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A compiled RE2 pattern (opaque). Matching through one object from several threads at once is safe. */
typedef struct cre2shim_regex cre2shim_regex;

/* Outcome of a compilation, from cre2shim_status. */
enum {
    CRE2SHIM_OK = 0,
    /* The pattern is not valid RE2 syntax (or not valid UTF-8). */
    CRE2SHIM_INVALID = 1,
    /* The compiled program would exceed the memory limit. */
    CRE2SHIM_TOO_LARGE = 2,
    /* Allocation failed; no object was created (cre2shim_compile returned NULL). */
    CRE2SHIM_NO_MEMORY = 3
};

/*
 * Compiles `pattern` (`length` bytes of UTF-8, NUL bytes allowed) with the options Dragnet uses:
 * UTF-8 text and pattern, leftmost-first (not longest) matching, no logging to stderr,
 * case-insensitive when `case_insensitive` is non-zero, and at most `max_mem` bytes for the
 * compiled programs and their DFA caches (`max_mem` <= 0 keeps RE2's default of 8 MiB).
 *
 * Always returns an object to be released with cre2shim_free, even when compilation failed
 * (check cre2shim_status), or NULL when memory could not be allocated.
 */
cre2shim_regex *cre2shim_compile(const char *pattern, size_t length, int case_insensitive, int64_t max_mem);

/* CRE2SHIM_OK, CRE2SHIM_INVALID or CRE2SHIM_TOO_LARGE. */
int cre2shim_status(const cre2shim_regex *regex);

/* RE2's error message ("missing ): (a+"), NUL-terminated, owned by `regex`; "" when it compiled. */
const char *cre2shim_error(const cre2shim_regex *regex);

/*
 * Unanchored search for the first (leftmost-first) match in `length` bytes at `text`.
 * Returns 1 and stores the match's byte offsets [*match_start, *match_end) on a match, 0 otherwise
 * (and 0 for a pattern that did not compile).
 */
int cre2shim_search(const cre2shim_regex *regex, const char *text, size_t length,
                    size_t *match_start, size_t *match_end);

/* Releases `regex` (NULL is allowed). */
void cre2shim_free(cre2shim_regex *regex);

#ifdef __cplusplus
}
#endif

#endif /* CRE2_SHIM_H */
