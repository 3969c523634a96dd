#!/usr/bin/env bash
# usage: ci/fuzz-smoke.sh [seconds-per-target]
# Every target fuzzed briefly (default 30 s) with -sanitize=fuzzer,address against the
# instrumented libraries; any crash fails the job with its repro command.
source "$(dirname "$0")/lib.sh"
seam run --all --time "${1:-30}" --variant address --libs instrumented
