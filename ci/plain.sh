#!/usr/bin/env bash
# usage: ci/plain.sh
# Plain build and the whole test suite (including the end-to-end driver and seam tool tests),
# seed drift, a standalone replay of every seed and regression, and the CI files' checks.
source "$(dirname "$0")/lib.sh"
swift build --build-tests
swift test
seam seeds --check
seam regress --variant plain
seam contract
ci/check-ci-files.sh
