#ifndef SEAM_CZSTD_SHIM_H
#define SEAM_CZSTD_SHIM_H
// The experimental API (frame headers, ZSTD_findDecompressedSize, ZSTD_decompressBound, fastCover
// training) is exported by Debian's shared libzstd as well as the static one.
#define ZSTD_STATIC_LINKING_ONLY
#define ZDICT_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>
#include <zdict.h>

// ZSTD_VERSION_NUMBER is an expression macro Swift does not import.
static inline unsigned seam_zstd_header_version(void) {
    return ZSTD_VERSION_NUMBER;
}

// The experimental compression parameters are macros naming other enum constants
// (ZSTD_c_experimentalParamN), which Swift does not import.
static const ZSTD_cParameter seam_zstd_c_targetCBlockSize = ZSTD_c_targetCBlockSize;
static const ZSTD_cParameter seam_zstd_c_useBlockSplitter = ZSTD_c_useBlockSplitter;
static const ZSTD_cParameter seam_zstd_c_useRowMatchFinder = ZSTD_c_useRowMatchFinder;
static const ZSTD_cParameter seam_zstd_c_literalCompressionMode = ZSTD_c_literalCompressionMode;
static const ZSTD_cParameter seam_zstd_c_srcSizeHint = ZSTD_c_srcSizeHint;
static const ZSTD_cParameter seam_zstd_c_forceAttachDict = ZSTD_c_forceAttachDict;
static const ZSTD_cParameter seam_zstd_c_enableDedicatedDictSearch = ZSTD_c_enableDedicatedDictSearch;
static const ZSTD_cParameter seam_zstd_c_forceMaxWindow = ZSTD_c_forceMaxWindow;
static const ZSTD_cParameter seam_zstd_c_prefetchCDictTables = ZSTD_c_prefetchCDictTables;
static const ZSTD_cParameter seam_zstd_c_maxBlockSize = ZSTD_c_maxBlockSize;
static const ZSTD_cParameter seam_zstd_c_blockDelimiters = ZSTD_c_blockDelimiters;
static const ZSTD_cParameter seam_zstd_c_validateSequences = ZSTD_c_validateSequences;
static const ZSTD_cParameter seam_zstd_c_enableSeqProducerFallback = ZSTD_c_enableSeqProducerFallback;

#endif
