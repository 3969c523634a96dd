#!/usr/bin/env bash
# usage: ci/asan.sh
# AddressSanitizer + LeakSanitizer: the tests and a replay of every seed and regression against
# libzstd and libxml2 built with ASan, leak checking on exit; then the planted heap overflow
# and leak must be reported.
source "$(dirname "$0")/lib.sh"
use_deps address
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0"
flags=(--sanitize=address --scratch-path .build-test-asan)
swift build --build-tests "${flags[@]}"
swift test "${flags[@]}" --disable-xctest --skip "$SEAM_SANITIZER_SKIP"
seam regress --variant address --libs instrumented
swift build "${flags[@]}" --product PlantedSanitizers
expect_report "heap overflow (ASan)" "AddressSanitizer: heap-buffer-overflow" .build-test-asan/debug/PlantedSanitizers heap-overflow
expect_report "leak (LSan)" "LeakSanitizer: detected memory leaks" .build-test-asan/debug/PlantedSanitizers leak
