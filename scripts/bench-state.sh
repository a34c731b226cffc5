#!/usr/bin/env bash
# Benchmarks investigations with a state (--state, issue 14) on the SpamAssassin corpus, side by side
# with a run without state: the first run with a state, an unchanged re-run, and a re-run after 10 %
# more files were added; then the state's size per item. Figures go to docs/benchmarks.md.
# Wall and CPU by hyperfine (RUNS per command), then both over ROUNDS interleaved rounds (default 9).
#
#   [INVESTIGATION=FILE] [RUNS=N] [ROUNDS=N] scripts/bench-state.sh [CORPUS]
#                                       (default: ../shared/corpus/spamassassin)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/spamassassin}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

# The binary users are handed: a release build with the Swift runtime linked in, as
# scripts/package-release.sh makes it (in a build folder of its own: the first build takes minutes).
# It starts in 7 ms instead of 13 (no symbols of the Swift libraries to bind), which counts in a re-run.
scratch=${DRAGNET_SCRATCH:-.build-static}
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product dragnet 2>&1 | tail -1
bin=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/dragnet
# INVESTIGATION: 16 filters of every kind matching half the corpus (the default), or
# scripts/bench-investigation-campaign.yaml, one campaign's hunt (21 matches).
investigation=$PWD/${INVESTIGATION:-scripts/bench-investigation.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The export: a copy of the corpus. The "10 % more": copies of every tenth file under new names,
# kept aside until the re-run that finds them.
cp -r "$corpus" "$work/export"
mkdir -p "$work/more/zz-added"
find "$work/export" -type f | sort | awk 'NR % 10 == 0' | while read -r file; do
    cp "$file" "$work/more/zz-added/$(basename "$file")-copy"
done
# Files older than the runs, as an export handed over is (a file changed within two seconds of a
# run is checked by its content on the next one).
find "$work" -type f -exec touch -d '1 hour ago' {} +
items=$(find "$work/export" -type f | wc -l)
added=$(find "$work/more" -type f | wc -l)
echo "export: $items files; added later: $added files"

# The state of the export before the 10 % were added, kept to start each timed re-run from (paths
# as the timed runs give them: the state is keyed by the paths reports name).
cd "$work"
"$bin" investigate --investigation "$investigation" --state base.sqlite export >/dev/null
mv more/zz-added export/zz-added
hyperfine --warmup 1 --runs "${RUNS:-7}" --export-markdown "$work/results.md" --export-json "$work/results.json" \
    -n "without state" --prepare "true" "$bin investigate --investigation $investigation export > /dev/null" \
    -n "first run with --state" --prepare "rm -f full.sqlite full.sqlite-wal full.sqlite-shm" \
        "$bin investigate --investigation $investigation --state full.sqlite export > /dev/null" \
    -n "unchanged re-run" --prepare "true" \
        "$bin investigate --investigation $investigation --state full.sqlite export > /dev/null" \
    -n "re-run after +10 % files" --prepare "cp base.sqlite plus.sqlite; rm -f plus.sqlite-wal plus.sqlite-shm" \
        "$bin investigate --investigation $investigation --state plus.sqlite export > /dev/null"
cat "$work/results.md"
# Medians (the machine may be shared: the median of several runs is steadier than the mean), and
# each run's CPU time, with each figure as a share of the run without state.
python3 - "$work/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]
def cpu(r): return r["user"] + r["system"]  # hyperfine gives CPU time as a mean only
print("| run | median wall [s] | share | mean CPU [s] | share |")
print("|---|---:|---:|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['median']:.3f} | {100 * r['median'] / base['median']:.0f} % | {cpu(r):.3f} | {100 * cpu(r) / cpu(base):.0f} % |")
# The issue's re-run targets are shares "of a full run's time": also given of the full run with --state.
full = results[1]
for r in results[2:]:
    print(f"{r['command']}: {100 * r['median'] / full['median']:.1f} % of the full run with --state (wall), {100 * cpu(r) / cpu(full):.1f} % (CPU)")
PY

# Wall and CPU time, interleaved: hyperfine times each command in a block of its own, so a machine
# whose speed drifts (a shared host) favours one block over another. Here each round runs the four in
# turn, each timed by the clock and by the CPU its process used (getrusage), and the medians (and the
# minimums, which interference from the host only raises) of the rounds are given.
python3 - "$bin" "$investigation" "${ROUNDS:-9}" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
bin, investigation, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def timed(*state):
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    subprocess.run([bin, "investigate", "--investigation", investigation, *state, "export"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall, after = time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
def fresh(name):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(name + suffix): os.remove(name + suffix)
runs = {"without state": [], "first run with --state": [], "unchanged re-run": [], "re-run after +10 % files": []}
for _ in range(rounds):
    runs["without state"].append(timed())
    fresh("cpu-first.sqlite")
    runs["first run with --state"].append(timed("--state", "cpu-first.sqlite"))
    runs["unchanged re-run"].append(timed("--state", "full.sqlite"))
    fresh("cpu-plus.sqlite")
    shutil.copy("base.sqlite", "cpu-plus.sqlite")
    runs["re-run after +10 % files"].append(timed("--state", "cpu-plus.sqlite"))
def figures(name, kind):
    values = [run[kind] for run in runs[name]]
    return statistics.median(values), min(values)
print(f"| run ({rounds} interleaved rounds) | median wall [s] | share | min share | median CPU [s] | share | min share |")
print("|---|---:|---:|---:|---:|---:|---:|")
base_wall, base_cpu = figures("without state", 0), figures("without state", 1)
for name in runs:
    (wall, wall_min), (cpu, cpu_min) = figures(name, 0), figures(name, 1)
    print(f"| {name} | {wall:.3f} | {100 * wall / base_wall[0]:.1f} % | {100 * wall_min / base_wall[1]:.1f} % "
          f"| {cpu:.3f} | {100 * cpu / base_cpu[0]:.1f} % | {100 * cpu_min / base_cpu[1]:.1f} % |")
full_wall, full_cpu = figures("first run with --state", 0), figures("first run with --state", 1)
for name in ("unchanged re-run", "re-run after +10 % files"):
    (wall, _), (cpu, _) = figures(name, 0), figures(name, 1)
    print(f"{name}: {100 * wall / full_wall[0]:.1f} % of the full run with --state (median wall), {100 * cpu / full_cpu[0]:.1f} % (CPU)")
PY

size=$(stat -c %s "$work/full.sqlite")
total=$("$bin" investigate --investigation "$investigation" --state full.sqlite export | grep -o '"itemsReused": [0-9]*' | grep -o '[0-9]*$')
echo "state: $size bytes for $total items: $((size / total)) bytes per item"
