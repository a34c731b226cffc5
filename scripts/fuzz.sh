#!/usr/bin/env bash
# Fuzzing with libFuzzer (docs/fuzzing.md).
#
#   scripts/fuzz.sh TARGET [SECONDS]             fuzz TARGET for SECONDS (default 300)
#   scripts/fuzz.sh TARGET --reproduce FILE...   run inputs once under libFuzzer (a finding, a fixture)
#   scripts/fuzz.sh TARGET --check FILE...       run inputs once and print every broken invariant
#   scripts/fuzz.sh TARGET --minimize FILE [S]   shrink a finding for S seconds (default 60)
#
# TARGET: mime | graph | mbox | html | investigation (Sources/FuzzTargets). Builds the Fuzz/ package in
# release with -sanitize=fuzzer,address in its own build folder (the main package's `swift build` and
# `swift test` are untouched), copies the seed inputs (Fixtures/, and ../shared corpora when present)
# into a temporary folder, and runs one fuzzing process. Findings (crashes, hangs over 10 s, leaks,
# broken invariants) and the log go to $DRAGNET_FUZZ_OUT/TARGET (default /tmp/dragnet-fuzz/TARGET),
# with the corpus the fuzzer grows, so that a later run goes on from it. Nothing is written into the
# repository: once a finding is fixed, copy it to Fixtures/fuzz-regressions/TARGET/.
# DRAGNET_FUZZ_STRICT_GRAPH=1 also reports the known Graph buffer-size differences (FuzzOptions).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

TARGET="${1:-}"
case "$TARGET" in
    mime) MAX_LEN=32768 ;;
    graph | mbox | html) MAX_LEN=16384 ;;
    investigation) MAX_LEN=8192 ;;
    *) echo "usage: scripts/fuzz.sh mime|graph|mbox|html|investigation [SECONDS | --reproduce FILE... | --check FILE... | --minimize FILE [SECONDS]]" >&2; exit 2 ;;
esac
shift

# gold fails on AddressSanitizer objects (an internal error): link with lld.
BUILD=(swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
BUILD_LOG="$(mktemp)"
if ! "${BUILD[@]}" >"$BUILD_LOG" 2>&1; then
    grep -E "error" "$BUILD_LOG" >&2 || tail -20 "$BUILD_LOG" >&2
    rm -f "$BUILD_LOG"
    echo "the fuzz build failed" >&2
    exit 1
fi
rm -f "$BUILD_LOG"
BIN="$("${BUILD[@]}" --show-bin-path)/dragnet-fuzz"
# Swift's crash handler would trip AddressSanitizer and hide its report.
export SWIFT_BACKTRACE=enable=no

if [ "${1:-}" = "--reproduce" ]; then
    shift
    exec "$BIN" "$TARGET" -runs=1 "$@"
fi
if [ "${1:-}" = "--minimize" ]; then
    mkdir -p "${DRAGNET_FUZZ_OUT:-/tmp/dragnet-fuzz}/$TARGET/findings"
    MIN="${DRAGNET_FUZZ_OUT:-/tmp/dragnet-fuzz}/$TARGET/findings/minimized-$(basename "$2")"
    "$BIN" "$TARGET" -minimize_crash=1 -max_total_time="${3:-60}" -exact_artifact_path="$MIN" "$2" >/dev/null 2>&1 || true
    echo "$MIN ($(stat -c %s "$MIN") bytes)"
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    shift
    exec "$BIN" --check "$TARGET" "$@"
fi

SECONDS_TO_RUN="${1:-300}"
OUT="${DRAGNET_FUZZ_OUT:-/tmp/dragnet-fuzz}/$TARGET"
mkdir -p "$OUT/corpus" "$OUT/findings"
SEEDS="$(mktemp -d)"
trap 'rm -rf "$SEEDS"' EXIT
# Seeds are copied, never linked: the fuzzer must not write beside them. Files over 256 KiB are left
# out (libFuzzer would read only their first MAX_LEN bytes anyway).
"$BIN" --seeds "$TARGET" "$ROOT" | while IFS= read -r file; do
    [ "$(stat -c %s "$file")" -le 262144 ] && printf '%s\0' "$file"
done | xargs -0 -r cp --backup=numbered -t "$SEEDS"
echo "$TARGET: $(ls "$SEEDS" | wc -l) seed inputs, $(ls "$OUT/corpus" | wc -l) in the kept corpus; log: $OUT/fuzz.log"

DICT=()
[ -f "Fuzz/dictionaries/$TARGET.dict" ] && DICT=("-dict=Fuzz/dictionaries/$TARGET.dict")
"$BIN" "$TARGET" "$OUT/corpus" "$SEEDS" "${DICT[@]}" \
    -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$OUT/findings/" 2>&1 | tee "$OUT/fuzz.log" | grep -E "INITED|DONE|pulse|NEW_FUNC|ERROR|SUMMARY|invariant|Test unit|stat::" || true
ls "$OUT/findings" | sed "s|^|finding: $OUT/findings/|"
