#include "CSeamDriver.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

// Linked whole-archive under -sanitize=fuzzer, absent otherwise (DESIGN, fact 2).
extern int LLVMFuzzerRunDriver(int *argc, char ***argv,
                               int (*callback)(const uint8_t *data, size_t size)) __attribute__((weak));

static seam_test_one_input_fn registered_body;
static seam_over_budget_fn registered_report;
static long long budget_nanoseconds, budget_bytes;
static int checks_memory, receives_alarms;

void seam_register_target(seam_test_one_input_fn body, double seconds, long long memory_bytes, int check_memory,
                          seam_over_budget_fn report) {
    registered_body = body;
    registered_report = report;
    budget_nanoseconds = (long long)(seconds * 1e9);
    budget_bytes = memory_bytes;
    checks_memory = check_memory;
}

// CLOCK_MONOTONIC_COARSE advances once per kernel tick (1 to 10 ms) and costs a few
// nanoseconds to read, against a budget of a second or so.
static long long coarse_clock_ns(void) {
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &now) != 0) clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

// Every executable of the package links this file, so the libFuzzer runtime always finds the
// entry point it references (DESIGN, fact 1); the tool registers no body and ignores input.
//
// The budget checks around each input are here rather than in Swift: this file is not built
// with coverage instrumentation, and every edge the harness's own code takes for an input is
// a feature libFuzzer collects after it (BENCHMARKS.md, the null pair).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (registered_body == NULL) return 0;
    if (!receives_alarms) {
        // libFuzzer has started its own threads by now, with SIGALRM blocked (seam_run_libfuzzer's
        // caller blocks it first).
        seam_alarm_only_here(1);
        receives_alarms = 1;
    }
    if (checks_memory) seam_memory_window_begin();
    long long start = coarse_clock_ns();
    registered_body(data, size);
    long long elapsed = coarse_clock_ns() - start;
    long long grown = checks_memory ? seam_memory_window_peak_growth() : 0;
    if (elapsed > budget_nanoseconds || grown > budget_bytes) registered_report((double)elapsed / 1e9, grown);
    return 0;
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
