#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script. The base image sets SRC, OUT, WORK, SANITIZER and
# FUZZING_ENGINE; this puts every target's binary, seed corpus zip, dictionary and .options
# file into $OUT. The C libraries of seam-libraries.json are built instrumented when their
# sources can be fetched (SEAM_LIBS=system skips that).
cd "$SRC/seam"
[[ "$FUZZING_ENGINE" == "libfuzzer" ]] || { echo "build.sh: only libFuzzer is supported, not $FUZZING_ENGINE" >&2; exit 1; }

# The seam tool writes the sanitizer flags (the same ones `seam build` uses) and builds the
# instrumented C libraries.
swift build --product seam -q
case "$SANITIZER" in
    address|undefined|thread|none) variant=$SANITIZER; deps=$SANITIZER; coverage=() ;;
    coverage) variant=none; deps=none; coverage=(--coverage) ;;
    *) echo "build.sh: sanitizer $SANITIZER is not supported for Swift" >&2; exit 1 ;;
esac
read -ra flags <<<"-c release -Xswiftc -g $(.build/debug/seam build --variant "$variant" "${coverage[@]}" --print-flags)"
if [[ "${SEAM_LIBS:-instrumented}" == "instrumented" ]] \
    && pkgconfig="$(.build/debug/seam deps "$deps" 2>"$WORK/deps.log" | tail -1)"; then
    export PKG_CONFIG_PATH="$pkgconfig"
else
    echo "build.sh: using the system's C libraries (see $WORK/deps.log)" >&2
fi
scratch="$WORK/.build-$SANITIZER"
swift build "${flags[@]}" --scratch-path "$scratch"

for target in $(.build/debug/seam list --names); do
    cp "$scratch/release/$target" "$OUT/"
    seeds=(Corpus/"$target"/* Corpus/Regressions/"$target"/*)
    existing=()
    for seed in "${seeds[@]}"; do [[ -f "$seed" ]] && existing+=("$seed"); done
    ((${#existing[@]})) && zip -jq "$OUT/${target}_seed_corpus.zip" "${existing[@]}"
    # No -timeout or -max_len: each binary passes libFuzzer its target's own (twice its time
    # budget, its declared input length) unless told otherwise.
    if [[ -f "Corpus/$target.dict" ]]; then
        cp -L "Corpus/$target.dict" "$OUT/$target.dict"
        printf "[libfuzzer]\ndict = %s\n" "$target.dict" > "$OUT/$target.options"
    fi
done
