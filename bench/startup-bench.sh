#!/usr/bin/env bash
# Start-up of short commands with and without the class-data-sharing archive the ./calcify launcher
# keeps (calcify-cli/target/cds/COMMAND.jsa; CALCIFY_CDS=0 turns it off). Runs alternate between
# the two so that load on the machine hits both alike; prints the median and the spread of each.
# Usage: bench/startup-bench.sh [RUNS] [NIFTI]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-15}"
nifti="${2:-$root/testdata/realdata/totalseg/example_ct_sm.nii.gz}"
"$root/calcify" --version > /dev/null   # build outside the timing, and make the archives
"$root/calcify" info "$nifti" > /dev/null
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %d ms (min %d, max %d, %d runs)", m, v[1], v[NR], NR }'; }
declare -A t
for cmd in "--version" "info"; do
  args=("$cmd"); [ "$cmd" = info ] && args=(info "$nifti")
  on=(); off=()
  for ((i = 0; i < runs; i++)); do
    on+=("$(ms "$root/calcify" "${args[@]}")")
    off+=("$(ms env CALCIFY_CDS=0 "$root/calcify" "${args[@]}")")
  done
  echo "calcify ${args[*]##*/}: with CDS $(printf '%s\n' "${on[@]}" | median); without $(printf '%s\n' "${off[@]}" | median)"
done
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
