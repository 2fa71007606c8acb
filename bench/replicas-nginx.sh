#!/usr/bin/env bash
# The multi-replica example, run for real: two `slaboard` replicas on one
# fresh PostgreSQL database behind Debian's nginx, with the locations of
# deploy/nginx.conf (plain HTTP on a local port instead of TLS). Checks
# through nginx that a sign-in works on either replica (sessions are in the
# database), that the live stream is not buffered, and that a move made
# through one replica reaches a stream held open on the other.
#
#   bash bench/replicas-nginx.sh [path/to/release/slaboard]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
apt_install nginx curl
ensure_postgres
bin="${1:-$CARGO_TARGET_DIR/release/slaboard}"
[ -x "$bin" ] || { echo "no release binary at $bin (cargo build --release -p slaboard)" >&2; exit 1; }
admin="${SLABOARD_TEST_PG:-postgres://postgres@127.0.0.1:5432/postgres}"
db="slaboard_nginx_$$"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$admin" -qc "CREATE DATABASE $db"
url="${admin%/*}/$db"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
p1=$(free_port); p2=$(free_port); front=$(free_port)
for port in $p1 $p2; do
  "$bin" --demo --database-url "$url" --listen "127.0.0.1:$port" --site-root "$work/site" \
    --client-ip-header X-Real-IP >"$work/replica-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q "running at" "$work/replica-$port.log" && break; sleep 0.1; done
done
# deploy/nginx.conf's upstream and locations, on a local HTTP port.
sed -n '/^upstream slaboard/,/^}/p' deploy/nginx.conf | sed "s/127.0.0.1:3001/127.0.0.1:$p1/; s/127.0.0.1:3002/127.0.0.1:$p2/" >"$work/upstream.conf"
awk '/^server \{/{n++} n==1' deploy/nginx.conf | sed -n '/location \/api\/events/,/^}/p' | sed '$d' >"$work/locations.conf"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
    log_format upstream '\$request \$upstream_addr';
    access_log $work/nginx-access.log upstream;
    client_body_temp_path $work/body; proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
    $(cat "$work/upstream.conf")
    server {
        listen 127.0.0.1:$front;
        $(cat "$work/locations.conf")
    }
}
CONF
nginx -c "$work/nginx.conf" -t -q
nginx -c "$work/nginx.conf"
base="http://127.0.0.1:$front"
login() {
  curl -sf -c "$1" -H 'content-type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"demo-password-2026\"}" "$base/api/auth/login" >/dev/null
}
login "$work/watcher" consultant@slaboard.example
login "$work/mover" lead@slaboard.example
# Round robin: whichever replica serves the stream, the moves below go to both.
curl -sN -b "$work/watcher" "$base/api/events" >"$work/stream" &
pids+=($!)
for _ in $(seq 1 50); do grep -q "event: ready\|event:ready" "$work/stream" 2>/dev/null && break; sleep 0.1; done
grep -q "ready" "$work/stream" || { echo "FAIL: the stream did not open through nginx"; cat "$work/stream"; exit 1; }
card=$(curl -sf -b "$work/mover" -H 'content-type: application/json' -d '{}' "$base/api/board" |
  python3 -c 'import json,sys; c=json.load(sys.stdin)["columns"][0]["cards"][0]; print(c["id"], c["version"])')
read -r id version <<<"$card"
for to in in_progress backlog; do
  version=$(curl -sf -b "$work/mover" -H 'content-type: application/json' \
    -d "{\"id\":$id,\"to\":\"$to\",\"version\":$version}" "$base/api/tickets/move" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
done
sleep 1
moves=$(grep -c "\"ticket_id\":$id,.*\"kind\":\"moved\"" "$work/stream" || true)
replicas=$(grep "POST /api/" "$work/nginx-access.log" | awk '{print $NF}' | sort -u | wc -l)
echo "API calls through nginx went to $replicas replica(s) (:$p1, :$p2); the stream held through nginx got $moves of 2 move events within 1 s"
[ "$replicas" = 2 ] || { echo "FAIL: round robin did not use both replicas"; cat "$work/nginx-access.log"; exit 1; }
[ "$moves" = 2 ] || { echo "FAIL"; cat "$work/stream"; exit 1; }
echo "ok: sessions shared, stream unbuffered, moves through both replicas reach one stream"
