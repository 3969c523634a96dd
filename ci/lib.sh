# Sourced by every ci/*.sh: the package root, the toolchain on PATH, system packages,
# the seam tool, and helpers. Not run on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -d /opt/swift/usr/bin ]] && export PATH="$PATH:/opt/swift/usr/bin"
scripts/setup
swift build --product seam -q
seam() { .build/debug/seam "$@"; }

# Tests that run other programs through Foundation's Process (Driver and SeamTool build and
# fuzz; BoundaryContractFile runs llvm-nm) run once, in the plain job: they test no sanitized
# code, and Process itself leaks a weak reference that LeakSanitizer reports. The sanitizer
# jobs run everything else under their sanitizer.
export SEAM_SANITIZER_SKIP="Driver|SeamTool|BoundaryContractFile"

# expect_report <what> <pattern> <command...>: the command must fail and print the pattern.
expect_report() {
    local what="$1" pattern="$2"
    shift 2
    local output status=0
    output="$("$@" 2>&1)" || status=$?
    if [[ $status -ne 0 ]] && grep -q -- "$pattern" <<<"$output"; then
        echo "planted $what: caught ($(grep -m1 -- "$pattern" <<<"$output" | sed 's/^[= 0-9]*//'))"
    else
        echo "planted $what: NOT caught (exit $status); output:" >&2
        echo "$output" | tail -20 >&2
        return 1
    fi
}

# Builds (or reuses) the instrumented libraries of a variant and points pkg-config at them.
# Assigned apart from the export: a failed build must fail the job, not leave it testing the
# system libraries (an `export` of a failed substitution succeeds).
use_deps() {
    local libraries
    libraries="$(seam deps "$1" | tail -1)"
    export PKG_CONFIG_PATH="$libraries"
}
