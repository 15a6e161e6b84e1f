#!/usr/bin/env bash
# DICOMweb round trip against a local Orthanc (issue 16): pull a CT study (WADO-RS), detect with the default
# model writing SEG and SR (--dicom-out), push them (STOW-RS). The timed part is
#   calcify detect --input dicomweb://127.0.0.1:PORT/dicom-web?StudyInstanceUID=... --dicom-out
#   calcify pacs push seg.dcm sr.dcm
# each a fresh JVM, as a user runs them. Setup (starting Orthanc, storing the study) is not timed.
#
# Study: the project's real chest, testdata/realdata/tcia-lungdx-a0001-chest/dicom (512x512x36, 5 mm), or the
# DICOM series folder given as STUDY_DIR, or with STUDY=phantom80 the issue's 512x512x80 study: a phantom made by
#   calcify phantom --count 1 --size 512 --slices 80-80 --seed 2
# and written as a CT image series by `calcify convert ... --to dicom` (not timed).
#
# Usage: [STUDY=phantom80] bench/pacs-bench.sh [WORK_DIR]   (needs /usr/sbin/Orthanc and Debian's orthanc-dicomweb plugin)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
study_dir="${STUDY_DIR:-$root/testdata/realdata/tcia-lungdx-a0001-chest/dicom}"
calcify="${CALCIFY:-$root/calcify}"
case "${STUDY:-}" in
  "") ;;
  phantom80)
    "$calcify" phantom --out "$work/phantom" --count 1 --size 512 --slices 80-80 --seed 2
    kvp=$(python3 -c 'import csv,sys; r=next(csv.DictReader(open(sys.argv[1]))); print(r.get("kvp", ""))' "$work/phantom/cohort.csv")
    study_dir="$work/phantom-dicom"
    "$calcify" convert "$work/phantom/case-0000/ct.nii.gz" "$study_dir" --to dicom ${kvp:+--kvp "$kvp"}
    ;;
  *) echo "unknown STUDY=$STUDY (known: phantom80)" >&2; exit 2 ;;
esac
plugin=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
mkdir -p "$work/storage"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'bench-password\n' > "$work/password"
cat > "$work/orthanc.json" <<JSON
{"Name": "calcify-bench", "HttpPort": $port, "DicomServerEnabled": false,
 "StorageDirectory": "$work/storage", "IndexDirectory": "$work/storage", "Plugins": ["$plugin"],
 "DicomWeb": {"Enable": true, "Root": "/dicom-web/"}, "RemoteAccessAllowed": false,
 "AuthenticationEnabled": true, "RegisteredUsers": {"bench": "bench-password"}}
JSON
/usr/sbin/Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 &
orthanc=$!
trap 'kill $orthanc 2>/dev/null; wait $orthanc 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf -u bench:bench-password "http://127.0.0.1:$port/system" > /dev/null && break
  sleep 0.1
done
url="http://127.0.0.1:$port/dicom-web"
auth=(--user bench --password-file "$work/password")
"$calcify" pacs push --url "$url" "${auth[@]}" "$study_dir"
study=$("$calcify" pacs query --url "$url" "${auth[@]}" | awk 'NR==2 {print $1}')
echo "study $study ($(ls "$study_dir" | wc -l) files)"

start=$(date +%s.%N)
"$calcify" detect --input "dicomweb://127.0.0.1:$port/dicom-web?StudyInstanceUID=$study" "${auth[@]}" --out "$work/det" --dicom-out --quiet
mid=$(date +%s.%N)
results=$(find "$work/det" -maxdepth 2 \( -name seg.dcm -o -name sr.dcm \) | sort)
# shellcheck disable=SC2086
"$calcify" pacs push --url "$url" "${auth[@]}" $results
end=$(date +%s.%N)
python3 - "$start" "$mid" "$end" <<'PY'
import sys
s, m, e = map(float, sys.argv[1:])
print(f"pull+detect (--dicom-out): {m - s:.1f} s; push SEG/SR: {e - m:.1f} s; total: {e - s:.1f} s")
PY
