#!/usr/bin/env bash
# Writes a brotli (.br) and a gzip (.gz) copy beside each WASM, JS and CSS
# file of the built site, for the server to send as they are (issue 14).
# Usage: scripts/precompress.sh [site-root]   (default: $CARGO_TARGET_DIR/site)
set -euo pipefail
site="${1:-${CARGO_TARGET_DIR:-target}/site}"
pkg="$site/pkg"
[ -d "$pkg" ] || { echo "no $pkg: build the site first (cargo leptos build --release)" >&2; exit 1; }
command -v brotli >/dev/null || { echo "brotli is missing (apt install brotli)" >&2; exit 1; }
for f in "$pkg"/*.wasm "$pkg"/*.js "$pkg"/*.css; do
  [ -f "$f" ] || continue
  brotli -f -q 11 -k -o "$f.br" "$f"
  gzip -f -9 -k -c "$f" >"$f.gz"
  # The copies must not look older than their file (the server refuses stale ones).
  touch -r "$f" "$f.br" "$f.gz"
done
ls -l "$pkg"
