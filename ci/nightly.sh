#!/usr/bin/env bash
# usage: ci/nightly.sh [seconds-per-target]
# The nightly job: every target for a long budget (default 30 min) against the instrumented
# libraries, on every core and past its crashes (each distinct one kept), the working corpus
# carried by the CI cache, the first crashes of each target minimized, and the repro commands
# written to the job summary when there is one.
source "$(dirname "$0")/lib.sh"
status=0
seam run --all --time "${1:-1800}" --cores "$(nproc)" --keep-going --sanitizer address --libs instrumented | tee .seam/nightly.txt || status=$?
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
    for target in .seam/artifacts/*/; do
        crashes=()
        for crash in "$target"crash-* "$target"leak-* "$target"timeout-* "$target"oom-*; do
            [[ -f "$crash" && "$crash" != *.min ]] && crashes+=("$crash")
        done
        ((${#crashes[@]})) || continue
        echo "- $(basename "$target"): ${#crashes[@]} inputs" | tee -a "$summary"
        for crash in "${crashes[@]:0:5}"; do
            seam minimize "$crash" > /dev/null 2>&1 || true
            echo "  - \`seam repro $crash --save\`" | tee -a "$summary"
        done
    done
fi
exit $status
