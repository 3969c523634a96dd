# Shared by scripts/bench-fuzzers and scripts/bench-checks (sourced; needs $toolchain).

# The library lines a corpus reaches: replays it through a coverage build (the binary, with
# any further flags), and counts the library's own files' covered lines in the tree as
# "covered/total". With SEAM_KEEP_PROFILES set, keeps the profile as <corpus>.profdata.
library_lines() { # binary corpus library-tree [flags...]
    local binary="$1" corpus="$2" tree="$3" profile
    profile="$(mktemp -d)"
    LLVM_PROFILE_FILE="$profile/%p.profraw" SWIFT_BACKTRACE=enable=no "$binary" "${@:4}" "$corpus" >/dev/null 2>&1 || true
    "$toolchain/llvm-profdata" merge -sparse -o "$profile/all.profdata" "$profile"/*.profraw
    # The library's own files only: libxml2's tree also holds its fuzzers (fuzz/html.c and
    # fuzz.c alone are 73 lines the C side would otherwise be credited with), and zstd's C
    # fuzzers also link contrib/'s example sequence producer and programs/util.c.
    "$toolchain/llvm-cov" report "$binary" -instr-profile="$profile/all.profdata" -ignore-filename-regex='/(fuzz|tests?|contrib|programs)/' "$tree" \
        | awk '/^TOTAL/ { print $8 - $9 "/" $8 }'
    [[ -n "${SEAM_KEEP_PROFILES:-}" ]] && cp "$profile/all.profdata" "$corpus.profdata"
    rm -rf "$profile"
}

# The coverage build's library tree for a library name (zstd or libxml2).
library_tree() {
    local tree=".seam/deps/build/$1-coverage"
    [[ "$1" == zstd ]] && tree="$tree/lib"
    echo "$tree"
}

exec_rate() { sed -n 's/^stat::average_exec_per_sec: *//p' "$1" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# The median and range of numbers: "median (min-max)".
summary() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s (%s-%s)", m, v[1], v[NR] }'; }
