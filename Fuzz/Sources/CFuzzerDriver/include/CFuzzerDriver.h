#ifndef DRAGNET_CFUZZERDRIVER_H
#define DRAGNET_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (linked with -sanitize=fuzzer): parses libFuzzer's flags from argc/argv and
/// calls `callback` with each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
