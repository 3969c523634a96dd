#include "CSeamDriver.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// Linked whole-archive under -sanitize=fuzzer, absent otherwise (DESIGN, fact 2).
extern int LLVMFuzzerRunDriver(int *argc, char ***argv,
                               int (*callback)(const uint8_t *data, size_t size)) __attribute__((weak));

static seam_test_one_input_fn registered_body;

void seam_register_target(seam_test_one_input_fn body) { registered_body = body; }

// Every executable of the package links this file, so the libFuzzer runtime always finds the
// entry point it references (DESIGN, fact 1); the tool registers no body and ignores input.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return registered_body ? registered_body(data, size) : 0;
}

int seam_libfuzzer_linked(void) { return LLVMFuzzerRunDriver != NULL; }

int seam_run_libfuzzer(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}

void seam_disable_swift_backtracer(char **argv) {
    if (getenv("SWIFT_BACKTRACE") != NULL) return;
    setenv("SWIFT_BACKTRACE", "enable=no", 1);
    execv("/proc/self/exe", argv);
}

void seam_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
