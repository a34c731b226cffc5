#!/usr/bin/env bash
# Times reading PST/OST files: libpff's own exporter (pffexport, Debian pff-tools) against
# `dragnet inspect`, both reading every item and every attachment of the same files.
#
#   pffexport: exports every allocated item (bodies in all formats, attachments, recipients,
#              headers) to a tmpfs folder, one process per file;
#   dragnet:   reads every item, decompresses RTF, hashes every body and attachment (SHA-256) and
#              prints one JSON record per item.
#
# The corpus PSTs are small (265 KB each), so the script copies them COPIES times (default 100) into a
# tmpfs folder: the figure is then per-item work rather than process start-up.
# Usage: scripts/bench-pst.sh [COPIES]   (needs hyperfine, pff-tools and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-100}"
corpus="../shared/corpus/outlook/files"
work="/dev/shm/dragnet-bench-pst"
rm -rf "$work"
mkdir -p "$work/in"
for f in tika__testPST_variousBodyTypes.pst pstsdk__sample1.pst pstsdk__test_ansi.pst aspose__PersonalStorageFile.ost; do
    for i in $(seq 1 "$copies"); do cp "$corpus/$f" "$work/in/$i-$f"; done
done
dragnet=.build/release/dragnet
echo "files: $(ls "$work/in" | wc -l), $(du -sh "$work/in" | cut -f1)"
echo "items read by dragnet: $($dragnet inspect "$work/in" 2>/dev/null | wc -l)"
hyperfine --warmup 1 --runs 10 --export-markdown "$work/pst.md" \
    --prepare "rm -rf $work/out; mkdir -p $work/out" \
    -n "pffexport (every item and attachment, one file at a time)" \
    "for f in $work/in/*; do pffexport -q -m items -f all -t $work/out/\$(basename \$f) \$f >/dev/null 2>&1 || true; done" \
    -n "dragnet inspect --jobs 1" "$dragnet inspect --jobs 1 $work/in >/dev/null 2>&1 || true" \
    -n "dragnet inspect (both cores)" "$dragnet inspect $work/in >/dev/null 2>&1 || true"
cat "$work/pst.md"
/usr/bin/time -v "$dragnet" inspect --jobs 1 "$work/in" 2>&1 >/dev/null | grep -E "Maximum resident"
rm -rf "$work"
