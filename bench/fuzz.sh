#!/usr/bin/env bash
# Fuzzing at length (issue 14): the jqwik properties of calcify-cli's InfoFuzzProperties with TRIES mutated
# inputs per property (default 10000; the build runs 100). Each property mutates small seed files of one
# format (NIfTI .nii and .nii.gz, NRRD raw and gzip, MetaImage .mha and .mhd, DICOM, .npy, .npz stored and
# deflated, joblib plain and zlib) and passes them to the entry point of `calcify info`: only
# InvalidInputException may escape, each input within 2 s. Prints inputs read and refused per seed file.
# A failing input is kept as calcify-cli/target/fuzz-failure-*. Usage: bench/fuzz.sh [TRIES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tries="${1:-10000}"
cd "$root"
start=$(date +%s)
mvn -B -o -pl calcify-cli -am test -Dtest=InfoFuzzProperties -Dsurefire.failIfNoSpecifiedTests=false \
    -Djqwik.tries.default="$tries" 2>&1 | grep -E '^fuzz |Tests run:|FAIL|AssertionError|kept as' || true
echo "fuzz: $tries tries per property in $(( $(date +%s) - start )) s (build included)"
