// The C side of scripts/bench-null: a libFuzzer target that reads its input and calls
// nothing, the baseline for what Seam's Swift driver and FuzzInput cost per input.
#include <stddef.h>
#include <stdint.h>

volatile uint8_t seam_null_sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 0) seam_null_sink = data[size - 1];
    return 0;
}
