#!/usr/bin/env bash
# Refreshes the NiiVue bundle that calcify serve's viewer loads (no CDN at run time): fetches the npm package
# @niivue/niivue at the version given (default: the one vendored now), copies its browser bundle
# dist/niivue.umd.js into calcify-serve's resources and records the version and the bundle's sha256.
# Usage: bench/refresh-niivue.sh [VERSION]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/calcify-serve/src/main/resources/web/vendor/niivue"
version="${1:-$(awk 'NR==1{print $2}' "$dest/VERSION")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@niivue/niivue@$version" >/dev/null && tar xzf niivue-niivue-"$version".tgz)
license="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["license"])' "$work/package/package.json")"
[ "$license" = "BSD-2-Clause" ] || { echo "refresh-niivue: licence is now $license, not BSD-2-Clause: check before vendoring" >&2; exit 1; }
cp "$work/package/dist/niivue.umd.js" "$dest/niivue.umd.js"
if [ -f "$work/package/LICENSE" ]; then cp "$work/package/LICENSE" "$dest/LICENSE"; fi
sum="$(sha256sum "$dest/niivue.umd.js" | cut -d' ' -f1)"
sed -i "1s/.*/@niivue\/niivue $version (npm registry), dist\/niivue.umd.js/; 2s/.*/sha256 $sum/" "$dest/VERSION"
echo "vendored @niivue/niivue $version ($sum) into $dest"
