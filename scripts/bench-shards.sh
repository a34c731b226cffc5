#!/usr/bin/env bash
# Benchmarks sharded runs (--shard K/N, dragnet merge; issue 19) on the SpamAssassin corpus:
#  1. N = 1, 2, 4 shards with --jobs 1, run one after another: each shard's time and bytes (per-shard
#     throughput), and the merge's time;
#  2. the merge's cost as the match count grows: partials of an investigation that matches every
#     message, replicated x1, x4, x16 (their lines copied under new walk steps), merged.
# Figures go to docs/benchmarks.md ("Sharded runs").
#
#   scripts/bench-shards.sh [CORPUS]     (default: ../shared/corpus/spamassassin)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/spamassassin}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }

swift build -c release --product dragnet 2>&1 | tail -1
bin=$PWD/.build/release/dragnet
investigation=$PWD/scripts/bench-investigation.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$(du -sb "$corpus" | cut -f1)
files=$(find "$corpus" -type f | wc -l)
echo "corpus: $files files, $bytes bytes"

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }

# Page cache warm, as for every run below.
"$bin" investigate --investigation "$investigation" --jobs 1 "$corpus" > /dev/null || true

echo
echo "| N | shard | files | MB | seconds | MB/s |"
echo "|---|---|---|---|---|---|"
for n in 1 2 4; do
    for k in $(seq 1 "$n"); do
        start=$(now)
        "$bin" investigate --investigation "$investigation" --jobs 1 --shard "$k/$n" --format partial \
            --output "$work/p$k-of-$n.jsonl" "$corpus" > /dev/null || [ $? -eq 3 ]
        end=$(now)
        weight=$(head -1 "$work/p$k-of-$n.jsonl" | python3 -c 'import json,sys; h=json.load(sys.stdin)["export"]; print(h["shardEntries"], h["shardWeight"] - 4096 * h["shardEntries"])')
        set -- $weight
        t=$(seconds "$start" "$end")
        echo "| $n | $k | $1 | $(echo "scale=1; $2 / 1000000" | bc) | $t | $(echo "scale=1; $2 / 1000000 / $t" | bc) |"
    done
    start=$(now)
    "$bin" merge --output "$work/merged-$n.json" "$work"/p*-of-"$n".jsonl > /dev/null || [ $? -eq 3 ]
    end=$(now)
    echo "| $n | merge | | $(du -cb "$work"/p*-of-"$n".jsonl | tail -1 | cut -f1 | awk '{printf "%.2f", $1 / 1000000}') (partials) | $(seconds "$start" "$end") | |"
done

# The merge as matches grow: every message matches (a keyword every message has).
cat > "$work/everything.yaml" <<'YAML'
name: Every message
match: any
filters:
  - header: {name: Received, contains: "by"}
  - subject: "e"
action:
  type: none
YAML
for k in 1 2 3 4; do
    "$bin" investigate --investigation "$work/everything.yaml" --jobs 1 --shard "$k/4" --format partial \
        --output "$work/all$k.jsonl" "$corpus" > /dev/null || [ $? -eq 3 ]
done
echo
echo "| copies | matches | partial MB | merge seconds (json) | µs per match |"
echo "|---|---|---|---|---|"
for copies in 1 4 16; do
    for k in 1 2 3 4; do
        python3 - "$work/all$k.jsonl" "$work/x$copies-$k.jsonl" "$copies" <<'PY'
import json, sys
source, target, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(source, "rb").read().splitlines()
body = lines[1:-1]
out = [lines[0]]
# Each step's lines copied under steps step*copies + c: the copies stay in walk order.
groups = {}
for line in body:
    groups.setdefault(json.loads(line)["step"], []).append(line)
for step in sorted(groups):
    for c in range(copies):
        for line in groups[step]:
            record = json.loads(line)
            record["step"] = step * copies + c
            out.append(json.dumps(record, sort_keys=True, separators=(",", ":")).encode())
trailer = json.loads(lines[-1])
trailer["lines"] = len(out) + 1
out.append(json.dumps(trailer, sort_keys=True, separators=(",", ":")).encode())
open(target, "wb").write(b"\n".join(out) + b"\n")
PY
    done
    start=$(now)
    "$bin" merge --output "$work/x$copies.json" "$work"/x"$copies"-*.jsonl > /dev/null || [ $? -eq 3 ]
    end=$(now)
    matches=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["messagesMatched"])' "$work/x$copies.json")
    t=$(seconds "$start" "$end")
    mb=$(du -cb "$work"/x"$copies"-*.jsonl | tail -1 | cut -f1 | awk '{printf "%.1f", $1 / 1000000}')
    echo "| x$copies | $matches | $mb | $t | $(echo "scale=1; $t * 1000000 / $matches" | bc) |"
done
