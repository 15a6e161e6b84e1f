#!/usr/bin/env bash
# The smallest JVM heap `calcify detect` needs, per scan: a bisection on -Xmx (to STEP MB) over the scans
# given, next to each scan's own size (voxels x 2 bytes, int16 HU). Peak resident memory (RSS) is printed
# too: it holds the heap the JVM chose to use plus PyTorch's native memory (about 0.5 GB, the same for every
# scan). Usage: [CALCIFY=launcher] [STEP=25] bench/detect-memory.sh SCAN [SCAN ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
calcify="${CALCIFY:-$root/calcify}"
step="${STEP:-25}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$calcify" --version >/dev/null
echo "| scan | voxels | int16 size MB | smallest heap MB | peak RSS MB at that heap | default heap: peak RSS MB |"
echo "|---|---|---|---|---|---|"
for scan in "$@"; do
  voxels=$(/usr/bin/python3 -c "import nibabel,sys,numpy; print(int(numpy.prod(nibabel.load(sys.argv[1]).shape)))" "$scan")
  runs() { # heap MB (0: default) -> exit code; RSS KB in $work/rss
    rm -rf "$work/out"
    local opts=""
    [ "$1" -gt 0 ] && opts="-Xmx${1}m"
    CALCIFY_JAVA_OPTS="$opts" /usr/bin/time -f "%M" -o "$work/rss" "$calcify" detect --input "$scan" --out "$work/out" --quiet >/dev/null 2>&1
  }
  runs 0; rss_default=$(( $(cat "$work/rss") / 1024 ))
  lo=0; hi=$(( voxels * 2 / 1048576 * 8 + 200 ))
  while [ $((hi - lo)) -gt "$step" ]; do
    mid=$(( (lo + hi) / 2 ))
    if runs "$mid"; then hi=$mid; else lo=$mid; fi
  done
  runs "$hi"; rss=$(( $(cat "$work/rss") / 1024 ))
  echo "| $scan | $voxels | $(( voxels * 2 / 1048576 )) | $hi | $rss | $rss_default |"
done
