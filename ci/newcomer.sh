#!/usr/bin/env bash
# usage: ci/newcomer.sh [seconds]
# The first hour of a team that fuzzes its own C library, walked from an empty folder with
# only what the README and seam print: `seam init` on Debian's zlib1g-dev (no zlib in this
# repository), the wrapper and target a user writes (ci/newcomer/, with an off-by-one output
# buffer planted), the card's build building the listed target, the planted crash found in a
# fuzz of the instrumented zlib and saved as a regression, `swift test` naming that input,
# then the fix, a clean fuzz and the contract.
source "$(dirname "$0")/lib.sh"
scripts/setup zlib1g-dev
seam_root="$PWD" newcomer="ci/newcomer"
package="$(mktemp -d /tmp/seam-newcomer.XXXXXX)/zfuzz"
mkdir -p "$package"
cd "$package"
seam() { swift package --allow-writing-to-package-directory seam "$@"; }
step() { echo "--- $*"; }

step "seam init zlib1g-dev"
"$seam_root/.build/debug/seam" init zlib1g-dev --target ZlibRoundTrip | tee init.log
grep -q "^  swift build -Xswiftc -sanitize=fuzzer,address" init.log
rm init.log
cp "$seam_root/$newcomer/Zlib.swift" Sources/Zlib/Zlib.swift
cp "$seam_root/$newcomer/ZlibRoundTrip.swift" Sources/ZlibFuzzTargets/ZlibRoundTrip.swift
cp "$seam_root/$newcomer/ZlibTests.swift" Tests/ZlibTests/ZlibTests.swift
grep -q "PLANTED" Sources/Zlib/Zlib.swift

step "the card's build builds the listed target"
swift build -Xswiftc -sanitize=fuzzer,address
[[ -x .build/debug/ZlibRoundTrip ]] || { echo "the card's build made no ZlibRoundTrip" >&2; exit 1; }
seam seeds

step "the planted bug, found by a fuzz of the instrumented zlib"
status=0
seam run --all --time "${1:-30}" | tee run.log || status=$?
[[ $status -eq 1 ]] || { echo "the planted bug was not found (exit $status)" >&2; exit 1; }
crash="$(grep -o '/[^ ]*/crash-[0-9a-f]*' run.log | head -1)"
rm run.log
seam repro "$crash" --save | tee repro.log
grep -q "capacity .* passed with a buffer of" repro.log
rm repro.log
regression="$(ls Corpus/Regressions/ZlibRoundTrip/regression-*)"

step "swift test names the crashing input"
status=0
output="$(swift test 2>&1)" || status=$?
if [[ $status -eq 0 ]] || ! grep -q "ZlibRoundTrip: $package/$regression: signal 4 (Illegal instruction): .*uncompress: capacity" <<<"$output"; then
    echo "swift test did not name $regression (exit $status):" >&2
    echo "$output" | tail -30 >&2
    exit 1
fi
echo "swift test failed naming $regression"

step "the fix: a clean fuzz, the instrumented zlib linked, the tests, the contract"
sed -i 's|max(size - 1, 0))  // PLANTED: one byte short|size)|' Sources/Zlib/Zlib.swift
swift test
seam run --all --time "${1:-30}"
seam deps --which .build-address-instrumented/release/ZlibRoundTrip | tee which.log
grep -q "zlib: static copy linked" which.log
cat >>ci/boundary-contract.txt <<'CONTRACT'
uncompress                            fallible
compress2                             infallible  a compressBound buffer: fails only when memory runs out
compressBound                         infallible  arithmetic
CONTRACT
seam contract
step "nothing written outside the package's own folders"
stray="$(ls -A | grep -v -x -E '\.build.*|\.seam|\.gitignore|Package\.(swift|resolved)|Sources|Tests|Fuzz|Corpus|ci|seam-libraries\.json|which\.log' || true)"
[[ -z "$stray" ]] || { echo "files outside the declared folders: $stray" >&2; exit 1; }
rm -rf "$(dirname "$package")"
