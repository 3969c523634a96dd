#!/usr/bin/env bash
# usage: ci/matrix.sh [plain|asan|ubsan|tsan|fuzz-smoke|example ...]
# Runs the named jobs (default: all, in this order), each in its own process, and ends with
# one line per job; exits 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=("$@")
((${#jobs[@]})) || jobs=(plain asan ubsan tsan fuzz-smoke example)
results=() failed=0
for job in "${jobs[@]}"; do
    [[ -x "ci/$job.sh" ]] || { echo "ci/matrix.sh: no job $job" >&2; exit 2; }
    echo "=== $job ==="
    start=$SECONDS
    if "ci/$job.sh"; then
        results+=("$job: passed in $((SECONDS - start)) s")
    else
        results+=("$job: FAILED in $((SECONDS - start)) s")
        failed=$((failed + 1))
    fi
done
echo "=== matrix ==="
printf '%s\n' "${results[@]}"
echo "$(( ${#jobs[@]} - failed )) passed, $failed failed"
((failed == 0))
