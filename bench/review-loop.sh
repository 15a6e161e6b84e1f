#!/usr/bin/env bash
# The review loop end to end on phantom scans (docs/review.md): the default model proposes, a scripted reader
# (bench/review_reader.py, the phantom's truth) corrects and signs every training scan through calcify serve's API,
# the signed scans become shards (extract --reviewed), the default model is fine-tuned on them (train --init default),
# and the corrections a reader would need on held-out scans are counted for the default and the fine-tuned model.
# Usage: bench/review-loop.sh [WORK] (env: TRAIN=12 HELD_OUT=6 SIZE=256 EPOCHS=3 SOURCE=phantom|hybrid|demo DEMO=DIR)
# SOURCE=hybrid reviews hybrid cases instead (plaques inserted into the project's real chest, docs/hybrid.md, with
# seeds no other bench uses): the site's own real background, where the default model errs most.
# REHEARSE=DIR fine-tunes on the reviewed shards together with DIR, the default model's own training shards
# (WORK/shards of bench/build-default-model.sh), listed in one shards.csv: without them the fine-tuned model
# forgets (docs/review.md).
# SOURCE=demo DEMO=DIR runs the loop on the demo's cohort: DIR is what `./calcify demo --out DIR` wrote; its model
# (DIR/pipeline/model) proposes and is fine-tuned, its own training shards (DIR/pipeline/shards) are rehearsed, and
# the reviewed and held-out scans are new cases drawn as the demo draws its cohort (512x512, 2.5-3 mm slices,
# 110-150 mm coverage; seeds 531 and 532, which the demo never uses).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/calcify-review-loop}"
train="${TRAIN:-12}"; held="${HELD_OUT:-6}"; size="${SIZE:-256}"; epochs="${EPOCHS:-3}"
calcify="${CALCIFY:-$root/calcify}"
py=/usr/bin/python3
port=$((20000 + RANDOM % 20000))
mkdir -p "$work"
stamp() { echo "[$(date -u +%H:%M:%S)] $*"; }
serve() {  # serve DIR, run the reader with the rest of the arguments, stop
  "$calcify" serve --cohort "$1" --port "$port" > "$work/serve.log" 2>&1 &
  local server=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/legend"; do sleep 0.2; done
  shift
  "$py" "$root/bench/review_reader.py" "http://127.0.0.1:$port" "$@"
  local children; children=$(pgrep -P "$server" || true)
  kill $children "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  for c in $children; do while kill -0 "$c" 2>/dev/null; do sleep 0.2; done; done
}

init=default
context="9,33,33@5,4,4/heart"
if [ "${SOURCE:-phantom}" = demo ]; then
  demo="$(cd "${DEMO:?SOURCE=demo needs DEMO=DIR, the output of ./calcify demo}" && pwd)"
  init="$demo/pipeline/model"
  context="$(cat "$demo/pipeline/shards/context.txt")"
  REHEARSE="${REHEARSE:-$demo/pipeline/shards}"
  stamp "demo cohort: $train training + $held held-out scans drawn as the demo draws them; model $init"
  [ -f "$work/train/cohort.csv" ] || "$calcify" phantom --out "$work/train" --count "$train" --seed 531 --size 512 --slice-mm 2.5..3 --coverage-mm 110..150 > /dev/null
  [ -f "$work/held/cohort.csv" ] || "$calcify" phantom --out "$work/held" --count "$held" --seed 532 --size 512 --slice-mm 2.5..3 --coverage-mm 110..150 > /dev/null
elif [ "${SOURCE:-phantom}" = hybrid ]; then
  stamp "hybrid: $train training + $held held-out scans in the real chest"
  chest="$root/testdata/realdata/tcia-lungdx-a0001-chest/dicom"
  hy=(--plaques-per-case 1-5 --non-coronary 0-2 --empty-fraction 0.2 --extra-noise-hu 30)
  [ -f "$work/train/cohort.csv" ] || "$calcify" hybrid --background "$chest" --out "$work/train" --count "$train" --seed 511 "${hy[@]}" > /dev/null
  [ -f "$work/held/cohort.csv" ] || "$calcify" hybrid --background "$chest" --out "$work/held" --count "$held" --seed 512 "${hy[@]}" > /dev/null
else
  stamp "phantom: $train training + $held held-out scans, ${size}x${size}"
  [ -f "$work/train/cohort.csv" ] || "$calcify" phantom --out "$work/train" --count "$train" --seed 501 --size "$size" > /dev/null
  [ -f "$work/held/cohort.csv" ] || "$calcify" phantom --out "$work/held" --count "$held" --seed 502 --size "$size" > /dev/null
fi
stamp "detect (model: $init)"
[ -f "$work/train-det/cohort.csv" ] || "$calcify" detect --model "$init" --input "$work/train" --out "$work/train-det" --quiet > /dev/null || true
[ -f "$work/held-det/cohort.csv" ] || "$calcify" detect --model "$init" --input "$work/held" --out "$work/held-det" --quiet > /dev/null || true
stamp "scripted review of the training scans"
serve "$work/train-det" "$work/train-det" --reader "scripted reader" | tee "$work/review-train.jsonl" | tail -1
stamp "extract --reviewed"
rm -rf "$work/shards"
"$calcify" extract --reviewed "$work/train-det" --candidates --heart-region --max-component-mm3 3000 --mode cube --size 9,33,33 \
  --context "$context" --per-class 2000 --per-class-none 8000 --output "$work/shards" --quiet
stamp "train --init $init ($epochs epochs)"
rm -rf "$work/model"
data="$work/shards"
if [ -n "${REHEARSE:-}" ]; then
  data="$work/rehearsal"; rm -rf "$data"; mkdir -p "$data"
  ln -s "$work/shards" "$data/reviewed"; ln -s "$(cd "$REHEARSE" && pwd)" "$data/original"
  printf 'shards,rows\nreviewed,%s\noriginal,%s\n' "$(($(wc -l < "$work/shards/index.csv") - 1))" \
    "$(($(wc -l < "$REHEARSE/index.csv") - 1))" > "$data/shards.csv"
  stamp "rehearsal: the reviewed shards with $REHEARSE"
fi
"$calcify" train --data "$data" --model cnn3d --task artery --other-class --no-emr --init "$init" --folds 5 --fold 0 \
  --epochs "$epochs" --lr 1e-4 --out "$work/model" --quiet | tail -2
stamp "held-out scans: corrections a reader would make"
echo "proposing model ($init):"; serve "$work/held-det" "$work/held-det" --dry-run | tail -1
rm -rf "$work/held-det-ft"
"$calcify" detect --model "$work/model" --input "$work/held" --out "$work/held-det-ft" --quiet > /dev/null || true
echo "fine-tuned model:"; serve "$work/held-det-ft" "$work/held-det-ft" --dry-run | tail -1
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
