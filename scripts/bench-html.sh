#!/usr/bin/env bash
# Benchmark on HTML-heavy mail: the 18-filter investigation (scripts/bench-investigation-18.yaml)
# on every core, side by side with the GMime reference dumper (parse, decode, SHA-256 and text of
# every part) over the same files, in alternating pairs of runs; then one-core
# rows with one kind of filter each (envelope only, header, one keyword, one regex, one url) and
# the 18 filters on one core. Prints the wall-time ratio and the investigation's peak RSS.
#
#   scripts/generate-html-bench.py /tmp/dragnet-html-bench      (once; ~300 MB, not committed)
#   scripts/bench-html.sh [CORPUS_DIR] [RUNS]     (default: /tmp/dragnet-html-bench, 10 pairs)
#   DRAGNET=/path/to/dragnet scripts/bench-html.sh   (time that binary instead of building one)
#
# Needs: hyperfine, GNU time (/usr/bin/time), cc and libgmime-3.0-dev. Nothing is written beside the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-/tmp/dragnet-html-bench}"
RUNS="${2:-10}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ -z "${DRAGNET:-}" ]; then  # DRAGNET=path/to/dragnet times another build (e.g. an older one)
    swift build -c release --product dragnet >/dev/null
    DRAGNET="$(swift build -c release --show-bin-path)/dragnet"
fi
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
# The pair the issue is judged on: GMime and the 18 filters on all cores, in alternating pairs (one
# hyperfine call per pair, so that both sides of a pair see the same machine load).
hyperfine --runs 1 -n warmup-gmime "xargs -a $WORK/files $WORK/gmime_dump > /dev/null" \
    -n warmup-dragnet "$INV $SPEC $CORPUS > /dev/null" > /dev/null
for i in $(seq "$RUNS"); do
    hyperfine --runs 1 --export-json "$WORK/pair-$i.json" \
        -n "gmime_dump (parse only)" "xargs -a $WORK/files $WORK/gmime_dump > /dev/null" \
        -n "dragnet investigate, 18 filters (all cores)" "$INV $SPEC $CORPUS > /dev/null" > /dev/null
done
python3 - "$WORK" "$RUNS" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
pairs = [json.load(open("%s/pair-%d.json" % (work, i + 1)))["results"] for i in range(runs)]
for k in (0, 1):
    walls = [p[k]["mean"] for p in pairs]
    cpus = [p[k]["user"] + p[k]["system"] for p in pairs]
    print("%-45s wall median %.3f s (min %.3f, max %.3f); CPU median %.3f s" % (
        pairs[0][k]["command"], statistics.median(walls), min(walls), max(walls), statistics.median(cpus)))
ratios = [p[0]["mean"] / p[1]["mean"] for p in pairs]
cpu = [(p[0]["user"] + p[0]["system"]) / (p[1]["user"] + p[1]["system"]) for p in pairs]
print("wall ratio gmime_dump / dragnet over %d alternating pairs: median %.2fx (min %.2fx, max %.2fx); CPU ratio median %.2fx" % (
    runs, statistics.median(ratios), min(ratios), max(ratios), statistics.median(cpu)))
PY

# One core, one kind of filter at a time (the issue's table); SINGLES=0 skips them.
[ "${SINGLES:-1}" = 0 ] || hyperfine --warmup 1 --runs "$(( RUNS > 5 ? 5 : RUNS ))" --export-markdown "$WORK/single.md" \
    -n "envelope only (1 core)" "$INV $WORK/envelope.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "header (1 core)" "$INV $WORK/header.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "one keyword (1 core)" "$INV $WORK/keyword.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "one regex (1 core)" "$INV $WORK/regex.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "one url (1 core)" "$INV $WORK/url.yaml --jobs 1 $CORPUS > /dev/null" \
    -n "18 filters (1 core)" "$INV $SPEC --jobs 1 $CORPUS > /dev/null"
[ "${SINGLES:-1}" = 0 ] || cat "$WORK/single.md"

/usr/bin/time -v $INV "$SPEC" "$CORPUS" 2>&1 >/dev/null \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print "peak RSS of the investigation (all cores): " $2 " KB"}'
xargs -a "$WORK/files" /usr/bin/time -v "$WORK/gmime_dump" 2>&1 >/dev/null \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); if ($2 > m) m = $2} END {print "peak RSS of gmime_dump: " m " KB"}'
$INV "$SPEC" --format jsonl "$CORPUS" | tail -1 \
    | python3 -c 'import json,sys; s=json.loads(sys.stdin.read()); print("messages scanned:", s.get("messagesScanned"), "matched:", s.get("messagesMatched"))'
