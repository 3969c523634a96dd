#!/usr/bin/env bash
# usage: ci/nightly.sh [seconds-per-target]
# The nightly job: every target for a long budget (default 30 min) against the instrumented
# libraries, the working corpus merged into nothing (it is carried by the CI cache), every
# crash minimized, and the repro commands written to the job summary when there is one.
source "$(dirname "$0")/lib.sh"
status=0
seam run --all --time "${1:-1800}" --sanitizer address --libs instrumented | tee .seam/nightly.txt || status=$?
seam report > /dev/null || true
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
{
    echo "## Seam nightly"
    echo '```'
    grep -A20 '^target ' .seam/nightly.txt || true
    echo '```'
    cat .seam/report/report.md 2>/dev/null | sed -n '/^| target/,/^$/p'
} >> "$summary"
if ((status != 0)); then
    echo "### Crashes" >> "$summary"
    for crash in .seam/artifacts/*/crash-* .seam/artifacts/*/leak-* .seam/artifacts/*/timeout-* .seam/artifacts/*/oom-*; do
        [[ -f "$crash" && "$crash" != *.min ]] || continue
        seam minimize "$crash" > /dev/null 2>&1 || true
        echo "- \`seam repro $crash --save\`" | tee -a "$summary"
    done
fi
exit $status
