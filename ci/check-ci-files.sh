#!/usr/bin/env bash
# usage: ci/check-ci-files.sh
# Checks what cannot run here: the GitHub workflow and action files against GitHub's JSON
# schemas (check-jsonschema from PyPI, vendored schemas, no network), and the OSS-Fuzz
# build.sh, run as the base image runs it, by what it puts in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.seam/venv
if [[ ! -x "$venv/bin/check-jsonschema" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q check-jsonschema
fi
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-actions ci/actions/*/action.yml

# OSS-Fuzz's build.sh with the environment the base image sets.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src" "$scratch/out" "$scratch/work"
ln -s "$PWD" "$scratch/src/seam"
SRC="$scratch/src" OUT="$scratch/out" WORK="$scratch/work" SANITIZER=address FUZZING_ENGINE=libfuzzer \
    ci/oss-fuzz/build.sh > "$scratch/build.log" 2>&1 || { tail -30 "$scratch/build.log"; exit 1; }
failures=0
for target in $(.build/debug/seam list --names); do
    for file in "$target" "${target}_seed_corpus.zip"; do
        [[ -s "$scratch/out/$file" ]] || { echo "oss-fuzz build.sh: \$OUT/$file missing" >&2; failures=$((failures + 1)); }
    done
    # A dictionary comes with an .options file naming it, and nothing else: the binary passes
    # libFuzzer its own -max_len and -timeout, which an .options value would override.
    if [[ -f "Corpus/$target.dict" ]]; then
        [[ -s "$scratch/out/$target.dict" ]] || { echo "oss-fuzz build.sh: \$OUT/$target.dict missing" >&2; failures=$((failures + 1)); }
        [[ "$(cat "$scratch/out/$target.options" 2>/dev/null)" == "$(printf '[libfuzzer]\ndict = %s' "$target.dict")" ]] \
            || { echo "oss-fuzz build.sh: \$OUT/$target.options does not name only its dictionary" >&2; failures=$((failures + 1)); }
    fi
    seeds="$(unzip -Z1 "$scratch/out/${target}_seed_corpus.zip" | wc -l)"
    expected="$(find "Corpus/$target" "Corpus/Regressions/$target" -type f ! -name '.*' | wc -l)"
    [[ "$seeds" == "$expected" ]] || { echo "oss-fuzz build.sh: $target seed zip has $seeds files, want $expected" >&2; failures=$((failures + 1)); }
    # The binary is a real libFuzzer binary: it runs its own seeds and stops.
    (cd "$scratch/out" && SWIFT_BACKTRACE=enable=no "./$target" -runs=0 > /dev/null 2>&1) \
        || { echo "oss-fuzz build.sh: \$OUT/$target does not run" >&2; failures=$((failures + 1)); }
done
((failures == 0))
echo "CI files: workflows and actions match GitHub's schemas; OSS-Fuzz build.sh put $(ls "$scratch/out" | wc -l) files in \$OUT"
