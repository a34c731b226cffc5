#!/usr/bin/env bash
# Benchmark: `dragnet inspect --format jsonl` against the GMime reference dumper over the same files,
# in one run. Both parse every message, decode every part, hash it (SHA-256) and print the text
# (`--no-links`: GMime does not parse HTML for links, so neither does Dragnet here).
#
#   scripts/bench-inspect.sh [CORPUS_DIR]      (default: ../shared/corpus/spamassassin)
#
# Needs: hyperfine, GNU time (/usr/bin/time), cc and libgmime-3.0-dev (apt-get install hyperfine time
# libgmime-3.0-dev). The GMime dumper is compiled from ../shared/tools/oracle/gmime_dump.c into a
# temporary folder; nothing is written beside the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus/spamassassin}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product dragnet >/dev/null
DRAGNET="$(swift build -c release --show-bin-path)/dragnet"
cc -O2 ../shared/tools/oracle/gmime_dump.c $(pkg-config --cflags --libs gmime-3.0) -o "$WORK/gmime_dump"

find "$CORPUS" -type f | LC_ALL=C sort > "$WORK/files"
COUNT=$(wc -l < "$WORK/files")
BYTES=$(xargs -a "$WORK/files" cat | wc -c)
echo "corpus: $CORPUS, $COUNT files, $BYTES bytes"
echo "cores: $(nproc)"

hyperfine --warmup 1 --runs 10 --export-markdown "$WORK/hyperfine.md" \
    -n gmime_dump "xargs -a $WORK/files $WORK/gmime_dump > /dev/null" \
    -n "dragnet (1 thread)" "xargs -a $WORK/files $DRAGNET inspect --format jsonl --no-links --jobs 1 > /dev/null" \
    -n "dragnet (all cores)" "xargs -a $WORK/files $DRAGNET inspect --format jsonl --no-links > /dev/null"
cat "$WORK/hyperfine.md"

# Peak memory over a quarter, a half and all of the files: it must not grow with the file count.
for fraction in 4 2 1; do
    n=$((COUNT / fraction))
    head -n "$n" "$WORK/files" > "$WORK/subset"
    rss=$( { /usr/bin/time -v xargs -a "$WORK/subset" "$DRAGNET" inspect --format jsonl --no-links > /dev/null; } 2>&1 \
        | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
    echo "peak RSS over $n files: ${rss} KB"
done
