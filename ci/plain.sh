#!/usr/bin/env bash
# usage: ci/plain.sh
# Plain build and the whole test suite (including the end-to-end driver and seam tool tests),
# the hostile-input suite, seed drift, a standalone replay of every seed and regression, the
# CI files' checks, and the DocC documentation built with warnings as errors.
source "$(dirname "$0")/lib.sh"
# chromium renders the HTML report in the tests.
scripts/setup chromium
swift build --build-tests
swift test
# The hostile-input suites again, under a stated memory bound: 2 GiB of address space for
# the whole test process (decompression bombs, entity expansion, deep nesting, huge names).
(ulimit -v $((2 * 1024 * 1024)); swift test --skip-build --filter "HostileInput|AmplificationAndEncodings|decompressRefusesDeclaredBomb|decompressBoundsFrames")
# Every public API against every class of hostile input, in a release build (scripts/hostile).
scripts/hostile
seam seeds --check
seam regress --variant plain
seam contract --skip "Driver|SeamTool"
ci/check-ci-files.sh
scripts/docs
