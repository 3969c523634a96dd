#!/usr/bin/env bash
# usage: ci/ubsan.sh
# UndefinedBehaviorSanitizer on the C side (swiftc has no -sanitize=undefined): the tests and a
# replay against libraries built with UBSan, halting on the first report; then the planted
# signed overflow must be reported.
source "$(dirname "$0")/lib.sh"
use_deps undefined
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
flags=(-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
       -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined --scratch-path .build-test-ubsan)
swift build --build-tests "${flags[@]}"
swift test "${flags[@]}" --disable-xctest --skip "$SEAM_SANITIZER_SKIP"
seam regress --variant undefined --libs instrumented
swift build "${flags[@]}" --product PlantedSanitizers
expect_report "signed overflow (UBSan)" "runtime error: signed integer overflow" .build-test-ubsan/debug/PlantedSanitizers signed-overflow
