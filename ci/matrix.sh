#!/usr/bin/env bash
# usage: ci/matrix.sh [plain|asan|ubsan|tsan|fuzz-smoke|example|newcomer ...]
# Runs the named jobs (default: all, in this order), each in its own process, and ends with
# one line per job; exits 1 if any failed or, run unattended, took longer than its limit.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=("$@")
((${#jobs[@]})) || jobs=(plain asan ubsan tsan fuzz-smoke example newcomer)
results=() failed=0
# Seconds each job may take when run unattended; SEAM_JOB_LIMIT overrides.
job_limit="${SEAM_JOB_LIMIT:-1800}"
for job in "${jobs[@]}"; do
    [[ -x "ci/$job.sh" ]] || { echo "ci/matrix.sh: no job $job" >&2; exit 2; }
    echo "=== $job ==="
    start=$SECONDS status=0
    if [[ -t 0 ]]; then
        "ci/$job.sh" || status=$?
    else
        # Unattended (CI), a job that hangs is stopped at its limit so that the jobs after it
        # still run and the summary names it. In a terminal, timeout's own process group
        # would keep sudo from asking for a password, so there is no limit there.
        timeout --kill-after=30 "$job_limit" "ci/$job.sh" || status=$?
    fi
    if ((status == 0)); then
        results+=("$job: passed in $((SECONDS - start)) s")
    elif ((status == 124 || status == 137)) && ((SECONDS - start >= job_limit)); then
        results+=("$job: TIMED OUT after $((SECONDS - start)) s (limit $job_limit s)")
        failed=$((failed + 1))
    else
        results+=("$job: FAILED in $((SECONDS - start)) s")
        failed=$((failed + 1))
    fi
done
echo "=== matrix ==="
printf '%s\n' "${results[@]}"
echo "$(( ${#jobs[@]} - failed )) passed, $failed failed"
((failed == 0))
