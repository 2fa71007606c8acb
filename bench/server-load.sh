#!/usr/bin/env bash
# Server throughput and latency (issue 14) with wrk: one release server on
# SQLite with demo data, each endpoint in the same run so the figures
# compare. Not part of CI.
#   bench/server-load.sh [path/to/slaboard] [site-root]   (defaults: the release build)
# Prints one line per endpoint: requests/s, p50, p99.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
bin="${1:-$CARGO_TARGET_DIR/release/slaboard}"
site="${2:-$CARGO_TARGET_DIR/site}"
[ -d "$site" ] || site="$ROOT/target/site"
apt_install wrk curl brotli
# Served as the demo serves it: with the precompressed copies.
bash "$ROOT/scripts/precompress.sh" "$site" >/dev/null
duration="${DURATION:-10s}"; connections="${CONNECTIONS:-32}"; threads="${THREADS:-2}"
data="$(mktemp -d)"; log="$data/server.log"
"$bin" --demo --data-dir "$data" --listen 127.0.0.1:0 --site-root "$site" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true)"; [ -n "$url" ] && break; sleep 0.2
done
[ -n "$url" ] || { cat "$log"; exit 1; }

cookie() {  # the session cookie of a signed-in demo account
  curl -s -o /dev/null -c - -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"demo-password-2026\"}" "$url/api/auth/login" \
    | awk '/slaboard_session/ {print "slaboard_session=" $7}'
}
lead="$(cookie lead@slaboard.example)"; client="$(cookie client@technomarket.example)"
[ -n "$lead" ] && [ -n "$client" ] || { echo "sign-in failed" >&2; exit 1; }

post_lua="$data/post.lua"
cat >"$post_lua" <<'LUA'
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Encoding"] = os.getenv("ENCODING") or ""
if os.getenv("COOKIE") ~= "" then wrk.headers["Cookie"] = os.getenv("COOKIE") end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
get_lua="$data/get.lua"
sed -e 's/wrk.method = "POST"/wrk.method = "GET"/' -e '/wrk.body/d' -e '/Content-Type/d' "$post_lua" >"$get_lua"

run() {  # name script path cookie encoding
  local line
  line="$(COOKIE="$4" ENCODING="$5" wrk -t"$threads" -c"$connections" -d"$duration" -s "$2" "$url$3" | grep RESULT)"
  printf '%-44s %s\n' "$1" "${line#RESULT }"
}
echo "wrk -t$threads -c$connections -d$duration against $url ($(nproc) cores)"
run "POST /api/time, anonymous" "$post_lua" /api/time "" ""
run "POST /api/time, signed in" "$post_lua" /api/time "$lead" ""
run "POST /api/board, client (own organisation)" "$post_lua" /api/board "$client" ""
run "POST /api/board, lead (all cards)" "$post_lua" /api/board "$lead" ""
run "POST /api/board, lead, Accept-Encoding: br" "$post_lua" /api/board "$lead" "br"
run "GET /pkg/slaboard.css" "$get_lua" /pkg/slaboard.css "" ""
run "GET /pkg/slaboard.css, Accept-Encoding: br" "$get_lua" /pkg/slaboard.css "" "br"
echo "resident memory after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
