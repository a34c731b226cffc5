#!/usr/bin/env bash
# Benchmark: a whole investigation with 16 filters of every kind (scripts/bench-investigation.yaml)
# over the SpamAssassin corpus, side by side with the GMime reference dumper merely parsing the same
# files, in one run. The target: the investigation, using every core, at least as fast as GMime.
#
#   scripts/bench-investigate.sh [CORPUS_DIR]      (default: ../shared/corpus/spamassassin)
#
# Needs: hyperfine, GNU time (/usr/bin/time), cc and libgmime-3.0-dev. Nothing is written beside the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus/spamassassin}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product dragnet >/dev/null
DRAGNET="$(swift build -c release --show-bin-path)/dragnet"
cc -O2 ../shared/tools/oracle/gmime_dump.c $(pkg-config --cflags --libs gmime-3.0) -o "$WORK/gmime_dump"
find "$CORPUS" -type f | LC_ALL=C sort > "$WORK/files"
echo "corpus: $CORPUS, $(wc -l < "$WORK/files") files; cores: $(nproc)"
"$DRAGNET" validate --investigation scripts/bench-investigation.yaml

hyperfine --warmup 1 --runs 10 --export-markdown "$WORK/hyperfine.md" \
    -n "gmime_dump (parse only)" "xargs -a $WORK/files $WORK/gmime_dump > /dev/null" \
    -n "dragnet investigate (1 thread)" "$DRAGNET investigate --jobs 1 --investigation scripts/bench-investigation.yaml $CORPUS > /dev/null" \
    -n "dragnet investigate (all cores)" "$DRAGNET investigate --investigation scripts/bench-investigation.yaml $CORPUS > /dev/null"
cat "$WORK/hyperfine.md"
/usr/bin/time -v "$DRAGNET" investigate --investigation scripts/bench-investigation.yaml "$CORPUS" 2>&1 >/dev/null \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print "peak RSS of the investigation: " $2 " KB"}'
"$DRAGNET" investigate --format jsonl --investigation scripts/bench-investigation.yaml "$CORPUS" | tail -1 \
    | python3 -c 'import json,sys; s=json.loads(sys.stdin.read()); print("messages scanned:", s.get("messagesScanned"), "matched:", s.get("messagesMatched"))'
