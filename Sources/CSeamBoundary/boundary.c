#include <stdlib.h>
#include "CSeamBoundary.h"

bool seam_boundary_enabled_flag = false;
bool seam_boundary_asan_flag = false;

// AddressSanitizer's interface, present when its runtime is linked (a weak reference is
// null otherwise), whether or not this file itself was compiled with the sanitizer.
extern void *__asan_region_is_poisoned(void *start, size_t size) __attribute__((weak));

bool seam_boundary_is_addressable(const void *start, size_t count) {
    return __asan_region_is_poisoned == NULL || count == 0 || __asan_region_is_poisoned((void *)start, count) == NULL;
}

__attribute__((constructor)) static void seam_boundary_read_environment(void) {
    const char *path = getenv("SEAM_BOUNDARY_LOG");
    seam_boundary_enabled_flag = path != NULL;
    seam_boundary_asan_flag = __asan_region_is_poisoned != NULL;
}
