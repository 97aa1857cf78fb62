#ifndef CHISO_FUZZ_DRIVER_H
#define CHISO_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM gives every executable its
/// own entry point, so the fuzz targets start libFuzzer from their main.swift instead of using its main().
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
