#ifndef SEAM_CZSTD_SHIM_H
#define SEAM_CZSTD_SHIM_H
// The experimental API (frame headers, ZSTD_findDecompressedSize, ZSTD_decompressBound) is
// exported by Debian's shared libzstd as well as the static one.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>
#include <zdict.h>

// ZSTD_VERSION_NUMBER is an expression macro Swift does not import.
static inline unsigned seam_zstd_header_version(void) {
    return ZSTD_VERSION_NUMBER;
}
#endif
