#!/usr/bin/env bash
# Benchmark on HTML-heavy mail: the 18-filter investigation (scripts/bench-investigation-18.yaml)
# on every core, side by side with the GMime reference dumper (parse, decode, SHA-256 and text of
# every part) over the same files, in alternating runs of one hyperfine invocation; then one-core
# rows with one kind of filter each (envelope only, header, one keyword, one regex, one url) and
# the 18 filters on one core. Prints the wall-time ratio and the investigation's peak RSS.
#
#   scripts/generate-html-bench.py /tmp/dragnet-html-bench      (once; ~300 MB, not committed)
#   scripts/bench-html.sh [CORPUS_DIR] [RUNS]     (default: /tmp/dragnet-html-bench, 10 runs)
#
# Needs: hyperfine, GNU time (/usr/bin/time), cc and libgmime-3.0-dev. Nothing is written beside the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-/tmp/dragnet-html-bench}"
RUNS="${2:-10}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product dragnet >/dev/null
DRAGNET="$(swift build -c release --show-bin-path)/dragnet"
cc -O2 ../shared/tools/oracle/gmime_dump.c $(pkg-config --cflags --libs gmime-3.0) -o "$WORK/gmime_dump"
find "$CORPUS" -type f -name '*.eml' | LC_ALL=C sort > "$WORK/files"
echo "corpus: $CORPUS, $(wc -l < "$WORK/files") files, $(du -sh "$CORPUS" | cut -f1); cores: $(nproc)"
SPEC=scripts/bench-investigation-18.yaml
"$DRAGNET" validate --investigation "$SPEC"

one() { # name, filter lines
    printf 'name: %s\nmatch: any\nfilters:\n%s\naction:\n  type: none\n' "$1" "$2" > "$WORK/$1.yaml"
}
one envelope "  - from: paypal-security.example
  - subject: urgent"
one header "  - header: {name: X-Mailer, contains: Microsoft Outlook Express}"
one keyword "  - keyword: wire transfer"
one regex "  - regex: '(?i)account\\s+(?:suspended|locked|disabled)'"
one url "  - url: [bit.ly, geocities.com]"

INV="$DRAGNET investigate --investigation"
# The pair the issue is judged on: GMime and the 18 filters on all cores, alternating.
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/pair.json" --export-markdown "$WORK/pair.md" \
    -n "gmime_dump (parse only)" "xargs -a $WORK/files $WORK/gmime_dump > /dev/null" \
    -n "dragnet investigate, 18 filters (all cores)" "$INV $SPEC $CORPUS > /dev/null"
cat "$WORK/pair.md"
python3 - "$WORK/pair.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
g, d = r[0], r[1]
print("wall ratio gmime_dump / dragnet: %.2fx (median %.2fx); CPU ratio: %.2fx" % (
    g["mean"] / d["mean"], g["median"] / d["median"],
    (g["user"] + g["system"]) / (d["user"] + d["system"])))
PY

# One core, one kind of filter at a time (the issue's table).
hyperfine --warmup 1 --runs "$(( RUNS > 5 ? 5 : RUNS ))" --export-markdown "$WORK/single.md" \
    -n "envelope only (1 core)" "$INV $WORK/envelope.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "header (1 core)" "$INV $WORK/header.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "one keyword (1 core)" "$INV $WORK/keyword.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "one regex (1 core)" "$INV $WORK/regex.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "one url (1 core)" "$INV $WORK/url.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "18 filters (1 core)" "$INV $SPEC --jobs 1 $CORPUS > /dev/null"
cat "$WORK/single.md"

/usr/bin/time -v $INV "$SPEC" "$CORPUS" 2>&1 >/dev/null \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print "peak RSS of the investigation (all cores): " $2 " KB"}'
xargs -a "$WORK/files" /usr/bin/time -v "$WORK/gmime_dump" 2>&1 >/dev/null \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); if ($2 > m) m = $2} END {print "peak RSS of gmime_dump: " m " KB"}'
$INV "$SPEC" --format jsonl "$CORPUS" | tail -1 \
    | python3 -c 'import json,sys; s=json.loads(sys.stdin.read()); print("messages scanned:", s.get("messagesScanned"), "matched:", s.get("messagesMatched"))'
