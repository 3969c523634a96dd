#!/usr/bin/env bash
# usage: ci/nightly.sh [seconds-per-target]
# The nightly job: every target for a long budget (default 30 min) against the instrumented
# libraries, on every core and past its crashes (each distinct one kept), the working corpus
# carried by the CI cache, and the crashes triaged by signature into the job summary when
# there is one.
source "$(dirname "$0")/lib.sh"
status=0
seam run --all --time "${1:-1800}" --cores "$(nproc)" --keep-going --variant address --libs instrumented | tee .seam/nightly.txt || status=$?
# The working corpus is carried to the next night: only what keeps its coverage.
seam distill --all | tee .seam/distill.txt || true
seam report > /dev/null || true
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
{
    echo "## Seam nightly"
    echo '```'
    grep -A20 '^target ' .seam/nightly.txt || true
    echo '```'
    cat .seam/report/report.md 2>/dev/null | sed -n '/^| target/,/^$/p'
    echo "### Working corpus, distilled"
    echo '```'
    cat .seam/distill.txt 2>/dev/null || true
    echo '```'
} >> "$summary"
if ((status != 0)); then
    # One row per bug, new ones first, however many inputs and targets found it; the smallest
    # input of each is minimized once.
    echo "### Crashes by signature" >> "$summary"
    seam triage --markdown | tee -a "$summary"
fi
exit $status
