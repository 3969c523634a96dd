#!/usr/bin/env bash
# usage: ci/tsan.sh
# ThreadSanitizer against libraries built with TSan: libxml2's first use from many threads in a
# fresh process, the concurrency stress tests, then the rest of the tests; then the planted
# data race must be reported.
source "$(dirname "$0")/lib.sh"
use_deps thread
export TSAN_OPTIONS="halt_on_error=1"
flags=(--sanitize=thread --scratch-path .build-test-tsan)
swift build --build-tests "${flags[@]}"
swift test "${flags[@]}" --disable-xctest --filter "firstUseOfLibxml2FromManyThreadsAtOnce"
swift test "${flags[@]}" --disable-xctest --skip "$SEAM_SANITIZER_SKIP"
swift build "${flags[@]}" --product PlantedSanitizers
expect_report "data race (TSan)" "ThreadSanitizer: data race" .build-test-tsan/debug/PlantedSanitizers data-race
