#ifndef SEAM_CSEAMFUZZTESTING_H
#define SEAM_CSEAMFUZZTESTING_H

// Runs `program` with the arguments in `arguments` (separated by the byte 0x1F, which no path
// holds), its stdout and stderr written to the file `output`, and the environment variable
// `SWIFT_BACKTRACE=enable=no` added, so a Swift trap ends the child at once with its signal.
// Waits for it and returns its wait status as waitpid gives it, or -1 with errno set when it
// could not be started. posix_spawn, not Foundation's Process, which leaks an object that
// LeakSanitizer reports in the test process.
int seam_run_child(const char *program, const char *arguments, const char *output);

// The signal that ended a child (its wait status), or 0 when it exited.
int seam_wait_signal(int status);

// A child's exit status, or -1 when a signal ended it.
int seam_wait_exit_status(int status);

#endif
