#include <stdlib.h>
#include "CSeamBoundary.h"

bool seam_boundary_enabled_flag = false;

__attribute__((constructor)) static void seam_boundary_read_environment(void) {
    const char *path = getenv("SEAM_BOUNDARY_LOG");
    seam_boundary_enabled_flag = path != NULL;
}
