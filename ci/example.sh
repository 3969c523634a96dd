#!/usr/bin/env bash
# usage: ci/example.sh [seconds-per-target]
# Examples/YAML, a separate package that depends on Seam by path, run the way its README says
# a user runs it: the card's fuzzer build, its tests (corpus replay in-process), every target
# fuzzed (default 30 s) through `swift package seam` against instrumented libyaml, a plain
# replay of seeds and regressions, the fixed regression not reproducing, seed drift and the
# boundary contract.
source "$(dirname "$0")/lib.sh"
scripts/setup libyaml-dev autoconf automake libtool
cd Examples/YAML
seam() { swift package --allow-writing-to-package-directory seam "$@"; }
swift build -Xswiftc -sanitize=fuzzer,address --scratch-path .build-card
swift test                       # seeds and regressions replayed by each target's reproducer
seam seeds --check
seam run --all --time "${1:-30}"
seam regress
for regression in Corpus/Regressions/*/regression-*; do
    status=0
    output="$(seam repro "$regression" 2>&1)" || status=$?
    if [[ $status -eq 1 ]] && grep -q "does not reproduce" <<<"$output"; then
        echo "$regression: fixed, does not reproduce on the fuzzer build"
    else
        echo "$regression: reproduces again (exit $status):" >&2
        echo "$output" | tail -20 >&2
        exit 1
    fi
done
seam contract
