#ifndef SEAM_CSEAMBOUNDARY_H
#define SEAM_CSEAMBOUNDARY_H
#include <stdbool.h>
#include <stddef.h>

// Whether SEAM_BOUNDARY_LOG named a file at start-up, that is, whether the wrappers record
// their C calls for the boundary contract check. A plain C global set once by a constructor
// before main and never written again, read through an inline function (Swift would treat
// the variable itself as shared mutable state): the wrappers' per-call check is one load,
// where a Swift global costs a lazy-initialization check and a call on every read.
extern bool seam_boundary_enabled_flag;

static inline bool seam_boundary_enabled(void) {
    return seam_boundary_enabled_flag;
}

// Whether AddressSanitizer's runtime is linked in: then the wrappers check every capacity
// they hand C against the memory behind it (seam_boundary_is_addressable), set once before
// main as above.
extern bool seam_boundary_asan_flag;

static inline bool seam_boundary_asan(void) {
    return seam_boundary_asan_flag;
}

// True when `count` bytes from `start` are all addressable by AddressSanitizer's account, or
// when no AddressSanitizer runtime is linked (nothing to ask).
bool seam_boundary_is_addressable(const void *start, size_t count);
#endif
