#ifndef SEAM_DRIVER_H
#define SEAM_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// The body of the target this executable runs and its budget, set once by fuzzMain before
/// libFuzzer starts. libFuzzer's entry point runs the body on each input and calls report with
/// the input's cost when it is over `seconds` of time or `memory_bytes` of peak growth (memory
/// measured only when check_memory is 1; see seam_memory_window_begin). Time is read from
/// CLOCK_MONOTONIC_COARSE, to the kernel's tick.
typedef int (*seam_test_one_input_fn)(const uint8_t *data, size_t size);
typedef void (*seam_over_budget_fn)(double seconds, long long memory_bytes);
void seam_register_target(seam_test_one_input_fn body, double seconds, long long memory_bytes, int check_memory,
                          seam_over_budget_fn report);

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

/// Runs body(context) on a new thread whose stack is stack_bytes (rounded up to a page and to
/// the system's minimum), with an alternate signal stack so that a stack overflow is reported,
/// and waits for it. Returns 0, or the pthread error that kept the thread from running.
typedef void (*seam_thread_body_fn)(void *context);
int seam_run_on_thread(size_t stack_bytes, seam_thread_body_fn body, void *context);
/// libFuzzer's -timeout is a process-wide SIGALRM that its handler ignores on any thread but
/// the one running inputs, and the kernel may deliver it to any thread that does not block it
/// (libFuzzer's RSS thread, say), losing the timeout. With 0, blocks SIGALRM on the calling
/// thread, so that threads it starts inherit the block; with 1, unblocks it there.
void seam_alarm_only_here(int only_here);
/// The size of the calling thread's stack, 0 when it cannot be read.
size_t seam_current_stack_size(void);

/// One input's peak memory: begin the window, run the input, read the peak growth in bytes.
/// Exact (the live heap, through the sanitizer's allocation hooks) in a sanitizer build;
/// the peak resident size otherwise. The window is process-wide: one input at a time.
void seam_memory_window_begin(void);
long long seam_memory_window_peak_growth(void);
/// 1 when the window measures the live heap exactly, 0 when it reads the resident size.
int seam_memory_tracking_exact(void);
#endif
