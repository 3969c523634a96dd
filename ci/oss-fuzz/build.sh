#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script. The base image sets SRC, OUT, WORK, SANITIZER and
# FUZZING_ENGINE; this puts every target's binary, seed corpus zip, dictionary and .options
# file into $OUT. The C libraries of seam-libraries.json are built instrumented when their
# sources can be fetched (SEAM_LIBS=system skips that).
cd "$SRC/seam"
[[ "$FUZZING_ENGINE" == "libfuzzer" ]] || { echo "build.sh: only libFuzzer is supported, not $FUZZING_ENGINE" >&2; exit 1; }

flags=(-c release -Xswiftc -g)
case "$SANITIZER" in
    address) flags+=(-Xswiftc -sanitize=fuzzer,address); deps=address ;;
    undefined) flags+=(-Xswiftc -sanitize=fuzzer -Xcc -fsanitize=undefined -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined); deps=undefined ;;
    thread) flags+=(-Xswiftc -sanitize=fuzzer,thread); deps=thread ;;
    coverage) flags+=(-Xswiftc -sanitize=fuzzer -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping); deps=none ;;
    none) flags+=(-Xswiftc -sanitize=fuzzer); deps=none ;;
    *) echo "build.sh: sanitizer $SANITIZER is not supported for Swift" >&2; exit 1 ;;
esac
if [[ "${SEAM_LIBS:-instrumented}" == "instrumented" ]] && swift build --product seam -q >"$WORK/deps.log" 2>&1 \
    && pkgconfig="$(.build/debug/seam deps "$deps" 2>>"$WORK/deps.log" | tail -1)"; then
    export PKG_CONFIG_PATH="$pkgconfig"
else
    echo "build.sh: using the system's C libraries (see $WORK/deps.log)" >&2
fi
scratch="$WORK/.build-$SANITIZER"
swift build "${flags[@]}" --scratch-path "$scratch"

for main in Fuzz/*/main.swift; do
    target="$(basename "$(dirname "$main")")"
    cp "$scratch/release/$target" "$OUT/"
    seeds=(Corpus/"$target"/* Corpus/Regressions/"$target"/*)
    existing=()
    for seed in "${seeds[@]}"; do [[ -f "$seed" ]] && existing+=("$seed"); done
    ((${#existing[@]})) && zip -jq "$OUT/${target}_seed_corpus.zip" "${existing[@]}"
    options="[libfuzzer]\ntimeout = 25\nmax_len = 4096\n"
    if [[ -f "Corpus/$target.dict" ]]; then
        cp -L "Corpus/$target.dict" "$OUT/$target.dict"
        options+="dict = $target.dict\n"
    fi
    printf "$options" > "$OUT/$target.options"
done
