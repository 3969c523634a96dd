#ifndef SEAM_DRIVER_H
#define SEAM_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// The body of the target this executable runs; set once by fuzzMain before anything runs.
typedef int (*seam_test_one_input_fn)(const uint8_t *data, size_t size);
void seam_register_target(seam_test_one_input_fn body);

/// 1 when the libFuzzer runtime is linked (built with -sanitize=fuzzer), 0 otherwise.
int seam_libfuzzer_linked(void);

/// Runs libFuzzer's driver with the given command line; only valid when it is linked.
int seam_run_libfuzzer(int argc, char **argv);

/// Swift's backtracer catches traps before libFuzzer can write a crash file. When
/// SWIFT_BACKTRACE is unset, sets it to enable=no and re-executes this binary with the same
/// arguments; returns only when it is already set (or the exec failed).
void seam_disable_swift_backtracer(char **argv);
/// Makes stdout line-buffered even into a pipe or file (the seam tool's progress lines).
void seam_line_buffer_stdout(void);
#endif
